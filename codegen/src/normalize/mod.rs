//! The normalize stage: from the plain model of `spec/` to what the emitter needs.

pub mod drift;
pub mod merge;
