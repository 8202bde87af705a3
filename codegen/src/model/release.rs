//! `release.json`: the last release of the generated crate, written by `cargo xtask release`.
//! Its version, what its surface was (`drift::surface`), and the changelog sections of every
//! release so far, newest first. Regen compares the spec's surface with it to suggest the next
//! version and write `CHANGELOG.md`. A spec without the file has no release yet.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::drift::surface::Surface;
use crate::error::SpecError;

/// The file, in the spec folder.
pub const RELEASE_FILE: &str = "release.json";

/// The last release.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Release {
    /// Its version of `stitch-connect-schema`.
    pub version: String,
    /// Where its surface comes from, in words (the spec it was generated from).
    pub about: String,
    /// The changelog sections of the releases so far, newest first.
    pub history: Vec<Released>,
    /// The crate's surface at that release.
    pub surface: Surface,
}

/// One release's changelog section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Released {
    /// Its version.
    pub version: String,
    /// Its changes in Markdown, by class (`drift::report::full_list`), with its summary line.
    pub changes: String,
}

/// Reads `release.json` (`file`, for errors) from its text.
///
/// # Errors
/// Text that is not such a record, naming the line and column and what is wrong.
pub fn parse_release(file: &Path, text: &str) -> Result<Release, SpecError> {
    serde_json::from_str(text).map_err(|e| {
        SpecError::at_line(
            file,
            e.line(),
            format!("not a release record (column {}): {e}", e.column()),
        )
    })
}

/// The text of `release.json` for `release`.
///
/// # Errors
/// A record serde_json cannot write (not expected: strings, maps and JSON values).
pub fn release_text(release: &Release) -> Result<String, String> {
    let mut text = serde_json::to_string_pretty(release)
        .map_err(|e| format!("cannot write the release record: {e}"))?;
    text.push('\n');
    Ok(text)
}
