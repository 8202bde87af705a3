#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The generator on report cards unlike today's: hostile names, every `property_type`, unknown
//! step types, `json_schema: null`, patterns that need the general matcher. The generated crate
//! must compile and pass its own generated tests (round trips, secrets audit); schemas the
//! generator cannot enforce must be refused with the file, the path and the keyword, never
//! dropped.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use stitch_codegen::generate;
use stitch_codegen::load_spec;

fn property(
    name: &str,
    property_type: &str,
    required: bool,
    credential: bool,
    schema: Value,
) -> Value {
    json!({
        "name": name, "is_required": required, "is_credential": credential,
        "system_provided": false, "property_type": property_type, "json_schema": schema
    })
}

fn write(root: &Path, relative: &str, value: &Value) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, serde_json::to_string_pretty(value).unwrap()).unwrap();
}

/// A spec with one hostile source card; `extra` is added to its form step.
fn hostile_spec(root: &Path, extra: Option<Value>) {
    let _ = fs::remove_dir_all(root);
    let mut form = vec![
        property(
            "3d_model",
            "user_provided",
            true,
            false,
            json!({"type": "string"}),
        ),
        property(
            "api-key",
            "user_provided",
            true,
            true,
            json!({"type": "string"}),
        ),
        property(
            "type",
            "user_provided",
            false,
            false,
            json!({"type": "string", "pattern": "^(a|b-c|3)$"}),
        ),
        property("self", "user_provided", false, false, json!(null)),
        property("a.b", "read_only", false, false, json!({"type": "integer"})),
        property(
            "Mixed_Case",
            "system_provided_by_default",
            true,
            true,
            json!({"type": "string", "pattern": "^[a-z]+(-[a-z]+)*$"}),
        ),
        property(
            "future",
            "a_property_type_from_the_future",
            false,
            false,
            json!({"type": "boolean"}),
        ),
        property(
            "endpoint",
            "user_provided",
            false,
            false,
            json!({"anyOf": [
                {"type": "string", "format": "ipv4"}, {"type": "string", "format": "ipv6"}, {"type": "string", "format": "hostname"}
            ]}),
        ),
        property(
            "frequency_in_minutes",
            "user_provided",
            false,
            false,
            json!({"type": "string", "pattern": "^1$|^30$|^60$|^360$|^720$|^1440$"}),
        ),
        property(
            "anchor_time",
            "user_provided",
            false,
            false,
            json!({"type": "string", "format": "date-time"}),
        ),
        property(
            "cron_expression",
            "user_provided",
            false,
            false,
            json!({"type": "string"}),
        ),
        // Every kind of text in a name: quotes, braces, a block-comment end, `#`, a newline,
        // a backslash, non-ASCII, a keyword.
        property(
            "we\"ird {name} */ #x\n\\ é fn",
            "user_provided",
            false,
            false,
            json!({"type": "string"}),
        ),
        // A JSON Schema integer: `1.0` and numbers past 64 bits are integers too.
        property(
            "retries",
            "user_provided",
            false,
            false,
            json!({"type": "integer"}),
        ),
        // Pattern text reaches messages and docs: counted repetitions (`{12}` is a format
        // argument if pasted into a format string), quotes, backslashes, braces.
        property(
            "account_id",
            "user_provided",
            false,
            false,
            json!({"type": "string", "pattern": "^[0-9]{12}$"}),
        ),
        property(
            "quoted",
            "user_provided",
            false,
            false,
            json!({"type": "string", "pattern": "^\\{\"[a-z]{2,}\\}\\\\*/#$"}),
        ),
        // Lookarounds and word boundaries: a matcher program with sub-programs, in const too.
        property(
            "looking",
            "user_provided",
            false,
            false,
            json!({"type": "string", "pattern": "^(?<!x)\\bkey_(?=[a-z])(?<name>[a-z]+)\\b$"}),
        ),
        // Schemas without a narrower Rust type: values checked against the whole schema.
        property(
            "limits",
            "user_provided",
            false,
            false,
            json!({"type": "integer", "minimum": 1, "maximum": 10, "description": "{x} \"*/"}),
        ),
        property(
            "tree",
            "user_provided",
            false,
            false,
            json!({
                "definitions": {"node \"{x}\"": {"type": "object", "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "children": {"type": "array", "items": {"$ref": "#/definitions/node \"{x}\""}}
                }, "required": ["name"], "additionalProperties": false}},
                "$ref": "#/definitions/node \"{x}\""
            }),
        ),
        property(
            "choice",
            "user_provided",
            true,
            false,
            json!({"enum": ["a-b", "a_b", "A B", "fn", "{0}"]}),
        ),
        property(
            "mixed",
            "user_provided",
            false,
            false,
            json!({"enum": [1, "one", null, [1], {"a": 1.5}], "const": 1}),
        ),
        // Names that meet the names a checked type's module uses: the compiled schema keeps
        // its own module.
        property(
            "schema",
            "user_provided",
            false,
            false,
            json!({"minLength": 1}),
        ),
        property(
            "format",
            "user_provided",
            false,
            false,
            json!({"maxLength": 1}),
        ),
        property(
            "p0",
            "user_provided",
            false,
            false,
            json!({"pattern": "^a", "minLength": 2}),
        ),
        property(
            "result",
            "user_provided",
            false,
            false,
            json!({"pattern": "^[a-z]+$"}),
        ),
        property(
            "string",
            "user_provided",
            false,
            false,
            json!({"type": "string", "enum": ["x"]}),
        ),
        property(
            "invalid_value",
            "user_provided",
            false,
            false,
            json!({"enum": []}),
        ),
        property(
            "cow",
            "user_provided",
            false,
            false,
            json!({"multipleOf": 0.1}),
        ),
        property("keyword", "user_provided", false, false, json!({"not": {}})),
        property(
            "rule",
            "user_provided",
            false,
            false,
            json!({
                "if": {"type": "string"}, "then": {"maxLength": 3}, "else": {"type": "array", "items": [{"type": "integer"}], "additionalItems": false, "uniqueItems": true},
                "not": {"const": "no"},
                "anyOf": [{"anyOf": [{"type": "string"}]}, {"type": "array"}],
                "oneOf": [{"minLength": 2}, {"type": "array"}],
                "dependencies": {"a": ["b"]}, "propertyNames": {"maxLength": 2},
                "patternProperties": {"^x": {"multipleOf": 0.5}}, "contains": {"const": 1},
                "allOf": [true], "minProperties": 0, "maxProperties": 9, "exclusiveMinimum": -1.5
            }),
        ),
    ];
    if let Some(extra) = extra {
        form.push(extra);
    }
    write(
        root,
        "source-types/platform.3d-printer.v2/capture.json",
        &json!({
            "type": "platform.3d-printer.v2",
            "steps": [
                {"type": "form", "properties": form},
                {"type": "oauth", "properties": [property("refresh_token", "user_provided", true, true, json!({"type": "string"}))]},
                {"type": "custom_step", "properties": [property("widget", "user_provided", false, false, json!({"type": "string"}))]},
                {"type": "step \"x\" {y} */", "properties": [property("gadget", "user_provided", false, false, json!({"type": "string"}))]},
                {"type": "fully_configured", "properties": []}
            ]
        }),
    );
    write(
        root,
        "source-types/platform.3d-printer.v2/capture.provenance.json",
        &json!({"endpoint": "GET /v4/source-types/platform.3d-printer.v2", "source": "a test", "captured_at": "2026-11-23"}),
    );
    stitch_tests::write_spec_scaffold(root);
    // The reference's prose reaches the docs: names, intro and descriptions as hostile as the
    // card's strings.
    let hostile = "x {y} \"q\" \\ */ /* # #[doc] ``` `tick é日 fn r#type \"#\n- item\n\n<b>&amp;";
    let display_name = format!("3D \"Printer\" {{v2}} */ {hostile}");
    write(
        root,
        "reference/connectors/platform.3d-printer.v2.json",
        &json!({
            "display_name": display_name,
            "kind": "source",
            "api_type": "platform.3d-printer.v2",
            "intro": hostile,
            "properties": [
                {"name": "3d_model", "documented_type": ["STRING"], "status": "REQUIRED", "step": "form", "description": hostile},
                {"name": "refresh_token", "documented_type": ["STRING"], "status": "REQUIRED", "step": "oauth", "description": format!("{hostile} For example: `a\"b` */")}
            ],
            "examples": []
        }),
    );
    write(
        root,
        "reference/connection-types.json",
        &json!([{"display_name": display_name, "kind": "source", "api_type": "platform.3d-printer.v2"}]),
    );
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("stitch-generality-{name}-{}", std::process::id()))
}

#[test]
fn a_hostile_card_generates_a_crate_that_compiles_and_passes_its_tests() {
    let spec_root = temp("spec");
    hostile_spec(&spec_root, None);
    let spec = load_spec(&spec_root).unwrap();
    assert!(
        spec.notices
            .iter()
            .any(|n| n.message.contains("a_property_type_from_the_future"))
    );
    let files = generate(&spec).unwrap();
    let module = files
        .iter()
        .find(|f| f.path.ends_with("platform_3d_printer_v2.rs"))
        .expect("module named by the rule");
    for expected in [
        "pub n3d_model: String",
        "pub api_key: crate::Secret<String>",
        "type_:",
        "self_:",
        "pub struct CustomStepProperties",
        "pub retries: Option<crate::Integer>",
        // The reference's hostile intro and descriptions reach the docs.
        "//! x {y} ",
        "/// x {y} ",
    ] {
        assert!(
            module.contents.contains(expected),
            "{expected} not in the module"
        );
    }
    // The crate: generated files, the hand-written support, outside the workspace.
    let crate_root = temp("crate");
    stitch_tests::write_generated_crate(&files, &crate_root);
    let stdout = stitch_tests::test_generated_crate(&crate_root, &["--quiet", "--lib"]);
    assert!(stdout.contains("test result: ok"), "{stdout}");
    let _ = fs::remove_dir_all(&crate_root);
    let _ = fs::remove_dir_all(&spec_root);
}

/// Every valid draft-7 schema is taken (the hostile card has schemas of every keyword); what
/// is refused is what no validator could apply, with file, path and problem.
#[test]
fn malformed_schemas_are_refused_precisely() {
    let cases = [
        ("names no entry", json!({"$ref": "#/definitions/thing"})),
        (
            "lead back to it",
            json!({"definitions": {"a": {"allOf": [{"$ref": "#/definitions/a"}]}}, "$ref": "#/definitions/a"}),
        ),
        (
            "names a group the pattern does not have",
            json!({"type": "string", "pattern": "^(a)\\2"}),
        ),
    ];
    for (problem, schema) in cases {
        let root = temp(&format!("refuse-{}", problem.replace(' ', "-")));
        hostile_spec(
            &root,
            Some(property("extra", "user_provided", false, false, schema)),
        );
        // Not valid draft 7: refused when loaded; valid but not checkable: when generated.
        let error = match load_spec(&root) {
            Err(error) => error,
            Ok(spec) => generate(&spec).expect_err(problem),
        };
        assert_eq!(
            error.file,
            root.join("source-types/platform.3d-printer.v2/capture.json"),
            "{problem}: {error}"
        );
        assert!(
            error
                .location
                .to_string()
                .starts_with("$.steps[0].properties[29].json_schema"),
            "{problem}: {error}"
        );
        assert!(error.problem.contains(problem), "{problem}: {error}");
        let _ = fs::remove_dir_all(&root);
    }
}
