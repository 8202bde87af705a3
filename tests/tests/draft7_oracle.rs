#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The synthetic draft-7 card set (`tests/draft7/schemas.json`): one report card whose form
//! has a property per schema, covering every draft-7 keyword and each format the crate
//! asserts, alone and combined (nested `anyOf` inside `items` inside `properties`, `$ref`
//! chains and recursion, `enum` with non-string members, `const`, `not`, `if`/`then`/`else`).
//! It is regenerated into a crate of its own, which must compile without warnings and pass
//! its generated tests and an oracle test: for every schema, 10,000 seeded values judged by
//! `validate_properties`, by typed deserialization and by `jsonschema` (draft 7, formats
//! asserted), with no disagreement.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use stitch_codegen::generate;
use stitch_codegen::load_spec;

const API_TYPE: &str = "platform.draft7";

fn write(root: &Path, relative: &str, value: &Value) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, serde_json::to_string_pretty(value).unwrap()).unwrap();
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("stitch-draft7-{name}-{}", std::process::id()))
}

/// A spec of one source whose form has a property per synthetic schema.
fn synthetic_spec(root: &Path, cases: &[Value]) {
    let properties: Vec<Value> = cases
        .iter()
        .map(|case| {
            json!({
                "name": case["name"],
                "is_required": false,
                "is_credential": case.get("credential").cloned().unwrap_or(json!(false)),
                "system_provided": false,
                "property_type": "user_provided",
                "json_schema": case["schema"],
                "provided": false
            })
        })
        .collect();
    write(
        root,
        &format!("source-types/{API_TYPE}/capture.json"),
        &json!({
            "type": API_TYPE,
            "steps": [{"type": "form", "properties": properties}, {"type": "fully_configured", "properties": []}]
        }),
    );
    write(
        root,
        &format!("source-types/{API_TYPE}/capture.provenance.json"),
        &json!({"endpoint": format!("GET /v4/source-types/{API_TYPE}"), "source": "a test", "captured_at": "2026-12-04"}),
    );
    stitch_tests::write_spec_scaffold(root);
}

/// The oracle test written into the generated crate: it includes the seeded generators of
/// this crate by path.
fn oracle_test(workspace: &Path, schemas: &Path) -> String {
    let source = |file: &str| workspace.join("tests/src").join(file).display().to_string();
    format!(
        r####"#![allow(clippy::unwrap_used)]
#[path = {rng:?}]
mod rng;
pub use rng::Rng;
#[path = {values:?}]
#[allow(dead_code)]
mod values;
#[path = {schema_values:?}]
mod schema_values;

use serde_json::{{Map, Value}};
use stitch_connect_schema::sources::platform_draft7::FormProperties;

#[test]
fn every_schema_agrees_with_the_oracle() {{
    let cases: Vec<Value> = serde_json::from_str(include_str!({schemas:?})).unwrap();
    let mut rng = Rng(0xD7A1_7E57);
    let per_schema = 10_000;
    let mut failures = Vec::new();
    let mut report = Vec::new();
    for case in &cases {{
        let name = case["name"].as_str().unwrap();
        let schema = &case["schema"];
        let oracle = jsonschema::draft7::options()
            .should_validate_formats(true)
            .build(schema)
            .unwrap();
        let harvest = schema_values::Harvest::of(schema);
        let mut accepted = 0;
        let mut shown = 0;
        for _ in 0..per_schema {{
            let value = harvest.value(&mut rng, 0);
            let expected = oracle.is_valid(&value);
            let mut object = Map::new();
            object.insert(name.to_owned(), value.clone());
            let object = Value::Object(object);
            let validated = stitch_connect_schema::validate_properties({api_type:?}, &object).is_ok();
            let typed = serde_json::from_value::<FormProperties>(object).is_ok();
            accepted += usize::from(expected);
            if (validated != expected || typed != expected) && shown < 5 {{
                shown += 1;
                failures.push(format!(
                    "{{name}} {{schema}}: {{value}} (oracle {{expected}}, validate_properties {{validated}}, typed {{typed}})"
                ));
            }}
        }}
        // A credential's refused value shows in no error, typed or not.
        if case["credential"].as_bool() == Some(true) {{
            let mut refused = 0;
            for marker in ["zz-s3cr3t-7f1c", "sk_7f1c", "SK_s3cr3t_7f1c", "sk_s3cr3t_7f1c"] {{
                let object: Value = serde_json::json!({{ name: marker }});
                let validation = stitch_connect_schema::validate_properties({api_type:?}, &object);
                let typing = serde_json::from_value::<FormProperties>(object);
                if validation.is_ok() && typing.is_ok() {{
                    continue;
                }}
                refused += 1;
                let errors = format!(
                    "{{:?}} {{:?}} {{}}",
                    validation.err(),
                    typing.as_ref().err(),
                    typing.as_ref().err().map(ToString::to_string).unwrap_or_default()
                );
                if errors.contains(marker) {{
                    failures.push(format!("{{name}}: the credential {{marker:?}} shows in {{errors}}"));
                }}
            }}
            if refused == 0 {{
                failures.push(format!("{{name}}: no marker refused, nothing shown to be hidden"));
            }}
        }}
        // Both sides of the schema are reached.
        if accepted == 0 || accepted == per_schema {{
            failures.push(format!("{{name}}: {{accepted}}/{{per_schema}} valid: one side never reached"));
        }}
        report.push(format!("{{name}}: {{accepted}}/{{per_schema}} valid"));
    }}
    println!("{{}}", report.join("\n"));
    assert!(failures.is_empty(), "{{}}", failures.join("\n"));
}}

/// The struct of the credential object schema `secret_login` says what is wrong with a value,
/// never the value, in its own errors (serde's messages quote it).
#[test]
fn a_struct_a_credential_holds_quotes_no_value() {{
    use stitch_connect_schema::common::SecretLogin;
    for value in [
        serde_json::json!("zz-s3cr3t-7f1c"),
        serde_json::json!({{"user": 7_654_321}}),
        serde_json::json!({{"user": "u", "other": "zz-s3cr3t-7f1c"}}),
    ] {{
        let error = serde_json::from_value::<SecretLogin>(value).unwrap_err();
        let shown = format!("{{error}} {{error:?}}");
        assert!(!shown.contains("zz-s3cr3t-7f1c") && !shown.contains("7654321"), "{{shown}}");
        assert!(shown.contains("not shown"), "{{shown}}");
    }}
    let login: SecretLogin = serde_json::from_value(serde_json::json!({{"user": "u", "token": "abcd"}})).unwrap();
    assert_eq!(login.user, "u");
}}
"####,
        rng = source("rng.rs"),
        values = source("values.rs"),
        schema_values = source("schema_values.rs"),
        schemas = schemas.display().to_string(),
        api_type = API_TYPE,
    )
}

#[test]
fn the_synthetic_draft_7_set_compiles_and_agrees_with_the_oracle() {
    let workspace = stitch_tests::workspace_root();
    let schemas = workspace.join("tests/draft7/schemas.json");
    let cases: Vec<Value> = serde_json::from_str(&fs::read_to_string(&schemas).unwrap()).unwrap();
    let spec_root = temp("spec");
    let _ = fs::remove_dir_all(&spec_root);
    synthetic_spec(&spec_root, &cases);
    let spec = load_spec(&spec_root).unwrap();
    let files = generate(&spec).unwrap();
    let crate_root = temp("crate");
    stitch_tests::write_generated_crate(&files, &crate_root);
    // The oracle, as the workspace's tests use it: with IDNA, and the crate with `idn` in its
    // default features, so that `idn-hostname` and `idn-email` are asserted on both sides.
    let manifest = crate_root.join("Cargo.toml");
    let mut text = fs::read_to_string(&manifest)
        .unwrap()
        .replace("default = [", "default = [\"idn\", ");
    text.push_str(
        "\n[dev-dependencies]\njsonschema = { version = \"0.61\", default-features = false, \
         features = [\"idna\"] }\n",
    );
    fs::write(&manifest, text).unwrap();
    fs::create_dir_all(crate_root.join("tests")).unwrap();
    fs::write(
        crate_root.join("tests/oracle.rs"),
        oracle_test(&workspace, &schemas),
    )
    .unwrap();
    let stdout = stitch_tests::test_generated_crate(
        &crate_root,
        &["--quiet", "--lib", "--test", "oracle", "--", "--nocapture"],
    );
    println!("{stdout}");
    let _ = fs::remove_dir_all(&crate_root);
    let _ = fs::remove_dir_all(&spec_root);
}
