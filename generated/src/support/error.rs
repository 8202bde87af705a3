//! [`InvalidValue`]: why a string is not a valid value of a field type.

use std::fmt;

/// A string that a validated field type rejects: which type, what it expects, and the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidValue {
    type_name: &'static str,
    expected: &'static str,
    value: String,
}

impl InvalidValue {
    /// A rejection of `value` by `type_name`, which expects `expected`.
    pub fn new(type_name: &'static str, expected: &'static str, value: impl Into<String>) -> Self {
        InvalidValue {
            type_name,
            expected,
            value: value.into(),
        }
    }

    /// The type that rejected the value, e.g. `StartDate`.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// What the type accepts, in words.
    pub fn expected(&self) -> &'static str {
        self.expected
    }

    /// The rejected value.
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for InvalidValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid {}: {:?} is not {}",
            self.type_name, self.value, self.expected
        )
    }
}

impl std::error::Error for InvalidValue {}
