//! The connector pages of the documentation source (`form-properties/**/{name}-object.md`):
//! each page's front matter read into a plain model, its texts still the Liquid templates the
//! page writes (`liquid.rs` renders them once the context is known).
//!
//! A page names its API type, kind (`form-type`), display name, the flags that decide which
//! shared properties it includes (`uses-start-date`, `uses-common-fields`, `db-type`, ...),
//! and its own properties per step: `object-attributes` (the form), `oauth-attributes`,
//! `client-credentials-attributes`; a property may list `subattributes` (the keys of its
//! objects). `override-attributes: true` says the page includes none of the shared
//! properties. A property key this model does not know is a notice, not an error (the pages
//! evolve); the page's other keys (titles, links, step descriptions, `source-type`,
//! `is-filesystem`, which no rule reads) stay in [`DocsPage::front_matter`] for the templates.

use std::path::Path;

use serde_json::Value;

use super::front_matter::page_front_matter;
use crate::error::{Notice, SpecError};
use crate::json::{At, Obj};
use crate::model::reference::Kind;

/// Which list of the page a property comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStep {
    /// `object-attributes`: the form step.
    Form,
    /// `oauth-attributes`: the OAuth step.
    Oauth,
    /// `client-credentials-attributes`: a client-credentials step.
    ClientCredentials,
}

impl PageStep {
    /// The page's key for the list.
    pub fn key(self) -> &'static str {
        match self {
            PageStep::Form => "object-attributes",
            PageStep::Oauth => "oauth-attributes",
            PageStep::ClientCredentials => "client-credentials-attributes",
        }
    }
}

/// One property a page documents.
#[derive(Debug, Clone, PartialEq)]
pub struct PageProperty {
    /// The wire name (a template: one shared name is written with an `if`).
    pub name: String,
    /// The list it comes from.
    pub step: PageStep,
    /// `type`, as written: `string`, `integer`, `boolean`, `array`, `object`, `string/integer`.
    pub documented_type: String,
    /// `required`.
    pub required: bool,
    /// `credential`.
    pub credential: bool,
    /// `read-only`.
    pub read_only: bool,
    /// `internal`: for Stitch use only.
    pub internal: bool,
    /// `description`, a Markdown template.
    pub description: String,
    /// `value`: the example value, a template.
    pub example: Option<String>,
    /// `subattributes`: the keys of the property's objects.
    pub sub_properties: Vec<PageProperty>,
    /// Its JSON path in the front matter.
    pub path: String,
}

/// The flags that decide which shared properties a page includes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageFlags {
    /// `uses-start-date`.
    pub start_date: bool,
    /// `uses-common-fields`: the fields every database source has, and those of its `db-type`.
    pub common_fields: bool,
    /// `uses-feature-fields`: the fields of the features its integration supports.
    pub feature_fields: bool,
    /// `uses-ssh-fields`.
    pub ssh_fields: bool,
    /// `override-attributes`: the page writes its example object itself.
    pub override_attributes: bool,
}

/// `deprecated`: since when, and what to use instead.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deprecation {
    /// `as-of`, as written (`June 2, 2021`).
    pub as_of: Option<String>,
    /// `use-instead`: the API type that replaces it.
    pub use_instead: Option<String>,
}

/// One connector page.
#[derive(Debug, Clone, PartialEq)]
pub struct DocsPage {
    /// `api-type`.
    pub api_type: String,
    /// `form-type`: source or destination.
    pub kind: Kind,
    /// `display-name`.
    pub display_name: String,
    /// `docs-name`: the integration's name in the documentation's other folders.
    pub docs_name: String,
    /// `db-type`, for database sources.
    pub db_type: Option<String>,
    /// `description`, a template.
    pub description: Option<String>,
    /// `deprecated` (`true`, or an object saying since when and what instead).
    pub deprecated: Option<Deprecation>,
    /// The include flags.
    pub flags: PageFlags,
    /// The page's own properties, in the order written (form, then OAuth, client
    /// credentials).
    pub properties: Vec<PageProperty>,
    /// The whole front matter: the templates' `form-property` variable.
    pub front_matter: Value,
}

/// Reads a connector page.
///
/// # Errors
/// Front matter that is not YAML the reader takes, a missing or mistyped key the model needs
/// (`api-type`, `form-type`, `display-name`, `docs-name`, each property's `name` and `type`), or
/// a `deprecated` object with keys other than `as-of` and `use-instead`, at its JSON path.
pub fn read_page(
    file: &Path,
    text: &str,
    notices: &mut Vec<Notice>,
) -> Result<DocsPage, SpecError> {
    let (front, _) = page_front_matter(file, text)?;
    page_from_front_matter(file, &front, notices)
}

/// Reads a connector page from its front matter, read already (duplicated keys the caller
/// has held to a decision).
///
/// # Errors
/// As [`read_page`], past the YAML.
pub fn page_from_front_matter(
    file: &Path,
    front: &Value,
    notices: &mut Vec<Notice>,
) -> Result<DocsPage, SpecError> {
    let root = At::root(file, front);
    let mut obj = root.object()?;
    let api_type = obj.req_non_empty("api-type")?;
    let kind_at = obj.required("form-type")?;
    let kind = match kind_at.string()? {
        "source" => Kind::Source,
        "destination" => Kind::Destination,
        other => {
            return Err(kind_at.error(format!(
                "expected \"source\" or \"destination\", found \"{other}\""
            )));
        }
    };
    let display_name = obj.req_non_empty("display-name")?;
    let docs_name = obj.req_non_empty("docs-name")?;
    let db_type = obj.nullable_str("db-type")?.map(str::to_owned);
    let description = obj.nullable_str("description")?.map(str::to_owned);
    let deprecated = match obj.nullable("deprecated") {
        None => None,
        Some(at) => match at.value() {
            Value::Bool(false) => None,
            Value::Bool(true) => Some(Deprecation::default()),
            _ => {
                let mut fields = at.object()?;
                let deprecation = Deprecation {
                    as_of: fields.nullable_str("as-of")?.map(str::to_owned),
                    use_instead: fields.nullable_str("use-instead")?.map(str::to_owned),
                };
                fields.deny_unknown()?;
                Some(deprecation)
            }
        },
    };
    let flags = PageFlags {
        start_date: obj.nullable_bool("uses-start-date")?.unwrap_or(false),
        common_fields: obj.nullable_bool("uses-common-fields")?.unwrap_or(false),
        feature_fields: obj.nullable_bool("uses-feature-fields")?.unwrap_or(false),
        ssh_fields: obj.nullable_bool("uses-ssh-fields")?.unwrap_or(false),
        override_attributes: obj.nullable_bool("override-attributes")?.unwrap_or(false),
    };
    let mut properties = Vec::new();
    for step in [PageStep::Form, PageStep::Oauth, PageStep::ClientCredentials] {
        if let Some(list) = obj.nullable(step.key()) {
            for item in list.array()? {
                properties.push(read_property(&item, step, &[], notices)?);
            }
        }
    }
    // The rest is page metadata (title, key, links, descriptions of steps): kept in
    // `front_matter` for the templates.
    Ok(DocsPage {
        api_type,
        kind,
        display_name,
        docs_name,
        db_type,
        description,
        deprecated,
        flags,
        properties,
        front_matter: front.clone(),
    })
}

/// Reads one property of a page's list, or of a shared list of the data (whose entries carry
/// keys for the site's other pages, `ignored` here).
///
/// # Errors
/// A missing or mistyped `name` or `type`, a flag that is not a boolean, at its JSON path.
pub fn read_property(
    at: &At<'_>,
    step: PageStep,
    ignored: &[&str],
    notices: &mut Vec<Notice>,
) -> Result<PageProperty, SpecError> {
    let mut obj = at.object()?;
    let name = obj.req_non_empty("name")?;
    let documented_type = obj.req_non_empty("type")?;
    let required = flag(&mut obj, "required")?;
    let credential = flag(&mut obj, "credential")?;
    let read_only = flag(&mut obj, "read-only")?;
    let internal = flag(&mut obj, "internal")?;
    let description = obj.nullable_str("description")?.unwrap_or("").to_owned();
    let example = obj.nullable("value").map(|value| match value.value() {
        Value::String(text) => text.clone(),
        // A bare YAML scalar (`value: 1`): its text.
        other => other.to_string(),
    });
    let mut sub_properties = Vec::new();
    if let Some(list) = obj.nullable("subattributes") {
        for item in list.array()? {
            sub_properties.push(read_property(&item, step, ignored, notices)?);
        }
    }
    for (key, path, _) in obj.rest() {
        if ignored.contains(&key.as_str()) {
            continue;
        }
        notices.push(Notice {
            file: at.file().to_path_buf(),
            path,
            message: format!("unknown property key \"{key}\" on \"{name}\" (kept as is)"),
        });
    }
    Ok(PageProperty {
        name,
        step,
        documented_type,
        required,
        credential,
        read_only,
        internal,
        description,
        example,
        sub_properties,
        path: at.path().to_owned(),
    })
}

/// A boolean the pages write as `true`/`false` or, now and then, as the string `"true"` /
/// `"false"`; absent or `null` is false.
fn flag(obj: &mut Obj<'_>, key: &str) -> Result<bool, SpecError> {
    let Some(at) = obj.nullable(key) else {
        return Ok(false);
    };
    match at.value() {
        Value::Bool(b) => Ok(*b),
        Value::String(text) if text == "true" => Ok(true),
        Value::String(text) if text == "false" => Ok(false),
        other => Err(at.error(format!("expected true or false, found {other}"))),
    }
}
