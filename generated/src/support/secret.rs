//! [`Secret`]: a credential that never prints.

use std::fmt;

/// What `Debug` and `Display` print instead of a secret.
pub const REDACTED: &str = "[redacted]";

/// A credential (password, token, key). `Debug` and `Display` print [`REDACTED`]; the value is
/// reachable only through [`Secret::expose_secret`] or [`Secret::into_inner`]. Serialization
/// sends the value, since requests need it; a deserialization error never quotes it.
///
/// ```
/// use stitch_connect_schema::Secret;
/// let password: Secret<String> = Secret::from("hunter2");
/// assert_eq!(format!("{password} {password:?}"), "[redacted] Secret([redacted])");
/// assert_eq!(password.expose_secret(), "hunter2");
/// assert_eq!(serde_json::to_string(&password).unwrap(), "\"hunter2\"");
/// ```
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret<T>(T);

impl<T> Secret<T> {
    /// Wraps a value.
    pub const fn new(value: T) -> Self {
        Secret(value)
    }

    /// The value. Every use is a deliberate call, easy to find in review.
    pub fn expose_secret(&self) -> &T {
        &self.0
    }

    /// The value, consuming the wrapper.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({REDACTED})")
    }
}

impl<T> fmt::Display for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T> From<T> for Secret<T> {
    fn from(value: T) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret<String> {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

impl<T: serde::Serialize> serde::Serialize for Secret<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Secret<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The inner error may quote the value ("invalid type: string \"hunter2\""); drop it.
        T::deserialize(deserializer).map(Secret).map_err(|_| {
            <D::Error as serde::de::Error>::custom(format_args!(
                "invalid value (a credential; the value is not shown): expected {}",
                std::any::type_name::<T>()
                    .rsplit("::")
                    .next()
                    .unwrap_or("a value")
            ))
        })
    }
}

impl<T: schemars::JsonSchema> schemars::JsonSchema for Secret<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut schema = T::json_schema(generator);
        schema.insert("writeOnly".to_owned(), serde_json::Value::Bool(true));
        schema
    }
}
