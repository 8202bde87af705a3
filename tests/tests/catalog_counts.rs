#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The whole documented catalog reaches the crate: every report card of the documentation
//! source's list responses is a capture in `spec/` (228 sources, 184 of them with steps, and 6
//! destinations), every one is a connection type of the crate, every card with steps gives
//! request types, and every deprecated type's module says so and names its replacement; every
//! connector page (131 sources, 11 destinations) is rendered into `spec/docs-pages` and typed.

use std::fs;

use stitch_codegen::import::card_captures::{CAPTURE_NAME, LIST_PAGES};
use stitch_codegen::import::docs_cards::{DocsCard, list_cards};
use stitch_codegen::import::docs_render::docs_pages;
use stitch_codegen::model::reference::Kind;
use stitch_codegen::spec::types_dir;
use stitch_connect_schema::ConnectionType;

/// The cards of each documented list, read from `spec/docs`.
fn documented() -> Vec<(Kind, Vec<DocsCard>)> {
    let docs = stitch_tests::spec_root().join("docs");
    LIST_PAGES
        .iter()
        .map(|(kind, page, _)| {
            let file = docs.join(page);
            let text = fs::read_to_string(&file).unwrap();
            (*kind, list_cards(&file, &text, &mut Vec::new()).unwrap())
        })
        .collect()
}

#[test]
fn every_documented_card_is_a_capture_in_spec() {
    let mut counts = Vec::new();
    for (kind, cards) in documented() {
        for card in &cards {
            let file = stitch_tests::spec_root()
                .join(types_dir(kind))
                .join(&card.card.connection_type)
                .join(format!("{CAPTURE_NAME}.json"));
            let text = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file:?}: {e}"));
            assert_eq!(text.trim_end(), card.raw.trim_end(), "{file:?}");
        }
        let with_steps = cards.iter().filter(|c| !c.card.steps.is_empty()).count();
        counts.push((kind, cards.len(), with_steps));
    }
    assert_eq!(
        counts,
        [(Kind::Source, 228, 184), (Kind::Destination, 6, 6)]
    );
}

#[test]
fn every_documented_card_is_a_connection_type_and_cards_with_steps_have_request_types() {
    let mut with_requests = 0;
    let mut types = std::collections::BTreeSet::new();
    for (_, cards) in documented() {
        for card in &cards {
            let api_type = card.card.connection_type.as_str();
            types.insert(api_type.to_owned());
            let found = ConnectionType::find(api_type).unwrap();
            let module = found.typed_module().expect(api_type);
            if card.card.steps.is_empty() {
                continue;
            }
            // A card with a form step gives the create request's struct (empty for a webhook).
            let file = stitch_tests::workspace_root()
                .join("generated/src")
                .join(format!("{}.rs", module.replace("::", "/")));
            let source = fs::read_to_string(&file).unwrap();
            if card
                .card
                .steps
                .iter()
                .any(|s| s.step_type.as_str() == "form")
            {
                assert!(
                    source.contains("pub struct FormProperties"),
                    "{api_type}: {file:?}"
                );
            }
            assert!(source.contains("pub struct UpdateProperties"), "{api_type}");
            with_requests += 1;
        }
    }
    // The six destinations the source list also holds are one type each.
    assert_eq!(types.len(), 228);
    assert_eq!(with_requests, 190);
    // Two more types are documented by a connector page alone (no card in the lists).
    let page_only: Vec<&str> = ConnectionType::all()
        .iter()
        .map(|t| t.api_type())
        .filter(|t| !types.contains(*t))
        .collect();
    assert_eq!(page_only, ["platform.ga4", "platform.tiktok-ads"]);
    assert_eq!(ConnectionType::all().len(), 230);
}

#[test]
fn every_connector_page_is_rendered_into_spec_and_typed_in_the_crate() {
    let root = stitch_tests::spec_root();
    let pages = docs_pages(&root, &mut Vec::new()).unwrap();
    let mut kinds = (0, 0);
    for page in &pages {
        let on_disk = fs::read_to_string(root.join(&page.path)).unwrap();
        assert_eq!(
            on_disk, page.contents,
            "{:?}: run cargo xtask import-docs",
            page.path
        );
        let connector: serde_json::Value = serde_json::from_str(&page.contents).unwrap();
        let api_type = connector["api_type"].as_str().unwrap();
        let found = ConnectionType::find(api_type).unwrap();
        assert!(found.typed_module().is_some(), "{api_type}");
        match connector["kind"].as_str() {
            Some("source") => kinds.0 += 1,
            Some("destination") => kinds.1 += 1,
            other => panic!("{api_type}: kind {other:?}"),
        }
        // A page with properties gives the create request's struct.
        if connector["properties"]
            .as_array()
            .is_some_and(|p| p.iter().any(|p| p["step"] == "form"))
        {
            let module = found.typed_module().unwrap();
            let file = stitch_tests::workspace_root()
                .join("generated/src")
                .join(format!("{}.rs", module.replace("::", "/")));
            let source = fs::read_to_string(&file).unwrap();
            assert!(source.contains("pub struct FormProperties"), "{api_type}");
        }
    }
    assert_eq!(pages.len(), 142);
    assert_eq!(kinds, (131, 11));
    // Nothing else lies in spec/docs-pages (regen would read it).
    let mut on_disk: Vec<_> = fs::read_dir(root.join("docs-pages"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    on_disk.sort();
    let written: Vec<_> = pages.iter().map(|p| root.join(&p.path)).collect();
    assert_eq!(on_disk, written);
}

#[test]
fn deprecated_types_carry_deprecated_naming_their_replacement() {
    let mut deprecated = 0;
    for (kind, cards) in documented() {
        for card in &cards {
            let api_type = card.card.connection_type.as_str();
            let found = ConnectionType::find(api_type).unwrap();
            let crate_kind = match found.kind() {
                stitch_connect_schema::Kind::Source => Kind::Source,
                stitch_connect_schema::Kind::Destination => Kind::Destination,
            };
            // A card filed under the other kind is set aside (spec/resolutions.json).
            if crate_kind != kind && card.card.steps.is_empty() {
                continue;
            }
            let state = card
                .card
                .details
                .as_ref()
                .and_then(|d| d.pipeline_state.as_deref());
            let replacement = card.card.upgrade_available.as_ref();
            if replacement.is_none() && state != Some("deprecated") {
                continue;
            }
            let module = found.typed_module().unwrap();
            let (dir, name) = module.split_once("::").unwrap();
            let mod_rs = fs::read_to_string(
                stitch_tests::workspace_root().join(format!("generated/src/{dir}/mod.rs")),
            )
            .unwrap();
            let declaration = format!("pub mod {name};");
            let before = mod_rs
                .split(&declaration)
                .next()
                .and_then(|head| head.rsplit("#[cfg(feature").next())
                .unwrap_or_default();
            assert!(before.contains("#[deprecated("), "{api_type}: {before}");
            if let Some(next) = replacement {
                assert!(
                    before.contains(&format!("`{}`", next.connection_type)),
                    "{api_type}: {before}"
                );
            }
            deprecated += 1;
        }
    }
    assert_eq!(deprecated, 38);
}
