//! The generator behind `cargo xtask regen`.
//!
//! [`pipeline`] shows the whole run in order: it reads `spec/` into a plain [`model`]
//! ([`spec::load_spec`]), normalizes that model into one intermediate representation
//! ([`normalize::ir`]), emits the `stitch-connect-schema` crate from it ([`emit::emit`]), and
//! writes or compares the files ([`output`]).
//! [`import`] turns captured text (the connection-property reference) into structured spec files.

pub mod drift;
pub mod emit;
pub mod error;
pub mod import;
pub mod json;
pub mod markdown_links;
pub mod model;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod spec;

pub use error::{Location, Notice, SpecError};
pub use pipeline::{generate, regen};
pub use spec::{Spec, load_spec};
