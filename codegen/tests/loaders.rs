//! What the spec loaders keep and load: values that are valid but not known yet are kept and
//! reported as [`Notice`]s, valid inputs load with what they say, no truncated card panics, and
//! a spec tree on disk is read as its folders say. Broken inputs and their errors are the
//! fixtures of `malformed.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Debug;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{Value, json};
use stitch_codegen::import::reference::import_reference;
use stitch_codegen::model::json_schema;
use stitch_codegen::model::reference::{
    DocType, Kind, RefStep, Shape, ShapeField, Status, parse_connection_types, parse_connector,
};
use stitch_codegen::model::report_card::{PropertyType, ReportCard, StepType, parse_report_card};
use stitch_codegen::spec::{load_spec, parse_provenance};
use stitch_codegen::{Location, Notice, SpecError};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// Asserts that `result` is the error at `file` and `location` whose problem has every one of
/// `words`, and that its display names all three.
#[track_caller]
fn assert_error<T: Debug>(
    result: Result<T, SpecError>,
    file: &Path,
    location: Location,
    words: &[&str],
) -> SpecError {
    let error = match result {
        Ok(value) => panic!("expected an error at {location:?}, got Ok({value:?})"),
        Err(error) => error,
    };
    assert_eq!(error.file, file, "wrong file in {error}");
    assert_eq!(error.location, location, "wrong location in {error}");
    for word in words {
        assert!(
            error.problem.contains(word),
            "the problem {:?} does not say {word:?}",
            error.problem
        );
    }
    let shown = error.to_string();
    assert!(shown.starts_with(&file.display().to_string()), "{shown}");
    if location != Location::File {
        assert!(shown.contains(&location.to_string()), "{shown}");
    }
    assert!(shown.ends_with(&error.problem), "{shown}");
    error
}

/// A valid report-card property.
fn property(name: &str) -> Value {
    json!({
        "name": name,
        "is_required": true,
        "is_credential": false,
        "system_provided": false,
        "property_type": "user_provided",
        "json_schema": { "type": "string" },
        "provided": false
    })
}

/// A report card of type `warehouse` with these steps.
fn card(steps: Value) -> String {
    serde_json::to_string_pretty(&json!({
        "type": "warehouse",
        "current_step": 1,
        "current_step_type": "form",
        "steps": steps,
        "details": {
            "pricing_tier": "standard",
            "pipeline_state": "released",
            "protocol": "warehouse",
            "access": true
        }
    }))
    .unwrap()
}

/// A card with one `form` step holding `properties`.
fn form_card(properties: Value) -> String {
    card(json!([{ "type": "form", "properties": properties }]))
}

/// A card with one `form` step holding one property whose `json_schema` is `schema`.
fn schema_card(schema: Value) -> String {
    let mut prop = property("host");
    prop["json_schema"] = schema;
    form_card(json!([prop]))
}

fn card_file() -> PathBuf {
    PathBuf::from("spec/destination-types/warehouse/api-reference-list.json")
}

fn parse_card(text: &str) -> (Result<ReportCard, SpecError>, Vec<Notice>) {
    let mut notices = Vec::new();
    let result = parse_report_card(&card_file(), text, &mut notices);
    (result, notices)
}

fn path(text: &str) -> Location {
    Location::JsonPath(text.to_owned())
}

/// The API writes `null` for metadata it does not know: it loads as absent.
#[test]
fn card_metadata_null_loads_as_none() {
    let mut prop = property("host");
    prop["provided"] = Value::Null;
    prop["tap_mutable"] = Value::Null;
    let mut card: Value = serde_json::from_str(&form_card(json!([prop]))).unwrap();
    card["current_step"] = Value::Null;
    card["current_step_type"] = Value::Null;
    for key in [
        "pricing_tier",
        "pipeline_state",
        "default_start_date",
        "default_scheduling_interval",
        "protocol",
        "access",
    ] {
        card["details"][key] = Value::Null;
    }
    let (result, _) = parse_card(&card.to_string());
    let card = result.unwrap();
    assert_eq!((card.current_step, card.current_step_type), (None, None));
    let details = card.details.unwrap();
    assert_eq!(
        (
            details.pricing_tier,
            details.default_start_date,
            details.default_scheduling_interval,
            details.access
        ),
        (None, None, None, None)
    );
    let property = &card.steps[0].properties[0];
    assert_eq!((property.provided, property.tap_mutable), (None, None));
}

/// A step with nothing to configure may leave its properties out or `null`.
#[test]
fn card_step_without_properties_loads_empty() {
    let text = card(json!([
        {"type": "form", "properties": [property("host")]},
        {"type": "discover_schema"},
        {"type": "fully_configured", "properties": null}
    ]));
    let (result, _) = parse_card(&text);
    let card = result.unwrap();
    let counts: Vec<usize> = card.steps.iter().map(|s| s.properties.len()).collect();
    assert_eq!(counts, [1, 0, 0]);
}

#[test]
fn card_json_schema_null_is_accepted_as_no_schema() {
    let (result, notices) = parse_card(&schema_card(Value::Null));
    let card = result.unwrap();
    assert_eq!(card.steps[0].properties[0].json_schema, None);
    assert!(notices.is_empty(), "{notices:?}");
}

// ---------------------------------------------------------------------------------------------
// Report cards: unknown but valid values are kept and reported
// ---------------------------------------------------------------------------------------------

#[test]
fn card_unknown_property_type_is_kept_as_other_with_a_notice() {
    let mut prop = property("tenant_id");
    prop["property_type"] = json!("tenant_provided");
    let (result, notices) = parse_card(&form_card(json!([property("host"), prop])));
    let card = result.unwrap();
    assert_eq!(
        card.steps[0].properties[1].property_type,
        PropertyType::Other("tenant_provided".to_owned())
    );
    assert_eq!(
        card.steps[0].properties[1].property_type.as_str(),
        "tenant_provided"
    );
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0].file, card_file());
    assert_eq!(notices[0].path, "$.steps[0].properties[1].property_type");
    assert!(
        notices[0]
            .message
            .contains(r#"unknown property_type "tenant_provided""#)
    );
    assert!(notices[0].message.contains(r#""tenant_id""#));
}

#[test]
fn card_unknown_step_type_is_kept_as_other_with_a_notice() {
    let text = card(json!([
        { "type": "form", "properties": [property("host")] },
        { "type": "review", "properties": [] }
    ]));
    let (result, notices) = parse_card(&text);
    let card = result.unwrap();
    assert_eq!(
        card.steps[1].step_type,
        StepType::Other("review".to_owned())
    );
    assert_eq!(card.steps[1].step_type.as_str(), "review");
    assert_eq!(
        notices,
        vec![Notice {
            file: card_file(),
            path: "$.steps[1].type".to_owned(),
            message: r#"unknown step type "review" (kept as is)"#.to_owned(),
        }]
    );
}

#[test]
fn card_unknown_current_step_type_is_kept_with_a_notice() {
    let mut value: Value = serde_json::from_str(&form_card(json!([property("host")]))).unwrap();
    value["current_step_type"] = json!("review");
    let (result, notices) = parse_card(&value.to_string());
    let card = result.unwrap();
    assert_eq!(
        card.current_step_type,
        Some(StepType::Other("review".to_owned()))
    );
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0].path, "$.current_step_type");
    assert!(notices[0].message.contains(r#"unknown step type "review""#));
}

#[test]
fn card_schema_is_read_into_the_one_model_and_kept_raw() {
    let schema = json!({ "type": "string", "minLength": 1, "format": "hostname" });
    let (result, notices) = parse_card(&schema_card(schema.clone()));
    let card = result.unwrap();
    let parsed = card.steps[0].properties[0].json_schema.as_ref().unwrap();
    let json_schema::Schema::Keywords(keywords) = &parsed.document.root else {
        panic!("an object schema");
    };
    assert_eq!(keywords.types, Some(vec![json_schema::SchemaType::String]));
    assert_eq!(keywords.format, Some(json_schema::Format::Hostname));
    assert_eq!(keywords.min_length, Some(1));
    assert_eq!(parsed.raw, schema);
    assert!(notices.is_empty(), "{notices:?}");
}

#[test]
fn card_schema_keyword_or_format_draft_7_does_not_define_is_kept_with_a_notice() {
    let schema = json!({ "anyOf": [{ "type": "string" }, { "type": "integer", "minimumValue": 1, "format": "vendor" }] });
    let (result, notices) = parse_card(&schema_card(schema));
    let card = result.unwrap();
    let parsed = card.steps[0].properties[0].json_schema.as_ref().unwrap();
    let json_schema::Schema::Keywords(keywords) = &parsed.document.root else {
        panic!("an object schema");
    };
    let json_schema::Schema::Keywords(branch) = &keywords.any_of[1] else {
        panic!("an object schema");
    };
    let kept: Vec<&str> = branch.annotations.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(kept, ["minimumValue", "format"]);
    let paths: Vec<&str> = notices.iter().map(|n| n.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "$.steps[0].properties[0].json_schema.anyOf[1].minimumValue",
            "$.steps[0].properties[0].json_schema.anyOf[1].format"
        ],
        "{notices:?}"
    );
    assert!(
        notices[0].message.contains("not a draft-7 keyword"),
        "{notices:?}"
    );
    assert!(
        notices[1].message.contains("not one draft 7 defines"),
        "{notices:?}"
    );
}

#[test]
fn card_unknown_property_key_is_kept_in_extra_with_a_notice() {
    let mut prop = property("host");
    prop["ui_hint"] = json!({ "widget": "text" });
    let (result, notices) = parse_card(&form_card(json!([prop])));
    let card = result.unwrap();
    let extra = &card.steps[0].properties[0].extra;
    assert_eq!(extra.len(), 1);
    assert_eq!(extra[0].key, "ui_hint");
    assert_eq!(extra[0].path, "$.steps[0].properties[0].ui_hint");
    assert_eq!(extra[0].value, json!({ "widget": "text" }));
    assert_eq!(
        notices,
        vec![Notice {
            file: card_file(),
            path: "$.steps[0].properties[0].ui_hint".to_owned(),
            message: r#"unknown property key "ui_hint" (kept as is)"#.to_owned(),
        }]
    );
}

#[test]
fn card_unknown_keys_with_odd_characters_get_a_quoted_path() {
    let mut value: Value = serde_json::from_str(&form_card(json!([property("host")]))).unwrap();
    value["new key.v2"] = json!(1);
    value["details"]["sla"] = json!("gold");
    let (result, notices) = parse_card(&value.to_string());
    let card = result.unwrap();
    assert_eq!(card.extra.len(), 1);
    assert_eq!(card.extra[0].path, r#"$["new key.v2"]"#);
    assert_eq!(
        card.details.as_ref().unwrap().extra[0].path,
        "$.details.sla"
    );
    let paths: Vec<&str> = notices.iter().map(|n| n.path.as_str()).collect();
    assert_eq!(paths, vec!["$.details.sla", r#"$["new key.v2"]"#]);
    assert!(notices[0].message.contains(r#"unknown details key "sla""#));
    assert!(
        notices[1]
            .message
            .contains(r#"unknown report card key "new key.v2""#)
    );
}

// ---------------------------------------------------------------------------------------------
// Report cards: truncation never panics
// ---------------------------------------------------------------------------------------------

const REDSHIFT: &str =
    include_str!("../../spec/destination-types/redshift/api-reference-list.json");

#[test]
fn every_truncated_prefix_of_a_real_card_is_an_error_and_the_whole_card_loads() {
    let file = Path::new("spec/destination-types/redshift/api-reference-list.json");
    let closing = REDSHIFT.trim_end().len();
    let mut checked = 0;
    for cut in (0..closing).filter(|&cut| REDSHIFT.is_char_boundary(cut)) {
        let mut notices = Vec::new();
        let result = parse_report_card(file, &REDSHIFT[..cut], &mut notices);
        let error = match result {
            Ok(card) => panic!("the prefix of {cut} bytes loaded: {card:?}"),
            Err(error) => error,
        };
        assert_eq!(error.file, file, "prefix of {cut} bytes");
        assert_eq!(error.location, path("$"), "prefix of {cut} bytes");
        assert!(
            error.problem.starts_with("invalid JSON at line ") && error.problem.contains("EOF"),
            "prefix of {cut} bytes: {}",
            error.problem
        );
        checked += 1;
    }
    assert!(checked > 1000, "only {checked} prefixes");
    // With the closing brace, with or without the trailing newline, the card loads.
    for text in [&REDSHIFT[..closing], REDSHIFT] {
        let mut notices = Vec::new();
        let card = parse_report_card(file, text, &mut notices).unwrap();
        assert_eq!(card.connection_type, "redshift");
        assert!(!card.steps.is_empty());
        assert!(notices.is_empty(), "{notices:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Provenance sidecars
// ---------------------------------------------------------------------------------------------

fn provenance_file() -> PathBuf {
    PathBuf::from("spec/destination-types/warehouse/api-reference-list.provenance.json")
}

#[test]
fn provenance_that_is_valid_loads() {
    let text = r#"{"endpoint": "GET /v4/destination-types", "source": "docs", "captured_at": "2026-11-23", "notes": "n"}"#;
    let provenance = parse_provenance(&provenance_file(), text).unwrap();
    assert_eq!(provenance.endpoint, "GET /v4/destination-types");
    assert_eq!(provenance.captured_at, "2026-11-23");
    assert_eq!(provenance.notes.as_deref(), Some("n"));
}

// ---------------------------------------------------------------------------------------------
// Structured reference files
// ---------------------------------------------------------------------------------------------

fn connector_path() -> PathBuf {
    PathBuf::from("spec/reference/connectors/platform.acme.json")
}

/// A valid structured connector.
fn connector() -> Value {
    json!({
        "display_name": "Acme",
        "kind": "source",
        "api_type": "platform.acme",
        "intro": "Acme connections correspond to source type: platform.acme",
        "properties": [
            {
                "name": "api_key",
                "documented_type": ["STRING"],
                "status": "REQUIRED",
                "step": "form",
                "description": "The API key."
            },
            {
                "name": "port",
                "documented_type": ["STRING", "INTEGER"],
                "status": "OPTIONAL",
                "step": "form",
                "description": "The port."
            }
        ],
        "examples": [
            {
                "title": "Example Acme source connection property object with form properties",
                "step": "form",
                "raw": "{\"api_key\":\"<KEY>\"}",
                "value": { "api_key": "<KEY>" }
            }
        ]
    })
}

#[test]
fn connector_that_is_valid_loads() {
    let loaded = parse_connector(&connector_path(), &connector().to_string()).unwrap();
    assert_eq!(loaded.api_type, "platform.acme");
    assert_eq!(loaded.kind, Kind::Source);
    assert_eq!(
        loaded.properties[1].documented_type,
        vec![DocType::String, DocType::Integer]
    );
}

// ---------------------------------------------------------------------------------------------
// The raw-reference importer
// ---------------------------------------------------------------------------------------------

fn raw_path() -> PathBuf {
    PathBuf::from("spec/reference/connection-property-reference.txt")
}

/// A small valid capture: a two-row table, a source with form and OAuth sections and two form
/// examples, and a destination without sections. Line numbers are noted for the tests below.
const VALID_RAW: &str = "\
Connection property reference
Connection property name | Connection type | Connection property type |
---|---|---|
Acme | Source | platform.acme |
Warehouse | Destination | warehouse |
All connection property objects
The Acme source connection property object
Acme connections read data from the Acme API and correspond to source type: platform.acme
.
Acme source form properties
Form properties are used to complete the form
step in source configuration.
api_key
STRING REQUIRED |
The API key. |
options
OBJECT OPTIONAL |
Extra options,
spread over two lines. |
|
Example Acme source connection property object with form properties
{
\"api_key\":\"<KEY>\",
\"options\":{\"region\":\"eu\",\"retries\":3}
}
Example Acme source connection property object with form properties
{
\"api_key\":\"<KEY2>\",
\"options\":{\"region\":\"us\",\"verbose\":true}
}
Acme source OAuth properties
refresh_token
STRING REQUIRED |
The refresh token. |
Example Acme source connection property object with OAuth properties
{
\"refresh_token\":\"<TOKEN>\",
}
The Warehouse destination connection property object
Warehouse connections write data to a warehouse and correspond to destination type: warehouse.
port
STRING/INTEGER OPTIONAL |
The port. |
";

#[test]
fn raw_reference_that_is_valid_imports() {
    let imported = import_reference(&raw_path(), VALID_RAW).unwrap();
    let types: Vec<(&str, Kind, &str)> = imported
        .connection_types
        .iter()
        .map(|r| (r.display_name.as_str(), r.kind, r.api_type.as_str()))
        .collect();
    assert_eq!(
        types,
        vec![
            ("Acme", Kind::Source, "platform.acme"),
            ("Warehouse", Kind::Destination, "warehouse"),
        ]
    );
    assert_eq!(imported.connectors.len(), 2);

    let acme = &imported.connectors[0];
    assert_eq!(acme.display_name, "Acme");
    assert_eq!(acme.kind, Kind::Source);
    assert_eq!(acme.api_type, "platform.acme");
    assert_eq!(
        acme.intro,
        "Acme connections read data from the Acme API and correspond to source type: platform.acme\n."
    );
    assert!(acme.has_oauth());
    let props: Vec<(&str, RefStep, Status)> = acme
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.step, p.status))
        .collect();
    assert_eq!(
        props,
        vec![
            ("api_key", RefStep::Form, Status::Required),
            ("options", RefStep::Form, Status::Optional),
            ("refresh_token", RefStep::Oauth, Status::Required),
        ]
    );
    assert_eq!(acme.properties[0].documented_type, vec![DocType::String]);
    assert_eq!(acme.properties[0].description, "The API key.");
    assert_eq!(acme.properties[0].shape, None);
    assert_eq!(acme.properties[1].documented_type, vec![DocType::Object]);
    assert_eq!(
        acme.properties[1].description,
        "Extra options,\nspread over two lines."
    );
    // The OBJECT property's shape, merged from both form examples.
    assert_eq!(
        acme.properties[1].shape,
        Some(Shape::Object {
            fields: vec![
                ShapeField {
                    name: "region".to_owned(),
                    in_every_example: true,
                    shape: Shape::String,
                    description: None,
                },
                ShapeField {
                    name: "retries".to_owned(),
                    in_every_example: false,
                    shape: Shape::Integer,
                    description: None,
                },
                ShapeField {
                    name: "verbose".to_owned(),
                    in_every_example: false,
                    shape: Shape::Boolean,
                    description: None,
                },
            ],
        })
    );

    assert_eq!(acme.examples.len(), 3);
    assert_eq!(acme.examples[0].step, RefStep::Form);
    assert_eq!(
        acme.examples[0].value,
        Some(json!({ "api_key": "<KEY>", "options": { "region": "eu", "retries": 3 } }))
    );
    assert_eq!(acme.examples[0].parse_error, None);
    // The OAuth example has a trailing comma: kept as raw text with the parse error.
    assert_eq!(acme.examples[2].step, RefStep::Oauth);
    assert_eq!(acme.examples[2].value, None);
    assert_eq!(acme.examples[2].raw, "{\n\"refresh_token\":\"<TOKEN>\",\n}");
    let parse_error = acme.examples[2].parse_error.as_deref().unwrap();
    assert!(
        parse_error.contains("not valid JSON as captured (line 3 of the example"),
        "{parse_error}"
    );

    let warehouse = &imported.connectors[1];
    assert_eq!(warehouse.kind, Kind::Destination);
    assert_eq!(warehouse.api_type, "warehouse");
    assert!(!warehouse.has_oauth());
    assert_eq!(warehouse.properties.len(), 1);
    assert_eq!(warehouse.properties[0].name, "port");
    assert_eq!(warehouse.properties[0].step, RefStep::Form);
    assert_eq!(
        warehouse.properties[0].documented_type,
        vec![DocType::String, DocType::Integer]
    );
    assert!(warehouse.examples.is_empty());

    // What the importer writes loads back through the structured loaders.
    for (file, text) in imported.files() {
        if file == Path::new("connection-types.json") {
            assert_eq!(
                parse_connection_types(&file, &text).unwrap(),
                imported.connection_types
            );
        } else {
            let connector = parse_connector(&file, &text).unwrap();
            assert!(imported.connectors.contains(&connector), "{file:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// load_spec on a spec tree built on disk
// ---------------------------------------------------------------------------------------------

/// A spec tree under the temporary folder, removed when dropped.
struct TempSpec {
    root: PathBuf,
}

impl TempSpec {
    /// A minimal valid tree: one destination type `warehouse` with one capture, an empty
    /// `source-types/`, a one-row connection type table and its connector file, and no
    /// resolutions.
    fn new(test: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let root = std::env::temp_dir().join(format!(
            "stitch-codegen-malformed-{}-{}-{test}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        if root.exists() {
            fs::remove_dir_all(&root).unwrap();
        }
        let spec = TempSpec { root };
        fs::create_dir_all(spec.path("source-types")).unwrap();
        // `load_spec` reads `resolutions.json` (an array of resolved disagreements) too.
        spec.write("resolutions.json", "[]\n");
        spec.write(
            "curation.json",
            r#"{"credentials": {"names": [], "description_contains": [], "reason": "none"}, "prose_constraints": [], "examples": []}"#,
        );
        spec.write(
            "destination-types/warehouse/api-reference-list.json",
            &form_card(json!([property("host")])),
        );
        spec.write(
            "destination-types/warehouse/api-reference-list.provenance.json",
            r#"{"endpoint": "GET /v4/destination-types", "source": "a test", "captured_at": "2026-11-23"}"#,
        );
        spec.write(
            "reference/connection-types.json",
            &json!([
                { "display_name": "Warehouse", "kind": "destination", "api_type": "warehouse" }
            ])
            .to_string(),
        );
        spec.write(
            "reference/connectors/warehouse.json",
            &json!({
                "display_name": "Warehouse",
                "kind": "destination",
                "api_type": "warehouse",
                "intro": "Warehouse connections correspond to destination type: warehouse",
                "properties": [{
                    "name": "host",
                    "documented_type": ["STRING"],
                    "status": "REQUIRED",
                    "step": "form",
                    "description": "The host."
                }],
                "examples": []
            })
            .to_string(),
        );
        spec
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    fn write(&self, relative: &str, text: &str) {
        let file = self.path(relative);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, text).unwrap();
    }
}

impl Drop for TempSpec {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

#[test]
fn spec_tree_that_is_minimal_and_valid_loads() {
    let spec = TempSpec::new("valid");
    let loaded = load_spec(&spec.root).unwrap();
    assert_eq!(loaded.captures.len(), 1);
    assert_eq!(loaded.captures[0].kind, Kind::Destination);
    assert_eq!(loaded.captures[0].name, "api-reference-list");
    assert_eq!(
        loaded.captures[0].file,
        spec.path("destination-types/warehouse/api-reference-list.json")
    );
    assert_eq!(loaded.captures[0].provenance.captured_at, "2026-11-23");
    assert_eq!(loaded.connection_types.len(), 1);
    assert_eq!(loaded.connectors.len(), 1);
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    let root = spec.root.clone();
    drop(spec);
    assert!(!root.exists());
}

#[test]
fn spec_tree_with_an_empty_type_folder_is_an_error_about_the_folder() {
    let spec = TempSpec::new("empty-type");
    fs::create_dir_all(spec.path("source-types/platform.acme")).unwrap();
    assert_error(
        load_spec(&spec.root),
        &spec.path("source-types/platform.acme"),
        Location::File,
        &["without any capture"],
    );
}

#[test]
fn spec_tree_without_source_types_loads_with_no_source_cards() {
    let spec = TempSpec::new("no-sources");
    fs::remove_dir(spec.path("source-types")).unwrap();
    let loaded = load_spec(&spec.root).unwrap();
    assert!(
        loaded
            .captures
            .iter()
            .all(|c| c.card.connection_type == "warehouse")
    );
    assert_eq!(loaded.captures.len(), 1);
}

#[test]
fn spec_tree_card_not_in_the_table_is_kept_with_a_notice() {
    let spec = TempSpec::new("not-in-table");
    let mut value: Value = serde_json::from_str(&form_card(json!([property("host")]))).unwrap();
    value["type"] = json!("lakehouse");
    fs::rename(
        spec.path("destination-types/warehouse"),
        spec.path("destination-types/lakehouse"),
    )
    .unwrap();
    spec.write(
        "destination-types/lakehouse/api-reference-list.json",
        &value.to_string(),
    );
    let loaded = load_spec(&spec.root).unwrap();
    assert_eq!(loaded.captures[0].card.connection_type, "lakehouse");
    assert_eq!(
        loaded.notices,
        vec![Notice {
            file: spec.path("destination-types/lakehouse/api-reference-list.json"),
            path: "$.type".to_owned(),
            message: r#""lakehouse" is not in the reference's connection type table (kept; the card is the truth)"#
                .to_owned(),
        }]
    );
}

// Regressions: inputs that used to mislead the importer.

#[test]
fn raw_reference_with_the_connectors_heading_also_before_the_table_imports() {
    let text = format!("All connection property objects\n{VALID_RAW}");
    let imported = import_reference(&raw_path(), &text).unwrap();
    let expected = import_reference(&raw_path(), VALID_RAW).unwrap();
    assert_eq!(imported, expected);
    assert_eq!(imported.connectors.len(), 2);
}

/// A real leap day is a date (the impossible ones are fixtures of `malformed.rs`).
#[test]
fn provenance_with_a_leap_day_loads() {
    let leap_day =
        r#"{"endpoint": "GET /v4/source-types", "source": "docs", "captured_at": "2024-02-29"}"#;
    assert!(parse_provenance(&provenance_file(), leap_day).is_ok());
}

/// A deprecated type's card, as the documented list gives it: no steps, the replacing type in
/// `upgrade_available` (keys beside its `type` are kept, with a notice).
#[test]
fn card_of_a_deprecated_type_loads_without_steps_with_its_replacement() {
    let text = r#"{"type": "adroll", "details": {"pipeline_state": "deprecated"},
        "upgrade_available": {"type": "platform.adroll", "since": "v2"}}"#;
    let (result, notices) = parse_card(text);
    let card = result.unwrap();
    assert!(card.steps.is_empty());
    let upgrade = card.upgrade_available.unwrap();
    assert_eq!(upgrade.connection_type, "platform.adroll");
    assert_eq!(upgrade.extra.len(), 1);
    assert_eq!(upgrade.extra[0].key, "since");
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0].path, "$.upgrade_available.since");
    let (result, _) = parse_card(r#"{"type": "x", "upgrade_available": null}"#);
    assert_eq!(result.unwrap().upgrade_available, None);
}
