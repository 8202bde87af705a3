//! The API's endpoints as Rust types: each endpoint's path parameters, page, body and response.
//!
//! [`plan`] runs before the objects are built: it makes an object of each endpoint's body (its
//! arguments that are neither in the path nor the page query) and of each response the
//! reference describes only by example, so that [`super::api_objects`] types them as it types
//! the objects (identifiers, enums, nested structs, optionality; their examples become
//! round-trip tests). [`endpoints`] then names each endpoint's types.
//!
//! The rules:
//! - an argument named in the path (`{source_id}`) is a path parameter, typed by the `ids`
//!   decisions (by its name, or `group/name`), else text; one documented as a path parameter
//!   that the path lacks is the `page` query;
//! - the body is the object whose attributes are the body's arguments (Create an account's
//!   are the Account object's), else an object made of them;
//! - the response is the object the `returns` text names ("a Source object", "an array of
//!   Stream objects"), a page of the object its `data` attribute names when the page lists
//!   `data`, `page`, `total` and `links`, nothing when it says the body is empty or `null`, or
//!   what a decision says (`example`, `empty`, `redirect`, `list of {type}`);
//! - the endpoint's name is its key without articles (`update-a-source` → `UpdateSource`);
//!   an older version of an endpoint another version also has ends in `V{version}`.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::api_ir::{
    ApiEndpointIr, ApiEnumValue, ApiErrorExample, ApiIr, ApiResponse, ApiType, JsFunctionIr,
    PathParam, RateLimitIr,
};
use super::api_objects::SYNTHETIC_KIND;
use super::names::{camel, snake};
use crate::error::SpecError;
use crate::model::api::{ApiAttribute, ApiEndpoint, ApiExample, ApiModel, ApiObject, ExampleKind};
use crate::model::api_types::{ApiTypeDecisions, AttributeDecision};

/// What [`plan`] decided of each endpoint, for [`endpoints`].
#[derive(Debug, Clone)]
pub struct Plan {
    /// The objects made for bodies and responses, to type with the reference's.
    pub objects: Vec<ApiObject>,
    /// Per endpoint (the model's order): its name, its body and response as planned.
    endpoints: Vec<Planned>,
    /// Which endpoint decisions were used.
    used: Vec<bool>,
    /// The secrets endpoint decisions name in made objects, as attribute decisions.
    pub secrets: Vec<AttributeDecision>,
    /// The values of the reference's objects the response examples show, by object label, to
    /// type those objects with (optionality, item types).
    pub instances: Vec<(String, Value)>,
}

#[derive(Debug, Clone)]
struct Planned {
    name: String,
    /// The body's object, by title.
    body: Option<String>,
    response: PlannedResponse,
}

#[derive(Debug, Clone)]
enum PlannedResponse {
    /// An object of the reference, by title (or a made one).
    Object(String),
    /// A list of them.
    List(String),
    /// A list of an identifier type or a documented type word.
    ListOfType(String),
    /// A page of them.
    Page(String),
    /// Nothing to read.
    Empty,
    /// A redirect's location.
    Redirect,
}

fn endpoint_label(endpoint: &ApiEndpoint) -> String {
    format!("v{} {}", endpoint.version, endpoint.key)
}

/// The endpoint's Rust name.
fn endpoint_name(endpoint: &ApiEndpoint, all: &[ApiEndpoint]) -> String {
    let words: Vec<&str> = endpoint
        .key
        .split('-')
        .filter(|w| !matches!(*w, "a" | "an" | "the"))
        .collect();
    let mut name = camel(&words.join("-"));
    let newest = all
        .iter()
        .filter(|e| e.key == endpoint.key)
        .filter_map(|e| e.version.parse::<u32>().ok())
        .max();
    if newest.is_some_and(|n| endpoint.version.parse::<u32>().ok() != Some(n)) {
        name.push_str(&format!("V{}", endpoint.version));
    }
    name
}

/// Whether an argument is a path parameter of the endpoint.
fn in_path(endpoint: &ApiEndpoint, name: &str) -> bool {
    endpoint.path.contains(&format!("{{{name}}}"))
}

/// Whether an argument is the page query (documented as a path parameter the path lacks).
fn is_query(endpoint: &ApiEndpoint, argument: &ApiAttribute) -> bool {
    argument.doc_type == "path parameter" && !in_path(endpoint, &argument.name)
}

/// The object a `returns` text names first (by title, case-insensitive; at one place the
/// longest title: "Source Report Card" before "Source"), and whether it is a list ("an array
/// of … objects").
fn named_in_returns(returns: &str, titles: &[&str]) -> Option<(String, bool)> {
    let lower = returns.to_lowercase();
    let mut best: Option<(usize, usize, String, bool)> = None;
    for title in titles {
        let title_lower = title.to_lowercase();
        for (suffix, plural) in [(" objects", true), (" object", false)] {
            let needle = format!("{title_lower}{suffix}");
            let mut from = 0;
            while let Some(found) = lower[from..].find(&needle) {
                let at = from + found;
                from = at + needle.len();
                let before = &lower[..at];
                // A word boundary before the title.
                if !(before.is_empty() || before.ends_with(' ') || before.ends_with('[')) {
                    continue;
                }
                let list = plural || before.trim_end().ends_with("array of");
                let better = match &best {
                    None => true,
                    Some((best_at, best_len, _, _)) => {
                        at < *best_at || (at == *best_at && title.len() > *best_len)
                    }
                };
                if better {
                    best = Some((at, title.len(), (*title).to_owned(), list));
                }
                break;
            }
        }
    }
    best.map(|(_, _, title, list)| (title, list))
}

/// Plans every endpoint's body and response, making objects for those the reference does not
/// describe as objects.
///
/// # Errors
/// An endpoint whose response the `returns` text does not name and no decision states; a
/// decision naming no endpoint; a malformed decision.
pub fn plan(
    model: &ApiModel,
    decisions: &ApiTypeDecisions,
    decisions_file: &Path,
) -> Result<Plan, SpecError> {
    let titles: Vec<&str> = model.objects.iter().map(|o| o.title.as_str()).collect();
    let mut used = vec![false; decisions.endpoints.len()];
    let mut objects = Vec::new();
    let mut planned = Vec::new();
    let mut secrets = Vec::new();
    for endpoint in &model.endpoints {
        let label = endpoint_label(endpoint);
        let name = endpoint_name(endpoint, &model.endpoints);
        let decision = decisions.endpoints.iter().position(|d| d.endpoint == label);
        if let Some(index) = decision {
            used[index] = true;
        }
        let decision = decision.map(|i| &decisions.endpoints[i]);
        let error = |problem: String| match decision {
            Some(d) => SpecError::at(decisions_file, &d.path, problem),
            None => SpecError::at(decisions_file, "$.endpoints", format!("{label}: {problem}")),
        };
        // The body.
        let body_arguments: Vec<ApiAttribute> = endpoint
            .arguments
            .iter()
            .filter(|a| !in_path(endpoint, &a.name) && !is_query(endpoint, a))
            .cloned()
            .collect();
        let body = if body_arguments.is_empty() {
            None
        } else if let Some(title) = same_object(&body_arguments, model) {
            // The arguments are an object's attributes: that object (Create an account's are
            // the Account object's).
            Some(title)
        } else {
            let title = format!("{name} body");
            // A request the typed body refuses by decision is the endpoint's test, not an
            // example of the body.
            let refused = decision.is_some_and(|d| !d.refused_request.is_empty());
            let examples = endpoint
                .examples
                .iter()
                .filter(|e| e.kind == ExampleKind::Request && e.json.is_some() && !refused)
                .map(|e| object_example(e.json.clone()))
                .collect();
            objects.push(made_object(endpoint, &title, body_arguments, examples));
            Some(title)
        };
        // The response.
        let decided = decision.and_then(|d| d.response.as_deref());
        let response = match decided {
            Some("empty") => PlannedResponse::Empty,
            Some("redirect") => PlannedResponse::Redirect,
            Some("example") => {
                let title = format!("{name} response");
                let examples: Vec<&Value> = endpoint
                    .examples
                    .iter()
                    .filter(|e| e.kind == ExampleKind::Response)
                    .filter_map(|e| e.json.as_ref())
                    .collect();
                match examples.first() {
                    Some(Value::Array(_)) => PlannedResponse::ListOfType(
                        list_item_word(&examples)
                            .ok_or_else(|| error("the example lists no scalar".to_owned()))?,
                    ),
                    Some(Value::Object(_)) => {
                        let decision = decision.ok_or_else(|| error("no decision".to_owned()))?;
                        let attributes = attributes_of_examples(&examples, &decision.items, model);
                        for key in &decision.secrets {
                            secrets.push(AttributeDecision {
                                at: format!("{title}.{key}"),
                                key: None,
                                doc_type: None,
                                items: None,
                                union_of: Vec::new(),
                                secret: true,
                                optional: false,
                                rust_name: None,
                                properties: None,
                                reason: decision.reason.clone(),
                                path: decision.path.clone(),
                            });
                        }
                        let examples = examples
                            .iter()
                            .map(|v| object_example(Some((*v).clone())))
                            .collect();
                        objects.push(made_object(endpoint, &title, attributes, examples));
                        PlannedResponse::Object(title)
                    }
                    _ => {
                        return Err(error(
                            "no response example to read the body from".to_owned(),
                        ));
                    }
                }
            }
            Some(other) => match other.strip_prefix("list of ") {
                Some(item) => PlannedResponse::ListOfType(item.to_owned()),
                None => {
                    return Err(error(format!(
                        "unknown response {other:?} (expected example, empty, redirect or list of …)"
                    )));
                }
            },
            None => {
                let returns = endpoint.returns.to_lowercase();
                let page_keys = ["data", "page", "total", "links"];
                let paged = page_keys
                    .iter()
                    .all(|k| endpoint.response_attributes.iter().any(|a| a.name == *k));
                if paged {
                    let data = endpoint
                        .response_attributes
                        .iter()
                        .find(|a| a.name == "data")
                        .map(|a| a.description.as_str())
                        .unwrap_or_default();
                    let (title, _) = named_in_returns(data, &titles)
                        .ok_or_else(|| error("its `data` names no object".to_owned()))?;
                    PlannedResponse::Page(title)
                } else if returns.contains("empty body") || returns.contains("`null` body") {
                    PlannedResponse::Empty
                } else {
                    match named_in_returns(&endpoint.returns, &titles) {
                        Some((title, true)) => PlannedResponse::List(title),
                        Some((title, false)) => PlannedResponse::Object(title),
                        None => {
                            return Err(error(
                                "the `returns` text names no object: record the response \
                                 (`response`)"
                                    .to_owned(),
                            ));
                        }
                    }
                }
            }
        };
        planned.push(Planned {
            name,
            body,
            response,
        });
    }
    // The JavaScript client's options objects, typed as objects are.
    for function in &model.js_functions {
        objects.push(ApiObject {
            source: function.source.clone(),
            key: js_options_title(&function.function),
            kind: SYNTHETIC_KIND.to_owned(),
            title: js_options_title(&function.function),
            endpoint: None,
            version: None,
            description: function.description.clone(),
            attributes: function.options.clone(),
            examples: function.examples.clone(),
        });
    }
    let mut instances = Vec::new();
    for (endpoint, planned) in model.endpoints.iter().zip(&planned) {
        // As `api_objects` labels objects: with the version when several share the title.
        let label = |title: &str| {
            let versioned = format!("{title} v{}", endpoint.version);
            let same_title = model.objects.iter().filter(|o| o.title == title).count();
            if same_title > 1
                && model
                    .objects
                    .iter()
                    .any(|o| o.title == title && o.version.as_deref() == Some(&endpoint.version))
            {
                versioned
            } else {
                title.to_owned()
            }
        };
        for example in endpoint
            .examples
            .iter()
            .filter(|e| e.kind == ExampleKind::Response)
            .filter_map(|e| e.json.as_ref())
        {
            match (&planned.response, example) {
                // An error body under the success status (`{"error": …}` alone) is not one.
                (PlannedResponse::Object(title), Value::Object(map))
                    if !(map.len() == 1 && map.contains_key("error")) =>
                {
                    instances.push((label(title), example.clone()));
                }
                (PlannedResponse::List(title), Value::Array(items)) => {
                    instances.extend(items.iter().map(|i| (label(title), i.clone())));
                }
                (PlannedResponse::Page(title), Value::Object(map)) => {
                    if let Some(Value::Array(items)) = map.get("data") {
                        instances.extend(items.iter().map(|i| (label(title), i.clone())));
                    }
                }
                _ => {}
            }
        }
    }
    Ok(Plan {
        objects,
        endpoints: planned,
        used,
        secrets,
        instances,
    })
}

/// The title of the object made of a JavaScript function's options (`addSource options`).
pub fn js_options_title(function: &str) -> String {
    format!("{function} options")
}

/// The title of the object whose attributes are exactly `arguments` (by name), if one is.
fn same_object(arguments: &[ApiAttribute], model: &ApiModel) -> Option<String> {
    let names: std::collections::BTreeSet<&str> =
        arguments.iter().map(|a| a.name.as_str()).collect();
    model
        .objects
        .iter()
        .find(|o| {
            o.attributes.len() == names.len()
                && o.attributes.iter().all(|a| names.contains(a.name.as_str()))
        })
        .map(|o| o.title.clone())
}

/// An example as a made object's page example.
fn object_example(json: Option<Value>) -> ApiExample {
    ApiExample {
        json,
        ..ApiExample::empty(ExampleKind::Object)
    }
}

fn made_object(
    endpoint: &ApiEndpoint,
    title: &str,
    attributes: Vec<ApiAttribute>,
    examples: Vec<ApiExample>,
) -> ApiObject {
    ApiObject {
        source: endpoint.source.clone(),
        key: title.to_owned(),
        kind: SYNTHETIC_KIND.to_owned(),
        title: title.to_owned(),
        endpoint: Some(endpoint.group.clone()),
        version: None,
        description: format!(
            "Of {} (`{} {}`).",
            endpoint.title, endpoint.method, endpoint.path
        ),
        attributes,
        examples,
    }
}

/// The documented type word of a list's items, if every example item is one scalar kind.
fn list_item_word(examples: &[&Value]) -> Option<String> {
    let items: Vec<&Value> = examples
        .iter()
        .filter_map(|v| v.as_array())
        .flatten()
        .collect();
    if !items.is_empty() && items.iter().all(|v| v.is_i64()) {
        Some("integer".to_owned())
    } else if !items.is_empty() && items.iter().all(|v| v.is_string()) {
        Some("string".to_owned())
    } else {
        None
    }
}

/// The attributes of a body described only by its examples: each key, typed by its values (a
/// text that is a date-time is a timestamp; `null` alone takes the type an object documents
/// for the key), lists of objects by `items`.
fn attributes_of_examples(
    examples: &[&Value],
    items: &[(String, String)],
    model: &ApiModel,
) -> Vec<ApiAttribute> {
    let mut keys: Vec<String> = Vec::new();
    for example in examples {
        if let Value::Object(map) = example {
            for key in map.keys() {
                if !keys.contains(key) {
                    keys.push(key.clone());
                }
            }
        }
    }
    // In order, so that the struct does not depend on the order the example writes its keys.
    keys.sort();
    let documented = |key: &str| {
        model
            .objects
            .iter()
            .flat_map(|o| &o.attributes)
            .find(|a| a.name == key)
            .map(|a| a.doc_type.clone())
    };
    keys.into_iter()
        .map(|key| {
            let values: Vec<&Value> = examples
                .iter()
                .filter_map(|e| e.get(&key))
                .filter(|v| !v.is_null())
                .collect();
            let doc_type = match values.first() {
                Some(Value::String(text)) if is_date_time(text) => "timestamp".to_owned(),
                Some(Value::String(_)) => "string".to_owned(),
                Some(Value::Bool(_)) => "boolean".to_owned(),
                Some(Value::Number(n)) if n.is_i64() || n.is_u64() => "integer".to_owned(),
                Some(Value::Number(_)) => "number".to_owned(),
                Some(Value::Array(_)) => "array".to_owned(),
                Some(Value::Object(_)) => "object".to_owned(),
                Some(Value::Null) | None => documented(&key).unwrap_or_else(|| "object".to_owned()),
            };
            // A list of objects named by `items`: their attributes, which the list's items then
            // match.
            let nested = items
                .iter()
                .find(|(k, _)| *k == key)
                .and_then(|(_, title)| model.objects.iter().find(|o| o.title == *title))
                .map(|o| o.attributes.clone())
                .unwrap_or_default();
            ApiAttribute {
                name: key,
                doc_type,
                sub_type: None,
                required: None,
                description: String::new(),
                oauth_description: None,
                deprecated: false,
                example: None,
                modifiable: None,
                applies_to: None,
                attributes: nested,
            }
        })
        .collect()
}

/// `2019-06-01T00:00:00Z`-like text (the shape; the type checks it when reading).
fn is_date_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 20
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes[10] == b'T'
        && bytes[..4].iter().all(u8::is_ascii_digit)
}

/// Each endpoint's types, from the plan and the built objects.
///
/// # Errors
/// An endpoint decision nothing used; an object a plan names that the IR lacks.
pub fn endpoints(
    model: &ApiModel,
    plan: &Plan,
    decisions: &ApiTypeDecisions,
    decisions_file: &Path,
    ir: &mut ApiIr,
) -> Result<(), SpecError> {
    if let Some(index) = plan.used.iter().position(|u| !u) {
        return Err(SpecError::at(
            decisions_file,
            &decisions.endpoints[index].path,
            "no endpoint of the reference is this one: the decision is stale",
        ));
    }
    for decision in &decisions.endpoints {
        ir.decisions
            .push(format!("`{}`: {}", decision.endpoint, decision.reason));
    }
    let by_title: BTreeMap<&str, &str> = ir
        .structs
        .iter()
        .map(|s| (s.title.as_str(), s.name.as_str()))
        .chain(
            ir.aliases
                .iter()
                .map(|a| (a.name.as_str(), a.target.as_str())),
        )
        .collect();
    // An object documented per version is the endpoint's version of it.
    let struct_in = |title: &str, version: &str| -> Result<ApiType, SpecError> {
        let versioned = format!("{title} v{version}");
        let name = by_title
            .get(versioned.as_str())
            .or_else(|| by_title.get(title))
            .copied()
            .or_else(|| {
                // A title the objects hold case-insensitively ("Hook notification").
                by_title
                    .iter()
                    .find(|(t, _)| t.eq_ignore_ascii_case(title))
                    .map(|(_, n)| *n)
            })
            .or_else(|| {
                // An alias's title: its Rust name.
                ir.aliases
                    .iter()
                    .find(|a| a.name == camel(title))
                    .map(|a| a.target.as_str())
            })
            .ok_or_else(|| {
                SpecError::at(
                    decisions_file,
                    "$.endpoints",
                    format!("no object {title:?}"),
                )
            })?;
        Ok(ApiType::Struct(name.to_owned()))
    };
    let word_type = |word: &str, version: &str| -> Result<ApiType, SpecError> {
        Ok(match word {
            "integer" => ApiType::Integer,
            "string" => ApiType::String,
            id if ir.ids.iter().any(|i| i.name == id) => ApiType::Id(id.to_owned()),
            other => struct_in(other, version)?,
        })
    };
    let general = model.general.as_ref();
    for (endpoint, planned) in model.endpoints.iter().zip(&plan.endpoints) {
        let struct_of = |title: &str| struct_in(title, &endpoint.version);
        let params = endpoint
            .arguments
            .iter()
            .filter(|a| in_path(endpoint, &a.name))
            .map(|a| PathParam {
                key: a.name.clone(),
                ident: snake(&a.name),
                ty: path_type(decisions, &endpoint.group, &a.name),
                doc: a.description.clone(),
            })
            .collect();
        // Every `{name}` of the path is a documented argument.
        for segment in endpoint.path.split('/') {
            if let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}'))
                && !endpoint.arguments.iter().any(|a| a.name == name)
            {
                return Err(SpecError::at(
                    decisions_file,
                    "$.endpoints",
                    format!(
                        "{}: the path's {{{name}}} is not a documented argument",
                        endpoint_label(endpoint)
                    ),
                ));
            }
        }
        let page_query = endpoint.arguments.iter().any(|a| is_query(endpoint, a));
        let body = match &planned.body {
            None => None,
            Some(title) => match struct_of(title)? {
                ApiType::Struct(name) => Some(name),
                _ => None,
            },
        };
        let response = match &planned.response {
            PlannedResponse::Object(title) => ApiResponse::Json(struct_of(title)?),
            PlannedResponse::List(title) => {
                ApiResponse::Json(ApiType::List(Box::new(struct_of(title)?)))
            }
            PlannedResponse::ListOfType(word) => {
                ApiResponse::Json(ApiType::List(Box::new(word_type(word, &endpoint.version)?)))
            }
            PlannedResponse::Page(title) => ApiResponse::Page(struct_of(title)?),
            PlannedResponse::Empty => ApiResponse::Empty,
            PlannedResponse::Redirect => ApiResponse::Redirect,
        };
        let rate_limit = endpoint.rate_limit.as_ref().and_then(|class| {
            general
                .and_then(|g| g.rate_limits.iter().find(|r| r.class == *class))
                .map(|r| RateLimitIr {
                    class: r.class.clone(),
                    requests: r.requests,
                    window_seconds: r.window_seconds,
                })
        });
        if endpoint.rate_limit.is_some() && rate_limit.is_none() {
            return Err(SpecError::at(
                decisions_file,
                "$.endpoints",
                format!(
                    "{}: the rate limit {:?} is not documented",
                    endpoint_label(endpoint),
                    endpoint.rate_limit
                ),
            ));
        }
        let errors = endpoint
            .errors
            .as_ref()
            .and_then(|resource| model.errors.iter().find(|e| e.resource == *resource))
            .map(|errors| {
                errors
                    .responses
                    .iter()
                    .filter(|r| r.method.as_deref().is_none_or(|m| m == endpoint.method))
                    .filter(|r| {
                        r.version
                            .as_deref()
                            .is_none_or(|v| v == "all" || v == endpoint.version)
                    })
                    .map(|r| ApiErrorExample {
                        status: r.status,
                        condition: r.condition.clone(),
                        body: r.body.text.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        ir.endpoints.push(ApiEndpointIr {
            name: planned.name.clone(),
            title: endpoint.title.clone(),
            doc: endpoint.description.clone(),
            version: endpoint.version.clone(),
            method: endpoint.method.clone(),
            path: endpoint.path.clone(),
            params,
            page_query,
            body,
            response,
            success_status: endpoint.success_status.ok_or_else(|| {
                SpecError::at(
                    decisions_file,
                    "$.endpoints",
                    format!(
                        "{}: its `returns` text names no success status",
                        endpoint_label(endpoint)
                    ),
                )
            })?,
            access_token: endpoint.access_token_required,
            rate_limit,
            request_urls: endpoint
                .examples
                .iter()
                .filter_map(|e| e.request_url.clone())
                .collect(),
            refused_request: decisions
                .endpoints
                .iter()
                .find(|d| d.endpoint == endpoint_label(endpoint))
                .map(|d| d.refused_request.clone())
                .unwrap_or_default(),
            request_bodies: endpoint
                .examples
                .iter()
                .filter(|e| e.kind == ExampleKind::Request)
                .filter_map(|e| e.json.clone())
                .collect(),
            response_examples: endpoint
                .examples
                .iter()
                .filter(|e| e.kind == ExampleKind::Response)
                .filter_map(|e| e.json.clone())
                .collect(),
            errors,
        });
    }
    ir.endpoints.sort_by(|a, b| a.name.cmp(&b.name));
    for function in &model.js_functions {
        let ApiType::Struct(options) = struct_in(&js_options_title(&function.function), "")? else {
            continue;
        };
        ir.js_functions.push(JsFunctionIr {
            function: function.function.clone(),
            options,
            title: function.title.clone(),
            doc: function.description.clone(),
        });
    }
    ir.js_functions.sort_by(|a, b| a.function.cmp(&b.function));
    if let Some(errors) = &model.js_errors {
        ir.js_errors = errors
            .codes
            .iter()
            .map(|code| ApiEnumValue {
                wire: code.code.clone(),
                variant: camel(&code.code),
                doc: format!("\"{}\": {}", code.text, code.condition),
            })
            .collect();
    }
    Ok(())
}

/// A path parameter's type: the identifier a decision names for `group/name` or `name`, else
/// text.
fn path_type(decisions: &ApiTypeDecisions, group: &str, name: &str) -> ApiType {
    let qualified = format!("{group}/{name}");
    decisions
        .ids
        .iter()
        .find(|d| d.holders.iter().any(|h| *h == qualified || h == name))
        .map_or(ApiType::String, |d| ApiType::Id(d.name.clone()))
}
