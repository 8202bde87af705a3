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

const ALPHABET: &[char] = &[
    '0', '1', '2', '5', '9', 'a', 'z', 'A', 'Z', '-', '.', ':', '/', '_', ' ', 'T', 'Z', '+', '@',
    '?', '#', '%', '[', ']', '\n', 'é', '日', '٣', '😀', '\u{2028}', '~', 't', 'f',
];

/// Valid-looking strings for every kind of constraint in the spec.
fn seed_string(rng: &mut Rng) -> String {
    let y = rng.below(10_000);
    let m = rng.below(14);
    let d = rng.below(33);
    match rng.below(24) {
        0 => format!("{y:04}-{m:02}-{d:02}T00:00:00Z"),
        1 => format!(
            "{:04}-02-{:02}T00:00:00Z",
            [1900, 2000, 2023, 2024][rng.below(4)],
            28 + rng.below(3)
        ),
        2 => format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}{}",
            rng.below(25),
            rng.below(61),
            rng.below(62),
            rng.pick(&["Z", "z", "+02:00", "-07:30", ".123Z", "", "+0100", "+24:00"])
        ),
        3 => rng.below(100_000).to_string(),
        4 => format!("{}abc", rng.below(1000)),
        5 => rng
            .pick(&[
                "1", "30", "60", "360", "720", "1440", "45", "3600", "01", "60 ",
            ])
            .to_string(),
        6 => rng
            .pick(&["true", "false", "True", "FALSE", "yes", ""])
            .to_string(),
        7 => rng
            .pick(&["ssh", "none", "SSH", "csv", "jsonl", "json"])
            .to_string(),
        8 => format!(
            "{}.{}.{}.{}",
            rng.below(300),
            rng.below(256),
            rng.below(256),
            rng.below(256)
        ),
        9 => rng
            .pick(&[
                "::1",
                "::",
                "fe80::1",
                "2001:db8::8a2e:370:7334",
                "::ffff:1.2.3.4",
                "1::2::3",
                "1:2:3:4:5:6:7:8:9",
                "[::1]",
            ])
            .to_string(),
        10 => {
            let labels = 1 + rng.below(4);
            (0..labels)
                .map(|_| {
                    let len = 1 + rng.below(12);
                    (0..len)
                        .map(|_| rng.pick(&['a', 'b', '0', '-', 'x']))
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join(".")
        }
        11 => format!("{}.com", "a".repeat(60 + rng.below(8))),
        12 => rng
            .pick(&[
                "https://example.com/x?y=1#z",
                "mailto:a@b",
                "urn:isbn:1",
                "http://",
                "example.com",
                "https://exa mple.com",
                "http://[::1]:80/",
                "ht%tp://x",
            ])
            .to_string(),
        13 => format!("stitch-challenge-file-{}", rng.below(1000)),
        14 => rng
            .pick(&[
                "stitch-challenge-file-",
                "stitch-challenge-file-a\nb",
                "xstitch-challenge-file-1",
                "Stitch-challenge-file-1",
            ])
            .to_string(),
        15 => String::new(),
        16 => "9".repeat(1 + rng.below(25)),
        17 => "x".repeat(10_000),
        18 => "日本語のホスト".to_owned(),
        19 => format!("xn--{}", rng.pick(&["bcher-kva", "example", "-", "zz"])),
        _ => {
            let len = rng.below(16);
            (0..len).map(|_| rng.pick(ALPHABET)).collect()
        }
    }
}

/// A near miss: one character inserted, deleted or replaced.
fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let at = if chars.is_empty() {
        0
    } else {
        rng.below(chars.len())
    };
    match rng.below(3) {
        0 => chars.insert(at, rng.pick(ALPHABET)),
        1 if !chars.is_empty() => {
            chars.remove(at);
        }
        _ if !chars.is_empty() => chars[at] = rng.pick(ALPHABET),
        _ => chars.push(rng.pick(ALPHABET)),
    }
    chars.into_iter().collect()
}

fn value(rng: &mut Rng, depth: usize) -> Value {
    match rng.below(20) {
        0..=7 => Value::String(seed_string(rng)),
        8..=10 => {
            let base = seed_string(rng);
            Value::String(mutate(rng, &base))
        }
        11 => json!(rng.below(100_000)),
        12 => json!(-(rng.below(1000) as i64)),
        13 => rng
            .pick(&[
                json!(1.0),
                json!(1.5),
                json!(-0.0),
                json!(1e300),
                json!(0.1),
                json!(u64::MAX),
            ])
            .clone(),
        14 => json!(rng.chance(50)),
        15 => Value::Null,
        16 if depth < 2 => {
            let len = rng.below(3);
            Value::Array((0..len).map(|_| value(rng, depth + 1)).collect())
        }
        17 | 18 if depth < 2 => {
            let keys = [
                "ssh",
                "ssh_host",
                "ssh_port",
                "ssh_user",
                "name",
                "id",
                "scheme",
                "bucket_name",
                "type",
                "private_key",
                "project_id",
                "other",
            ];
            let mut map = Map::new();
            for _ in 0..rng.below(5) {
                map.insert(rng.pick(&keys).to_string(), value(rng, depth + 1));
            }
            Value::Object(map)
        }
        _ => Value::String(seed_string(rng)),
    }
}

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
                let text = stitch_codegen::normalize::value_types::canonical(&schema.raw);
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
            // An update demands nothing, so its verdict on one property is the schema's.
            let object = Value::Object(object);
            let update = validate_update_properties(api_type, &object).is_ok();
            accepted += usize::from(expected);
            if (ours != expected || update != expected) && disagreements.len() < 5 {
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
/// a user would from the report card: each settable property's schema, no others, and for a
/// create the required ones and, for sources with schedule properties, one of them.
fn object_schema(connection: &ConnectionType, request: Request) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut schedule = Vec::new();
    for property in connection.properties() {
        if property.is_read_only() {
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

/// A value the property's own schema accepts, when one of a few hundred candidates is.
fn accepted_value(rng: &mut Rng, oracle: &jsonschema::Validator) -> Option<Value> {
    (0..400)
        .map(|_| value(rng, 0))
        .find(|candidate| oracle.is_valid(candidate))
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
                .filter_map(|_| accepted_value(&mut rng, &single))
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
