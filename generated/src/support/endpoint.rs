//! The sans-IO side of the Connect API's endpoints: what a request is ([`Endpoint`]), what a
//! response reads into (`Result<Response, ApiError>`), lists of many pages ([`Page`]), and the
//! documented error bodies ([`ApiError`]). The generated `endpoints` module implements
//! [`Endpoint`] once per endpoint; no HTTP client is needed to use any of it. Not generated.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An HTTP method the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `DELETE`.
    Delete,
}

impl Method {
    /// The method's name, upper case.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A documented rate limit: at most `requests` in any `window_seconds`, per client account, over
/// all the endpoints of its class together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RateLimit {
    /// The class the reference names (`jobs`).
    pub class: &'static str,
    /// Requests allowed in a window.
    pub requests: u32,
    /// The window, in seconds.
    pub window_seconds: u32,
}

/// A response as the transport received it: the status, the headers it needs, the body.
/// (`Debug` shows the body's length and the `Location` without its query: either may hold a
/// credential.)
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct HttpResponse<'a> {
    /// The status code.
    pub status: u16,
    /// The `Location` header, for a redirect.
    pub location: Option<&'a str>,
    /// The body's bytes.
    pub body: &'a [u8],
}

impl fmt::Debug for HttpResponse<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("location", &self.location.map(without_query))
            .field("body_bytes", &self.body.len())
            .finish()
    }
}

/// A URL without its query (a pre-signed URL's credentials are there).
fn without_query(url: &str) -> String {
    match url.split_once('?') {
        Some((path, _)) => format!("{path}?…"),
        None => url.to_owned(),
    }
}

impl<'a> HttpResponse<'a> {
    /// A response of `status` with `body` and no `Location`.
    pub const fn new(status: u16, body: &'a [u8]) -> Self {
        HttpResponse {
            status,
            location: None,
            body,
        }
    }
}

/// One endpoint of the Connect API, as data: a value of an implementing type is one request.
/// The generated `endpoints` module implements it for every documented endpoint.
pub trait Endpoint {
    /// What a success reads into.
    type Response;
    /// The method.
    const METHOD: Method;
    /// The status a success returns.
    const SUCCESS_STATUS: u16;
    /// Whether the request sends the API access token (`Authorization: Bearer`); only
    /// creating an account does not.
    const ACCESS_TOKEN: bool;
    /// The rate limit the endpoint counts against, if any.
    const RATE_LIMIT: Option<RateLimit>;
    /// The reference's title of the endpoint.
    const TITLE: &'static str;

    /// The path and query, each parameter percent-encoded (`/v4/sources/86741`).
    fn path(&self) -> String;

    /// The JSON body, if the request has one.
    fn body(&self) -> Option<Vec<u8>>;

    /// Reads a response: the success status with its documented body is the response; any
    /// other status, or an error body under a success status (Start a replication job answers
    /// `200` with `{"error": …}` when a job is running), is an [`ApiError`].
    ///
    /// # Errors
    /// An [`ApiError`] with the status and the body's bytes, read into the documented shape
    /// it has, if any.
    fn parse_response(response: HttpResponse<'_>) -> Result<Self::Response, ApiError>;
}

/// Reads the body of a success as JSON into `T` (an empty body reads as `null`), or an
/// [`ApiError`] for another status, an error body, or a body that is not `T`.
///
/// # Errors
/// As [`Endpoint::parse_response`].
pub fn parse_json<T: DeserializeOwned>(
    success: u16,
    response: HttpResponse<'_>,
) -> Result<T, ApiError> {
    if response.status != success {
        return Err(ApiError::from_response(response.status, response.body));
    }
    let text = response.body.trim_ascii();
    let value: Value = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(text).map_err(|e| {
            ApiError::unexpected(response.status, response.body, format!("not JSON: {e}"))
        })?
    };
    if let Value::Object(map) = &value
        && map.len() == 1
        && map.contains_key("error")
    {
        return Err(ApiError::from_response(response.status, response.body));
    }
    serde_json::from_value(value).map_err(|e| {
        ApiError::unexpected(
            response.status,
            response.body,
            format!(
                "not the documented body: {}",
                without_quoted(&e.to_string())
            ),
        )
    })
}

/// A message with every `"…"` it quotes replaced by `"…"`: serde quotes the values it
/// refuses, and a value may be a credential.
fn without_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quoted = false;
    for c in message.chars() {
        if c == '"' {
            if !quoted {
                out.push_str("\"…\"");
            }
            quoted = !quoted;
        } else if !quoted {
            out.push(c);
        }
    }
    out
}

/// The body of a success that returns nothing the crate reads (`null`, `{}`, or nothing).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NoContent;

impl<'de> Deserialize<'de> for NoContent {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Whatever it is: the documented bodies are `null` and `{}`.
        serde::de::IgnoredAny::deserialize(deserializer).map(|_| NoContent)
    }
}

/// A redirect: where the response points (`Location`). `Debug` leaves out the URL's query,
/// where a pre-signed URL (the extraction logs') carries its credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The URL to fetch.
    pub location: String,
}

impl fmt::Debug for Redirect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Redirect")
            .field("location", &without_query(&self.location))
            .finish()
    }
}

/// Reads a redirect of `success` (its `Location`), or an [`ApiError`].
///
/// # Errors
/// Another status, or a redirect without `Location`.
pub fn parse_redirect(success: u16, response: HttpResponse<'_>) -> Result<Redirect, ApiError> {
    if response.status != success {
        return Err(ApiError::from_response(response.status, response.body));
    }
    match response.location {
        Some(location) => Ok(Redirect {
            location: location.to_owned(),
        }),
        None => Err(ApiError::unexpected(
            response.status,
            response.body,
            "a redirect without a Location header".to_owned(),
        )),
    }
}

/// One page of a list the API returns by pages (extractions, loads).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The records of this page.
    pub data: Vec<T>,
    /// This page's number, from 1.
    pub page: u32,
    /// How many records the whole list has.
    pub total: u64,
    /// Links to the pages beside this one (empty when there is one page).
    pub links: PageLinks,
    /// The keys the reference does not document, kept as written.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The links of a [`Page`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PageLinks {
    /// The next page's path (`/v4/116078/extractions?page=3`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// The previous page's path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// The keys the reference does not document, kept as written.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl<T> Page<T> {
    /// The number of the next page, read from `links.next` (`?page=3`), if there is one.
    pub fn next_page(&self) -> Option<u32> {
        self.links.next.as_deref().and_then(page_number)
    }

    /// The number of the previous page, read from `links.previous`, if there is one.
    pub fn previous_page(&self) -> Option<u32> {
        self.links.previous.as_deref().and_then(page_number)
    }
}

/// The `page` query parameter of a path.
fn page_number(path: &str) -> Option<u32> {
    let (_, query) = path.split_once('?')?;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("page="))
        .and_then(|n| n.parse().ok())
}

/// An endpoint whose list comes in pages: the request for another page.
pub trait Paginated: Endpoint + Sized {
    /// The same request for page `page`.
    fn with_page(&self, page: u32) -> Self;

    /// The request for the page after `current`, or `None` on the last page.
    fn next_request<T>(&self, current: &Page<T>) -> Option<Self> {
        current.next_page().map(|page| self.with_page(page))
    }
}

/// Percent-encodes a path segment (RFC 3986: unreserved characters stay).
pub fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// What went wrong, as the API said it: the status, the body in the documented shape it has,
/// and the body's bytes, always kept. (Boxed: a `Result` of it stays small.)
#[derive(Clone, PartialEq)]
pub struct ApiError(Box<ErrorParts>);

#[derive(Clone, PartialEq)]
struct ErrorParts {
    status: u16,
    kind: ApiErrorKind,
    body: Vec<u8>,
}

/// The documented shapes of an error body. `Debug` shows the shape, codes, messages and field
/// names, not `data` nor a body's other values (they may echo what was sent).
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// `{"error": "InvalidType", "data": {"message": "…", …}}` (sources, hooks).
    CodeWithData {
        /// `error`.
        code: String,
        /// `data.message`.
        message: Option<String>,
        /// `data.bad_properties`: the properties the API refused.
        bad_properties: Vec<String>,
        /// `data`, whole.
        data: Map<String, Value>,
    },
    /// `{"code": "BadRequest", "message": "…", "errors": {"partner_id": "required"}}`
    /// (accounts).
    CodeMessage {
        /// `code`.
        code: String,
        /// `message`.
        message: String,
        /// `errors`: each refused field and why.
        errors: Vec<(String, String)>,
    },
    /// `{"error": {"type": "already_running", "message": "…"}}` or `{"error": {"message":
    /// "…"}}` (replication jobs, notifications).
    Nested {
        /// `error.type`, when given.
        error_type: Option<String>,
        /// `error.message`.
        message: String,
    },
    /// `{"invalid_fields": …}` (stream metadata), `{"error": {"message": {"email_address":
    /// "…"}}}` and `{"disabled_at": "<INVALID_VALUE>"}` (notifications): the fields the API
    /// refused, and why.
    InvalidFields {
        /// Each refused field and its message (a single message has the field `""`).
        fields: Vec<(String, String)>,
    },
    /// `{"status": "NOT FOUND", …}` (notifications).
    Status {
        /// `status`.
        status: String,
        /// `message`, when given.
        message: Option<String>,
    },
    /// A plain-text body (destinations, streams).
    Text(String),
    /// A body none of the documented shapes matches, or a success body that is not the
    /// documented one: why, in words.
    Unexpected(String),
}

impl ApiError {
    /// Reads an error response.
    pub fn from_response(status: u16, body: &[u8]) -> Self {
        ApiError(Box::new(ErrorParts {
            status,
            kind: ApiErrorKind::read(body),
            body: body.to_vec(),
        }))
    }

    /// A response that is not what the endpoint documents, and why.
    pub fn unexpected(status: u16, body: &[u8], why: String) -> Self {
        ApiError(Box::new(ErrorParts {
            status,
            kind: ApiErrorKind::Unexpected(why),
            body: body.to_vec(),
        }))
    }

    /// The status code.
    pub fn status(&self) -> u16 {
        self.0.status
    }

    /// The body, read into the documented shape it has.
    pub fn kind(&self) -> &ApiErrorKind {
        &self.0.kind
    }

    /// The body as received.
    pub fn body(&self) -> &[u8] {
        &self.0.body
    }

    /// The message the API gave, if any.
    pub fn message(&self) -> Option<&str> {
        match &self.0.kind {
            ApiErrorKind::CodeWithData { message, .. } | ApiErrorKind::Status { message, .. } => {
                message.as_deref()
            }
            ApiErrorKind::CodeMessage { message, .. } | ApiErrorKind::Nested { message, .. } => {
                Some(message)
            }
            ApiErrorKind::Text(text) => Some(text),
            ApiErrorKind::InvalidFields { fields } => fields.first().map(|(_, m)| m.as_str()),
            ApiErrorKind::Unexpected(_) => None,
        }
    }

    /// The properties or fields the API refused, by name, so that a form can mark them:
    /// `bad_properties` of a source's error, the keys of `invalid_fields`.
    pub fn invalid_fields(&self) -> Vec<&str> {
        match &self.0.kind {
            ApiErrorKind::CodeWithData { bad_properties, .. } => {
                bad_properties.iter().map(String::as_str).collect()
            }
            ApiErrorKind::InvalidFields { fields }
            | ApiErrorKind::CodeMessage { errors: fields, .. } => fields
                .iter()
                .map(|(f, _)| f.as_str())
                .filter(|f| !f.is_empty())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Whether a retry may succeed: a server error, or the rate limit.
    pub fn is_retryable(&self) -> bool {
        self.0.status == 429 || (500..600).contains(&self.0.status)
    }
}

impl fmt::Debug for ApiErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = |fields: &[(String, String)]| -> Vec<String> {
            fields.iter().map(|(field, _)| field.clone()).collect()
        };
        match self {
            ApiErrorKind::CodeWithData {
                code,
                message,
                bad_properties,
                data,
            } => f
                .debug_struct("CodeWithData")
                .field("code", code)
                .field("message", message)
                .field("bad_properties", bad_properties)
                .field("data_keys", &data.keys().collect::<Vec<_>>())
                .finish(),
            ApiErrorKind::CodeMessage {
                code,
                message,
                errors,
            } => f
                .debug_struct("CodeMessage")
                .field("code", code)
                .field("message", message)
                .field("error_fields", &names(errors))
                .finish(),
            ApiErrorKind::Nested {
                error_type,
                message,
            } => f
                .debug_struct("Nested")
                .field("error_type", error_type)
                .field("message", message)
                .finish(),
            ApiErrorKind::InvalidFields { fields } => f
                .debug_struct("InvalidFields")
                .field("fields", &names(fields))
                .finish(),
            ApiErrorKind::Status { status, message } => f
                .debug_struct("Status")
                .field("status", status)
                .field("message", message)
                .finish(),
            ApiErrorKind::Text(text) => f.debug_tuple("Text").field(&one_line(text)).finish(),
            ApiErrorKind::Unexpected(why) => f.debug_tuple("Unexpected").field(why).finish(),
        }
    }
}

impl ApiErrorKind {
    /// Reads a body into the documented shape it has.
    pub fn read(body: &[u8]) -> Self {
        let text = body.trim_ascii();
        let Ok(value) = serde_json::from_slice::<Value>(text) else {
            return match std::str::from_utf8(text) {
                Ok(text) if !text.is_empty() => ApiErrorKind::Text(text.to_owned()),
                Ok(_) => ApiErrorKind::Unexpected("an empty body".to_owned()),
                Err(_) => ApiErrorKind::Unexpected("a body that is not UTF-8".to_owned()),
            };
        };
        let string = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_owned);
        let Value::Object(map) = &value else {
            return match value {
                Value::String(text) => ApiErrorKind::Text(text),
                other => ApiErrorKind::Unexpected(format!(
                    "a JSON {}",
                    stitch_connect_runtime::json::type_name(&other)
                )),
            };
        };
        match (map.get("error"), map.get("data")) {
            (Some(Value::String(code)), data) => {
                let data = match data {
                    Some(Value::Object(data)) => data.clone(),
                    _ => Map::new(),
                };
                let bad_properties = data
                    .get("bad_properties")
                    .and_then(Value::as_array)
                    .map(|list| {
                        list.iter()
                            .filter_map(Value::as_str)
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default();
                return ApiErrorKind::CodeWithData {
                    code: code.clone(),
                    message: string(data.get("message")),
                    bad_properties,
                    data,
                };
            }
            (Some(Value::Object(error)), _) => {
                if let Some(message) = string(error.get("message")) {
                    return ApiErrorKind::Nested {
                        error_type: string(error.get("type")),
                        message,
                    };
                }
                if let Some(Value::Object(by_field)) = error.get("message") {
                    return ApiErrorKind::InvalidFields {
                        fields: field_messages(by_field),
                    };
                }
            }
            (None, Some(Value::Object(data))) => {
                // `{"data": {"message": …}}` (hooks).
                if let Some(message) = string(data.get("message")) {
                    return ApiErrorKind::Nested {
                        error_type: None,
                        message,
                    };
                }
            }
            _ => {}
        }
        if let (Some(code), Some(message)) = (string(map.get("code")), string(map.get("message"))) {
            let errors = match map.get("errors") {
                Some(Value::Object(by_field)) => field_messages(by_field),
                _ => Vec::new(),
            };
            return ApiErrorKind::CodeMessage {
                code,
                message,
                errors,
            };
        }
        if let Some(fields) = map.get("invalid_fields") {
            let fields = match fields {
                Value::String(message) => vec![(String::new(), message.clone())],
                Value::Object(by_field) => field_messages(by_field),
                other => vec![(String::new(), other.to_string())],
            };
            return ApiErrorKind::InvalidFields { fields };
        }
        if let Some(status) = string(map.get("status")) {
            return ApiErrorKind::Status {
                status,
                message: string(map.get("message")),
            };
        }
        // `{"disabled_at": "<INVALID_VALUE>"}`: the one field refused (its value echoes what was
        // sent, which may be a secret: not kept but in `body`).
        if map.len() == 1
            && let Some((field, Value::String(_))) = map.iter().next()
        {
            return ApiErrorKind::InvalidFields {
                fields: vec![(field.clone(), "an invalid value".to_owned())],
            };
        }
        ApiErrorKind::Unexpected("a JSON object of no documented error shape".to_owned())
    }
}

/// Each field and its message (a message that is not text, as JSON).
fn field_messages(by_field: &Map<String, Value>) -> Vec<(String, String)> {
    by_field
        .iter()
        .map(|(field, why)| {
            let why = match why {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            (field.clone(), why)
        })
        .collect()
}

impl fmt::Display for ApiError {
    /// One line: the status, then what the API said (its message, code and refused fields),
    /// never the body's other content.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.0.status)?;
        match &self.0.kind {
            ApiErrorKind::CodeWithData { code, message, .. } => {
                write!(f, " {}", one_line(code))?;
                if let Some(message) = message {
                    write!(f, ": {}", one_line(message))?;
                }
            }
            ApiErrorKind::CodeMessage { code, message, .. } => {
                write!(f, " {}: {}", one_line(code), one_line(message))?;
            }
            ApiErrorKind::Nested {
                error_type,
                message,
            } => {
                if let Some(error_type) = error_type {
                    write!(f, " {}", one_line(error_type))?;
                }
                write!(f, ": {}", one_line(message))?;
            }
            ApiErrorKind::InvalidFields { fields } => {
                f.write_str(": invalid fields")?;
                for (field, why) in fields {
                    if field.is_empty() {
                        write!(f, "; {}", one_line(why))?;
                    } else {
                        write!(f, "; {}: {}", one_line(field), one_line(why))?;
                    }
                }
            }
            ApiErrorKind::Status { status, message } => {
                write!(f, " {}", one_line(status))?;
                if let Some(message) = message {
                    write!(f, ": {}", one_line(message))?;
                }
            }
            ApiErrorKind::Text(text) => write!(f, ": {}", one_line(text))?,
            ApiErrorKind::Unexpected(why) => write!(
                f,
                ": unexpected response ({}; {} bytes kept)",
                one_line(why),
                self.0.body.len()
            )?,
        }
        let invalid = self.invalid_fields();
        if !invalid.is_empty() && !matches!(self.0.kind, ApiErrorKind::InvalidFields { .. }) {
            write!(f, " [{}]", one_line(&invalid.join(", ")))?;
        }
        Ok(())
    }
}

impl fmt::Debug for ApiError {
    /// As `Display`, with the body's length: the body may echo what was sent (credentials
    /// included), so it is never shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.0.status)
            .field("error", &format_args!("{self}"))
            .field("body_bytes", &self.0.body.len())
            .finish()
    }
}

impl std::error::Error for ApiError {}

/// `text` on one line, at most 300 characters.
fn one_line(text: &str) -> String {
    let mut line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > 300 {
        line = line.chars().take(300).collect::<String>() + "…";
    }
    line
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn each_documented_shape_reads_and_shows_on_one_line() {
        let cases: [(&str, &str); 8] = [
            (
                r#"{"error":"InvalidProperties","data":{"message":"properties do not match schema","bad_properties":["start_date","host"],"report_card":{}}}"#,
                "HTTP 400 InvalidProperties: properties do not match schema [start_date, host]",
            ),
            (
                r#"{"code":"ExistingUser","message":"This email address is already associated with an active user."}"#,
                "HTTP 400 ExistingUser: This email address is already associated with an active user.",
            ),
            (
                r#"{"error":{"type":"already_running","message":"Did not create job"}}"#,
                "HTTP 400 already_running: Did not create job",
            ),
            (
                r#"{"error":{"message":"Email is invalid"}}"#,
                "HTTP 400: Email is invalid",
            ),
            (
                r#"{"invalid_fields":{"selected":"Unsupported fields\ncannot be selected"}}"#,
                "HTTP 400: invalid fields; selected: Unsupported fields cannot be selected",
            ),
            (
                r#"{"status":"NOT FOUND","message":"x"}"#,
                "HTTP 400 NOT FOUND: x",
            ),
            (
                "you are at your destination limit",
                "HTTP 400: you are at your destination limit",
            ),
            (
                "{\"other\": 1}",
                "HTTP 400: unexpected response (a JSON object of no documented error shape; 12 bytes kept)",
            ),
        ];
        for (body, shown) in cases {
            let error = ApiError::from_response(400, body.as_bytes());
            assert_eq!(error.to_string(), shown);
            assert_eq!(error.body(), body.as_bytes());
            // `Debug` shows what `Display` shows, never the JSON body itself.
            if body.starts_with('{') {
                assert!(!format!("{error:?}").contains(body));
            }
        }
        let error = ApiError::from_response(
            400,
            br#"{"error":"InvalidProperties","data":{"bad_properties":["a"]}}"#,
        );
        assert_eq!(error.invalid_fields(), ["a"]);
        let error = ApiError::from_response(400, br#"{"invalid_fields":{"b":"why"}}"#);
        assert_eq!(error.invalid_fields(), ["b"]);
        assert!(ApiError::from_response(429, b"").is_retryable());
        assert!(!ApiError::from_response(404, b"").is_retryable());
    }

    #[test]
    fn a_success_reads_its_body_and_an_error_body_under_a_success_is_an_error() {
        let ok: Map<String, Value> =
            parse_json(200, HttpResponse::new(200, br#"{"job_name":"x"}"#)).unwrap();
        assert_eq!(ok["job_name"], "x");
        let running = parse_json::<Map<String, Value>>(
            200,
            HttpResponse::new(
                200,
                br#"{"error":{"type":"already_running","message":"m"}}"#,
            ),
        )
        .unwrap_err();
        assert_eq!(running.status(), 200);
        assert!(matches!(running.kind(), ApiErrorKind::Nested { .. }));
        let malformed = parse_json::<Map<String, Value>>(200, HttpResponse::new(200, b"{not json"))
            .unwrap_err();
        assert!(matches!(malformed.kind(), ApiErrorKind::Unexpected(_)));
        assert_eq!(malformed.body(), b"{not json");
        let _: NoContent = parse_json(200, HttpResponse::new(200, b"")).unwrap();
        let _: NoContent = parse_json(200, HttpResponse::new(200, b"null")).unwrap();
        assert_eq!(
            parse_json::<NoContent>(200, HttpResponse::new(500, b"oops"))
                .unwrap_err()
                .status(),
            500
        );
    }

    #[test]
    fn what_may_hold_a_credential_does_not_show() {
        let redirect = Redirect {
            location: "https://logs.example.com/job?x-amz-security-token=SECRET".to_owned(),
        };
        assert_eq!(
            format!("{redirect:?}"),
            "Redirect { location: \"https://logs.example.com/job?…\" }"
        );
        let response = HttpResponse::new(200, br#"{"access_token":"SECRET"}"#);
        assert!(!format!("{response:?}").contains("SECRET"));
        // serde quotes the value it refuses: the message does not.
        let refused = parse_json::<u64>(200, HttpResponse::new(200, br#""SECRET""#)).unwrap_err();
        assert!(!refused.to_string().contains("SECRET"), "{refused}");
        let echoed = ApiError::from_response(400, br#"{"password":"SECRET"}"#);
        assert!(!format!("{echoed} {echoed:?} {:?}", echoed.kind()).contains("SECRET"));
        let data = ApiError::from_response(
            400,
            br#"{"error":"InvalidProperties","data":{"message":"m","properties":{"password":"SECRET"}}}"#,
        );
        assert!(!format!("{data} {data:?} {:?}", data.kind()).contains("SECRET"));
        // One line, whatever the body's codes hold.
        let lines = ApiError::from_response(
            400,
            br#"{"code":"a\nb","message":"c\nd","errors":{"e\nf":"g"}}"#,
        );
        assert!(!lines.to_string().contains('\n'), "{lines}");
    }

    #[test]
    fn pages_say_their_neighbours() {
        let page: Page<u32> = serde_json::from_str(
            r#"{"data":[1],"page":2,"total":250,"links":{"next":"/v4/1/extractions?page=3","previous":"/v4/1/extractions?page=1"}}"#,
        )
        .unwrap();
        assert_eq!((page.next_page(), page.previous_page()), (Some(3), Some(1)));
        let last: Page<u32> =
            serde_json::from_str(r#"{"data":[],"page":1,"total":0,"links":{}}"#).unwrap();
        assert_eq!(last.next_page(), None);
        assert_eq!(encode_segment("a b/é"), "a%20b%2F%C3%A9");
    }
}
