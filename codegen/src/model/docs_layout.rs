//! `spec/docs-layout.json`: what the documentation site's layout gives the connector pages'
//! templates, recorded because the layout itself is not in the capture. Each entry sets one
//! variable of the render context, from a value or from an expression over what the capture
//! holds, with the reason a reviewer can check.

use std::path::Path;

use serde_json::Value;

use crate::error::SpecError;
use crate::json::{self, At};

/// The file, relative to the spec root.
pub const DOCS_LAYOUT_FILE: &str = "docs-layout.json";

/// How a variable gets its value.
#[derive(Debug, Clone, PartialEq)]
pub enum VariableSource {
    /// This value (`null` renders as nothing, whatever is read through it).
    Value(Value),
    /// A Liquid expression over the page's context (`form-property`, `integration-page`,
    /// `site`), then an optional conversion. A key the context's objects lack reads as `nil`,
    /// as Liquid reads it: a destination's data has no `permalink`, a SaaS integration no
    /// `port`.
    From {
        /// The expression.
        expression: String,
        /// What to make of its value.
        conversion: Option<Conversion>,
    },
}

/// A conversion the layout applies that Liquid's filters cannot say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conversion {
    /// `"30 minutes"`, `"1 hour"`, `"24 hours"` → the number of minutes as text (`"1440"`).
    Minutes,
}

/// One variable the layout sets.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutVariable {
    /// Its dotted path in the context (`doc-link`, `site.baseurl`, `form-property.x`).
    pub name: String,
    /// Where its value comes from.
    pub source: VariableSource,
    /// Why, in words a reviewer can check.
    pub reason: String,
    /// The JSON path of the entry, for errors about it.
    pub path: String,
}

/// A key a connector page writes twice, accepted as Jekyll reads it (the later value stands).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedDuplicate {
    /// The page, relative to the spec root.
    pub file: String,
    /// The key.
    pub key: String,
    /// Why the later value may stand.
    pub reason: String,
}

/// A template of a page the site renders by accident of its lax parser (`{{ {{ x }} }}`),
/// mended before rendering: `find` replaced by `replace` in the string at `path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateRepair {
    /// The page, relative to the spec root.
    pub file: String,
    /// The JSON path of the string in the page's front matter.
    pub path: String,
    /// The text to replace (it must occur).
    pub find: String,
    /// What replaces it.
    pub replace: String,
    /// Whether only the `find` that ends the string is replaced (a text cut short, whose
    /// ending occurs earlier too).
    pub at_end: bool,
    /// Why.
    pub reason: String,
}

/// The layout's decisions.
#[derive(Debug, Clone, PartialEq)]
pub struct DocsLayout {
    /// The published site's root: a link the pages write as a site path (`/integrations/…`)
    /// is made absolute with it.
    pub published_root: String,
    /// Why that root.
    pub published_root_reason: String,
    /// The variables, set in this order (a later one may read an earlier one).
    pub variables: Vec<LayoutVariable>,
    /// Keys connector pages write twice, each accepted with a reason.
    pub duplicate_keys: Vec<RecordedDuplicate>,
    /// Templates mended before rendering, each with a reason.
    pub template_repairs: Vec<TemplateRepair>,
}

/// Loads `docs-layout.json`.
///
/// # Errors
/// Unreadable JSON, a missing or mistyped key, an entry with both or neither of `value` and
/// `from`, an unknown conversion, an empty reason, or one variable set twice.
pub fn parse_docs_layout(file: &Path, text: &str) -> Result<DocsLayout, SpecError> {
    let value = json::parse(file, text)?;
    let root = At::root(file, &value);
    let mut obj = root.object()?;
    obj.opt_str("about")?;
    let mut published = obj.required("published_root")?.object()?;
    let published_root = published.req_non_empty("value")?;
    let published_root_reason = published.req_non_empty("reason")?;
    published.deny_unknown()?;
    let mut variables: Vec<LayoutVariable> = Vec::new();
    for entry_at in obj.required("variables")?.array()? {
        let mut entry = entry_at.object()?;
        let name = entry.req_non_empty("name")?;
        let value = entry.get("value");
        let from = entry.opt_str("from")?;
        let conversion = match entry.get("conversion") {
            None => None,
            Some(at) => match at.string()? {
                "minutes" => Some(Conversion::Minutes),
                other => {
                    return Err(at.error(format!(
                        "unknown conversion \"{other}\" (expected \"minutes\")"
                    )));
                }
            },
        };
        let source = match (value, from) {
            (Some(value), None) if conversion.is_none() => {
                VariableSource::Value(value.value().clone())
            }
            (None, Some(expression)) => VariableSource::From {
                expression: expression.to_owned(),
                conversion,
            },
            _ => {
                return Err(entry_at.error(
                    "an entry has exactly one of \"value\" and \"from\" (a conversion goes with \"from\")",
                ));
            }
        };
        let reason = entry.req_non_empty("reason")?;
        entry.deny_unknown()?;
        if variables.iter().any(|v| v.name == name) {
            return Err(entry_at.error(format!("the variable \"{name}\" is set twice")));
        }
        variables.push(LayoutVariable {
            name,
            source,
            reason,
            path: entry_at.path().to_owned(),
        });
    }
    let mut duplicate_keys = Vec::new();
    if let Some(list) = obj.get("duplicate_keys") {
        for entry_at in list.array()? {
            let mut entry = entry_at.object()?;
            duplicate_keys.push(RecordedDuplicate {
                file: entry.req_non_empty("file")?,
                key: entry.req_non_empty("key")?,
                reason: entry.req_non_empty("reason")?,
            });
            entry.deny_unknown()?;
        }
    }
    let mut template_repairs = Vec::new();
    if let Some(list) = obj.get("template_repairs") {
        for entry_at in list.array()? {
            let mut entry = entry_at.object()?;
            template_repairs.push(TemplateRepair {
                file: entry.req_non_empty("file")?,
                path: entry.req_non_empty("path")?,
                find: entry.req_non_empty("find")?,
                replace: entry.req_str("replace")?.to_owned(),
                at_end: entry.opt_bool("at_end")?.unwrap_or(false),
                reason: entry.req_non_empty("reason")?,
            });
            entry.deny_unknown()?;
        }
    }
    obj.deny_unknown()?;
    Ok(DocsLayout {
        published_root,
        published_root_reason,
        variables,
        duplicate_keys,
        template_repairs,
    })
}
