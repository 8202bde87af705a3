//! [`InvalidValue`]: why a string is not a valid value of a field type.

use std::fmt;

/// A string that a validated field type rejects: which type, what it expects, and the value,
/// unless the type holds credentials somewhere in the catalog: then the value is never kept,
/// so no `Display`, `Debug` or [`InvalidValue::value`] can show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidValue {
    type_name: &'static str,
    expected: &'static str,
    value: Option<String>,
}

impl InvalidValue {
    /// A rejection of `value` by `type_name`, which expects `expected`.
    pub fn new(type_name: &'static str, expected: &'static str, value: impl Into<String>) -> Self {
        InvalidValue {
            type_name,
            expected,
            value: Some(value.into()),
        }
    }

    /// A rejection by `type_name`, a type that holds credentials, which expects `expected`:
    /// the value is not kept.
    pub fn hiding_value(type_name: &'static str, expected: &'static str) -> Self {
        InvalidValue {
            type_name,
            expected,
            value: None,
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

    /// The rejected value; `None` when the type holds credentials.
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }
}

impl fmt::Display for InvalidValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.value {
            Some(value) => write!(
                f,
                "invalid {}: {:?} is not {}",
                self.type_name, value, self.expected
            ),
            None => write!(
                f,
                "invalid {}: the value (not shown: the type holds credentials) is not {}",
                self.type_name, self.expected
            ),
        }
    }
}

impl std::error::Error for InvalidValue {}

#[cfg(test)]
mod tests {
    use super::InvalidValue;

    #[test]
    fn a_credential_type_never_shows_the_value() {
        let error = InvalidValue::hiding_value("Token", "a token");
        assert_eq!(error.value(), None);
        assert_eq!(
            error.to_string(),
            "invalid Token: the value (not shown: the type holds credentials) is not a token"
        );
        let shown = InvalidValue::new("Port", "digits", "80a");
        assert_eq!(shown.value(), Some("80a"));
        assert_eq!(shown.to_string(), r#"invalid Port: "80a" is not digits"#);
    }
}
