#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The secrets audit across the request and response bodies: for every credential property of
//! every connection type, a marker value travels through each public type that can hold it
//! (typed update, raw update, raw create, Source and Destination responses, the v3
//! destination) and through their errors, and never shows in `Debug`, `{:#?}` or `Display`,
//! while it does reach the wire. The per-field tests of the typed create and update structs are
//! generated into each connector module (`*_never_shows_*`).

use serde_json::{Value, json};
use stitch_connect_schema::api::{DestinationUpdateProperties, SourceUpdateProperties};
use stitch_connect_schema::objects::{
    CreateSourceBody, Destination, DestinationV3, Source, UpdateDestinationBody, UpdateSourceBody,
};
use stitch_connect_schema::{ConnectionType, Kind, validate_update_properties};

/// `printed` (every rendering of one value) does not contain `marker`.
fn assert_hidden(what: &str, printed: &str, marker: &str) {
    assert!(
        !printed.contains(marker),
        "{what} shows {marker}: {printed}"
    );
}

fn renderings(value: &impl std::fmt::Debug) -> String {
    format!("{value:?} {value:#?}")
}

/// A connection type, its kind, an update sample, and (JSON pointer, marker, whether its type
/// takes any JSON value) per credential.
type Sample = (String, Kind, Value, Vec<(String, String, bool)>);

/// Every typed connector's update sample (every settable property with a valid value, each
/// credential a unique marker), with the markers' JSON pointers: the generator's own samples,
/// which embed a marker in any credential's type (a URI, a pattern) and not only in plain text.
fn samples() -> Vec<Sample> {
    use stitch_codegen::emit::samples::sample_object;
    let spec = stitch_codegen::load_spec(&stitch_tests::spec_root()).unwrap();
    let cards = stitch_codegen::normalize::merge::merge_captures(&spec).unwrap();
    let ir = stitch_codegen::normalize::build_ir::build_ir(&spec, &cards).unwrap();
    ir.connectors
        .iter()
        .filter_map(|connector| {
            let update = connector.update.as_ref()?;
            let (sample, markers) = sample_object(&ir, connector, update)?;
            let kind = ConnectionType::find(&connector.api_type).unwrap().kind();
            let markers = markers
                .into_iter()
                .map(|m| (m.pointer, m.text, m.takes_any))
                .collect();
            Some((connector.api_type.clone(), kind, sample, markers))
        })
        .collect()
}

#[test]
fn no_body_shows_a_credential() {
    let mut audited = 0;
    for (api_type, kind, properties, markers) in samples() {
        let api_type = api_type.as_str();
        let body = json!({ "properties": properties });
        // Updates: typed (the type is known) and raw (a PUT body alone).
        let (typed, raw, wire) = match kind {
            Kind::Source => {
                let typed = UpdateSourceBody::from_json(api_type, body.clone()).unwrap();
                assert!(
                    matches!(typed.properties, Some(ref p) if p.connection_type() == Some(api_type))
                        && !matches!(
                            typed.properties,
                            Some(SourceUpdateProperties::Untyped { .. })
                        ),
                    "{api_type}"
                );
                let raw: UpdateSourceBody = serde_json::from_value(body.clone()).unwrap();
                let wire = serde_json::to_value(&typed).unwrap();
                (renderings(&typed), renderings(&raw), wire)
            }
            Kind::Destination => {
                let typed = UpdateDestinationBody::from_json(api_type, body.clone()).unwrap();
                assert!(
                    typed.properties.connection_type() == Some(api_type)
                        && !matches!(
                            typed.properties,
                            DestinationUpdateProperties::Untyped { .. }
                        ),
                    "{api_type}"
                );
                let raw: UpdateDestinationBody = serde_json::from_value(body.clone()).unwrap();
                let wire = serde_json::to_value(&typed).unwrap();
                (renderings(&typed), renderings(&raw), wire)
            }
        };
        assert_eq!(
            wire, body,
            "{api_type}: the update must reach the wire as given"
        );
        assert_eq!(validate_update_properties(api_type, &properties), Ok(()));
        // A create of a type without request types (a card without steps) keeps them raw;
        // every documented destination has request types.
        let raw_create = match kind {
            Kind::Source => Some(renderings(
                &serde_json::from_value::<CreateSourceBody>(json!({
                    "type": "ad-words",
                    "display_name": "x",
                    "properties": properties,
                }))
                .unwrap(),
            )),
            Kind::Destination => {
                let untyped = ConnectionType::all()
                    .iter()
                    .find(|t| t.kind() == Kind::Destination && !t.is_checked());
                assert!(untyped.is_none(), "{untyped:?}");
                None
            }
        };
        // Responses: whatever the API sends back (the reference's example objects, of this
        // type and with these properties).
        let response = |page: &str, key: &str| {
            let mut object = stitch_tests::reference_example(page);
            object["type"] = json!(api_type);
            object[key] = properties.clone();
            object
        };
        let responses = match kind {
            Kind::Source => renderings(
                &serde_json::from_value::<Source>(response("sources-object", "properties"))
                    .unwrap(),
            ),
            Kind::Destination => {
                let v4 = response("destination-object-v4", "properties");
                let v3 = response("destination-object-v3", "connection");
                renderings(&serde_json::from_value::<Destination>(v4).unwrap())
                    + &renderings(&serde_json::from_value::<DestinationV3>(v3).unwrap())
            }
        };
        for (pointer, marker, takes_any) in &markers {
            let what = format!("{api_type}{pointer}");
            assert!(wire.to_string().contains(marker.as_str()), "{what}");
            assert_hidden(&format!("typed update of {what}"), &typed, marker);
            assert_hidden(&format!("raw update of {what}"), &raw, marker);
            if let Some(raw_create) = &raw_create {
                assert_hidden(&format!("raw create of {what}"), raw_create, marker);
            }
            assert_hidden(&format!("response of {what}"), &responses, marker);
            // The marker inside an invalid value of its own property: neither the typed
            // update's error nor the validator's errors quote it.
            let mut invalid = body.clone();
            *invalid
                .pointer_mut(&format!("/properties{pointer}"))
                .unwrap() = json!([marker, { "k": marker }]);
            // Refused, unless the property's type takes any JSON value: then the typed value
            // must not show it either.
            let typed = match kind {
                Kind::Source => UpdateSourceBody::from_json(api_type, invalid.clone())
                    .map(|u| renderings(&u))
                    .map_err(|e| e.to_string()),
                Kind::Destination => UpdateDestinationBody::from_json(api_type, invalid.clone())
                    .map(|u| renderings(&u))
                    .map_err(|e| e.to_string()),
            };
            assert_eq!(typed.is_ok(), *takes_any, "{what}");
            let shown = typed.unwrap_or_else(|error| error);
            assert_hidden(&format!("update of {what}"), &shown, marker);
            let verdict = validate_update_properties(api_type, &invalid["properties"]);
            assert_eq!(verdict.is_ok(), *takes_any, "{what}");
            if let Err(errors) = verdict {
                let shown = format!("{errors} {}", renderings(&errors));
                assert_hidden(&format!("validation error of {what}"), &shown, marker);
            }
            audited += 1;
        }
    }
    // Every credential the registry knows is audited (nested ones count by their parent).
    let credentials: usize = ConnectionType::all()
        .iter()
        .map(|c| c.credential_names().count())
        .sum();
    assert!(audited >= credentials, "{audited} of {credentials}");
}
