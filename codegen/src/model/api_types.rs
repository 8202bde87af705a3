//! `spec/api-types.json`: what the API reference says only in prose, or says wrongly, about the
//! types of its objects, decided once with a reason a reviewer can check. Everything else is
//! read from the reference (`spec/api/`) or inferred from its examples.

use std::path::Path;

use crate::error::SpecError;
use crate::json::{self, At, Obj};

/// The file, relative to the spec root.
pub const API_TYPES_FILE: &str = "api-types.json";

/// A decision about one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectDecision {
    /// The object's title (and version, `Destination v3`).
    pub object: String,
    /// Its Rust name, when the title's would mislead.
    pub rust_name: Option<String>,
    /// The object is this other one (its page documents a wrapper its examples do not show).
    pub same_as: Option<String>,
    /// Where in its examples the object is: the value under this key (or each item, when that
    /// value is a list).
    pub example_at: Option<String>,
    /// Why.
    pub reason: String,
    /// The JSON path of the entry.
    pub path: String,
}

/// A decision about one attribute (`Object.attribute`, nested `Object.a.b`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeDecision {
    /// `Object.attribute`.
    pub at: String,
    /// The key on the wire, when the reference names it otherwise.
    pub key: Option<String>,
    /// The type, when the reference's is wrong: a documented type word (`object`, `string`,
    /// ...) or an object's title.
    pub doc_type: Option<String>,
    /// An array's item type: a documented type word or an object's title.
    pub items: Option<String>,
    /// Object titles whose attributes this object holds together (a value that is one or the
    /// other, by a sibling the type does not model).
    pub union_of: Vec<String>,
    /// Whether the value is a secret.
    pub secret: bool,
    /// Whether the value may be absent or null though every example has it.
    pub optional: bool,
    /// The Rust name of the struct made for the value (a union, a nested object).
    pub rust_name: Option<String>,
    /// The value is a connection's properties, typed by connection type as this use of them.
    pub properties: Option<PropertiesUse>,
    /// Why.
    pub reason: String,
    /// The JSON path of the entry.
    pub path: String,
}

/// Which properties a body holds: each connection type has a struct per use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PropertiesUse {
    /// As the API returns them (credentials absent, read-only values present), typed by the
    /// object's `type`.
    Response,
    /// Those a create request sends, typed by the body's `type`.
    Create,
    /// Those an update request sends (any subset of the settable ones): the body does not
    /// say its type, so they are typed when the caller gives it.
    Update,
}

/// An identifier type: which attributes and path parameters hold one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdDecision {
    /// The Rust name (`SourceId`).
    pub name: String,
    /// `integer` or `string`.
    pub repr: String,
    /// The attributes (`Object.attribute`) and parameter names (bare) that hold it.
    pub holders: Vec<String>,
    /// Why.
    pub reason: String,
    /// The JSON path of the entry.
    pub path: String,
}

/// A decision about one endpoint (`v4 create-a-source`: version and key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointDecision {
    /// `v{version} {key}`.
    pub endpoint: String,
    /// What a success returns, when the `returns` text names no object: `example` (a struct
    /// of the response example's keys), `empty`, `redirect`, `list of {type}`.
    pub response: Option<String>,
    /// For an `example` response: the item type of a list key (`post_load` → an object's
    /// title).
    pub items: Vec<(String, String)>,
    /// For an `example` response: the keys that are secrets.
    pub secrets: Vec<String>,
    /// The documented request's body is refused by the typed properties, at these JSON
    /// pointers (the example contradicts the report card).
    pub refused_request: Vec<String>,
    /// Why.
    pub reason: String,
    /// The JSON path of the entry.
    pub path: String,
}

/// Everything `api-types.json` decides.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApiTypeDecisions {
    /// Per object.
    pub objects: Vec<ObjectDecision>,
    /// Per attribute.
    pub attributes: Vec<AttributeDecision>,
    /// Identifier types.
    pub ids: Vec<IdDecision>,
    /// Per endpoint.
    pub endpoints: Vec<EndpointDecision>,
}

/// A Rust type name a decision gives: an identifier, UpperCamelCase.
fn rust_name(obj: &mut Obj<'_>, key: &str) -> Result<Option<String>, SpecError> {
    let Some(at) = obj.get(key) else {
        return Ok(None);
    };
    let name = at.string()?;
    let valid = name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && syn::parse_str::<syn::Ident>(name).is_ok();
    if !valid {
        return Err(at.error(format!(
            "{name:?} is not a Rust type name (UpperCamelCase letters and digits)"
        )));
    }
    Ok(Some(name.to_owned()))
}

/// `properties`: `create` or `update` (a response's properties are read from the reference's
/// sub-type).
fn properties_use(obj: &mut Obj<'_>) -> Result<Option<PropertiesUse>, SpecError> {
    let Some(at) = obj.get("properties") else {
        return Ok(None);
    };
    match at.string()? {
        "create" => Ok(Some(PropertiesUse::Create)),
        "update" => Ok(Some(PropertiesUse::Update)),
        other => Err(at.error(format!(
            "expected \"create\" or \"update\", found {other:?}"
        ))),
    }
}

fn strings(obj: &mut Obj<'_>, key: &str) -> Result<Vec<String>, SpecError> {
    match obj.get(key) {
        None => Ok(Vec::new()),
        Some(at) => at
            .array()?
            .iter()
            .map(|item| item.string().map(str::to_owned))
            .collect(),
    }
}

/// Loads `api-types.json`.
///
/// # Errors
/// Malformed JSON, a missing or mistyped key, an empty reason, an id whose `repr` is neither
/// `integer` nor `string`.
pub fn parse_api_types(file: &Path, text: &str) -> Result<ApiTypeDecisions, SpecError> {
    let value = json::parse(file, text)?;
    let root = At::root(file, &value);
    let mut obj = root.object()?;
    obj.opt_str("about")?;
    let mut decisions = ApiTypeDecisions::default();
    if let Some(list) = obj.get("objects") {
        for at in list.array()? {
            let mut entry = at.object()?;
            decisions.objects.push(ObjectDecision {
                object: entry.req_non_empty("object")?,
                rust_name: rust_name(&mut entry, "rust_name")?,
                same_as: entry.opt_str("same_as")?.map(str::to_owned),
                example_at: entry.opt_str("example_at")?.map(str::to_owned),
                reason: entry.req_non_empty("reason")?,
                path: at.path().to_owned(),
            });
            entry.deny_unknown()?;
        }
    }
    if let Some(list) = obj.get("attributes") {
        for at in list.array()? {
            let mut entry = at.object()?;
            decisions.attributes.push(AttributeDecision {
                at: entry.req_non_empty("at")?,
                key: entry.opt_str("key")?.map(str::to_owned),
                doc_type: entry.opt_str("type")?.map(str::to_owned),
                items: entry.opt_str("items")?.map(str::to_owned),
                union_of: strings(&mut entry, "union_of")?,
                secret: entry.opt_bool("secret")?.unwrap_or(false),
                optional: entry.opt_bool("optional")?.unwrap_or(false),
                rust_name: rust_name(&mut entry, "rust_name")?,
                properties: properties_use(&mut entry)?,
                reason: entry.req_non_empty("reason")?,
                path: at.path().to_owned(),
            });
            entry.deny_unknown()?;
        }
    }
    if let Some(list) = obj.get("ids") {
        for at in list.array()? {
            let mut entry = at.object()?;
            let repr_at = entry.required("repr")?;
            let repr = repr_at.string()?;
            if repr != "integer" && repr != "string" {
                return Err(repr_at.error("expected \"integer\" or \"string\""));
            }
            decisions.ids.push(IdDecision {
                name: rust_name(&mut entry, "name")?
                    .ok_or_else(|| at.error("missing required key \"name\""))?,
                repr: repr.to_owned(),
                holders: strings(&mut entry, "holders")?,
                reason: entry.req_non_empty("reason")?,
                path: at.path().to_owned(),
            });
            entry.deny_unknown()?;
        }
    }
    if let Some(list) = obj.get("endpoints") {
        for at in list.array()? {
            let mut entry = at.object()?;
            let mut items = Vec::new();
            if let Some(map) = entry.get("items") {
                let map_obj = map.object()?;
                for (key, path, value) in map_obj.rest() {
                    let Some(title) = value.as_str() else {
                        return Err(SpecError::at(at.file(), path, "expected an object's title"));
                    };
                    items.push((key, title.to_owned()));
                }
            }
            decisions.endpoints.push(EndpointDecision {
                endpoint: entry.req_non_empty("endpoint")?,
                response: entry.opt_str("response")?.map(str::to_owned),
                items,
                secrets: strings(&mut entry, "secrets")?,
                refused_request: strings(&mut entry, "refused_request")?,
                reason: entry.req_non_empty("reason")?,
                path: at.path().to_owned(),
            });
            entry.deny_unknown()?;
        }
    }
    obj.deny_unknown()?;
    Ok(decisions)
}
