//! Loads the whole of `spec/` into the plain model.
//!
//! Layout:
//! - `source-types/{type}/{capture}.json` and `destination-types/{type}/{capture}.json`: report
//!   cards exactly as the API returned them, each with `{capture}.provenance.json` beside it;
//! - `resolutions.json`: which capture wins where two captures of one type disagree;
//! - `curation.json`: secrets and prose constraints of connectors without a card, and reference
//!   examples that need a repair;
//! - `reference/connection-property-reference.txt`: the raw reference capture;
//! - `reference/connection-types.json` and `reference/connectors/{type}.json`: the structured
//!   reference written by `cargo xtask import-reference`;
//! - `docs-pages/{type}.json`: the documentation's connector pages, rendered into the same
//!   model by `cargo xtask import-docs`; where a type has both, the page is its documented
//!   connector (its prose keeps inline code the scraped reference lost);
//! - `release.json`: the last release of the generated crate (`cargo xtask release`), when
//!   there was one.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Notice, SpecError};
use crate::import::api_docs::API_LAYOUT_FILE;
use crate::import::docs_render::DOCS_PAGES_DIR;
use crate::import::reference::{CONNECTION_TYPES_FILE, CONNECTORS_DIR, connector_file};
use crate::json::{self, At};
use crate::model::api::{ApiModel, load_api_model};
use crate::model::api_types::{API_TYPES_FILE, ApiTypeDecisions, parse_api_types};
use crate::model::curation::{CURATION_FILE, Curation, parse_curation};
use crate::model::docs_layout::{DocsLayout, parse_docs_layout};
use crate::model::reference::{
    ConnectionTypeRow, Kind, ReferenceConnector, parse_connection_types, parse_connector,
};
use crate::model::release::{RELEASE_FILE, Release, parse_release};
use crate::model::report_card::{ReportCard, parse_report_card};
use crate::model::resolution::{RESOLUTIONS_FILE, Resolutions, parse_resolutions};

/// The folder of source report cards, relative to the spec root.
pub const SOURCE_TYPES_DIR: &str = "source-types";
/// The folder of destination report cards, relative to the spec root.
pub const DESTINATION_TYPES_DIR: &str = "destination-types";
/// The folder of the reference, relative to the spec root.
pub const REFERENCE_DIR: &str = "reference";
/// The raw reference capture, relative to the reference folder.
pub const RAW_REFERENCE_FILE: &str = "connection-property-reference.txt";
const PROVENANCE_SUFFIX: &str = ".provenance.json";

/// Where a capture came from and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// The request that returned it, e.g. `GET /v4/destination-types`.
    pub endpoint: String,
    /// The document or tool it was captured from.
    pub source: String,
    /// When it was captured (`YYYY-MM-DD`).
    pub captured_at: String,
    /// Anything a reviewer should know.
    pub notes: Option<String>,
    /// For a capture imported from a repository: where exactly it stands.
    pub origin: Option<Origin>,
}

/// The place in a repository a capture was copied from (written by `cargo xtask import-docs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// `owner/name` on GitHub.
    pub repository: String,
    /// The full commit id.
    pub commit: String,
    /// The file, relative to the repository.
    pub path: String,
    /// Where in the file: the position of the card in the documented list response.
    pub element: u64,
}

/// One captured report card.
#[derive(Debug, Clone, PartialEq)]
pub struct Capture {
    /// Source or destination.
    pub kind: Kind,
    /// The capture's name (its file stem), e.g. `api-reference-list`.
    pub name: String,
    /// The card's file.
    pub file: PathBuf,
    /// Where it came from.
    pub provenance: Provenance,
    /// The card.
    pub card: ReportCard,
}

/// Everything in `spec/`.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    /// Every report-card capture, sorted by kind and connection type (within a type, by
    /// capture file name). [`captures_of`](Self::captures_of) relies on it.
    pub captures: Vec<Capture>,
    /// The table of every connection type.
    pub connection_types: Vec<ConnectionTypeRow>,
    /// The documented connectors, sorted by API type: each type's connector page, else its
    /// scraped reference. [`connector`](Self::connector) relies on the order.
    pub connectors: Vec<ReferenceConnector>,
    /// The API types whose documented connector is a connector page (the rest are from the
    /// reference), sorted.
    pub from_pages: Vec<String>,
    /// How disagreeing captures are resolved (`resolutions.json`).
    pub resolutions: Resolutions,
    /// The resolutions file, for errors about its entries.
    pub resolutions_file: PathBuf,
    /// Judgement calls beyond the captures (`curation.json`).
    pub curation: Curation,
    /// The curation file, for errors about its entries.
    pub curation_file: PathBuf,
    /// The API reference (`api/`), empty when the spec has none.
    pub api: ApiModel,
    /// The decisions about the API's types (`api-types.json`), none when absent.
    pub api_types: ApiTypeDecisions,
    /// The API types file, for errors about its entries.
    pub api_types_file: PathBuf,
    /// The decisions the API reference's import applied (`api-layout.json`), for the drift
    /// report.
    pub api_layout: Option<DocsLayout>,
    /// The last release (`release.json`), when there was one.
    pub release: Option<Release>,
    /// Things kept but not understood; regen prints them.
    pub notices: Vec<Notice>,
}

impl Spec {
    /// The captures of one connection type, found by binary search (`captures` is sorted):
    /// the generator asks this for every type, and a scan would make regen quadratic.
    pub fn captures_of<'s>(
        &'s self,
        connection_type: &str,
    ) -> impl Iterator<Item = &'s Capture> + use<'s> {
        fn key(c: &Capture) -> (Kind, &str) {
            (c.kind, c.card.connection_type.as_str())
        }
        let range = |kind: Kind| {
            let start = self
                .captures
                .partition_point(|c| key(c) < (kind, connection_type));
            let end = self
                .captures
                .partition_point(|c| key(c) <= (kind, connection_type));
            &self.captures[start..end]
        };
        range(Kind::Source).iter().chain(range(Kind::Destination))
    }

    /// Whether the documented connector of `api_type` is its connector page (else the
    /// reference, or none).
    pub fn connector_is_page(&self, api_type: &str) -> bool {
        self.from_pages
            .binary_search_by(|t| t.as_str().cmp(api_type))
            .is_ok()
    }

    /// The file the documented connector of `api_type` was read from, relative to the
    /// workspace, for errors about it.
    pub fn connector_file(&self, api_type: &str) -> PathBuf {
        if self.connector_is_page(api_type) {
            Path::new("spec")
                .join(DOCS_PAGES_DIR)
                .join(format!("{api_type}.json"))
        } else {
            Path::new("spec")
                .join(REFERENCE_DIR)
                .join(connector_file(api_type))
        }
    }

    /// The documented connector of one API type, found by binary search (`connectors` is
    /// sorted): the generator asks this for every type, and a scan would make regen quadratic.
    pub fn connector(&self, api_type: &str) -> Option<&ReferenceConnector> {
        self.connectors
            .binary_search_by(|c| c.api_type.as_str().cmp(api_type))
            .ok()
            .map(|index| &self.connectors[index])
    }
}

/// Loads `spec/` from `root`. Errors name the file (as `root` joined with the file's path),
/// the JSON path and the problem.
pub fn load_spec(root: &Path) -> Result<Spec, SpecError> {
    let mut notices = Vec::new();
    let mut captures = Vec::new();
    for kind in [Kind::Source, Kind::Destination] {
        let dir = types_dir(kind);
        // A spec without any card of one kind may omit its folder.
        if !root.join(dir).exists() {
            continue;
        }
        for type_dir in sorted_entries(&root.join(dir))? {
            if !type_dir.is_dir() {
                return Err(SpecError::file(
                    &type_dir,
                    "expected only one folder per connection type here",
                ));
            }
            captures.extend(load_type_dir(&type_dir, kind, &mut notices)?);
        }
    }
    // By kind and type; a stable sort keeps each type's captures in file order. A type folder
    // holds cards of its own type, but the card's `type` decides.
    captures
        .sort_by(|a, b| (a.kind, &a.card.connection_type).cmp(&(b.kind, &b.card.connection_type)));
    let reference = root.join(REFERENCE_DIR);
    let types_file = reference.join(CONNECTION_TYPES_FILE);
    let connection_types = parse_connection_types(&types_file, &read(&types_file)?)?;
    let rows: HashMap<&str, &ConnectionTypeRow> = connection_types
        .iter()
        .map(|row| (row.api_type.as_str(), row))
        .collect();
    let mut connectors = Vec::new();
    // A spec whose types are all carded (or only listed) may omit the connectors folder.
    let connectors_dir = reference.join(CONNECTORS_DIR);
    let connector_files = if connectors_dir.exists() {
        sorted_entries(&connectors_dir)?
    } else {
        Vec::new()
    };
    for file in connector_files {
        let connector = parse_connector(&file, &read(&file)?)?;
        let expected = reference.join(connector_file(&connector.api_type));
        if file != expected {
            return Err(SpecError::at(
                &file,
                "$.api_type",
                format!(
                    "connector \"{}\" must live in {}",
                    connector.api_type,
                    expected.display()
                ),
            ));
        }
        match rows.get(connector.api_type.as_str()) {
            Some(row)
                if row.kind == connector.kind && row.display_name == connector.display_name => {}
            Some(row) => {
                return Err(SpecError::at(
                    &file,
                    "$",
                    format!(
                        "\"{}\" is a {} named \"{}\" in {}, but this file says a {} named \"{}\"",
                        row.api_type,
                        row.kind.as_str(),
                        row.display_name,
                        types_file.display(),
                        connector.kind.as_str(),
                        connector.display_name
                    ),
                ));
            }
            None => {
                return Err(SpecError::at(
                    &file,
                    "$.api_type",
                    format!(
                        "\"{}\" is not in {}",
                        connector.api_type,
                        types_file.display()
                    ),
                ));
            }
        }
        connectors.push(connector);
    }
    // The connector pages replace the reference's connectors of the same type.
    let mut from_pages = Vec::new();
    let pages_dir = root.join(DOCS_PAGES_DIR);
    let page_files = if pages_dir.exists() {
        sorted_entries(&pages_dir)?
    } else {
        Vec::new()
    };
    for file in page_files {
        let page = parse_connector(&file, &read(&file)?)?;
        if file.file_name() != Some(std::ffi::OsStr::new(&format!("{}.json", page.api_type))) {
            return Err(SpecError::at(
                &file,
                "$.api_type",
                format!(
                    "connector page \"{}\" must live in {}.json",
                    page.api_type, page.api_type
                ),
            ));
        }
        connectors.retain(|c: &ReferenceConnector| c.api_type != page.api_type);
        from_pages.push(page.api_type.clone());
        connectors.push(page);
    }
    from_pages.sort();
    // File names order the connectors almost by API type (`a-b.json` comes before `a.json`).
    connectors.sort_by(|a, b| a.api_type.cmp(&b.api_type));
    for capture in &captures {
        if !rows.contains_key(capture.card.connection_type.as_str()) {
            notices.push(Notice {
                file: capture.file.clone(),
                path: "$.type".to_owned(),
                message: format!(
                    "\"{}\" is not in the reference's connection type table (kept; the card is the truth)",
                    capture.card.connection_type
                ),
            });
        }
    }
    let resolutions_file = root.join(RESOLUTIONS_FILE);
    let resolutions = parse_resolutions(&resolutions_file, &read(&resolutions_file)?)?;
    let curation_file = root.join(CURATION_FILE);
    let curation = parse_curation(&curation_file, &read(&curation_file)?)?;
    let api = load_api_model(root)?;
    let api_types_file = root.join(API_TYPES_FILE);
    let api_types = if api_types_file.exists() {
        parse_api_types(&api_types_file, &read(&api_types_file)?)?
    } else {
        ApiTypeDecisions::default()
    };
    let api_layout_file = root.join(API_LAYOUT_FILE);
    let api_layout = if api_layout_file.exists() {
        Some(parse_docs_layout(
            &api_layout_file,
            &read(&api_layout_file)?,
        )?)
    } else {
        None
    };
    let release_file = root.join(RELEASE_FILE);
    let release = if release_file.exists() {
        Some(parse_release(&release_file, &read(&release_file)?)?)
    } else {
        None
    };
    notices.sort();
    Ok(Spec {
        captures,
        connection_types,
        connectors,
        from_pages,
        resolutions,
        resolutions_file,
        curation,
        curation_file,
        api,
        api_types,
        api_types_file,
        api_layout,
        release,
        notices,
    })
}

fn load_type_dir(
    type_dir: &Path,
    kind: Kind,
    notices: &mut Vec<Notice>,
) -> Result<Vec<Capture>, SpecError> {
    let type_name = type_dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    let entries = sorted_entries(type_dir)?;
    let mut captures = Vec::new();
    for file in &entries {
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if let Some(stem) = name.strip_suffix(PROVENANCE_SUFFIX) {
            let card = type_dir.join(format!("{stem}.json"));
            if !entries.contains(&card) {
                return Err(SpecError::file(
                    file,
                    format!(
                        "provenance without a capture: {} is missing",
                        card.display()
                    ),
                ));
            }
            continue;
        }
        let Some(stem) = name.strip_suffix(".json") else {
            return Err(SpecError::file(
                file,
                "unexpected file: a capture folder holds only {capture}.json and {capture}.provenance.json",
            ));
        };
        let provenance_file = type_dir.join(format!("{stem}{PROVENANCE_SUFFIX}"));
        if !entries.contains(&provenance_file) {
            return Err(SpecError::file(
                file,
                format!(
                    "capture without provenance: add {} saying where and when it was captured",
                    provenance_file.display()
                ),
            ));
        }
        let card = parse_report_card(file, &read(file)?, notices)?;
        if card.connection_type != type_name {
            return Err(SpecError::at(
                file,
                "$.type",
                format!(
                    "the card is for \"{}\" but lives in the folder of \"{type_name}\"",
                    card.connection_type
                ),
            ));
        }
        captures.push(Capture {
            kind,
            name: stem.to_owned(),
            file: file.clone(),
            provenance: parse_provenance(&provenance_file, &read(&provenance_file)?)?,
            card,
        });
    }
    if captures.is_empty() {
        return Err(SpecError::file(
            type_dir,
            "a connection type folder without any capture",
        ));
    }
    Ok(captures)
}

/// Loads a `{capture}.provenance.json` sidecar.
pub fn parse_provenance(file: &Path, text: &str) -> Result<Provenance, SpecError> {
    let value = json::parse(file, text)?;
    let root = At::root(file, &value);
    let mut obj = root.object()?;
    let endpoint = obj.req_str("endpoint")?.to_owned();
    let source = obj.req_str("source")?.to_owned();
    let captured_at_at = obj.required("captured_at")?;
    let captured_at = captured_at_at.string()?.to_owned();
    if !is_iso_date(&captured_at) {
        return Err(captured_at_at.error(format!(
            "captured_at must be a date YYYY-MM-DD, found \"{captured_at}\""
        )));
    }
    let notes = obj.opt_str("notes")?.map(str::to_owned);
    let origin = obj.get("origin").as_ref().map(parse_origin).transpose()?;
    obj.deny_unknown()?;
    Ok(Provenance {
        endpoint,
        source,
        captured_at,
        notes,
        origin,
    })
}

/// The folder of report cards of `kind`, relative to the spec root.
pub fn types_dir(kind: Kind) -> &'static str {
    match kind {
        Kind::Source => SOURCE_TYPES_DIR,
        Kind::Destination => DESTINATION_TYPES_DIR,
    }
}

/// A full git commit id (40 hex digits) at `at`.
///
/// # Errors
/// Anything else, at `at`.
pub fn commit_id(at: &At<'_>) -> Result<String, SpecError> {
    let commit = at.string()?;
    if commit.len() != 40 || !commit.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(at.error(format!(
            "commit must be a full commit id (40 hex digits), found \"{commit}\""
        )));
    }
    Ok(commit.to_owned())
}

fn parse_origin(at: &At<'_>) -> Result<Origin, SpecError> {
    let mut obj = at.object()?;
    let repository = obj.req_str("repository")?.to_owned();
    let commit = commit_id(&obj.required("commit")?)?;
    let path = obj.req_str("path")?.to_owned();
    let element = obj.required("element")?.unsigned()?;
    obj.deny_unknown()?;
    Ok(Origin {
        repository,
        commit,
        path,
        element,
    })
}

/// A real calendar date written `YYYY-MM-DD`.
fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let layout = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !layout {
        return false;
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Reads a text file; a failure names the file.
pub fn read(file: &Path) -> Result<String, SpecError> {
    fs::read_to_string(file).map_err(|e| SpecError::file(file, format!("cannot read: {e}")))
}

/// The entries of a folder, sorted by name, so that load order never depends on the machine.
pub fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, SpecError> {
    let entries =
        fs::read_dir(dir).map_err(|e| SpecError::file(dir, format!("cannot list: {e}")))?;
    let mut paths = entries
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| SpecError::file(dir, format!("cannot list: {e}")))?;
    paths.sort();
    Ok(paths)
}
