//! The plain model of everything under `spec/`.

pub mod api;
pub mod curation;
pub mod docs_layout;
pub mod json_schema;
pub mod reference;
pub mod report_card;
pub mod resolution;
