#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The Liquid subset (`import::liquid`) covers every template the connector pages and the
//! shared data they include hold: each string of their front matter or data passes `check`,
//! in every branch. Pages are read as Jekyll reads them (Xero's duplicated key keeps its
//! later value).

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use stitch_codegen::import::front_matter::{data_file, page_front_matter_keeping_last};
use stitch_codegen::import::liquid::check;

fn docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/docs")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Every string under `value`, with its JSON path.
fn strings<'v>(value: &'v Value, path: String, out: &mut Vec<(String, &'v str)>) {
    match value {
        Value::String(text) => out.push((path, text)),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, format!("{path}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                strings(item, format!("{path}.{key}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_template_of_the_pages_and_their_shared_data_is_in_the_subset() {
    let mut pages = Vec::new();
    files(
        &docs().join("_developer-files/connect/api/objects/form-properties"),
        &mut pages,
    );
    let mut data = Vec::new();
    files(&docs().join("_data/connect/common"), &mut data);
    let mut read = 0;
    let mut unreadable = Vec::new();
    let mut outside = Vec::new();
    let mut templates = 0;
    for file in pages.iter().chain(&data) {
        let text = fs::read_to_string(file).unwrap();
        let value = if file.extension().is_some_and(|e| e == "md") {
            // As Jekyll reads it: Xero's duplicated key keeps its later value.
            page_front_matter_keeping_last(file, &text).map(|(value, _, _)| value)
        } else {
            data_file(file, &text)
        };
        let value = match value {
            Ok(value) => value,
            Err(error) => {
                unreadable.push(error.to_string());
                continue;
            }
        };
        read += 1;
        let mut found = Vec::new();
        strings(&value, "$".to_owned(), &mut found);
        for (path, text) in found {
            if text.contains("{{") || text.contains("{%") {
                templates += 1;
            }
            if let Err(error) = check(text) {
                outside.push(format!("{}: {path}: {error}", file.display()));
            }
        }
    }
    assert!(outside.is_empty(), "{outside:#?}");
    assert_eq!((pages.len(), data.len()), (142, 3));
    println!("{read} files read, {templates} templates checked");
    assert!(unreadable.is_empty(), "{unreadable:#?}");
    assert_eq!(read, 145);
    assert_eq!(templates, 435);
}
