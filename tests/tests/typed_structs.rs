#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The generated connector structs: built from their required properties, written as the
//! API expects, read back with validation, secrets never printed, unknown properties carried.

use serde_json::json;
use stitch_connect_schema::common::{
    DigitString, EncryptionType, FrequencyInMinutes, Host, IntegerOrDigits, Schedule, StartDate,
    Timestamp,
};
use stitch_connect_schema::destinations::{bigquery_v2, postgres};
use stitch_connect_schema::sources::{platform_hubspot, platform_recurly};
use stitch_connect_schema::{REDACTED, Secret};

fn recurly() -> platform_recurly::FormProperties {
    platform_recurly::FormProperties::new(platform_recurly::FormRequired {
        schedule: Schedule::every(FrequencyInMinutes::Minutes30)
            .anchored_at(Timestamp::from_static("2018-04-30T17:00:00Z")),
        start_date: StartDate::from_static("2024-01-01T00:00:00Z"),
        api_key: Secret::from("recurly-key-123"),
        subdomain: "acme".to_owned(),
        quota_limit: IntegerOrDigits::new(50),
    })
}

#[test]
fn recurly_serializes_to_the_properties_the_guide_sends() {
    assert_eq!(
        serde_json::to_value(recurly()).unwrap(),
        json!({
            "anchor_time": "2018-04-30T17:00:00Z",
            "frequency_in_minutes": "30",
            "start_date": "2024-01-01T00:00:00Z",
            "api_key": "recurly-key-123",
            "subdomain": "acme",
            "quota_limit": 50
        })
    );
}

#[test]
fn reading_back_gives_the_same_struct() {
    let text = serde_json::to_string(&recurly()).unwrap();
    let back: platform_recurly::FormProperties = serde_json::from_str(&text).unwrap();
    assert_eq!(back, recurly());
}

#[test]
fn secrets_never_print() {
    let properties = recurly();
    for printed in [format!("{properties:?}"), format!("{properties:#?}")] {
        assert!(!printed.contains("recurly-key-123"), "{printed}");
        assert!(printed.contains(REDACTED), "{printed}");
    }
    assert_eq!(properties.api_key.to_string(), REDACTED);
    assert_eq!(properties.api_key.expose_secret(), "recurly-key-123");
}

#[test]
fn a_bad_secret_is_reported_without_its_value() {
    let error = serde_json::from_value::<platform_recurly::FormProperties>(json!({
        "frequency_in_minutes": "30",
        "start_date": "2024-01-01T00:00:00Z",
        "api_key": ["hunter2-in-an-array"],
        "subdomain": "acme",
        "quota_limit": 50
    }))
    .unwrap_err()
    .to_string();
    assert!(error.contains("`api_key`"), "{error}");
    assert!(!error.contains("hunter2"), "{error}");
}

#[test]
fn invalid_values_are_reported_with_the_property() {
    let base = serde_json::to_value(recurly()).unwrap();
    let cases = [
        ("frequency_in_minutes", json!("45")),
        ("frequency_in_minutes", json!(30)),
        ("start_date", json!("2024-01-01T00:00:01Z")),
        ("start_date", json!("2024-1-01T00:00:00Z")),
        ("anchor_time", json!("yesterday")),
        ("quota_limit", json!("fifty per hour")),
        ("subdomain", json!(7)),
    ];
    for (property, value) in cases {
        let mut object = base.clone();
        object[property] = value.clone();
        let error = serde_json::from_value::<platform_recurly::FormProperties>(object)
            .expect_err(&format!("{property} = {value}"))
            .to_string();
        assert!(
            error.contains(&format!("`{property}`")),
            "{property}: {error}"
        );
    }
}

#[test]
fn missing_required_properties_and_schedule_are_errors() {
    let base = serde_json::to_value(recurly()).unwrap();
    for property in ["start_date", "api_key", "subdomain", "quota_limit"] {
        let mut object = base.clone();
        object.as_object_mut().unwrap().remove(property);
        let error = serde_json::from_value::<platform_recurly::FormProperties>(object)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains(&format!("missing required property `{property}`")),
            "{error}"
        );
    }
    let mut object = base.clone();
    object
        .as_object_mut()
        .unwrap()
        .remove("frequency_in_minutes");
    let error = serde_json::from_value::<platform_recurly::FormProperties>(object)
        .unwrap_err()
        .to_string();
    assert!(error.contains("missing replication schedule"), "{error}");
    // A cron expression alone is a schedule.
    let mut object = base;
    object
        .as_object_mut()
        .unwrap()
        .remove("frequency_in_minutes");
    object["cron_expression"] = json!("0 0 12 ? * MON-FRI *");
    let properties: platform_recurly::FormProperties = serde_json::from_value(object).unwrap();
    assert_eq!(
        properties.schedule.cron_expression(),
        Some("0 0 12 ? * MON-FRI *")
    );
}

#[test]
fn duplicate_properties_are_errors() {
    let text = r#"{"frequency_in_minutes":"30","start_date":"2024-01-01T00:00:00Z","api_key":"k",
        "subdomain":"a","subdomain":"b","quota_limit":1}"#;
    let error = serde_json::from_str::<platform_recurly::FormProperties>(text)
        .unwrap_err()
        .to_string();
    assert!(error.contains("`subdomain` is given twice"), "{error}");
}

#[test]
fn extra_properties_are_carried_but_cannot_shadow_known_ones() {
    let properties = recurly()
        .try_with_extra_property("new_flag", json!("true"))
        .unwrap();
    let wire = serde_json::to_value(&properties).unwrap();
    assert_eq!(wire["new_flag"], json!("true"));
    // Refused by default, as the validator refuses it; kept when asked for.
    let refused = serde_json::from_value::<platform_recurly::FormProperties>(wire.clone())
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("`new_flag` is not a property"),
        "{refused}"
    );
    let back = platform_recurly::FormProperties::deserialize_keeping_unknown(wire).unwrap();
    assert_eq!(
        back.extra_properties().get("new_flag"),
        Some(&json!("true"))
    );
    assert_eq!(back, properties);
    for known in ["api_key", "frequency_in_minutes", "image_version"] {
        let error = recurly()
            .try_with_extra_property(known, json!("x"))
            .unwrap_err();
        assert_eq!(error.name(), known);
        assert!(error.to_string().contains("known property"), "{error}");
    }
    // Extra values are never printed: an unknown property may be a secret.
    let printed = format!(
        "{:?}",
        recurly()
            .try_with_extra_property("new_token", json!("tok-secret-9"))
            .unwrap()
    );
    assert!(
        printed.contains("new_token") && !printed.contains("tok-secret-9"),
        "{printed}"
    );
}

#[test]
fn read_only_properties_are_refused_and_have_no_setter() {
    let error = serde_json::from_value::<platform_hubspot::FormProperties>(json!({
        "frequency_in_minutes": "30",
        "start_date": "2024-01-01T00:00:00Z",
        "image_version": "1.2.3"
    }))
    .unwrap_err()
    .to_string();
    assert!(error.contains("`image_version` is read-only"), "{error}");
    // Not even when unknown properties are kept: it is known, and never sent.
    assert!(
        platform_hubspot::FormProperties::deserialize_keeping_unknown(json!({
            "frequency_in_minutes": "30",
            "start_date": "2024-01-01T00:00:00Z",
            "image_version": "1.2.3"
        }))
        .is_err()
    );
    // The response struct keeps it: Stitch returns it.
    let response: platform_hubspot::ResponseProperties = serde_json::from_value(json!({
        "frequency_in_minutes": "30",
        "image_version": "1.2.3"
    }))
    .unwrap();
    assert_eq!(response.image_version, Some(json!("1.2.3")));
    // OAuth properties of HubSpot are system-provided: the OAuth struct starts empty.
    let oauth = platform_hubspot::OauthProperties::new();
    assert_eq!(serde_json::to_value(&oauth).unwrap(), json!({}));
}

/// Deserializing reports what `validate_properties` reports, all of it, in its words.
#[test]
fn typed_deserialization_lists_every_problem_as_the_validator_does() {
    let body = json!({
        "host": "db.example.com",
        "port": "5432",
        "username": "stitch",
        "passwrod": "hunter2",
        "database": 7,
        "ssl": "yes",
        "image_version": "1"
    });
    let typed = serde_json::from_value::<postgres::FormProperties>(body.clone())
        .unwrap_err()
        .to_string();
    let validated = stitch_connect_schema::validate_properties("postgres", &body).unwrap_err();
    assert!(validated.len() >= 4, "{validated}");
    assert_eq!(typed, validated.to_string());
    // The misspelled credential is named, its value never shown.
    assert!(
        typed.contains("passwrod") && !typed.contains("hunter2"),
        "{typed}"
    );
}

#[test]
fn string_booleans_travel_as_strings() {
    let properties = postgres::FormProperties::new(postgres::FormRequired {
        database: "app".into(),
        encryption_type: EncryptionType::None,
        host: Host::from_static("db.example.com"),
        password: Secret::from("pg-password"),
        port: DigitString::new(5432),
        ssl: true,
        username: "stitch".into(),
    });
    let wire = serde_json::to_value(&properties).unwrap();
    assert_eq!(wire["ssl"], json!("true"));
    assert_eq!(wire["port"], json!("5432"));
    assert_eq!(wire["encryption_type"], json!("none"));
    let mut bad = wire.clone();
    bad["ssl"] = json!(true);
    let error = serde_json::from_value::<postgres::FormProperties>(bad)
        .unwrap_err()
        .to_string();
    assert!(error.contains("`ssl`"), "{error}");
    let back: postgres::FormProperties = serde_json::from_value(wire).unwrap();
    assert!(back.ssl);
}

#[test]
fn keyword_properties_keep_their_wire_name() {
    let credentials = bigquery_v2::ServiceAccountCredentials::new()
        .with_type("service_account")
        .with_private_key("-----BEGIN PRIVATE KEY-----");
    assert_eq!(credentials.type_.as_deref(), Some("service_account"));
    let wire = serde_json::to_value(&credentials).unwrap();
    assert_eq!(
        wire,
        json!({"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----"})
    );
    assert!(!format!("{credentials:?}").contains("BEGIN PRIVATE KEY"));
}

/// A number or boolean where the wire wants a string says so, and how to write it.
#[test]
fn numbers_for_strings_say_how_to_write_them() {
    use stitch_connect_schema::sources::platform_recurly::FormProperties;
    let frequency_error = |frequency: serde_json::Value| {
        serde_json::from_value::<FormProperties>(serde_json::json!({
            "frequency_in_minutes": frequency,
            "start_date": "2024-01-01T00:00:00Z",
            "api_key": "k",
            "subdomain": "acme",
            "quota_limit": 50
        }))
        .unwrap_err()
        .to_string()
    };
    let error = frequency_error(serde_json::json!(60));
    assert!(
        error.contains(
            "`frequency_in_minutes`: expected a string, found a number 60: write it as \"60\""
        ),
        "{error}"
    );
    // 45 as a string would not do either: no hint.
    let error = frequency_error(serde_json::json!(45));
    assert!(
        error.contains("expected a string, found a number 45") && !error.contains("write it as"),
        "{error}"
    );
    use stitch_connect_schema::destinations::postgres::UpdateProperties;
    let error = serde_json::from_value::<UpdateProperties>(serde_json::json!({"ssl": true}))
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("found a boolean true: write it as \"true\""),
        "{error}"
    );
}
