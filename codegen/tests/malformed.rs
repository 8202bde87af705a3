//! Malformed spec input, as data: each folder of `tests/malformed/` is one broken input and the
//! error it must give, and one runner checks them all. The error names the file, the location
//! (a JSON path, a line, or the file as a whole) and the problem, and nothing panics.
//!
//! A case folder holds `case.json`:
//! - `loader`: `report-card`, `provenance`, `connector`, `connection-types`, `raw-reference`
//!   (each reads `input.json` or `input.txt`), or `spec` (reads the tree under `spec/`);
//! - `file`: the path the error names (for `spec`, relative to the case's `spec/`);
//! - `location`: a JSON path (`$.steps[0]`), `line N`, or `file`;
//! - `problem`: words the problem must contain;
//! - `notices` (report cards only, default 0): how many notices the loader gives on the way.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use stitch_codegen::import::reference::import_reference;
use stitch_codegen::model::reference::{parse_connection_types, parse_connector};
use stitch_codegen::model::report_card::parse_report_card;
use stitch_codegen::spec::{load_spec, parse_provenance};
use stitch_codegen::{Location, SpecError};

/// One case folder, read.
struct Case {
    folder: PathBuf,
    loader: String,
    file: PathBuf,
    location: Location,
    problem: Vec<String>,
    notices: usize,
}

fn read_case(folder: &Path) -> Case {
    let text = fs::read_to_string(folder.join("case.json"))
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
    let value: Value = serde_json::from_str(&text).unwrap();
    let field = |key: &str| {
        value[key]
            .as_str()
            .unwrap_or_else(|| panic!("{}: case.json has no string {key:?}", folder.display()))
            .to_owned()
    };
    let location = match field("location").as_str() {
        "file" => Location::File,
        line if line.starts_with("line ") => Location::Line(line[5..].parse().unwrap()),
        path if path.starts_with('$') => Location::JsonPath(path.to_owned()),
        other => panic!("{}: unknown location {other:?}", folder.display()),
    };
    let loader = field("loader");
    let file = if loader == "spec" {
        folder.join("spec").join(field("file"))
    } else {
        PathBuf::from(field("file"))
    };
    Case {
        folder: folder.to_owned(),
        loader,
        file,
        location,
        problem: value["problem"]
            .as_array()
            .unwrap()
            .iter()
            .map(|word| word.as_str().unwrap().to_owned())
            .collect(),
        notices: value["notices"]
            .as_u64()
            .map_or(0, |n| usize::try_from(n).unwrap()),
    }
}

/// Runs the case's loader: its error, or what it loaded (in words, for the failure message),
/// and how many notices a report card gave.
fn run(case: &Case) -> (Result<String, SpecError>, usize) {
    let input = |name: &str| fs::read_to_string(case.folder.join(name)).unwrap();
    let shown = |value: &dyn std::fmt::Debug| format!("{value:?}");
    let file = case.file.as_path();
    match case.loader.as_str() {
        "report-card" => {
            let mut notices = Vec::new();
            let result = parse_report_card(file, &input("input.json"), &mut notices);
            (result.map(|v| shown(&v)), notices.len())
        }
        "provenance" => (
            parse_provenance(file, &input("input.json")).map(|v| shown(&v)),
            0,
        ),
        "connector" => (
            parse_connector(file, &input("input.json")).map(|v| shown(&v)),
            0,
        ),
        "connection-types" => (
            parse_connection_types(file, &input("input.json")).map(|v| shown(&v)),
            0,
        ),
        "raw-reference" => (
            import_reference(file, &input("input.txt")).map(|v| shown(&v)),
            0,
        ),
        "spec" => (load_spec(&case.folder.join("spec")).map(|v| shown(&v)), 0),
        other => panic!("{}: unknown loader {other:?}", case.folder.display()),
    }
}

#[test]
fn every_malformed_input_gives_its_error() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/malformed");
    let mut folders: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    folders.sort();
    let mut failures = Vec::new();
    for folder in &folders {
        let case = read_case(folder);
        let name = folder.file_name().unwrap().to_string_lossy().into_owned();
        let (result, notices) = run(&case);
        let error = match result {
            Ok(loaded) => {
                failures.push(format!("{name}: loaded, expected an error: {loaded}"));
                continue;
            }
            Err(error) => error,
        };
        let mut wrong = Vec::new();
        if error.file != case.file {
            wrong.push(format!("file {}", error.file.display()));
        }
        if error.location != case.location {
            wrong.push(format!("location {}", error.location));
        }
        for word in &case.problem {
            if !error.problem.contains(word.as_str()) {
                wrong.push(format!("no {word:?}"));
            }
        }
        if notices != case.notices {
            wrong.push(format!("{notices} notices"));
        }
        // The message shows file, location and problem, in that order.
        let shown = error.to_string();
        if !shown.starts_with(&case.file.display().to_string())
            || (case.location != Location::File && !shown.contains(&case.location.to_string()))
            || !shown.ends_with(&error.problem)
        {
            wrong.push(format!("shown as {shown:?}"));
        }
        if !wrong.is_empty() {
            failures.push(format!("{name}: {} ({error})", wrong.join(", ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every loader has cases.
    for loader in [
        "report-card",
        "provenance",
        "connector",
        "connection-types",
        "raw-reference",
        "spec",
    ] {
        let count = folders
            .iter()
            .filter(|folder| read_case(folder).loader == loader)
            .count();
        assert!(count > 0, "no case reads {loader}");
    }
}
