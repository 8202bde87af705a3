//! `spec/curation.json`: the checked-in judgement calls the generator needs beyond the captures.
//!
//! - `credentials`: which properties of connectors *without* a report card are secrets (cards say
//!   so themselves with `is_credential`).
//! - `prose_constraints`: constraints the reference states in prose ("the timestamp must be
//!   midnight", "Accepted values are"), as the JSON Schema the report cards use for the same
//!   property, so that both get the same shared type.
//! - `examples`: reference examples that cannot be used as captured: repaired ones (with the
//!   repair) and ones the typed layer must reject (with the property it rejects).
//!
//! Every entry carries a reason a reviewer can check. Entries that no longer apply are errors,
//! so the file cannot rot.

use std::path::Path;

use serde_json::Value;

use crate::error::SpecError;
use crate::json::{self, At};

/// The file, relative to the spec root.
pub const CURATION_FILE: &str = "curation.json";

/// The whole file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Curation {
    /// Secrets among the properties of connectors without a card.
    pub credentials: CredentialRule,
    /// Constraints stated in the reference's prose.
    pub prose_constraints: Vec<ProseConstraint>,
    /// Examples that need a repair or must be rejected.
    pub examples: Vec<ExampleFix>,
}

/// Which reference-only properties are secrets.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CredentialRule {
    /// Property names (at any depth) that are secrets.
    pub names: Vec<String>,
    /// A description containing any of these marks the property as a secret.
    pub description_contains: Vec<String>,
    /// Why.
    pub reason: String,
}

impl CredentialRule {
    /// Whether a reference-only property is a secret, and which part of the rule says so.
    pub fn matches(&self, name: &str, description: &str) -> Option<String> {
        if self.names.iter().any(|n| n == name) {
            return Some(format!("its name, `{name}`, is listed as a secret"));
        }
        self.description_contains
            .iter()
            .find(|text| description.contains(text.as_str()))
            .map(|text| format!("the reference says \"{text}\""))
    }
}

/// A constraint stated in prose, applied to reference-only properties.
#[derive(Debug, Clone, PartialEq)]
pub struct ProseConstraint {
    /// The property name it applies to.
    pub property: String,
    /// The description must contain this text.
    pub description_contains: String,
    /// The JSON Schema the property gets, as a report card would state it.
    pub json_schema: Value,
    /// Why.
    pub reason: String,
    /// The entry's JSON path, for errors.
    pub path: String,
}

/// What to do with one reference example.
#[derive(Debug, Clone, PartialEq)]
pub enum ExampleAction {
    /// Use this value instead of the captured text.
    Repair(Value),
    /// The typed layer must reject the example because of this property.
    Reject {
        /// The property whose value is invalid.
        property: String,
    },
    /// Use this value instead of the captured text (which is not JSON), and the typed layer
    /// must reject it because of this property.
    RepairThenReject {
        /// The repaired value.
        value: Value,
        /// The property whose value is invalid.
        property: String,
    },
}

/// A reference example that cannot be used as captured.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleFix {
    /// The connection type.
    pub connection_type: String,
    /// The example's title, exactly.
    pub title: String,
    /// What to do.
    pub action: ExampleAction,
    /// Why.
    pub reason: String,
    /// The entry's JSON path, for errors.
    pub path: String,
}

/// Loads the curation file.
pub fn parse_curation(file: &Path, text: &str) -> Result<Curation, SpecError> {
    let value = json::parse(file, text)?;
    let root = At::root(file, &value);
    let mut obj = root.object()?;
    let credentials = read_credentials(&obj.required("credentials")?)?;
    let mut prose_constraints: Vec<ProseConstraint> = Vec::new();
    for at in obj.required("prose_constraints")?.array()? {
        let mut entry = at.object()?;
        let constraint = ProseConstraint {
            property: entry.req_non_empty("property")?,
            description_contains: entry.req_non_empty("description_contains")?,
            json_schema: {
                let schema_at = entry.required("json_schema")?;
                schema_at.object()?;
                schema_at.value().clone()
            },
            reason: entry.req_non_empty("reason")?,
            path: at.path().to_owned(),
        };
        entry.deny_unknown()?;
        if let Some(first) = prose_constraints
            .iter()
            .find(|c| c.property == constraint.property)
        {
            return Err(at.error(format!(
                "\"{}\" already has a prose constraint at {}",
                constraint.property, first.path
            )));
        }
        prose_constraints.push(constraint);
    }
    let mut examples: Vec<ExampleFix> = Vec::new();
    for at in obj.required("examples")?.array()? {
        let fix = read_example_fix(&at)?;
        if examples
            .iter()
            .any(|e| e.connection_type == fix.connection_type && e.title == fix.title)
        {
            return Err(at.error(format!(
                "example \"{}\" of {} is listed twice",
                fix.title, fix.connection_type
            )));
        }
        examples.push(fix);
    }
    obj.deny_unknown()?;
    Ok(Curation {
        credentials,
        prose_constraints,
        examples,
    })
}

fn read_credentials(at: &At<'_>) -> Result<CredentialRule, SpecError> {
    let mut obj = at.object()?;
    let strings = |at: At<'_>| -> Result<Vec<String>, SpecError> {
        at.array()?
            .iter()
            .map(|item| item.string().map(str::to_owned))
            .collect()
    };
    let rule = CredentialRule {
        names: strings(obj.required("names")?)?,
        description_contains: strings(obj.required("description_contains")?)?,
        reason: obj.req_non_empty("reason")?,
    };
    obj.deny_unknown()?;
    Ok(rule)
}

fn read_example_fix(at: &At<'_>) -> Result<ExampleFix, SpecError> {
    let mut obj = at.object()?;
    let connection_type = obj.req_non_empty("connection_type")?;
    let title = obj.req_non_empty("title")?;
    let repaired = obj.get("repaired").map(|v| v.value().clone());
    let rejected = obj.opt_str("rejected_property")?.map(str::to_owned);
    let action = match (repaired, rejected) {
        (Some(value), None) => ExampleAction::Repair(value),
        (None, Some(property)) => ExampleAction::Reject { property },
        (Some(value), Some(property)) => ExampleAction::RepairThenReject { value, property },
        (None, None) => {
            return Err(
                obj.error("an example entry has \"repaired\", \"rejected_property\" or both")
            );
        }
    };
    let reason = obj.req_non_empty("reason")?;
    obj.deny_unknown()?;
    Ok(ExampleFix {
        connection_type,
        title,
        action,
        reason,
        path: at.path().to_owned(),
    })
}
