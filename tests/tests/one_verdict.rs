#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! One verdict: deserializing a connector's typed request struct accepts exactly the objects
//! `validate_properties` (creates) or `validate_update_properties` (updates) accepts, refuses
//! the others with the very list of problems the validator gives, and writes back what it
//! read. For every typed connector, seeded objects (mostly valid, with wrong values, unknown
//! and read-only keys, missing required properties) go through both paths.

use serde_json::{Map, Value, json};
use stitch_connect_schema::api::{
    DestinationProperties, DestinationUpdateProperties, PropertiesError, SourceProperties,
    SourceUpdateProperties,
};
use stitch_connect_schema::{
    ConnectionType, ErrorKind, Kind, validate_properties, validate_update_properties,
};
use stitch_tests::Rng;
use stitch_tests::values::{accepted_value, value};

/// What the typed path made of an object: `None` for a type without a typed struct, else the
/// JSON it writes back or its error's text.
type Typed = Option<Result<Value, String>>;

fn invalid(error: PropertiesError, object: &Value) -> String {
    match error {
        PropertiesError::Invalid { error, .. } => error.to_string(),
        other => panic!("{other} for {object}"),
    }
}

fn typed_create(connection: &ConnectionType, object: &Value) -> Typed {
    let api_type = connection.api_type();
    match connection.kind() {
        Kind::Source => match SourceProperties::from_json(api_type, object.clone()) {
            Ok(SourceProperties::Untyped { .. } | SourceProperties::FeatureDisabled { .. }) => None,
            Ok(typed) => Some(Ok(serde_json::to_value(&typed).unwrap())),
            Err(error) => Some(Err(invalid(error, object))),
        },
        _ => match DestinationProperties::from_json(api_type, object.clone()) {
            Ok(
                DestinationProperties::Untyped { .. }
                | DestinationProperties::FeatureDisabled { .. },
            ) => None,
            Ok(typed) => Some(Ok(serde_json::to_value(&typed).unwrap())),
            Err(error) => Some(Err(invalid(error, object))),
        },
    }
}

fn typed_update(connection: &ConnectionType, object: &Value) -> Typed {
    let api_type = connection.api_type();
    match connection.kind() {
        Kind::Source => match SourceUpdateProperties::from_json(api_type, object.clone()) {
            Ok(
                SourceUpdateProperties::Untyped { .. }
                | SourceUpdateProperties::FeatureDisabled { .. },
            ) => None,
            Ok(typed) => Some(Ok(serde_json::to_value(&typed).unwrap())),
            Err(error) => Some(Err(invalid(error, object))),
        },
        _ => match DestinationUpdateProperties::from_json(api_type, object.clone()) {
            Ok(
                DestinationUpdateProperties::Untyped { .. }
                | DestinationUpdateProperties::FeatureDisabled { .. },
            ) => None,
            Ok(typed) => Some(Ok(serde_json::to_value(&typed).unwrap())),
            Err(error) => Some(Err(invalid(error, object))),
        },
    }
}

/// The typed verdict is the validator's: accepted objects write back as they came, refused
/// ones carry the validator's list, word for word.
fn same_verdict(
    what: &str,
    object: &Value,
    typed: Result<Value, String>,
    validated: Result<(), stitch_connect_schema::ValidationErrors>,
) -> bool {
    match (typed, validated) {
        (Ok(written), Ok(())) => {
            assert_eq!(&written, object, "{what}: written back differently");
            true
        }
        (Err(typed), Err(errors)) => {
            assert_eq!(typed, errors.to_string(), "{what}: {object}");
            false
        }
        (typed, validated) => panic!(
            "{what}: {object}\ntyped: {typed:?}\nvalidator: {:?}",
            validated.map_err(|e| e.to_string())
        ),
    }
}

#[test]
fn typed_deserialization_gives_the_validators_verdict_and_errors() {
    let mut rng = Rng(0x0_0E0E_4D1C_7000);
    let (mut connectors, mut checked, mut accepted, mut accepted_updates) = (0, 0, 0, 0);
    for connection in ConnectionType::all() {
        let api_type = connection.api_type();
        if typed_update(connection, &json!({})).is_none() {
            continue;
        }
        connectors += 1;
        // A few values each property takes, judged by the validator (which the oracle test
        // holds to the report card); as an update, but for the properties an update may not
        // name, whose values are judged as a create judges them.
        let mut pool: Vec<(&str, Vec<Value>)> = Vec::new();
        for property in connection.properties() {
            let name = property.name();
            let immutable = property.is_immutable();
            let values = (0..4)
                .filter_map(|_| {
                    accepted_value(&mut rng, |candidate| {
                        let object = json!({ name: candidate });
                        if immutable {
                            validate_properties(api_type, &object).map_or_else(
                                |errors| {
                                    !errors.iter().any(|e| {
                                        e.property() == Some(name)
                                            && e.kind() != ErrorKind::MissingRequired
                                    })
                                },
                                |()| true,
                            )
                        } else {
                            validate_update_properties(api_type, &object).is_ok()
                        }
                    })
                })
                .collect();
            pool.push((name, values));
        }
        for _ in 0..300 {
            let mut object = Map::new();
            for (name, values) in &pool {
                let property = connection.property(name).unwrap();
                let wanted = if property.is_read_only() {
                    rng.chance(3)
                } else if property.is_required() || property.is_schedule() {
                    rng.chance(92)
                } else {
                    rng.chance(50)
                };
                if !wanted {
                    continue;
                }
                let given = if values.is_empty() || rng.chance(6) {
                    value(&mut rng, 0)
                } else {
                    rng.pick(values)
                };
                object.insert((*name).to_owned(), given);
            }
            if rng.chance(4) {
                object.insert("passwrod".to_owned(), json!("hunter2"));
            }
            let object = Value::Object(object);
            // A type whose form step has no properties (webhooks) has no typed create.
            if let Some(create) = typed_create(connection, &object) {
                accepted += usize::from(same_verdict(
                    &format!("create of {api_type}"),
                    &object,
                    create,
                    validate_properties(api_type, &object),
                ));
            }
            let update = typed_update(connection, &object).expect("typed");
            accepted_updates += usize::from(same_verdict(
                &format!("update of {api_type}"),
                &object,
                update,
                validate_update_properties(api_type, &object),
            ));
            checked += 1;
        }
    }
    println!(
        "{connectors} typed connectors, {checked} objects: {accepted} creates and {accepted_updates} updates accepted"
    );
    assert!(connectors >= 60, "{connectors} typed connectors");
    // Both verdicts are exercised, for creates and for updates.
    assert!(
        accepted * 5 > checked && accepted * 10 < checked * 9,
        "{accepted} of {checked} creates accepted"
    );
    assert!(
        accepted_updates > accepted && accepted_updates < checked,
        "{accepted_updates} of {checked} updates accepted"
    );
}

/// Unknown properties are refused by default, kept when asked for, and written back.
#[test]
fn unknown_properties_are_kept_only_on_request() {
    use stitch_connect_schema::destinations::postgres::UpdateProperties;
    let body = json!({"port": "5433", "new_setting": "on"});
    let refused = serde_json::from_value::<UpdateProperties>(body.clone())
        .unwrap_err()
        .to_string();
    assert_eq!(
        refused,
        validate_update_properties("postgres", &body)
            .unwrap_err()
            .to_string()
    );
    let kept = UpdateProperties::deserialize_keeping_unknown(body.clone()).unwrap();
    assert_eq!(
        kept.extra_properties().get("new_setting"),
        Some(&json!("on"))
    );
    assert_eq!(serde_json::to_value(&kept).unwrap(), body);
    // Kept unknowns do not excuse other problems: the rest is judged as before.
    let error =
        UpdateProperties::deserialize_keeping_unknown(json!({"port": 5433, "new_setting": "on"}))
            .unwrap_err()
            .to_string();
    assert!(
        error.contains("/port") && !error.contains("new_setting"),
        "{error}"
    );
}

/// A step's struct read alone takes that step's properties only: another step's is refused
/// and listed after the validator's list, in every mode.
#[test]
fn a_step_struct_alone_refuses_the_other_steps_properties() {
    use stitch_connect_schema::sources::platform_hubspot::OauthProperties;
    let error = serde_json::from_value::<OauthProperties>(json!({
        "client_id": "id",
        "start_date": "2024-01-01T00:00:00Z"
    }))
    .unwrap_err()
    .to_string();
    assert_eq!(
        error,
        "1 problem with the properties of platform.hubspot:\n  \
         /start_date: `start_date`: a property of another step, not of this one"
    );
    // With the validator's own findings: both, in one list.
    let body = json!({"client_id": 5, "start_date": "garbage"});
    let error = serde_json::from_value::<OauthProperties>(body.clone())
        .unwrap_err()
        .to_string();
    let client_id = validate_update_properties("platform.hubspot", &json!({"client_id": 5}))
        .unwrap_err()
        .errors()[0]
        .to_string();
    assert_eq!(
        error,
        format!(
            "2 problems with the properties of platform.hubspot:\n  /client_id: {client_id}\n  \
             /start_date: `start_date`: a property of another step, not of this one"
        )
    );
    // Keeping unknown properties does not keep another step's.
    assert!(
        OauthProperties::deserialize_keeping_unknown(json!({"start_date": "garbage"})).is_err()
    );
    // The step's own properties are judged as an update judges them.
    for body in [
        json!({"client_id": "id"}),
        json!({}),
        json!({"redirect_uri": "not a uri"}),
    ] {
        let typed =
            serde_json::from_value::<OauthProperties>(body.clone()).map_err(|e| e.to_string());
        let validated =
            validate_update_properties("platform.hubspot", &body).map_err(|e| e.to_string());
        assert_eq!(typed.map(|_| ()), validated, "{body}");
    }
}

/// The properties enums take the same opt-in: unknown properties refused by `from_json`, kept
/// by `from_json_keeping_unknown`.
#[test]
fn the_properties_enums_keep_unknown_properties_only_on_request() {
    let mut body = json!({
        "frequency_in_minutes": "60",
        "start_date": "2024-01-01T00:00:00Z",
        "api_key": "k",
        "subdomain": "acme",
        "quota_limit": 30
    });
    assert!(SourceProperties::from_json("platform.recurly", body.clone()).is_ok());
    body["new_setting"] = json!("on");
    let refused = SourceProperties::from_json("platform.recurly", body.clone()).unwrap_err();
    assert!(refused.to_string().contains("new_setting"), "{refused}");
    let kept =
        SourceProperties::from_json_keeping_unknown("platform.recurly", body.clone()).unwrap();
    assert!(
        matches!(kept, SourceProperties::PlatformRecurly(_)),
        "{kept:?}"
    );
    assert_eq!(serde_json::to_value(&kept).unwrap(), body);
    let update = DestinationUpdateProperties::from_json_keeping_unknown(
        "postgres",
        json!({"port": "5433", "new_setting": "on"}),
    )
    .unwrap();
    assert!(
        matches!(update, DestinationUpdateProperties::Postgres(_)),
        "{update:?}"
    );
    // Everything else is judged as before.
    assert!(
        DestinationUpdateProperties::from_json_keeping_unknown("postgres", json!({"port": 5433}))
            .is_err()
    );
}
