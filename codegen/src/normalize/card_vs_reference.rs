//! Where a report card and its documented connector (the connector page, else the scraped
//! connection-property reference) disagree. The card is the truth for wire constraints, the
//! documentation supplies the prose; every disagreement is listed in the checked-in drift
//! report so that reviewers see drift in diffs.

use crate::model::json_schema::{self, Assertion};
use crate::model::reference::{RefStep, ReferenceProperty, Status};
use crate::model::report_card::{Property, PropertyType, Schema, StepType};
use crate::normalize::merge::MergedCard;
use crate::spec::Spec;

/// One disagreement.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Disagreement {
    /// The connection type.
    pub connection_type: String,
    /// The property, or `None` for the type as a whole.
    pub property: Option<String>,
    /// What differs, in words.
    pub what: String,
}

/// Every disagreement of a card and its documented connector, sorted.
pub fn disagreements(spec: &Spec, cards: &[MergedCard]) -> Vec<Disagreement> {
    let mut found = Vec::new();
    for merged in cards {
        let connection_type = &merged.card.connection_type;
        let entry = |property: Option<&str>, what: String| Disagreement {
            connection_type: connection_type.clone(),
            property: property.map(str::to_owned),
            what,
        };
        if !spec
            .connection_types
            .iter()
            .any(|r| &r.api_type == connection_type)
        {
            found.push(entry(
                None,
                "has a report card but is not in the reference's table of connection types"
                    .to_owned(),
            ));
        }
        let Some(reference) = spec.connector(connection_type) else {
            continue;
        };
        let source = if spec.connector_is_page(connection_type) {
            "connector page"
        } else {
            "reference"
        };
        if reference.kind != merged.kind {
            found.push(entry(
                None,
                format!(
                    "the card is a {} but the {source} documents a {}",
                    merged.kind.as_str(),
                    reference.kind.as_str()
                ),
            ));
        }
        // Which type replaces it: the card's `upgrade_available` against the documentation's.
        if let Some(instead) = reference
            .deprecation
            .as_ref()
            .and_then(|d| d.use_instead.as_deref())
        {
            let card = merged
                .card
                .upgrade_available
                .as_ref()
                .map(|u| u.connection_type.as_str());
            if card != Some(instead) {
                found.push(entry(
                    None,
                    format!(
                        "the {source} names `{instead}` as its replacement, the card {}",
                        card.map_or("names none".to_owned(), |c| format!("`{c}`"))
                    ),
                ));
            }
        }
        // Deprecated by the documentation alone: the module says so, and so does the drift.
        let card_deprecates = merged.card.upgrade_available.is_some()
            || merged
                .card
                .details
                .as_ref()
                .and_then(|d| d.pipeline_state.as_deref())
                == Some("deprecated");
        if reference.deprecation.is_some() && !card_deprecates {
            found.push(entry(
                None,
                format!("the {source} marks it deprecated, the card does not"),
            ));
        }
        // A card without steps (in the documented list: deprecated types and a few others) says nothing about
        // properties: the reference's stand (see `build_ir`), and there is nothing to compare.
        if merged.card.steps.is_empty() {
            continue;
        }
        for step in &merged.card.steps {
            for property in &step.properties {
                let documented = reference
                    .properties
                    .iter()
                    .find(|p| p.name == property.name);
                match documented {
                    None => found.push(entry(
                        Some(&property.name),
                        format!(
                            "in the card ({} step) but not documented in the {source}",
                            step.step_type.as_str()
                        ),
                    )),
                    Some(doc) => {
                        compare(&step.step_type, property, doc, source, |what| {
                            found.push(entry(Some(&property.name), what));
                        });
                    }
                }
            }
        }
        for doc in &reference.properties {
            let in_card = merged
                .card
                .steps
                .iter()
                .flat_map(|s| &s.properties)
                .any(|p| p.name == doc.name);
            if !in_card {
                found.push(entry(
                    Some(&doc.name),
                    format!(
                        "documented in the {source} ({}, {:?} step) but not in the card",
                        doc.status.as_str(),
                        doc.step
                    ),
                ));
            }
        }
        for example in &reference.examples {
            let step = StepType::parse(example.step.name());
            let has_properties = merged
                .card
                .steps
                .iter()
                .any(|s| s.step_type == step && !s.properties.is_empty());
            if !has_properties {
                found.push(entry(
                    None,
                    format!(
                        "the {source} has the example {:?} for the `{}` step, which has no properties on the card: it types nothing; the connector's module docs show it as JSON to send untyped",
                        example.title,
                        step_name(example.step)
                    ),
                ));
            }
        }
    }
    found.sort();
    found
}

fn step_name(step: RefStep) -> &'static str {
    step.name()
}

fn compare(
    step: &StepType,
    card: &Property,
    doc: &ReferenceProperty,
    source: &str,
    mut report: impl FnMut(String),
) {
    let card_step = match step {
        StepType::Form => Some(RefStep::Form),
        StepType::Oauth => Some(RefStep::Oauth),
        StepType::Other(name) if name == RefStep::ClientCredentials.name() => {
            Some(RefStep::ClientCredentials)
        }
        _ => None,
    };
    if card_step != Some(doc.step) {
        report(format!(
            "step: card {}, {source} {:?}",
            step.as_str(),
            doc.step
        ));
    }
    let read_only = card.property_type == PropertyType::ReadOnly;
    match doc.status {
        Status::ReadOnly if !read_only => report(format!(
            "status: {source} READ-ONLY, card property_type {}",
            card.property_type.as_str()
        )),
        Status::Required | Status::Optional | Status::Internal if read_only => report(format!(
            "status: {source} {}, card read_only",
            doc.status.as_str()
        )),
        Status::Required if !card.is_required => {
            report(format!(
                "required: {source} REQUIRED, card is_required false"
            ));
        }
        Status::Optional | Status::Internal if card.is_required => report(format!(
            "required: {source} {}, card is_required true",
            doc.status.as_str()
        )),
        _ => {}
    }
    if let Some(schema) = &card.json_schema {
        let accepted = json_types(schema);
        let documented: Vec<&str> = doc.documented_type.iter().map(|t| t.json_type()).collect();
        let agrees = match &accepted {
            None => true,
            Some(accepted) => {
                documented
                    .iter()
                    .all(|d| accepted.contains(&(*d).to_owned()))
                    && accepted.iter().all(|a| documented.contains(&a.as_str()))
            }
        };
        if !agrees {
            report(format!(
                "type: {source} {}, card accepts {}",
                doc.documented_type
                    .iter()
                    .map(|t| t.as_str())
                    .collect::<Vec<_>>()
                    .join("/"),
                accepted.unwrap_or_default().join(" or ")
            ));
        }
    }
}

/// The JSON types a schema accepts, or `None` when it does not constrain the type: its
/// `type`, or the union of its `anyOf` branches' (`integer` counted as itself).
fn json_types(schema: &Schema) -> Option<Vec<String>> {
    types_of(&schema.document.root)
}

fn types_of(schema: &json_schema::Schema) -> Option<Vec<String>> {
    let assertions = schema.assertions();
    if let Some(Assertion::Type(types)) =
        assertions.iter().find(|a| matches!(a, Assertion::Type(_)))
    {
        return Some(types.iter().map(|t| t.name().to_owned()).collect());
    }
    let Some(Assertion::AnyOf(branches)) =
        assertions.iter().find(|a| matches!(a, Assertion::AnyOf(_)))
    else {
        return None;
    };
    let mut all: Vec<String> = Vec::new();
    for branch in branches.iter() {
        for t in types_of(branch)? {
            if !all.contains(&t) {
                all.push(t);
            }
        }
    }
    Some(all)
}
