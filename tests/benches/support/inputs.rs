#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The objects the benchmarks measure: for `platform.recurly`, `platform.hubspot`, `postgres`
//! and `s3`, one valid properties object (every value a string, as the guides send them) and
//! one invalid one (three or more problems), and the JSON Schema a user would compile from the
//! same report card.

use serde_json::{Map, Value, json};

/// The connection types measured.
pub const TYPES: &[&str] = &["platform.recurly", "platform.hubspot", "postgres", "s3"];

/// A valid properties object of `connection_type`.
pub fn valid(connection_type: &str) -> Value {
    match connection_type {
        "platform.recurly" => json!({
            "frequency_in_minutes": "60",
            "anchor_time": "2018-04-30T17:00:00Z",
            "start_date": "2018-01-10T00:00:00Z",
            "api_key": "recurly-api-key-1234567890",
            "subdomain": "stitchdata",
            "quota_limit": "30"
        }),
        "platform.hubspot" => json!({
            "frequency_in_minutes": "30",
            "start_date": "2024-01-01T00:00:00Z",
            "include_inactives": "true",
            "require_content_scope": "false",
            "email_chunk_size": "500",
            "subscription_chunk_size": "1000"
        }),
        "postgres" => json!({
            "database": "app_production",
            "encryption_type": "ssh",
            "encryption_host": "bastion.example.com",
            "encryption_port": "22",
            "encryption_username": "tunnel",
            "host": "db-primary.internal.example.com",
            "password": "correct horse battery staple",
            "port": "5432",
            "ssl": "true",
            "sslrootcert": "-----BEGIN CERTIFICATE-----",
            "username": "stitch"
        }),
        "s3" => json!({
            "csv_delimiter": ",",
            "csv_force_quote": "true",
            "output_file_format": "jsonl",
            "s3_bucket": "com-example-stitch",
            "s3_key_format_string": "_stitch/{integration}/{table}/{table_batch_timestamp}",
            "sentinel_key": "stitch-challenge-file-7a1b2c3d"
        }),
        other => panic!("no input for {other}"),
    }
}

/// An invalid properties object of `connection_type`: a bad enum or pattern value, a wrong
/// JSON type and a missing required property.
pub fn invalid(connection_type: &str) -> Value {
    let mut object = valid(connection_type);
    let map = object.as_object_mut().unwrap_or_else(|| panic!("object"));
    match connection_type {
        "platform.recurly" => {
            map.insert("frequency_in_minutes".into(), json!("45"));
            map.insert("quota_limit".into(), json!(true));
            map.remove("subdomain");
        }
        "platform.hubspot" => {
            map.insert("start_date".into(), json!("2024-01-01T00:00:01Z"));
            map.insert("include_inactives".into(), json!(true));
            map.remove("frequency_in_minutes");
        }
        "postgres" => {
            map.insert("host".into(), json!("-not a host-"));
            map.insert("port".into(), json!(5432));
            map.remove("username");
        }
        "s3" => {
            map.insert("output_file_format".into(), json!("parquet"));
            map.insert("csv_force_quote".into(), json!(true));
            map.remove("s3_bucket");
        }
        other => panic!("no input for {other}"),
    }
    object
}

/// The JSON Schema of the whole properties object, as a user would assemble it from the report
/// card: each property's `json_schema`, the required user-provided properties, no others.
pub fn card_schema(connection_type: &str) -> Value {
    let spec =
        stitch_codegen::load_spec(&stitch_tests::spec_root()).unwrap_or_else(|e| panic!("{e}"));
    let cards =
        stitch_codegen::normalize::merge::merge_captures(&spec).unwrap_or_else(|e| panic!("{e}"));
    let card = cards
        .iter()
        .find(|c| c.card.connection_type == connection_type)
        .unwrap_or_else(|| panic!("no card for {connection_type}"));
    let mut properties = Map::new();
    let mut required = Vec::new();
    for step in &card.card.steps {
        for property in &step.properties {
            let schema = property
                .json_schema
                .as_ref()
                .map_or(json!({}), |s| s.raw.clone());
            properties.insert(property.name.clone(), schema);
            let user_provided = property.property_type.as_str() == "user_provided";
            if step.step_type.as_str() == "form"
                && property.is_required
                && user_provided
                && !property.system_provided
            {
                required.push(json!(property.name));
            }
        }
    }
    let mut schema = json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false
    });
    // A source with schedule properties needs one (the create-source guide's rule).
    let scheduled = card.kind == stitch_codegen::model::reference::Kind::Source
        && schema["properties"].get("frequency_in_minutes").is_some()
        && schema["properties"].get("cron_expression").is_some();
    if scheduled {
        schema["anyOf"] =
            json!([{"required": ["frequency_in_minutes"]}, {"required": ["cron_expression"]}]);
    }
    schema
}
