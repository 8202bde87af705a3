#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The generated crate's rustdoc carries the documentation whole: no description ends at a
//! lead-in whose content the capture lost ("For example:", "Accepted values are:" with nothing
//! after it, the reference's "If |" table debris), and every typed field of a connector whose
//! connector page describes the property has that description and, when the page gives one,
//! its example value.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use stitch_connect_schema::ConnectionType;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Each run of `///` or `//!` lines, as text (prefix and one space taken off), with the line
/// after the run (the item it documents).
fn doc_blocks(source: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in source.lines() {
        let trimmed = line.trim_start();
        let doc = trimmed
            .strip_prefix("///")
            .or_else(|| trimmed.strip_prefix("//!"));
        match doc {
            Some(text) => current.push(text.strip_prefix(' ').unwrap_or(text)),
            None if !current.is_empty() => {
                blocks.push((current.join("\n"), trimmed.to_owned()));
                current.clear();
            }
            None => {}
        }
    }
    if !current.is_empty() {
        blocks.push((current.join("\n"), String::new()));
    }
    blocks
}

/// What the generator writes after a field's description: its access, then its wire name.
const TRAILERS: [&str; 6] = [
    "**Required.**",
    "Optional.",
    "Optional:",
    "Wire name",
    "Read-only",
    "Not settable",
];

fn is_trailer(line: &str) -> bool {
    TRAILERS.iter().any(|t| line.starts_with(t))
}

const LEAD_INS: [&str; 3] = ["For example:", "Accepted values are:", "Valid values are:"];

#[test]
fn no_description_ends_at_a_dangling_lead_in() {
    let mut files = Vec::new();
    rust_files(
        &stitch_tests::workspace_root().join("generated/src"),
        &mut files,
    );
    let mut lead_ins = 0;
    for file in &files {
        let source = fs::read_to_string(file).unwrap();
        for (block, _) in doc_blocks(&source) {
            assert!(!block.contains("If |"), "{file:?}: {block}");
            let lines: Vec<&str> = block.lines().map(str::trim).collect();
            for (index, line) in lines.iter().enumerate() {
                if !LEAD_INS.iter().any(|l| line.ends_with(l)) {
                    continue;
                }
                lead_ins += 1;
                let next = lines[index + 1..].iter().find(|l| !l.is_empty());
                assert!(
                    next.is_some_and(|n| !is_trailer(n)),
                    "{file:?}: a description ends at {line:?}:\n{block}"
                );
            }
        }
    }
    // The lead-ins are there, each followed by what it leads in.
    assert!(lead_ins > 300, "{lead_ins}");
}

/// Each documented field of a top-level properties struct (`FormProperties`,
/// `OauthProperties`, `UpdateProperties`, ...; nested objects' structs are left out): its wire
/// name, whether its doc opens with a description, and the doc.
fn field_docs(source: &str) -> Vec<(String, bool, String)> {
    let mut out = Vec::new();
    let mut in_top_level = false;
    let mut doc: Vec<&str> = Vec::new();
    for line in source.lines() {
        let trimmed = line.trim_start();
        if let Some(text) = trimmed.strip_prefix("///") {
            doc.push(text.strip_prefix(' ').unwrap_or(text));
            continue;
        }
        if let Some(name) = trimmed.strip_prefix("pub struct ") {
            let name = name.split([' ', '{', '<']).next().unwrap_or_default();
            in_top_level = name.ends_with("Properties");
        } else if in_top_level && trimmed.starts_with("pub ") && !doc.is_empty() {
            let block = doc.join("\n");
            if let Some(wire) = block
                .split("Wire name `")
                .nth(1)
                .and_then(|rest| rest.split('`').next())
            {
                let first = block.lines().next().unwrap_or_default().trim();
                out.push((wire.to_owned(), !is_trailer(first), block.clone()));
            }
        }
        doc.clear();
    }
    out
}

#[test]
fn every_field_a_connector_page_describes_carries_its_description_and_example() {
    let pages = stitch_tests::spec_root().join("docs-pages");
    let (mut described, mut with_example) = (0, 0);
    for entry in fs::read_dir(&pages).unwrap() {
        let page: Value =
            serde_json::from_str(&fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        let api_type = page["api_type"].as_str().unwrap();
        let Some(module) = ConnectionType::find(api_type).unwrap().typed_module() else {
            continue;
        };
        let file = stitch_tests::workspace_root()
            .join("generated/src")
            .join(format!("{}.rs", module.replace("::", "/")));
        let source = fs::read_to_string(&file).unwrap();
        let documented: BTreeMap<&str, &str> = page["properties"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| {
                let description = p["description"].as_str()?.trim();
                (!description.is_empty()).then(|| (p["name"].as_str().unwrap(), description))
            })
            .collect();
        let examples: Vec<&serde_json::Map<String, Value>> = page["examples"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["value"].as_object())
            .collect();
        for (wire, has_description, block) in field_docs(&source) {
            let Some(description) = documented.get(wire.as_str()) else {
                continue;
            };
            assert!(
                has_description,
                "{api_type}.{wire}: no description:\n{block}"
            );
            // The description's first words are the page's (rustdoc escapes aside).
            let opening: String = description.chars().take(12).collect();
            if !opening.contains(['<', '[', ']']) {
                assert!(block.starts_with(&opening), "{api_type}.{wire}:\n{block}");
            }
            described += 1;
            let credential = block.contains("**Credential**");
            let example = examples.iter().find_map(|e| e.get(&wire));
            if let Some(value) = example.filter(|_| !credential) {
                let text = value.to_string();
                if text.len() <= 120 {
                    assert!(
                        block.contains("Documented example: ") && block.contains(&text),
                        "{api_type}.{wire}: no example {text}:\n{block}"
                    );
                    with_example += 1;
                }
            }
        }
    }
    // 3,016 and 2,305 at the docs' commit of 2026-08-18 (fields of the update and required
    // structs counted too).
    assert!(described > 2500, "{described}");
    assert!(with_example > 2000, "{with_example}");
}
