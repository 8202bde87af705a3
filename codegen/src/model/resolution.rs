//! `spec/resolutions.json`: for a property on which two captures of one connection type
//! disagree, which capture wins and why. Without an entry, regen refuses to merge.

use std::path::Path;

use crate::error::SpecError;
use crate::json::{self, At};

/// The file, relative to the spec root.
pub const RESOLUTIONS_FILE: &str = "resolutions.json";

/// One resolved disagreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// The connection type, e.g. `postgres`.
    pub connection_type: String,
    /// The property the captures disagree on.
    pub property: String,
    /// The name of the capture whose version wins, e.g. `create-destination-guide`.
    pub winner: String,
    /// Why, in words a reviewer can check.
    pub reason: String,
    /// The JSON path of the entry, for errors about it.
    pub path: String,
}

/// Loads the resolutions file.
pub fn parse_resolutions(file: &Path, text: &str) -> Result<Vec<Resolution>, SpecError> {
    let value = json::parse(file, text)?;
    let root = At::root(file, &value);
    let mut resolutions: Vec<Resolution> = Vec::new();
    for entry_at in root.array()? {
        let mut obj = entry_at.object()?;
        let resolution = Resolution {
            connection_type: obj.req_non_empty("connection_type")?,
            property: obj.req_non_empty("property")?,
            winner: obj.req_non_empty("winner")?,
            reason: obj.req_non_empty("reason")?,
            path: entry_at.path().to_owned(),
        };
        obj.deny_unknown()?;
        if let Some(first) = resolutions.iter().find(|r| {
            r.connection_type == resolution.connection_type && r.property == resolution.property
        }) {
            return Err(entry_at.error(format!(
                "{} \"{}\" is already resolved at {}",
                resolution.connection_type, resolution.property, first.path
            )));
        }
        resolutions.push(resolution);
    }
    Ok(resolutions)
}
