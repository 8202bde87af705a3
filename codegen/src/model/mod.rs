//! The plain model of everything under `spec/`.

pub mod api;
pub mod api_types;
pub mod curation;
pub mod docs_layout;
pub mod json_schema;
pub mod reference;
pub mod release;
pub mod report_card;
pub mod resolution;
