#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The normalize and emit stages refuse what they cannot represent faithfully: each error names
//! the spec file, the JSON path and the problem; nothing is dropped and nothing panics.

use std::fs;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{Value, json};
use stitch_codegen::generate;
use stitch_codegen::{Location, SpecError, load_spec};

/// A spec tree with one source card (`platform.shop`) under the temporary folder.
struct Tree {
    root: PathBuf,
}

impl Tree {
    fn new(properties: Value, curation: Value) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let root = std::env::temp_dir().join(format!(
            "stitch-codegen-normalize-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = fs::remove_dir_all(&root);
        let tree = Tree { root };
        tree.write(
            "source-types/platform.shop/c.json",
            &json!({
                "type": "platform.shop",
                "steps": [{"type": "form", "properties": properties}]
            }),
        );
        tree.write(
            "source-types/platform.shop/c.provenance.json",
            &json!({"endpoint": "GET", "source": "test", "captured_at": "2026-11-23"}),
        );
        tree.write(
            "reference/connection-types.json",
            &json!([{"display_name": "Shop", "kind": "source", "api_type": "platform.shop"}]),
        );
        fs::create_dir_all(tree.root.join("reference/connectors")).unwrap();
        tree.write("resolutions.json", &json!([]));
        tree.write("curation.json", &curation);
        tree
    }

    fn write(&self, relative: &str, value: &Value) {
        let file = self.root.join(relative);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, serde_json::to_string_pretty(value).unwrap()).unwrap();
    }

    fn generate(&self) -> Result<usize, SpecError> {
        self.files().map(|files| files.len())
    }

    fn files(&self) -> Result<Vec<stitch_codegen::output::OutputFile>, SpecError> {
        let spec = load_spec(&self.root)?;
        generate(&spec)
    }

    /// The text of one generated file.
    fn file(&self, path: &str) -> String {
        self.files()
            .unwrap()
            .into_iter()
            .find(|f| f.path == std::path::Path::new(path))
            .map(|f| f.contents)
            .unwrap()
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

fn no_curation() -> Value {
    json!({
        "credentials": {"names": [], "description_contains": [], "reason": "none"},
        "prose_constraints": [],
        "examples": []
    })
}

fn property(name: &str, schema: Value) -> Value {
    json!({
        "name": name,
        "is_required": true,
        "is_credential": false,
        "system_provided": false,
        "property_type": "user_provided",
        "json_schema": schema
    })
}

#[track_caller]
fn assert_refused(tree: &Tree, file: &str, path: &str, words: &[&str]) {
    let error = tree.generate().expect_err("regen must refuse");
    assert_eq!(error.file, tree.root.join(file), "{error}");
    assert_eq!(
        error.location,
        Location::JsonPath(path.to_owned()),
        "{error}"
    );
    for word in words {
        assert!(
            error.problem.contains(word),
            "{:?} lacks {word:?}",
            error.problem
        );
    }
}

#[test]
fn a_valid_tree_generates() {
    let tree = Tree::new(
        json!([property("api_key", json!({"type": "string"}))]),
        no_curation(),
    );
    assert!(tree.generate().unwrap() > 5);
}

/// A schema without a narrower Rust type is a value checked against the whole schema: the
/// keyword is kept, neither refused nor dropped.
#[test]
fn a_keyword_without_a_rust_type_is_checked_not_dropped() {
    let tree = Tree::new(
        json!([
            property("a", json!({"type": "string"})),
            property("code", json!({"type": "string", "minLength": 3}))
        ]),
        no_curation(),
    );
    let module = tree.file("src/sources/platform_shop.rs");
    assert!(
        module.contains("pub code: Option<crate::common::Code>"),
        "{module}"
    );
    let common = tree.file("src/common.rs");
    assert!(
        common.contains("pub struct Code(serde_json::Value)"),
        "{common}"
    );
    assert!(common.contains("Keyword::MinLength(3)"), "{common}");
    let catalog = tree.file("src/catalog.rs");
    assert!(catalog.contains("Keyword::MinLength(3)"), "{catalog}");
}

#[test]
fn an_invalid_pattern_is_refused_with_the_reason() {
    // With the `u` flag, a back-reference must name a group the pattern has.
    let tree = Tree::new(
        json!([property(
            "code",
            json!({"type": "string", "pattern": "^(a)\\2"})
        )]),
        no_curation(),
    );
    assert_refused(
        &tree,
        "source-types/platform.shop/c.json",
        "$.steps[0].properties[0].json_schema",
        &[
            "pattern",
            "backreference `\\2` at offset 4",
            "does not have",
        ],
    );
}

/// Every draft-7 format is asserted, `regex` too: the value is checked, not refused.
#[test]
fn the_regex_format_is_checked() {
    let tree = Tree::new(
        json!([property("x", json!({"type": "string", "format": "regex"}))]),
        no_curation(),
    );
    let catalog = tree.file("src/catalog.rs");
    assert!(
        catalog.contains("Keyword::Format(Format::Regex)"),
        "{catalog}"
    );
}

/// Shapes that were refused before the one schema model: each generates, as a checked value.
#[test]
fn any_of_of_other_shapes_and_type_arrays_generate() {
    for schema in [
        json!({"anyOf": [{"type": "string", "format": "ipv4"}]}),
        json!({"anyOf": [{"type": "integer"}, {"type": "boolean"}]}),
        json!({"type": ["string", "null"]}),
    ] {
        let tree = Tree::new(json!([property("x", schema.clone())]), no_curation());
        let common = tree.file("src/common.rs");
        assert!(common.contains("pub struct X("), "{schema}: {common}");
    }
}

#[test]
fn names_that_collide_after_conversion_are_refused() {
    let tree = Tree::new(
        json!([
            property("api-key", json!({"type": "string"})),
            property("api_key", json!({"type": "string"}))
        ]),
        no_curation(),
    );
    assert_refused(
        &tree,
        "source-types/platform.shop/c.json",
        "$.steps[0]",
        &["\"api-key\"", "\"api_key\"", "`api_key`"],
    );
}

#[test]
fn a_property_named_like_the_extra_field_is_refused() {
    let tree = Tree::new(
        json!([property("extra_properties", json!({"type": "string"}))]),
        no_curation(),
    );
    assert_refused(
        &tree,
        "source-types/platform.shop/c.json",
        "$.steps[0]",
        &["reserves"],
    );
}

/// An array of items of a natural type is a `Vec` of that type; with any other keyword, or a
/// `$ref` inside, a checked value.
#[test]
fn arrays_of_natural_items_are_vecs() {
    let tree = Tree::new(
        json!([
            property(
                "tags",
                json!({"type": "array", "items": {"type": "string", "enum": ["x", "y"]}})
            ),
            property(
                "counts",
                json!({"type": "array", "items": {"type": "integer"}})
            ),
            property(
                "bounded",
                json!({"type": "array", "items": {"type": "integer"}, "maxItems": 2})
            ),
            property(
                "nested",
                json!({"type": "array", "items": {"anyOf": [{"$ref": "#"}, {"type": "integer"}]}})
            )
        ]),
        no_curation(),
    );
    let module = tree.file("src/sources/platform_shop.rs");
    for field in [
        "pub tags: Option<Vec<crate::common::TagsItem>>",
        "pub counts: Option<Vec<crate::Integer>>",
        "pub bounded: Option<crate::common::Bounded>",
        "pub nested: Option<crate::common::Nested>",
    ] {
        assert!(module.contains(field), "{field}: {module}");
    }
}

/// A format draft 7 does not define is an annotation: the value is a plain string.
#[test]
fn a_format_draft_7_does_not_define_is_an_annotation() {
    let tree = Tree::new(
        json!([property(
            "x",
            json!({"type": "string", "format": "a-vendor-format"})
        )]),
        no_curation(),
    );
    let module = tree.file("src/sources/platform_shop.rs");
    assert!(module.contains("pub x: Option<String>"), "{module}");
    // Listed in the drift report, where a reviewer sees it.
    let drift = tree.file("DRIFT.md");
    assert!(
        drift.contains("| `platform.shop` | `x` | `$.format` | the format \"a-vendor-format\" is not one draft 7 defines |"),
        "{drift}"
    );
}

/// Literals that want one variant name are numbered in the order written.
#[test]
fn enum_literals_that_collide_as_variants_are_numbered() {
    let tree = Tree::new(
        json!([property(
            "mode",
            json!({"type": "string", "pattern": "^(a-b|a_b)$"})
        )]),
        no_curation(),
    );
    let common = tree.file("src/common.rs");
    assert!(common.contains("/// `\"a-b\"`\n        AB,"), "{common}");
    assert!(common.contains("/// `\"a_b\"`\n        AB2,"), "{common}");
}

/// Two schemas that want one type name get one each, named after their connector; neither
/// depends on which connector came first.
#[test]
fn one_type_name_for_two_constraints_becomes_two_names() {
    let tree = Tree::new(
        json!([property(
            "mode",
            json!({"type": "string", "pattern": "^(a|b)$"})
        ),]),
        no_curation(),
    );
    // A second card whose `mode` has other literals, and a third that shares the first's.
    for (api_type, pattern) in [("platform.other", "^(c|d)$"), ("platform.same", "^(a|b)$")] {
        tree.write(
            &format!("source-types/{api_type}/c.json"),
            &json!({
                "type": api_type,
                "steps": [{"type": "form", "properties": [
                    property("mode", json!({"type": "string", "pattern": pattern}))
                ]}]
            }),
        );
        tree.write(
            &format!("source-types/{api_type}/c.provenance.json"),
            &json!({"endpoint": "GET", "source": "test", "captured_at": "2026-11-23"}),
        );
    }
    let spec = load_spec(&tree.root).unwrap();
    let files = generate(&spec).unwrap();
    let common = files
        .iter()
        .find(|f| f.path.ends_with("common.rs"))
        .expect("common.rs");
    assert!(
        common.contents.contains("pub enum PlatformOtherMode"),
        "{}",
        common.contents
    );
    // The shared one is named after its first user in type order.
    assert!(
        common.contents.contains("pub enum PlatformSameMode"),
        "{}",
        common.contents
    );
    assert!(!common.contents.contains("pub enum Mode "));
    // The schema both `platform.shop` and `platform.same` use stays one type.
    let shop = files
        .iter()
        .find(|f| f.path.ends_with("platform_shop.rs"))
        .unwrap();
    let same = files
        .iter()
        .find(|f| f.path.ends_with("platform_same.rs"))
        .unwrap();
    let type_of = |contents: &str| {
        contents
            .lines()
            .find(|l| l.contains("pub mode:"))
            .map(str::trim)
            .map(str::to_owned)
    };
    assert_eq!(type_of(&shop.contents), type_of(&same.contents));
    assert!(
        type_of(&shop.contents)
            .unwrap()
            .contains("PlatformSameMode")
    );
}

#[test]
fn a_prose_constraint_that_applies_to_nothing_is_an_error() {
    let mut curation = no_curation();
    curation["prose_constraints"] = json!([{
        "property": "start_date",
        "description_contains": "midnight",
        "json_schema": {"type": "string"},
        "reason": "test"
    }]);
    let tree = Tree::new(json!([property("a", json!({"type": "string"}))]), curation);
    assert_refused(
        &tree,
        "curation.json",
        "$.prose_constraints[0]",
        &["applies to no property"],
    );
}

#[test]
fn an_example_fix_for_a_missing_example_is_an_error() {
    let mut curation = no_curation();
    curation["examples"] = json!([{
        "connection_type": "platform.shop",
        "title": "No such example",
        "repaired": {},
        "reason": "test"
    }]);
    let tree = Tree::new(json!([property("a", json!({"type": "string"}))]), curation);
    assert_refused(
        &tree,
        "curation.json",
        "$.examples[0]",
        &["No such example"],
    );
}

#[test]
fn a_malformed_curation_file_names_the_key() {
    let mut curation = no_curation();
    curation["examples"] = json!([{
        "connection_type": "platform.shop",
        "title": "t",
        "reason": "neither repaired nor rejected"
    }]);
    let tree = Tree::new(json!([property("a", json!({"type": "string"}))]), curation);
    let error = tree.generate().expect_err("refused");
    assert_eq!(error.location, Location::JsonPath("$.examples[0]".into()));
    assert!(error.problem.contains("or both"), "{error}");
    let mut curation = no_curation();
    curation["surprise"] = json!(1);
    let tree = Tree::new(json!([]), curation);
    let error = tree.generate().expect_err("refused");
    assert_eq!(error.location, Location::JsonPath("$.surprise".into()));
}

/// A reference example for a step that has no properties on the card types nothing: it is not
/// an error, and the drift report lists it.
#[test]
fn an_example_for_a_step_without_properties_is_listed_not_refused() {
    let tree = Tree::new(
        json!([property("a", json!({"type": "string"}))]),
        no_curation(),
    );
    tree.write(
        "reference/connectors/platform.shop.json",
        &json!({
            "display_name": "Shop",
            "kind": "source",
            "api_type": "platform.shop",
            "intro": "Shop connections.",
            "properties": [],
            "examples": [{
                "title": "Example Shop OAuth properties",
                "step": "oauth",
                "raw": "{\"client_id\": \"x\"}",
                "value": {"client_id": "x"}
            }, {
                "title": "Example Shop OAuth properties the card knows",
                "step": "oauth",
                "raw": "{\"a\": \"x\"}",
                "value": {"a": "x"}
            }]
        }),
    );
    let spec = load_spec(&tree.root).unwrap();
    let files = generate(&spec).unwrap();
    let drift = files
        .iter()
        .find(|f| f.path.ends_with("DRIFT.md"))
        .expect("a drift report");
    assert!(
        drift.contents.contains(
            "the reference has the example \"Example Shop OAuth properties\" for the `oauth` step, which has no properties on the card"
        ),
        "{}",
        drift.contents
    );
    // The module docs show it, as JSON to send untyped.
    let module = files
        .iter()
        .find(|f| f.path.ends_with("platform_shop.rs"))
        .expect("the connector module");
    assert!(
        module.contents.contains(
            "//! Example Shop OAuth properties (from the reference). The report card lists no properties for the `oauth`"
        ),
        "{}",
        module.contents
    );
    // As a doctest: the update struct refuses the key the card lacks and keeps it when asked.
    let path = "stitch_connect_schema::sources::platform_shop::UpdateProperties";
    for line in [
        "//! let json: serde_json::Value = serde_json::from_str(r#\"\n//!     {\"client_id\": \"x\"}\n//!     \"#)?;",
        &format!("//! assert!(serde_json::from_value::<{path}>(json.clone()).is_err());"),
        &format!("//! let kept = {path}::deserialize_keeping_unknown(json.clone())?;"),
        // With every key a card property, it takes them.
        &format!("//! let properties: {path} = serde_json::from_value(json.clone())?;"),
    ] {
        assert!(
            module.contents.contains(line),
            "{line}\n{}",
            module.contents
        );
    }
}

/// A schema that is not valid draft 7 is an error at the path inside it, when it is loaded.
#[test]
fn an_invalid_draft_7_schema_names_the_path_inside_it() {
    let tree = Tree::new(
        json!([property("a", json!({"type": "string", "minLength": -1}))]),
        no_curation(),
    );
    assert_refused(
        &tree,
        "source-types/platform.shop/c.json",
        "$.steps[0].properties[0].json_schema.minLength",
        &["non-negative integer"],
    );
}

/// A shared type that a credential holds anywhere in the catalog never keeps a refused value
/// in its error; one that no credential holds does, for the user's sake.
#[test]
fn types_that_hold_credentials_keep_no_refused_value() {
    let mut token = property(
        "token",
        json!({"type": "string", "pattern": "^tok_[a-z0-9]+$"}),
    );
    token["is_credential"] = json!(true);
    let mut key = property(
        "key",
        json!({"type": "string", "pattern": "^k_", "minLength": 8}),
    );
    key["is_credential"] = json!(true);
    let tree = Tree::new(
        json!([
            token,
            key,
            property("tag", json!({"type": "string", "pattern": "^tag_[a-z]+$"})),
            property(
                "note",
                json!({"type": "string", "pattern": "^n", "minLength": 2})
            ),
        ]),
        no_curation(),
    );
    let common = tree.file("src/common.rs");
    // A type a credential holds quotes no number or boolean given in place of its string.
    let flat = common.replace(char::is_whitespace, "");
    let token = &flat[flat.find("validated_string!(Token,").unwrap()..];
    assert!(
        token[..token.find(';').unwrap()].ends_with("shows_value:false)"),
        "{common}"
    );
    let section = |name: &str| {
        let start = common
            .find(&format!("pub struct {name}("))
            .unwrap_or_else(|| panic!("{name} in {common}"));
        let end = common[start..]
            .find("\nmod ")
            .map_or(common.len(), |end| start + end);
        // Compared without white space: the formatter breaks lines as it likes.
        common[start..end].replace(char::is_whitespace, "")
    };
    assert!(section("Token").contains("shows_value:false"), "{common}");
    assert!(section("Tag").contains("shows_value:true"), "{common}");
    assert!(
        section("Key").contains("InvalidValue::hiding_value(\"Key\""),
        "{common}"
    );
    assert!(!section("Key").contains("InvalidValue::new("), "{common}");
    assert!(
        section("Note").contains("InvalidValue::new(\"Note\""),
        "{common}"
    );
}

/// An object schema of named properties is a struct: required properties as values, optional
/// ones as `Option`s, nested objects as structs of their own, other keys kept unless
/// `additionalProperties` is `false`. An object schema with anything else stays checked JSON.
#[test]
fn object_schemas_of_named_properties_are_structs() {
    let tree = Tree::new(
        json!([
            property(
                "settings",
                json!({
                    "type": "object",
                    "required": ["region", "limits"],
                    "properties": {
                        "region": {"enum": ["eu", "us"]},
                        "limits": {"type": "object", "properties": {"rows": {"type": "integer"}}, "additionalProperties": false},
                        "tags": {"type": "array", "items": {"type": "string"}},
                        "type": {"type": "boolean", "description": "Whether {x} */ applies."}
                    }
                })
            ),
            property(
                "flags",
                json!({"type": "object", "properties": {"on": {"type": "string", "pattern": "^(true|false)$"}}})
            ),
            property(
                "counted",
                json!({"type": "object", "properties": {"a": {"type": "string"}}, "minProperties": 1})
            ),
            property("untyped", json!({"properties": {"a": {"type": "string"}}})),
            // Named like a type parameter of the emitted impls.
            property(
                "a",
                json!({"type": "object", "properties": {"d": {"enum": ["x", "y"]}}})
            ),
        ]),
        no_curation(),
    );
    let common = tree.file("src/common.rs");
    let flat = common.replace(char::is_whitespace, "");
    for expected in [
        "pubstructSettings{",
        "pubregion:crate::common::SettingsRegion,",
        "publimits:crate::common::SettingsLimits,",
        "pubtags:Option<Vec<String>>,",
        "pubtype_:Option<bool>,",
        "pubadditional_properties:serde_json::Map<String,serde_json::Value>,",
        "pubstructSettingsLimits{",
        "pubrows:Option<crate::Integer>,",
        "pubenumSettingsRegion{",
        "pubstructAValue{",
        "pubd:Option<crate::common::AValueD>,",
    ] {
        assert!(flat.contains(expected), "{expected} in {common}");
    }
    // The closed object has no place for other keys.
    let limits = &flat[flat.find("pubstructSettingsLimits{").unwrap()..];
    let limits = &limits[..limits.find('}').unwrap()];
    assert!(!limits.contains("additional_properties"), "{limits}");
    // A string boolean, another keyword, or no `type`: checked JSON.
    for name in ["Flags", "Counted", "Untyped"] {
        assert!(
            flat.contains(&format!("pubstruct{name}(serde_json::Value);")),
            "{name} in {common}"
        );
    }
}

/// A credential whose type names no valid value that could carry a marker (a value checked
/// against a whole schema) still gets its secrets audit, by values carrying the marker, and
/// the struct keeps the tests a valid sample allows.
#[test]
fn a_credential_of_checked_json_gets_a_secrets_audit() {
    let mut key = property(
        "key",
        json!({"type": "string", "pattern": "^k_", "minLength": 8}),
    );
    key["is_credential"] = json!(true);
    let mut token = property("token", json!({"type": "string"}));
    token["is_credential"] = json!(true);
    let tree = Tree::new(
        json!([key, token, property("name", json!({"type": "string"}))]),
        no_curation(),
    );
    let module = tree.file("src/sources/platform_shop.rs");
    let flat = module.replace(char::is_whitespace, "");
    // The form's sample is not valid (its key is a placeholder): the other credential's audit
    // tries values too, instead of reading the sample as valid.
    assert!(
        flat.contains(
            "fnform_properties_never_shows_token(){crate::support::assert_candidates_never_shown"
        ),
        "{module}"
    );
    assert!(
        flat.contains("fnform_properties_never_shows_key()"),
        "{module}"
    );
    assert!(
        flat.contains("assert_candidates_never_shown::<FormProperties"),
        "{module}"
    );
    // The form's sample has no valid value for its required key: no round trip for it; the
    // update (every property optional) leaves the key out and keeps its round trip.
    assert!(
        !flat.contains("fnform_properties_round_trips_and_never_prints_secrets()"),
        "{module}"
    );
    assert!(
        flat.contains("fnupdate_properties_round_trips_and_never_prints_secrets()"),
        "{module}"
    );
    assert!(
        flat.contains("fnupdate_properties_never_shows_key()"),
        "{module}"
    );
}

/// A string in a draft-7 format is a string newtype checked as the validator checks it, with
/// `from_static` where the check is a `const fn`.
#[test]
fn format_strings_are_string_newtypes() {
    let tree = Tree::new(
        json!([
            property("contact", json!({"type": "string", "format": "email"})),
            property("day", json!({"type": "string", "format": "date"})),
            property("address", json!({"type": "string", "format": "ipv4"})),
        ]),
        no_curation(),
    );
    let common = tree.file("src/common.rs");
    let flat = common.replace(char::is_whitespace, "");
    for (name, check, constant) in [
        ("Email", "is_email", false),
        ("Date", "is_date", true),
        ("Ipv4Address", "is_ipv4", true),
    ] {
        assert!(
            flat.contains(&format!("pubstruct{name}(Cow<'static,str>);")),
            "{name} in {common}"
        );
        let validity = if constant {
            "pubconstfnis_valid"
        } else {
            "pubfnis_valid"
        };
        assert!(
            flat.contains(&format!(
                "{validity}(text:&str)->bool{{formats::{check}(text)}}"
            )),
            "{name} in {common}"
        );
        let with_literals = flat.contains(&format!("validated_string!({name},"));
        assert_eq!(with_literals, constant, "{name} in {common}");
    }
}

/// A card whose row in the table of types gives the other kind needs a resolution saying which
/// it is; with one, it is one connection type of that kind: one registry entry (two would be
/// two statics of one name, which does not compile), and the decision in the drift report.
#[test]
fn a_card_listed_under_the_other_kind_is_one_connection_type() {
    let tree = Tree::new(
        json!([property("host", json!({"type": "string"}))]),
        no_curation(),
    );
    tree.write(
        "reference/connection-types.json",
        &json!([
            {"display_name": "Shop", "kind": "destination", "api_type": "platform.shop"},
            {"display_name": "Warehouse", "kind": "destination", "api_type": "a_warehouse"}
        ]),
    );
    let error = tree.files().unwrap_err().to_string();
    assert!(
        error.contains("the reference's connection type table lists a destination"),
        "{error}"
    );
    assert!(error.contains("resolutions.json"), "{error}");
    tree.write(
        "resolutions.json",
        &json!([{
            "connection_type": "platform.shop",
            "kind": "source",
            "reason": "The card says source."
        }]),
    );
    let files = tree.files().unwrap();
    let drift = files.iter().find(|f| f.path.ends_with("DRIFT.md")).unwrap();
    assert!(
        drift
            .contents
            .contains("### `platform.shop`: a source, not a destination"),
        "{}",
        drift.contents
    );
    let catalog = files
        .iter()
        .find(|f| f.path.ends_with("src/catalog.rs"))
        .unwrap();
    assert_eq!(
        catalog
            .contents
            .matches("static TYPE_PLATFORM_SHOP: ConnectionType")
            .count(),
        1
    );
    let shop = catalog
        .contents
        .split("static TYPE_PLATFORM_SHOP")
        .nth(1)
        .unwrap();
    assert!(
        shop.split("};")
            .next()
            .unwrap()
            .contains("kind: Kind::Source")
    );
}

/// A source whose schedule properties are not typed as a schedule is (here `cron_expression`
/// has no schema and no reference documents it) is generated with three plain fields, and regen
/// says so.
#[test]
fn schedule_properties_typed_otherwise_stay_plain_fields_with_a_notice() {
    let frequency = json!({"type": "string", "pattern": "^1$|^30$|^60$|^360$|^720$|^1440$"});
    let tree = Tree::new(
        json!([
            property("frequency_in_minutes", frequency),
            property(
                "anchor_time",
                json!({"type": "string", "format": "date-time"})
            ),
            property("cron_expression", Value::Null),
        ]),
        no_curation(),
    );
    let spec = load_spec(&tree.root).unwrap();
    let normalized = stitch_codegen::pipeline::normalize(&spec).unwrap();
    let notices: Vec<String> = normalized
        .ir
        .notices
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("platform.shop: frequency_in_minutes, anchor_time and cron_expression are not typed as a schedule is")),
        "{notices:?}"
    );
    let files = tree.files().unwrap();
    let module = files
        .iter()
        .find(|f| f.path.ends_with("src/sources/platform_shop.rs"))
        .unwrap();
    assert!(
        module
            .contents
            .contains("pub cron_expression: Option<serde_json::Value>")
    );
    assert!(!module.contents.contains("pub schedule:"));
}
