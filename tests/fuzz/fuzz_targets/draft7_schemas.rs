//! The generator never panics on a report card whose schemas are drawn from the whole draft-7
//! vocabulary: every keyword, nested and combined, boolean schemas, `$ref` into `definitions`
//! (and dangling or cyclic ones), every format name, patterns inside and outside the matcher's
//! subset, odd names and texts. Loading gives a card or a located error; generating gives the
//! crate's files or a located error.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value, json};
use stitch_codegen::spec::Spec;

/// The fuzz input as a stream of choices.
struct Choices<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Choices<'_> {
    fn byte(&mut self) -> u8 {
        let byte = self.bytes.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        byte
    }

    fn below(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }

    fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }
}

const NAMES: &[&str] = &["a", "b", "k", "x1", "a b", "we\"ird {n} */", "fn", "é", "", "a/b~c"];
const TEXTS: &[&str] = &["plain", "{x} \"q\" */ #", "line\nbreak", "\\", "`tick`", "日本"];
const FORMATS: &[&str] = &[
    "date-time", "date", "time", "email", "idn-email", "hostname", "idn-hostname", "ipv4",
    "ipv6", "uri", "uri-reference", "iri", "iri-reference", "uri-template", "json-pointer",
    "relative-json-pointer", "regex", "vendor-format",
];
const PATTERNS: &[&str] = &[
    "^a$", "^\\d+$", "^(x|y|x)$", "[a-z]{2,}", "^\\d{4}-\\d{2}-\\d{2}T00:00:00Z$", "^(?=a)",
    "(", "^[0-9]{12}$", "^\\{\"\\}$", "", "a|", "\\p{L}", "(a)\\1", "(?<=a)b\\b(?!c)",
    "^\\P{Lu}\\u{1F600}$", "^(?<q>['\"])\\k<q>$", "(a)\\2", "^(a+?)\\1*$",
];

fn number(c: &mut Choices<'_>) -> Value {
    match c.below(6) {
        0 => json!(c.byte()),
        1 => json!(-i64::from(c.byte())),
        2 => json!(f64::from(c.byte()) / 4.0),
        3 => json!(u64::MAX),
        4 => json!(1e300),
        _ => json!(0),
    }
}

fn literal(c: &mut Choices<'_>, depth: usize) -> Value {
    match c.below(7) {
        0 => Value::Null,
        1 => json!(c.below(2) == 0),
        2 => number(c),
        3 | 4 => json!(c.pick(NAMES)),
        5 if depth < 2 => Value::Array((0..c.below(3)).map(|_| literal(c, depth + 1)).collect()),
        _ if depth < 2 => {
            let mut map = Map::new();
            for _ in 0..c.below(3) {
                map.insert(c.pick(NAMES).to_owned(), literal(c, depth + 1));
            }
            Value::Object(map)
        }
        _ => json!("x"),
    }
}

fn schemas(c: &mut Choices<'_>, depth: usize, definitions: &[&str]) -> Vec<Value> {
    (0..1 + c.below(3)).map(|_| schema(c, depth + 1, definitions)).collect()
}

fn named(c: &mut Choices<'_>, depth: usize, definitions: &[&str]) -> Value {
    let mut map = Map::new();
    for _ in 0..c.below(4) {
        map.insert(c.pick(NAMES).to_owned(), schema(c, depth + 1, definitions));
    }
    Value::Object(map)
}

/// A schema drawn from the draft-7 vocabulary.
fn schema(c: &mut Choices<'_>, depth: usize, definitions: &[&str]) -> Value {
    if depth > 4 || c.done() {
        return json!({"type": "string"});
    }
    if c.below(12) == 0 {
        return json!(c.below(2) == 0);
    }
    let mut map = Map::new();
    for _ in 0..1 + c.below(4) {
        let (key, value) = match c.below(36) {
            0 | 1 => (
                "type",
                if c.below(3) == 0 {
                    json!([c.pick(&["string", "integer", "null"]), c.pick(&["number", "boolean", "object", "array"])])
                } else {
                    json!(c.pick(&["string", "integer", "number", "boolean", "object", "array", "null"]))
                },
            ),
            2 => ("enum", Value::Array((0..1 + c.below(4)).map(|_| literal(c, 0)).collect())),
            3 => ("const", literal(c, 0)),
            4 => ("multipleOf", json!(c.pick(&[0.5, 3.0, 0.1, 7.0, 1e-9]))),
            5 => ("maximum", number(c)),
            6 => ("exclusiveMaximum", number(c)),
            7 => ("minimum", number(c)),
            8 => ("exclusiveMinimum", number(c)),
            9 => ("maxLength", json!(c.below(8))),
            10 => ("minLength", json!(c.below(8))),
            11 => ("pattern", json!(c.pick(PATTERNS))),
            12 => ("format", json!(c.pick(FORMATS))),
            13 => (
                "items",
                if c.below(2) == 0 {
                    schema(c, depth + 1, definitions)
                } else {
                    Value::Array(schemas(c, depth, definitions))
                },
            ),
            14 => ("additionalItems", schema(c, depth + 1, definitions)),
            15 => ("maxItems", json!(c.below(5))),
            16 => ("minItems", json!(c.below(5))),
            17 => ("uniqueItems", json!(c.below(2) == 0)),
            18 => ("contains", schema(c, depth + 1, definitions)),
            19 => ("maxProperties", json!(c.below(5))),
            20 => ("minProperties", json!(c.below(5))),
            21 => ("required", json!([c.pick(NAMES), c.pick(NAMES)])),
            22 => ("properties", named(c, depth, definitions)),
            23 => ("patternProperties", {
                let mut map = Map::new();
                map.insert(c.pick(PATTERNS).to_owned(), schema(c, depth + 1, definitions));
                Value::Object(map)
            }),
            24 => ("additionalProperties", schema(c, depth + 1, definitions)),
            25 => ("dependencies", {
                let mut map = Map::new();
                let value = if c.below(2) == 0 {
                    json!([c.pick(NAMES)])
                } else {
                    schema(c, depth + 1, definitions)
                };
                map.insert(c.pick(NAMES).to_owned(), value);
                Value::Object(map)
            }),
            26 => ("propertyNames", schema(c, depth + 1, definitions)),
            27 => ("if", schema(c, depth + 1, definitions)),
            28 => ("then", schema(c, depth + 1, definitions)),
            29 => ("else", schema(c, depth + 1, definitions)),
            30 => ("allOf", Value::Array(schemas(c, depth, definitions))),
            31 => ("anyOf", Value::Array(schemas(c, depth, definitions))),
            32 => ("oneOf", Value::Array(schemas(c, depth, definitions))),
            33 => ("not", schema(c, depth + 1, definitions)),
            34 => (
                "$ref",
                match definitions {
                    [] => json!(c.pick(&["#", "#/definitions/missing"])),
                    names => json!(format!("#/definitions/{}", c.pick(names))),
                },
            ),
            _ => (
                c.pick(&["title", "description", "default", "examples", "x-vendor", "$comment"]),
                json!(c.pick(TEXTS)),
            ),
        };
        map.insert(key.to_owned(), value);
    }
    Value::Object(map)
}

/// A property schema with its own `definitions`, sometimes.
fn property_schema(c: &mut Choices<'_>) -> Value {
    let names: Vec<&str> = (0..c.below(3)).map(|i| ["d0", "d 1", "d\"2"][i]).collect();
    let mut root = schema(c, 0, &names);
    if !names.is_empty()
        && let Value::Object(map) = &mut root
    {
        let mut definitions = Map::new();
        for name in &names {
            definitions.insert((*name).to_owned(), schema(c, 1, &names));
        }
        map.insert("definitions".to_owned(), Value::Object(definitions));
    }
    root
}

/// A spec of one source, loaded once; each input replaces its card.
fn base() -> &'static Spec {
    static BASE: OnceLock<Spec> = OnceLock::new();
    BASE.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("stitch-fuzz-draft7-{}", std::process::id()));
        let write = |relative: &str, value: Value| {
            let path = root.join(relative);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, value.to_string()).unwrap();
        };
        write(
            "source-types/platform.fuzz/capture.json",
            json!({"type": "platform.fuzz", "steps": [{"type": "form", "properties": []}]}),
        );
        write(
            "source-types/platform.fuzz/capture.provenance.json",
            json!({"endpoint": "GET /v4/source-types/platform.fuzz", "source": "fuzz", "captured_at": "2026-12-04"}),
        );
        write("reference/connection-types.json", json!([]));
        std::fs::create_dir_all(root.join("reference/connectors")).unwrap();
        write("resolutions.json", json!([]));
        write(
            "curation.json",
            json!({"credentials": {"names": [], "description_contains": [], "reason": "none"}, "prose_constraints": [], "examples": []}),
        );
        stitch_codegen::load_spec(&root).unwrap()
    })
}

fuzz_target!(|bytes: &[u8]| {
    let mut c = Choices { bytes, at: 0 };
    let properties: Vec<Value> = (0..1 + c.below(3))
        .map(|i| {
            json!({
                "name": format!("p{i}"),
                "is_required": c.below(4) == 0,
                "is_credential": c.below(6) == 0,
                "system_provided": false,
                "property_type": "user_provided",
                "json_schema": property_schema(&mut c),
                "provided": false
            })
        })
        .collect();
    let card = json!({"type": "platform.fuzz", "steps": [{"type": "form", "properties": properties}]});
    let file = PathBuf::from("source-types/platform.fuzz/capture.json");
    let mut notices = Vec::new();
    let Ok(card) = stitch_codegen::model::report_card::parse_report_card(
        Path::new(&file),
        &card.to_string(),
        &mut notices,
    ) else {
        return;
    };
    let mut spec = base().clone();
    spec.captures[0].card = card;
    let _ = stitch_codegen::generate(&spec);
});
