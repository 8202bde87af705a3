//! The structured model of the Connect API's reference (`spec/api/`): every object and data
//! structure with its attributes, every endpoint with its path, arguments and examples, and the
//! documented error responses. `cargo xtask import-docs` writes it from the documentation
//! source; regen reads it. Each file holds one object, one endpoint or one resource's errors, so
//! that a change upstream changes one file.
//!
//! Texts are as the published site renders them (Liquid evaluated, Markdown kept); examples keep
//! their text and, when it is JSON, the parsed value.

use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use crate::error::SpecError;
use crate::json::{At, Obj, parse};

/// The folder of the model, relative to the spec root.
pub const API_DIR: &str = "api";
/// Objects, one file each (`{key}.json`).
pub const OBJECTS_DIR: &str = "objects";
/// Endpoints, one file each (`v{version}-{key}.json`).
pub const ENDPOINTS_DIR: &str = "endpoints";
/// Error responses, one file per resource (`{resource}.json`).
pub const ERRORS_DIR: &str = "errors";
/// The general facts: status codes and rate limits.
pub const GENERAL_FILE: &str = "general.json";
/// The JavaScript client: one file per function (`{function}.json`) and the error codes.
pub const JS_DIR: &str = "js";
/// The JavaScript client's error codes, in [`JS_DIR`].
pub const JS_ERRORS_FILE: &str = "error-codes.json";

/// An object or data structure of the reference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiObject {
    /// The page it was read from, relative to the documentation capture.
    pub source: String,
    /// A stable key: the page's `key`, or its file name.
    pub key: String,
    /// The page's kind (`api-object`, `api-version-object`, `api-structure`,
    /// `api-sub-structure`).
    pub kind: String,
    /// The title the reference gives it ("Source", "Stream-level Metadata").
    pub title: String,
    /// The endpoint group it belongs to (`sources`), for objects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// The API version, for an object documented once per version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The description (Markdown).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Its attributes, as documented, in the page's order.
    pub attributes: Vec<ApiAttribute>,
    /// Its examples.
    pub examples: Vec<ApiExample>,
}

/// An attribute of an object, an argument of an endpoint or an attribute of a response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiAttribute {
    /// The key.
    pub name: String,
    /// The type as documented (`string`, `integer`, `timestamp`, `object`, `array`, ...; for
    /// arguments also `path parameter`).
    #[serde(rename = "type")]
    pub doc_type: String,
    /// For objects: the structure it holds, as the reference names it ("schedule").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_type: Option<String>,
    /// For arguments: whether it must be given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// The description (Markdown).
    pub description: String,
    /// For report-card properties: the description of the OAuth step's (Markdown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oauth_description: Option<String>,
    /// Whether the reference marks it deprecated.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// The documented example value's text, trimmed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    /// For metadata: whether a partner may change it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modifiable: Option<bool>,
    /// For metadata: the connection types it applies to, as written (`all`, `mysql, oracle`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<String>,
    /// Nested attributes of an object.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<ApiAttribute>,
}

/// What an example shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExampleKind {
    /// An object as the API returns it (on an object's page).
    Object,
    /// A request.
    Request,
    /// A response.
    Response,
}

impl ExampleKind {
    fn parse(word: &str) -> Option<Self> {
        match word {
            "object" => Some(ExampleKind::Object),
            "request" => Some(ExampleKind::Request),
            "response" => Some(ExampleKind::Response),
            _ => None,
        }
    }
}

/// One example: its text, and its JSON when the text is JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiExample {
    /// What it shows.
    pub kind: ExampleKind,
    /// Its title, when the page gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A request's URL path (and query), rendered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_url: Option<String>,
    /// Whether a request sends `Authorization: Bearer` (from its rendered header).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bearer: Option<bool>,
    /// The status a response example shows in its status line (`HTTP/1.1 302 Found`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The headers a response example shows, as written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<String>,
    /// Prose the page writes beside the body (Markdown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The body as written (a request's without its shell quotes), or `None` for none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The body parsed as JSON (after the repairs `spec/api-layout.json` records).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json: Option<Value>,
    /// Why the text is not JSON, when it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_json: Option<String>,
}

impl ApiExample {
    /// An example of `kind` with nothing in it yet.
    pub fn empty(kind: ExampleKind) -> Self {
        ApiExample {
            kind,
            title: None,
            request_url: None,
            bearer: None,
            status: None,
            headers: Vec::new(),
            note: None,
            text: None,
            json: None,
            not_json: None,
        }
    }
}

/// An endpoint.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiEndpoint {
    /// The page it was read from, relative to the documentation capture.
    pub source: String,
    /// The page's key (`update-a-source`).
    pub key: String,
    /// The endpoint group (`sources`).
    pub group: String,
    /// The API version (`4`).
    pub version: String,
    /// Its title.
    pub title: String,
    /// Its description (Markdown).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The HTTP method, upper case.
    pub method: String,
    /// The path, parameters in braces (`/v4/sources/{source_id}`).
    pub path: String,
    /// Whether a request sends the API access token (`Authorization: Bearer`); creating an
    /// account does not.
    pub access_token_required: bool,
    /// The arguments: path parameters, query parameters and body keys.
    pub arguments: Vec<ApiAttribute>,
    /// What a success returns (Markdown).
    pub returns: String,
    /// The success status the `returns` text names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub success_status: Option<u16>,
    /// Attributes of the response, when the page lists them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub response_attributes: Vec<ApiAttribute>,
    /// Records per page, for a paginated list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_size: Option<u32>,
    /// The rate-limit class (`jobs`), when limited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_limit: Option<String>,
    /// The resource whose error file lists its errors (`sources`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<String>,
    /// Request and response examples.
    pub examples: Vec<ApiExample>,
}

/// The documented error responses of one resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiErrors {
    /// The file it was read from, relative to the documentation capture.
    pub source: String,
    /// The resource (`sources`).
    pub resource: String,
    /// Each response.
    pub responses: Vec<ApiErrorResponse>,
}

/// One documented error response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiErrorResponse {
    /// The status.
    pub status: u16,
    /// The method it answers (upper case), or `None` for any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The API version it applies to (`4`, or `all`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// When it is returned (Markdown).
    pub condition: String,
    /// The body: its text, its JSON when it is JSON.
    pub body: ApiExample,
}

/// The API-wide facts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiGeneral {
    /// The base URL.
    pub base_url: String,
    /// Every documented status code.
    pub status_codes: Vec<StatusCode>,
    /// Every documented rate limit.
    pub rate_limits: Vec<RateLimit>,
}

/// A documented status code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusCode {
    /// The code.
    pub code: u16,
    /// Its reason phrase.
    pub text: String,
    /// Whether it is an error.
    pub error: bool,
    /// What it means (Markdown).
    pub description: String,
}

/// A documented rate limit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RateLimit {
    /// Its class (`jobs`), as endpoints name it.
    pub class: String,
    /// Requests allowed per window.
    pub requests: u32,
    /// The window, in seconds.
    pub window_seconds: u32,
    /// Its description (Markdown).
    pub description: String,
}

/// A function of the JavaScript client (Stitch.js) and the options object it takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsFunction {
    /// The page it was read from, relative to the documentation capture.
    pub source: String,
    /// The function's name (`addSource`).
    pub function: String,
    /// Its title.
    pub title: String,
    /// Its description (Markdown).
    pub description: String,
    /// The options object's keys.
    pub options: Vec<ApiAttribute>,
    /// The options objects the examples pass (`kind: object`).
    pub examples: Vec<ApiExample>,
}

/// An error code of the JavaScript client.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsErrorCode {
    /// The code (`AppClosedPrematurelyError`).
    pub code: String,
    /// Its message, as documented.
    pub text: String,
    /// When it happens (Markdown).
    pub condition: String,
}

/// The JavaScript client's error codes (`js/error-codes.json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsErrorCodes {
    /// The file it was read from, relative to the documentation capture.
    pub source: String,
    /// The codes, in the reference's order.
    pub codes: Vec<JsErrorCode>,
}

/// Everything `spec/api/` holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ApiModel {
    /// Objects, by key.
    pub objects: Vec<ApiObject>,
    /// Endpoints, by version and key.
    pub endpoints: Vec<ApiEndpoint>,
    /// Error responses, by resource.
    pub errors: Vec<ApiErrors>,
    /// The general facts, once read.
    pub general: Option<ApiGeneral>,
    /// The JavaScript client's functions, by name.
    pub js_functions: Vec<JsFunction>,
    /// The JavaScript client's error codes.
    pub js_errors: Option<JsErrorCodes>,
}

fn strings(at: Option<At<'_>>) -> Result<Option<String>, SpecError> {
    at.map(|at| at.string().map(str::to_owned)).transpose()
}

fn req_string(obj: &mut Obj<'_>, key: &str) -> Result<String, SpecError> {
    obj.req_str(key).map(str::to_owned)
}

fn opt_string(obj: &mut Obj<'_>, key: &str) -> Result<Option<String>, SpecError> {
    strings(obj.get(key))
}

fn list<T>(
    obj: &mut Obj<'_>,
    key: &str,
    each: impl Fn(&At<'_>) -> Result<T, SpecError>,
) -> Result<Vec<T>, SpecError> {
    match obj.get(key) {
        None => Ok(Vec::new()),
        Some(at) => at.array()?.iter().map(each).collect(),
    }
}

fn small<T: TryFrom<u64>>(at: &At<'_>) -> Result<T, SpecError> {
    let n = at.unsigned()?;
    T::try_from(n).map_err(|_| at.error(format!("{n} is out of range")))
}

fn parse_attribute(at: &At<'_>) -> Result<ApiAttribute, SpecError> {
    let mut obj = at.object()?;
    let attribute = ApiAttribute {
        name: req_string(&mut obj, "name")?,
        doc_type: req_string(&mut obj, "type")?,
        sub_type: opt_string(&mut obj, "sub_type")?,
        required: obj.opt_bool("required")?,
        description: req_string(&mut obj, "description")?,
        oauth_description: opt_string(&mut obj, "oauth_description")?,
        deprecated: obj.opt_bool("deprecated")?.unwrap_or(false),
        example: opt_string(&mut obj, "example")?,
        modifiable: obj.opt_bool("modifiable")?,
        applies_to: opt_string(&mut obj, "applies_to")?,
        attributes: list(&mut obj, "attributes", parse_attribute)?,
    };
    obj.deny_unknown()?;
    Ok(attribute)
}

fn parse_example(at: &At<'_>) -> Result<ApiExample, SpecError> {
    let mut obj = at.object()?;
    let kind_at = obj.required("kind")?;
    let kind = ExampleKind::parse(kind_at.string()?)
        .ok_or_else(|| kind_at.error("expected object, request or response"))?;
    let example = ApiExample {
        kind,
        title: opt_string(&mut obj, "title")?,
        request_url: opt_string(&mut obj, "request_url")?,
        bearer: obj.opt_bool("bearer")?,
        status: obj.get("status").map(|at| small(&at)).transpose()?,
        headers: list(&mut obj, "headers", |at| at.string().map(str::to_owned))?,
        note: opt_string(&mut obj, "note")?,
        text: opt_string(&mut obj, "text")?,
        json: obj.get("json").map(|at| at.value().clone()),
        not_json: opt_string(&mut obj, "not_json")?,
    };
    obj.deny_unknown()?;
    Ok(example)
}

/// Reads an object file.
///
/// # Errors
/// Malformed JSON or a shape other than [`ApiObject`]'s, at its JSON path.
pub fn parse_object(file: &Path, text: &str) -> Result<ApiObject, SpecError> {
    let value = parse(file, text)?;
    let mut obj = At::root(file, &value).object()?;
    let object = ApiObject {
        source: req_string(&mut obj, "source")?,
        key: req_string(&mut obj, "key")?,
        kind: req_string(&mut obj, "kind")?,
        title: req_string(&mut obj, "title")?,
        endpoint: opt_string(&mut obj, "endpoint")?,
        version: opt_string(&mut obj, "version")?,
        description: opt_string(&mut obj, "description")?.unwrap_or_default(),
        attributes: list(&mut obj, "attributes", parse_attribute)?,
        examples: list(&mut obj, "examples", parse_example)?,
    };
    obj.deny_unknown()?;
    Ok(object)
}

/// Reads an endpoint file.
///
/// # Errors
/// Malformed JSON or a shape other than [`ApiEndpoint`]'s, at its JSON path.
pub fn parse_endpoint(file: &Path, text: &str) -> Result<ApiEndpoint, SpecError> {
    let value = parse(file, text)?;
    let mut obj = At::root(file, &value).object()?;
    let endpoint = ApiEndpoint {
        source: req_string(&mut obj, "source")?,
        key: req_string(&mut obj, "key")?,
        group: req_string(&mut obj, "group")?,
        version: req_string(&mut obj, "version")?,
        title: req_string(&mut obj, "title")?,
        description: opt_string(&mut obj, "description")?.unwrap_or_default(),
        method: req_string(&mut obj, "method")?,
        path: req_string(&mut obj, "path")?,
        access_token_required: obj.req_bool("access_token_required")?,
        arguments: list(&mut obj, "arguments", parse_attribute)?,
        returns: req_string(&mut obj, "returns")?,
        success_status: obj.get("success_status").map(|at| small(&at)).transpose()?,
        response_attributes: list(&mut obj, "response_attributes", parse_attribute)?,
        page_size: obj.get("page_size").map(|at| small(&at)).transpose()?,
        rate_limit: opt_string(&mut obj, "rate_limit")?,
        errors: opt_string(&mut obj, "errors")?,
        examples: list(&mut obj, "examples", parse_example)?,
    };
    obj.deny_unknown()?;
    Ok(endpoint)
}

/// Reads an error file.
///
/// # Errors
/// Malformed JSON or a shape other than [`ApiErrors`]'s, at its JSON path.
pub fn parse_errors(file: &Path, text: &str) -> Result<ApiErrors, SpecError> {
    let value = parse(file, text)?;
    let mut obj = At::root(file, &value).object()?;
    let errors = ApiErrors {
        source: req_string(&mut obj, "source")?,
        resource: req_string(&mut obj, "resource")?,
        responses: list(&mut obj, "responses", |at| {
            let mut obj = at.object()?;
            let response = ApiErrorResponse {
                status: small(&obj.required("status")?)?,
                method: opt_string(&mut obj, "method")?,
                version: opt_string(&mut obj, "version")?,
                condition: req_string(&mut obj, "condition")?,
                body: parse_example(&obj.required("body")?)?,
            };
            obj.deny_unknown()?;
            Ok(response)
        })?,
    };
    obj.deny_unknown()?;
    Ok(errors)
}

/// Reads a JavaScript client function file.
///
/// # Errors
/// Malformed JSON or a shape other than [`JsFunction`]'s, at its JSON path.
pub fn parse_js_function(file: &Path, text: &str) -> Result<JsFunction, SpecError> {
    let value = parse(file, text)?;
    let mut obj = At::root(file, &value).object()?;
    let function = JsFunction {
        source: req_string(&mut obj, "source")?,
        function: req_string(&mut obj, "function")?,
        title: req_string(&mut obj, "title")?,
        description: req_string(&mut obj, "description")?,
        options: list(&mut obj, "options", parse_attribute)?,
        examples: list(&mut obj, "examples", parse_example)?,
    };
    obj.deny_unknown()?;
    Ok(function)
}

/// Reads the JavaScript client's error codes.
///
/// # Errors
/// Malformed JSON or a shape other than [`JsErrorCodes`]'s, at its JSON path.
pub fn parse_js_errors(file: &Path, text: &str) -> Result<JsErrorCodes, SpecError> {
    let value = parse(file, text)?;
    let mut obj = At::root(file, &value).object()?;
    let codes = JsErrorCodes {
        source: req_string(&mut obj, "source")?,
        codes: list(&mut obj, "codes", |at| {
            let mut obj = at.object()?;
            let code = JsErrorCode {
                code: req_string(&mut obj, "code")?,
                text: req_string(&mut obj, "text")?,
                condition: req_string(&mut obj, "condition")?,
            };
            obj.deny_unknown()?;
            Ok(code)
        })?,
    };
    obj.deny_unknown()?;
    Ok(codes)
}

/// Reads the general file.
///
/// # Errors
/// Malformed JSON or a shape other than [`ApiGeneral`]'s, at its JSON path.
pub fn parse_general(file: &Path, text: &str) -> Result<ApiGeneral, SpecError> {
    let value = parse(file, text)?;
    let mut obj = At::root(file, &value).object()?;
    let general = ApiGeneral {
        base_url: req_string(&mut obj, "base_url")?,
        status_codes: list(&mut obj, "status_codes", |at| {
            let mut obj = at.object()?;
            let code = StatusCode {
                code: small(&obj.required("code")?)?,
                text: req_string(&mut obj, "text")?,
                error: obj.req_bool("error")?,
                description: req_string(&mut obj, "description")?,
            };
            obj.deny_unknown()?;
            Ok(code)
        })?,
        rate_limits: list(&mut obj, "rate_limits", |at| {
            let mut obj = at.object()?;
            let limit = RateLimit {
                class: req_string(&mut obj, "class")?,
                requests: small(&obj.required("requests")?)?,
                window_seconds: small(&obj.required("window_seconds")?)?,
                description: req_string(&mut obj, "description")?,
            };
            obj.deny_unknown()?;
            Ok(limit)
        })?,
    };
    obj.deny_unknown()?;
    Ok(general)
}

/// Reads every file of `spec_root/api/`; a spec without the folder has an empty model.
///
/// # Errors
/// An unreadable or malformed file, at its JSON path; a file in none of the model's places.
pub fn load_api_model(spec_root: &Path) -> Result<ApiModel, SpecError> {
    let dir = spec_root.join(API_DIR);
    let mut model = ApiModel::default();
    if !dir.exists() {
        return Ok(model);
    }
    for path in crate::spec::sorted_entries(&dir)? {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        match name.as_deref() {
            Some(OBJECTS_DIR) => {
                for file in json_files(&path)? {
                    let object = parse_object(&file, &crate::spec::read(&file)?)?;
                    model.objects.push(object);
                }
            }
            Some(ENDPOINTS_DIR) => {
                for file in json_files(&path)? {
                    let endpoint = parse_endpoint(&file, &crate::spec::read(&file)?)?;
                    model.endpoints.push(endpoint);
                }
            }
            Some(ERRORS_DIR) => {
                for file in json_files(&path)? {
                    let errors = parse_errors(&file, &crate::spec::read(&file)?)?;
                    model.errors.push(errors);
                }
            }
            Some(JS_DIR) => {
                for file in json_files(&path)? {
                    let text = crate::spec::read(&file)?;
                    if file.file_name().is_some_and(|n| n == JS_ERRORS_FILE) {
                        model.js_errors = Some(parse_js_errors(&file, &text)?);
                    } else {
                        model.js_functions.push(parse_js_function(&file, &text)?);
                    }
                }
            }
            Some(GENERAL_FILE) => {
                model.general = Some(parse_general(&path, &crate::spec::read(&path)?)?);
            }
            _ => {
                return Err(SpecError::file(
                    &path,
                    format!(
                        "not a part of the API model (expected {OBJECTS_DIR}/, {ENDPOINTS_DIR}/, \
                         {ERRORS_DIR}/ or {GENERAL_FILE}); cargo xtask import-docs writes them"
                    ),
                ));
            }
        }
    }
    Ok(model)
}

fn json_files(dir: &Path) -> Result<Vec<std::path::PathBuf>, SpecError> {
    let mut files = Vec::new();
    for path in crate::spec::sorted_entries(dir)? {
        if path.extension().is_some_and(|e| e == "json") {
            files.push(path);
        } else {
            return Err(SpecError::file(
                &path,
                "expected a .json file of the API model",
            ));
        }
    }
    Ok(files)
}
