//! The form struct of a connector carries its other steps: a partner that performs a step
//! itself (OAuth) sends that step's properties in the same create request, next to the form's.
//!
//! Rules:
//! - Each other step's struct becomes an optional field of the form struct, named after the
//!   step (`oauth` → `oauth_properties`, with a trailing `_` while a property has that name).
//! - A property in the form and in another step is read into the form (the validation rules
//!   also take the first step's); only the other step's own names go to its struct.

use super::ir::{Carried, Connector, Field, Struct};
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
