#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Golden tests: each folder under `tests/golden/` holds a small fixture spec (`spec/`) and the
//! files the generator must produce from it (`expected/`). A difference fails with a diff of
//! the first lines that differ. To accept a change, run
//! `UPDATE_GOLDEN=1 cargo test -p stitch-tests --test golden` and review the diff.
//!
//! One fixture per feature (`enum`, `nested-object`, `oauth-step`, `secrets`, `shared-type`,
//! `deprecated-type`), and `tiny`, a bit of everything. Every expected crate is also compiled
//! on its own and its generated tests run (the secrets test of each credential field among
//! them).

use std::fs;
use std::path::{Path, PathBuf};

use stitch_codegen::generate;
use stitch_codegen::load_spec;

fn golden_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("golden")
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        let Ok(entries) = fs::read_dir(&next) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    found.sort();
    found
}

/// The first differing lines of two texts, with line numbers.
fn diff(expected: &str, actual: &str) -> String {
    let expected: Vec<&str> = expected.lines().collect();
    let actual: Vec<&str> = actual.lines().collect();
    let first = (0..expected.len().max(actual.len()))
        .find(|&i| expected.get(i) != actual.get(i))
        .unwrap_or(0);
    let mut out = String::new();
    for i in first..(first + 8) {
        if let Some(line) = expected.get(i) {
            out.push_str(&format!("-{:>5} {line}\n", i + 1));
        }
        if let Some(line) = actual.get(i) {
            out.push_str(&format!("+{:>5} {line}\n", i + 1));
        }
    }
    out
}

fn check_case(case: &Path) -> Vec<String> {
    let spec = load_spec(&case.join("spec")).unwrap_or_else(|e| panic!("{}: {e}", case.display()));
    let files = generate(&spec).unwrap_or_else(|e| panic!("{}: {e}", case.display()));
    let expected_dir = case.join("expected");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    if update {
        let _ = fs::remove_dir_all(&expected_dir);
        for file in &files {
            let path = expected_dir.join(&file.path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, &file.contents).unwrap();
        }
        return Vec::new();
    }
    let mut problems = Vec::new();
    for file in &files {
        match fs::read_to_string(expected_dir.join(&file.path)) {
            Ok(expected) if expected == file.contents => {}
            Ok(expected) => problems.push(format!(
                "{} differs:\n{}",
                file.path.display(),
                diff(&expected, &file.contents)
            )),
            Err(_) => problems.push(format!("{} is not expected", file.path.display())),
        }
    }
    for path in files_under(&expected_dir) {
        if !files.iter().any(|f| f.path == path) {
            problems.push(format!("{} is expected but not generated", path.display()));
        }
    }
    problems
}

#[test]
fn generator_output_matches_the_golden_files() {
    let mut cases: Vec<PathBuf> = fs::read_dir(golden_root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(!cases.is_empty());
    let mut problems = Vec::new();
    for case in &cases {
        for problem in check_case(case) {
            problems.push(format!("{}: {problem}", case.display()));
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n\nIf the change is intended: UPDATE_GOLDEN=1 cargo test -p stitch-tests --test golden",
        problems.join("\n")
    );
}

#[test]
fn every_golden_crate_compiles_and_passes_its_tests() {
    let mut cases: Vec<PathBuf> = fs::read_dir(golden_root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let spec = load_spec(&case.join("spec")).unwrap();
        let files = generate(&spec).unwrap();
        let root =
            std::env::temp_dir().join(format!("stitch-golden-{name}-{}", std::process::id()));
        stitch_tests::write_generated_crate(&files, &root);
        let stdout = stitch_tests::test_generated_crate(&root, &["--quiet", "--lib"]);
        let _ = fs::remove_dir_all(&root);
        // Not vacuous: the crate has generated tests, and they ran.
        let ran: usize = stdout
            .lines()
            .filter_map(|line| line.strip_prefix("test result: ok. "))
            .filter_map(|rest| rest.split(' ').next()?.parse::<usize>().ok())
            .sum();
        assert!(ran > 0, "{name}: no test ran\n{stdout}");
    }
    assert!(cases.len() >= 6, "{cases:?}");
}
