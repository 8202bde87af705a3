#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Regen output depends only on what `spec/` says, not on how it is written: the same spec with
//! every JSON object's keys in reverse order (cards, provenance, resolutions, curation, the
//! structured reference) generates byte-identical files. File order cannot matter: the loader
//! sorts every folder listing.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use stitch_codegen::generate;
use stitch_codegen::load_spec;

/// Every object's keys reversed, at every level, except inside example values: an example's
/// key order is its content (the doctest shows it as captured).
fn reversed(value: &Value, inside_example: bool) -> Value {
    match value {
        Value::Object(map) if !inside_example => {
            let mut out = Map::new();
            for (key, item) in map.iter().rev() {
                let example = matches!(key.as_str(), "value" | "repaired" | "raw");
                out.insert(key.clone(), reversed(item, example));
            }
            Value::Object(out)
        }
        Value::Array(items) if !inside_example => {
            Value::Array(items.iter().map(|i| reversed(i, false)).collect())
        }
        other => other.clone(),
    }
}

fn copy_reversed(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_reversed(&path, &target);
        } else if path.extension().is_some_and(|e| e == "json") {
            let value: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
            fs::write(
                &target,
                serde_json::to_string_pretty(&reversed(&value, false)).unwrap(),
            )
            .unwrap();
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

#[test]
fn key_order_of_the_spec_does_not_change_the_output() {
    let original = generate(&load_spec(&stitch_tests::spec_root()).unwrap()).unwrap();
    let root: PathBuf =
        std::env::temp_dir().join(format!("stitch-determinism-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    copy_reversed(&stitch_tests::spec_root(), &root);
    let reordered = generate(&load_spec(&root).unwrap()).unwrap();
    fs::remove_dir_all(&root).unwrap();
    assert_eq!(original.len(), reordered.len());
    for (a, b) in original.iter().zip(&reordered) {
        assert_eq!(a.path, b.path);
        if a.contents != b.contents {
            let line = a
                .contents
                .lines()
                .zip(b.contents.lines())
                .position(|(x, y)| x != y)
                .unwrap_or(0);
            panic!(
                "{} differs at line {}:\n  {}\n  {}",
                a.path.display(),
                line + 1,
                a.contents.lines().nth(line).unwrap_or(""),
                b.contents.lines().nth(line).unwrap_or("")
            );
        }
    }
}
