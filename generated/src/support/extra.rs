//! [`ExtraProperties`]: properties the spec does not know yet, carried to the wire.

use std::fmt;

use serde_json::Value;

use super::RawProperties;

/// Properties a struct does not know (the API adds properties before the spec knows them).
/// They are sent after the known ones. A name the struct knows is refused: set it through
/// its field instead.
#[derive(Clone, PartialEq, Default)]
pub struct ExtraProperties(RawProperties);

impl ExtraProperties {
    /// The value of an extra property.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name)
    }

    /// The extra properties, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds a property unless `known` (the struct's property names) has its name.
    #[doc(hidden)]
    pub fn insert_checked(
        &mut self,
        owner: &'static str,
        known: &[&str],
        name: String,
        value: Value,
    ) -> Result<(), ExtraPropertyError> {
        if known.contains(&name.as_str()) {
            return Err(ExtraPropertyError { owner, name });
        }
        self.0.insert(name, value);
        Ok(())
    }

    /// Adds a property the caller has already checked is unknown.
    #[doc(hidden)]
    pub fn insert_unknown(&mut self, name: String, value: Value) {
        self.0.insert(name, value);
    }
}

/// Prints the names only, as [`RawProperties`] does: an unknown property may well be a secret.
impl fmt::Debug for ExtraProperties {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// An extra property whose name the struct already knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraPropertyError {
    owner: &'static str,
    name: String,
}

impl ExtraPropertyError {
    /// The refused name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for ExtraPropertyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is a known property of {}: set it through its field (a read-only one is never sent, nor in an update one that cannot change once set), not as an extra property",
            self.name, self.owner
        )
    }
}

impl std::error::Error for ExtraPropertyError {}
