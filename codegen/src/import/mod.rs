//! Importers that turn captured text into structured spec files.

pub mod reference;
