//! Serde helpers the generated `Deserialize`/`Serialize` impls share.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};

use super::InvalidValue;

/// A map key, borrowed from the input when it can be.
pub struct Key<'de>(pub Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a property name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// A `bool` that travels as the string `"true"` or `"false"`.
pub struct BoolString(pub bool);

impl<'de> serde::Deserialize<'de> for BoolString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BoolVisitor;
        impl Visitor<'_> for BoolVisitor {
            type Value = BoolString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("the string \"true\" or \"false\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                match v {
                    "true" => Ok(BoolString(true)),
                    "false" => Ok(BoolString(false)),
                    _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Err(E::custom(format_args!(
                    "expected the string \"true\" or \"false\", found the boolean {v}: write it as \"{v}\""
                )))
            }
        }
        deserializer.deserialize_any(BoolVisitor)
    }
}

impl serde::Serialize for BoolString {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(bool_str(self.0))
    }
}

/// The wire form of a string boolean.
pub const fn bool_str(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}

/// A visitor that accepts a string and parses it with `T::from_str`; its errors quote a value
/// given as a number or boolean only when `shows_value` (the type holds no credential).
pub fn str_visitor<T>(
    expecting: &'static str,
    shows_value: bool,
) -> impl for<'de> Visitor<'de, Value = T>
where
    T: FromStr<Err = InvalidValue>,
{
    StrVisitor(expecting, shows_value, PhantomData)
}

struct StrVisitor<T>(&'static str, bool, PhantomData<T>);

impl<T: FromStr<Err = InvalidValue>> Visitor<'_> for StrVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        Err(self.not_a_string("number", &v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        Err(self.not_a_string("number", &v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        Err(self.not_a_string("number", &v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        Err(self.not_a_string("boolean", bool_str(v)))
    }
}

impl<T: FromStr<Err = InvalidValue>> StrVisitor<T> {
    /// A number or boolean where a string is expected: says so, and when the same text as a
    /// string would do, how to write it.
    fn not_a_string<E: de::Error>(&self, what: &str, text: &str) -> E {
        if !self.1 {
            return E::custom(format_args!(
                "expected {}, a string, found a {what} (not shown: the type holds credentials)",
                self.0
            ));
        }
        if text.parse::<T>().is_ok() {
            E::custom(format_args!(
                "expected {} as a string, found the {what} {text}: write it as \"{text}\"",
                self.0
            ))
        } else {
            E::custom(format_args!(
                "expected {}, a string, found the {what} {text}",
                self.0
            ))
        }
    }
}

/// The error for a property given twice.
pub fn duplicate<E: de::Error>(name: &str) -> E {
    E::custom(format_args!("property `{name}` is given twice"))
}

/// The error for a missing required property.
pub fn missing<E: de::Error>(name: &str) -> E {
    E::custom(format_args!("missing required property `{name}`"))
}

/// Another step's struct from its properties, gathered while reading the form's: `None` when
/// none was given, the properties back when the struct refuses them.
pub fn carried<T: de::DeserializeOwned>(
    properties: serde_json::Map<String, serde_json::Value>,
) -> Result<Option<T>, serde_json::Map<String, serde_json::Value>> {
    if properties.is_empty() {
        return Ok(None);
    }
    let object = serde_json::Value::Object(properties);
    match T::deserialize(&object) {
        Ok(step) => Ok(Some(step)),
        Err(_) => match object {
            serde_json::Value::Object(properties) => Err(properties),
            _ => Err(serde_json::Map::new()),
        },
    }
}

/// A response's value as `T`, when `T` takes it (a response keeps the others aside).
pub fn lenient<T: de::DeserializeOwned>(value: &serde_json::Value) -> Option<T> {
    T::deserialize(value).ok()
}

/// Reads the value of a struct's field `key` into its slot: refused when given twice, an
/// error in it names the key.
pub fn read_field<'de, A, T>(
    map: &mut A,
    slot: &mut Option<T>,
    key: &'static str,
) -> Result<(), A::Error>
where
    A: de::MapAccess<'de>,
    T: serde::Deserialize<'de>,
{
    if slot.is_some() {
        return Err(<A::Error as de::Error>::duplicate_field(key));
    }
    *slot = Some(map.next_value::<T>().map_err(|e| in_property(key, e))?);
    Ok(())
}

/// An error in the value of a property, prefixed with its name.
pub fn in_property<E: de::Error>(name: &str, error: E) -> E {
    E::custom(format_args!("property `{name}`: {error}"))
}
