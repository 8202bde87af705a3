#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Property tests of the entry points the fuzz targets (`tests/fuzz/`) cover for minutes: no
//! input makes them panic, and what the typed layer reads it writes back readably.

use std::path::Path;

use proptest::prelude::*;
use serde_json::{Map, Value};
use stitch_codegen::import::reference::import_reference;
use stitch_codegen::model::report_card::parse_report_card;
use stitch_connect_schema::api::{
    DestinationProperties, DestinationUpdateProperties, SourceProperties, SourceUpdateProperties,
};
use stitch_connect_schema::{ConnectionType, validate_properties};

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[a-z0-9:./ _-]{0,24}".prop_map(Value::String),
        prop_oneof![
            Just("2024-02-29T00:00:00Z"),
            Just("60"),
            Just("true"),
            Just("db.example.com"),
            Just("stitch-challenge-file-1"),
            Just("ssh"),
        ]
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((property_name(), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Mostly the names the spec knows, sometimes anything.
fn property_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(
            ConnectionType::all()
                .iter()
                .flat_map(|t| t.property_names())
                .collect::<Vec<_>>()
        )
        .prop_map(str::to_owned),
        1 => "[a-z_]{1,12}",
    ]
}

fn connection_type() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        9 => prop::sample::select(
            ConnectionType::all().iter().map(|t| t.api_type()).collect::<Vec<_>>()
        ),
        1 => Just("platform.not-a-type"),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn validate_properties_never_panics(connection_type in connection_type(), value in json_value()) {
        if let Err(errors) = validate_properties(connection_type, &value) {
            prop_assert!(!errors.is_empty());
            prop_assert!(!errors.to_string().is_empty());
        }
    }

    #[test]
    fn typed_properties_read_back_what_they_write(
        index in any::<prop::sample::Index>(),
        entries in prop::collection::vec((property_name(), json_value()), 0..10),
    ) {
        let typed: Vec<&ConnectionType> = ConnectionType::all().iter().copied().filter(|t| t.is_typed()).collect();
        let api_type = index.get(&typed).api_type();
        let value = Value::Object(entries.into_iter().collect());
        // What is read is written back; reading that again gives the same properties.
        if let Ok(properties) = SourceProperties::from_json(api_type, value.clone()) {
            let written = serde_json::to_value(&properties).unwrap();
            let again = SourceProperties::from_json(api_type, written.clone()).unwrap();
            prop_assert_eq!(&again, &properties);
            prop_assert_eq!(serde_json::to_value(&again).unwrap(), written);
        }
        if let Ok(properties) = DestinationProperties::from_json(api_type, value.clone()) {
            let written = serde_json::to_value(&properties).unwrap();
            let again = DestinationProperties::from_json(api_type, written.clone()).unwrap();
            prop_assert_eq!(&again, &properties);
            prop_assert_eq!(serde_json::to_value(&again).unwrap(), written);
        }
        // The same for updates.
        if let Ok(properties) = SourceUpdateProperties::from_json(api_type, value.clone()) {
            let written = serde_json::to_value(&properties).unwrap();
            let again = SourceUpdateProperties::from_json(api_type, written.clone()).unwrap();
            prop_assert_eq!(&again, &properties);
            prop_assert_eq!(serde_json::to_value(&again).unwrap(), written);
        }
        if let Ok(properties) = DestinationUpdateProperties::from_json(api_type, value) {
            let written = serde_json::to_value(&properties).unwrap();
            let again = DestinationUpdateProperties::from_json(api_type, written.clone()).unwrap();
            prop_assert_eq!(&again, &properties);
            prop_assert_eq!(serde_json::to_value(&again).unwrap(), written);
        }
    }

    #[test]
    fn report_cards_never_panic(text in ".{0,400}") {
        let _ = parse_report_card(Path::new("card.json"), &text, &mut Vec::new());
    }

    #[test]
    fn mutated_real_cards_never_panic(cut in 0usize..4000, insert in ".{0,3}") {
        let card = std::fs::read_to_string(
            stitch_tests::spec_root().join("source-types/platform.recurly/create-source-guide.json"),
        ).unwrap();
        let mut at = cut.min(card.len());
        while !card.is_char_boundary(at) {
            at -= 1;
        }
        let text = format!("{}{insert}{}", &card[..at], &card[at..].chars().skip(1).collect::<String>());
        let _ = parse_report_card(Path::new("card.json"), &text, &mut Vec::new());
    }

    #[test]
    fn the_reference_importer_never_panics(cut in 0usize..20_000, insert in ".{0,3}") {
        let raw = std::fs::read_to_string(
            stitch_tests::spec_root().join("reference/connection-property-reference.txt"),
        ).unwrap();
        let mut at = cut.min(raw.len());
        while !raw.is_char_boundary(at) {
            at -= 1;
        }
        let text = format!("{}{insert}{}", &raw[..at], &raw[at..].chars().skip(1).take(3000).collect::<String>());
        let _ = import_reference(Path::new("reference.txt"), &text);
    }
}
