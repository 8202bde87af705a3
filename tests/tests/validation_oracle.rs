#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `validate_properties` and `validate_update_properties` must judge every property value exactly
//! as the property's JSON Schema does. The oracle is the `jsonschema` crate (draft 7, formats asserted). For every distinct
//! property schema of the registry, a seeded generator makes at least 12,000 values: valid ones,
//! boundaries, near misses, wrong JSON types, unicode, very long and empty strings. Any
//! disagreement fails the test with the schema and the value. Reproducible: the seed is fixed.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};
use stitch_connect_schema::{
    ConnectionType, ErrorKind, validate_properties, validate_update_properties,
};
use stitch_tests::Rng;
use stitch_tests::values::{accepted_value, value};

#[test]
fn validate_properties_agrees_with_the_json_schema_of_every_property() {
    // One (connection type, property) per distinct schema text.
    let mut schemas: BTreeMap<String, (&'static str, &'static str)> = BTreeMap::new();
    for connection in ConnectionType::all() {
        for name in connection.property_names() {
            let Some(text) = schema_text(connection, name) else {
                continue;
            };
            schemas.entry(text).or_insert((connection.api_type(), name));
        }
    }
    assert!(schemas.len() >= 15, "{} schemas", schemas.len());
    // Every schema of the merged report cards is among them (the losing side of a resolved
    // capture conflict is not: the API is not expected to apply it).
    let spec = stitch_codegen::load_spec(&stitch_tests::spec_root()).unwrap();
    for card in stitch_codegen::normalize::merge::merge_captures(&spec).unwrap() {
        for property in card.card.steps.iter().flat_map(|s| &s.properties) {
            if let Some(schema) = &property.json_schema {
                let text = stitch_codegen::normalize::field_types::canonical(&schema.raw);
                assert!(
                    schemas.contains_key(&text),
                    "{}.{}: {text} is not tested",
                    card.card.connection_type,
                    property.name
                );
            }
        }
    }
    let mut rng = Rng(0x5EED_0F57_17C4);
    let per_schema = 12_000;
    let mut report = Vec::new();
    for (text, (api_type, property)) in &schemas {
        let schema: Value = serde_json::from_str(text).unwrap();
        let oracle = jsonschema::draft7::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap();
        let mut disagreements = Vec::new();
        let mut accepted = 0;
        for _ in 0..per_schema {
            let candidate = value(&mut rng, 0);
            let expected = oracle.is_valid(&candidate);
            let mut object = Map::new();
            object.insert((*property).to_owned(), candidate.clone());
            let ours = match validate_properties(api_type, &Value::Object(object.clone())) {
                Ok(()) => true,
                Err(errors) => !errors.iter().any(|e| {
                    e.property() == Some(property)
                        && !matches!(
                            e.kind(),
                            ErrorKind::MissingRequired | ErrorKind::MissingSchedule
                        )
                        || e.pointer().starts_with(&format!("/{property}/"))
                }),
            };
            // An update demands nothing, so its verdict on one property is the schema's, but
            // for a property whose value cannot change once set, which it refuses.
            let object = Value::Object(object);
            let update = validate_update_properties(api_type, &object).is_ok();
            let immutable = ConnectionType::find(api_type)
                .ok()
                .and_then(|t| t.property(property))
                .is_some_and(|p| p.is_immutable());
            let expected_update = expected && !immutable;
            accepted += usize::from(expected);
            if (ours != expected || update != expected_update) && disagreements.len() < 5 {
                disagreements.push(format!(
                    "{candidate} (oracle {expected}, ours {ours}, as an update {update})"
                ));
            }
        }
        report.push(format!(
            "{api_type}.{property} {text}: {accepted}/{per_schema} valid"
        ));
        assert!(
            disagreements.is_empty(),
            "{api_type}.{property} {text}:\n{}",
            disagreements.join("\n")
        );
    }
    println!("{}", report.join("\n"));
}

/// The schema text of a property (from the registry), `None` for read-only properties (which
/// `validate_properties` rejects whatever their value).
fn schema_text(connection: &ConnectionType, name: &str) -> Option<String> {
    let property = connection.property(name)?;
    (!property.is_read_only()).then(|| property.json_schema().to_owned())
}

/// What a properties object is for.
#[derive(Clone, Copy, PartialEq)]
enum Request {
    Create,
    Update,
}

/// The JSON Schema of a whole properties object of `connection`, assembled from the registry as
/// a user would from the report card: each settable property's schema (for an update, less
/// those whose value cannot change once set), no others, and for a create the required ones
/// and, for sources with schedule properties, one of them.
fn object_schema(connection: &ConnectionType, request: Request) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut schedule = Vec::new();
    for property in connection.properties() {
        // An update may not name a property whose value cannot change once set.
        if property.is_read_only() || (request == Request::Update && property.is_immutable()) {
            continue;
        }
        let schema: Value = serde_json::from_str(property.json_schema()).unwrap();
        properties.insert(property.name().to_owned(), schema);
        if request == Request::Update {
            continue;
        }
        if property.is_required() {
            required.push(json!(property.name()));
        }
        if property.is_schedule() {
            schedule.push(json!({"required": [property.name()]}));
        }
    }
    let mut schema = json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false
    });
    if !schedule.is_empty() {
        schema["anyOf"] = Value::Array(schedule);
    }
    schema
}

/// The success path is generated code (one function per connection type), the error path the
/// keyword evaluator. Whole objects, mostly valid with some defects, must be judged as the
/// card's whole-object schema judges them, and an invalid object must list a problem.
#[test]
fn whole_objects_agree_with_the_card_schema() {
    let mut rng = Rng(0x000B_1EC7_5EED);
    let mut checked = 0;
    let mut valid_seen = 0;
    let mut valid_updates = 0;
    for connection in ConnectionType::all().iter().filter(|c| c.is_checked()) {
        let oracle = jsonschema::draft7::options()
            .should_validate_formats(true)
            .build(&object_schema(connection, Request::Create))
            .unwrap();
        let update_oracle = jsonschema::draft7::options()
            .should_validate_formats(true)
            .build(&object_schema(connection, Request::Update))
            .unwrap();
        // A pool of accepted values per settable property.
        let mut pool: Vec<(&str, bool, Vec<Value>)> = Vec::new();
        for property in connection.properties() {
            let schema: Value = serde_json::from_str(property.json_schema()).unwrap();
            let single = jsonschema::draft7::options()
                .should_validate_formats(true)
                .build(&schema)
                .unwrap();
            let values: Vec<Value> = (0..4)
                .filter_map(|_| accepted_value(&mut rng, |v| single.is_valid(v)))
                .collect();
            pool.push((property.name(), property.is_read_only(), values));
        }
        for _ in 0..200 {
            let mut object = Map::new();
            for (name, read_only, values) in &pool {
                let property = connection.property(name).unwrap();
                let wanted = if *read_only {
                    rng.chance(3)
                } else if property.is_required() || property.is_schedule() {
                    rng.chance(95)
                } else {
                    rng.chance(50)
                };
                if !wanted {
                    continue;
                }
                let given = if values.is_empty() || rng.chance(8) {
                    value(&mut rng, 0)
                } else {
                    rng.pick(values)
                };
                object.insert((*name).to_owned(), given);
            }
            if rng.chance(3) {
                object.insert("not_a_property".to_owned(), json!("x"));
            }
            let object = Value::Object(object);
            let expected = oracle.is_valid(&object);
            let ours = validate_properties(connection.api_type(), &object);
            assert_eq!(
                ours.is_ok(),
                expected,
                "{}: {object}\n{:?}",
                connection.api_type(),
                ours.err().map(|e| e.to_string())
            );
            if let Err(errors) = ours {
                assert!(!errors.is_empty(), "{}: {object}", connection.api_type());
            }
            assert_eq!(connection.is_valid(&object), expected, "{object}");
            // The same object as an update: nothing is demanded, everything given is checked.
            let expected_update = update_oracle.is_valid(&object);
            let update = validate_update_properties(connection.api_type(), &object);
            assert_eq!(
                update.is_ok(),
                expected_update,
                "update of {}: {object}\n{:?}",
                connection.api_type(),
                update.err().map(|e| e.to_string())
            );
            assert_eq!(
                connection.validate_update(&object).is_ok(),
                expected_update,
                "{object}"
            );
            checked += 1;
            valid_seen += usize::from(expected);
            valid_updates += usize::from(expected_update);
        }
    }
    // Both paths are exercised.
    assert!(valid_seen * 5 > checked, "{valid_seen} valid of {checked}");
    assert!(
        valid_seen * 10 < checked * 9,
        "{valid_seen} valid of {checked}"
    );
    // Updates are judged both ways too, and more of them are valid than creates.
    assert!(
        valid_updates > valid_seen && valid_updates < checked,
        "{valid_updates} valid updates of {checked}"
    );
}
