//! The update struct of a connector: what `PUT /v4/sources/{id}` or
//! `PUT /v4/destinations/{id}` may carry. Every property an update may send, from every step,
//! optional (a PUT changes only what it names); read-only properties, and those whose value
//! cannot change once set, are refused.
//!
//! Rules:
//! - One struct per connector, not per step: a PUT's `properties` is one flat object, and a
//!   partner that performs OAuth itself sends the OAuth properties next to form properties.
//! - Its properties are exactly those [`validate_update_properties`] accepts: every property of
//!   every step but the read-only ones and those whose value cannot change once set
//!   (`user_provided_immutable`), which it refuses. A name in two steps is taken once, from the first step,
//!   as the validation rules do.
//! - The schedule is not grouped: an update may change the frequency alone.
//!
//! [`validate_update_properties`]: ../../../stitch_connect_schema/fn.validate_update_properties.html

use super::ir::{Access, Connector, Struct, Verdict};
use super::{names, steps};
#[cfg(doc)]
use crate::model::report_card::PropertyType;

/// The report card's `property_type` of a property whose value cannot change once set (the
/// wire value of [`PropertyType::UserProvidedImmutable`]).
pub const IMMUTABLE: &str = "user_provided_immutable";

/// The type name of the update struct, unless a nested struct of the connector has it.
pub const UPDATE_STRUCT: &str = "UpdateProperties";

/// The update struct of `connector`, `None` when it has no step.
pub fn update_struct(connector: &Connector) -> Option<Struct> {
    if !connector.structs.iter().any(|s| s.step.is_some()) {
        return None;
    }
    let every = steps::fields_of_every_step(connector);
    let mut fields = Vec::new();
    let mut refused = Vec::new();
    let mut immutable = Vec::new();
    for (step, field) in every {
        if field.is_read_only() {
            refused.push(field.wire.clone());
            continue;
        }
        if field.is_immutable() {
            immutable.push(field.wire.clone());
            continue;
        }
        let mut field = field.clone();
        let note = match field.access {
            Access::Required => format!("Belongs to the `{step}` step, which requires it."),
            Access::Optional => format!("Belongs to the `{step}` step."),
            Access::Provided => format!(
                "Belongs to the `{step}` step; Stitch provides it when it performs the step."
            ),
            Access::NotSettable(why) => format!(
                "Belongs to the `{step}` step ({}).",
                names::lowercase_first(why.describe())
            ),
        };
        field.description = Some(match field.description.as_deref().map(str::trim) {
            Some(text) if !text.is_empty() => format!("{text}\n\n{note}"),
            _ => note,
        });
        field.access = Access::Optional;
        fields.push(field);
    }
    let name = steps::free_name(connector, UPDATE_STRUCT);
    Some(Struct {
        // Nothing is required, so there is no required-fields struct.
        required_name: String::new(),
        name,
        step: None,
        summary: format!(
            "Any subset of the properties of {}, for an update (`PUT`): every property an update may send, from every step, optional.",
            connector.api_type
        ),
        fields,
        schedule: None,
        refused,
        immutable,
        carries: Vec::new(),
        other_steps: Vec::new(),
        lenient: false,
        verdict: Some(Verdict::Update),
    })
}

#[cfg(test)]
mod tests {
    use super::IMMUTABLE;
    use crate::model::report_card::PropertyType;

    #[test]
    fn the_immutable_property_type_is_the_cards_wire_value() {
        assert_eq!(
            PropertyType::parse(IMMUTABLE),
            PropertyType::UserProvidedImmutable
        );
        assert_eq!(PropertyType::UserProvidedImmutable.as_str(), IMMUTABLE);
    }
}
