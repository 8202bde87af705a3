//! The runtime that `stitch-connect-schema`'s generated code executes and its generator
//! (`stitch-codegen`) shares, hand-written: one implementation on both sides, so that what the
//! generator compiles and checks at regen is exactly what the crate runs.
//!
//! - [`pattern`]: the matcher of JSON Schema `pattern`s. The generator compiles each pattern
//!   into a [`pattern::Matcher`] (an instruction program, a literal set or a fixed shape); the
//!   generated code holds it as a constant and matches with it, in const context too.
//! - [`switch_word`]: the word reader of the generated `match` that finds a string among a fixed
//!   set (the connection types): the generator writes the words, a lookup reads them.
//!
//! - [`json`]: a JSON value's type in words, and keys escaped for JSON pointers, which the
//!   generator's errors and the crate's validation errors both print.
//!
//! The rest of the crate's hand-written code (secrets, validation, formats, errors) lives in
//! `stitch-connect-schema`'s `support` module: only the generated code uses it.

pub mod json;
pub mod pattern;
pub mod switch_word;
