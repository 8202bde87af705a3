//! The checked-in `generated/` is what `spec/` produces, and regen is deterministic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use stitch_codegen::emit::{
    GENERATED_HEADER, MARKDOWN_HEADER, TOML_HEADER, generate, is_generated,
};
use stitch_codegen::output::Managed;
use stitch_codegen::spec::load_spec;
use stitch_tests::{spec_root, workspace_root};

#[test]
fn generated_crate_is_up_to_date_with_spec() {
    let spec = load_spec(&spec_root()).unwrap_or_else(|e| panic!("{e}"));
    let files = generate(&spec).unwrap();
    let root = workspace_root().join("generated");
    let owns = |_: &std::path::Path, contents: &str| is_generated(contents);
    let stale = Managed {
        root: &root,
        owns: &owns,
    }
    .check(&files)
    .unwrap();
    assert!(stale.is_empty(), "run `cargo xtask regen`: {stale:?}");
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
