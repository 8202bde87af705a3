#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `cargo xtask import-docs`' card captures: each card of the documented list responses
//! becomes `{kind}-types/{type}/docs-list.json` (its text as the page holds it) with a
//! provenance naming repository, commit, page and position; a page it cannot use is an error
//! naming the page and the JSON path.

use std::fs;
use std::path::{Path, PathBuf};

use stitch_codegen::import::card_captures::{LIST_PAGES, card_captures, is_card_capture};
use stitch_codegen::spec::parse_provenance;

const COMMIT: &str = "0123456789abcdef0123456789abcdef01234567";

fn card(connection_type: &str) -> String {
    format!(
        r#"{{
  "type": "{connection_type}",
  "current_step": 1,
  "current_step_type": "form",
  "steps": [{{"type": "form", "properties": []}}]
}}"#
    )
}

/// A list page whose `Response` example holds `cards`.
fn page(cards: &[String]) -> String {
    let body = format!("[\n{}\n]", cards.join(",\n"));
    let indented: String = body.lines().map(|l| format!("      {l}\n")).collect();
    format!(
        "---\ntitle: \"List\"\nexamples:\n  - type: \"Request\"\n    code: \"\"\n\n  - type: \"Response\"\n    code: |\n{indented}---\n"
    )
}

/// A spec root with `docs/provenance.json` and both list pages.
fn spec_root(name: &str, sources: &[String], destinations: &[String]) -> PathBuf {
    let root = std::env::temp_dir().join(format!("card-captures-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let docs = root.join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(
        docs.join("provenance.json"),
        format!(
            r#"{{"repository": "owner/docs", "commit": "{COMMIT}", "commit_date": "2026-08-18", "files": {{}}}}"#
        ),
    )
    .unwrap();
    for ((_, path, _), cards) in LIST_PAGES.iter().zip([sources, destinations]) {
        let file = docs.join(path);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, page(cards)).unwrap();
    }
    root
}

#[test]
fn each_card_is_written_as_a_capture_with_its_origin() {
    let root = spec_root(
        "ok",
        &[card("platform.a"), card("platform.b")],
        &[card("warehouse")],
    );
    let files = card_captures(&root, &mut Vec::new()).unwrap();
    let paths: Vec<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    assert_eq!(
        paths,
        [
            Path::new("destination-types/warehouse/docs-list.json"),
            Path::new("destination-types/warehouse/docs-list.provenance.json"),
            Path::new("source-types/platform.a/docs-list.json"),
            Path::new("source-types/platform.a/docs-list.provenance.json"),
            Path::new("source-types/platform.b/docs-list.json"),
            Path::new("source-types/platform.b/docs-list.provenance.json"),
        ]
    );
    // The card's text as the YAML string holds it, then a newline.
    assert_eq!(files[4].contents, format!("{}\n", card("platform.b")));
    let provenance = parse_provenance(Path::new("p.json"), &files[5].contents).unwrap();
    assert_eq!(provenance.endpoint, "GET /v4/source-types");
    assert_eq!(provenance.captured_at, "2026-08-18");
    let origin = provenance.origin.unwrap();
    assert_eq!(origin.repository, "owner/docs");
    assert_eq!(origin.commit, COMMIT);
    assert_eq!(origin.path, LIST_PAGES[0].1);
    assert_eq!(origin.element, 1);
    // Only these files are the importer's: a seed capture beside them is not.
    assert!(is_card_capture(
        &root,
        &root.join("source-types/platform.a/docs-list.json")
    ));
    assert!(!is_card_capture(
        &root,
        &root.join("source-types/platform.a/api-reference.json")
    ));
    assert!(!is_card_capture(&root, &root.join("docs/docs-list.json")));
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn two_cards_of_one_type_in_a_list_are_an_error_at_the_second() {
    let root = spec_root("twice", &[card("platform.a"), card("platform.a")], &[]);
    let error = card_captures(&root, &mut Vec::new()).unwrap_err();
    assert!(error.to_string().contains(LIST_PAGES[0].1), "{error}");
    assert!(
        error
            .problem
            .contains("a second card of \"platform.a\", or of a type its folder name collides with (the first is at 0)"),
        "{error}"
    );
    assert!(error.to_string().contains("[1].type"), "{error}");
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn a_type_that_cannot_name_a_folder_is_an_error() {
    for bad in ["../escape", "a/b", ".."] {
        let root = spec_root("folder", &[card(bad)], &[]);
        let error = card_captures(&root, &mut Vec::new()).unwrap_err();
        assert!(
            error.problem.contains("cannot name a folder"),
            "{bad}: {error}"
        );
        let _ = fs::remove_dir_all(&root);
    }
}

#[test]
fn a_malformed_card_or_snapshot_is_an_error_naming_the_file() {
    let root = spec_root("bad-card", &[r#"{"type": 5}"#.to_owned()], &[]);
    let error = card_captures(&root, &mut Vec::new()).unwrap_err();
    assert!(error.to_string().contains(LIST_PAGES[0].1), "{error}");
    assert!(error.to_string().contains("[0].type"), "{error}");
    fs::write(root.join("docs/provenance.json"), r#"{"repository": "x"}"#).unwrap();
    let error = card_captures(&root, &mut Vec::new()).unwrap_err();
    assert!(error.to_string().contains("provenance.json"), "{error}");
    assert!(error.problem.contains("commit"), "{error}");
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn two_types_whose_folders_differ_only_in_case_are_an_error() {
    let root = spec_root("case", &[card("platform.a"), card("Platform.A")], &[]);
    let error = card_captures(&root, &mut Vec::new()).unwrap_err();
    assert!(error.problem.contains("\"Platform.A\""), "{error}");
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn a_short_commit_id_in_the_snapshot_is_an_error_there() {
    let root = spec_root("commit", &[card("platform.a")], &[]);
    fs::write(
        root.join("docs/provenance.json"),
        r#"{"repository": "owner/docs", "commit": "3f1ccba", "commit_date": "2026-08-18"}"#,
    )
    .unwrap();
    let error = card_captures(&root, &mut Vec::new()).unwrap_err();
    assert!(
        error.to_string().contains("docs/provenance.json"),
        "{error}"
    );
    assert!(error.to_string().contains("$.commit"), "{error}");
    let _ = fs::remove_dir_all(&root);
}
