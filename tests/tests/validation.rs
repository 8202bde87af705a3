#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `validate_properties` and the registry: every error kind, many errors at once, credentials
//! never shown, every connection type known.

use serde_json::{Value, json};
use stitch_connect_schema::{
    ConnectionType, ErrorKind, Kind, ValidationErrors, validate_properties,
};

fn recurly() -> Value {
    json!({
        "frequency_in_minutes": "60",
        "start_date": "2024-01-01T00:00:00Z",
        "api_key": "recurly-secret-key",
        "subdomain": "acme",
        "quota_limit": 50
    })
}

fn errors(connection_type: &str, properties: &Value) -> ValidationErrors {
    validate_properties(connection_type, properties).expect_err("invalid")
}

fn kinds(errors: &ValidationErrors) -> Vec<(String, ErrorKind)> {
    errors
        .iter()
        .map(|e| (e.pointer().to_owned(), e.kind()))
        .collect()
}

fn with(mut base: Value, key: &str, value: Value) -> Value {
    base[key] = value;
    base
}

#[test]
fn valid_objects_pass() {
    validate_properties("platform.recurly", &recurly()).unwrap();
    // OAuth properties may be given alongside the form's.
    validate_properties(
        "platform.hubspot",
        &json!({
            "frequency_in_minutes": "30",
            "start_date": "2024-01-01T00:00:00Z",
            "client_id": "id",
            "refresh_token": "token"
        }),
    )
    .unwrap();
    validate_properties(
        "postgres",
        &json!({
            "database": "app", "encryption_type": "none", "host": "db.example.com",
            "password": "pw", "port": "5432", "ssl": "true", "username": "stitch"
        }),
    )
    .unwrap();
}

#[test]
fn each_error_kind() {
    let cases: Vec<(&str, Value, &str, ErrorKind)> = vec![
        (
            "platform.recurly",
            with(recurly(), "subdomain", json!(5)),
            "/subdomain",
            ErrorKind::WrongType,
        ),
        (
            "platform.recurly",
            with(recurly(), "start_date", json!("2024-01-01T00:00:01Z")),
            "/start_date",
            ErrorKind::Pattern,
        ),
        (
            "platform.recurly",
            with(recurly(), "frequency_in_minutes", json!("45")),
            "/frequency_in_minutes",
            ErrorKind::Enum,
        ),
        (
            "platform.recurly",
            with(recurly(), "anchor_time", json!("noon")),
            "/anchor_time",
            ErrorKind::Format,
        ),
        (
            "platform.recurly",
            with(recurly(), "image_version", json!("1")),
            "/image_version",
            ErrorKind::ReadOnly,
        ),
        (
            "platform.recurly",
            with(recurly(), "surprise", json!(1)),
            "/surprise",
            ErrorKind::UnknownProperty,
        ),
        ("platform.recurly", json!([]), "", ErrorKind::NotAnObject),
        ("recurly", json!({}), "", ErrorKind::UnknownConnectionType),
        (
            "postgres",
            json!({"database": "d", "encryption_type": "none", "host": "-x-", "password": "p", "port": "1", "ssl": "false", "username": "u"}),
            "/host",
            ErrorKind::Format,
        ),
    ];
    for (connection_type, properties, pointer, kind) in cases {
        let errors = errors(connection_type, &properties);
        assert_eq!(kinds(&errors), [(pointer.to_owned(), kind)], "{errors}");
    }
    let mut missing = recurly();
    missing.as_object_mut().unwrap().remove("api_key");
    assert_eq!(
        kinds(&errors("platform.recurly", &missing)),
        [("/api_key".to_owned(), ErrorKind::MissingRequired)]
    );
    let mut unscheduled = recurly();
    unscheduled
        .as_object_mut()
        .unwrap()
        .remove("frequency_in_minutes");
    let unscheduled = errors("platform.recurly", &unscheduled);
    assert_eq!(
        kinds(&unscheduled),
        [(String::new(), ErrorKind::MissingSchedule)]
    );
    assert!(unscheduled.to_string().contains("replication schedule"));
}

#[test]
fn every_problem_is_reported_at_once() {
    let properties = json!({
        "frequency_in_minutes": 60,
        "start_date": "2024-02-30T00:00:00",
        "api_key": "k",
        "quota_limit": "x1",
        "surprise": true,
        "image_version": "x"
    });
    let errors = errors("platform.recurly", &properties);
    assert_eq!(
        kinds(&errors),
        [
            ("/frequency_in_minutes".to_owned(), ErrorKind::WrongType),
            ("/image_version".to_owned(), ErrorKind::ReadOnly),
            ("/quota_limit".to_owned(), ErrorKind::Pattern),
            ("/start_date".to_owned(), ErrorKind::Pattern),
            ("/surprise".to_owned(), ErrorKind::UnknownProperty),
            ("/subdomain".to_owned(), ErrorKind::MissingRequired),
        ]
    );
    let shown = errors.to_string();
    assert!(
        shown.starts_with("6 problems with the properties of platform.recurly:"),
        "{shown}"
    );
    for error in &errors {
        assert!(shown.contains(error.message()), "{shown}");
        assert!(error.property().is_some());
    }
}

#[test]
fn the_schema_is_followed_where_the_typed_layer_is_stricter() {
    // The card's date pattern does not know calendars; `^\d+` is unanchored at the end;
    // an integer may be written 1.0.
    validate_properties(
        "platform.recurly",
        &with(
            with(recurly(), "start_date", json!("2024-02-30T00:00:00Z")),
            "quota_limit",
            json!("12abc"),
        ),
    )
    .unwrap();
    validate_properties(
        "platform.recurly",
        &with(recurly(), "quota_limit", json!(1.0)),
    )
    .unwrap();
}

#[test]
fn credential_values_never_appear() {
    let secret = "hunter2-secret-value";
    let cases = [
        (
            "platform.recurly",
            with(recurly(), "api_key", json!([secret])),
        ),
        (
            "platform.recurly",
            with(recurly(), "api_key", json!({"nested": secret})),
        ),
        (
            "s3",
            json!({"output_file_format": "csv", "s3_bucket": "b", "s3_key_format_string": "k", "sentinel_key": secret}),
        ),
        (
            "bigquery_v2",
            json!({"service_account_credentials": {"private_key": [secret]}}),
        ),
        (
            "bigquery_v2",
            json!({"service_account_credentials": secret}),
        ),
    ];
    for (connection_type, properties) in cases {
        let errors = errors(connection_type, &properties);
        let shown = format!("{errors} {errors:?}");
        assert!(!shown.contains("hunter2"), "{connection_type}: {shown}");
        assert!(!errors.is_empty());
    }
    // Where a message would quote the value, it says the value is not shown.
    let s3 = errors(
        "s3",
        &json!({"output_file_format": "csv", "s3_bucket": "b", "s3_key_format_string": "k", "sentinel_key": secret}),
    );
    assert!(s3.iter().any(|e| e.message().contains("not shown")), "{s3}");
    for error in &s3 {
        assert!(!error.message().contains("hunter2"));
    }
    // Non-secret values are shown, to help.
    let shown = errors(
        "platform.recurly",
        &with(recurly(), "subdomain", json!(12345)),
    )
    .to_string();
    assert!(shown.contains("12345"), "{shown}");
}

#[test]
fn nested_objects_are_checked_with_pointers() {
    let errors = errors(
        "databricks_delta",
        &json!({"ssh_config": {"ssh_host": 5}, "staging_area": [1]}),
    );
    let found = kinds(&errors);
    assert!(
        found.contains(&("/ssh_config/ssh_host".to_owned(), ErrorKind::WrongType)),
        "{errors}"
    );
    assert!(
        found.contains(&("/staging_area".to_owned(), ErrorKind::WrongType)),
        "{errors}"
    );
}

#[test]
fn every_connection_type_is_known() {
    let all = ConnectionType::all();
    assert_eq!(all.len(), 122);
    assert!(all.windows(2).all(|w| w[0].api_type() < w[1].api_type()));
    for t in all {
        assert_eq!(
            ConnectionType::find(t.api_type()).unwrap().api_type(),
            t.api_type()
        );
    }
    let storagegrid = ConnectionType::find("storagegrid").unwrap();
    assert_eq!(storagegrid.kind(), Kind::Destination);
    assert_eq!(storagegrid.display_name(), None);
    assert_eq!(storagegrid.details().unwrap().pipeline_state, Some("alpha"));
    assert!(storagegrid.is_typed());
    let recurly = ConnectionType::find("platform.recurly").unwrap();
    assert_eq!(recurly.display_name(), Some("Recurly"));
    assert_eq!(
        recurly.steps(),
        [
            "form",
            "discover_schema",
            "field_selection",
            "fully_configured"
        ]
    );
    assert_eq!(recurly.typed_module(), Some("sources::platform_recurly"));
    assert_eq!(recurly.credential_names().collect::<Vec<_>>(), ["api_key"]);
    assert!(recurly.property("api_key").unwrap().is_required());
    assert!(recurly.property("image_version").unwrap().is_read_only());
    let typed = all.iter().filter(|t| t.is_typed()).count();
    assert_eq!(typed, 68);
}

#[test]
fn unknown_types_suggest_the_closest() {
    for (given, expected) in [
        ("recurly", "platform.recurly"),
        ("platform.recurley", "platform.recurly"),
        ("Postgres", "postgres"),
        ("platform.hubspt", "platform.hubspot"),
    ] {
        let error = ConnectionType::find(given).unwrap_err();
        assert_eq!(
            error.suggestions().first(),
            Some(&expected),
            "{given}: {error}"
        );
        assert!(error.to_string().contains(expected));
    }
    assert!(ConnectionType::find("").is_err());
    // Parsing is exact.
    assert!(ConnectionType::find("PLATFORM.RECURLY").is_err());
    assert!(ConnectionType::find(" platform.recurly").is_err());
}

#[test]
fn types_without_documented_properties_are_unchecked_objects() {
    let unchecked: Vec<&ConnectionType> = ConnectionType::all()
        .iter()
        .filter(|t| !t.is_checked())
        .collect();
    assert!(!unchecked.is_empty());
    for t in unchecked {
        assert!(!t.is_typed());
        validate_properties(t.api_type(), &json!({"anything": [1, 2]})).unwrap();
        assert_eq!(
            kinds(&errors(t.api_type(), &json!("not an object"))),
            [(String::new(), ErrorKind::NotAnObject)]
        );
    }
}
