#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `validate_properties` and the registry: every error kind, many errors at once, credentials
//! never shown, every connection type known.

use serde_json::{Value, json};
use stitch_connect_schema::{
    ConnectionType, ErrorKind, Kind, ValidationErrors, validate_properties,
    validate_update_properties,
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
        (
            "platform.recurlyy",
            json!({}),
            "",
            ErrorKind::UnknownConnectionType,
        ),
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
    // Every card of the documented lists (228 types, the six destinations the source list also
    // holds counted once) and two types only a connector page documents; the reference's table
    // adds none.
    assert_eq!(all.len(), 230);
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
    // Every type has a module; those whose card lists no steps (most of them deprecated) check
    // nothing, and every other type is checked.
    let typed = all.iter().filter(|t| t.is_typed()).count();
    assert_eq!(typed, 230);
    let stepless = all.iter().filter(|t| t.steps().is_empty()).count();
    let checked = all.iter().filter(|t| t.is_checked()).count();
    assert_eq!(
        checked + stepless,
        230,
        "{checked} checked, {stepless} without steps"
    );
    // Four destinations whose cards list no steps (dataworld, mssql_server, mysql_destination,
    // panoply) take their properties from their connector pages, so they are checked.
    assert_eq!((checked, stepless), (198, 32));
}

/// A type whose form step lists no properties (a webhook) takes exactly the empty object, as
/// its typed create does.
#[test]
fn a_form_without_properties_takes_only_the_empty_object() {
    use stitch_connect_schema::sources::webhook_zapier::FormProperties;
    validate_properties("webhook.zapier", &json!({})).unwrap();
    assert_eq!(
        kinds(&errors("webhook.zapier", &json!({"url": "x"}))),
        [("/url".to_owned(), ErrorKind::UnknownProperty)]
    );
    serde_json::from_value::<FormProperties>(json!({})).unwrap();
    assert!(serde_json::from_value::<FormProperties>(json!({"url": "x"})).is_err());
}

#[test]
fn unknown_types_suggest_the_closest() {
    for (given, expected) in [
        ("platform.recurl", "platform.recurly"),
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
        .copied()
        .filter(|t| !t.is_checked())
        .collect();
    assert!(!unchecked.is_empty());
    for t in unchecked {
        // A card without steps (in the documented list: deprecated types and a few others) says nothing about properties.
        assert!(t.steps().is_empty(), "{}", t.api_type());
        validate_properties(t.api_type(), &json!({"anything": [1, 2]})).unwrap();
        assert_eq!(
            kinds(&errors(t.api_type(), &json!("not an object"))),
            [(String::new(), ErrorKind::NotAnObject)]
        );
    }
}

/// Inputs covering every message shape: every error kind, `anyOf` failures of each kind, nested
/// pointers, escaped names, credentials, long and multi-byte values around the 60-character cut.
fn message_cases() -> Vec<(&'static str, Value)> {
    let long = "h".repeat(70);
    // Shown as JSON with its quotes: 60 characters in all, and 61.
    let sixty = json!("x".repeat(58));
    let sixty_one = json!("x".repeat(59));
    vec![
        ("platform.recurly", with(recurly(), "subdomain", json!(5))),
        (
            "platform.recurly",
            with(recurly(), "start_date", json!("2024-01-01T00:00:01Z")),
        ),
        (
            "platform.recurly",
            with(recurly(), "frequency_in_minutes", json!("45")),
        ),
        (
            "platform.recurly",
            with(recurly(), "anchor_time", json!("noon")),
        ),
        (
            "platform.recurly",
            with(recurly(), "image_version", json!("1")),
        ),
        ("platform.recurly", with(recurly(), "surprise", json!(1))),
        ("platform.recurly", with(recurly(), "API-KEY", json!("k"))),
        ("platform.recurly", with(recurly(), "a/b~c", json!(null))),
        (
            "platform.recurly",
            with(recurly(), "api_key", json!(987_654)),
        ),
        (
            "platform.recurly",
            with(recurly(), "quota_limit", json!("x1")),
        ),
        (
            "platform.recurly",
            with(recurly(), "quota_limit", json!(1.5)),
        ),
        (
            "platform.recurly",
            with(recurly(), "subdomain", json!([long])),
        ),
        ("platform.recurly", with(recurly(), "start_date", sixty)),
        ("platform.recurly", with(recurly(), "start_date", sixty_one)),
        (
            "platform.recurly",
            with(recurly(), "subdomain", json!({"k": "日本語".repeat(30)})),
        ),
        (
            "platform.recurly",
            json!({"start_date": "2024-01-01", "image_version": 3}),
        ),
        ("platform.recurly", json!([])),
        ("platform.recurly", json!("text")),
        ("platform.recurlyy", json!({})),
        ("no-such-type", json!({})),
        (
            "postgres",
            json!({"database": "d", "encryption_type": "none", "host": "-x-", "password": "p", "port": "1", "ssl": "false", "username": "u"}),
        ),
        (
            "postgres",
            json!({"database": "d", "encryption_type": "none", "host": 5, "password": ["p"], "port": "1", "ssl": "false", "username": "u"}),
        ),
        (
            "s3",
            json!({"output_file_format": "csv", "s3_bucket": "b", "s3_key_format_string": "k", "sentinel_key": "hunter2"}),
        ),
        (
            "databricks_delta",
            json!({"ssh_config": {"ssh_host": 5, "ssh_port": "2"}, "staging_area": [1]}),
        ),
        (
            "databricks_delta",
            json!({"ssh_config": {"ssh_host": 5}, "ssh_config~": 1, "ssh_config/x": 1, "ssh_config_": 1, "ssh_confi": 1, "SSH": 1, "": 1}),
        ),
        (
            "bigquery_v2",
            json!({"service_account_credentials": {"private_key": ["hunter2"], "type": 1}}),
        ),
        (
            "platform.google-analytics",
            json!({"report_definitions": [{"id": 1, "name": "n"}, 2, {"name": false}]}),
        ),
        ("platform.impact", json!({"model_id": 1.5})),
        ("azure_sqldw", json!({"azure_storage_sas_url": "not a uri"})),
    ]
}

/// What the messages of `message_cases` said before messages were rendered lazily (captured from
/// the eager implementation): each error's pointer, kind and message, then the whole report.
#[allow(clippy::type_complexity)]
fn expected_messages() -> Vec<(
    &'static str,
    Vec<(&'static str, ErrorKind, &'static str)>,
    &'static str,
)> {
    vec![
        (
            "platform.recurly",
            vec![(
                "/subdomain",
                ErrorKind::WrongType,
                "`subdomain`: expected a string, found a number 5: write it as \"5\"",
            )],
            "1 problem with the properties of platform.recurly:\n  /subdomain: `subdomain`: expected a string, found a number 5: write it as \"5\"",
        ),
        (
            "platform.recurly",
            vec![(
                "/start_date",
                ErrorKind::Pattern,
                "`start_date`: \"2024-01-01T00:00:01Z\" is not a string matching ^\\d{4}-\\d{2}-\\d{2}T00:00:00Z$",
            )],
            "1 problem with the properties of platform.recurly:\n  /start_date: `start_date`: \"2024-01-01T00:00:01Z\" is not a string matching ^\\d{4}-\\d{2}-\\d{2}T00:00:00Z$",
        ),
        (
            "platform.recurly",
            vec![(
                "/frequency_in_minutes",
                ErrorKind::Enum,
                "`frequency_in_minutes`: \"45\" is not one of 1, 30, 60, 360, 720, 1440",
            )],
            "1 problem with the properties of platform.recurly:\n  /frequency_in_minutes: `frequency_in_minutes`: \"45\" is not one of 1, 30, 60, 360, 720, 1440",
        ),
        (
            "platform.recurly",
            vec![(
                "/anchor_time",
                ErrorKind::Format,
                "`anchor_time`: \"noon\" is not a valid date-time",
            )],
            "1 problem with the properties of platform.recurly:\n  /anchor_time: `anchor_time`: \"noon\" is not a valid date-time",
        ),
        (
            "platform.recurly",
            vec![(
                "/image_version",
                ErrorKind::ReadOnly,
                "`image_version` is read-only: Stitch sets it; leave it out of requests",
            )],
            "1 problem with the properties of platform.recurly:\n  /image_version: `image_version` is read-only: Stitch sets it; leave it out of requests",
        ),
        (
            "platform.recurly",
            vec![(
                "/surprise",
                ErrorKind::UnknownProperty,
                "`surprise` is not a property of platform.recurly",
            )],
            "1 problem with the properties of platform.recurly:\n  /surprise: `surprise` is not a property of platform.recurly",
        ),
        (
            "platform.recurly",
            vec![(
                "/API-KEY",
                ErrorKind::UnknownProperty,
                "`API-KEY` is not a property of platform.recurly; did you mean `api_key`?",
            )],
            "1 problem with the properties of platform.recurly:\n  /API-KEY: `API-KEY` is not a property of platform.recurly; did you mean `api_key`?",
        ),
        (
            "platform.recurly",
            vec![(
                "/a~1b~0c",
                ErrorKind::UnknownProperty,
                "`a/b~c` is not a property of platform.recurly",
            )],
            "1 problem with the properties of platform.recurly:\n  /a~1b~0c: `a/b~c` is not a property of platform.recurly",
        ),
        (
            "platform.recurly",
            vec![(
                "/api_key",
                ErrorKind::WrongType,
                "`api_key`: expected a string, found a number",
            )],
            "1 problem with the properties of platform.recurly:\n  /api_key: `api_key`: expected a string, found a number",
        ),
        (
            "platform.recurly",
            vec![(
                "/quota_limit",
                ErrorKind::Pattern,
                "`quota_limit`: \"x1\" is not any of: an integer; a string matching ^\\d+",
            )],
            "1 problem with the properties of platform.recurly:\n  /quota_limit: `quota_limit`: \"x1\" is not any of: an integer; a string matching ^\\d+",
        ),
        (
            "platform.recurly",
            vec![(
                "/quota_limit",
                ErrorKind::WrongType,
                "`quota_limit`: expected any of: an integer; a string matching ^\\d+, found a number 1.5: write it as \"1.5\"",
            )],
            "1 problem with the properties of platform.recurly:\n  /quota_limit: `quota_limit`: expected any of: an integer; a string matching ^\\d+, found a number 1.5: write it as \"1.5\"",
        ),
        (
            "platform.recurly",
            vec![(
                "/subdomain",
                ErrorKind::WrongType,
                "`subdomain`: expected a string, found an array [\"hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh...",
            )],
            "1 problem with the properties of platform.recurly:\n  /subdomain: `subdomain`: expected a string, found an array [\"hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh...",
        ),
        (
            "platform.recurly",
            vec![(
                "/start_date",
                ErrorKind::Pattern,
                "`start_date`: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\" is not a string matching ^\\d{4}-\\d{2}-\\d{2}T00:00:00Z$",
            )],
            "1 problem with the properties of platform.recurly:\n  /start_date: `start_date`: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\" is not a string matching ^\\d{4}-\\d{2}-\\d{2}T00:00:00Z$",
        ),
        (
            "platform.recurly",
            vec![(
                "/start_date",
                ErrorKind::Pattern,
                "`start_date`: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... is not a string matching ^\\d{4}-\\d{2}-\\d{2}T00:00:00Z$",
            )],
            "1 problem with the properties of platform.recurly:\n  /start_date: `start_date`: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... is not a string matching ^\\d{4}-\\d{2}-\\d{2}T00:00:00Z$",
        ),
        (
            "platform.recurly",
            vec![(
                "/subdomain",
                ErrorKind::WrongType,
                "`subdomain`: expected a string, found an object {\"k\":\"日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語...",
            )],
            "1 problem with the properties of platform.recurly:\n  /subdomain: `subdomain`: expected a string, found an object {\"k\":\"日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語...",
        ),
        (
            "platform.recurly",
            vec![
                (
                    "/image_version",
                    ErrorKind::ReadOnly,
                    "`image_version` is read-only: Stitch sets it; leave it out of requests",
                ),
                (
                    "/start_date",
                    ErrorKind::Pattern,
                    "`start_date`: \"2024-01-01\" is not a string matching ^\\d{4}-\\d{2}-\\d{2}T00:00:00Z$",
                ),
                (
                    "/api_key",
                    ErrorKind::MissingRequired,
                    "missing required property `api_key`",
                ),
                (
                    "/quota_limit",
                    ErrorKind::MissingRequired,
                    "missing required property `quota_limit`",
                ),
                (
                    "/subdomain",
                    ErrorKind::MissingRequired,
                    "missing required property `subdomain`",
                ),
                (
                    "",
                    ErrorKind::MissingSchedule,
                    "missing replication schedule: give `frequency_in_minutes` (optionally with `anchor_time`) or `cron_expression`",
                ),
            ],
            "6 problems with the properties of platform.recurly:\n  /image_version: `image_version` is read-only: Stitch sets it; leave it out of requests\n  /start_date: `start_date`: \"2024-01-01\" is not a string matching ^\\d{4}-\\d{2}-\\d{2}T00:00:00Z$\n  /api_key: missing required property `api_key`\n  /quota_limit: missing required property `quota_limit`\n  /subdomain: missing required property `subdomain`\n  /: missing replication schedule: give `frequency_in_minutes` (optionally with `anchor_time`) or `cron_expression`",
        ),
        (
            "platform.recurly",
            vec![(
                "",
                ErrorKind::NotAnObject,
                "properties must be a JSON object, found an array",
            )],
            "1 problem with the properties of platform.recurly:\n  /: properties must be a JSON object, found an array",
        ),
        (
            "platform.recurly",
            vec![(
                "",
                ErrorKind::NotAnObject,
                "properties must be a JSON object, found a string",
            )],
            "1 problem with the properties of platform.recurly:\n  /: properties must be a JSON object, found a string",
        ),
        (
            "platform.recurlyy",
            vec![(
                "",
                ErrorKind::UnknownConnectionType,
                "unknown connection type \"platform.recurlyy\"; did you mean one of `platform.recurly`, `recurly`?",
            )],
            "1 problem with the properties of platform.recurlyy:\n  /: unknown connection type \"platform.recurlyy\"; did you mean one of `platform.recurly`, `recurly`?",
        ),
        (
            "no-such-type",
            vec![(
                "",
                ErrorKind::UnknownConnectionType,
                "unknown connection type \"no-such-type\"",
            )],
            "1 problem with the properties of no-such-type:\n  /: unknown connection type \"no-such-type\"",
        ),
        (
            "postgres",
            vec![(
                "/host",
                ErrorKind::Format,
                "`host`: \"-x-\" is not any of: a string in format ipv4; a string in format ipv6; a string in format hostname",
            )],
            "1 problem with the properties of postgres:\n  /host: `host`: \"-x-\" is not any of: a string in format ipv4; a string in format ipv6; a string in format hostname",
        ),
        (
            "postgres",
            vec![
                (
                    "/host",
                    ErrorKind::WrongType,
                    "`host`: expected any of: a string in format ipv4; a string in format ipv6; a string in format hostname, found a number 5: write it as \"5\"",
                ),
                (
                    "/password",
                    ErrorKind::WrongType,
                    "`password`: expected a string, found an array",
                ),
            ],
            "2 problems with the properties of postgres:\n  /host: `host`: expected any of: a string in format ipv4; a string in format ipv6; a string in format hostname, found a number 5: write it as \"5\"\n  /password: `password`: expected a string, found an array",
        ),
        (
            "s3",
            vec![(
                "/sentinel_key",
                ErrorKind::Pattern,
                "`sentinel_key`: the value (a string, not shown: a credential) is not a string matching ^stitch-challenge-file-.*$",
            )],
            "1 problem with the properties of s3:\n  /sentinel_key: `sentinel_key`: the value (a string, not shown: a credential) is not a string matching ^stitch-challenge-file-.*$",
        ),
        (
            "databricks_delta",
            vec![
                (
                    "/ssh_config/ssh_host",
                    ErrorKind::WrongType,
                    "`ssh_config`: expected a string, found a number 5",
                ),
                (
                    "/staging_area",
                    ErrorKind::WrongType,
                    "`staging_area`: expected an object, found an array [1]",
                ),
                (
                    "/access_token",
                    ErrorKind::MissingRequired,
                    "missing required property `access_token`",
                ),
                (
                    "/jdbc_url",
                    ErrorKind::MissingRequired,
                    "missing required property `jdbc_url`",
                ),
            ],
            "4 problems with the properties of databricks_delta:\n  /ssh_config/ssh_host: `ssh_config`: expected a string, found a number 5\n  /staging_area: `staging_area`: expected an object, found an array [1]\n  /access_token: missing required property `access_token`\n  /jdbc_url: missing required property `jdbc_url`",
        ),
        (
            "databricks_delta",
            vec![
                (
                    "/",
                    ErrorKind::UnknownProperty,
                    "`` is not a property of databricks_delta",
                ),
                (
                    "/SSH",
                    ErrorKind::UnknownProperty,
                    "`SSH` is not a property of databricks_delta",
                ),
                (
                    "/ssh_confi",
                    ErrorKind::UnknownProperty,
                    "`ssh_confi` is not a property of databricks_delta; did you mean `ssh_config`?",
                ),
                (
                    "/ssh_config/ssh_host",
                    ErrorKind::WrongType,
                    "`ssh_config`: expected a string, found a number 5",
                ),
                (
                    "/ssh_config_",
                    ErrorKind::UnknownProperty,
                    "`ssh_config_` is not a property of databricks_delta; did you mean `ssh_config`?",
                ),
                (
                    "/ssh_config~0",
                    ErrorKind::UnknownProperty,
                    "`ssh_config~` is not a property of databricks_delta; did you mean `ssh_config`?",
                ),
                (
                    "/ssh_config~1x",
                    ErrorKind::UnknownProperty,
                    "`ssh_config/x` is not a property of databricks_delta; did you mean `ssh_config`?",
                ),
                (
                    "/access_token",
                    ErrorKind::MissingRequired,
                    "missing required property `access_token`",
                ),
                (
                    "/jdbc_url",
                    ErrorKind::MissingRequired,
                    "missing required property `jdbc_url`",
                ),
                (
                    "/staging_area",
                    ErrorKind::MissingRequired,
                    "missing required property `staging_area`",
                ),
            ],
            "10 problems with the properties of databricks_delta:\n  /: `` is not a property of databricks_delta\n  /SSH: `SSH` is not a property of databricks_delta\n  /ssh_confi: `ssh_confi` is not a property of databricks_delta; did you mean `ssh_config`?\n  /ssh_config/ssh_host: `ssh_config`: expected a string, found a number 5\n  /ssh_config_: `ssh_config_` is not a property of databricks_delta; did you mean `ssh_config`?\n  /ssh_config~0: `ssh_config~` is not a property of databricks_delta; did you mean `ssh_config`?\n  /ssh_config~1x: `ssh_config/x` is not a property of databricks_delta; did you mean `ssh_config`?\n  /access_token: missing required property `access_token`\n  /jdbc_url: missing required property `jdbc_url`\n  /staging_area: missing required property `staging_area`",
        ),
        (
            "bigquery_v2",
            vec![
                (
                    "/service_account_credentials/private_key",
                    ErrorKind::WrongType,
                    "`service_account_credentials`: expected a string, found an array",
                ),
                (
                    "/service_account_credentials/type",
                    ErrorKind::WrongType,
                    "`service_account_credentials`: expected a string, found a number",
                ),
                (
                    "/cloud_storage_location",
                    ErrorKind::MissingRequired,
                    "missing required property `cloud_storage_location`",
                ),
                (
                    "/loading_mode",
                    ErrorKind::MissingRequired,
                    "missing required property `loading_mode`",
                ),
            ],
            "4 problems with the properties of bigquery_v2:\n  /service_account_credentials/private_key: `service_account_credentials`: expected a string, found an array\n  /service_account_credentials/type: `service_account_credentials`: expected a string, found a number\n  /cloud_storage_location: missing required property `cloud_storage_location`\n  /loading_mode: missing required property `loading_mode`",
        ),
        (
            "platform.google-analytics",
            vec![
                (
                    "/report_definitions/0/id",
                    ErrorKind::WrongType,
                    "`report_definitions`: expected a string, found a number 1",
                ),
                (
                    "/report_definitions/1",
                    ErrorKind::WrongType,
                    "`report_definitions`: expected an object, found a number 2",
                ),
                (
                    "/report_definitions/2/id",
                    ErrorKind::MissingRequired,
                    "`report_definitions`: missing the key `id`",
                ),
                (
                    "/report_definitions/2/name",
                    ErrorKind::WrongType,
                    "`report_definitions`: expected a string, found a boolean false",
                ),
                (
                    "/start_date",
                    ErrorKind::MissingRequired,
                    "missing required property `start_date`",
                ),
                (
                    "",
                    ErrorKind::MissingSchedule,
                    "missing replication schedule: give `frequency_in_minutes` (optionally with `anchor_time`) or `cron_expression`",
                ),
            ],
            "6 problems with the properties of platform.google-analytics:\n  /report_definitions/0/id: `report_definitions`: expected a string, found a number 1\n  /report_definitions/1: `report_definitions`: expected an object, found a number 2\n  /report_definitions/2/id: `report_definitions`: missing the key `id`\n  /report_definitions/2/name: `report_definitions`: expected a string, found a boolean false\n  /start_date: missing required property `start_date`\n  /: missing replication schedule: give `frequency_in_minutes` (optionally with `anchor_time`) or `cron_expression`",
        ),
        (
            "platform.impact",
            vec![
                (
                    "/model_id",
                    ErrorKind::WrongType,
                    "`model_id`: expected any of: an integer; a string matching ^\\d+, found a number 1.5: write it as \"1.5\"",
                ),
                (
                    "/account_sid",
                    ErrorKind::MissingRequired,
                    "missing required property `account_sid`",
                ),
                (
                    "/api_catalog",
                    ErrorKind::MissingRequired,
                    "missing required property `api_catalog`",
                ),
                (
                    "/auth_token",
                    ErrorKind::MissingRequired,
                    "missing required property `auth_token`",
                ),
                (
                    "/start_date",
                    ErrorKind::MissingRequired,
                    "missing required property `start_date`",
                ),
                (
                    "",
                    ErrorKind::MissingSchedule,
                    "missing replication schedule: give `frequency_in_minutes` (optionally with `anchor_time`) or `cron_expression`",
                ),
            ],
            "6 problems with the properties of platform.impact:\n  /model_id: `model_id`: expected any of: an integer; a string matching ^\\d+, found a number 1.5: write it as \"1.5\"\n  /account_sid: missing required property `account_sid`\n  /api_catalog: missing required property `api_catalog`\n  /auth_token: missing required property `auth_token`\n  /start_date: missing required property `start_date`\n  /: missing replication schedule: give `frequency_in_minutes` (optionally with `anchor_time`) or `cron_expression`",
        ),
        (
            "azure_sqldw",
            vec![
                (
                    "/azure_storage_sas_url",
                    ErrorKind::Format,
                    "`azure_storage_sas_url`: the value (a string, not shown: a credential) is not a valid uri",
                ),
                (
                    "/azure_storage_account_token",
                    ErrorKind::MissingRequired,
                    "missing required property `azure_storage_account_token`",
                ),
                (
                    "/database",
                    ErrorKind::MissingRequired,
                    "missing required property `database`",
                ),
                (
                    "/encryption_type",
                    ErrorKind::MissingRequired,
                    "missing required property `encryption_type`",
                ),
                (
                    "/host",
                    ErrorKind::MissingRequired,
                    "missing required property `host`",
                ),
                (
                    "/password",
                    ErrorKind::MissingRequired,
                    "missing required property `password`",
                ),
                (
                    "/port",
                    ErrorKind::MissingRequired,
                    "missing required property `port`",
                ),
                (
                    "/username",
                    ErrorKind::MissingRequired,
                    "missing required property `username`",
                ),
            ],
            "8 problems with the properties of azure_sqldw:\n  /azure_storage_sas_url: `azure_storage_sas_url`: the value (a string, not shown: a credential) is not a valid uri\n  /azure_storage_account_token: missing required property `azure_storage_account_token`\n  /database: missing required property `database`\n  /encryption_type: missing required property `encryption_type`\n  /host: missing required property `host`\n  /password: missing required property `password`\n  /port: missing required property `port`\n  /username: missing required property `username`",
        ),
    ]
}

#[test]
fn messages_are_exactly_as_before() {
    let cases = message_cases();
    let expected = expected_messages();
    assert_eq!(cases.len(), expected.len());
    for ((connection_type, properties), (expected_type, expected_errors, whole)) in
        cases.into_iter().zip(expected)
    {
        assert_eq!(connection_type, expected_type);
        let errors = errors(connection_type, &properties);
        let found: Vec<(&str, ErrorKind, String)> = errors
            .iter()
            .map(|e| (e.pointer(), e.kind(), e.to_string()))
            .collect();
        let expected_errors: Vec<(&str, ErrorKind, String)> = expected_errors
            .into_iter()
            .map(|(pointer, kind, message)| (pointer, kind, message.to_owned()))
            .collect();
        assert_eq!(found, expected_errors, "{connection_type}: {properties}");
        assert_eq!(errors.to_string(), whole, "{connection_type}: {properties}");
    }
}

#[test]
fn messages_are_rendered_once_and_stay_the_same() {
    for (connection_type, properties) in message_cases() {
        let errors = errors(connection_type, &properties);
        // The report renders each message without filling any cache...
        let whole = errors.to_string();
        for error in &errors {
            let rendered = error.to_string();
            let message = error.message();
            assert_eq!(message, rendered);
            // ...and the cached message is the same text, at the same address, every time.
            assert!(std::ptr::eq(message, error.message()));
            assert_eq!(error.to_string(), rendered);
            assert_eq!(format!("{error}"), message);
        }
        // Rendering the report again, with every message cached, says the same.
        assert_eq!(errors.to_string(), whole);
    }
}

#[test]
fn clones_compare_equal_whether_or_not_the_message_was_rendered() {
    for (connection_type, properties) in message_cases() {
        let original = errors(connection_type, &properties);
        let clone = original.clone();
        assert_eq!(clone, original);
        for (a, b) in original.iter().zip(clone.iter()) {
            assert_eq!(a, b);
            let _ = a.message();
            assert_eq!(a, b, "only the original rendered");
            assert_eq!(b, a);
            let late = a.clone();
            assert_eq!(&late, a, "a clone of a rendered error");
            let _ = b.message();
            assert_eq!(a, b, "both rendered");
        }
        assert_eq!(clone, original);
        // Two runs on the same input agree too.
        assert_eq!(errors(connection_type, &properties), original);
    }
    // Different problems differ.
    let a = errors("platform.recurly", &with(recurly(), "subdomain", json!(5)));
    let b = errors("platform.recurly", &with(recurly(), "subdomain", json!(6)));
    assert_ne!(a, b);
    assert_ne!(a.errors()[0], b.errors()[0]);
    let c = errors("platform.recurly", &with(recurly(), "api_key", json!(5)));
    let d = errors("platform.recurly", &with(recurly(), "api_key", json!(6)));
    // A credential's value is not shown, so two values of one JSON type say the same.
    assert_eq!(c, d);
}

#[test]
fn errors_are_plain_owned_values() {
    fn owned<T: Clone + PartialEq + Eq + std::fmt::Debug + Send + Sync + 'static>() {}
    owned::<ValidationErrors>();
    owned::<stitch_connect_schema::ValidationError>();
    // Debug shows the pointer, property, kind and message, and never a credential.
    let errors = errors(
        "platform.recurly",
        &with(
            with(recurly(), "api_key", json!(["hunter2"])),
            "subdomain",
            json!(5),
        ),
    );
    let debug = format!("{errors:?}");
    for needle in [
        "platform.recurly",
        "\"/subdomain\"",
        "Some(\"subdomain\")",
        "WrongType",
        "`subdomain`: expected a string, found a number 5",
        "`api_key`: expected a string, found an array",
    ] {
        assert!(debug.contains(needle), "{needle}: {debug}");
    }
    assert!(!debug.contains("hunter2"), "{debug}");
}

/// Each error's `user_message` is for the end user of a form: no property prefix, no value,
/// plain words.
#[test]
fn user_messages_are_for_people() {
    let postgres = json!({
        "host": "db.example.com", "port": "5432", "username": "u", "password": "p",
        "database": "d", "ssl": "true"
    });
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        (
            "platform.recurly",
            with(recurly(), "frequency_in_minutes", json!(60)),
            "frequency_in_minutes",
            "must be one of 1, 30, 60, 360, 720 or 1440, as a string",
        ),
        (
            "platform.recurly",
            with(recurly(), "frequency_in_minutes", json!("45")),
            "frequency_in_minutes",
            "must be one of 1, 30, 60, 360, 720 or 1440",
        ),
        (
            "platform.recurly",
            with(recurly(), "quota_limit", json!("abc")),
            "quota_limit",
            "must be a whole number or a string that starts with a digit",
        ),
        (
            "platform.recurly",
            with(recurly(), "anchor_time", json!("noon")),
            "anchor_time",
            "is not a valid date and time, like 2024-01-31T17:00:00Z",
        ),
        (
            "postgres",
            with(postgres.clone(), "host", json!("db..example..com")),
            "host",
            "is not a valid IPv4 address, IPv6 address or host name",
        ),
        (
            "postgres",
            with(postgres.clone(), "port", json!(5432)),
            "port",
            "must be a string of digits",
        ),
        (
            "postgres",
            with(postgres.clone(), "ssl", json!(true)),
            "ssl",
            "must be one of true or false, as a string",
        ),
        (
            "postgres",
            with(postgres.clone(), "pasword", json!("x")),
            "pasword",
            "is not a setting of postgres; did you mean `password`?",
        ),
        (
            "platform.recurly",
            {
                let mut object = recurly();
                object.as_object_mut().unwrap().remove("subdomain");
                object
            },
            "subdomain",
            "is required",
        ),
        (
            "platform.hubspot",
            json!({"start_date": "2024-01-01T00:00:00Z", "frequency_in_minutes": "30", "image_version": "1"}),
            "image_version",
            "is set by Stitch and cannot be sent",
        ),
    ];
    for (connection_type, properties, property, expected) in cases {
        let errors = errors(connection_type, &properties);
        let found: Vec<(Option<&str>, String)> = errors
            .iter()
            .map(|e| (e.property(), e.user_message()))
            .collect();
        assert!(
            found.contains(&(Some(property), expected.to_owned())),
            "{connection_type} {property}: {found:?}"
        );
    }
    // Every message of the pinned cases: no prefix naming the property, never its value.
    for (connection_type, properties) in message_cases() {
        for error in &errors(connection_type, &properties) {
            let message = error.user_message();
            assert!(!message.is_empty());
            if let Some(property) = error.property() {
                assert!(!message.starts_with(&format!("`{property}`")), "{message}");
            }
            if let Some(value) = properties.pointer(error.pointer()).and_then(Value::as_str)
                && value.len() > 3
            {
                assert!(!message.contains(value), "{message} shows {value}");
            }
        }
    }
}

/// A property whose value cannot change once set (`user_provided_immutable`) is given at
/// create and refused in an update, by the validator and by the typed update body.
#[test]
fn immutable_properties_are_refused_in_updates() {
    let immutable: Vec<(&str, &str)> = ConnectionType::all()
        .iter()
        .flat_map(|t| {
            t.properties()
                .iter()
                .filter(|p| p.is_immutable())
                .map(|p| (t.api_type(), p.name()))
        })
        .collect();
    let types: std::collections::BTreeSet<&str> = immutable.iter().map(|(t, _)| *t).collect();
    assert_eq!((immutable.len(), types.len()), (19, 17), "{immutable:?}");
    assert!(immutable.contains(&("platform.square", "sandbox")));

    let errors =
        validate_update_properties("platform.square", &json!({"sandbox": "true"})).unwrap_err();
    let kinds: Vec<_> = errors.iter().map(|e| (e.property(), e.kind())).collect();
    assert_eq!(kinds, [(Some("sandbox"), ErrorKind::Immutable)]);
    assert!(
        errors.to_string().contains("cannot change once set"),
        "{errors}"
    );
    // A create gives it: its absence is what a create refuses.
    let create = validate_properties("platform.square", &json!({})).unwrap_err();
    assert!(
        create
            .iter()
            .any(|e| e.property() == Some("sandbox") && e.kind() == ErrorKind::MissingRequired),
        "{create}"
    );
    // The typed update body has no such field and refuses the key.
    let typed = serde_json::from_value::<
        stitch_connect_schema::sources::platform_square::UpdateProperties,
    >(json!({"sandbox": "true"}))
    .unwrap_err()
    .to_string();
    assert!(typed.contains("cannot change once set"), "{typed}");
}
