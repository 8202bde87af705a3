//! Shared helpers for the cross-crate integration tests.

use std::path::{Path, PathBuf};

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
