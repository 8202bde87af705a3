//! The generator behind `cargo xtask regen`.
//!
//! It reads `spec/` into a plain [`model`] ([`spec::load_spec`]), normalizes that model into one
//! intermediate representation ([`normalize::ir`]) and emits the `stitch-connect-schema` crate
//! from it ([`emit::generate`]); [`output`] compares or writes the files.
//! [`import`] turns captured text (the connection-property reference) into structured spec files.

pub mod emit;
pub mod error;
pub mod import;
pub mod json;
pub mod model;
pub mod normalize;
pub mod output;
pub mod spec;

pub use error::{Location, Notice, SpecError};
pub use spec::{Spec, load_spec};
