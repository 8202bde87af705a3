//! What a spec refresh does to the generated crate's users. Two specs are each loaded and
//! normalized to the IR, which gives the [`surface`] of the crate they generate (modules,
//! features, structs, fields and their Rust types, value types, what validation checks); the
//! two surfaces are compared and every change [`classify`]-ed as breaking, behaviour-breaking,
//! minor or patch, a schema's change being ordered by [`schema_change`]; [`report`] puts the
//! changes in words (a one-screen summary, the full list). `cargo xtask drift` runs it.

pub mod classify;
pub mod report;
pub mod schema_change;
pub mod surface;
