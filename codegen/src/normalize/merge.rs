//! One report card per connection type. Where a type has several captures that disagree on a
//! property, `spec/resolutions.json` must say which capture wins and why; otherwise the merge
//! fails, naming both captures and what differs. A resolution that no longer resolves anything
//! is an error too, so the file cannot rot.

use std::collections::HashMap;

use serde_json::Value;

use crate::error::SpecError;
use crate::model::reference::Kind;
use crate::model::report_card::{Property, ReportCard};
use crate::spec::{Capture, Spec};

/// The one card of a connection type, and how it was made.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedCard {
    /// Source or destination.
    pub kind: Kind,
    /// The card every later stage uses.
    pub card: ReportCard,
    /// The names of the captures it was made from.
    pub captures: Vec<String>,
    /// The disagreements that a resolution settled.
    pub resolved: Vec<ResolvedConflict>,
}

/// A property on which captures disagreed, and the resolution that settled it.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedConflict {
    /// The property.
    pub property: String,
    /// Each capture's version of its `json_schema` (or `absent`), by capture name.
    pub versions: Vec<(String, String)>,
    /// The capture that wins.
    pub winner: String,
    /// Why.
    pub reason: String,
}

/// Merges every connection type's captures. Output is sorted by connection type.
pub fn merge_captures(spec: &Spec) -> Result<Vec<MergedCard>, SpecError> {
    let mut types: Vec<&str> = spec
        .captures
        .iter()
        .map(|c| c.card.connection_type.as_str())
        .collect();
    types.sort_unstable();
    types.dedup();
    let mut used = vec![false; spec.resolutions.len()];
    // The resolutions by type and property (parsing refuses duplicates).
    let resolutions = super::first_positions(&spec.resolutions, |resolution| {
        (
            resolution.connection_type.as_str(),
            resolution.property.as_str(),
        )
    });
    let mut merged = Vec::new();
    for connection_type in types {
        let captures: Vec<&Capture> = spec.captures_of(connection_type).collect();
        merged.push(merge_type(spec, &captures, &resolutions, &mut used)?);
    }
    if let Some(index) = used.iter().position(|u| !u) {
        let stale = &spec.resolutions[index];
        return Err(SpecError::at(
            &spec.resolutions_file,
            stale.path.clone(),
            format!(
                "resolution for {} \"{}\" resolves nothing: the captures agree on it (or it does not exist); remove the entry",
                stale.connection_type, stale.property
            ),
        ));
    }
    Ok(merged)
}

fn merge_type(
    spec: &Spec,
    captures: &[&Capture],
    resolutions: &HashMap<(&str, &str), usize>,
    used: &mut [bool],
) -> Result<MergedCard, SpecError> {
    let Some((first, others)) = captures.split_first() else {
        return Err(SpecError::file(
            std::path::Path::new("spec"),
            "a connection type without captures",
        ));
    };
    let mut card = first.card.clone();
    for other in others {
        if other.kind != first.kind {
            return Err(SpecError::file(
                &other.file,
                format!(
                    "captured as a {} but {} is a {}",
                    other.kind.as_str(),
                    first.file.display(),
                    first.kind.as_str()
                ),
            ));
        }
        if other.card.details != first.card.details {
            return Err(SpecError::at(
                &other.file,
                "$.details",
                format!(
                    "details differ from {}; captures must agree on details",
                    first.file.display()
                ),
            ));
        }
        let step_types = |c: &ReportCard| -> Vec<String> {
            c.steps
                .iter()
                .map(|s| s.step_type.as_str().to_owned())
                .collect()
        };
        if step_types(&other.card) != step_types(&first.card) {
            return Err(SpecError::at(
                &other.file,
                "$.steps",
                format!(
                    "the steps {:?} differ from {:?} in {}",
                    step_types(&other.card),
                    step_types(&first.card),
                    first.file.display()
                ),
            ));
        }
    }
    let mut resolved = Vec::new();
    for (step_index, step) in card.steps.iter_mut().enumerate() {
        let mut names: Vec<String> = Vec::new();
        for capture in captures {
            for property in &capture.card.steps[step_index].properties {
                if !names.contains(&property.name) {
                    names.push(property.name.clone());
                }
            }
        }
        let mut properties = Vec::new();
        for name in names {
            let versions: Vec<(&Capture, Option<(usize, &Property)>)> = captures
                .iter()
                .map(|c| {
                    let found = c.card.steps[step_index]
                        .properties
                        .iter()
                        .enumerate()
                        .find(|(_, p)| p.name == name);
                    (*c, found)
                })
                .collect();
            let comparable: Vec<Option<Value>> = versions
                .iter()
                .map(|(_, v)| v.map(|(_, p)| comparable(p)))
                .collect();
            let chosen = if comparable.iter().all(|c| *c == comparable[0]) {
                versions[0].1.map(|(_, p)| p.clone())
            } else {
                let connection_type = &first.card.connection_type;
                let Some((index, resolution)) = resolutions
                    .get(&(connection_type.as_str(), name.as_str()))
                    .map(|&index| (index, &spec.resolutions[index]))
                else {
                    return Err(conflict_error(spec, step_index, &name, &versions));
                };
                used[index] = true;
                let Some((_, winner)) = versions.iter().find(|(c, _)| c.name == resolution.winner)
                else {
                    return Err(SpecError::at(
                        &spec.resolutions_file,
                        format!("{}.winner", resolution.path),
                        format!(
                            "\"{}\" is not a capture of {connection_type}; captures are: {}",
                            resolution.winner,
                            captures
                                .iter()
                                .map(|c| c.name.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ));
                };
                resolved.push(ResolvedConflict {
                    property: name.clone(),
                    versions: versions
                        .iter()
                        .map(|(c, v)| (c.name.clone(), describe(v.map(|(_, p)| p))))
                        .collect(),
                    winner: resolution.winner.clone(),
                    reason: resolution.reason.clone(),
                });
                winner.map(|(_, p)| p.clone())
            };
            properties.extend(chosen);
        }
        step.properties = properties;
    }
    Ok(MergedCard {
        kind: first.kind,
        card,
        captures: captures.iter().map(|c| c.name.clone()).collect(),
        resolved,
    })
}

/// What must agree between captures: everything but the per-account `provided` flag.
fn comparable(property: &Property) -> Value {
    serde_json::json!({
        "is_required": property.is_required,
        "is_credential": property.is_credential,
        "system_provided": property.system_provided,
        "property_type": property.property_type.as_str(),
        "json_schema": property.json_schema.as_ref().map(|s| s.raw.clone()),
        "tap_mutable": property.tap_mutable,
        "extra": property.extra.iter().map(|e| (e.key.clone(), e.value.clone())).collect::<serde_json::Map<_, _>>(),
    })
}

fn describe(property: Option<&Property>) -> String {
    match property {
        None => "absent".to_owned(),
        Some(p) => format!(
            "required: {}, credential: {}, {}, json_schema: {}",
            p.is_required,
            p.is_credential,
            p.property_type.as_str(),
            p.json_schema.as_ref().map_or_else(
                || "null".to_owned(),
                |s| super::field_types::canonical(&s.raw)
            )
        ),
    }
}

fn conflict_error(
    spec: &Spec,
    step_index: usize,
    name: &str,
    versions: &[(&Capture, Option<(usize, &Property)>)],
) -> SpecError {
    let (first, _) = versions[0];
    let lines: Vec<String> = versions
        .iter()
        .map(|(capture, version)| {
            let at = version.map_or_else(
                || "absent".to_owned(),
                |(i, _)| format!("$.steps[{step_index}].properties[{i}]"),
            );
            format!(
                "  {} at {at}: {}",
                capture.file.display(),
                describe(version.map(|(_, p)| p))
            )
        })
        .collect();
    SpecError::file(
        &first.file,
        format!(
            "captures of {} disagree on property \"{name}\":\n{}\nadd an entry to {} naming the winning capture and why",
            first.card.connection_type,
            lines.join("\n"),
            spec.resolutions_file.display()
        ),
    )
}
