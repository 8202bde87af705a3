#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `cargo xtask card-diff`'s comparison on fixture cards: each kind of change is named in words, and
//! a schema whose keys are only reordered is no change.

use std::path::Path;

use serde_json::{Value, json};
use stitch_codegen::model::report_card::{ReportCard, parse_report_card};
use stitch_codegen::normalize::card_diff::{Change, diff_cards};

fn property(name: &str, required: bool, credential: bool, schema: Value) -> Value {
    json!({
        "name": name, "is_required": required, "is_credential": credential,
        "system_provided": false, "property_type": "user_provided", "json_schema": schema
    })
}

fn card(connection_type: &str, form: Value, oauth: Value) -> ReportCard {
    let text = json!({
        "type": connection_type,
        "steps": [{"type": "form", "properties": form}, {"type": "oauth", "properties": oauth}]
    })
    .to_string();
    parse_report_card(Path::new("fixture.json"), &text, &mut Vec::new()).unwrap()
}

fn words(changes: &[Change]) -> Vec<String> {
    changes.iter().map(ToString::to_string).collect()
}

#[test]
fn every_kind_of_change_is_named() {
    let old = vec![
        card(
            "platform.shop",
            json!([
                property("api_key", true, true, json!({"type": "string"})),
                property(
                    "region",
                    true,
                    false,
                    json!({"type": "string", "pattern": "^(us|eu)$"})
                ),
                property("legacy", false, false, json!({"type": "string"})),
                property("token", false, false, json!({"type": "string"})),
                property(
                    "port",
                    true,
                    false,
                    json!({"type": "string", "pattern": "^\\d+$"})
                )
            ]),
            json!([]),
        ),
        card("platform.gone", json!([]), json!([])),
    ];
    let new = vec![
        card(
            "platform.shop",
            json!([
                property("api_key", true, false, json!({"type": "string"})),
                property(
                    "region",
                    false,
                    false,
                    json!({"type": "string", "pattern": "^(us|eu|ap)$"})
                ),
                property("added", false, false, json!({"type": "boolean"})),
                property(
                    "port",
                    true,
                    false,
                    json!({"pattern": "^\\d+$", "type": "string"})
                )
            ]),
            json!([property("token", false, false, json!({"type": "string"}))]),
        ),
        card("platform.new", json!([]), json!([])),
    ];
    assert_eq!(
        words(&diff_cards(&old, &new)),
        [
            "- type platform.gone removed",
            "+ type platform.new added",
            "+ platform.shop: property added added (form step)",
            "~ platform.shop: property api_key: is_credential flipped to false (was true)",
            "- platform.shop: property legacy removed (form step)",
            "~ platform.shop: property region: is_required flipped to false (was true)",
            "~ platform.shop: property region: json_schema {\"pattern\":\"^(us|eu)$\",\"type\":\"string\"} → {\"pattern\":\"^(us|eu|ap)$\",\"type\":\"string\"}",
            "~ platform.shop: property token: moved from the form step to the oauth step",
        ]
    );
}

#[test]
fn identical_cards_have_no_changes() {
    let a = vec![card(
        "postgres",
        json!([property("host", true, false, json!({"type": "string"}))]),
        json!([]),
    )];
    assert!(diff_cards(&a, &a).is_empty());
}

#[test]
fn the_two_postgres_captures_differ_where_the_resolutions_say() {
    let spec =
        stitch_codegen::load_spec(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")).unwrap();
    let postgres: Vec<&ReportCard> = spec
        .captures
        .iter()
        .filter(|c| c.card.connection_type == "postgres")
        .filter(|c| c.name != "docs-list")
        .map(|c| &c.card)
        .collect();
    let changes = diff_cards(&[postgres[0].clone()], &[postgres[1].clone()]);
    let properties: Vec<&str> = changes
        .iter()
        .map(|c| match c {
            Change::PropertyChanged { property, .. } => property.as_str(),
            other => panic!("{other}"),
        })
        .collect();
    assert_eq!(properties, ["encryption_host", "host", "ssl"]);
}
