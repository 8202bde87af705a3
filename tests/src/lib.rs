#![doc = include_str!("../../README.md")]
//!
//! Shared helpers for the cross-crate integration tests.

use std::path::{Path, PathBuf};

mod rng;
pub mod schema_values;
pub mod values;

pub use rng::Rng;

/// The workspace root (tests run with the package directory as working directory).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from(".."), Path::to_path_buf)
}

/// The `spec/` folder.
pub fn spec_root() -> PathBuf {
    workspace_root().join("spec")
}

/// The first example of an object page of the API reference, as JSON
/// (`spec/api/objects/{page}.json`).
///
/// # Panics
/// When the page or its example is missing.
#[allow(clippy::unwrap_used, clippy::expect_used)]
pub fn reference_example(page: &str) -> serde_json::Value {
    let path = spec_root().join("api/objects").join(format!("{page}.json"));
    let object: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    object["examples"][0]["json"].clone()
}

/// Writes a generated crate (`files`, from `stitch_codegen::generate`) to `root` as a
/// crate of its own outside the workspace: the generated files, the hand-written support, a
/// path dependency on the workspace's runtime crate, a README, and the workspace's `Cargo.lock` (so that it builds with the same dependency
/// versions).
///
/// # Panics
/// When a file cannot be written.
#[allow(clippy::unwrap_used)]
pub fn write_generated_crate(files: &[stitch_codegen::output::OutputFile], root: &Path) {
    let _ = std::fs::remove_dir_all(root);
    let workspace = workspace_root();
    for file in files {
        let path = root.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let contents = if file.path == Path::new("Cargo.toml") {
            file.contents
                .replace("rust-version.workspace = true", "")
                .replace("version.workspace = true", "version = \"0.0.0\"")
                .replace("edition.workspace = true", "edition = \"2024\"")
                .replace("license.workspace = true", "")
                .replace("publish.workspace = true", "publish = false")
                .replace("publish = true", "publish = false")
                .replace("[lints]\nworkspace = true\n", "[workspace]\n")
                .replace(
                    "stitch-connect-runtime.workspace = true",
                    &format!(
                        "stitch-connect-runtime = {{ path = {:?} }}",
                        workspace.join("generated/runtime")
                    ),
                )
        } else {
            file.contents.clone()
        };
        std::fs::write(path, contents).unwrap();
    }
    copy_dir(
        &workspace.join("generated/src/support"),
        &root.join("src/support"),
    );
    // The crate's README is its doctest of Recurly, which a generated test crate lacks.
    std::fs::write(
        root.join("README.md"),
        "A generated crate of a test spec.\n",
    )
    .unwrap();
    std::fs::copy(workspace.join("Cargo.lock"), root.join("Cargo.lock")).unwrap();
}

/// Writes what a spec folder at `root` needs besides its cards: an empty reference (table and
/// connectors), no resolutions, an empty curation.
///
/// # Panics
/// When a file cannot be written.
#[allow(clippy::unwrap_used)]
pub fn write_spec_scaffold(root: &Path) {
    let write = |relative: &str, text: &str| {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("reference/connection-types.json", "[]");
    std::fs::create_dir_all(root.join("reference/connectors")).unwrap();
    write("resolutions.json", "[]");
    write(
        "curation.json",
        r#"{"credentials": {"names": [], "description_contains": [], "reason": "none"}, "prose_constraints": [], "examples": []}"#,
    );
}

/// Runs `cargo test` with `args` on a crate [`write_generated_crate`] wrote at `root` (its build
/// shared in the workspace's `target/generality`), asserts that it passes and that its own code
/// raises no warning (its dependencies' are not shown), and returns what the tests printed.
///
/// # Panics
/// When cargo cannot be run, the tests fail, or the crate warns.
#[allow(clippy::unwrap_used)]
pub fn test_generated_crate(root: &Path, args: &[&str]) -> String {
    let output = std::process::Command::new(env!("CARGO"))
        .arg("test")
        .arg("--manifest-path")
        .arg(root.join("Cargo.toml"))
        .args(args)
        .env(
            "CARGO_TARGET_DIR",
            workspace_root().join("target/generality"),
        )
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    stdout
}

/// Copies the directory `from` into `to`, recursively.
///
/// # Panics
/// When a file cannot be read or written.
#[allow(clippy::unwrap_used)]
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}
