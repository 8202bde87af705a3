#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Generated names are stable: adding one connector to the spec adds that connector's own
//! files and items, and changes only a few lines of the files that already existed (index
//! lines, the connector's feature, its registry entry). Names derived from positions would
//! renumber whole files and fail this.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use similar::{ChangeTag, TextDiff};
use stitch_codegen::{generate, load_spec};

/// At most this many lines of the files that existed before may change or go when one
/// connector is added. Today 18: the counts in `lib.rs` and `CONNECTORS.md`, and for each of
/// the five shared field types the connector uses, its `cfg(any(feature = ...))` lists (twice;
/// the last entry gains a comma) and its "used by" line. Renumbered names changed 83.
const CHANGED_BOUND: usize = 25;

/// At most this many lines may be inserted into files that existed before: the connector's own
/// items in the shared files (its catalog entry, rules and checks; its variants and arms in the
/// API bodies; the shared type only it uses) and index lines. Today 442.
const INSERTED_BOUND: usize = 500;

/// The spec plus `platform.synthetic`: a copy of Recurly's card under a new type, with one
/// more property whose pattern no other card uses, and its row in the table of types.
fn add_synthetic_connector(root: &Path) {
    let recurly = root.join("source-types/platform.recurly");
    let synthetic = root.join("source-types/platform.synthetic");
    fs::create_dir_all(&synthetic).unwrap();
    let mut card: Value = serde_json::from_str(
        &fs::read_to_string(recurly.join("create-source-guide.json")).unwrap(),
    )
    .unwrap();
    card["type"] = json!("platform.synthetic");
    card["steps"][0]["properties"]
        .as_array_mut()
        .unwrap()
        .push(json!({
            "name": "account_code",
            "is_required": true,
            "is_credential": false,
            "system_provided": false,
            "property_type": "user_provided",
            "json_schema": { "type": "string", "pattern": "^syn-[a-z]+$" },
            "provided": false,
            "tap_mutable": false
        }));
    fs::write(
        synthetic.join("create-source-guide.json"),
        serde_json::to_string_pretty(&card).unwrap(),
    )
    .unwrap();
    let provenance =
        fs::read_to_string(recurly.join("create-source-guide.provenance.json")).unwrap();
    fs::write(
        synthetic.join("create-source-guide.provenance.json"),
        provenance.replace("platform.recurly", "platform.synthetic"),
    )
    .unwrap();
    let table = root.join("reference/connection-types.json");
    let mut rows: Vec<Value> = serde_json::from_str(&fs::read_to_string(&table).unwrap()).unwrap();
    rows.push(json!({
        "display_name": "Synthetic",
        "kind": "source",
        "api_type": "platform.synthetic"
    }));
    fs::write(&table, serde_json::to_string_pretty(&rows).unwrap()).unwrap();
}

#[test]
fn adding_a_connector_changes_few_existing_lines() {
    let before = generate(&load_spec(&stitch_tests::spec_root()).unwrap()).unwrap();
    let root: PathBuf =
        std::env::temp_dir().join(format!("stitch-stable-names-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    stitch_tests::copy_dir(&stitch_tests::spec_root(), &root);
    add_synthetic_connector(&root);
    let after = generate(&load_spec(&root).unwrap());
    fs::remove_dir_all(&root).unwrap();
    let after = after.unwrap();

    let new_files: Vec<&Path> = after
        .iter()
        .map(|f| f.path.as_path())
        .filter(|p| !before.iter().any(|b| b.path == *p))
        .collect();
    assert!(
        new_files
            .iter()
            .any(|p| p.ends_with("src/sources/platform_synthetic.rs")),
        "the synthetic connector has its own module: {new_files:?}"
    );
    let mut changed = Vec::new();
    for old in &before {
        let Some(new) = after.iter().find(|f| f.path == old.path) else {
            panic!("{} disappeared", old.path.display());
        };
        let diff = TextDiff::from_lines(&old.contents, &new.contents);
        let count = |tag| diff.iter_all_changes().filter(|c| c.tag() == tag).count();
        let (deleted, inserted) = (count(ChangeTag::Delete), count(ChangeTag::Insert));
        if deleted + inserted > 0 {
            changed.push((old.path.display().to_string(), deleted, inserted));
        }
    }
    let deleted: usize = changed.iter().map(|(_, d, _)| d).sum();
    let inserted: usize = changed.iter().map(|(_, _, i)| i).sum();
    eprintln!("existing files, (deleted, inserted) lines: {changed:?}");
    assert!(
        deleted <= CHANGED_BOUND,
        "adding one connector changed or removed {deleted} existing lines (bound \
         {CHANGED_BOUND}): {changed:?}"
    );
    assert!(
        inserted <= INSERTED_BOUND,
        "adding one connector inserted {inserted} lines into existing files (bound \
         {INSERTED_BOUND}): {changed:?}"
    );
}
