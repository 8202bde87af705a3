//! What changed between two sets of report cards, in words a reviewer reads: types added or
//! removed, properties added, removed or moved to another step, schemas changed, required,
//! credential or `property_type` flipped. Used by `cargo xtask card-diff`.

use std::collections::BTreeMap;
use std::fmt;

use crate::model::report_card::{Property, ReportCard};
use crate::normalize::field_types::canonical;

/// One change from the old cards to the new.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A connection type only the new cards have.
    TypeAdded(String),
    /// A connection type only the old cards have.
    TypeRemoved(String),
    /// A property only the new card has.
    PropertyAdded {
        /// The connection type.
        connection_type: String,
        /// The property.
        property: String,
        /// Its step.
        step: String,
    },
    /// A property only the old card has.
    PropertyRemoved {
        /// The connection type.
        connection_type: String,
        /// The property.
        property: String,
        /// Its step.
        step: String,
    },
    /// Something about a property changed.
    PropertyChanged {
        /// The connection type.
        connection_type: String,
        /// The property.
        property: String,
        /// What, in words (`json_schema: {old} → {new}`).
        what: String,
    },
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::TypeAdded(t) => write!(f, "+ type {t} added"),
            Change::TypeRemoved(t) => write!(f, "- type {t} removed"),
            Change::PropertyAdded {
                connection_type,
                property,
                step,
            } => write!(
                f,
                "+ {connection_type}: property {property} added ({step} step)"
            ),
            Change::PropertyRemoved {
                connection_type,
                property,
                step,
            } => write!(
                f,
                "- {connection_type}: property {property} removed ({step} step)"
            ),
            Change::PropertyChanged {
                connection_type,
                property,
                what,
            } => write!(f, "~ {connection_type}: property {property}: {what}"),
        }
    }
}

fn properties(card: &ReportCard) -> BTreeMap<&str, (&str, &Property)> {
    card.steps
        .iter()
        .flat_map(|step| {
            step.properties
                .iter()
                .map(move |p| (p.name.as_str(), (step.step_type.as_str(), p)))
        })
        .collect()
}

fn schema_text(property: &Property) -> String {
    property
        .json_schema
        .as_ref()
        .map_or_else(|| "null".to_owned(), |s| canonical(&s.raw))
}

/// Every change from `old` to `new`, sorted by connection type, then property.
pub fn diff_cards(old: &[ReportCard], new: &[ReportCard]) -> Vec<Change> {
    let old: BTreeMap<&str, &ReportCard> = old
        .iter()
        .map(|c| (c.connection_type.as_str(), c))
        .collect();
    let new: BTreeMap<&str, &ReportCard> = new
        .iter()
        .map(|c| (c.connection_type.as_str(), c))
        .collect();
    let mut changes = Vec::new();
    let mut types: Vec<&str> = old.keys().chain(new.keys()).copied().collect();
    types.sort_unstable();
    types.dedup();
    for connection_type in types {
        let (before, after) = match (old.get(connection_type), new.get(connection_type)) {
            (None, Some(_)) => {
                changes.push(Change::TypeAdded(connection_type.to_owned()));
                continue;
            }
            (Some(_), None) => {
                changes.push(Change::TypeRemoved(connection_type.to_owned()));
                continue;
            }
            (Some(before), Some(after)) => (properties(before), properties(after)),
            (None, None) => continue,
        };
        let mut names: Vec<&str> = before.keys().chain(after.keys()).copied().collect();
        names.sort_unstable();
        names.dedup();
        for name in names {
            let t = connection_type.to_owned();
            let p = name.to_owned();
            match (before.get(name), after.get(name)) {
                (None, Some((step, _))) => changes.push(Change::PropertyAdded {
                    connection_type: t,
                    property: p,
                    step: (*step).to_owned(),
                }),
                (Some((step, _)), None) => changes.push(Change::PropertyRemoved {
                    connection_type: t,
                    property: p,
                    step: (*step).to_owned(),
                }),
                (Some((old_step, a)), Some((new_step, b))) => {
                    let mut whats = Vec::new();
                    if old_step != new_step {
                        whats.push(format!(
                            "moved from the {old_step} step to the {new_step} step"
                        ));
                    }
                    for (flag, before, after) in [
                        ("is_required", a.is_required, b.is_required),
                        ("is_credential", a.is_credential, b.is_credential),
                        ("system_provided", a.system_provided, b.system_provided),
                    ] {
                        if before != after {
                            whats.push(format!("{flag} flipped to {after} (was {before})"));
                        }
                    }
                    if a.property_type != b.property_type {
                        whats.push(format!(
                            "property_type {} → {}",
                            a.property_type.as_str(),
                            b.property_type.as_str()
                        ));
                    }
                    let (sa, sb) = (schema_text(a), schema_text(b));
                    if sa != sb {
                        whats.push(format!("json_schema {sa} → {sb}"));
                    }
                    for what in whats {
                        changes.push(Change::PropertyChanged {
                            connection_type: t.clone(),
                            property: p.clone(),
                            what,
                        });
                    }
                }
                (None, None) => {}
            }
        }
    }
    changes
}
