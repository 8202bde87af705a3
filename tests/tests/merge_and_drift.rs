//! Conflicting captures are never merged silently; card-vs-reference drift is reported.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::json;
use stitch_codegen::error::Location;
use stitch_codegen::model::report_card::{PropertyType, ReportCard};
use stitch_codegen::normalize::card_vs_reference::disagreements;
use stitch_codegen::normalize::merge::merge_captures;
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
    assert_eq!(cards.len(), 8, "one card per captured type");
    let postgres = cards
        .iter()
        .find(|c| c.card.connection_type == "postgres")
        .unwrap();
    assert_eq!(
        postgres.captures,
        ["api-reference-list", "create-destination-guide"]
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
    spec.resolutions.retain(|r| r.property != "ssl");
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
    let mut stale = spec.resolutions[0].clone();
    stale.connection_type = "redshift".to_owned();
    stale.property = "database".to_owned();
    stale.path = "$[3]".to_owned();
    spec.resolutions.push(stale);
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
    assert_eq!(found.len(), 6, "{found:#?}");
}

#[test]
fn drift_reports_required_status_type_and_presence_changes() {
    let mut spec = spec();
    let redshift = spec
        .captures
        .iter_mut()
        .find(|c| c.card.connection_type == "redshift")
        .unwrap();
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
        "required: reference REQUIRED, card is_required false",
    );
    expect("username", "status: reference REQUIRED, card read_only");
    expect("port", "type: reference STRING, card accepts integer");
    expect("encryption_username", "documented in the reference");
    assert_eq!(redshift.len(), 4, "{redshift:?}");
}
