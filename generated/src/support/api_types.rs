//! The identifier and enum types of the API's objects ([`crate::objects`]): the generated
//! code names them and their values, these macros give them their behaviour. Not generated.

/// An integer identifier (`SourceId`): `Copy`, compared and hashed as its number, written
/// as a JSON number and shown (`Display`) as the number alone.
macro_rules! integer_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug,
            serde::Serialize, serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub u64);

        impl $name {
            /// The number.
            pub const fn get(self) -> u64 {
                self.0
            }
        }

        impl From<u64> for $name {
            fn from(id: u64) -> Self {
                $name(id)
            }
        }

        impl From<$name> for u64 {
            fn from(id: $name) -> u64 {
                id.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.0, f)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::num::ParseIntError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.parse().map($name)
            }
        }
    };
}

/// A text identifier (`JobName`): written as a JSON string and shown as the text alone.
macro_rules! string_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug,
            serde::Serialize, serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                $name(text)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                $name(text.to_owned())
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Ok($name(text.to_owned()))
            }
        }
    };
}

/// A string enum of the values the reference lists, with `Unknown` keeping any other value
/// as written (the API may grow). Reading a listed value never gives `Unknown`.
macro_rules! string_enum {
    (
        $(#[$meta:meta])* $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident => $wire:literal,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash, Debug)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$variant_meta])* $variant,)*
            /// A value the reference does not list, as the API wrote it.
            Unknown(String),
        }

        impl $name {
            /// The values the reference lists, in its order.
            pub const KNOWN: &'static [&'static str] = &[$($wire),*];

            /// The value as the API writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)*
                    $name::Unknown(text) => text,
                }
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                match text {
                    $($wire => $name::$variant,)*
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Ok($name::from(text))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok($name::from(text.as_ref()))
            }
        }
    };
}

pub(crate) use {integer_id, string_enum, string_id};

/// Writes an `Option<Option<T>>` for a key some bodies leave out (`None`) and others write
/// `null` (`Some(None)`, as the generated `Deserialize` reads it): with
/// `skip_serializing_if = "Option::is_none"`, each serializes back to itself.
pub(crate) mod absent_or_null {
    use serde::{Serialize, Serializer};

    pub(crate) fn serialize<T: Serialize, S: Serializer>(
        value: &Option<Option<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            // Skipped by `skip_serializing_if`; written `null` if a caller serializes it.
            None | Some(None) => serializer.serialize_none(),
            Some(Some(value)) => value.serialize(serializer),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    string_enum! {
        /// A test enum.
        Colour {
            /// Red.
            Red => "red",
            /// Dark blue.
            DarkBlue => "dark_blue",
        }
    }
    integer_id! {
        /// A test id.
        ThingId
    }
    string_id! {
        /// A test name.
        ThingName
    }

    #[test]
    fn enums_keep_unknown_values_and_read_known_ones_as_variants() {
        let read: Vec<Colour> = serde_json::from_str(r#"["red", "dark_blue", "green"]"#).unwrap();
        assert_eq!(
            read,
            [
                Colour::Red,
                Colour::DarkBlue,
                Colour::Unknown("green".to_owned())
            ]
        );
        assert_eq!(
            serde_json::to_string(&read).unwrap(),
            r#"["red","dark_blue","green"]"#
        );
        assert_eq!("dark_blue".parse::<Colour>().unwrap(), Colour::DarkBlue);
        assert_eq!(Colour::KNOWN, ["red", "dark_blue"]);
        assert_eq!(Colour::Unknown("x".to_owned()).to_string(), "x");
        assert!(serde_json::from_str::<Colour>("1").is_err());
    }

    #[test]
    fn ids_are_their_number_or_text() {
        let id: ThingId = serde_json::from_str("116078").unwrap();
        assert_eq!((id.get(), id.to_string()), (116078, "116078".to_owned()));
        assert_eq!("42".parse::<ThingId>().unwrap(), ThingId(42));
        assert!(serde_json::from_str::<ThingId>("\"42\"").is_err());
        let name: ThingName = serde_json::from_str("\"a.b\"").unwrap();
        assert_eq!(
            (name.as_str(), serde_json::to_string(&name).unwrap()),
            ("a.b", "\"a.b\"".to_owned())
        );
    }
}
