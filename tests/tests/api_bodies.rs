#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The typed request and response bodies of the Sources and Destinations endpoints (generated
//! into `objects`) against every example the source documents give (`spec/api-examples/`, read
//! as `curation.json` says): requests round-trip to exactly the documented JSON, every
//! response parses, keeps what the types do not model and writes back whole.

use std::fs;

use serde_json::{Value, json};
use stitch_connect_schema::api::{
    DestinationProperties, DestinationResponseProperties, DestinationUpdateProperties,
    PropertiesError, SourceProperties, SourceResponseProperties, SourceUpdateProperties,
};
use stitch_connect_schema::objects::{
    CreateDestinationBody, CreateSourceBody, Destination, DestinationV3, Source, SourceId,
    UpdateDestinationBody, UpdateSourceBody,
};
use stitch_connect_schema::{ConnectionType, ErrorKind, validate_properties};

struct Example {
    file: String,
    endpoint: String,
    direction: String,
    notes: String,
    body: Value,
}

/// The examples as extracted (`NNN-*.json`).
fn examples() -> Vec<Example> {
    let dir = stitch_tests::spec_root().join("api-examples");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let value: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
            Example {
                file: path.file_name().unwrap().to_string_lossy().into_owned(),
                endpoint: value["endpoint"].as_str().unwrap().to_owned(),
                direction: value["direction"].as_str().unwrap().to_owned(),
                notes: value["notes"].as_str().unwrap_or_default().to_owned(),
                body: value["body"].clone(),
            }
        })
        .collect()
}

/// `curation.json`'s entries.
fn curation() -> Vec<Value> {
    let path = stitch_tests::spec_root().join("api-examples/curation.json");
    let curation: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    curation["entries"].as_array().unwrap().clone()
}

/// The examples as the curation reads them, each with whether an entry changed it.
fn curated() -> Vec<(Example, bool)> {
    let entries = curation();
    examples()
        .into_iter()
        .map(|mut example| {
            let mut changed = false;
            for entry in entries
                .iter()
                .filter(|e| e["file"] == example.file.as_str())
            {
                if let Some(pointer) = entry["pointer"].as_str() {
                    *example.body.pointer_mut(pointer).unwrap() = entry["value"].clone();
                }
                if let Some(direction) = entry["read_as"].as_str() {
                    example.direction = direction.to_owned();
                }
                changed = true;
            }
            (example, changed)
        })
        .collect()
}

fn example(file_prefix: &str) -> Example {
    examples()
        .into_iter()
        .find(|e| e.file.starts_with(file_prefix))
        .unwrap_or_else(|| panic!("no example {file_prefix}"))
}

/// The objects of a body: itself, or the items of a list.
fn items(body: &Value) -> Vec<Value> {
    match body {
        Value::Array(items) => items.clone(),
        one => vec![one.clone()],
    }
}

/// Parses `body` as `T` (or a list of `T`) and writes it back: the same JSON.
fn parses_losslessly<T>(body: &Value) -> Result<usize, String>
where
    T: serde::de::DeserializeOwned + serde::Serialize + std::fmt::Debug,
{
    let items = items(body);
    for item in &items {
        let parsed: T = serde_json::from_value(item.clone()).map_err(|e| e.to_string())?;
        assert_eq!(serde_json::to_value(&parsed).unwrap(), *item, "{parsed:?}");
    }
    Ok(items.len())
}

/// Reads a curated example by its endpoint and direction; the number of objects read.
fn read(example: &Example) -> Result<usize, String> {
    let endpoint = example.endpoint.as_str();
    let v3 = endpoint.contains("v3");
    let source = endpoint.contains("sources") || endpoint.contains("Source");
    match (example.direction.as_str(), v3, source) {
        ("request", _, true) if endpoint.starts_with("PUT") => {
            parses_losslessly::<UpdateSourceBody>(&example.body)
        }
        ("request", _, true) => parses_losslessly::<CreateSourceBody>(&example.body),
        ("request", _, false) => Ok(0),
        (_, true, _) => parses_losslessly::<DestinationV3>(&example.body),
        (_, _, true) => parses_losslessly::<Source>(&example.body),
        _ => parses_losslessly::<Destination>(&example.body),
    }
}

#[test]
fn every_response_example_parses() {
    let (mut parsed, mut unparsable, mut typed) = (0, 0, 0);
    for (example, curated) in curated() {
        if example.direction != "response" && !curated {
            continue;
        }
        if example.body.is_null() {
            // Error tables and elided fragments, kept as raw text in spec/api-examples.
            assert!(example.notes.starts_with("UNPARSABLE"), "{}", example.file);
            unparsable += 1;
            continue;
        }
        if example.endpoint.starts_with("DELETE") {
            assert_eq!(example.body, json!({}), "{}", example.file);
            parsed += 1;
            continue;
        }
        read(&example).unwrap_or_else(|e| panic!("{}: {e}", example.file));
        parsed += 1;
        // Every Source and Destination (v4) response is typed by its type.
        for item in items(&example.body) {
            let endpoint = example.endpoint.as_str();
            if example.direction != "response" || endpoint.contains("v3") {
                continue;
            }
            let untyped = if endpoint.contains("sources") || endpoint.contains("Source") {
                let source: Source = serde_json::from_value(item).unwrap();
                matches!(
                    source.properties,
                    SourceResponseProperties::Untyped { .. }
                        | SourceResponseProperties::FeatureDisabled { .. }
                        | SourceResponseProperties::Unknown { .. }
                )
            } else {
                let destination: Destination = serde_json::from_value(item).unwrap();
                matches!(
                    destination.properties,
                    DestinationResponseProperties::Untyped { .. }
                        | DestinationResponseProperties::FeatureDisabled { .. }
                        | DestinationResponseProperties::Unknown { .. }
                )
            };
            assert!(!untyped, "{}", example.file);
            typed += 1;
        }
    }
    assert_eq!((parsed, unparsable), (13, 12));
    assert!(typed >= 7, "{typed}");
}

/// Each curation entry is needed: the example as extracted does not read as its label says,
/// and the error names where.
#[test]
fn every_curation_entry_is_needed() {
    let entries = curation();
    assert_eq!(entries.len(), 5);
    for entry in &entries {
        let file = entry["file"].as_str().unwrap();
        let example = examples().into_iter().find(|e| e.file == file).unwrap();
        assert!(!entry["reason"].as_str().unwrap().is_empty(), "{file}");
        let error = read(&example).expect_err(file);
        match entry["pointer"].as_str() {
            Some(pointer) => {
                let key = pointer.rsplit('/').next().unwrap();
                assert!(error.contains(&format!("`{key}`")), "{file}: {error}");
            }
            // Read as the response it is labelled: a Source object needs its id.
            None => assert!(error.contains("`id`"), "{file}: {error}"),
        }
    }
}

#[test]
fn a_source_response_keeps_what_the_api_returns() {
    let source: Source = serde_json::from_value(example("027").body).unwrap();
    assert_eq!(source.connection_type, "platform.recurly");
    assert_eq!(source.id, SourceId(233312));
    assert_eq!(source.paused_at, None);
    assert_eq!(source.created_at.to_string(), "2020-03-20T16:03:16Z");
    // Typed by its type: read-only values are returned, credentials are not.
    let SourceResponseProperties::PlatformRecurly(properties) = &source.properties else {
        panic!("{:?}", source.properties);
    };
    assert_eq!(properties.image_version, Some(json!("1.latest")));
    assert!(properties.api_key.is_none());
    assert_eq!(properties.subdomain.as_deref(), Some("stitchdata"));
    assert!(properties.unexpected_properties().is_empty());
    assert!(properties.extra_properties().is_empty());
    assert_eq!(source.schedule.unwrap().interval, Some(60.0));
    let steps = source.report_card.steps.unwrap();
    let api_key = steps[0]
        .properties
        .iter()
        .find(|p| p.name == "api_key")
        .unwrap();
    assert!(api_key.is_credential);
    assert!(api_key.provided);
    assert!(steps[0].properties.iter().any(|p| p.json_schema.is_none()));
}

#[test]
fn a_destination_response_keeps_unexpected_keys() {
    let destination: Destination = serde_json::from_value(example("001").body).unwrap();
    assert_eq!(destination.connection_type, "postgres");
    // An undocumented `"status": "1"` among the properties, and no password; the host is a
    // documentation placeholder, which the host type does not take: kept aside.
    let DestinationResponseProperties::Postgres(properties) = &destination.properties else {
        panic!("{:?}", destination.properties);
    };
    assert_eq!(
        properties.extra_properties().get("status"),
        Some(&json!("1"))
    );
    assert!(properties.password.is_none());
    assert_eq!(properties.username.as_deref(), Some("stitch"));
    assert_eq!(properties.ssl, Some(true));
    assert_eq!(properties.host, None);
    assert_eq!(
        properties.unexpected_properties().get("host"),
        Some(&json!("<HOST>"))
    );
    // Keys the Destination object does not document are kept.
    let created: Destination = serde_json::from_value(example("030").body).unwrap();
    assert_eq!(
        created.extra.get("description"),
        Some(&json!("Postgres database for the staging environment."))
    );
    let updated: Destination = serde_json::from_value(example("012").body).unwrap();
    assert!(updated.extra.contains_key("check_job_name"));
}

#[test]
fn the_create_source_guide_request_round_trips_typed() {
    let body = example("025").body;
    let create: CreateSourceBody = serde_json::from_value(body.clone()).unwrap();
    let Some(SourceProperties::PlatformRecurly(properties)) = &create.properties else {
        panic!("not typed: {:?}", create.properties);
    };
    assert_eq!(properties.quota_limit.as_u64(), Some(30));
    assert_eq!(serde_json::to_value(&create).unwrap(), body);
    // Built from the typed properties, the body takes their type; a type given first is
    // replaced by theirs, so the two never disagree.
    let typed = create.properties.clone().unwrap();
    let built = CreateSourceBody::from_properties("Recurly", typed.clone());
    assert_eq!(serde_json::to_value(&built).unwrap(), body);
    let replaced = CreateSourceBody::new("Recurly", "platform.hubspot").with_properties(typed);
    assert_eq!(replaced.connection_type, "platform.recurly");
    // Without properties (a partner configures them later, in the JavaScript client), the body
    // sends its type alone.
    assert_eq!(
        serde_json::to_value(CreateSourceBody::new("Recurly", "platform.recurly")).unwrap(),
        json!({"type": "platform.recurly", "display_name": "Recurly"})
    );
    // The body prints without its credential.
    assert!(!format!("{create:?}").contains("RECURLY_API_KEY"));
    validate_properties("platform.recurly", &body["properties"]).unwrap();
}

#[test]
fn the_create_destination_guide_request_round_trips_typed() {
    let body = example("029").body;
    // The guide writes placeholders; "[HOST_ADDRESS]" is not a host, and the typed layer says
    // so, naming the property.
    let error = serde_json::from_value::<CreateDestinationBody>(body.clone()).unwrap_err();
    assert!(error.to_string().contains("`host`"), "{error}");
    let problems = validate_properties("postgres", &body["properties"]).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems}");
    assert_eq!(problems.errors()[0].pointer(), "/host");
    // With a real host in place of the placeholder, the body round-trips exactly.
    let mut real = body.clone();
    real["properties"]["host"] = json!("db.example.com");
    let create: CreateDestinationBody = serde_json::from_value(real.clone()).unwrap();
    assert!(matches!(
        create.properties,
        DestinationProperties::Postgres(_)
    ));
    assert_eq!(create.name.as_deref(), Some("Staging"));
    assert_eq!(serde_json::to_value(&create).unwrap(), real);
    assert!(!format!("{create:?}").contains("[PASSWORD]"));
}

#[test]
fn the_api_reference_requests_show_the_drift_the_card_rejects() {
    // The API reference's create request sends `ssl` as a JSON boolean and empty host and
    // password: the typed body refuses it, and validate_properties lists why.
    let body = example("003").body;
    assert!(serde_json::from_value::<CreateDestinationBody>(body.clone()).is_err());
    let problems = validate_properties("postgres", &body["properties"]).unwrap_err();
    let found: Vec<(&str, ErrorKind)> = problems.iter().map(|e| (e.pointer(), e.kind())).collect();
    assert!(
        found.contains(&("/ssl", ErrorKind::WrongType)),
        "{problems}"
    );
    assert!(found.contains(&("/host", ErrorKind::Format)), "{problems}");
    // Its update request is partial, as updates are.
    let update_body = example("011").body;
    let update: UpdateDestinationBody = serde_json::from_value(update_body.clone()).unwrap();
    // Without the type, which a PUT body does not carry, the properties stay raw...
    assert!(matches!(
        &update.properties,
        DestinationUpdateProperties::TypeNotGiven { properties }
            if properties["username"] == json!("stitch_admin")
    ));
    assert_eq!(serde_json::to_value(&update).unwrap(), update_body);
    // ...with it, they are typed.
    let update = UpdateDestinationBody::from_json("postgres", update_body.clone()).unwrap();
    let DestinationUpdateProperties::Postgres(properties) = &update.properties else {
        panic!("{update:?}");
    };
    assert_eq!(properties.username.as_deref(), Some("stitch_admin"));
    assert_eq!(serde_json::to_value(&update).unwrap(), update_body);
}

#[test]
fn untyped_documented_types_keep_their_raw_json_and_say_why() {
    // `ad-words` has a report card without steps (it is deprecated): no request types.
    let body = json!({
        "type": "ad-words",
        "display_name": "AdWords",
        "properties": {"api_token": "tok-123", "start_date": "2024-01-01T00:00:00Z"},
        "future_key": true
    });
    let create: CreateSourceBody = serde_json::from_value(body.clone()).unwrap();
    assert!(
        matches!(&create.properties, Some(SourceProperties::Untyped { connection_type, .. }) if connection_type == "ad-words")
    );
    assert_eq!(serde_json::to_value(&create).unwrap(), body);
    // Raw properties print their names only.
    let printed = format!("{create:?}");
    assert!(
        printed.contains("api_token") && !printed.contains("tok-123"),
        "{printed}"
    );
    // Every documented destination is typed (panoply by its connector page): an unknown key
    // is refused, not kept raw.
    let refused = serde_json::from_value::<CreateDestinationBody>(
        json!({"type": "panoply", "properties": {"x": 1}}),
    )
    .unwrap_err()
    .to_string();
    assert!(
        refused.contains("`x` is not a property of panoply"),
        "{refused}"
    );
}

#[test]
fn unknown_types_are_errors_that_name_the_closest_types_at_every_entry_point() {
    let closest = |error: &str, expected: &str| {
        assert!(
            error.contains("unknown connection type") && error.contains(expected),
            "{error}"
        );
    };
    // The properties enums.
    let error = SourceProperties::from_json("platform.hubspott", json!({})).unwrap_err();
    let PropertiesError::UnknownType(unknown) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(unknown.given(), "platform.hubspott");
    assert_eq!(unknown.suggestions().first(), Some(&"platform.hubspot"));
    closest(&error.to_string(), "`platform.hubspot`");
    let error = DestinationProperties::from_json("postgress", json!({})).unwrap_err();
    closest(&error.to_string(), "`postgres`");
    let error = SourceUpdateProperties::from_json("platform.recurl", json!({})).unwrap_err();
    closest(&error.to_string(), "`platform.recurly`");
    let error = DestinationUpdateProperties::from_json("snowflak", json!({})).unwrap_err();
    closest(&error.to_string(), "`snowflake`");
    // The bodies.
    let error = serde_json::from_value::<CreateSourceBody>(json!({
        "type": "platform.hubspott", "display_name": "x", "properties": {}
    }))
    .unwrap_err();
    closest(&error.to_string(), "`platform.hubspot`");
    let error = serde_json::from_value::<CreateDestinationBody>(json!({
        "type": "redshfit", "properties": {}
    }))
    .unwrap_err();
    closest(&error.to_string(), "`redshift`");
    let error =
        UpdateSourceBody::from_json("platform.hubspott", json!({"properties": {}})).unwrap_err();
    closest(&error.to_string(), "`platform.hubspot`");
    let error =
        UpdateDestinationBody::from_json("postgress", json!({"properties": {}})).unwrap_err();
    closest(&error.to_string(), "`postgres`");
    // The registry.
    let error = ConnectionType::find("platform.hubspott").unwrap_err();
    closest(&error.to_string(), "`platform.hubspot`");
    // A type of the other kind is its own error.
    let error = SourceProperties::from_json("postgres", json!({})).unwrap_err();
    assert!(
        matches!(
            &error,
            PropertiesError::WrongKind {
                kind: "destination",
                expected: "source",
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "`postgres` is a destination type, not a source type"
    );
    let error = DestinationUpdateProperties::from_json("platform.hubspot", json!({})).unwrap_err();
    assert!(
        matches!(error, PropertiesError::WrongKind { .. }),
        "{error:?}"
    );
    // Properties that are not an object, for an untyped type.
    let error = SourceProperties::from_json("ad-words", json!([1])).unwrap_err();
    assert!(
        matches!(error, PropertiesError::NotAnObject { .. }),
        "{error:?}"
    );
    // Responses stay forward compatible: a type never heard of is kept, as it came.
    let mut response = stitch_tests::reference_example("sources-object");
    response["type"] = json!("platform.brand-new");
    response["properties"] = json!({"k": "v"});
    let source: Source = serde_json::from_value(response).unwrap();
    assert_eq!(source.connection_type, "platform.brand-new");
    assert!(matches!(
        &source.properties,
        SourceResponseProperties::Unknown { properties, .. } if properties["k"] == json!("v")
    ));
}

/// For every typed connector, a response with every property (the generator's valid sample)
/// is typed whole, and a value its type does not take is kept aside, not refused: the object
/// still parses and writes back what came.
#[test]
fn responses_are_typed_and_keep_what_their_types_do_not_take() {
    let spec = stitch_codegen::load_spec(&stitch_tests::spec_root()).unwrap();
    let cards = stitch_codegen::normalize::merge::merge_captures(&spec).unwrap();
    let ir = stitch_codegen::normalize::build_ir::build_ir(&spec, &cards).unwrap();
    let mut kept_aside = 0;
    for connector in &ir.connectors {
        // A card without steps has no properties to type.
        let Some(response) = connector.response.as_ref() else {
            assert!(connector.structs.is_empty(), "{}", connector.api_type);
            continue;
        };
        let Some((Value::Object(sample), _)) =
            stitch_codegen::emit::samples::sample_object(&ir, connector, response)
        else {
            continue;
        };
        let api_type = connector.api_type.as_str();
        let is_source =
            ConnectionType::find(api_type).unwrap().kind() == stitch_connect_schema::Kind::Source;
        // (typed, unexpected names, written back)
        let read = |properties: &Value| -> (bool, Vec<String>, Value) {
            // The reference's example object, of this type and with these properties.
            let page = if is_source {
                "sources-object"
            } else {
                "destination-object-v4"
            };
            let mut body = stitch_tests::reference_example(page);
            body["type"] = json!(api_type);
            body["properties"] = properties.clone();
            let (unexpected, written) = if is_source {
                let source: Source = serde_json::from_value(body).unwrap();
                (
                    source.properties.unexpected_properties().cloned(),
                    serde_json::to_value(&source.properties).unwrap(),
                )
            } else {
                let destination: Destination = serde_json::from_value(body).unwrap();
                (
                    destination.properties.unexpected_properties().cloned(),
                    serde_json::to_value(&destination.properties).unwrap(),
                )
            };
            let names = unexpected
                .as_ref()
                .map(|u| u.keys().cloned().collect())
                .unwrap_or_default();
            (unexpected.is_some(), names, written)
        };
        let whole = Value::Object(sample.clone());
        let (typed, unexpected, written) = read(&whole);
        assert!(typed, "{api_type}");
        assert!(unexpected.is_empty(), "{api_type}: {unexpected:?}");
        assert_eq!(written, whole, "{api_type}");
        // Each property in turn given an object, which no scalar type takes.
        for key in sample.keys() {
            let mut odd = sample.clone();
            odd.insert(key.clone(), json!({"unexpected": [1, 2]}));
            let odd = Value::Object(odd);
            let (typed, unexpected, written) = read(&odd);
            assert!(typed, "{api_type}");
            assert_eq!(written, odd, "{api_type}.{key}");
            if !unexpected.is_empty() {
                assert_eq!(unexpected, std::slice::from_ref(key), "{api_type}.{key}");
                kept_aside += 1;
            }
        }
    }
    assert!(kept_aside > 300, "{kept_aside}");
}

/// Every object reads in one pass over its keys: documented keys into fields, others kept, a
/// missing or repeated key refused by name, an error in a value naming its key; a key some
/// bodies leave out and others write `null` keeps which.
#[test]
fn objects_read_their_keys_by_name_and_keep_the_rest() {
    use stitch_connect_schema::objects::{Details, Load};

    let load = json!({
        "stitch_client_id": 116_078,
        "source_name": "shop",
        "stream_name": "orders",
        "last_batch_loaded_at": null,
        "error_state": null,
        "retries": 2
    });
    let read: Load = serde_json::from_value(load.clone()).unwrap();
    assert_eq!(read.stream_name, "orders");
    assert_eq!(read.last_batch_loaded_at, None);
    assert_eq!(read.extra.get("retries"), Some(&json!(2)));
    assert_eq!(serde_json::to_value(&read).unwrap(), load);

    let mut missing = load.clone();
    missing.as_object_mut().unwrap().remove("stitch_client_id");
    let error = serde_json::from_value::<Load>(missing).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("missing field `stitch_client_id`"),
        "{error}"
    );

    let twice =
        r#"{"stitch_client_id": 1, "source_name": "a", "source_name": "b", "stream_name": "s"}"#;
    let error = serde_json::from_str::<Load>(twice).unwrap_err();
    assert!(
        error.to_string().contains("duplicate field `source_name`"),
        "{error}"
    );

    let mut wrong = load.clone();
    wrong["stitch_client_id"] = json!("one");
    let error = serde_json::from_value::<Load>(wrong).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("property `stitch_client_id`: "),
        "{error}"
    );

    // `Details.default_scheduling_interval`: left out by some cards, `null` in others.
    let details = json!({
        "access": true,
        "pricing_tier": "standard",
        "pipeline_state": "released",
        "protocol": "platform.hubspot",
        "default_start_date": null
    });
    let read: Details = serde_json::from_value(details.clone()).unwrap();
    assert_eq!(read.default_scheduling_interval, None);
    assert_eq!(read.default_start_date, Some(None));
    assert_eq!(serde_json::to_value(&read).unwrap(), details);
}
