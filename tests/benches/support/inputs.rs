#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The objects the benchmarks measure, and the JSON Schema a user would compile from the same
//! report card. For `platform.recurly`, `platform.hubspot`, `postgres` and `s3`, one valid
//! properties object written here (every value a string, as the guides send them) and one
//! invalid one (three problems); for every other carded type, its documented example and the
//! same with three injected faults ([`catalog`]).

use std::sync::LazyLock;

use serde_json::{Map, Value, json};
use stitch_codegen::normalize::merge::MergedCard;

/// The connection types measured one by one: the four of the first sessions, a database
/// source, Salesforce, one with nested objects in an array (`items`, `properties`), and the
/// one whose card uses `enum` (no card uses `$ref`).
pub const TYPES: &[&str] = &[
    "platform.recurly",
    "platform.hubspot",
    "postgres",
    "s3",
    "platform.mysql",
    "platform.salesforce",
    "platform.google-analytics",
    "platform.impact",
];

/// One carded type's inputs.
pub struct CatalogInput {
    /// Its API type.
    pub api_type: &'static str,
    /// The schema a user would compile from its card ([`card_schema`]).
    pub schema: Value,
    /// Its documented example (less the read-only properties it shows), which both
    /// validators accept.
    pub valid: Value,
    /// The example with three faults ([`with_faults`]), which both refuse.
    pub invalid: Value,
}

/// Every carded type with a documented example of its form that its card accepts, in API type
/// order.
pub static CATALOG: LazyLock<Vec<CatalogInput>> = LazyLock::new(catalog);

fn catalog() -> Vec<CatalogInput> {
    let spec =
        stitch_codegen::load_spec(&stitch_tests::spec_root()).unwrap_or_else(|e| panic!("{e}"));
    let cards =
        stitch_codegen::normalize::merge::merge_captures(&spec).unwrap_or_else(|e| panic!("{e}"));
    let ir = stitch_codegen::normalize::build_ir::build_ir(&spec, &cards)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut inputs = Vec::new();
    for card in &cards {
        let api_type = card.card.connection_type.as_str();
        let Some(connector) = ir.connectors.iter().find(|c| c.api_type == api_type) else {
            continue;
        };
        let schema = card_schema_of(card);
        // The properties Stitch sets, which some examples show: left out, as a request must.
        let read_only: Vec<&str> = card
            .card
            .steps
            .iter()
            .flat_map(|s| &s.properties)
            .filter(|p| p.property_type.as_str() == "read_only")
            .map(|p| p.name.as_str())
            .collect();
        let Some(valid) = connector
            .examples
            .iter()
            .filter(|e| e.rejected.is_none())
            .filter_map(|e| serde_json::from_str::<Value>(&e.json).ok())
            .map(|mut v| {
                if let Some(map) = v.as_object_mut() {
                    map.retain(|k, _| !read_only.contains(&k.as_str()));
                }
                v
            })
            .find(|v| peer(&schema).is_valid(v))
        else {
            continue;
        };
        let invalid = with_faults(&schema, &valid);
        inputs.push(CatalogInput {
            api_type: Box::leak(api_type.to_owned().into_boxed_str()),
            schema,
            valid,
            invalid,
        });
    }
    inputs.sort_by_key(|i| i.api_type);
    inputs
}

/// The peer: `jsonschema`'s draft 7 validator of `schema`, formats asserted.
pub fn peer(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The inputs of one carded type.
pub fn catalog_input(connection_type: &str) -> &'static CatalogInput {
    CATALOG
        .iter()
        .find(|i| i.api_type == connection_type)
        .unwrap_or_else(|| panic!("no documented example of {connection_type} its card accepts"))
}

/// `valid` with three faults, of the kinds the four hand-written invalid objects have: a value
/// its property's schema refuses (a pattern, format or enum), a string property given a JSON
/// boolean, and a required property left out. Where the example has no property of a kind, a
/// key the card does not list stands in.
pub fn with_faults(schema: &Value, valid: &Value) -> Value {
    const REFUSED: &str = "<not a value>";
    let mut object = valid.as_object().cloned().unwrap_or_default();
    let property = |key: &str| &schema["properties"][key];
    let keys: Vec<String> = object.keys().cloned().collect();
    let mut faulted: Vec<String> = Vec::new();
    // A value its schema refuses.
    let refused = keys.iter().find(|k| {
        let constrained = ["pattern", "format", "enum"]
            .iter()
            .any(|word| property(k).get(*word).is_some());
        constrained && !peer(property(k)).is_valid(&json!(REFUSED))
    });
    match refused {
        Some(key) => {
            object.insert(key.clone(), json!(REFUSED));
            faulted.push(key.clone());
        }
        None => {
            object.insert("not_a_property".to_owned(), json!("x"));
        }
    }
    // A string property given a boolean.
    let string = keys
        .iter()
        .find(|k| !faulted.contains(k) && property(k)["type"] == "string");
    match string {
        Some(key) => {
            object.insert(key.clone(), json!(true));
            faulted.push(key.clone());
        }
        None => {
            object.insert("not_a_property_either".to_owned(), json!("x"));
        }
    }
    // A required property left out.
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let left_out = keys
        .iter()
        .find(|k| !faulted.contains(k) && required.contains(&k.as_str()));
    match left_out {
        Some(key) => {
            object.remove(key);
        }
        None => {
            object.insert("not_a_property_at_all".to_owned(), json!("x"));
        }
    }
    Value::Object(object)
}

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
        // No documented example: the connector page's is for another version of the card.
        "platform.mysql" => json!({
            "host": "db-primary.internal.example.com",
            "port": "3306",
            "user": "stitch",
            "password": "correct horse battery staple",
            "database": "app_production",
            "ssl": "true",
            "ssh": "false",
            "use_log_based_replication": "true",
            "server_id": "5400",
            "frequency_in_minutes": "60"
        }),
        // Its documented example has no `api_catalog`, which the card requires.
        "platform.impact" => json!({
            "account_sid": "IRAbCdEf1234567890",
            "api_catalog": "Advertisers",
            "auth_token": "impact-auth-token-1234567890",
            "frequency_in_minutes": "60",
            "model_id": "12345",
            "start_date": "2024-01-01T00:00:00Z"
        }),
        other => catalog_input(other).valid.clone(),
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
        "platform.mysql" => {
            map.insert("ssl".into(), json!("yes"));
            map.insert("server_id".into(), json!(5400));
            map.remove("user");
        }
        "platform.impact" => {
            map.insert("api_catalog".into(), json!("Publishers"));
            map.insert("model_id".into(), json!(true));
            map.remove("account_sid");
        }
        other => return catalog_input(other).invalid.clone(),
    }
    object
}

/// The JSON Schema of the whole properties object, as a user would assemble it from the report
/// card: each settable property's `json_schema`, the required user-provided properties, no
/// others.
pub fn card_schema(connection_type: &str) -> Value {
    let spec =
        stitch_codegen::load_spec(&stitch_tests::spec_root()).unwrap_or_else(|e| panic!("{e}"));
    let cards =
        stitch_codegen::normalize::merge::merge_captures(&spec).unwrap_or_else(|e| panic!("{e}"));
    let card = cards
        .iter()
        .find(|c| c.card.connection_type == connection_type)
        .unwrap_or_else(|| panic!("no card for {connection_type}"));
    card_schema_of(card)
}

/// [`card_schema`] of a merged card.
pub fn card_schema_of(card: &MergedCard) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for step in &card.card.steps {
        // A read-only property is Stitch's to set: `validate_properties` refuses it whatever
        // its value, as a schema without it (and no other keys) does.
        for property in step
            .properties
            .iter()
            .filter(|p| p.property_type.as_str() != "read_only")
        {
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
