//! `spec/resolutions.json`: for a property on which two captures of one connection type
//! disagree, which capture wins and why; for a type captured as both a source and a destination,
//! which it is. Without an entry, regen refuses to merge.

use std::path::Path;

use crate::error::SpecError;
use crate::json::{self, At};
use crate::model::reference::Kind;

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

/// A connection type captured under both kinds (a card in `source-types/` and one in
/// `destination-types/`), and which kind it is: captures of the other kind are set aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindResolution {
    /// The connection type, e.g. `azure_sqldw`.
    pub connection_type: String,
    /// The kind it is.
    pub kind: Kind,
    /// Why, in words a reviewer can check.
    pub reason: String,
    /// The JSON path of the entry, for errors about it.
    pub path: String,
}

/// Every entry of the resolutions file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resolutions {
    /// Entries naming a `property` and the capture that wins it.
    pub properties: Vec<Resolution>,
    /// Entries naming the `kind` of a type captured under both.
    pub kinds: Vec<KindResolution>,
}

/// Loads the resolutions file: an array of entries, each either
/// `{connection_type, property, winner, reason}` or `{connection_type, kind, reason}`.
pub fn parse_resolutions(file: &Path, text: &str) -> Result<Resolutions, SpecError> {
    let value = json::parse(file, text)?;
    let root = At::root(file, &value);
    let mut resolutions = Resolutions::default();
    for entry_at in root.array()? {
        let mut obj = entry_at.object()?;
        let connection_type = obj.req_non_empty("connection_type")?;
        if let Some(kind_at) = obj.get("kind") {
            let kind = Kind::parse(&kind_at)?;
            let reason = obj.req_non_empty("reason")?;
            obj.deny_unknown()?;
            if let Some(first) = resolutions
                .kinds
                .iter()
                .find(|r| r.connection_type == connection_type)
            {
                return Err(entry_at.error(format!(
                    "the kind of {connection_type} is already decided at {}",
                    first.path
                )));
            }
            resolutions.kinds.push(KindResolution {
                connection_type,
                kind,
                reason,
                path: entry_at.path().to_owned(),
            });
            continue;
        }
        let resolution = Resolution {
            connection_type,
            property: obj.req_non_empty("property")?,
            winner: obj.req_non_empty("winner")?,
            reason: obj.req_non_empty("reason")?,
            path: entry_at.path().to_owned(),
        };
        obj.deny_unknown()?;
        if let Some(first) = resolutions.properties.iter().find(|r| {
            r.connection_type == resolution.connection_type && r.property == resolution.property
        }) {
            return Err(entry_at.error(format!(
                "{} \"{}\" is already resolved at {}",
                resolution.connection_type, resolution.property, first.path
            )));
        }
        resolutions.properties.push(resolution);
    }
    Ok(resolutions)
}
