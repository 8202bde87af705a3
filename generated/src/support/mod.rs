//! Hand-written support for the generated code: secrets, extra properties, value errors,
//! format validators and validation. Not generated; edit freely (regen never touches files
//! without the `@generated` header). The pattern matcher and the word reader, which the
//! generator shares, are in the `stitch-connect-runtime` crate (`generated/runtime`) and
//! re-exported here.

// Used by `objects.rs`, which a crate generated from a spec without the API reference lacks.
#[cfg(feature = "api")]
#[allow(dead_code, unused_imports, unused_macros)]
pub(crate) mod api_types;
#[cfg(feature = "api")]
#[allow(dead_code)]
pub(crate) mod bodies;
#[cfg(feature = "blocking-client")]
pub mod client;
#[cfg(feature = "api")]
pub mod endpoint;
#[cfg(feature = "http")]
pub mod http;
#[cfg(feature = "api")]
pub mod js_client;
// The evaluator: `validate_properties` and the types checked against a whole schema use it.
mod de;
mod error;
mod extra;
pub mod formats;
#[cfg_attr(not(feature = "validation"), allow(dead_code))]
pub(crate) mod keywords;
#[cfg(feature = "validation")]
pub(crate) use stitch_connect_runtime::switch_word;
mod integer;
#[cfg_attr(not(feature = "validation"), allow(dead_code))]
pub(crate) mod literal;
pub use stitch_connect_runtime::pattern;
#[cfg(feature = "api")]
mod properties_error;
mod raw;
#[cfg(feature = "validation")]
pub(crate) mod registry;
#[cfg(test)]
mod sample;
mod secret;
// Made by the registry (`validation`) and the properties enums (`api`).
#[cfg_attr(not(any(feature = "validation", feature = "api")), allow(dead_code))]
mod unknown;
#[cfg(feature = "validation")]
mod validate;
mod verdict;

#[doc(hidden)]
pub use de::{
    BoolString, Key, bool_str, carried, duplicate, in_property, lenient, missing, read_field,
    str_visitor,
};
pub use error::InvalidValue;
pub use extra::{ExtraProperties, ExtraPropertyError};
pub use integer::Integer;
#[cfg(feature = "api")]
pub use properties_error::PropertiesError;
#[cfg(feature = "api")]
#[doc(hidden)]
pub use properties_error::{Untyped, untyped};
pub use raw::RawProperties;
#[cfg(feature = "validation")]
pub use registry::{ConnectionType, Details, Kind, PropertyRule};
// The checks the generated connector tests call: unused in a build with no connector.
#[cfg(test)]
#[allow(unused_imports)]
pub(crate) use sample::{assert_immutable_refused, assert_refused, assert_sample};
pub use secret::{REDACTED, Secret};
#[cfg(test)]
#[allow(unused_imports)]
pub(crate) use secret::{assert_candidates_never_shown, assert_never_shown};
pub use unknown::UnknownConnectionType;
#[cfg(feature = "validation")]
pub use validate::{
    ErrorKind, ValidationError, ValidationErrors, validate_properties, validate_update_properties,
};
#[doc(hidden)]
pub use verdict::{Checked, FromText, Reading};

/// What the `with_` method of a property with a checked type takes: the value itself, or a
/// number it is made from. Text is not among them: a checked value is made from text by
/// `literal!` or `.parse()`, and the compiler says so where a newcomer passes a string.
#[diagnostic::on_unimplemented(
    message = "a `{T}` is checked when it is made: `{Self}` does not convert to it",
    label = "not a `{T}`",
    note = "for a literal, write `literal!({T}, \"...\")` (checked at compile time); for text, `\"...\".parse::<{T}>()?`"
)]
pub trait IntoChecked<T> {
    /// The value.
    fn into_checked(self) -> T;
}

impl<T> IntoChecked<T> for T {
    fn into_checked(self) -> T {
        self
    }
}

/// The bound of the `with_` method of a property that a request never sends (read-only:
/// Stitch sets it; internal: for Stitch use): no type implements it, so calling one is a
/// compile error that says why.
#[diagnostic::on_unimplemented(
    message = "this property cannot be set: it is read-only (Stitch sets it and returns it) or internal to Stitch",
    label = "a request never sends this property",
    note = "read it with the getter of the same name; leave it out of requests"
)]
pub trait NotSettable: sealed::Sealed {}

mod sealed {
    /// Seals [`super::NotSettable`]: nothing outside the crate implements it, and nothing inside.
    pub trait Sealed {}
}

/// A JSON Schema from its JSON text (the generator writes the text; it is always valid JSON).
#[doc(hidden)]
pub fn schema_from_json(text: &str) -> schemars::Schema {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|value| schemars::Schema::try_from(value).ok())
        .unwrap_or_default()
}

/// A validated value from a literal, checked when the code is checked: `literal!(Type, "...")`
/// is `Type::from_static("...")` evaluated in a `const` item, so a bad literal is a compile
/// error under `cargo check` and `cargo build` alike (an inline `const { ... }` block is only
/// evaluated when the code is built).
///
/// ```
/// use stitch_connect_schema::common::{Host, StartDate};
/// use stitch_connect_schema::literal;
///
/// let start = literal!(StartDate, "2024-02-29T00:00:00Z");
/// let host = literal!(Host, "db.example.com");
/// assert_eq!((start.to_string(), host.to_string()), ("2024-02-29T00:00:00Z".to_owned(), "db.example.com".to_owned()));
/// ```
///
/// ```compile_fail
/// use stitch_connect_schema::common::StartDate;
/// let start = stitch_connect_schema::literal!(StartDate, "2024-02-30T00:00:00Z");
/// ```
#[macro_export]
macro_rules! literal {
    ($ty:ty, $text:literal) => {{
        const VALUE: $ty = <$ty>::from_static($text);
        VALUE
    }};
}

/// The string-facing traits of a validated type with an inherent
/// `fn parse_str(&str) -> Result<Self, InvalidValue>` and a `Display` impl: `FromStr`,
/// `TryFrom<&str>`, `TryFrom<String>`, serde (deserializing validates) and `JsonSchema`.
#[allow(unused_macros)]
macro_rules! string_traits {
    ($ty:ident, $expected:expr, $schema:expr, shows_value: $shows:literal) => {
        impl ::std::str::FromStr for $ty {
            type Err = $crate::InvalidValue;
            fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
                Self::parse_str(text)
            }
        }
        impl ::std::convert::TryFrom<&str> for $ty {
            type Error = $crate::InvalidValue;
            fn try_from(text: &str) -> ::std::result::Result<Self, Self::Error> {
                Self::parse_str(text)
            }
        }
        impl ::std::convert::TryFrom<::std::string::String> for $ty {
            type Error = $crate::InvalidValue;
            fn try_from(text: ::std::string::String) -> ::std::result::Result<Self, Self::Error> {
                Self::parse_str(&text)
            }
        }
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                // `any`, not `str`: a number or boolean reaches the visitor, which says how to write it.
                deserializer
                    .deserialize_any($crate::support::str_visitor::<Self>($expected, $shows))
            }
        }
        impl $crate::support::FromText for $ty {
            #[inline]
            fn from_text(text: &str) -> ::std::option::Option<Self> {
                Self::parse_str(text).ok()
            }
        }
        impl ::schemars::JsonSchema for $ty {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(stringify!($ty))
            }
            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                $crate::support::schema_from_json($schema)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use string_traits;

/// The rest of a validated string type `$ty(Cow<'static, str>)` whose inherent
/// `const fn is_valid(&str) -> bool` the generator wrote: `from_static` (checked at compile
/// time in const context) and what [`checked_string`] gives.
#[allow(unused_macros)]
macro_rules! validated_string {
    ($ty:ident, $expected:literal, $schema:literal, shows_value: $shows:literal) => {
        impl $ty {
            /// A value from a literal. Write it as `literal!(Type, "...")` (or in a
            /// `const` item): the literal is then checked at compile time, and a bad one
            /// does not compile.
            ///
            /// # Panics
            /// When the literal is not a valid value and the call runs at run time.
            #[allow(clippy::panic)]
            pub const fn from_static(text: &'static str) -> Self {
                if Self::is_valid(text) {
                    Self(::std::borrow::Cow::Borrowed(text))
                } else {
                    // `$expected` may quote a pattern (`{12}`): an argument, never the format.
                    panic!(
                        "{}",
                        concat!(stringify!($ty), "::from_static: not ", $expected)
                    )
                }
            }
        }
        $crate::support::checked_string!($ty, $expected, $schema, shows_value: $shows);
    };
}
#[allow(unused_imports)]
pub(crate) use validated_string;

/// The rest of a checked string type `$ty(Cow<'static, str>)` whose inherent
/// `fn is_valid(&str) -> bool` the generator wrote (not `const`: no `from_static`): `as_str`,
/// parsing, `Display`, `Debug`, and the [`string_traits`].
#[allow(unused_macros)]
macro_rules! checked_string {
    ($ty:ident, $expected:literal, $schema:literal, shows_value: $shows:literal) => {
        impl $ty {
            /// The value.
            pub fn as_str(&self) -> &str {
                &self.0
            }
            fn parse_str(text: &str) -> ::std::result::Result<Self, $crate::InvalidValue> {
                if Self::is_valid(text) {
                    Ok(Self(::std::borrow::Cow::Owned(text.to_owned())))
                } else {
                    Err(if $shows {
                        $crate::InvalidValue::new(stringify!($ty), $expected, text)
                    } else {
                        $crate::InvalidValue::hiding_value(stringify!($ty), $expected)
                    })
                }
            }
        }
        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl ::std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, concat!(stringify!($ty), "({:?})"), &*self.0)
            }
        }
        $crate::support::string_traits!($ty, $expected, $schema, shows_value: $shows);
    };
}
#[allow(unused_imports)]
pub(crate) use checked_string;
