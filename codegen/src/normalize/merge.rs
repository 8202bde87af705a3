//! One report card per connection type. Where a type has several captures that disagree on a
//! property, `spec/resolutions.json` must say which capture wins and why; otherwise the merge
//! fails, naming both captures and what differs. A type captured under both kinds, or under the
//! kind the reference's table contradicts, needs a `kind` resolution in the same file. `details`
//! merge key by key: a key a capture leaves out (or writes `null`) is taken from another, and
//! recorded. A resolution that no longer resolves anything is an error too, so the file cannot
//! rot.

use std::collections::HashMap;

use serde_json::Value;

use crate::error::SpecError;
use crate::import::reference::CONNECTION_TYPES_FILE;
use crate::model::reference::Kind;
use crate::model::report_card::{Details, Property, ReportCard};
use crate::spec::{Capture, REFERENCE_DIR, Spec, types_dir};

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
    /// Captures filed under the kind the type is not, and what a resolution did with them.
    pub kind_decisions: Vec<KindDecision>,
    /// `details` keys the first capture leaves out (or writes `null`) and a later one gives:
    /// (key, that capture's name).
    pub details_from: Vec<(String, String)>,
}

/// A capture of a type filed under the kind it is not, and the resolution that says so.
#[derive(Debug, Clone, PartialEq)]
pub struct KindDecision {
    /// The capture's file (or the table's), relative to the spec root, `/`-separated.
    pub file: String,
    /// The kind it was filed under.
    pub filed_as: Kind,
    /// What became of it.
    pub action: KindAction,
    /// Why the type is the other kind.
    pub reason: String,
}

/// What a kind resolution does with a capture filed under the other kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindAction {
    /// Left out: the type has captures of its own kind.
    SetAside,
    /// Read as a card of the right kind: the type has no other capture.
    Refiled,
    /// The captures are of the right kind; the reference's table of types lists the other.
    TableOverruled,
}

impl KindAction {
    /// In words, for the drift report.
    pub fn describe(self) -> &'static str {
        match self {
            KindAction::SetAside => "set aside",
            KindAction::Refiled => "read as the other kind",
            KindAction::TableOverruled => "listed as the other kind in",
        }
    }
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
    let mut used = vec![false; spec.resolutions.properties.len()];
    // The resolutions by type and property (parsing refuses duplicates).
    let resolutions = super::first_positions(&spec.resolutions.properties, |resolution| {
        (
            resolution.connection_type.as_str(),
            resolution.property.as_str(),
        )
    });
    let mut merged = Vec::new();
    let mut kinds_used = vec![false; spec.resolutions.kinds.len()];
    for connection_type in types {
        let mut captures: Vec<&Capture> = spec.captures_of(connection_type).collect();
        let (kind, decisions) = decide_kind(spec, &mut captures, &mut kinds_used)?;
        let mut card = merge_type(spec, &captures, &resolutions, &mut used)?;
        card.kind = kind.unwrap_or(card.kind);
        card.kind_decisions = decisions;
        merged.push(card);
    }
    if let Some(index) = kinds_used.iter().position(|u| !u) {
        let stale = &spec.resolutions.kinds[index];
        return Err(SpecError::at(
            &spec.resolutions_file,
            stale.path.clone(),
            format!(
                "the kind of {} decides nothing: no capture of it is filed as the other kind; remove the entry",
                stale.connection_type
            ),
        ));
    }
    if let Some(index) = used.iter().position(|u| !u) {
        let stale = &spec.resolutions.properties[index];
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

/// The kind of a type whose captures are filed under both kinds, or under a kind the
/// reference's table contradicts: a resolution must say which it is. Captures of the other
/// kind are then set aside when the type has captures of the right kind, and re-filed when it
/// has none. Returns the decided kind (if a resolution applied) and what it did.
fn decide_kind(
    spec: &Spec,
    captures: &mut Vec<&Capture>,
    used: &mut [bool],
) -> Result<(Option<Kind>, Vec<KindDecision>), SpecError> {
    let Some(first) = captures.first().copied() else {
        return Ok((None, Vec::new()));
    };
    let connection_type = first.card.connection_type.as_str();
    let listed = spec
        .connection_types
        .iter()
        .find(|row| row.api_type == connection_type)
        .map(|row| row.kind);
    let resolution = spec
        .resolutions
        .kinds
        .iter()
        .position(|r| r.connection_type == connection_type);
    let Some(index) = resolution else {
        if let Some(other) = captures.iter().find(|c| c.kind != first.kind) {
            return Err(kind_error(
                spec,
                &other.file,
                &format!(
                    "captured as a {} but {} is a {}",
                    other.kind.as_str(),
                    first.file.display(),
                    first.kind.as_str()
                ),
                connection_type,
            ));
        }
        if let Some(listed) = listed.filter(|&k| k != first.kind) {
            return Err(kind_error(
                spec,
                &first.file,
                &format!(
                    "captured as a {} but the reference's connection type table lists a {}",
                    first.kind.as_str(),
                    listed.as_str()
                ),
                connection_type,
            ));
        }
        return Ok((None, Vec::new()));
    };
    let resolution = &spec.resolutions.kinds[index];
    let filed_otherwise = captures.iter().any(|c| c.kind != resolution.kind);
    let listed_otherwise = listed.filter(|&k| k != resolution.kind);
    if !filed_otherwise && listed_otherwise.is_none() {
        // Nothing to decide: left unused, the entry is reported as stale.
        return Ok((None, Vec::new()));
    }
    used[index] = true;
    let (kept, other): (Vec<&Capture>, Vec<&Capture>) =
        captures.iter().partition(|c| c.kind == resolution.kind);
    let action = if kept.is_empty() {
        KindAction::Refiled
    } else {
        *captures = kept;
        KindAction::SetAside
    };
    let mut decisions: Vec<KindDecision> = other
        .into_iter()
        .map(|c| KindDecision {
            file: format!("{}/{connection_type}/{}.json", types_dir(c.kind), c.name),
            filed_as: c.kind,
            action,
            reason: resolution.reason.clone(),
        })
        .collect();
    // The table's row is overruled too, whatever became of the captures.
    if let Some(listed) = listed_otherwise {
        decisions.push(KindDecision {
            file: format!("{REFERENCE_DIR}/{CONNECTION_TYPES_FILE}"),
            filed_as: listed,
            action: KindAction::TableOverruled,
            reason: resolution.reason.clone(),
        });
    }
    Ok((Some(resolution.kind), decisions))
}

fn kind_error(
    spec: &Spec,
    file: &std::path::Path,
    problem: &str,
    connection_type: &str,
) -> SpecError {
    SpecError::at(
        file,
        "$.type",
        format!(
            "{problem}; add an entry {{\"connection_type\": \"{connection_type}\", \"kind\": ..., \"reason\": ...}} to {} saying which it is",
            spec.resolutions_file.display()
        ),
    )
}

/// Merges the captures of one type, all of one kind (`decide_kind` has set the others aside).
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
    // Details keys a later capture supplied, with its name.
    let mut details_from: Vec<(String, String)> = Vec::new();
    for other in others {
        let filled = merge_details(&mut card.details, other.card.details.as_ref()).map_err(
            |(key, problem)| {
                // The capture the merged value came from.
                let origin = details_from
                    .iter()
                    .find(|(k, _)| *k == key)
                    .and_then(|(_, name)| captures.iter().find(|c| c.name == *name))
                    .unwrap_or(first);
                SpecError::at(
                    &other.file,
                    format!("$.details.{key}"),
                    format!(
                        "{problem} in {}; captures must agree on details",
                        origin.file.display()
                    ),
                )
            },
        )?;
        details_from.extend(filled.into_iter().map(|key| (key, other.name.clone())));
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
                    .map(|&index| (index, &spec.resolutions.properties[index]))
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
        kind_decisions: Vec::new(),
        details_from,
    })
}

/// Two captures' `details`: a key one capture leaves out or writes `null` (the API writes
/// `null` for what it does not know, and an older response may lack a newer key, e.g.
/// `image_version`) is not said, so the other's value stands; a key both give must hold the same
/// value. Returns the keys taken from `other`; fails with the key and what differs.
fn merge_details(
    merged: &mut Option<Details>,
    other: Option<&Details>,
) -> Result<Vec<String>, (String, String)> {
    let Some(other) = other else {
        return Ok(Vec::new());
    };
    let Some(merged) = merged.as_mut() else {
        *merged = Some(other.clone());
        return Ok(Vec::new());
    };
    let mut filled = Vec::new();
    fn one<T: Clone + PartialEq + std::fmt::Debug>(
        key: &str,
        mine: &mut Option<T>,
        theirs: &Option<T>,
        filled: &mut Vec<String>,
    ) -> Result<(), (String, String)> {
        match (mine.as_ref(), theirs) {
            (Some(a), Some(b)) if a != b => {
                Err((key.to_owned(), format!("{b:?} differs from {a:?}")))
            }
            (None, Some(b)) => {
                *mine = Some(b.clone());
                filled.push(key.to_owned());
                Ok(())
            }
            _ => Ok(()),
        }
    }
    let f = &mut filled;
    one(
        "pricing_tier",
        &mut merged.pricing_tier,
        &other.pricing_tier,
        f,
    )?;
    one(
        "pipeline_state",
        &mut merged.pipeline_state,
        &other.pipeline_state,
        f,
    )?;
    one(
        "default_start_date",
        &mut merged.default_start_date,
        &other.default_start_date,
        f,
    )?;
    one(
        "default_scheduling_interval",
        &mut merged.default_scheduling_interval,
        &other.default_scheduling_interval,
        f,
    )?;
    one("protocol", &mut merged.protocol, &other.protocol, f)?;
    one("access", &mut merged.access, &other.access, f)?;
    one(
        "image_version",
        &mut merged.image_version,
        &other.image_version,
        f,
    )?;
    for extra in &other.extra {
        match merged.extra.iter().find(|e| e.key == extra.key) {
            Some(mine) if mine.value != extra.value => {
                return Err((
                    extra.key.clone(),
                    format!("{} differs from {}", extra.value, mine.value),
                ));
            }
            Some(_) => {}
            None => {
                merged.extra.push(extra.clone());
                filled.push(extra.key.clone());
            }
        }
    }
    Ok(filled)
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
