//! The intermediate representation of the Connect API's objects: the structs, enums and
//! identifier types the emitter writes into `objects.rs`, built by
//! [`api_objects`](super::api_objects) from the reference (`spec/api/`) and its decisions
//! (`spec/api-types.json`).

use serde_json::Value;

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
    /// A connection's properties, typed by the object's `type` (the response properties of
    /// that kind).
    Properties(Kind),
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
    /// The documented examples of it: its page's, and the values at it in the examples of the
    /// objects that hold it (what its types and optionality are inferred from).
    pub examples: Vec<Value>,
    /// Its page's own examples (for the generated round-trip tests).
    pub page_examples: Vec<Value>,
}

impl ApiStruct {
    /// The field holding a connection's properties, if any (the struct then reads them by its
    /// `type`).
    pub fn properties_field(&self) -> Option<&ApiField> {
        self.fields
            .iter()
            .find(|f| matches!(f.ty, ApiType::Properties(_)))
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
    /// Each decision of `api-types.json` and `api-layout.json` as applied, in words, for the
    /// drift report.
    pub decisions: Vec<String>,
}
