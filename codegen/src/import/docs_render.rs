//! The connector pages rendered as the published site shows them, into the structured connector
//! model the scraped reference also fills (`spec/docs-pages/{api_type}.json`): every property
//! with its type, status, step, description (Markdown, inline code kept) and example value,
//! sub-properties as the shape of nested values, and one example object per step.
//!
//! A page's own properties come after the shared ones the site's include logic adds (not in
//! the capture; `shared_lists` states the rule, which the tests check against the published
//! pages the reference scraped). Templates are rendered with the page as `form-property`, its
//! integration's page as `integration-page`, the captured data and integration pages as
//! `site`, and the variables `spec/docs-layout.json` records.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use super::card_captures::DOCS_DIR;
use super::docs_pages::{DocsPage, PageProperty, PageStep, page_from_front_matter, read_property};
use super::front_matter::{data_file, page_front_matter_keeping_last};
use super::liquid::{LiquidError, PageScope, evaluate_or_nil, render_in};
use super::markdown;
use crate::error::{Notice, SpecError};
use crate::json::At;
use crate::model::docs_layout::{
    Conversion, DOCS_LAYOUT_FILE, DocsLayout, VariableSource, parse_docs_layout,
};
use crate::model::reference::{
    DocDeprecation, DocType, Example, Kind, RefStep, ReferenceConnector, ReferenceProperty, Shape,
    ShapeField, Status, to_json_text,
};
use crate::output::OutputFile;
use crate::spec::{read, sorted_entries};

/// The folder of the rendered pages, relative to the spec root.
pub const DOCS_PAGES_DIR: &str = "docs-pages";
/// The connector pages, relative to the documentation capture.
pub const FORM_PAGES_DIR: &str = "_developer-files/connect/api/objects/form-properties";
/// The data folder of the capture (`site.data`).
const DATA_DIR: &str = "_data";
/// The integration collections (`site.saas-integrations`, `site.database-integrations`).
const COLLECTIONS: [(&str, &str); 2] = [
    ("_saas-integrations", "saas-integrations"),
    ("_database-integrations", "database-integrations"),
];
/// Keys of the shared lists' entries that serve the site's other pages.
const SHARED_ONLY_KEYS: [&str; 4] = ["category", "order", "short", "database"];

/// The captured site: data and integration pages, as the templates read them.
pub(super) struct Site {
    /// `site` of the render context.
    pub(super) value: Value,
    /// Each data file's dotted key (`connect.common.all-sources`) and path.
    pub(super) data_files: BTreeMap<String, PathBuf>,
}

/// Every connector page under `spec_root/docs`, rendered, as files relative to `spec_root`.
///
/// # Errors
/// An unreadable page, layout file or shared list; a template the Liquid subset cannot render;
/// a key a page writes twice without a recorded decision (or a decision nothing uses); two pages
/// of one API type; each located at its file and JSON path.
pub fn docs_pages(
    spec_root: &Path,
    notices: &mut Vec<Notice>,
) -> Result<Vec<OutputFile>, SpecError> {
    let layout_file = spec_root.join(DOCS_LAYOUT_FILE);
    let layout = parse_docs_layout(&layout_file, &read(&layout_file)?)?;
    let docs = spec_root.join(DOCS_DIR);
    let mut site = load_site(&docs, notices)?;
    // What the layout says of the site is set once; the rest is set for each page.
    let site_path = |name: &str| name.strip_prefix("site.").map(str::to_owned);
    for variable in &layout.variables {
        let Some(path) = site_path(&variable.name) else {
            continue;
        };
        let at = |key: &str| format!("{}.{key}", variable.path);
        let VariableSource::Value(value) = &variable.source else {
            return Err(SpecError::at(
                &layout_file,
                at("from"),
                "a variable of the site is set from a value (the site is the same for every page)",
            ));
        };
        let pointer = format!("/{}", path.replace('.', "/"));
        if site.value.pointer(&pointer).is_some() {
            return Err(SpecError::at(
                &layout_file,
                at("name"),
                format!(
                    "the capture holds {}: the decision that it is not captured is stale",
                    variable.name
                ),
            ));
        }
        if !set_context(&mut site.value, &path, value.clone()) {
            return Err(SpecError::at(
                &layout_file,
                at("name"),
                format!(
                    "\"{}\" runs through a value that is not an object",
                    variable.name
                ),
            ));
        }
    }
    let mut page_files = Vec::new();
    markdown_files(&docs.join(FORM_PAGES_DIR), &mut page_files)?;
    let mut decisions = LayoutUse::new(&layout, &layout_file);
    let mut by_type: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut files = Vec::new();
    let mut context = json!({ "site": std::mem::take(&mut site.value) });
    for file in page_files {
        let relative = file
            .strip_prefix(spec_root)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        let front = decisions.front_matter(&file, &relative)?;
        let page = page_from_front_matter(&file, &front, notices)?;
        if let Some(first) = by_type.insert(page.api_type.clone(), file.clone()) {
            return Err(SpecError::at(
                &file,
                "$.api-type",
                format!(
                    "a second page of {:?} (the first is {})",
                    page.api_type,
                    first.display()
                ),
            ));
        }
        let connector = render_page(&page, &file, &layout, &site, &mut context, notices)?;
        files.push(OutputFile {
            path: PathBuf::from(DOCS_PAGES_DIR).join(format!("{}.json", page.api_type)),
            contents: to_json_text(&connector),
        });
    }
    decisions.finish()?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Whether `path` (under the spec root) is a file [`docs_pages`] writes.
pub fn is_docs_page(spec_root: &Path, path: &Path) -> bool {
    path.strip_prefix(spec_root.join(DOCS_PAGES_DIR))
        .is_ok_and(|rest| rest.components().count() == 1)
        && path.extension().is_some_and(|e| e == "json")
}

pub(super) fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), SpecError> {
    for path in sorted_entries(dir)? {
        if path.is_dir() {
            markdown_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    Ok(())
}

pub(super) fn load_site(docs: &Path, notices: &mut Vec<Notice>) -> Result<Site, SpecError> {
    let mut data = Map::new();
    let mut data_files = BTreeMap::new();
    load_data(
        &docs.join(DATA_DIR),
        &mut Vec::new(),
        &mut data,
        &mut data_files,
        notices,
    )?;
    let mut site = Map::new();
    site.insert("data".to_owned(), Value::Object(data));
    for (folder, name) in COLLECTIONS {
        let pages = collection(&docs.join(folder), name, notices, true)?;
        site.insert(name.to_owned(), Value::Array(pages));
    }
    Ok(Site {
        value: Value::Object(site),
        data_files,
    })
}

/// The front matter of every page under `dir` (a collection, `site.{name}`), as Jekyll lists
/// them: a page the YAML reader refuses is left out, with a notice; a key a page writes twice
/// keeps its later value, with a notice when `report_duplicates`.
pub(super) fn collection(
    dir: &Path,
    name: &str,
    notices: &mut Vec<Notice>,
    report_duplicates: bool,
) -> Result<Vec<Value>, SpecError> {
    let mut files = Vec::new();
    markdown_files(dir, &mut files)?;
    let mut pages = Vec::new();
    for file in files {
        let text = read(&file)?;
        if !text.starts_with("---") {
            continue;
        }
        match page_front_matter_keeping_last(&file, &text) {
            Ok((front, _, duplicates)) => {
                for duplicate in duplicates.into_iter().filter(|_| report_duplicates) {
                    notices.push(Notice {
                        file: file.clone(),
                        path: duplicate.path,
                        message: format!(
                            "the key {:?} is written twice (line {}); the later value stands, as Jekyll reads it",
                            duplicate.key, duplicate.line
                        ),
                    });
                }
                pages.push(front);
            }
            Err(e) => notices.push(Notice {
                file: file.clone(),
                path: "$".to_owned(),
                message: format!("left out of site.{name}: {e}"),
            }),
        }
    }
    Ok(pages)
}

/// `site.data`: each `.yml`/`.yaml` file under `dir` at the keys of its path (the folders, then
/// the file's stem). A file the YAML reader refuses is left out, with a notice: a template that
/// reads it fails.
fn load_data(
    dir: &Path,
    keys: &mut Vec<String>,
    into: &mut Map<String, Value>,
    files: &mut BTreeMap<String, PathBuf>,
    notices: &mut Vec<Notice>,
) -> Result<(), SpecError> {
    for path in sorted_entries(dir)? {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if path.is_dir() {
            let child = into
                .entry(name.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(child) = child {
                keys.push(name.to_owned());
                load_data(&path, keys, child, files, notices)?;
                keys.pop();
            }
            continue;
        }
        let Some(stem) = name
            .strip_suffix(".yml")
            .or_else(|| name.strip_suffix(".yaml"))
        else {
            continue;
        };
        match data_file(&path, &read(&path)?) {
            Ok(value) => {
                into.insert(stem.to_owned(), value);
                let mut dotted = keys.clone();
                dotted.push(stem.to_owned());
                files.insert(dotted.join("."), path);
            }
            Err(e) => notices.push(Notice {
                file: path.clone(),
                path: "$".to_owned(),
                message: format!("left out of site.data: {e}"),
            }),
        }
    }
    Ok(())
}

/// The page of the integration a connector page documents: for a source, the integration page
/// of the same `api-type` (those whose `name` is the page's `docs-name` first; of several
/// versions, the highest `this-version`); for a destination, its `site.data.destinations`
/// entry (`stitch-details` with `destination-details`).
fn integration_page(page: &DocsPage, context: &Value) -> Value {
    let site = &context["site"];
    match page.kind {
        Kind::Source => {
            let integrations = COLLECTIONS
                .iter()
                .filter_map(|(_, name)| site.get(*name).and_then(Value::as_array))
                .flatten();
            let same_type: Vec<&Value> = integrations
                .filter(|i| i.get("api-type").and_then(Value::as_str) == Some(&page.api_type))
                .collect();
            let named: Vec<&Value> = same_type
                .iter()
                .copied()
                .filter(|i| {
                    i.get("name")
                        .and_then(Value::as_str)
                        .is_some_and(|n| n.eq_ignore_ascii_case(&page.docs_name))
                })
                .collect();
            let candidates = if named.is_empty() { same_type } else { named };
            let version = |i: &Value| {
                i.get("this-version")
                    .and_then(|v| match v {
                        Value::String(text) => text.parse::<u64>().ok(),
                        other => other.as_u64(),
                    })
                    .unwrap_or(0)
            };
            let mut best: Option<&Value> = None;
            for candidate in candidates {
                if best.is_none_or(|b| version(candidate) > version(b)) {
                    best = Some(candidate);
                }
            }
            best.cloned().unwrap_or(Value::Null)
        }
        Kind::Destination => {
            let Some(entry) = site
                .get("data")
                .and_then(|d| d.get("destinations"))
                .and_then(|d| d.get(&page.docs_name))
            else {
                return Value::Null;
            };
            let mut merged = Map::new();
            for part in ["stitch-details", "destination-details"] {
                if let Some(Value::Object(map)) = entry.get(part) {
                    for (key, value) in map {
                        merged.entry(key.clone()).or_insert_with(|| value.clone());
                    }
                }
            }
            Value::Object(merged)
        }
    }
}

/// The shared lists a page includes, as `(data file key, list key)`, and for
/// `binlog-replication` the database its entries must name. The rule of the site's include
/// logic (`_includes/developers/api-form-property-fields-logic.html`, not captured), as the
/// published pages show it:
/// - a page with `override-attributes` includes nothing;
/// - a source includes the scheduling fields (`all-sources.fields`), and `start-date` if it
///   `uses-start-date`; with `uses-common-fields`, the fields of every database and those of
///   its `db-type`; with `uses-feature-fields`, the log-based replication fields of its
///   `db-type` when its integration names a minimum version for log-based replication, and the
///   SSL and SSH fields when its integration says `ssl: true` / `ssh: true`; with
///   `uses-ssh-fields`, the SSH fields;
/// - a destination with `uses-common-fields` includes the fields of every destination, and the
///   SSH fields when its destination data says `ssh: true`.
fn shared_lists(page: &DocsPage, integration: &Value) -> Vec<(&'static str, String)> {
    const SOURCES: &str = "connect.common.all-sources";
    const DATABASES: &str = "connect.common.database-sources";
    const DESTINATIONS: &str = "connect.common.destination-forms";
    let flags = &page.flags;
    let says = |key: &str| integration.get(key) == Some(&Value::Bool(true));
    let mut lists = Vec::new();
    if flags.override_attributes {
        return lists;
    }
    match page.kind {
        Kind::Source => {
            lists.push((SOURCES, "fields".to_owned()));
            if flags.start_date {
                lists.push((SOURCES, "start-date".to_owned()));
            }
            if flags.common_fields {
                lists.push((DATABASES, "all-databases".to_owned()));
                if let Some(db_type) = &page.db_type {
                    lists.push((DATABASES, db_type.clone()));
                }
            }
            if flags.feature_fields {
                let log_based = integration
                    .get("log-based-replication-minimum-version")
                    .is_some_and(|v| !v.is_null() && v.as_str() != Some("n/a"));
                if log_based {
                    lists.push((DATABASES, "binlog-replication".to_owned()));
                }
                if says("ssl") {
                    lists.push((DATABASES, "ssl".to_owned()));
                }
                if says("ssh") {
                    lists.push((DATABASES, "ssh".to_owned()));
                }
            }
            if flags.ssh_fields && !lists.iter().any(|(f, l)| *f == DATABASES && l == "ssh") {
                lists.push((DATABASES, "ssh".to_owned()));
            }
        }
        Kind::Destination => {
            if flags.common_fields {
                lists.push((DESTINATIONS, "all-destinations".to_owned()));
                if says("ssh") {
                    lists.push((DESTINATIONS, "ssh".to_owned()));
                }
            }
        }
    }
    lists
}

/// A property and the file its text comes from.
struct Sourced<'f> {
    file: &'f Path,
    property: PageProperty,
}

fn render_page(
    page: &DocsPage,
    file: &Path,
    layout: &DocsLayout,
    site: &Site,
    context: &mut Value,
    notices: &mut Vec<Notice>,
) -> Result<ReferenceConnector, SpecError> {
    // Each page starts from the site alone: no variable of the page before reaches it.
    if let Value::Object(map) = context {
        map.retain(|key, _| key == "site");
    }
    let integration = integration_page(page, context);
    if integration.is_null() {
        notices.push(Notice {
            file: file.to_path_buf(),
            path: "$.api-type".to_owned(),
            message: format!(
                "no integration page (or destination data) documents {} (its variables render as nothing)",
                page.api_type
            ),
        });
    }
    set_context(context, "form-property", page.front_matter.clone());
    set_context(context, "integration-page", integration.clone());
    let layout_file = Path::new("spec").join(DOCS_LAYOUT_FILE);
    for variable in layout
        .variables
        .iter()
        .filter(|v| !v.name.starts_with("site."))
    {
        let value = match &variable.source {
            VariableSource::Value(value) => value.clone(),
            VariableSource::From {
                expression,
                conversion,
            } => {
                let value = evaluate_or_nil(expression, context).map_err(|e| {
                    SpecError::at(
                        &layout_file,
                        format!("{}.from", variable.path),
                        format!("for {}: {e}", file.display()),
                    )
                })?;
                match conversion {
                    None => value,
                    Some(Conversion::Minutes) => minutes(&value).ok_or_else(|| {
                        SpecError::at(
                            &layout_file,
                            format!("{}.conversion", variable.path),
                            format!(
                                "for {}: {value} is not a number of minutes or hours",
                                file.display()
                            ),
                        )
                    })?,
                }
            }
        };
        if !set_context(context, &variable.name, value) {
            return Err(SpecError::at(
                &layout_file,
                format!("{}.name", variable.path),
                format!(
                    "\"{}\" runs through a value that is not an object",
                    variable.name
                ),
            ));
        }
    }

    // The shared lists first, then the page's own; a page's own property replaces a shared one
    // of the same name and step.
    let mut sourced: Vec<Sourced<'_>> = Vec::new();
    for (data_key, list) in shared_lists(page, &integration) {
        let Some(data_file) = site.data_files.get(data_key) else {
            return Err(SpecError::at(
                file,
                "$",
                format!("the shared data site.data.{data_key} is not in the capture"),
            ));
        };
        let data = data_key
            .split('.')
            .fold(context["site"].get("data"), |at, key| {
                at.and_then(|v| v.get(key))
            });
        let Some(data) = data else {
            return Err(SpecError::file(data_file, "not in site.data"));
        };
        let root = At::root(data_file, data);
        let Some(items) = root.object()?.get(&list) else {
            // A database type without fields of its own has no list; every other list the
            // rule names must be there.
            if Some(&list) == page.db_type.as_ref() {
                notices.push(Notice {
                    file: file.to_path_buf(),
                    path: "$.db-type".to_owned(),
                    message: format!("site.data.{data_key} has no fields for the db-type {list:?}"),
                });
                continue;
            }
            return Err(SpecError::at(
                data_file,
                format!("$.{list}"),
                format!(
                    "{} includes this shared list, which the file lacks",
                    page.api_type
                ),
            ));
        };
        for item in items.array()? {
            if list == "binlog-replication" {
                let databases = item.value().get("database").and_then(Value::as_str);
                let named = databases.is_some_and(|d| {
                    d.split(',')
                        .any(|db| Some(db.trim()) == page.db_type.as_deref())
                });
                if !named {
                    continue;
                }
            }
            let property = read_property(&item, PageStep::Form, &SHARED_ONLY_KEYS, notices)?;
            sourced.push(Sourced {
                file: data_file,
                property,
            });
        }
    }
    for property in &page.properties {
        sourced.push(Sourced {
            file,
            property: property.clone(),
        });
    }

    // Liquid's variables live for the whole page: what one description captures, a later one
    // may show (the layout renders the intro, then each property in turn as `attribute`).
    let mut scope = PageScope::default();
    let intro = match &page.description {
        Some(description) => {
            let text = render_in(description, context, &mut scope)
                .map_err(|e| liquid_error(file, "$.description", &e))?;
            markdown::clean(&text, &layout.published_root)
        }
        None => String::new(),
    };
    let mut properties: BTreeMap<(RefStep, String), (ReferenceProperty, Option<ExampleValue>)> =
        BTreeMap::new();
    let mut sources: BTreeMap<(RefStep, String), &Path> = BTreeMap::new();
    for item in &sourced {
        let (property, example) = render_property(page, item, layout, context, &mut scope)?;
        let key = (property.step, property.name.clone());
        if let Some(earlier) = sources.get(&key) {
            if *earlier == file || item.file != file {
                return Err(SpecError::at(
                    item.file,
                    &item.property.path,
                    format!(
                        "{:?} is given twice in one step of {}",
                        key.1, page.api_type
                    ),
                ));
            }
            notices.push(Notice {
                file: file.to_path_buf(),
                path: item.property.path.clone(),
                message: format!(
                    "the page's own {:?} replaces the shared property of {}",
                    key.1,
                    earlier.display()
                ),
            });
        }
        sources.insert(key.clone(), item.file);
        properties.insert(key, (property, example));
    }

    report_nil_outputs(file, layout, &scope, notices);

    let mut examples = Vec::new();
    for step in [RefStep::Form, RefStep::Oauth, RefStep::ClientCredentials] {
        let in_step: Vec<(&String, &Option<ExampleValue>)> = properties
            .iter()
            .filter(|((s, _), _)| *s == step)
            .map(|((_, name), (_, example))| (name, example))
            .collect();
        if in_step.is_empty() {
            continue;
        }
        let step_words = match step {
            RefStep::Form => "form",
            RefStep::Oauth => "OAuth",
            RefStep::ClientCredentials => "client credentials",
        };
        examples.push(example_object(
            format!(
                "Example {} {} connection property object with {step_words} properties",
                page.display_name,
                page.kind.as_str()
            ),
            step,
            &in_step,
        ));
    }
    Ok(ReferenceConnector {
        display_name: page.display_name.clone(),
        kind: page.kind,
        api_type: page.api_type.clone(),
        intro,
        properties: properties.into_values().map(|(p, _)| p).collect(),
        examples,
        deprecation: page.deprecated.as_ref().map(|d| DocDeprecation {
            as_of: d.as_of.clone(),
            use_instead: d.use_instead.clone(),
        }),
    })
}

/// A property's example value: the JSON the example object holds, or the text the page writes
/// where JSON is due and why it is not JSON.
enum ExampleValue {
    Json(Value),
    NotJson { text: String, error: String },
}

/// The example object of one step, keys in order; its text is not JSON (and says why) when a
/// value is not.
fn example_object(
    title: String,
    step: RefStep,
    values: &[(&String, &Option<ExampleValue>)],
) -> Example {
    let mut object = Map::new();
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    for (name, value) in values {
        let name_json = Value::String((*name).clone()).to_string();
        match value {
            None => {}
            Some(ExampleValue::Json(value)) => {
                object.insert((*name).clone(), value.clone());
                lines.push(format!("  {name_json}: {}", value));
            }
            Some(ExampleValue::NotJson { text, error }) => {
                lines.push(format!("  {name_json}: {text}"));
                errors.push(format!("the value of {name_json} is not JSON ({error})"));
            }
        }
    }
    if errors.is_empty() {
        let value = Value::Object(object);
        Example {
            title,
            step,
            raw: to_json_text(&value).trim_end().to_owned(),
            value: Some(value),
            parse_error: None,
        }
    } else {
        Example {
            title,
            step,
            raw: format!("{{\n{}\n}}", lines.join(",\n")),
            value: None,
            parse_error: Some(errors.join("; ")),
        }
    }
}

/// A notice for each output of the page that rendered as nothing, unless a decision sets the
/// variable it reads to `nil` (what the capture lacks, such as the site's link table).
fn report_nil_outputs(
    file: &Path,
    layout: &DocsLayout,
    scope: &PageScope,
    notices: &mut Vec<Notice>,
) {
    let decided: Vec<&str> = layout
        .variables
        .iter()
        .filter(|v| v.source == VariableSource::Value(Value::Null))
        .map(|v| v.name.as_str())
        .collect();
    let mut reported = std::collections::BTreeSet::new();
    for expression in &scope.nil_outputs {
        let read = expression.split(['|', ' ']).next().unwrap_or_default();
        let accounted = decided.iter().any(|name| {
            read.strip_prefix(name)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
        });
        if !accounted && reported.insert(expression.as_str()) {
            notices.push(Notice {
                file: file.to_path_buf(),
                path: "$".to_owned(),
                message: format!("`{{{{ {expression} }}}}` renders as nothing: its value is nil"),
            });
        }
    }
}

/// One property rendered, with its example value as the example object holds it: on a source
/// page every value is the content of a JSON string (objects and arrays JSON text), on a
/// destination page JSON text; trimmed, as the published examples show them.
fn render_property(
    page: &DocsPage,
    item: &Sourced<'_>,
    layout: &DocsLayout,
    context: &Value,
    scope: &mut PageScope,
) -> Result<(ReferenceProperty, Option<ExampleValue>), SpecError> {
    let property = &item.property;
    let at = |key: &str| format!("{}.{key}", property.path);
    scope.locals.insert(
        "attribute".to_owned(),
        json!({
            "name": property.name,
            "type": property.documented_type,
            "required": property.required,
            "description": property.description,
            "value": property.example,
        }),
    );
    let name = render_in(&property.name, context, scope)
        .map_err(|e| liquid_error(item.file, &at("name"), &e))?
        .trim()
        .to_owned();
    let description = render_in(&property.description, context, scope)
        .map_err(|e| liquid_error(item.file, &at("description"), &e))?;
    let description = markdown::clean(&description, &layout.published_root);
    let documented_type = doc_types(&property.documented_type)
        .ok_or_else(|| {
            SpecError::at(
                item.file,
                at("type"),
                format!(
                    "unknown type {:?} (expected string, integer, boolean, object, array, or two joined by /)",
                    property.documented_type
                ),
            )
        })?;
    let example = match &property.example {
        None => None,
        Some(template) => {
            let text = render_in(template, context, scope)
                .map_err(|e| liquid_error(item.file, &at("value"), &e))?;
            let json_text = page.kind == Kind::Destination
                || documented_type
                    .iter()
                    .any(|t| matches!(t, DocType::Object | DocType::Array));
            let text = text.trim();
            Some(if json_text {
                match serde_json::from_str::<Value>(text) {
                    Ok(value) => ExampleValue::Json(value),
                    Err(e) => ExampleValue::NotJson {
                        text: text.to_owned(),
                        error: e.to_string(),
                    },
                }
            } else {
                // The layout writes the text between the quotes of a JSON string: its escapes
                // (`\"`, `\/`) are read as JSON reads them.
                match serde_json::from_str::<String>(&format!("\"{text}\"")) {
                    Ok(value) => ExampleValue::Json(Value::String(value)),
                    Err(e) => ExampleValue::NotJson {
                        text: format!("\"{text}\""),
                        error: e.to_string(),
                    },
                }
            })
        }
    };
    let status = if property.read_only {
        Status::ReadOnly
    } else if property.internal {
        Status::Internal
    } else if property.required {
        Status::Required
    } else {
        Status::Optional
    };
    let step = match property.step {
        PageStep::Form => RefStep::Form,
        PageStep::Oauth => RefStep::Oauth,
        PageStep::ClientCredentials => RefStep::ClientCredentials,
    };
    let parsed = match &example {
        Some(ExampleValue::Json(value)) => Some(value),
        _ => None,
    };
    let mut describe = |sub: &PageProperty| -> Result<String, SpecError> {
        let text = render_in(&sub.description, context, scope)
            .map_err(|e| liquid_error(item.file, &format!("{}.description", sub.path), &e))?;
        Ok(markdown::clean(&text, &layout.published_root))
    };
    let shape = shape(
        item.file,
        &documented_type,
        &property.sub_properties,
        parsed,
        &mut describe,
    )?;
    Ok((
        ReferenceProperty {
            name,
            documented_type,
            status,
            step,
            description,
            shape,
        },
        example,
    ))
}

/// `string`, `integer`, `boolean`, `object`, `array`, or two of them joined by `/`.
fn doc_types(written: &str) -> Option<Vec<DocType>> {
    written
        .split('/')
        .map(|word| match word.trim() {
            "string" => Some(DocType::String),
            "integer" => Some(DocType::Integer),
            "boolean" => Some(DocType::Boolean),
            "object" => Some(DocType::Object),
            "array" => Some(DocType::Array),
            _ => None,
        })
        .collect()
}

/// The shape of an object or array property: its sub-properties' (a sub-property the page marks
/// required is in every value; `describe` renders its description), else the example value's.
fn shape(
    file: &Path,
    types: &[DocType],
    subs: &[PageProperty],
    example: Option<&Value>,
    describe: &mut dyn FnMut(&PageProperty) -> Result<String, SpecError>,
) -> Result<Option<Shape>, SpecError> {
    let nested = |t: &DocType| matches!(t, DocType::Object | DocType::Array);
    if !types.iter().any(nested) {
        return Ok(None);
    }
    if subs.is_empty() {
        return example
            .map(crate::import::reference::shape_of)
            .transpose()
            .map_err(|why| SpecError::file(file, why));
    }
    let mut fields = Vec::new();
    for sub in subs {
        let sub_types = doc_types(&sub.documented_type).ok_or_else(|| {
            SpecError::at(
                file,
                format!("{}.type", sub.path),
                format!("unknown type {:?}", sub.documented_type),
            )
        })?;
        let shape = match shape(file, &sub_types, &sub.sub_properties, None, describe)? {
            Some(shape) => shape,
            None => match sub_types.as_slice() {
                [DocType::Integer] => Shape::Integer,
                [DocType::Boolean] => Shape::Boolean,
                [DocType::Object] => Shape::Object { fields: Vec::new() },
                [DocType::Array] => Shape::Array { items: None },
                _ => Shape::String,
            },
        };
        let description = describe(sub)?;
        fields.push(ShapeField {
            name: sub.name.trim().to_owned(),
            in_every_example: sub.required,
            shape,
            description: (!description.is_empty()).then_some(description),
        });
    }
    let object = Shape::Object { fields };
    Ok(Some(if types.contains(&DocType::Array) {
        Shape::Array {
            items: Some(Box::new(object)),
        }
    } else {
        object
    }))
}

/// `"30 minutes"` → `"30"`, `"1 hour"` → `"60"`, `"24 hours"` → `"1440"`; `null` stays `null`.
fn minutes(value: &Value) -> Option<Value> {
    let text = match value {
        Value::Null => return Some(Value::Null),
        Value::String(text) => text,
        _ => return None,
    };
    let (count, unit) = text.trim().split_once(' ')?;
    let count: u64 = count.parse().ok()?;
    let factor = match unit.trim() {
        "minute" | "minutes" => 1,
        "hour" | "hours" => 60,
        _ => return None,
    };
    Some(Value::String(count.checked_mul(factor)?.to_string()))
}

/// Sets `value` at the dotted `path` of `context`, making the objects on the way; `false` if
/// the path runs through a value that is not an object.
pub(super) fn set_context(context: &mut Value, path: &str, value: Value) -> bool {
    let mut names: Vec<&str> = path.split('.').collect();
    let Some(last) = names.pop() else {
        return false;
    };
    let mut here = context;
    for name in names {
        let Value::Object(map) = here else {
            return false;
        };
        here = map
            .entry(name.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
    }
    let Value::Object(map) = here else {
        return false;
    };
    map.insert(last.to_owned(), value);
    true
}

/// A layout's decisions as the files read so far used them: a page's duplicate keys must each
/// be recorded, its recorded repairs apply, and once every file is read a decision nothing used
/// is stale.
pub(super) struct LayoutUse<'l> {
    layout: &'l DocsLayout,
    /// The layout file, for errors.
    file: &'l Path,
    duplicates: Vec<bool>,
    repairs: Vec<bool>,
}

impl<'l> LayoutUse<'l> {
    pub(super) fn new(layout: &'l DocsLayout, file: &'l Path) -> Self {
        LayoutUse {
            layout,
            file,
            duplicates: vec![false; layout.duplicate_keys.len()],
            repairs: vec![false; layout.template_repairs.len()],
        }
    }

    /// A page's front matter as Jekyll reads it (a key written twice keeps its later value),
    /// held to the layout: each duplicate key recorded, the page's repairs applied. `relative`
    /// is the page as the decisions name it.
    ///
    /// # Errors
    /// An unreadable page, YAML the reader refuses, a duplicate key without a decision, a
    /// stale repair.
    pub(super) fn front_matter(&mut self, file: &Path, relative: &str) -> Result<Value, SpecError> {
        let (mut front, _, duplicates) = page_front_matter_keeping_last(file, &read(file)?)?;
        for duplicate in duplicates {
            let decision = self
                .layout
                .duplicate_keys
                .iter()
                .position(|d| d.file == relative && d.key == duplicate.key);
            match decision {
                Some(index) => self.duplicates[index] = true,
                None => {
                    return Err(SpecError::at_line(
                        file,
                        duplicate.line,
                        format!(
                            "the key {:?} is written twice (at {}); record in {} \
                             (duplicate_keys) whether the later value may stand",
                            duplicate.key,
                            duplicate.path,
                            self.file.display()
                        ),
                    ));
                }
            }
        }
        self.repair(relative, &mut front)?;
        Ok(front)
    }

    /// Applies the repairs the layout records for `relative` (as the repairs name it) to
    /// `value` (a page's front matter, a data file).
    ///
    /// # Errors
    /// A repair whose string is not at its path, or does not hold its `find` (at the end, for
    /// one `at_end`): it is stale.
    pub(super) fn repair(&mut self, relative: &str, value: &mut Value) -> Result<(), SpecError> {
        for (index, repair) in self.layout.template_repairs.iter().enumerate() {
            if repair.file != relative {
                continue;
            }
            let target = json_path_mut(value, &repair.path).and_then(|v| match v {
                Value::String(text) => Some(text),
                _ => None,
            });
            let applied = match target {
                Some(text) if repair.at_end && text.ends_with(&repair.find) => {
                    text.truncate(text.len() - repair.find.len());
                    text.push_str(&repair.replace);
                    true
                }
                Some(text) if !repair.at_end && text.contains(&repair.find) => {
                    *text = text.replace(&repair.find, &repair.replace);
                    true
                }
                _ => false,
            };
            if !applied {
                return Err(SpecError::at(
                    self.file,
                    format!("$.template_repairs[{index}]"),
                    format!(
                        "the file has no string at {} holding {:?}{}: the repair is stale",
                        repair.path,
                        repair.find,
                        if repair.at_end { " at its end" } else { "" }
                    ),
                ));
            }
            self.repairs[index] = true;
        }
        Ok(())
    }

    /// Once every file is read: a decision nothing used is stale.
    ///
    /// # Errors
    /// The first duplicate-key decision or repair no file used.
    pub(super) fn finish(self) -> Result<(), SpecError> {
        if let Some(index) = self.duplicates.iter().position(|u| !u) {
            return Err(SpecError::at(
                self.file,
                format!("$.duplicate_keys[{index}]"),
                "no page writes this key twice: the decision is stale",
            ));
        }
        if let Some(index) = self.repairs.iter().position(|u| !u) {
            return Err(SpecError::at(
                self.file,
                format!("$.template_repairs[{index}]"),
                "no such file: the repair is stale",
            ));
        }
        Ok(())
    }
}

/// The value at a JSON path written `$.key[index].key` (keys without `.` or `[`).
fn json_path_mut<'v>(value: &'v mut Value, path: &str) -> Option<&'v mut Value> {
    let mut here = value;
    let mut rest = path.strip_prefix('$')?;
    while !rest.is_empty() {
        if let Some(tail) = rest.strip_prefix('.') {
            let end = tail.find(['.', '[']).unwrap_or(tail.len());
            here = here.get_mut(&tail[..end])?;
            rest = &tail[end..];
        } else if let Some(tail) = rest.strip_prefix('[') {
            let end = tail.find(']')?;
            let index: usize = tail[..end].parse().ok()?;
            here = here.get_mut(index)?;
            rest = &tail[end + 1..];
        } else {
            return None;
        }
    }
    Some(here)
}

pub(super) fn liquid_error(file: &Path, path: &str, error: &LiquidError) -> SpecError {
    SpecError::at(file, path, format!("cannot render the template: {error}"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use serde_json::{Value, json};

    use super::{DocsPage, json_path_mut, minutes, set_context, shared_lists};
    use crate::import::docs_pages::PageFlags;
    use crate::model::reference::Kind;

    #[test]
    fn minutes_of_a_frequency() {
        assert_eq!(minutes(&json!("30 minutes")), Some(json!("30")));
        assert_eq!(minutes(&json!("1 hour")), Some(json!("60")));
        assert_eq!(minutes(&json!("24 hours")), Some(json!("1440")));
        assert_eq!(minutes(&Value::Null), Some(Value::Null));
        for bad in [
            json!("Continuous"),
            json!("1.5 hours"),
            json!(30),
            json!("30 days"),
        ] {
            assert_eq!(minutes(&bad), None, "{bad}");
        }
    }

    #[test]
    fn context_paths_set_and_read() {
        let mut context = json!({"site": {"data": {}}, "n": 1});
        assert!(set_context(
            &mut context,
            "site.data.stitch.plan",
            json!("A")
        ));
        assert_eq!(context["site"]["data"]["stitch"]["plan"], "A");
        assert!(!set_context(&mut context, "n.x", json!(1)));
        let mut page = json!({"object-attributes": [{"description": "a"}, {"description": "b"}]});
        let at = json_path_mut(&mut page, "$.object-attributes[1].description").unwrap();
        assert_eq!(at, "b");
        assert!(json_path_mut(&mut page, "$.object-attributes[2].description").is_none());
        assert!(json_path_mut(&mut page, "object-attributes").is_none());
    }

    fn page(kind: Kind, flags: PageFlags, db_type: Option<&str>) -> DocsPage {
        DocsPage {
            api_type: "platform.x".to_owned(),
            kind,
            display_name: "X".to_owned(),
            docs_name: "x".to_owned(),
            db_type: db_type.map(str::to_owned),
            description: None,
            deprecated: None,
            flags,
            properties: Vec::new(),
            front_matter: Value::Null,
        }
    }

    #[test]
    fn the_include_rule() {
        let lists = |page: &DocsPage, integration: Value| -> Vec<String> {
            shared_lists(page, &integration)
                .into_iter()
                .map(|(file, list)| format!("{}:{list}", file.rsplit('.').next().unwrap()))
                .collect()
        };
        let saas = page(
            Kind::Source,
            PageFlags {
                start_date: true,
                ..PageFlags::default()
            },
            None,
        );
        assert_eq!(
            lists(&saas, Value::Null),
            ["all-sources:fields", "all-sources:start-date"]
        );
        let database = page(
            Kind::Source,
            PageFlags {
                common_fields: true,
                feature_fields: true,
                ..PageFlags::default()
            },
            Some("mysql"),
        );
        let integration =
            json!({"ssl": true, "ssh": false, "log-based-replication-minimum-version": "5.6.2"});
        assert_eq!(
            lists(&database, integration),
            [
                "all-sources:fields",
                "database-sources:all-databases",
                "database-sources:mysql",
                "database-sources:binlog-replication",
                "database-sources:ssl"
            ]
        );
        let without_log_based =
            json!({"ssl": false, "ssh": true, "log-based-replication-minimum-version": "n/a"});
        assert_eq!(
            lists(&database, without_log_based)[3..],
            ["database-sources:ssh"]
        );
        let overriding = page(
            Kind::Source,
            PageFlags {
                override_attributes: true,
                start_date: true,
                ..PageFlags::default()
            },
            None,
        );
        assert!(lists(&overriding, Value::Null).is_empty());
        let destination = page(
            Kind::Destination,
            PageFlags {
                common_fields: true,
                ..PageFlags::default()
            },
            None,
        );
        assert_eq!(
            lists(&destination, json!({"ssh": true})),
            [
                "destination-forms:all-destinations",
                "destination-forms:ssh"
            ]
        );
        assert_eq!(
            lists(&destination, json!({"ssh": "n/a"})),
            ["destination-forms:all-destinations"]
        );
    }
}
