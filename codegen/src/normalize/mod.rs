//! The normalize stage: from the plain model of `spec/` to the one intermediate representation
//! the emitter reads ([`ir`]).
//!
//! [`merge`] makes one card per connection type, [`build_ir`] builds the IR from cards and
//! reference, [`field_types`] maps each property's JSON Schema to its Rust type (shared between
//! properties with one constraint), [`steps`] lets the form struct carry the other steps,
//! [`update`] and [`response`] derive each connector's update and response structs, [`names`]
//! makes Rust names, [`pattern`] compiles patterns, and [`card_vs_reference`] lists where cards
//! and reference disagree (for the drift report). [`card_diff`] compares two sets of cards
//! (`cargo xtask card-diff`); regen does not use it.

pub mod api_endpoints;
pub mod api_ir;
pub mod api_objects;
pub mod build_ir;
pub mod card_diff;
pub mod card_vs_reference;
pub mod field_types;
pub mod ir;
pub mod merge;
pub mod names;
pub mod pattern;
pub mod response;
pub mod steps;
pub mod update;

// A key escaped for a JSON pointer (RFC 6901): the runtime's escaping.
pub use stitch_connect_runtime::json::pointer_escaped as pointer_escape;

/// The position of the first of `items` under each key: spec entries (example fixes,
/// resolutions) are looked up once per type or per conflict, and a scan of the list each time
/// would make regen quadratic.
pub fn first_positions<'a, T>(
    items: &'a [T],
    key: impl Fn(&'a T) -> (&'a str, &'a str),
) -> std::collections::HashMap<(&'a str, &'a str), usize> {
    let mut positions = std::collections::HashMap::new();
    for (index, item) in items.iter().enumerate() {
        positions.entry(key(item)).or_insert(index);
    }
    positions
}
