//! Importers that turn captured text into structured spec files.

pub mod api_docs;
pub mod card_captures;
pub mod docs_cards;
pub mod docs_pages;
pub mod docs_render;
pub mod front_matter;
pub mod liquid;
pub mod markdown;
pub mod reference;
