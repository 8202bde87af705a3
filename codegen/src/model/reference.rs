//! The plain model of the connection-property reference, as structured by
//! `cargo xtask import-reference` into `spec/reference/`, and its loader.

use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use crate::error::SpecError;
use crate::json::{self, At};

/// Source or destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A data source (`/v4/sources`).
    Source,
    /// A destination (`/v4/destinations`).
    Destination,
}

impl Kind {
    /// `source` or `destination`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Source => "source",
            Kind::Destination => "destination",
        }
    }

    /// Reads `"source"` or `"destination"`.
    ///
    /// # Errors
    /// Any other value, at its path.
    pub fn parse(at: &At<'_>) -> Result<Self, SpecError> {
        match at.string()? {
            "source" => Ok(Kind::Source),
            "destination" => Ok(Kind::Destination),
            other => Err(at.error(format!(
                "expected \"source\" or \"destination\", found \"{other}\""
            ))),
        }
    }
}

/// One row of the reference's table of every connection type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConnectionTypeRow {
    /// Display name, e.g. `Amazon S3 CSV`.
    pub display_name: String,
    /// Source or destination.
    pub kind: Kind,
    /// API type, e.g. `platform.s3-csv`.
    pub api_type: String,
}

/// The documented type of a property (`STRING`, `INTEGER`, `OBJECT`, `ARRAY`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DocType {
    /// `STRING`.
    String,
    /// `INTEGER`.
    Integer,
    /// `OBJECT`.
    Object,
    /// `ARRAY`.
    Array,
    /// `BOOLEAN` (the connector pages' `boolean`).
    Boolean,
}

impl DocType {
    /// The documented spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            DocType::String => "STRING",
            DocType::Integer => "INTEGER",
            DocType::Object => "OBJECT",
            DocType::Array => "ARRAY",
            DocType::Boolean => "BOOLEAN",
        }
    }

    /// The JSON Schema type name of the same values.
    pub fn json_type(self) -> &'static str {
        match self {
            DocType::String => "string",
            DocType::Integer => "integer",
            DocType::Object => "object",
            DocType::Array => "array",
            DocType::Boolean => "boolean",
        }
    }

    /// Parses the documented spelling.
    pub fn parse(word: &str) -> Option<Self> {
        match word {
            "STRING" => Some(DocType::String),
            "INTEGER" => Some(DocType::Integer),
            "OBJECT" => Some(DocType::Object),
            "ARRAY" => Some(DocType::Array),
            "BOOLEAN" => Some(DocType::Boolean),
            _ => None,
        }
    }
}

/// The documented status of a property.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Status {
    /// `REQUIRED`.
    #[serde(rename = "REQUIRED")]
    Required,
    /// `OPTIONAL`.
    #[serde(rename = "OPTIONAL")]
    Optional,
    /// `INTERNAL`: for Stitch use only.
    #[serde(rename = "INTERNAL")]
    Internal,
    /// `READ-ONLY`: returned by the API, never sent.
    #[serde(rename = "READ-ONLY")]
    ReadOnly,
}

impl Status {
    /// The documented spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Required => "REQUIRED",
            Status::Optional => "OPTIONAL",
            Status::Internal => "INTERNAL",
            Status::ReadOnly => "READ-ONLY",
        }
    }

    /// Parses the documented spelling.
    pub fn parse(word: &str) -> Option<Self> {
        match word {
            "REQUIRED" => Some(Status::Required),
            "OPTIONAL" => Some(Status::Optional),
            "INTERNAL" => Some(Status::Internal),
            "READ-ONLY" => Some(Status::ReadOnly),
            _ => None,
        }
    }
}

/// The configuration step a documented property or example belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RefStep {
    /// The `form` step.
    Form,
    /// The `oauth` step.
    Oauth,
    /// A client-credentials step (the connector pages' `client-credentials-attributes`).
    ClientCredentials,
}

impl RefStep {
    /// The step's wire name: `form`, `oauth`, `client_credentials`.
    pub fn name(self) -> &'static str {
        match self {
            RefStep::Form => "form",
            RefStep::Oauth => "oauth",
            RefStep::ClientCredentials => "client_credentials",
        }
    }

    fn parse(at: &At<'_>) -> Result<Self, SpecError> {
        match at.string()? {
            "form" => Ok(RefStep::Form),
            "oauth" => Ok(RefStep::Oauth),
            "client_credentials" => Ok(RefStep::ClientCredentials),
            other => Err(at.error(format!(
                "expected \"form\", \"oauth\" or \"client_credentials\", found \"{other}\""
            ))),
        }
    }
}

/// The shape of a nested value, recovered from the example objects (the capture lost the
/// sub-property tables of `OBJECT` and `ARRAY` properties).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Shape {
    /// A JSON string.
    String,
    /// A JSON number without a fraction.
    Integer,
    /// A JSON number with a fraction.
    Number,
    /// A JSON boolean.
    Boolean,
    /// JSON null.
    Null,
    /// A JSON object with these fields, in first-seen order.
    Object {
        /// The fields.
        fields: Vec<ShapeField>,
    },
    /// A JSON array; `items` is `None` when every example array was empty.
    Array {
        /// The shape every item has.
        items: Option<Box<Shape>>,
    },
}

impl Shape {
    /// The shape in words, with its article: `a string`, `an object`, `null`.
    #[must_use]
    pub fn words(&self) -> &'static str {
        match self {
            Shape::String => "a string",
            Shape::Integer => "an integer",
            Shape::Number => "a number",
            Shape::Boolean => "a boolean",
            Shape::Null => "null",
            Shape::Object { .. } => "an object",
            Shape::Array { .. } => "an array",
        }
    }
}

/// A field of an object [`Shape`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShapeField {
    /// The key.
    pub name: String,
    /// Whether every example object had the key.
    pub in_every_example: bool,
    /// The value's shape.
    pub shape: Shape,
    /// Its description, where the documentation gives one (a connector page's sub-property
    /// table; the reference lost them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// One documented property.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReferenceProperty {
    /// The wire name.
    pub name: String,
    /// The documented type; two entries for `STRING/INTEGER`.
    pub documented_type: Vec<DocType>,
    /// REQUIRED, OPTIONAL, INTERNAL or READ-ONLY.
    pub status: Status,
    /// The step it belongs to.
    pub step: RefStep,
    /// The description, as captured (inline code was lost in the capture).
    pub description: String,
    /// For `OBJECT`/`ARRAY` properties: the shape recovered from the examples.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shape: Option<Shape>,
}

/// One example object of the reference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Example {
    /// The example's caption.
    pub title: String,
    /// The step whose properties it shows.
    pub step: RefStep,
    /// The example text exactly as captured.
    pub raw: String,
    /// The parsed value, when the captured text is valid JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// Why the captured text is not valid JSON, when it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parse_error: Option<String>,
}

/// One connector's connection property object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReferenceConnector {
    /// Display name, e.g. `3PL Central`.
    pub display_name: String,
    /// Source or destination.
    pub kind: Kind,
    /// API type, e.g. `platform.3plcentral`.
    pub api_type: String,
    /// The prose between the heading and the properties, as captured.
    pub intro: String,
    /// The documented properties, in documented order.
    pub properties: Vec<ReferenceProperty>,
    /// The example objects, in documented order.
    pub examples: Vec<Example>,
    /// Whether the documentation marks the type deprecated, since when and what instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecation: Option<DocDeprecation>,
}

/// A connector the documentation marks deprecated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DocDeprecation {
    /// Since when, as written (`June 2, 2021`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// The API type to use instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_instead: Option<String>,
}

impl ReferenceConnector {
    /// Whether any property belongs to the OAuth step.
    pub fn has_oauth(&self) -> bool {
        self.properties.iter().any(|p| p.step == RefStep::Oauth)
    }
}

/// Renders a model value as the checked-in JSON text (two-space indent, trailing newline).
pub fn to_json_text<T: Serialize>(value: &T) -> String {
    // Serializing these plain data types cannot fail: no maps with non-string keys.
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Loads `connection-types.json`.
pub fn parse_connection_types(
    file: &Path,
    text: &str,
) -> Result<Vec<ConnectionTypeRow>, SpecError> {
    let value = json::parse(file, text)?;
    let root = At::root(file, &value);
    let mut rows: Vec<ConnectionTypeRow> = Vec::new();
    for row_at in root.array()? {
        let mut obj = row_at.object()?;
        let row = ConnectionTypeRow {
            display_name: obj.req_non_empty("display_name")?,
            kind: Kind::parse(&obj.required("kind")?)?,
            api_type: obj.req_non_empty("api_type")?,
        };
        obj.deny_unknown()?;
        if rows.iter().any(|r| r.api_type == row.api_type) {
            return Err(row_at.error(format!("api_type \"{}\" is listed twice", row.api_type)));
        }
        rows.push(row);
    }
    Ok(rows)
}

/// Loads one structured connector file.
pub fn parse_connector(file: &Path, text: &str) -> Result<ReferenceConnector, SpecError> {
    let value = json::parse(file, text)?;
    let root = At::root(file, &value);
    let mut obj = root.object()?;
    let display_name = obj.req_non_empty("display_name")?;
    let kind = Kind::parse(&obj.required("kind")?)?;
    let api_type = obj.req_non_empty("api_type")?;
    let intro = obj.req_str("intro")?.to_owned();
    let mut properties: Vec<ReferenceProperty> = Vec::new();
    for property_at in obj.required("properties")?.array()? {
        let property = read_property(&property_at)?;
        if properties
            .iter()
            .any(|p| p.name == property.name && p.step == property.step)
        {
            return Err(property_at.error(format!(
                "property \"{}\" is listed twice in one step",
                property.name
            )));
        }
        properties.push(property);
    }
    let mut examples = Vec::new();
    for example_at in obj.required("examples")?.array()? {
        examples.push(read_example(&example_at)?);
    }
    let deprecation = match obj.get("deprecation") {
        None => None,
        Some(at) => {
            let mut fields = at.object()?;
            let deprecation = DocDeprecation {
                as_of: fields.opt_str("as_of")?.map(str::to_owned),
                use_instead: fields.opt_str("use_instead")?.map(str::to_owned),
            };
            fields.deny_unknown()?;
            Some(deprecation)
        }
    };
    obj.deny_unknown()?;
    Ok(ReferenceConnector {
        display_name,
        kind,
        api_type,
        intro,
        properties,
        examples,
        deprecation,
    })
}

fn read_property(at: &At<'_>) -> Result<ReferenceProperty, SpecError> {
    let mut obj = at.object()?;
    let name = obj.req_non_empty("name")?;
    let types_at = obj.required("documented_type")?;
    let mut documented_type = Vec::new();
    for type_at in types_at.array()? {
        let word = type_at.string()?;
        documented_type.push(DocType::parse(word).ok_or_else(|| {
            type_at.error(format!(
                "unknown documented type \"{word}\" (expected STRING, INTEGER, OBJECT, ARRAY or BOOLEAN)"
            ))
        })?);
    }
    if documented_type.is_empty() {
        return Err(types_at.error("documented_type must not be empty"));
    }
    let status_at = obj.required("status")?;
    let word = status_at.string()?;
    let status = Status::parse(word).ok_or_else(|| {
        status_at.error(format!(
            "unknown status \"{word}\" (expected REQUIRED, OPTIONAL, INTERNAL or READ-ONLY)"
        ))
    })?;
    let step = RefStep::parse(&obj.required("step")?)?;
    let description = obj.req_str("description")?.to_owned();
    let shape = obj.get("shape").map(|s| read_shape(&s)).transpose()?;
    obj.deny_unknown()?;
    Ok(ReferenceProperty {
        name,
        documented_type,
        status,
        step,
        description,
        shape,
    })
}

fn read_shape(at: &At<'_>) -> Result<Shape, SpecError> {
    let mut obj = at.object()?;
    let type_at = obj.required("type")?;
    let shape = match type_at.string()? {
        "string" => Shape::String,
        "integer" => Shape::Integer,
        "number" => Shape::Number,
        "boolean" => Shape::Boolean,
        "null" => Shape::Null,
        "object" => {
            let mut fields: Vec<ShapeField> = Vec::new();
            for field_at in obj.required("fields")?.array()? {
                let mut field = field_at.object()?;
                let name = field.req_non_empty("name")?;
                if fields.iter().any(|f| f.name == name) {
                    return Err(field_at.error(format!("field \"{name}\" is listed twice")));
                }
                let in_every_example = field.req_bool("in_every_example")?;
                let shape = read_shape(&field.required("shape")?)?;
                let description = field.opt_str("description")?.map(str::to_owned);
                field.deny_unknown()?;
                fields.push(ShapeField {
                    name,
                    in_every_example,
                    shape,
                    description,
                });
            }
            Shape::Object { fields }
        }
        "array" => {
            let items_at = obj.required("items")?;
            let items = match items_at.value() {
                Value::Null => None,
                _ => Some(Box::new(read_shape(&items_at)?)),
            };
            Shape::Array { items }
        }
        other => return Err(type_at.error(format!("unknown shape type \"{other}\""))),
    };
    obj.deny_unknown()?;
    Ok(shape)
}

fn read_example(at: &At<'_>) -> Result<Example, SpecError> {
    let mut obj = at.object()?;
    let title = obj.req_non_empty("title")?;
    let step = RefStep::parse(&obj.required("step")?)?;
    let raw = obj.req_str("raw")?.to_owned();
    let value = obj.get("value").map(|v| v.value().clone());
    let parse_error = obj.opt_str("parse_error")?.map(str::to_owned);
    if value.is_some() == parse_error.is_some() {
        return Err(obj.error("an example has exactly one of \"value\" and \"parse_error\""));
    }
    obj.deny_unknown()?;
    Ok(Example {
        title,
        step,
        raw,
        value,
        parse_error,
    })
}
