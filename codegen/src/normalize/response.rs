//! The response struct of a connector: the `properties` of a Source or Destination object as
//! the API returns them.
//!
//! Rules:
//! - Every property of every step, optional: credentials are usually left out of responses,
//!   read-only properties (`image_version`) are set by Stitch and returned.
//! - Lenient: a response is what the API sent, so a value its type does not take (a
//!   placeholder, a drifted constraint) is kept aside in the struct's `unexpected` properties
//!   instead of failing the whole object; unknown properties are kept as extras.

use super::ir::{Access, Connector, Struct};
use super::steps;

/// The type name of the response struct, unless a nested struct of the connector has it.
pub const RESPONSE_STRUCT: &str = "ResponseProperties";

/// The response struct of `connector`, `None` when it has no step.
pub fn response_struct(connector: &Connector) -> Option<Struct> {
    if !connector.structs.iter().any(|s| s.step.is_some()) {
        return None;
    }
    let fields = steps::fields_of_every_step(connector)
        .into_iter()
        .map(|(_, field)| {
            let mut field = field.clone();
            field.access = Access::Optional;
            field
        })
        .collect();
    let name = steps::free_name(connector, RESPONSE_STRUCT);
    Some(Struct {
        // Nothing is required, so there is no required-fields struct.
        required_name: String::new(),
        name,
        step: None,
        summary: format!(
            "The properties of a {} object of {} as the API returns them: every property optional, credentials usually absent, read-only ones present. Values their type does not take are kept in `unexpected`, unknown properties in `extra_properties`.",
            connector.kind.as_str(),
            connector.api_type
        ),
        fields,
        schedule: None,
        refused: Vec::new(),
        immutable: Vec::new(),
        carries: Vec::new(),
        other_steps: Vec::new(),
        lenient: true,
        verdict: None,
    })
}
