#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The JSON Schema each request struct exports (`schemars::schema_for!`, or
//! `SourceProperties::json_schema` by type name) can drive a form: it accepts the connector's
//! documented examples, judges every object as `validate_properties` (creates) or
//! `validate_update_properties` (updates) does, and carries the annotations a form needs.
//! The judge is the `jsonschema` crate (draft 7, formats asserted).

use serde_json::{Map, Value, json};
use stitch_codegen::normalize::ir::{Access, Connector, Ir};
use stitch_connect_schema::api::{
    DestinationProperties, DestinationUpdateProperties, SourceProperties, SourceUpdateProperties,
};
use stitch_connect_schema::{Kind, validate_properties, validate_update_properties};
use stitch_tests::Rng;

fn ir() -> Ir {
    let spec = stitch_codegen::load_spec(&stitch_tests::spec_root()).unwrap();
    let cards = stitch_codegen::normalize::merge::merge_captures(&spec).unwrap();
    stitch_codegen::normalize::build_ir::build_ir(&spec, &cards).unwrap()
}

/// Whether the connector has a create schema: a struct for its form step (a card without
/// steps has none, nor has one whose form step lists no properties, as webhooks' do).
fn has_requests(connector: &Connector) -> bool {
    connector
        .structs
        .iter()
        .any(|s| s.step.as_deref() == Some("form"))
}

/// The exported schemas of a connector: (create, update).
fn schemas(connector: &Connector) -> (Value, Value) {
    let api_type = connector.api_type.as_str();
    let (create, update) = match stitch_connect_schema::ConnectionType::find(api_type)
        .unwrap()
        .kind()
    {
        Kind::Source => (
            SourceProperties::json_schema(api_type),
            SourceUpdateProperties::json_schema(api_type),
        ),
        Kind::Destination => (
            DestinationProperties::json_schema(api_type),
            DestinationUpdateProperties::json_schema(api_type),
        ),
    };
    (
        serde_json::to_value(create.expect(api_type)).unwrap(),
        serde_json::to_value(update.expect(api_type)).unwrap(),
    )
}

fn judge(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap()
}

/// A value unlike what most properties take.
fn junk(rng: &mut Rng) -> Value {
    rng.pick(&[
        json!(5),
        json!("x"),
        json!(true),
        json!(null),
        json!([]),
        json!({"k": 1}),
        json!("not a host..name"),
        json!("60"),
        json!("true"),
    ])
}

#[test]
fn exported_schemas_judge_as_the_validation_does() {
    let ir = ir();
    let mut rng = Rng(0x5C4E_3A00_F0A3);
    let (mut checked, mut accepted, mut examples, mut unsampled) = (0, 0, 0, 0);
    for connector in ir.connectors.iter().filter(|c| has_requests(c)) {
        let api_type = connector.api_type.as_str();
        let (create, update) = schemas(connector);
        let (create_judge, update_judge) = (judge(&create), judge(&update));

        // The documented examples: a form example is a create, any other step's an update.
        for example in connector.examples.iter().filter(|e| e.rejected.is_none()) {
            let value: Value = serde_json::from_str(&example.json).unwrap();
            let (judge, ours) = if example.struct_name == "FormProperties" {
                (&create_judge, validate_properties(api_type, &value))
            } else {
                (&update_judge, validate_update_properties(api_type, &value))
            };
            // A documented example the card refuses (a read-only key, say) is refused by
            // both; every other one is accepted by both.
            assert_eq!(
                judge.is_valid(&value),
                ours.is_ok(),
                "{api_type} {}: {value}\n{ours:?}",
                example.title
            );
            examples += usize::from(ours.is_ok());
        }

        // Objects made of valid sample values, junk, missing and unknown keys.
        let form = connector
            .structs
            .iter()
            .find(|s| s.step.as_deref() == Some("form"));
        // Without a valid sample of the form (a required property whose schema names no
        // value the generator knows), every create is refused: the verdicts still must agree,
        // but the object does not count toward the accepted share.
        let form_sample = form
            .and_then(|f| stitch_codegen::emit::samples::sample_object(&ir, connector, f))
            .is_some();
        let mut pool = Map::new();
        for s in connector.structs.iter().filter(|s| s.step.is_some()) {
            if let Some((Value::Object(sample), _)) =
                stitch_codegen::emit::samples::sample_object(&ir, connector, s)
            {
                for (key, value) in sample {
                    pool.entry(key).or_insert(value);
                }
            }
        }
        for _ in 0..300 {
            let mut object = Map::new();
            for (key, value) in &pool {
                let required = form.is_some_and(|f| {
                    f.fields
                        .iter()
                        .any(|field| &field.wire == key && field.access == Access::Required)
                });
                if rng.chance(if required { 90 } else { 50 }) {
                    let given = if rng.chance(10) {
                        junk(&mut rng)
                    } else {
                        value.clone()
                    };
                    object.insert(key.clone(), given);
                }
            }
            if rng.chance(5) {
                object.insert("not_a_property".to_owned(), json!("x"));
            }
            let object = Value::Object(object);
            let ours = validate_properties(api_type, &object).is_ok();
            assert_eq!(
                create_judge.is_valid(&object),
                ours,
                "create {api_type}: {object}"
            );
            let ours_update = validate_update_properties(api_type, &object).is_ok();
            assert_eq!(
                update_judge.is_valid(&object),
                ours_update,
                "update {api_type}: {object}"
            );
            if form_sample {
                checked += 1;
                accepted += usize::from(ours);
            } else {
                unsampled += 1;
            }
        }
    }
    println!("{checked} objects of sampled forms ({accepted} accepted), {unsampled} others");
    assert!(examples >= 60, "{examples} examples accepted");
    assert!(accepted * 10 > checked, "{accepted} of {checked} accepted");
    assert!(
        accepted * 10 < checked * 9,
        "{accepted} of {checked} accepted"
    );
}

/// What a form needs: each property titled, described where the reference describes it,
/// choices as `enum`, credentials write-only and never read-only, no unknown properties.
#[test]
fn exported_schemas_carry_what_a_form_needs() {
    let ir = ir();
    let mut enums = 0;
    for connector in ir.connectors.iter().filter(|c| has_requests(c)) {
        let (create, update) = schemas(connector);
        for schema in [&create, &update] {
            assert_eq!(
                schema["additionalProperties"],
                json!(false),
                "{}",
                connector.api_type
            );
            let properties = schema["properties"].as_object().unwrap();
            for s in connector.structs.iter().filter(|s| s.step.is_some()) {
                for field in &s.fields {
                    let Some(property) = properties.get(&field.wire) else {
                        continue;
                    };
                    let what = format!("{}.{}", connector.api_type, field.wire);
                    assert_eq!(property["title"], json!(field.wire), "{what}");
                    if let Some(description) = field.description.as_deref()
                        && !description.trim().is_empty()
                    {
                        // The update's adds the step the property belongs to.
                        let exported = property["description"].as_str().unwrap_or_default();
                        assert!(exported.starts_with(description.trim()), "{what}");
                    }
                    assert_eq!(
                        property.get("writeOnly") == Some(&json!(true)),
                        field.credential.is_some(),
                        "{what}"
                    );
                    assert!(property.get("readOnly").is_none(), "{what}");
                    if field.credential.is_some() {
                        assert!(property.get("examples").is_none(), "{what}");
                    }
                    // A pattern of literal alternatives is exported as the choice it is (one
                    // without its closing `$`, like aurora's `^(true|false)`, is not a choice).
                    if let Some(pattern) = property
                        .get("pattern")
                        .and_then(Value::as_str)
                        .filter(|p| p.ends_with('$'))
                    {
                        assert!(
                            !pattern.contains("true|false") && !pattern.starts_with("^1$|"),
                            "{what}: {pattern}"
                        );
                    }
                    enums += usize::from(property.get("enum").is_some());
                }
            }
        }
    }
    assert!(enums > 100, "{enums} enums");
    // A known example: HubSpot's OAuth properties are settable credentials.
    let schema =
        serde_json::to_value(SourceUpdateProperties::json_schema("platform.hubspot")).unwrap();
    assert_eq!(
        schema["properties"]["refresh_token"]["writeOnly"],
        json!(true)
    );
    let schema = serde_json::to_value(SourceProperties::json_schema("platform.recurly")).unwrap();
    assert_eq!(
        schema["properties"]["frequency_in_minutes"]["enum"],
        json!(["1", "30", "60", "360", "720", "1440"])
    );
}
