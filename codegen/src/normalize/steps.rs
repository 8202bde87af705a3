//! The form struct of a connector carries its other steps: a partner that performs a step
//! itself (OAuth) sends that step's properties in the same create request, next to the form's.
//!
//! Rules:
//! - Each other step's struct becomes an optional field of the form struct, named after the
//!   step (`oauth` → `oauth_properties`, with a trailing `_` while a property has that name).
//! - A property in the form and in another step is read into the form (the validation rules
//!   also take the first step's); only the other step's own names go to its struct.
//! - A step after the form requires nothing in a request (a partner may send part of it, as
//!   the validator allows); its required properties say so in their docs.
//! - A request never sends a read-only property: the IR's step structs hold every property of
//!   the card (the catalog, the update and response structs read them), and the request view
//!   the connector module is emitted from has each step struct refuse its read-only ones, the
//!   form those of the steps it carries too.

use super::ir::{Access, Carried, Connector, Field, ScheduleParts, Struct};
use super::names;

/// Sets the form struct's [`Struct::carries`] from the connector's other steps.
pub fn carry_other_steps(connector: &mut Connector) {
    let Some(form) = connector
        .structs
        .iter()
        .position(|s| s.step.as_deref() == Some("form"))
    else {
        return;
    };
    let mut taken: Vec<String> = connector.structs[form]
        .fields
        .iter()
        .map(|f| f.wire.clone())
        .collect();
    let mut carries = Vec::new();
    for other in connector.structs.iter().filter(|s| is_other_step(s)) {
        let step = other.step.as_deref().unwrap_or_default();
        let mut field = format!("{}_properties", names::snake(step));
        while connector.structs[form]
            .fields
            .iter()
            .any(|f| f.rust == field)
            || carries.iter().any(|c: &Carried| c.field == field)
        {
            field.push('_');
        }
        let wires: Vec<String> = other
            .fields
            .iter()
            .map(|f| f.wire.clone())
            .filter(|wire| !taken.contains(wire))
            .collect();
        taken.extend(wires.iter().cloned());
        carries.push(Carried {
            field,
            struct_name: other.name.clone(),
            step: step.to_owned(),
            wires,
        });
    }
    connector.structs[form].carries = carries;
}

/// The connector as its request structs are emitted: each step struct with its read-only
/// properties moved from its fields to its refused names (the form refuses the carried steps'
/// read-only names too).
pub fn request_view(connector: &Connector) -> Connector {
    let mut connector = connector.clone();
    refuse_read_only(&mut connector);
    refuse_other_steps(&mut connector);
    connector
}

/// Each step struct after the form, read alone, refuses the properties of the other steps
/// (the validator would take them: they are the connection type's).
fn refuse_other_steps(connector: &mut Connector) {
    let every: Vec<String> = fields_of_every_step(connector)
        .into_iter()
        .map(|(_, f)| f.wire.clone())
        .collect();
    for s in connector.structs.iter_mut().filter(|s| is_other_step(s)) {
        s.other_steps = every
            .iter()
            .filter(|wire| !s.fields.iter().any(|f| &f.wire == *wire) && !s.refused.contains(*wire))
            .cloned()
            .collect();
    }
}

fn refuse_read_only(connector: &mut Connector) {
    let mut carried_refused = Vec::new();
    for s in connector.structs.iter_mut().filter(|s| s.step.is_some()) {
        if s.step.as_deref() != Some("form") {
            demand_nothing(s);
        }
        let read_only = |f: &Field| f.is_read_only();
        let refused: Vec<String> = s
            .fields
            .iter()
            .filter(|f| read_only(f))
            .map(|f| f.wire.clone())
            .collect();
        if refused.is_empty() {
            continue;
        }
        // The schedule's parts are positions in the fields: found again by wire name.
        let wires: Vec<String> = s.fields.iter().map(|f| f.wire.clone()).collect();
        s.fields.retain(|f| !read_only(f));
        if let Some(parts) = &s.schedule {
            let position = |index: usize| s.fields.iter().position(|f| f.wire == wires[index]);
            // A read-only schedule part leaves no schedule to group: the parts stay fields.
            s.schedule = match (
                position(parts.frequency),
                position(parts.anchor_time),
                position(parts.cron_expression),
            ) {
                (Some(frequency), Some(anchor_time), Some(cron_expression)) => {
                    Some(ScheduleParts {
                        frequency,
                        anchor_time,
                        cron_expression,
                    })
                }
                _ => None,
            };
        }
        for carried in &mut s.carries {
            carried.wires.retain(|wire| !refused.contains(wire));
        }
        if s.step.as_deref() != Some("form") {
            carried_refused.extend(refused.iter().cloned());
        }
        s.refused.extend(refused);
    }
    if let Some(form) = connector
        .structs
        .iter_mut()
        .find(|s| s.step.as_deref() == Some("form"))
    {
        for carried in &mut form.carries {
            carried.wires.retain(|wire| !carried_refused.contains(wire));
        }
        for wire in carried_refused {
            if !form.refused.contains(&wire) && !form.fields.iter().any(|f| f.wire == wire) {
                form.refused.push(wire);
            }
        }
    }
}

/// A step after the form is performed later, by Stitch or by the partner: a request may give
/// any part of it (the validator demands only the form's required properties), so its struct
/// requires nothing; the properties the card requires say so in their docs.
fn demand_nothing(s: &mut Struct) {
    let step = s.step.clone().unwrap_or_default();
    for field in &mut s.fields {
        if field.access != Access::Required {
            continue;
        }
        field.access = Access::Optional;
        let note = format!("Required by the `{step}` step when you perform it yourself.");
        field.description = Some(match field.description.as_deref().map(str::trim) {
            Some(text) if !text.is_empty() => format!("{text}\n\n{note}"),
            _ => note,
        });
    }
}

/// Every property of every step, each name once (from the first step that has it, as the
/// validation rules take it), with its step.
pub fn fields_of_every_step(connector: &Connector) -> Vec<(&str, &Field)> {
    let mut out: Vec<(&str, &Field)> = Vec::new();
    for s in connector.structs.iter().filter(|s| s.step.is_some()) {
        let step = s.step.as_deref().unwrap_or_default();
        for field in &s.fields {
            if !out.iter().any(|(_, f)| f.wire == field.wire) {
                out.push((step, field));
            }
        }
    }
    out
}

/// A name for a connector-level struct that no nested struct of the connector has: `base`, or
/// `base` with trailing `_`s.
pub fn free_name(connector: &Connector, base: &str) -> String {
    let mut name = base.to_owned();
    while connector.structs.iter().any(|s| s.name == name) {
        name.push('_');
    }
    name
}

fn is_other_step(s: &Struct) -> bool {
    s.step.as_deref().is_some_and(|step| step != "form")
}
