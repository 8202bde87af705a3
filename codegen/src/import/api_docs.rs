//! The Connect API reference of the documentation source (object, structure and endpoint pages
//! under `_developer-files/connect/api/objects`, the response codes and rate limits under
//! `_data/connect`) read into the structured model of [`crate::model::api`] (`spec/api/`).
//!
//! Templates are rendered as the site's layout renders them, with the variables
//! `spec/api-layout.json` records (the layout is not in the capture); an endpoint's templates
//! also see the page as `endpoint` and its group's object page as `object`. A key a page writes
//! twice, or an example mended before reading, is accepted only by a recorded decision there.
//! What the reader cannot take (an unknown key, a template the Liquid subset cannot render, a
//! status it cannot read) is an error at its file and path, never a silent choice.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::card_captures::DOCS_DIR;
use super::docs_render::{
    LayoutUse, collection, liquid_error, load_site, markdown_files, set_context,
};
use super::front_matter::data_file;
use super::liquid::{PageScope, evaluate_or_nil, render_in};
use super::markdown;
use crate::error::{Notice, SpecError};
use crate::json::{At, Obj};
use crate::model::api::{
    API_DIR, ApiAttribute, ApiEndpoint, ApiErrorResponse, ApiErrors, ApiExample, ApiGeneral,
    ApiObject, ENDPOINTS_DIR, ERRORS_DIR, ExampleKind, GENERAL_FILE, JS_DIR, JS_ERRORS_FILE,
    JsErrorCode, JsErrorCodes, JsFunction, OBJECTS_DIR, RateLimit, StatusCode,
};
use crate::model::docs_layout::{VariableSource, parse_docs_layout};
use crate::model::reference::to_json_text;
use crate::output::OutputFile;
use crate::spec::{read, sorted_entries};

/// The layout decisions of the API pages, relative to the spec root.
pub const API_LAYOUT_FILE: &str = "api-layout.json";
/// The developer collection, relative to the documentation capture.
const DEVELOPER_FILES: &str = "_developer-files";
/// The object and endpoint pages, relative to the documentation capture.
const PAGES_DIR: &str = "_developer-files/connect/api/objects";
/// The connector pages among them, read by [`super::docs_render`] instead.
const FORM_PAGES: &str = "form-properties";
/// Error responses, one file per resource, relative to the documentation capture.
const RESPONSE_CODES_DIR: &str = "_data/connect/response-codes";
/// The status codes every endpoint may return, in [`RESPONSE_CODES_DIR`].
const GENERAL_CODES: &str = "general-codes";
/// Rate limits, one file per class, relative to the documentation capture.
const RATE_LIMITS_DIR: &str = "_data/connect/rate-limits";
/// The API's facts (`base-url`), relative to the documentation capture.
const API_DATA_FILE: &str = "_data/connect/api.yml";

/// Page kinds that document an object or structure.
const OBJECT_KINDS: [&str; 4] = [
    "api-object",
    "api-version-object",
    "api-structure",
    "api-sub-structure",
];

/// One page of the reference, read.
struct Page {
    file: PathBuf,
    /// Relative to the documentation capture.
    source: String,
    front: Value,
}

/// Renders the templates of one page.
struct Renderer<'c> {
    context: &'c Value,
    root: &'c str,
    file: &'c Path,
    scope: PageScope,
}

impl<'c> Renderer<'c> {
    /// A renderer of `file`'s templates, with a fresh page scope.
    fn new(context: &'c Value, root: &'c str, file: &'c Path) -> Self {
        Renderer {
            context,
            root,
            file,
            scope: PageScope::default(),
        }
    }

    /// The rendered text, trimmed.
    fn text(&mut self, template: &str, path: &str) -> Result<String, SpecError> {
        let out = render_in(template, self.context, &mut self.scope)
            .map_err(|e| liquid_error(self.file, path, &e))?;
        Ok(out.trim().to_owned())
    }

    /// The rendered text as Markdown for the docs.
    fn markdown(&mut self, template: &str, path: &str) -> Result<String, SpecError> {
        Ok(markdown::clean(&self.text(template, path)?, self.root)
            .trim()
            .to_owned())
    }
}

/// Every file of `spec/api/`, relative to `spec_root`.
///
/// # Errors
/// An unreadable page or data file; YAML the reader refuses; a key a page writes twice without a
/// recorded decision; a template the Liquid subset cannot render; a key the reader does not
/// know; two pages with one key; a recorded decision nothing uses.
pub fn api_model(
    spec_root: &Path,
    notices: &mut Vec<Notice>,
) -> Result<Vec<OutputFile>, SpecError> {
    let layout_file = spec_root.join(API_LAYOUT_FILE);
    let layout = parse_docs_layout(&layout_file, &read(&layout_file)?)?;
    let docs = spec_root.join(DOCS_DIR);
    // The data files' notices are the connector pages' too; docs_render reports them.
    let loaded = load_site(&docs, &mut Vec::new())?;
    let mut site = loaded.value;
    // Repairs of data files (examples the pages include from `_data`) apply to `site.data`.
    let mut decisions = LayoutUse::new(&layout, &layout_file);
    for (key, path) in &loaded.data_files {
        let source = relative(&docs, path);
        let pointer = format!("/data/{}", key.replace('.', "/"));
        if let Some(value) = site.pointer_mut(&pointer) {
            decisions.repair(&source, value)?;
        }
    }
    // `site.developer-files`: the collection the shared texts query (the destination types
    // are the connector pages `where: "form-type", "destination"`).
    // (The connector pages' duplicate keys are reported, with their decisions, by docs_render.)
    let pages = collection(
        &docs.join(DEVELOPER_FILES),
        "developer-files",
        notices,
        false,
    )?;
    set_context(&mut site, "developer-files", Value::Array(pages));
    let mut context = json!({ "site": site });
    for variable in &layout.variables {
        let value = match &variable.source {
            VariableSource::Value(value) => value.clone(),
            VariableSource::From {
                expression,
                conversion: None,
            } => evaluate_or_nil(expression, &context).map_err(|e| {
                SpecError::at(
                    &layout_file,
                    format!("{}.from", variable.path),
                    e.to_string(),
                )
            })?,
            VariableSource::From { .. } => {
                return Err(SpecError::at(
                    &layout_file,
                    format!("{}.conversion", variable.path),
                    "the API pages take no conversion",
                ));
            }
        };
        if !set_context(&mut context, &variable.name, value) {
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
    let pages = read_pages(&docs, &mut decisions)?;
    let root = layout.published_root.as_str();

    let mut files = Vec::new();
    let mut keys: BTreeMap<String, String> = BTreeMap::new();
    let objects = objects(&pages, &context, root, notices)?;
    for object in &objects {
        let file = format!("{}.json", object.key);
        if let Some(first) = keys.insert(file.clone(), object.source.clone()) {
            return Err(SpecError::at(
                &docs.join(&object.source),
                "$",
                format!(
                    "a second object keyed {:?} (the first is {first})",
                    object.key
                ),
            ));
        }
        files.push(OutputFile {
            path: Path::new(API_DIR).join(OBJECTS_DIR).join(file),
            contents: to_json_text(object),
        });
    }
    let error_files = error_files(&docs)?;
    for page in pages.iter().filter(|p| kind(p) == Some("api-endpoint")) {
        let Some(endpoint) = endpoint(page, &pages, &context, root, &error_files)? else {
            notices.push(Notice {
                file: page.file.clone(),
                path: "$.not-available-until-version".to_owned(),
                message: "an endpoint not available in the page's version: left out".to_owned(),
            });
            continue;
        };
        let file = format!("v{}-{}.json", endpoint.version, endpoint.key);
        if let Some(first) = keys.insert(file.clone(), endpoint.source.clone()) {
            return Err(SpecError::at(
                &page.file,
                "$.key",
                format!("a second endpoint {file} (the first is {first})"),
            ));
        }
        files.push(OutputFile {
            path: Path::new(API_DIR).join(ENDPOINTS_DIR).join(file),
            contents: to_json_text(&endpoint),
        });
    }
    for page in &pages {
        if !matches!(kind(page), Some(k) if k == "api-endpoint" || OBJECT_KINDS.contains(&k)) {
            notices.push(Notice {
                file: page.file.clone(),
                path: "$.content-type".to_owned(),
                message: format!(
                    "not an object or endpoint page ({}): left out of spec/api",
                    kind(page).unwrap_or("no content-type")
                ),
            });
        }
    }
    for (resource, file) in &error_files {
        let errors = errors(resource, file, &docs, &context, root)?;
        files.push(OutputFile {
            path: Path::new(API_DIR)
                .join(ERRORS_DIR)
                .join(format!("{resource}.json")),
            contents: to_json_text(&errors),
        });
    }
    for function in js_functions(&docs, &context, root, &mut decisions)? {
        files.push(OutputFile {
            path: Path::new(API_DIR)
                .join(JS_DIR)
                .join(format!("{}.json", function.function)),
            contents: to_json_text(&function),
        });
    }
    decisions.finish()?;

    files.push(OutputFile {
        path: Path::new(API_DIR).join(JS_DIR).join(JS_ERRORS_FILE),
        contents: to_json_text(&js_errors(&docs, &context, root)?),
    });
    let general = general(&docs, &context, root)?;
    files.push(OutputFile {
        path: Path::new(API_DIR).join(GENERAL_FILE),
        contents: to_json_text(&general),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Whether `path` (under the spec root) is a file [`api_model`] writes.
pub fn is_api_model_file(spec_root: &Path, path: &Path) -> bool {
    path.starts_with(spec_root.join(API_DIR)) && path.extension().is_some_and(|e| e == "json")
}

/// A path relative to the documentation capture, with `/`.
fn relative(docs: &Path, file: &Path) -> String {
    file.strip_prefix(docs)
        .unwrap_or(file)
        .to_string_lossy()
        .replace('\\', "/")
}

fn kind(page: &Page) -> Option<&str> {
    page.front.get("content-type").and_then(Value::as_str)
}

/// Every page of the reference but the connector pages, duplicate keys and repairs applied.
fn read_pages(docs: &Path, decisions: &mut LayoutUse<'_>) -> Result<Vec<Page>, SpecError> {
    let mut paths = Vec::new();
    for entry in sorted_entries(&docs.join(PAGES_DIR))? {
        if entry.is_dir() {
            if entry.file_name().is_some_and(|n| n != FORM_PAGES) {
                markdown_files(&entry, &mut paths)?;
            }
        } else if entry.extension().is_some_and(|e| e == "md") {
            paths.push(entry);
        }
    }
    let mut pages = Vec::new();
    for file in paths {
        let source = relative(docs, &file);
        let front = decisions.front_matter(&file, &source)?;
        pages.push(Page {
            file,
            source,
            front,
        });
    }
    Ok(pages)
}

/// Page keys that serve the site's navigation and layout, not the API's shape.
const SITE_KEYS: [&str; 10] = [
    "has-multiple-versions",
    "product-type",
    "content-type",
    "order",
    "intro-short",
    "permalink",
    "layout",
    "sections",
    "available-methods",
    "latest-version",
];

/// The objects: one per object or structure page; a version object (`api-version-object`)
/// is its group's object page (title, description, `common-attributes`) with the version's
/// own attributes after the common ones.
fn objects(
    pages: &[Page],
    context: &Value,
    root: &str,
    notices: &mut Vec<Notice>,
) -> Result<Vec<ApiObject>, SpecError> {
    let mut objects = Vec::new();
    for page in pages {
        let Some(kind) = kind(page).filter(|k| OBJECT_KINDS.contains(k)) else {
            continue;
        };
        let at = At::root(&page.file, &page.front);
        let mut obj = at.object()?;
        // A structure's templates read the page as `structure` (Properties' `property-types`).
        let mut page_context;
        let context = if kind.ends_with("structure") {
            page_context = context.clone();
            set_context(&mut page_context, "structure", page.front.clone());
            &page_context
        } else {
            context
        };
        let mut render = Renderer::new(context, root, &page.file);
        let group = obj.opt_str("endpoint")?.map(str::to_owned);
        let parent = match kind {
            "api-version-object" => Some(group_object(pages, group.as_deref(), &page.file)?),
            _ => None,
        };
        let common = obj.get("common-attributes");
        if common.is_some() && obj.get("object-attributes").is_none() {
            // The common part of the group's version objects, read with each of them.
            obj.rest();
            continue;
        }
        let mut attributes = Vec::new();
        if let Some(parent) = parent {
            let parent_at = At::root(&parent.file, &parent.front);
            let mut parent_obj = parent_at.object()?;
            if let Some(list) = parent_obj.get("common-attributes") {
                let mut parent_render = Renderer::new(context, root, &parent.file);
                for item in list.array()? {
                    attributes.push(attribute(&item, &mut parent_render)?);
                }
            }
        }
        if let Some(list) = obj.get("object-attributes") {
            for item in list.array()? {
                attributes.push(attribute(&item, &mut render)?);
            }
        }
        let title = match (obj.opt_str("title")?, parent) {
            (Some(title), _) => render.text(title, "$.title")?,
            (None, Some(parent)) => render.text(
                parent
                    .front
                    .get("title")
                    .and_then(Value::as_str)
                    .unwrap_or_default(),
                "$.title",
            )?,
            (None, None) => return Err(obj.error("an object page without a title")),
        };
        let description = match obj.opt_str("description")? {
            Some(text) => render.markdown(text, "$.description")?,
            None => match parent
                .and_then(|p| p.front.get("description"))
                .and_then(Value::as_str)
            {
                Some(text) => render.markdown(text, "$.description")?,
                None => String::new(),
            },
        };
        let version = match obj.get("version") {
            Some(v) => Some(scalar_text(&v)?),
            None => None,
        };
        let mut examples = Vec::new();
        if let Some(list) = obj.get("examples") {
            for item in list.array()? {
                let mut example_obj = item.object()?;
                // Object examples are titled by `title` or `type` ("Destination connection").
                let title = match (example_obj.opt_str("title")?, example_obj.opt_str("type")?) {
                    (Some(t), _) | (None, Some(t)) => {
                        Some(render.text(t, &format!("{}.title", item.path()))?)
                    }
                    (None, None) => None,
                };
                let code = example_obj.req_str("code")?;
                example_obj.opt_str("language")?;
                example_obj.deny_unknown()?;
                let text = render.text(code, &format!("{}.code", item.path()))?;
                let mut example = body_example(ExampleKind::Object, &text, false);
                example.title = title;
                examples.push(example);
            }
        }
        obj.opt_str("key")?;
        obj.get("endpoint-url");
        obj.get("versions");
        let rest = obj.rest();
        for (key, path, _) in rest {
            if !SITE_KEYS.contains(&key.as_str()) {
                notices.push(Notice {
                    file: page.file.clone(),
                    path,
                    message: format!("the key {key:?} of an object page is not read"),
                });
            }
        }
        let key = page
            .file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        objects.push(ApiObject {
            source: page.source.clone(),
            key,
            kind: kind.to_owned(),
            title,
            endpoint: group,
            version,
            description,
            attributes,
            examples,
        });
    }
    Ok(objects)
}

/// The `api-object` page of a group.
fn group_object<'p>(
    pages: &'p [Page],
    group: Option<&str>,
    file: &Path,
) -> Result<&'p Page, SpecError> {
    pages
        .iter()
        .find(|p| {
            kind(p) == Some("api-object")
                && group.is_some()
                && p.front.get("endpoint").and_then(Value::as_str) == group
        })
        .ok_or_else(|| {
            SpecError::at(
                file,
                "$.endpoint",
                format!("no object page of the group {group:?}"),
            )
        })
}

/// A scalar (string or number) as text.
fn scalar_text(at: &At<'_>) -> Result<String, SpecError> {
    match at.value() {
        Value::String(text) => Ok(text.trim().to_owned()),
        Value::Number(n) => Ok(n.to_string()),
        _ => Err(at.error("expected a string or a number")),
    }
}

/// An attribute, argument or response attribute.
fn attribute(at: &At<'_>, render: &mut Renderer<'_>) -> Result<ApiAttribute, SpecError> {
    let mut obj = at.object()?;
    let name = render.text(obj.req_str("name")?, &format!("{}.name", at.path()))?;
    let doc_type = obj.req_str("type")?.trim().to_owned();
    let sub_type = obj.opt_str("sub-type")?.map(|s| s.trim().to_owned());
    // The link to the structure's section: `sub-type` names it.
    obj.opt_str("url")?;
    let required = match obj.get("required") {
        None => None,
        Some(v) => Some(match v.value() {
            Value::Bool(b) => *b,
            Value::String(s) if s == "true" => true,
            Value::String(s) if s == "false" => false,
            _ => return Err(v.error("expected true or false")),
        }),
    };
    let description = match obj.get("description") {
        Some(d) => render.markdown(d.string()?, &format!("{}.description", at.path()))?,
        None => String::new(),
    };
    let oauth_description = match obj.get("oauth-description") {
        Some(d) => Some(render.markdown(d.string()?, &format!("{}.oauth-description", at.path()))?),
        None => None,
    };
    let deprecated = obj.opt_bool("deprecated")?.unwrap_or(false);
    // Pages write the example as `example-value`, a few as `value`.
    let example_at = match (obj.get("example-value"), obj.get("value")) {
        (Some(_), Some(v)) => {
            return Err(v.error("an example given twice (`example-value` and `value`)"));
        }
        (a, b) => a.or(b),
    };
    let example = match example_at {
        Some(v) => {
            let text = match v.value() {
                Value::String(text) => render.text(text, v.path())?,
                other => other.to_string(),
            };
            Some(text).filter(|t| !t.is_empty())
        }
        None => None,
    };
    let modifiable = obj.opt_bool("modifiable")?;
    let applies_to = obj.opt_str("applies-to")?.map(|s| s.trim().to_owned());
    // Objects nest `subattributes`, arguments `subarguments` (and those `sub-subarguments`).
    let mut attributes = Vec::new();
    for key in ["subattributes", "subarguments", "sub-subarguments"] {
        if let Some(list) = obj.get(key) {
            for item in list.array()? {
                attributes.push(attribute(&item, render)?);
            }
        }
    }
    obj.deny_unknown()?;
    Ok(ApiAttribute {
        name,
        doc_type,
        sub_type,
        required,
        description,
        oauth_description,
        deprecated,
        example,
        modifiable,
        applies_to,
        attributes,
    })
}

/// An example body: its text (a request's without the shell's single quotes), and its JSON
/// when it is JSON. A response written as HTTP (`HTTP/1.1 302 Found`, headers, a blank line,
/// the body) gives its status and headers; a request written as a whole `curl` command has no
/// body.
fn body_example(kind: ExampleKind, text: &str, shell_quoted: bool) -> ApiExample {
    let mut example = ApiExample::empty(kind);
    let mut text = text.trim();
    if shell_quoted {
        if text.starts_with("curl ") {
            example.note = Some(format!("the request as a command: {text}"));
            return example;
        }
        text = text
            .strip_prefix('\'')
            .and_then(|t| t.strip_suffix('\''))
            .unwrap_or(text)
            .trim();
    }
    if let Some(status_line) = text.lines().next().filter(|l| l.starts_with("HTTP/")) {
        example.status = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|code| code.parse().ok());
        let (head, body) = text.split_once("\n\n").unwrap_or((text, ""));
        example.headers = head.lines().skip(1).map(|l| l.trim().to_owned()).collect();
        text = body.trim();
    }
    if !text.is_empty() {
        example.text = Some(text.to_owned());
        match serde_json::from_str::<Value>(text) {
            Ok(value) => example.json = Some(value),
            Err(e) => example.not_json = Some(e.to_string()),
        }
    }
    example
}

/// An endpoint page.
fn endpoint(
    page: &Page,
    pages: &[Page],
    context: &Value,
    root: &str,
    error_files: &BTreeMap<String, PathBuf>,
) -> Result<Option<ApiEndpoint>, SpecError> {
    let at = At::root(&page.file, &page.front);
    let mut obj = at.object()?;
    // A page that holds the place of an endpoint in a version that lacks it.
    if obj.opt_str("not-available-until-version")?.is_some() {
        let rest = obj.rest();
        return match rest.into_iter().find(|(k, _, _)| {
            !SITE_KEYS.contains(&k.as_str())
                && !["endpoint", "key", "version"].contains(&k.as_str())
        }) {
            None => Ok(None),
            Some((key, path, _)) => Err(SpecError::at(
                &page.file,
                path,
                format!("the key {key:?} on a page of an endpoint not available in its version"),
            )),
        };
    }
    let group = obj.req_str("endpoint")?.to_owned();
    let object = group_object(pages, Some(&group), &page.file)?;
    let mut context = context.clone();
    set_context(&mut context, "endpoint", page.front.clone());
    set_context(&mut context, "object", object.front.clone());
    let mut render = Renderer::new(&context, root, &page.file);
    let key = obj.req_str("key")?.to_owned();
    let version = scalar_text(&obj.required("version")?)?;
    let title = render.text(obj.req_str("title")?, "$.title")?;
    let method_at = obj.required("method")?;
    let method = method_at.string()?.trim().to_ascii_uppercase();
    if !["GET", "POST", "PUT", "DELETE"].contains(&method.as_str()) {
        return Err(method_at.error(format!(
            "the method {method:?} is not one the API uses (GET, POST, PUT, DELETE)"
        )));
    }
    let path = render.text(obj.req_str("short-url")?, "$.short-url")?;
    let access_token_required = obj.opt_bool("access-token-required")?.unwrap_or(true);
    obj.opt_str("full-url")?;
    obj.opt_str("short")?;
    let description = match obj.opt_str("description")? {
        Some(text) => render.markdown(text, "$.description")?,
        None => String::new(),
    };
    let mut arguments = Vec::new();
    if let Some(list) = obj.get("arguments") {
        for item in list.array()? {
            arguments.push(attribute(&item, &mut render)?);
        }
    }
    let returns_at = obj.required("returns")?;
    let returns = render.markdown(returns_at.string()?, "$.returns")?;
    let success_status = success_status(&returns);
    let mut response_attributes = Vec::new();
    if let Some(list) = obj.get("response-attributes") {
        for item in list.array()? {
            response_attributes.push(attribute(&item, &mut render)?);
        }
    }
    let page_size = match obj.get("pagination") {
        Some(v) => Some(
            scalar_text(&v)?
                .parse::<u32>()
                .map_err(|_| v.error("expected a number of records per page"))?,
        ),
        None => None,
    };
    let rate_limit = obj.opt_str("rate-limit-type")?.map(str::to_owned);
    obj.opt_str("order-by")?;
    obj.opt_str("sort-type")?;
    let mut errors = None;
    let mut examples = Vec::new();
    if let Some(list) = obj.get("examples") {
        for item in list.array()? {
            let mut example_obj = item.object()?;
            let kind = example_obj.req_str("type")?;
            match kind {
                "Errors" => {
                    if let Some(file) = example_obj.opt_str("error-file")? {
                        errors = Some(file.to_owned());
                    }
                }
                "Request" | "Response" => {
                    let kind = if kind == "Request" {
                        ExampleKind::Request
                    } else {
                        ExampleKind::Response
                    };
                    example_obj.opt_str("language")?;
                    match example_obj.get("subexamples") {
                        Some(list) => {
                            for sub in list.array()? {
                                let mut sub_obj = sub.object()?;
                                examples.push(example(kind, &mut sub_obj, &mut render)?);
                                sub_obj.deny_unknown()?;
                            }
                        }
                        None => examples.push(example(kind, &mut example_obj, &mut render)?),
                    }
                }
                other => {
                    return Err(SpecError::at(
                        &page.file,
                        format!("{}.type", item.path()),
                        format!(
                            "unknown example type {other:?} (expected Request, Response or Errors)"
                        ),
                    ));
                }
            }
            example_obj.deny_unknown()?;
        }
    }
    // The pages whose Errors tab names no file read their group's (the pages say so in a
    // comment: "The errors live in: _data/connect/response-codes/{group}.yml").
    let errors = errors.or_else(|| error_files.contains_key(&group).then(|| group.clone()));
    if let Some(resource) = &errors
        && !error_files.contains_key(resource)
    {
        return Err(SpecError::at(
            &page.file,
            "$.examples",
            format!("the error file {resource:?} is not in {RESPONSE_CODES_DIR}"),
        ));
    }
    let rest = obj.rest();
    if let Some((key, path, _)) = rest
        .into_iter()
        .find(|(k, _, _)| !SITE_KEYS.contains(&k.as_str()))
    {
        return Err(SpecError::at(
            &page.file,
            path,
            format!("the key {key:?} of an endpoint page is not read"),
        ));
    }
    Ok(Some(ApiEndpoint {
        source: page.source.clone(),
        key,
        group,
        version,
        title,
        description,
        method,
        path,
        access_token_required,
        arguments,
        returns,
        success_status,
        response_attributes,
        page_size,
        rate_limit,
        errors,
        examples,
    }))
}

/// One request or response example (or sub-example) of an endpoint page.
fn example(
    kind: ExampleKind,
    obj: &mut Obj<'_>,
    render: &mut Renderer<'_>,
) -> Result<ApiExample, SpecError> {
    let path = obj.path().to_owned();
    let title = match obj.opt_str("title")? {
        Some(t) => Some(render.text(t, &format!("{path}.title"))?),
        None => None,
    };
    obj.opt_str("language")?;
    let request_url = match obj.opt_str("request-url")? {
        Some(t) => Some(render.text(t, &format!("{path}.request-url"))?),
        None => None,
    };
    let bearer = match obj.opt_str("header")? {
        Some(template) => {
            // The header templates print the request URL they are given.
            render.scope.locals.insert(
                "request-url".to_owned(),
                Value::String(request_url.clone().unwrap_or_default()),
            );
            let header = render.text(template, &format!("{path}.header"))?;
            Some(header.contains("Authorization: Bearer"))
        }
        None => None,
    };
    let code = match obj.opt_str("code")? {
        Some(t) => render.text(t, &format!("{path}.code"))?,
        None => String::new(),
    };
    let mut example = body_example(kind, &code, kind == ExampleKind::Request);
    example.title = title;
    example.request_url = request_url;
    example.bearer = bearer;
    Ok(example)
}

/// The status a `returns` text names: "a status of `200 OK`" (in code or in
/// `<code class="api success">`).
fn success_status(returns: &str) -> Option<u16> {
    let lead = "a status of ";
    let start = returns.find(lead)? + lead.len();
    let rest = &returns[start..];
    // Skip the code markup before the digits: a backtick or an HTML tag.
    let rest = match rest.strip_prefix('`') {
        Some(after) => after,
        None if rest.starts_with('<') => &rest[rest.find('>')? + 1..],
        None => rest,
    };
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|s| (100..600).contains(s))
}

/// The error files by resource (general codes apart).
fn error_files(docs: &Path) -> Result<BTreeMap<String, PathBuf>, SpecError> {
    let mut files = BTreeMap::new();
    for path in sorted_entries(&docs.join(RESPONSE_CODES_DIR))? {
        let Some(stem) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            continue;
        };
        if path.extension().is_some_and(|e| e == "yml" || e == "yaml") && stem != GENERAL_CODES {
            files.insert(stem, path);
        }
    }
    Ok(files)
}

/// One resource's error responses: the entries of its `all` list (the file's other keys
/// arrange the same entries per endpoint for the site).
fn errors(
    resource: &str,
    file: &Path,
    docs: &Path,
    context: &Value,
    root: &str,
) -> Result<ApiErrors, SpecError> {
    let source = relative(docs, file);
    // As `site.data` holds it (repairs applied); a file the YAML reader refused is not there.
    let value = context
        .pointer(&format!("/site/data/connect/response-codes/{resource}"))
        .cloned()
        .ok_or_else(|| SpecError::at(file, "$", "the YAML reader refused this file"))?;
    let at = At::root(file, &value);
    let mut obj = at.object()?;
    let mut render = Renderer::new(context, root, file);
    let mut responses = Vec::new();
    for group in obj.required("all")?.array()? {
        let mut group_obj = group.object()?;
        let status_at = group_obj.required("code")?;
        let status = status(&status_at)?;
        for entry in group_obj.required("responses")?.array()? {
            let mut entry_obj = entry.object()?;
            let methods = entry_obj.opt_str("method")?;
            let version = entry_obj.opt_str("version")?.map(str::to_owned);
            let condition = render.markdown(
                entry_obj.req_str("condition")?,
                &format!("{}.condition", entry.path()),
            )?;
            // An error code the site shows beside the condition; the body holds it too.
            entry_obj.opt_str("code")?;
            let body = match entry_obj.opt_str("response-body")? {
                Some(text) => error_body(text),
                None => body_example(ExampleKind::Response, "", false),
            };
            entry_obj.deny_unknown()?;
            let methods: Vec<Option<String>> = match methods {
                None => vec![None],
                Some(list) => list
                    .split(',')
                    .map(|m| Some(m.trim().to_ascii_uppercase()))
                    .collect(),
            };
            for method in methods {
                responses.push(ApiErrorResponse {
                    status,
                    method,
                    version: version.clone(),
                    condition: condition.clone(),
                    body: body.clone(),
                });
            }
        }
        group_obj.deny_unknown()?;
    }
    obj.rest();
    Ok(ApiErrors {
        source,
        resource: resource.to_owned(),
        responses,
    })
}

fn status(at: &At<'_>) -> Result<u16, SpecError> {
    scalar_text(at)?
        .parse::<u16>()
        .ok()
        .filter(|s| (100..600).contains(s))
        .ok_or_else(|| at.error("expected an HTTP status"))
}

/// An error body as the response-code files write it: a fenced JSON block or inline code (a
/// plain-text body), either with prose after it; or prose alone (about the request: no body).
fn error_body(text: &str) -> ApiExample {
    let trimmed = text.trim();
    if let Some(start) = trimmed.find("```json") {
        let inner = &trimmed[start + "```json".len()..];
        if let Some(end) = inner.find("```") {
            let mut example = body_example(ExampleKind::Response, &inner[..end], false);
            let prose = format!("{}{}", &trimmed[..start], &inner[end + 3..]);
            example.note = Some(prose.trim().to_owned()).filter(|p| !p.is_empty());
            return example;
        }
    }
    // `text` (sometimes inside double quotes), then prose.
    let (first, prose) = trimmed.split_once("\n\n").unwrap_or((trimmed, ""));
    let first = first.trim();
    let unquoted = first
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(first);
    let mut example = body_example(ExampleKind::Response, "", false);
    if let Some(inner) = unquoted
        .strip_prefix('`')
        .and_then(|t| t.strip_suffix('`'))
        .filter(|t| !t.contains('`'))
    {
        example.text = Some(inner.to_owned());
        example.not_json = Some("plain text".to_owned());
        example.note = Some(prose.trim().to_owned()).filter(|p| !p.is_empty());
        return example;
    }
    example.note = Some(trimmed.to_owned()).filter(|p| !p.is_empty());
    example
}

/// The JavaScript client's function pages.
const JS_FUNCTIONS_DIR: &str = "_developer-files/connect/js/functions";
/// The JavaScript client's error codes.
const JS_ERRORS_DATA: &str = "_data/connect/js-client-response-codes.yml";

/// Each function page of the JavaScript client: its options, and the options object each
/// example passes (`Stitch.addSource({...})`, read as JSON).
fn js_functions(
    docs: &Path,
    context: &Value,
    root: &str,
    decisions: &mut LayoutUse<'_>,
) -> Result<Vec<JsFunction>, SpecError> {
    let mut out = Vec::new();
    for file in sorted_entries(&docs.join(JS_FUNCTIONS_DIR))? {
        if file.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let front = decisions.front_matter(&file, &relative(docs, &file))?;
        let at = At::root(&file, &front);
        let mut obj = at.object()?;
        let mut render = Renderer::new(context, root, &file);
        let definition_at = obj.required("definition")?;
        let definition = definition_at.string()?;
        let function = definition
            .split_once('(')
            .map(|(name, _)| name.trim().to_owned())
            .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()))
            .ok_or_else(|| definition_at.error("expected `name(options)`"))?;
        let title = render.text(obj.req_str("title")?, "$.title")?;
        let description = render.markdown(obj.req_str("description")?, "$.description")?;
        let mut options = Vec::new();
        for item in obj.required("options")?.array()? {
            options.push(attribute(&item, &mut render)?);
        }
        let mut examples = Vec::new();
        for item in obj.required("examples")?.array()? {
            let mut example_obj = item.object()?;
            let code = example_obj.opt_str("code")?;
            example_obj.rest();
            let Some(code) = code else { continue };
            // The object literal the call passes: from `({` to its matching `})`.
            let call = format!("Stitch.{function}(");
            let Some(start) = code.find(&call) else {
                continue;
            };
            let after = &code[start + call.len()..];
            let literal = matching_brace(after).ok_or_else(|| {
                SpecError::at(
                    &file,
                    format!("{}.code", item.path()),
                    "the call's options object does not close",
                )
            })?;
            let mut example = body_example(ExampleKind::Object, literal, false);
            example.title = Some(format!("Stitch.{function}"));
            examples.push(example);
        }
        for key in ["product-type", "content-type", "key", "order"] {
            obj.get(key);
        }
        obj.deny_unknown()?;
        out.push(JsFunction {
            source: relative(docs, &file),
            function,
            title,
            description,
            options,
            examples,
        });
    }
    Ok(out)
}

/// The `{...}` at the start of `text` (after white space), braces matched outside strings.
fn matching_brace(text: &str) -> Option<&str> {
    let text = text.trim_start();
    if !text.starts_with('{') {
        return None;
    }
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&text[..=i]);
                }
            }
            _ => {}
        }
    }
    None
}

/// The JavaScript client's error codes (the site's list; commented-out codes are not in it).
fn js_errors(docs: &Path, context: &Value, root: &str) -> Result<JsErrorCodes, SpecError> {
    let file = docs.join(JS_ERRORS_DATA);
    let value = data_file(&file, &read(&file)?)?;
    let at = At::root(&file, &value);
    let mut obj = at.object()?;
    let mut render = Renderer::new(context, root, &file);
    let mut codes = Vec::new();
    for item in obj.required("list")?.array()? {
        let mut entry = item.object()?;
        let code = entry.req_str("code")?.to_owned();
        entry.req_bool("error")?;
        let text = entry.req_str("text")?;
        // The message in code (`"…"`, or in `<code>` around a template literal).
        let text = text
            .trim()
            .trim_start_matches("<code>")
            .trim_end_matches("</code>")
            .trim_matches('`')
            .trim_matches('"')
            .trim_matches('`')
            .to_owned();
        let condition = render.markdown(
            entry.req_str("condition")?,
            &format!("{}.condition", item.path()),
        )?;
        entry.deny_unknown()?;
        codes.push(JsErrorCode {
            code,
            text,
            condition,
        });
    }
    obj.deny_unknown()?;
    Ok(JsErrorCodes {
        source: JS_ERRORS_DATA.to_owned(),
        codes,
    })
}

/// Status codes, rate limits and the base URL.
fn general(docs: &Path, context: &Value, root: &str) -> Result<ApiGeneral, SpecError> {
    let api_file = docs.join(API_DATA_FILE);
    let api = data_file(&api_file, &read(&api_file)?)?;
    let base_url = api
        .get("base-url")
        .and_then(Value::as_str)
        .ok_or_else(|| SpecError::at(&api_file, "$.base-url", "expected the API's base URL"))?
        .to_owned();
    let codes_file = docs
        .join(RESPONSE_CODES_DIR)
        .join(format!("{GENERAL_CODES}.yml"));
    let codes = data_file(&codes_file, &read(&codes_file)?)?;
    let mut render = Renderer::new(context, root, &codes_file);
    let mut status_codes = Vec::new();
    let codes_at = At::root(&codes_file, &codes);
    let mut codes_obj = codes_at.object()?;
    for entry in codes_obj.required("all-codes")?.array()? {
        let mut entry_obj = entry.object()?;
        status_codes.push(StatusCode {
            code: status(&entry_obj.required("code")?)?,
            text: entry_obj.req_str("text")?.to_owned(),
            error: entry_obj.req_bool("error")?,
            description: render.markdown(
                entry_obj.req_str("description")?,
                &format!("{}.description", entry.path()),
            )?,
        });
        entry_obj.deny_unknown()?;
    }
    codes_obj.rest();
    let mut rate_limits = Vec::new();
    for file in sorted_entries(&docs.join(RATE_LIMITS_DIR))? {
        let value = data_file(&file, &read(&file)?)?;
        // A list of the classes' ids, for the site's table; each class has its own file.
        if value.is_array() {
            continue;
        }
        let at = At::root(&file, &value);
        let mut obj = at.object()?;
        let class = obj.req_str("type")?;
        let mut render = Renderer::new(context, root, &file);
        let requests = obj.required("request-limit")?;
        if requests.unsigned()? == 0 {
            return Err(requests.error("a limit of no request"));
        }
        let total = obj.required("total-time")?;
        let unit_at = obj.required("time-interval")?;
        let unit = match unit_at.string()? {
            "second" => 1,
            "minute" => 60,
            "hour" => 3600,
            other => return Err(unit_at.error(format!("unknown time interval {other:?}"))),
        };
        let window = u32::try_from(total.unsigned()?)
            .ok()
            .and_then(|t| t.checked_mul(unit))
            .ok_or_else(|| total.error("the window is out of range"))?;
        rate_limits.push(RateLimit {
            class: class.to_owned(),
            requests: u32::try_from(requests.unsigned()?)
                .map_err(|_| requests.error("out of range"))?,
            window_seconds: window,
            description: render.markdown(obj.req_str("description")?, "$.description")?,
        });
        obj.deny_unknown()?;
    }
    Ok(ApiGeneral {
        base_url,
        status_codes,
        rate_limits,
    })
}
