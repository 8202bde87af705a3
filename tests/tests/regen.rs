//! The checked-in `generated/` is what `spec/` produces, and regen is deterministic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use stitch_codegen::emit::{GENERATED_HEADER, MARKDOWN_HEADER, TOML_HEADER};
use stitch_codegen::pipeline::{RegenError, generate, regen};
use stitch_codegen::spec::load_spec;
use stitch_tests::{spec_root, workspace_root};

#[test]
fn generated_crate_is_up_to_date_with_spec() {
    let root = workspace_root().join("generated");
    let done = regen(&spec_root(), &root, true).unwrap_or_else(|e| panic!("{e}"));
    assert!(done.files > 0);
    assert!(
        done.changes.is_empty(),
        "run `cargo xtask regen`: {:?}",
        done.changes
    );
}

/// The whole pipeline into a fresh folder: it writes every file, a check then finds nothing
/// stale, an edited file is named, and a malformed spec stops it before anything is written.
#[test]
fn the_pipeline_writes_checks_and_stops_before_writing() {
    let root = std::env::temp_dir().join(format!("stitch-regen-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let written = regen(&spec_root(), &root, false).unwrap();
    assert_eq!(written.changes.len(), written.files);
    assert!(regen(&spec_root(), &root, true).unwrap().changes.is_empty());
    let lib = root.join("src/lib.rs");
    let original = std::fs::read_to_string(&lib).unwrap();
    std::fs::write(&lib, format!("{original}\n// edited\n")).unwrap();
    let stale = regen(&spec_root(), &root, true).unwrap().changes;
    assert_eq!(stale.len(), 1);
    assert!(stale[0].to_string().contains("lib.rs"), "{}", stale[0]);
    let broken = std::env::temp_dir().join(format!("stitch-regen-spec-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&broken);
    std::fs::create_dir_all(&broken).unwrap();
    assert!(matches!(
        regen(&broken, &root, false),
        Err(RegenError::Spec(_))
    ));
    assert!(
        std::fs::read_to_string(&lib)
            .unwrap()
            .ends_with("// edited\n")
    );
    let _ = std::fs::remove_dir_all(&root);
    let _ = std::fs::remove_dir_all(&broken);
}

#[test]
fn regen_is_byte_identical_from_one_run_to_the_next() {
    let first = generate(&load_spec(&spec_root()).unwrap()).unwrap();
    let second = generate(&load_spec(&spec_root()).unwrap()).unwrap();
    assert_eq!(first, second);
    for file in &first {
        let header = match file.path.extension().and_then(|e| e.to_str()) {
            Some("rs") => GENERATED_HEADER,
            Some("md") => MARKDOWN_HEADER,
            Some("toml") => TOML_HEADER,
            other => panic!("unexpected generated file kind {other:?}: {:?}", file.path),
        };
        assert!(
            file.contents.starts_with(&format!("{header}\n")),
            "{:?}",
            file.path
        );
    }
}
