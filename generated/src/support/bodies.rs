//! Request and response bodies of the Sources and Destinations endpoints (v4), re-exported from
//! [`crate::api`]. Requests serialize to exactly the bodies the guides show; responses keep
//! every key they do not model in `extra`, so a new field never breaks parsing.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::RawProperties;
use crate::api::{
    DestinationProperties, DestinationResponseProperties, DestinationUpdateProperties,
    PropertiesError, SourceProperties, SourceResponseProperties, SourceUpdateProperties,
};
use crate::common::Timestamp;

/// Takes a required string key out of a body.
fn take_string<E: serde::de::Error>(map: &mut Map<String, Value>, key: &str) -> Result<String, E> {
    match map.remove(key) {
        Some(Value::String(text)) => Ok(text),
        Some(other) => Err(E::custom(format_args!(
            "`{key}` must be a string, found {other}"
        ))),
        None => Err(E::custom(format_args!("missing `{key}`"))),
    }
}

/// Takes a required key out of a body and reads it, naming the key on error (the objects'
/// `Deserialize` of `objects.rs` uses it).
#[allow(dead_code)]
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

/// A body's `properties`, typed by its `connection_type`; absent, an error when `required`,
/// else read as `{}` (a response object may leave them out).
pub(crate) fn take_properties<P: ByType, E: serde::de::Error>(
    map: &mut Map<String, Value>,
    connection_type: &str,
    required: bool,
) -> Result<P, E> {
    let properties = match map.remove("properties") {
        Some(properties) => properties,
        None if required => return Err(E::custom("missing `properties`")),
        None => Value::Object(Map::new()),
    };
    P::from_json(connection_type, properties).map_err(E::custom)
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

/// The body of `POST /v4/sources` (Create a Source). Its typed `properties` give the
/// validator's verdict: unknown properties are refused (read the properties with
/// `SourceProperties::from_json_keeping_unknown` to keep them).
///
/// ```
/// use stitch_connect_schema::api::{CreateSource, SourceProperties};
/// // A type whose report card lists no steps (here a deprecated one) keeps its raw JSON, and
/// // says so.
/// let body: CreateSource = serde_json::from_str(
///     r#"{"type": "ad-words", "display_name": "A", "properties": {"token": "x"}}"#,
/// )
/// .unwrap();
/// assert!(matches!(body.properties, SourceProperties::Untyped { .. }));
/// assert_eq!(body.properties.connection_type(), "ad-words");
/// // A type nobody documents is an error that names the closest ones.
/// let error = serde_json::from_str::<CreateSource>(
///     r#"{"type": "platform.hubspott", "display_name": "H", "properties": {}}"#,
/// )
/// .unwrap_err();
/// assert!(error.to_string().contains("did you mean one of `platform.hubspot`"), "{error}");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CreateSource {
    /// `display_name`: names the source and the destination schema its data is loaded into.
    pub display_name: String,
    /// `properties`, which also give `type`.
    pub properties: SourceProperties,
    /// Keys the crate does not know, sent after the known ones.
    pub extra: Map<String, Value>,
}

impl CreateSource {
    /// A body from its display name and properties.
    pub fn new(display_name: impl Into<String>, properties: impl Into<SourceProperties>) -> Self {
        CreateSource {
            display_name: display_name.into(),
            properties: properties.into(),
            extra: Map::new(),
        }
    }
}

impl Serialize for CreateSource {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", self.properties.connection_type())?;
        map.serialize_entry("display_name", &self.display_name)?;
        map.serialize_entry("properties", &self.properties)?;
        for (key, value) in &self.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for CreateSource {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut map = Map::deserialize(deserializer)?;
        let connection_type = take_string(&mut map, "type")?;
        let display_name = take_string(&mut map, "display_name")?;
        let properties = take_properties::<SourceProperties, _>(&mut map, &connection_type, true)?;
        Ok(CreateSource {
            display_name,
            properties,
            extra: map,
        })
    }
}

/// The body of `PUT /v4/sources/{source_id}` (Update a Source): only what changes. The type
/// cannot change and is not sent; the properties are any subset of the settable ones, and read
/// typed (`from_json`) they refuse unknown ones (`SourceUpdateProperties::from_json_keeping_unknown`
/// keeps them).
///
/// ```
/// use stitch_connect_schema::api::UpdateSource;
/// use stitch_connect_schema::sources::platform_hubspot::UpdateProperties;
///
/// // After performing OAuth itself, a partner sends the OAuth properties.
/// let body = UpdateSource::new().with_properties(
///     UpdateProperties::new()
///         .with_client_id("<CLIENT_ID>".to_owned())
///         .with_refresh_token("<REFRESH_TOKEN>".to_owned()),
/// );
/// assert!(!format!("{body:?}").contains("REFRESH_TOKEN"));
/// assert_eq!(
///     serde_json::to_value(&body).unwrap(),
///     serde_json::json!({"properties": {"client_id": "<CLIENT_ID>", "refresh_token": "<REFRESH_TOKEN>"}})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UpdateSource {
    /// A new display name.
    pub display_name: Option<String>,
    /// The properties to change.
    pub properties: Option<SourceUpdateProperties>,
    /// Keys the crate does not know, sent after the known ones.
    pub extra: Map<String, Value>,
}

impl UpdateSource {
    /// A body that changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Changes the display name.
    #[must_use]
    pub fn with_display_name(mut self, display_name: impl Into<String>) -> Self {
        self.display_name = Some(display_name.into());
        self
    }

    /// Changes properties.
    #[must_use]
    pub fn with_properties(mut self, properties: impl Into<SourceUpdateProperties>) -> Self {
        self.properties = Some(properties.into());
        self
    }

    /// A body of an update of a source of `connection_type`, its properties typed (and
    /// validated) when the type has a typed module. Deserializing without this keeps them raw,
    /// since a `PUT` body does not say its type.
    ///
    /// # Errors
    /// When the body is not an object of the documented keys, or its properties do not
    /// deserialize into the type's update struct.
    pub fn from_json(connection_type: &str, body: Value) -> Result<Self, serde_json::Error> {
        let map = Map::deserialize(body)?;
        Self::from_map(map, Some(connection_type))
    }

    fn from_map<E: serde::de::Error>(
        mut map: Map<String, Value>,
        connection_type: Option<&str>,
    ) -> Result<Self, E> {
        Ok(UpdateSource {
            display_name: take::<String, _>(&mut map, "display_name")?,
            properties: take_update(&mut map, connection_type)?,
            extra: map,
        })
    }
}

impl Serialize for UpdateSource {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(None)?;
        if let Some(display_name) = &self.display_name {
            map.serialize_entry("display_name", display_name)?;
        }
        if let Some(properties) = &self.properties {
            map.serialize_entry("properties", properties)?;
        }
        for (key, value) in &self.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for UpdateSource {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::from_map(Map::deserialize(deserializer)?, None)
    }
}

/// The update properties of a body: typed when `connection_type` is given (and typed), else
/// raw.
fn take_update<P: UpdateEnum, E: serde::de::Error>(
    map: &mut Map<String, Value>,
    connection_type: Option<&str>,
) -> Result<Option<P>, E> {
    let Some(properties) = take::<Map<String, Value>, _>(map, "properties")? else {
        return Ok(None);
    };
    match connection_type {
        Some(connection_type) => P::from_json(connection_type, Value::Object(properties))
            .map(Some)
            .map_err(E::custom),
        None => Ok(Some(P::raw(properties))),
    }
}

/// What [`take_update`] needs of the two update enums besides [`ByType`].
trait UpdateEnum: ByType {
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

/// The body of `POST /v4/destinations` (Create a Destination). Its typed `properties` refuse
/// unknown properties (`DestinationProperties::from_json_keeping_unknown` keeps them).
#[derive(Debug, Clone, PartialEq)]
pub struct CreateDestination {
    /// `name`, as the create-destination guide sends it.
    pub name: Option<String>,
    /// `description`, as the create-destination guide sends it.
    pub description: Option<String>,
    /// `properties`, which also give `type`.
    pub properties: DestinationProperties,
    /// Keys the crate does not know, sent after the known ones.
    pub extra: Map<String, Value>,
}

impl CreateDestination {
    /// A body from its properties.
    pub fn new(properties: impl Into<DestinationProperties>) -> Self {
        CreateDestination {
            name: None,
            description: None,
            properties: properties.into(),
            extra: Map::new(),
        }
    }
}

impl Serialize for CreateDestination {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", self.properties.connection_type())?;
        if let Some(name) = &self.name {
            map.serialize_entry("name", name)?;
        }
        if let Some(description) = &self.description {
            map.serialize_entry("description", description)?;
        }
        map.serialize_entry("properties", &self.properties)?;
        for (key, value) in &self.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for CreateDestination {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut map = Map::deserialize(deserializer)?;
        let connection_type = take_string(&mut map, "type")?;
        let name = take::<String, _>(&mut map, "name")?;
        let description = take::<String, _>(&mut map, "description")?;
        let properties =
            take_properties::<DestinationProperties, _>(&mut map, &connection_type, true)?;
        Ok(CreateDestination {
            name,
            description,
            properties,
            extra: map,
        })
    }
}

/// The body of `PUT /v4/destinations/{destination_id}` (Update a Destination): the properties
/// to change ("modifications to the type attribute are not supported").
///
/// ```
/// use stitch_connect_schema::api::UpdateDestination;
/// use stitch_connect_schema::destinations::postgres::UpdateProperties;
///
/// let body = UpdateDestination::new()
///     .with_properties(UpdateProperties::new().with_password("hunter2".to_owned()));
/// assert!(!format!("{body:?}").contains("hunter2"));
/// assert_eq!(
///     serde_json::to_value(&body).unwrap(),
///     serde_json::json!({"properties": {"password": "hunter2"}})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UpdateDestination {
    /// A new name.
    pub name: Option<String>,
    /// A new description.
    pub description: Option<String>,
    /// The properties to change.
    pub properties: Option<DestinationUpdateProperties>,
    /// Keys the crate does not know, sent after the known ones.
    pub extra: Map<String, Value>,
}

impl UpdateDestination {
    /// A body that changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Changes the name.
    #[must_use]
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Changes the description.
    #[must_use]
    pub fn with_description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Changes properties.
    #[must_use]
    pub fn with_properties(mut self, properties: impl Into<DestinationUpdateProperties>) -> Self {
        self.properties = Some(properties.into());
        self
    }

    /// A body of an update of a destination of `connection_type`, its properties typed (and
    /// validated) when the type has a typed module. Deserializing without this keeps them raw,
    /// since a `PUT` body does not say its type.
    ///
    /// # Errors
    /// When the body is not an object of the documented keys, or its properties do not
    /// deserialize into the type's update struct.
    pub fn from_json(connection_type: &str, body: Value) -> Result<Self, serde_json::Error> {
        let map = Map::deserialize(body)?;
        Self::from_map(map, Some(connection_type))
    }

    fn from_map<E: serde::de::Error>(
        mut map: Map<String, Value>,
        connection_type: Option<&str>,
    ) -> Result<Self, E> {
        Ok(UpdateDestination {
            name: take::<String, _>(&mut map, "name")?,
            description: take::<String, _>(&mut map, "description")?,
            properties: take_update(&mut map, connection_type)?,
            extra: map,
        })
    }
}

impl Serialize for UpdateDestination {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(None)?;
        if let Some(name) = &self.name {
            map.serialize_entry("name", name)?;
        }
        if let Some(description) = &self.description {
            map.serialize_entry("description", description)?;
        }
        if let Some(properties) = &self.properties {
            map.serialize_entry("properties", properties)?;
        }
        for (key, value) in &self.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for UpdateDestination {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::from_map(Map::deserialize(deserializer)?, None)
    }
}

/// A Source object as the API returns it: its properties typed by its type
/// ([`SourceResponseProperties`]: credentials absent, read-only values present, values their
/// type does not take and unknown keys kept), its times as [`Timestamp`]s; every key this type
/// does not model is kept in `extra`.
///
/// ```
/// use stitch_connect_schema::api::{Source, SourceResponseProperties};
///
/// let source: Source = serde_json::from_str(r#"{
///     "id": 126971, "type": "platform.recurly", "created_at": "2019-07-15T18:24:51Z",
///     "properties": {"frequency_in_minutes": "60", "image_version": "1.latest"}
/// }"#).unwrap();
/// let SourceResponseProperties::PlatformRecurly(properties) = &source.properties else {
///     panic!("typed by its type");
/// };
/// assert_eq!(properties.image_version, Some(serde_json::json!("1.latest")));
/// assert_eq!(source.created_at.unwrap().to_string(), "2019-07-15T18:24:51Z");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// `id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
    /// `type`, the API type.
    #[serde(rename = "type")]
    pub connection_type: String,
    /// `name`: the destination schema name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `display_name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// `stitch_client_id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stitch_client_id: Option<u64>,
    /// `created_at`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
    /// `updated_at`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<Timestamp>,
    /// `deleted_at`, null unless deleted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<Timestamp>,
    /// `paused_at`, null unless paused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paused_at: Option<Timestamp>,
    /// `system_paused_at`, null unless Stitch paused it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system_paused_at: Option<Timestamp>,
    /// `schedule`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<ScheduleObject>,
    /// `properties`, typed by `type`.
    pub properties: SourceResponseProperties,
    /// `report_card`, with `provided` flags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_card: Option<ReportCard>,
    /// Every other key.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl<'de> Deserialize<'de> for Source {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut map = Map::deserialize(deserializer)?;
        let connection_type = take_string(&mut map, "type")?;
        Ok(Source {
            properties: take_properties(&mut map, &connection_type, false)?,
            connection_type,
            id: take(&mut map, "id")?,
            name: take(&mut map, "name")?,
            display_name: take(&mut map, "display_name")?,
            stitch_client_id: take(&mut map, "stitch_client_id")?,
            created_at: take(&mut map, "created_at")?,
            updated_at: take(&mut map, "updated_at")?,
            deleted_at: take(&mut map, "deleted_at")?,
            paused_at: take(&mut map, "paused_at")?,
            system_paused_at: take(&mut map, "system_paused_at")?,
            schedule: take(&mut map, "schedule")?,
            report_card: take(&mut map, "report_card")?,
            extra: map,
        })
    }
}

/// A Destination object as the API returns it (v4): its properties typed by its type
/// ([`DestinationResponseProperties`]), its times as [`Timestamp`]s; every key this type does
/// not model is kept in `extra`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Destination {
    /// `id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
    /// `type`, the API type.
    #[serde(rename = "type")]
    pub connection_type: String,
    /// `name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `description`, when given at creation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `display_name` (null in every documented example).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// `stitch_client_id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stitch_client_id: Option<u64>,
    /// `created_at`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
    /// `updated_at`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<Timestamp>,
    /// `deleted_at`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<Timestamp>,
    /// `paused_at`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paused_at: Option<Timestamp>,
    /// `system_paused_at`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system_paused_at: Option<Timestamp>,
    /// `properties`, typed by `type` (the API reference's examples add an undocumented
    /// `"status": "1"`, kept among the extra properties).
    pub properties: DestinationResponseProperties,
    /// `report_card`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_card: Option<ReportCard>,
    /// Every other key (`check_job_name`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl<'de> Deserialize<'de> for Destination {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut map = Map::deserialize(deserializer)?;
        let connection_type = take_string(&mut map, "type")?;
        Ok(Destination {
            properties: take_properties(&mut map, &connection_type, false)?,
            connection_type,
            id: take(&mut map, "id")?,
            name: take(&mut map, "name")?,
            description: take(&mut map, "description")?,
            display_name: take(&mut map, "display_name")?,
            stitch_client_id: take(&mut map, "stitch_client_id")?,
            created_at: take(&mut map, "created_at")?,
            updated_at: take(&mut map, "updated_at")?,
            deleted_at: take(&mut map, "deleted_at")?,
            paused_at: take(&mut map, "paused_at")?,
            system_paused_at: take(&mut map, "system_paused_at")?,
            report_card: take(&mut map, "report_card")?,
            extra: map,
        })
    }
}

/// A Destination object of the deprecated v3 API (`connection` instead of `properties`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DestinationV3 {
    /// `id` (documented as an integer; the examples show a placeholder string).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Value>,
    /// `type`.
    #[serde(rename = "type")]
    pub connection_type: String,
    /// `connection`: the properties, credentials included (`Debug` shows their names only).
    #[serde(default)]
    pub connection: RawProperties,
    /// `last_check`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_check: Option<Value>,
    /// Every other key.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The `schedule` of a Source object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduleObject {
    /// `type`, e.g. `interval`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub schedule_type: Option<String>,
    /// `unit`, e.g. `minute`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// `interval` (a JSON number, `60.0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<f64>,
    /// `next_fire_time`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_fire_time: Option<String>,
    /// Every other key (`cron_expression`, `anchor_time`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A report card embedded in a Source or Destination object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportCard {
    /// `type`.
    #[serde(rename = "type")]
    pub connection_type: String,
    /// `current_step`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_step: Option<u64>,
    /// `current_step_type`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_step_type: Option<String>,
    /// `steps`.
    #[serde(default)]
    pub steps: Vec<ReportCardStep>,
    /// Every other key (`details`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One step of a report card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportCardStep {
    /// `type`: `form`, `oauth`, `discover_schema`, ...
    #[serde(rename = "type")]
    pub step_type: String,
    /// `properties`.
    #[serde(default)]
    pub properties: Vec<ReportCardProperty>,
    /// Every other key.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One property of a report card step, with `provided`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportCardProperty {
    /// `name`.
    pub name: String,
    /// `is_required`.
    #[serde(default)]
    pub is_required: bool,
    /// `is_credential`.
    #[serde(default)]
    pub is_credential: bool,
    /// `system_provided`.
    #[serde(default)]
    pub system_provided: bool,
    /// `property_type`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property_type: Option<String>,
    /// `json_schema` (null when the card states none).
    #[serde(default)]
    pub json_schema: Option<Value>,
    /// `provided`: whether a value is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provided: Option<bool>,
    /// `tap_mutable` (sources).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tap_mutable: Option<bool>,
    /// Every other key.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
