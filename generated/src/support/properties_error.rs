//! [`PropertiesError`]: why a `properties` object could not be read for a connection type.

use std::fmt;

use serde_json::Value;

use super::{RawProperties, UnknownConnectionType};

/// Why `SourceProperties::from_json` (and the other properties enums, and the bodies that hold
/// them) refused a `properties` object.
#[derive(Debug)]
#[non_exhaustive]
pub enum PropertiesError {
    /// No documented connection type has this name; the error suggests the closest ones.
    UnknownType(UnknownConnectionType),
    /// A documented type of the other kind: a destination type given for a source, or the
    /// reverse.
    WrongKind {
        /// The type given.
        connection_type: String,
        /// What the type is: `source` or `destination`.
        kind: &'static str,
        /// What was expected.
        expected: &'static str,
    },
    /// The properties are not a JSON object.
    NotAnObject {
        /// The type given.
        connection_type: String,
    },
    /// The properties do not deserialize into the type's struct; the error names the property
    /// at fault and never shows a credential's value.
    Invalid {
        /// The type given.
        connection_type: String,
        /// What is wrong.
        error: serde_json::Error,
    },
}

impl fmt::Display for PropertiesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PropertiesError::UnknownType(unknown) => unknown.fmt(f),
            PropertiesError::WrongKind {
                connection_type,
                kind,
                expected,
            } => write!(
                f,
                "`{connection_type}` is a {kind} type, not a {expected} type"
            ),
            PropertiesError::NotAnObject { connection_type } => {
                write!(
                    f,
                    "the properties of {connection_type} must be a JSON object"
                )
            }
            PropertiesError::Invalid {
                connection_type,
                error,
            } => write!(f, "properties of {connection_type}: {error}"),
        }
    }
}

impl std::error::Error for PropertiesError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PropertiesError::UnknownType(unknown) => Some(unknown),
            PropertiesError::Invalid { error, .. } => Some(error),
            _ => None,
        }
    }
}

impl PropertiesError {
    /// The error of a typed connector's struct.
    #[doc(hidden)]
    pub fn invalid(connection_type: &str, error: serde_json::Error) -> Self {
        PropertiesError::Invalid {
            connection_type: connection_type.to_owned(),
            error,
        }
    }
}

/// How the properties of a type that no typed variant took are kept.
#[doc(hidden)]
pub enum Untyped {
    /// The crate types it, but its Cargo feature is off.
    FeatureDisabled(RawProperties),
    /// A documented type without documented properties.
    Untyped(RawProperties),
    /// A type nobody documents, or of the other kind, kept as it came (responses only: with
    /// `keep_unknown`).
    Unknown(RawProperties),
}

/// The properties of `connection_type` that no enabled typed variant took: `own` lists the
/// documented types of the enum's kind (`expected`), `other` those of the other kind, each
/// sorted, with whether the crate types it. With `keep_unknown` (responses), a type nobody
/// documents or of the other kind is kept, not refused.
#[doc(hidden)]
pub fn untyped(
    connection_type: &str,
    properties: Value,
    own: &'static [(&'static str, bool)],
    other: &'static [(&'static str, bool)],
    expected: &'static str,
    other_kind: &'static str,
    keep_unknown: bool,
) -> Result<Untyped, PropertiesError> {
    let object = |properties: Value| match properties {
        Value::Object(map) => Ok(RawProperties::from(map)),
        _ => Err(PropertiesError::NotAnObject {
            connection_type: connection_type.to_owned(),
        }),
    };
    let typed = match own.binary_search_by(|(name, _)| name.cmp(&connection_type)) {
        Ok(index) => own[index].1,
        Err(_) if keep_unknown => return object(properties).map(Untyped::Unknown),
        Err(_)
            if other
                .binary_search_by(|(name, _)| name.cmp(&connection_type))
                .is_ok() =>
        {
            return Err(PropertiesError::WrongKind {
                connection_type: connection_type.to_owned(),
                kind: other_kind,
                expected,
            });
        }
        Err(_) => {
            return Err(PropertiesError::UnknownType(UnknownConnectionType::new(
                connection_type,
                own.iter().map(|(name, _)| *name),
            )));
        }
    };
    let properties = object(properties)?;
    Ok(if typed {
        Untyped::FeatureDisabled(properties)
    } else {
        Untyped::Untyped(properties)
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    const SOURCES: &[(&str, bool)] = &[("platform.a", true), ("platform.b", false)];
    const DESTINATIONS: &[(&str, bool)] = &[("d", true)];

    fn read(connection_type: &str, properties: Value) -> Result<Untyped, PropertiesError> {
        untyped(
            connection_type,
            properties,
            SOURCES,
            DESTINATIONS,
            "source",
            "destination",
            false,
        )
    }

    /// Each reason a typed variant did not take the properties has its own answer.
    #[test]
    fn every_fallback_says_why() {
        let object = serde_json::json!({"k": "v"});
        assert!(matches!(
            read("platform.a", object.clone()),
            Ok(Untyped::FeatureDisabled(p)) if p["k"] == "v"
        ));
        assert!(matches!(
            read("platform.b", object.clone()),
            Ok(Untyped::Untyped(p)) if p["k"] == "v"
        ));
        let Err(PropertiesError::UnknownType(unknown)) = read("platform.c", object.clone()) else {
            panic!("an unknown type");
        };
        assert_eq!(unknown.suggestions(), ["platform.a", "platform.b"]);
        assert!(matches!(
            read("d", object.clone()),
            Err(PropertiesError::WrongKind {
                kind: "destination",
                expected: "source",
                ..
            })
        ));
        assert!(matches!(
            read("platform.b", serde_json::json!("text")),
            Err(PropertiesError::NotAnObject { .. })
        ));
        // Responses keep what they do not know.
        for unknown in ["platform.c", "d"] {
            let kept = untyped(
                unknown,
                object.clone(),
                SOURCES,
                DESTINATIONS,
                "source",
                "destination",
                true,
            );
            assert!(
                matches!(kept, Ok(Untyped::Unknown(p)) if p["k"] == "v"),
                "{unknown}"
            );
        }
    }
}
