//! The documented report cards as spec captures: each card of the docs' list responses becomes
//! `{kind}-types/{type}/docs-list.json` (its text exactly as the list holds it) beside a
//! provenance naming the repository, commit, file and the card's position in the list.

use std::path::{Path, PathBuf};

use serde_json::json;

use super::docs_cards::list_cards;
use crate::error::{Notice, SpecError};
use crate::json::{self, At};
use crate::model::reference::Kind;
use crate::output::OutputFile;
use crate::spec::{DESTINATION_TYPES_DIR, SOURCE_TYPES_DIR, commit_id, read, types_dir};

/// The folder of the documentation capture, relative to the spec root.
pub const DOCS_DIR: &str = "docs";
/// The capture's own provenance (repository, commit, every file's blob id), in [`DOCS_DIR`].
pub const DOCS_PROVENANCE_FILE: &str = "provenance.json";
/// The capture name of every card written here.
pub const CAPTURE_NAME: &str = "docs-list";

/// The documented list responses: kind, page (relative to the repository), endpoint.
pub const LIST_PAGES: [(Kind, &str, &str); 2] = [
    (
        Kind::Source,
        "_developer-files/connect/api/objects/source-types/list-source-types.md",
        "GET /v4/source-types",
    ),
    (
        Kind::Destination,
        "_developer-files/connect/api/objects/destination-types/list-destination-types.md",
        "GET /v4/destination-types",
    ),
];

/// Which commit of which repository `docs/` copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocsSnapshot {
    /// `owner/name`.
    pub repository: String,
    /// The full commit id.
    pub commit: String,
    /// The commit's date, `YYYY-MM-DD`: when the documents say what they say.
    pub commit_date: String,
}

/// Reads `docs/provenance.json` (its file list is checked by the test suite, not here).
///
/// # Errors
/// Unreadable JSON or a missing `repository`, `commit` or `commit_date`.
pub fn read_snapshot(file: &Path, text: &str) -> Result<DocsSnapshot, SpecError> {
    let value = json::parse(file, text)?;
    let mut obj = At::root(file, &value).object()?;
    let repository = obj.req_str("repository")?.to_owned();
    let commit = commit_id(&obj.required("commit")?)?;
    Ok(DocsSnapshot {
        repository,
        commit,
        commit_date: obj.req_str("commit_date")?.to_owned(),
    })
}

/// Every card of both list pages under `spec_root/docs`, as capture files whose paths are
/// relative to `spec_root`, sorted by path.
///
/// # Errors
/// An unreadable page or snapshot, a card the loader refuses, two cards of one type in a list
/// (or two whose folder names differ only in case, which collide on some file systems), or a
/// type that cannot be a folder name; each names the page and the card's JSON path.
pub fn card_captures(
    spec_root: &Path,
    notices: &mut Vec<Notice>,
) -> Result<Vec<OutputFile>, SpecError> {
    let docs = spec_root.join(DOCS_DIR);
    let snapshot_file = docs.join(DOCS_PROVENANCE_FILE);
    let snapshot = read_snapshot(&snapshot_file, &read(&snapshot_file)?)?;
    let mut files = Vec::new();
    for (kind, page, endpoint) in LIST_PAGES {
        let file = docs.join(page);
        let cards = list_cards(&file, &read(&file)?, notices)?;
        let kind_dir = types_dir(kind);
        let mut seen = std::collections::BTreeMap::new();
        for card in cards {
            let name = &card.card.connection_type;
            let at = || format!("{}.type", card.path);
            if !is_folder_name(name) {
                return Err(SpecError::at(
                    &file,
                    at(),
                    format!("the type {name:?} cannot name a folder"),
                ));
            }
            if let Some(first) = seen.insert(name.to_lowercase(), card.index) {
                return Err(SpecError::at(
                    &file,
                    at(),
                    format!(
                        "a second card of {name:?}, or of a type its folder name collides with (the first is at {first})"
                    ),
                ));
            }
            let dir = PathBuf::from(kind_dir).join(name);
            let provenance = json!({
                "endpoint": endpoint,
                "source": format!(
                    "{}, the documented response of {endpoint} ({}): one element of the list",
                    snapshot.repository,
                    page.rsplit('/').next().unwrap_or(page),
                ),
                "captured_at": snapshot.commit_date,
                "notes": "Written by cargo xtask import-docs from spec/docs: the card's text as the \
                          page's YAML string holds it. Dated by the commit: a seed capture of the \
                          same type may be newer.",
                "origin": {
                    "repository": snapshot.repository,
                    "commit": snapshot.commit,
                    "path": page,
                    "element": card.index,
                },
            });
            let provenance = serde_json::to_string_pretty(&provenance)
                .map_err(|e| SpecError::file(&file, format!("cannot write a provenance: {e}")))?;
            files.push(OutputFile {
                path: dir.join(format!("{CAPTURE_NAME}.json")),
                contents: format!("{}\n", card.raw.trim_end()),
            });
            files.push(OutputFile {
                path: dir.join(format!("{CAPTURE_NAME}.provenance.json")),
                contents: format!("{provenance}\n"),
            });
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Whether `path` (under the spec root) is a file [`card_captures`] writes.
pub fn is_card_capture(spec_root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(spec_root) else {
        return false;
    };
    let parts: Vec<_> = relative.iter().filter_map(|p| p.to_str()).collect();
    let own = [
        format!("{CAPTURE_NAME}.json"),
        format!("{CAPTURE_NAME}.provenance.json"),
    ];
    matches!(parts.as_slice(), [kind, _, file]
        if (*kind == SOURCE_TYPES_DIR || *kind == DESTINATION_TYPES_DIR)
            && own.iter().any(|o| o == file))
}

/// One plain path component: not empty, not `.` or `..`, no separator or control character.
fn is_folder_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name
            .chars()
            .any(|c| c == '/' || c == '\\' || c == ':' || c.is_control())
}
