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

/// The secrets audit of a credential whose type names no valid value known to carry `secret`
/// (a value checked against a whole schema): values carrying it (the text, an object, a list,
/// the text inside the sample's own value) are put at `pointer` of the valid `text` of a `T`.
/// Each that `T` accepts never shows the secret in `Debug` and writes it back on the wire; each
/// it refuses never shows it in the deserialization error or in validation errors.
#[cfg(test)]
#[allow(clippy::unwrap_used, dead_code)]
#[cfg_attr(not(feature = "validation"), allow(unused_variables))]
pub(crate) fn assert_candidates_never_shown<T>(
    api_type: &str,
    text: &str,
    pointer: &str,
    secret: &str,
) where
    T: serde::de::DeserializeOwned + serde::Serialize + fmt::Debug,
{
    let sample: serde_json::Value = serde_json::from_str(text).unwrap();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let key = key.replace("~1", "/").replace("~0", "~");
    let mut candidates = vec![
        serde_json::json!(secret),
        serde_json::json!({ "k": secret }),
        serde_json::json!([secret]),
        serde_json::json!(format!("{secret}@example.com")),
    ];
    // The sample's own value with the secret after it, when it is text.
    if let Some(serde_json::Value::String(own)) = sample.pointer(pointer) {
        candidates.push(serde_json::json!(format!("{own}{secret}")));
    }
    for candidate in candidates {
        let mut json = sample.clone();
        json.pointer_mut(parent)
            .and_then(serde_json::Value::as_object_mut)
            .unwrap()
            .insert(key.clone(), candidate);
        match serde_json::from_value::<T>(json.clone()) {
            Ok(value) => {
                let printed = format!("{value:?} {value:#?}");
                assert!(!printed.contains(secret), "{printed}");
                let wire = serde_json::to_string(&value).unwrap();
                assert!(wire.contains(secret), "{wire}");
            }
            Err(error) => {
                let error = error.to_string();
                assert!(!error.contains(secret), "{error}");
            }
        }
        #[cfg(feature = "validation")]
        for validate in [
            crate::validate_properties,
            crate::validate_update_properties,
        ] {
            if let Err(errors) = validate(api_type, &json) {
                let shown = format!("{errors} {errors:?}");
                assert!(!shown.contains(secret), "{shown}");
            }
        }
    }
}

/// The secrets audit every generated credential test runs: the credential `secret`, at `pointer`
/// of the valid `text` of a `T` (a step of `api_type`), never appears in `Debug`, in a
/// deserialization error, or in `validate_properties` or `validate_update_properties` errors,
/// even inside a value of another shape: one its property's type refuses, or, when `takes_any`
/// (a type that takes any JSON value), accepts.
#[cfg(test)]
#[allow(clippy::unwrap_used, dead_code)]
#[cfg_attr(not(feature = "validation"), allow(unused_variables))]
pub(crate) fn assert_never_shown<T>(
    api_type: &str,
    text: &str,
    pointer: &str,
    secret: &str,
    takes_any: bool,
) where
    T: serde::de::DeserializeOwned + fmt::Debug,
{
    let value: T = serde_json::from_str(text).unwrap();
    let printed = format!("{value:?} {value:#?}");
    assert!(!printed.contains(secret), "{printed}");
    // The secret inside another value of its own property: refused by its type (the error
    // must not show it) or, for a type that takes any JSON value, accepted (`Debug` must not).
    let mut json: serde_json::Value = serde_json::from_str(text).unwrap();
    *json.pointer_mut(pointer).unwrap() = serde_json::json!([secret, {"k": secret}]);
    let shown = match serde_json::from_value::<T>(json.clone()) {
        Ok(value) => {
            assert!(takes_any, "{pointer} took a list: {value:?}");
            format!("{value:?} {value:#?}")
        }
        Err(error) => error.to_string(),
    };
    assert!(!shown.contains(secret), "{shown}");
    #[cfg(feature = "validation")]
    {
        // Valid secret, another property wrong: still not shown.
        let mut other: serde_json::Value = serde_json::from_str(text).unwrap();
        other["an unknown property"] = serde_json::json!(true);
        for validate in [
            crate::validate_properties,
            crate::validate_update_properties,
        ] {
            let errors = validate(api_type, &other).unwrap_err();
            let shown = format!("{errors} {errors:?}");
            assert!(!shown.contains(secret), "{shown}");
            // Refused unless its type takes any JSON value.
            match validate(api_type, &json) {
                Err(errors) => {
                    let shown = format!("{errors} {errors:?}");
                    assert!(!shown.contains(secret), "{shown}");
                }
                Ok(()) => assert!(takes_any, "{pointer} took a list"),
            }
        }
    }
}
