//! [`RawProperties`]: a `properties` object kept as JSON, whose `Debug` shows names only.

use std::fmt;
use std::ops::{Deref, DerefMut};

use serde_json::{Map, Value};

/// A `properties` object kept as JSON: the properties of a connection type without a typed
/// struct, or those a response returns. Any of them may be a credential, so `Debug` prints
/// the property names only, never a value; serde reads and writes the object unchanged.
///
/// ```
/// use stitch_connect_schema::RawProperties;
///
/// let properties: RawProperties =
///     serde_json::from_str(r#"{"host": "db.example.com", "password": "hunter2"}"#).unwrap();
/// assert_eq!(format!("{properties:?}"), r#"{"host", "password"}"#);
/// assert_eq!(properties["host"], "db.example.com");
/// ```
#[derive(Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct RawProperties(Map<String, Value>);

impl RawProperties {
    /// No properties.
    pub fn new() -> Self {
        Self::default()
    }

    /// The JSON object, owned.
    pub fn into_map(self) -> Map<String, Value> {
        self.0
    }
}

/// Read it as the JSON object it is (`get`, `iter`, `keys`, indexing...).
impl Deref for RawProperties {
    type Target = Map<String, Value>;
    fn deref(&self) -> &Map<String, Value> {
        &self.0
    }
}

impl DerefMut for RawProperties {
    fn deref_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.0
    }
}

impl From<Map<String, Value>> for RawProperties {
    fn from(map: Map<String, Value>) -> Self {
        Self(map)
    }
}

impl From<RawProperties> for Value {
    fn from(properties: RawProperties) -> Self {
        Value::Object(properties.0)
    }
}

impl FromIterator<(String, Value)> for RawProperties {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

/// Prints the names only: any property may be a secret.
impl fmt::Debug for RawProperties {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.0.keys()).finish()
    }
}
