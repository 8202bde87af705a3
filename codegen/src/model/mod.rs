//! The plain model of everything under `spec/`.

pub mod reference;
pub mod report_card;
pub mod resolution;
