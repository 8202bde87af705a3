//! Reading the bodies that hold a connection's properties (the `Deserialize` of the generated
//! objects and bodies of `objects.rs` calls these): each key taken out of the body's map, named
//! on error, the properties typed by the body's connection type; what is left is `extra`.

use serde_json::{Map, Value};

use crate::api::{
    DestinationProperties, DestinationResponseProperties, DestinationUpdateProperties,
    PropertiesError, SourceProperties, SourceResponseProperties, SourceUpdateProperties,
};

/// Takes a required key out of a body and reads it, naming the key on error.
pub(crate) fn take_required<T: serde::de::DeserializeOwned, E: serde::de::Error>(
    map: &mut Map<String, Value>,
    key: &str,
) -> Result<T, E> {
    match map.remove(key) {
        None => Err(E::custom(format_args!("missing `{key}`"))),
        Some(value) => T::deserialize(value).map_err(|e| E::custom(format_args!("`{key}`: {e}"))),
    }
}

/// Takes an optional key out of a body and reads it (`null` is `None`), naming the key on error.
pub(crate) fn take<T: serde::de::DeserializeOwned, E: serde::de::Error>(
    map: &mut Map<String, Value>,
    key: &str,
) -> Result<Option<T>, E> {
    match map.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => T::deserialize(value)
            .map(Some)
            .map_err(|e| E::custom(format_args!("`{key}`: {e}"))),
    }
}

/// A body's properties (under `key`), typed by its `connection_type`; absent, an error when
/// `required`, else read as `{}` (a response object may leave them out).
pub(crate) fn take_properties<P: ByType, E: serde::de::Error>(
    map: &mut Map<String, Value>,
    key: &str,
    connection_type: &str,
    required: bool,
) -> Result<P, E> {
    let properties = match map.remove(key) {
        Some(properties) => properties,
        None if required => return Err(E::custom(format_args!("missing `{key}`"))),
        None => Value::Object(Map::new()),
    };
    P::from_json(connection_type, properties).map_err(|e| E::custom(format_args!("`{key}`: {e}")))
}

/// A body's optional properties (under `key`; absent or `null` is `None`), typed by its
/// `connection_type`.
pub(crate) fn take_optional_properties<P: ByType, E: serde::de::Error>(
    map: &mut Map<String, Value>,
    key: &str,
    connection_type: &str,
) -> Result<Option<P>, E> {
    match map.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(properties) => P::from_json(connection_type, properties)
            .map(Some)
            .map_err(|e| E::custom(format_args!("`{key}`: {e}"))),
    }
}

/// The properties enums, read by connection type.
pub(crate) trait ByType: Sized {
    fn from_json(connection_type: &str, properties: Value) -> Result<Self, PropertiesError>;
}

/// [`ByType`] for enums whose inherent `from_json` it is.
macro_rules! by_type {
    ($($properties:ty),*) => {$(
        impl ByType for $properties {
            fn from_json(connection_type: &str, properties: Value) -> Result<Self, PropertiesError> {
                <$properties>::from_json(connection_type, properties)
            }
        }
    )*};
}

by_type!(
    SourceProperties,
    DestinationProperties,
    SourceUpdateProperties,
    DestinationUpdateProperties,
    SourceResponseProperties,
    DestinationResponseProperties
);

/// The update properties of a body (under `key`): typed when `connection_type` is given (and
/// typed), else raw.
pub(crate) fn take_update<P: UpdateEnum, E: serde::de::Error>(
    map: &mut Map<String, Value>,
    key: &str,
    connection_type: Option<&str>,
) -> Result<Option<P>, E> {
    let Some(properties) = take::<Map<String, Value>, _>(map, key)? else {
        return Ok(None);
    };
    match connection_type {
        Some(connection_type) => P::from_json(connection_type, Value::Object(properties))
            .map(Some)
            .map_err(|e| E::custom(format_args!("`{key}`: {e}"))),
        None => Ok(Some(P::raw(properties))),
    }
}

/// What [`take_update`] needs of the two update enums besides [`ByType`].
pub(crate) trait UpdateEnum: ByType {
    fn raw(properties: Map<String, Value>) -> Self;
}

impl UpdateEnum for SourceUpdateProperties {
    fn raw(properties: Map<String, Value>) -> Self {
        SourceUpdateProperties::TypeNotGiven {
            properties: properties.into(),
        }
    }
}

impl UpdateEnum for DestinationUpdateProperties {
    fn raw(properties: Map<String, Value>) -> Self {
        DestinationUpdateProperties::TypeNotGiven {
            properties: properties.into(),
        }
    }
}
