//! Conflicting captures are never merged silently; card-vs-reference drift is reported.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::json;
use stitch_codegen::error::Location;
use stitch_codegen::model::reference::Kind;
use stitch_codegen::model::report_card::{PropertyType, ReportCard};
use stitch_codegen::normalize::card_vs_reference::disagreements;
use stitch_codegen::normalize::merge::{KindAction, merge_captures};
use stitch_codegen::spec::{Spec, load_spec};
use stitch_tests::spec_root;

fn spec() -> Spec {
    load_spec(&spec_root()).unwrap_or_else(|e| panic!("{e}"))
}

fn schema_of<'c>(card: &'c ReportCard, name: &str) -> &'c serde_json::Value {
    &card
        .steps
        .iter()
        .flat_map(|s| &s.properties)
        .find(|p| p.name == name)
        .unwrap()
        .json_schema
        .as_ref()
        .unwrap()
        .raw
}

#[test]
fn postgres_is_merged_as_the_resolutions_say() {
    let spec = spec();
    let cards = merge_captures(&spec).unwrap();
    // Every card of the documented lists, once: the six destinations the source list also
    // holds (without steps) are set aside there, as spec/resolutions.json decides.
    assert_eq!(cards.len(), 228, "one card per captured type");
    let postgres = cards
        .iter()
        .find(|c| c.card.connection_type == "postgres")
        .unwrap();
    assert_eq!(
        postgres.captures,
        [
            "api-reference-list",
            "create-destination-guide",
            "docs-list"
        ]
    );
    assert_eq!(
        *schema_of(&postgres.card, "ssl"),
        serde_json::json!({"type": "string", "pattern": "^(true|false)$"})
    );
    assert!(schema_of(&postgres.card, "host").get("anyOf").is_some());
    assert!(
        schema_of(&postgres.card, "encryption_host")
            .get("anyOf")
            .is_some()
    );
    let resolved: Vec<&str> = postgres
        .resolved
        .iter()
        .map(|r| r.property.as_str())
        .collect();
    assert_eq!(resolved, ["encryption_host", "host", "ssl"]);
    // Property order is the first capture's.
    let names: Vec<&str> = postgres.card.steps[0]
        .properties
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names.first(), Some(&"database"));
    assert_eq!(names.len(), 11);
}

#[test]
fn a_conflict_without_a_resolution_fails_naming_both_captures() {
    let mut spec = spec();
    spec.resolutions.properties.retain(|r| r.property != "ssl");
    let error = merge_captures(&spec).unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("captures of postgres disagree on property \"ssl\""),
        "{message}"
    );
    assert!(
        message.contains("api-reference-list.json at $.steps[0].properties[8]"),
        "{message}"
    );
    assert!(
        message.contains("create-destination-guide.json at $.steps[0].properties[8]"),
        "{message}"
    );
    assert!(message.contains(r#"{"type":"boolean"}"#), "{message}");
    assert!(message.contains("resolutions.json"), "{message}");
}

#[test]
fn a_resolution_that_resolves_nothing_is_an_error() {
    let mut spec = spec();
    let mut stale = spec.resolutions.properties[0].clone();
    stale.connection_type = "redshift".to_owned();
    stale.property = "database".to_owned();
    stale.path = "$[3]".to_owned();
    spec.resolutions.properties.push(stale);
    let error = merge_captures(&spec).unwrap_err();
    assert_eq!(error.location, Location::JsonPath("$[3]".to_owned()));
    assert!(
        error.problem.contains("resolves nothing"),
        "{}",
        error.problem
    );
}

#[test]
fn a_resolution_naming_an_unknown_capture_is_an_error() {
    let mut spec = spec();
    let ssl = spec
        .resolutions
        .properties
        .iter_mut()
        .find(|r| r.property == "ssl")
        .unwrap();
    ssl.winner = "the-docs".to_owned();
    let error = merge_captures(&spec).unwrap_err();
    assert!(matches!(&error.location, Location::JsonPath(p) if p.ends_with(".winner")));
    assert!(
        error
            .problem
            .contains("\"the-docs\" is not a capture of postgres"),
        "{}",
        error.problem
    );
}

#[test]
fn a_property_only_one_capture_has_needs_a_resolution_too() {
    let mut spec = spec();
    let guide = spec
        .captures
        .iter_mut()
        .find(|c| c.name == "create-destination-guide")
        .unwrap();
    guide.card.steps[0]
        .properties
        .retain(|p| p.name != "sslrootcert");
    let message = merge_captures(&spec).unwrap_err().to_string();
    assert!(
        message.contains("disagree on property \"sslrootcert\""),
        "{message}"
    );
    assert!(message.contains("at absent: absent"), "{message}");
}

#[test]
fn the_provided_flag_is_account_state_not_a_conflict() {
    let mut spec = spec();
    for capture in spec
        .captures
        .iter_mut()
        .filter(|c| c.name == "create-destination-guide")
    {
        for p in &mut capture.card.steps[0].properties {
            p.provided = Some(true);
        }
    }
    assert!(merge_captures(&spec).is_ok());
}

#[test]
fn drift_lists_undocumented_card_properties_and_unknown_types() {
    let spec = spec();
    let cards = merge_captures(&spec).unwrap();
    let found = disagreements(&spec, &cards);
    let hubspot: Vec<&str> = found
        .iter()
        .filter(|d| d.connection_type == "platform.hubspot")
        .map(|d| d.property.as_deref().unwrap())
        .collect();
    assert_eq!(
        hubspot,
        [
            "email_chunk_size",
            "image_version",
            "include_inactives",
            "require_content_scope",
            "subscription_chunk_size"
        ]
    );
    assert!(
        found
            .iter()
            .any(|d| d.connection_type == "storagegrid" && d.property.is_none())
    );
    // Each of the other disagreements names a property, or is a carded type missing from the
    // reference's table, or a reference example for a step the card gives no properties.
    let unlisted = |t: &str| !spec.connection_types.iter().any(|row| row.api_type == t);
    let untyped_example = |w: &str| w.contains(" has the example ");
    assert!(
        found.iter().all(|d| d.property.is_some()
            || unlisted(&d.connection_type)
            || untyped_example(&d.what)),
        "{found:#?}"
    );
    assert!(found.iter().any(|d| d.connection_type == "ad-words"));
    let unlisted_count = found
        .iter()
        .filter(|d| d.property.is_none() && unlisted(&d.connection_type))
        .count();
    // Cards against the connector pages (142 types) and the reference (the rest).
    assert_eq!((found.len(), unlisted_count), (438, 107), "{found:#?}");
    // A card without steps says nothing about properties: no drift against its reference.
    assert!(!found.iter().any(|d| d.connection_type == "bigquery_v2"));
}

#[test]
fn drift_reports_required_status_type_and_presence_changes() {
    let mut spec = spec();
    // Every card of redshift with steps changes alike, so that the captures still agree.
    for redshift in spec
        .captures
        .iter_mut()
        .filter(|c| c.card.connection_type == "redshift" && !c.card.steps.is_empty())
    {
        let props = &mut redshift.card.steps[0].properties;
        props
            .iter_mut()
            .find(|p| p.name == "database")
            .unwrap()
            .is_required = false;
        props
            .iter_mut()
            .find(|p| p.name == "username")
            .unwrap()
            .property_type = PropertyType::ReadOnly;
        let port = props.iter_mut().find(|p| p.name == "port").unwrap();
        let raw = json!({"type": "integer"});
        let schema = port.json_schema.as_mut().unwrap();
        schema.document = stitch_codegen::model::json_schema::parse(&raw).unwrap();
        schema.raw = raw;
        props.retain(|p| p.name != "encryption_username");
    }
    let cards = merge_captures(&spec).unwrap();
    let found = disagreements(&spec, &cards);
    let redshift: Vec<(String, String)> = found
        .iter()
        .filter(|d| d.connection_type == "redshift")
        .map(|d| (d.property.clone().unwrap(), d.what.clone()))
        .collect();
    let expect = |property: &str, words: &str| {
        assert!(
            redshift
                .iter()
                .any(|(p, w)| p == property && w.contains(words)),
            "no drift for {property} saying {words:?}: {redshift:?}"
        );
    };
    expect(
        "database",
        "required: connector page REQUIRED, card is_required false",
    );
    expect(
        "username",
        "status: connector page REQUIRED, card read_only",
    );
    expect("port", "type: connector page STRING, card accepts integer");
    expect("encryption_username", "documented in the connector page");
    assert_eq!(redshift.len(), 4, "{redshift:?}");
}

/// The captures of `connection_type`, in the spec's order.
fn names_of(spec: &Spec, connection_type: &str) -> Vec<(String, &'static str)> {
    spec.captures_of(connection_type)
        .map(|c| (c.name.clone(), c.kind.as_str()))
        .collect()
}

#[test]
fn a_type_filed_under_both_kinds_is_the_kind_its_resolution_names() {
    let spec = spec();
    assert_eq!(
        names_of(&spec, "snowflake"),
        [
            ("docs-list".to_owned(), "source"),
            ("api-reference-list".to_owned(), "destination"),
            ("docs-list".to_owned(), "destination"),
        ]
    );
    let cards = merge_captures(&spec).unwrap();
    let snowflake = cards
        .iter()
        .find(|c| c.card.connection_type == "snowflake")
        .unwrap();
    assert_eq!(snowflake.kind, Kind::Destination);
    assert_eq!(snowflake.captures, ["api-reference-list", "docs-list"]);
    assert!(!snowflake.card.steps.is_empty());
    let [decision] = snowflake.kind_decisions.as_slice() else {
        panic!("{:?}", snowflake.kind_decisions);
    };
    assert_eq!(decision.action, KindAction::SetAside);
    assert_eq!(decision.filed_as, Kind::Source);
    assert!(
        decision
            .file
            .ends_with("source-types/snowflake/docs-list.json")
    );
}

#[test]
fn a_type_filed_only_under_the_other_kind_is_read_as_its_own() {
    let spec = spec();
    assert_eq!(
        names_of(&spec, "panoply"),
        [("docs-list".to_owned(), "source")]
    );
    let cards = merge_captures(&spec).unwrap();
    let panoply = cards
        .iter()
        .find(|c| c.card.connection_type == "panoply")
        .unwrap();
    assert_eq!(panoply.kind, Kind::Destination);
    assert_eq!(panoply.kind_decisions[0].action, KindAction::Refiled);
}

#[test]
fn a_kind_conflict_without_a_resolution_fails_naming_the_file_and_the_fix() {
    for (connection_type, words) in [
        ("snowflake", "captured as a destination but"),
        (
            "panoply",
            "the reference's connection type table lists a destination",
        ),
    ] {
        let mut spec = spec();
        spec.resolutions
            .kinds
            .retain(|r| r.connection_type != connection_type);
        let message = merge_captures(&spec).unwrap_err().to_string();
        assert!(message.contains(words), "{message}");
        assert!(
            message.contains(&format!("\"connection_type\": \"{connection_type}\"")),
            "{message}"
        );
    }
}

#[test]
fn a_kind_resolution_with_nothing_to_decide_is_an_error() {
    let mut spec = spec();
    let mut stale = spec.resolutions.kinds[0].clone();
    stale.connection_type = "platform.hubspot".to_owned();
    stale.kind = Kind::Source;
    stale.path = "$[99]".to_owned();
    spec.resolutions.kinds.push(stale);
    let error = merge_captures(&spec).unwrap_err();
    assert_eq!(error.location, Location::JsonPath("$[99]".to_owned()));
    assert!(
        error.problem.contains("decides nothing"),
        "{}",
        error.problem
    );
}

#[test]
fn details_a_capture_leaves_out_come_from_the_other_and_differing_ones_fail() {
    let spec = spec();
    let cards = merge_captures(&spec).unwrap();
    let hubspot = cards
        .iter()
        .find(|c| c.card.connection_type == "platform.hubspot")
        .unwrap();
    // The seed capture predates `image_version`; the docs' card gives it.
    assert_eq!(
        hubspot
            .card
            .details
            .as_ref()
            .unwrap()
            .image_version
            .as_deref(),
        Some("2.latest")
    );
    assert_eq!(
        hubspot.details_from,
        [("image_version".to_owned(), "docs-list".to_owned())]
    );
    let mut spec = spec;
    let docs = spec
        .captures
        .iter_mut()
        .find(|c| c.card.connection_type == "platform.hubspot" && c.name == "docs-list")
        .unwrap();
    docs.card
        .details
        .as_mut()
        .unwrap()
        .default_scheduling_interval = Some(60);
    let error = merge_captures(&spec).unwrap_err();
    assert_eq!(
        error.location,
        Location::JsonPath("$.details.default_scheduling_interval".to_owned())
    );
    assert!(error.problem.contains("60"), "{}", error.problem);
    // It names the capture the merged value came from.
    assert!(
        error.problem.contains("api-reference.json"),
        "{}",
        error.problem
    );
}

#[test]
fn a_kind_resolution_also_overrules_the_table_row_it_contradicts() {
    let mut spec = spec();
    // The table lists snowflake as a source: the resolution (destination) overrules it as well
    // as setting the source-list card aside, and both decisions are reported.
    for row in &mut spec.connection_types {
        if row.api_type == "snowflake" {
            row.kind = Kind::Source;
        }
    }
    let cards = merge_captures(&spec).unwrap();
    let snowflake = cards
        .iter()
        .find(|c| c.card.connection_type == "snowflake")
        .unwrap();
    let actions: Vec<KindAction> = snowflake.kind_decisions.iter().map(|d| d.action).collect();
    assert_eq!(actions, [KindAction::SetAside, KindAction::TableOverruled]);
    assert_eq!(
        snowflake.kind_decisions[1].file,
        "reference/connection-types.json"
    );
}

/// A type its connector page marks deprecated is deprecated even where no card says so, and
/// a card naming another replacement than the page is drift.
#[test]
fn a_documented_deprecation_stands_and_disagreeing_with_the_card_is_drift() {
    let mut spec = spec();
    for marketo in spec
        .captures
        .iter_mut()
        .filter(|c| c.card.connection_type == "platform.marketo")
    {
        marketo.card.upgrade_available = None;
        if let Some(details) = marketo.card.details.as_mut() {
            details.pipeline_state = None;
        }
    }
    let normalized = stitch_codegen::pipeline::normalize(&spec).unwrap();
    let drift: Vec<&str> = normalized
        .disagreements
        .iter()
        .filter(|d| d.connection_type == "platform.marketo" && d.property.is_none())
        .map(|d| d.what.as_str())
        .collect();
    assert_eq!(
        drift,
        [
            "the connector page marks it deprecated, the card does not",
            "the connector page names `platform.marketobulk` as its replacement, the card names none"
        ]
    );
    let connector = normalized
        .ir
        .connectors
        .iter()
        .find(|c| c.api_type == "platform.marketo")
        .unwrap();
    assert_eq!(
        connector.deprecation().as_deref(),
        Some(
            "Stitch's documentation marks `platform.marketo` deprecated as of June 26, 2018; use `platform.marketobulk` instead"
        )
    );
}
