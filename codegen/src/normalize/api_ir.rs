//! The intermediate representation of the Connect API's objects: the structs, enums and
//! identifier types the emitter writes into `objects.rs`, built by
//! [`api_objects`](super::api_objects) from the reference (`spec/api/`) and its decisions
//! (`spec/api-types.json`).

use serde_json::Value;

use crate::model::api_types::PropertiesUse;
use crate::model::reference::Kind;

/// The Rust type of a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiType {
    /// `String`.
    String,
    /// `i64`.
    Integer,
    /// `f64`.
    Number,
    /// `bool`.
    Boolean,
    /// `common::Timestamp`.
    Timestamp,
    /// A JSON object the reference does not describe: `serde_json::Map`.
    Map,
    /// An identifier type, by name.
    Id(String),
    /// An enum, by name.
    Enum(String),
    /// A struct, by name.
    Struct(String),
    /// `Vec<T>`.
    List(Box<ApiType>),
    /// A connection's properties of that kind, typed by connection type for that use.
    Properties(Kind, PropertiesUse),
    /// Always `null` (`()`): an argument documented as `null`.
    Null,
}

/// A field of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiField {
    /// The key on the wire.
    pub key: String,
    /// The Rust field name.
    pub ident: String,
    /// Its type (inside `Option` and `Secret` when those apply).
    pub ty: ApiType,
    /// Whether the value may be absent or null (`Option`).
    pub optional: bool,
    /// Whether every example writes the key (an absent value is then written `null`, so that a
    /// documented body serializes back to itself).
    pub always_written: bool,
    /// Whether some examples leave the key out and others write it `null`: the field is then
    /// `Option<Option<T>>` (absent, `null`, a value), so that both serialize back to
    /// themselves.
    pub absent_or_null: bool,
    /// Whether the value is a secret (`Secret`).
    pub secret: bool,
    /// Its documentation (Markdown).
    pub doc: String,
}

/// A struct: an object, a structure, or a nested object of one.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiStruct {
    /// The Rust name.
    pub name: String,
    /// The reference's title (`Source`, `Destination v3`, `Hook Notification.config`).
    pub title: String,
    /// Its documentation (Markdown).
    pub doc: String,
    /// The fields, in the reference's order.
    pub fields: Vec<ApiField>,
    /// Its page's own examples (for the generated round-trip tests). (Its types and
    /// optionality are read from more: the values at it in every example that holds it.)
    pub page_examples: Vec<Value>,
}

impl ApiStruct {
    /// The field holding a connection's properties, if any (the struct then reads them by its
    /// `type`).
    pub fn properties_field(&self) -> Option<&ApiField> {
        self.fields
            .iter()
            .find(|f| matches!(f.ty, ApiType::Properties(..)))
    }
}

/// One value of an enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiEnumValue {
    /// The value on the wire.
    pub wire: String,
    /// The variant.
    pub variant: String,
    /// What the reference says of it (Markdown).
    pub doc: String,
}

/// A string enum the reference lists the values of; unknown values are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiEnum {
    /// The Rust name.
    pub name: String,
    /// Where it is used, for its documentation (`Field-level Metadata.inclusion`).
    pub used_by: Vec<String>,
    /// The values, in the reference's order.
    pub values: Vec<ApiEnumValue>,
}

/// An identifier type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiId {
    /// The Rust name.
    pub name: String,
    /// Whether it is an integer (else a string).
    pub integer: bool,
    /// What holds it, for its documentation.
    pub holders: Vec<String>,
    /// Why (the decision's reason).
    pub doc: String,
}

/// A Rust name for another object (`SourceType` for `SourceReportCard`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiAlias {
    /// The alias.
    pub name: String,
    /// The struct it names.
    pub target: String,
    /// Why.
    pub doc: String,
}

/// Everything the API's objects need.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ApiIr {
    /// Identifier types, by name.
    pub ids: Vec<ApiId>,
    /// Enums, by name.
    pub enums: Vec<ApiEnum>,
    /// Structs, by name.
    pub structs: Vec<ApiStruct>,
    /// Aliases, by name.
    pub aliases: Vec<ApiAlias>,
    /// Endpoints, by name.
    pub endpoints: Vec<ApiEndpointIr>,
    /// The JavaScript client's functions, by name.
    pub js_functions: Vec<JsFunctionIr>,
    /// The JavaScript client's error codes (an enum's values).
    pub js_errors: Vec<ApiEnumValue>,
    /// Each decision of `api-types.json` and `api-layout.json` as applied, in words, for the
    /// drift report.
    pub decisions: Vec<String>,
}

/// What a success of an endpoint returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiResponse {
    /// A JSON body of this type.
    Json(ApiType),
    /// A page of a list of this type.
    Page(ApiType),
    /// Nothing to read.
    Empty,
    /// A redirect (its `Location`).
    Redirect,
}

/// A path parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathParam {
    /// Its name in the path (`source_id`).
    pub key: String,
    /// The Rust field name.
    pub ident: String,
    /// Its type: an identifier, else text.
    pub ty: ApiType,
    /// What the reference says of it (Markdown).
    pub doc: String,
}

/// A documented rate limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimitIr {
    /// Its class (`jobs`).
    pub class: String,
    /// Requests per window.
    pub requests: u32,
    /// The window, in seconds.
    pub window_seconds: u32,
}

/// A documented error response of an endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiErrorExample {
    /// The status.
    pub status: u16,
    /// When (Markdown).
    pub condition: String,
    /// The body's text, if the reference shows one.
    pub body: Option<String>,
}

/// An endpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiEndpointIr {
    /// The Rust name (`UpdateSource`).
    pub name: String,
    /// The reference's title.
    pub title: String,
    /// Its description (Markdown).
    pub doc: String,
    /// The API version.
    pub version: String,
    /// The method, upper case.
    pub method: String,
    /// The path template (`/v4/sources/{source_id}`).
    pub path: String,
    /// The path parameters, in the reference's order.
    pub params: Vec<PathParam>,
    /// Whether it takes the `page` query.
    pub page_query: bool,
    /// Its body, if any: a struct of the objects module, by name.
    pub body: Option<String>,
    /// What a success returns.
    pub response: ApiResponse,
    /// The success status.
    pub success_status: u16,
    /// Whether it sends the access token.
    pub access_token: bool,
    /// Its rate limit.
    pub rate_limit: Option<RateLimitIr>,
    /// The request URLs of its examples (path and query).
    pub request_urls: Vec<String>,
    /// The bodies of its request examples.
    pub request_bodies: Vec<Value>,
    /// Where the typed body refuses its documented requests (JSON pointers), by decision;
    /// empty when they read.
    pub refused_request: Vec<String>,
    /// Its response examples.
    pub response_examples: Vec<Value>,
    /// Its documented error responses.
    pub errors: Vec<ApiErrorExample>,
}

/// A function of the JavaScript client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsFunctionIr {
    /// Its name in JavaScript (`addSource`).
    pub function: String,
    /// The struct of its options.
    pub options: String,
    /// Its title.
    pub title: String,
    /// Its description (Markdown).
    pub doc: String,
}
