//! The plain model of a report card (`GET /v4/source-types/{type}`,
//! `GET /v4/destination-types/{type}`) and its loader.
//!
//! The report-card format evolves. Values this model does not know (a new `property_type`, a new
//! step type, a `json_schema` keyword or an extra key) are kept — in an `Other` variant or an
//! `extra` list — and reported as [`Notice`]s; they are never dropped and never a panic.

use std::path::Path;

use serde_json::Value;

use crate::error::{Notice, SpecError};
use crate::json::{self, At};
use crate::model::json_schema::{self, Document};

/// A key the model does not interpret, kept with its JSON path.
#[derive(Debug, Clone, PartialEq)]
pub struct Extra {
    /// The key.
    pub key: String,
    /// Where it was found.
    pub path: String,
    /// Its value, as captured.
    pub value: Value,
}

/// A whole report card.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportCard {
    /// The connection type, e.g. `platform.recurly` or `postgres`.
    pub connection_type: String,
    /// `current_step`, 1-based, when present.
    pub current_step: Option<u64>,
    /// `current_step_type`, when present.
    pub current_step_type: Option<StepType>,
    /// The configuration steps, in order (none in the documented list's cards of deprecated and some other types).
    pub steps: Vec<Step>,
    /// `details`, when present (absent in report cards embedded in Source/Destination objects).
    pub details: Option<Details>,
    /// `upgrade_available`: the type that replaces this one (a deprecated type's card), when
    /// the card names one.
    pub upgrade_available: Option<Upgrade>,
    /// Top-level keys the model does not know.
    pub extra: Vec<Extra>,
}

/// A card's `upgrade_available`: the type that replaces a deprecated one.
#[derive(Debug, Clone, PartialEq)]
pub struct Upgrade {
    /// `type`: the replacing connection type.
    pub connection_type: String,
    /// Keys the model does not know.
    pub extra: Vec<Extra>,
}

/// The kind of a configuration step.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StepType {
    /// `form`: the properties a user provides.
    Form,
    /// `oauth`: properties of an OAuth handshake.
    Oauth,
    /// `discover_schema`: Stitch's connection check.
    DiscoverSchema,
    /// `field_selection`: stream and field selection.
    FieldSelection,
    /// `fully_configured`.
    FullyConfigured,
    /// A step type this model does not know yet, kept as captured.
    Other(String),
}

impl StepType {
    /// Parses the wire value; unknown values become [`StepType::Other`].
    pub fn parse(wire: &str) -> Self {
        match wire {
            "form" => StepType::Form,
            "oauth" => StepType::Oauth,
            "discover_schema" => StepType::DiscoverSchema,
            "field_selection" => StepType::FieldSelection,
            "fully_configured" => StepType::FullyConfigured,
            other => StepType::Other(other.to_owned()),
        }
    }

    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            StepType::Form => "form",
            StepType::Oauth => "oauth",
            StepType::DiscoverSchema => "discover_schema",
            StepType::FieldSelection => "field_selection",
            StepType::FullyConfigured => "fully_configured",
            StepType::Other(other) => other,
        }
    }
}

/// One step of a report card.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The step's type.
    pub step_type: StepType,
    /// Its properties, in captured order.
    pub properties: Vec<Property>,
    /// Keys the model does not know.
    pub extra: Vec<Extra>,
}

/// Who provides a property's value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PropertyType {
    /// `user_provided`.
    UserProvided,
    /// `read_only`: set by Stitch, returned by the API, never sent.
    ReadOnly,
    /// `system_provided_by_default`: Stitch provides it unless the user does.
    SystemProvidedByDefault,
    /// `user_provided_immutable`: set by the user; once set, it cannot be changed.
    UserProvidedImmutable,
    /// `user_provided_advanced`: may be set by the user, with caution (a wrong value can stop
    /// the connection working).
    UserProvidedAdvanced,
    /// A value this model does not know yet, kept as captured.
    Other(String),
}

impl PropertyType {
    /// Parses the wire value; unknown values become [`PropertyType::Other`].
    pub fn parse(wire: &str) -> Self {
        match wire {
            "user_provided" => PropertyType::UserProvided,
            "read_only" => PropertyType::ReadOnly,
            "system_provided_by_default" => PropertyType::SystemProvidedByDefault,
            "user_provided_immutable" => PropertyType::UserProvidedImmutable,
            "user_provided_advanced" => PropertyType::UserProvidedAdvanced,
            other => PropertyType::Other(other.to_owned()),
        }
    }

    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            PropertyType::UserProvided => "user_provided",
            PropertyType::ReadOnly => "read_only",
            PropertyType::SystemProvidedByDefault => "system_provided_by_default",
            PropertyType::UserProvidedImmutable => "user_provided_immutable",
            PropertyType::UserProvidedAdvanced => "user_provided_advanced",
            PropertyType::Other(other) => other,
        }
    }
}

/// One property of a step.
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    /// The wire name.
    pub name: String,
    /// `is_required`.
    pub is_required: bool,
    /// `is_credential`: the value is a secret.
    pub is_credential: bool,
    /// `system_provided`.
    pub system_provided: bool,
    /// `property_type`.
    pub property_type: PropertyType,
    /// `json_schema`; `None` for `null`.
    pub json_schema: Option<Schema>,
    /// `provided`, when present.
    pub provided: Option<bool>,
    /// `tap_mutable`, when present (source cards only).
    pub tap_mutable: Option<bool>,
    /// Keys the model does not know.
    pub extra: Vec<Extra>,
}

/// A property's JSON Schema: the one schema model, and the schema as captured.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    /// The schema, parsed: every draft-7 keyword as data.
    pub document: Document,
    /// The schema exactly as captured (for the exported JSON Schemas and drift reports).
    pub raw: Value,
}

/// `details` of a report card.
#[derive(Debug, Clone, PartialEq)]
pub struct Details {
    /// `pricing_tier`, e.g. `standard`, `enterprise`.
    pub pricing_tier: Option<String>,
    /// `pipeline_state`, e.g. `released`, `beta`, `alpha`.
    pub pipeline_state: Option<String>,
    /// `default_start_date`, e.g. `-30 days`.
    pub default_start_date: Option<String>,
    /// `default_scheduling_interval`, in minutes.
    pub default_scheduling_interval: Option<u64>,
    /// `protocol`.
    pub protocol: Option<String>,
    /// `access`: whether the account's plan can use the type.
    pub access: Option<bool>,
    /// `image_version`: the release line of the integration's image, e.g. `1.latest`.
    pub image_version: Option<String>,
    /// Keys the model does not know.
    pub extra: Vec<Extra>,
}

/// Loads a report card from JSON text. `file` is used in errors and notices.
pub fn parse_report_card(
    file: &Path,
    text: &str,
    notices: &mut Vec<Notice>,
) -> Result<ReportCard, SpecError> {
    let value = json::parse(file, text)?;
    read_report_card(&At::root(file, &value), notices)
}

/// Reads a report card from an already parsed value (for cards embedded in other objects).
pub fn read_report_card(at: &At<'_>, notices: &mut Vec<Notice>) -> Result<ReportCard, SpecError> {
    let mut obj = at.object()?;
    let connection_type = obj.req_str("type")?.to_owned();
    if connection_type.is_empty() {
        return Err(obj.error("\"type\" is empty"));
    }
    let current_step = obj.nullable_unsigned("current_step")?;
    let current_step_type = obj.nullable_str("current_step_type")?.map(StepType::parse);
    // A card in the documented list may have no steps (deprecated types, and a few others),
    // only its `details` and maybe the type that replaces it (`upgrade_available`).
    let steps_at = obj.nullable("steps");
    let mut steps = Vec::new();
    let mut seen: Vec<(String, String)> = Vec::new();
    for step_at in steps_at.map(|s| s.array()).transpose()?.unwrap_or_default() {
        let step = read_step(&step_at, notices)?;
        for (i, property) in step.properties.iter().enumerate() {
            let path = format!("{}.properties[{i}]", step_at.path());
            if let Some((_, first)) = seen.iter().find(|(name, _)| *name == property.name) {
                return Err(step_at.error(format!(
                    "property \"{}\" is listed twice: at {first} and at {path}",
                    property.name
                )));
            }
            seen.push((property.name.clone(), path));
        }
        steps.push(step);
    }
    if let Some(StepType::Other(kind)) = &current_step_type {
        let path = format!("{}.current_step_type", at.path());
        notices.push(notice(
            at,
            &path,
            format!("unknown step type \"{kind}\" (kept as is)"),
        ));
    }
    let details = obj
        .get("details")
        .map(|d| read_details(&d, notices))
        .transpose()?;
    let upgrade_available = match obj.nullable("upgrade_available") {
        Some(upgrade) => {
            let mut upgrade_obj = upgrade.object()?;
            let connection_type = upgrade_obj.req_str("type")?.to_owned();
            let extra = extras(upgrade_obj.rest(), &upgrade, notices, "upgrade_available");
            Some(Upgrade {
                connection_type,
                extra,
            })
        }
        None => None,
    };
    let extra = extras(obj.rest(), at, notices, "report card");
    Ok(ReportCard {
        connection_type,
        current_step,
        current_step_type,
        steps,
        details,
        upgrade_available,
        extra,
    })
}

fn read_step(at: &At<'_>, notices: &mut Vec<Notice>) -> Result<Step, SpecError> {
    let mut obj = at.object()?;
    let step_type = StepType::parse(obj.req_str("type")?);
    if let StepType::Other(kind) = &step_type {
        notices.push(Notice {
            file: at_file(at),
            path: format!("{}.type", at.path()),
            message: format!("unknown step type \"{kind}\" (kept as is)"),
        });
    }
    // A step with nothing to configure may leave `properties` out or `null`.
    let mut properties = Vec::new();
    if let Some(list) = obj.nullable("properties") {
        for property_at in list.array()? {
            properties.push(read_property(&property_at, notices)?);
        }
    }
    let extra = extras(obj.rest(), at, notices, "step");
    Ok(Step {
        step_type,
        properties,
        extra,
    })
}

fn read_property(at: &At<'_>, notices: &mut Vec<Notice>) -> Result<Property, SpecError> {
    let mut obj = at.object()?;
    let name = obj.req_str("name")?.to_owned();
    if name.is_empty() {
        return Err(obj.error("property \"name\" is empty"));
    }
    let is_required = obj.req_bool("is_required")?;
    let is_credential = obj.req_bool("is_credential")?;
    let system_provided = obj.req_bool("system_provided")?;
    let property_type = PropertyType::parse(obj.req_str("property_type")?);
    if let PropertyType::Other(kind) = &property_type {
        notices.push(Notice {
            file: at_file(at),
            path: format!("{}.property_type", at.path()),
            message: format!("unknown property_type \"{kind}\" on \"{name}\" (kept as is)"),
        });
    }
    let schema_at = obj.required("json_schema")?;
    let json_schema = match schema_at.value() {
        Value::Null => None,
        Value::Object(_) => Some(read_schema(&schema_at, notices)?),
        other => {
            return Err(schema_at.error(format!(
                "json_schema must be an object or null, found {}",
                json::type_name(other)
            )));
        }
    };
    let provided = obj.nullable_bool("provided")?;
    let tap_mutable = obj.nullable_bool("tap_mutable")?;
    let extra = extras(obj.rest(), at, notices, "property");
    Ok(Property {
        name,
        is_required,
        is_credential,
        system_provided,
        property_type,
        json_schema,
        provided,
        tap_mutable,
        extra,
    })
}

/// Reads a JSON Schema (draft 7) into the one schema model. What is not valid draft 7 is an
/// error at its path inside the schema; what validation ignores although it may have been meant
/// to constrain (a keyword or format draft 7 does not define) is a notice.
pub fn read_schema(at: &At<'_>, notices: &mut Vec<Notice>) -> Result<Schema, SpecError> {
    // `$.x.y` inside the schema is `<at>.x.y` in the file.
    let inside = |path: &str| format!("{}{}", at.path(), path.strip_prefix('$').unwrap_or(path));
    let document = json_schema::parse(at.value())
        .map_err(|error| SpecError::at(at.file(), inside(&error.path), error.problem))?;
    for (path, what) in &document.ignored {
        notices.push(Notice {
            file: at_file(at),
            path: inside(path),
            message: format!("json_schema: {what}; validation ignores it (kept as an annotation)"),
        });
    }
    Ok(Schema {
        document,
        raw: at.value().clone(),
    })
}

fn read_details(at: &At<'_>, notices: &mut Vec<Notice>) -> Result<Details, SpecError> {
    let mut obj = at.object()?;
    let pricing_tier = obj.nullable_str("pricing_tier")?.map(str::to_owned);
    let pipeline_state = obj.nullable_str("pipeline_state")?.map(str::to_owned);
    let default_start_date = obj.nullable_str("default_start_date")?.map(str::to_owned);
    let default_scheduling_interval = obj.nullable_unsigned("default_scheduling_interval")?;
    let protocol = obj.nullable_str("protocol")?.map(str::to_owned);
    let access = obj.nullable_bool("access")?;
    let image_version = obj.nullable_str("image_version")?.map(str::to_owned);
    let extra = extras(obj.rest(), at, notices, "details");
    Ok(Details {
        pricing_tier,
        pipeline_state,
        default_start_date,
        default_scheduling_interval,
        protocol,
        access,
        image_version,
        extra,
    })
}

fn at_file(at: &At<'_>) -> std::path::PathBuf {
    at.file().to_path_buf()
}

fn notice(at: &At<'_>, path: &str, message: String) -> Notice {
    Notice {
        file: at_file(at),
        path: path.to_owned(),
        message,
    }
}

fn extras(
    rest: Vec<(String, String, Value)>,
    at: &At<'_>,
    notices: &mut Vec<Notice>,
    what: &str,
) -> Vec<Extra> {
    rest.into_iter()
        .map(|(key, path, value)| {
            notices.push(Notice {
                file: at_file(at),
                path: path.clone(),
                message: format!("unknown {what} key \"{key}\" (kept as is)"),
            });
            Extra { key, path, value }
        })
        .collect()
}
