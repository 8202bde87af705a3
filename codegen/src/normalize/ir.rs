//! The one intermediate representation the emitter reads: every typed connector with its
//! structs and fields already named, typed and documented, and the shared field types.

use serde_json::Value;

use crate::model::reference::Kind;
use crate::model::report_card::Details;

/// Everything the emitter needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Ir {
    /// The typed connectors, sorted by kind then API type.
    pub connectors: Vec<Connector>,
    /// The shared field types, sorted by name.
    pub types: Vec<SharedType>,
    /// Every connection type (typed or not), sorted by kind then API type.
    pub catalog: Vec<CatalogEntry>,
    /// The shared types the hand-written API bodies use (their timestamps), compiled with the
    /// `api` feature whatever the connectors.
    pub api_uses: Vec<TypeId>,
    /// What building the IR decided that a maintainer should hear (regen prints it).
    pub notices: Vec<crate::error::Notice>,
}

impl Ir {
    /// The shared type at `id`.
    pub fn shared(&self, id: TypeId) -> &SharedType {
        &self.types[id.0]
    }
}

/// The documentation of a connector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Documentation {
    /// Its page in the documentation source (`spec/docs-pages`): Markdown prose.
    ConnectorPage,
    /// The scraped connection-property reference: plain text.
    Reference,
}

impl Documentation {
    /// Its name in the generated docs: `the connector page`, `the reference`.
    pub fn words(self) -> &'static str {
        match self {
            Documentation::ConnectorPage => "the connector page",
            Documentation::Reference => "the reference",
        }
    }
}

impl Connector {
    /// Whether its documented prose is Markdown (a connector page's).
    pub fn prose_is_markdown(&self) -> bool {
        self.documentation == Some(Documentation::ConnectorPage)
    }
}

/// One row of the catalog of connection types.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogEntry {
    /// The API type.
    pub api_type: String,
    /// The display name, when documented.
    pub display_name: Option<String>,
    /// Source or destination.
    pub kind: Kind,
    /// Whether the crate has a typed module for it.
    pub typed: bool,
    /// Properties (settable or not) over all steps; 0 when untyped.
    pub properties: usize,
    /// Credential properties over all steps.
    pub credentials: usize,
    /// Where its properties come from.
    pub basis: Basis,
}

/// Where a connector's properties come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// A captured report card (the reference adds docs where it documents the type).
    Card,
    /// The reference only.
    Reference,
    /// Neither: the type is only listed.
    Listed,
}

/// A typed connector.
#[derive(Debug, Clone, PartialEq)]
pub struct Connector {
    /// The API type, e.g. `platform.recurly`.
    pub api_type: String,
    /// Source or destination.
    pub kind: Kind,
    /// The display name (the API type when undocumented).
    pub display_name: String,
    /// The module name.
    pub module: String,
    /// The Cargo feature (the API type itself).
    pub feature: String,
    /// Where its properties come from.
    pub basis: Basis,
    /// The type that replaces this one, when its report card names one (`upgrade_available`).
    pub replaced_by: Option<String>,
    /// The steps of its report card, when captured (wire names, in order).
    pub card_steps: Vec<String>,
    /// `details` of its report card, when captured.
    pub details: Option<Details>,
    /// The documented introduction, when documented.
    pub intro: Option<String>,
    /// Which documentation gives its prose, examples and (without a card) properties.
    pub documentation: Option<Documentation>,
    /// What the documentation says of its deprecation (since when, what instead), when it
    /// marks it deprecated.
    pub documented_deprecation: Option<(Option<String>, Option<String>)>,
    /// The top-level properties structs (form, then OAuth), then nested structs.
    pub structs: Vec<Struct>,
    /// The struct of an update (`PUT`): every property a request may send, optional.
    pub update: Option<Struct>,
    /// The struct of the properties a response returns.
    pub response: Option<Struct>,
    /// The examples, each attached to a top-level struct.
    pub examples: Vec<IrExample>,
    /// The reference's examples for steps the report card lists no properties for, which no
    /// struct types: shown in the module docs as JSON to send untyped.
    pub untyped_examples: Vec<UntypedExample>,
    /// The shared types it uses (for feature gating).
    pub uses: Vec<TypeId>,
}

impl Connector {
    /// Whether its card lists no steps and nothing else gave it properties: the type's module
    /// gives only the card's details, and validation takes any object.
    pub fn says_nothing_of_properties(&self) -> bool {
        self.structs.is_empty() && self.card_steps.is_empty()
    }

    /// Why its module is deprecated, if it is: its report card names a replacement
    /// (`upgrade_available`) or its pipeline state is `deprecated`.
    ///
    /// The card's word first (its replacement, else its pipeline state); where the card says
    /// nothing of it, the documentation's (a connector page's `deprecated`).
    pub fn deprecation(&self) -> Option<String> {
        let state = self
            .details
            .as_ref()
            .and_then(|d| d.pipeline_state.as_deref());
        match (&self.replaced_by, state) {
            (Some(next), _) => Some(format!(
                "Stitch's report card for `{}` names `{next}` as its replacement",
                self.api_type
            )),
            (None, Some("deprecated")) => Some(format!(
                "Stitch's report card marks `{}` deprecated",
                self.api_type
            )),
            _ => self
                .documented_deprecation
                .as_ref()
                .map(|(as_of, instead)| {
                    let mut note = format!(
                        "Stitch's documentation marks `{}` deprecated",
                        self.api_type
                    );
                    if let Some(as_of) = as_of {
                        note.push_str(&format!(" as of {as_of}"));
                    }
                    if let Some(instead) = instead {
                        note.push_str(&format!("; use `{instead}` instead"));
                    }
                    note
                }),
        }
    }
}

/// A properties struct: a step's properties, or a nested object.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// The type name, e.g. `FormProperties`, `SshConfig`.
    pub name: String,
    /// The name of its required-fields struct, e.g. `FormRequired` (empty for the update and
    /// response structs, which require nothing).
    pub required_name: String,
    /// The step it belongs to (`form`, `oauth`), `None` for nested objects.
    pub step: Option<String>,
    /// One line saying what it is.
    pub summary: String,
    /// Fields in spec order.
    pub fields: Vec<Field>,
    /// Whether the step's schedule properties are grouped into one `schedule` field.
    pub schedule: Option<ScheduleParts>,
    /// Wire names that deserializing refuses (the read-only properties of an update struct).
    pub refused: Vec<String>,
    /// Wire names an update struct refuses because their value cannot change once set
    /// (`user_provided_immutable`).
    pub immutable: Vec<String>,
    /// The other steps' structs that this one carries (the form carries OAuth's).
    pub carries: Vec<Carried>,
    /// The properties of the connector's other steps, which this step's struct, read alone,
    /// refuses (a step after the form; the form carries them instead).
    pub other_steps: Vec<String>,
    /// Whether a value its field's type does not take is kept aside (in `unexpected`) rather
    /// than failing: responses.
    pub lenient: bool,
    /// For a request struct, what its deserialization agrees with: `validate_properties`
    /// (the form: a create) or `validate_update_properties` (an update, another step);
    /// `None` for nested objects and responses.
    pub verdict: Option<Verdict>,
}

/// The validation a request struct's deserialization gives the same verdict as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// A create: required properties and the schedule are demanded.
    Create,
    /// An update, or a step other than the form: only what is given is checked.
    Update,
}

/// Another step's struct, carried by the form struct as an optional field.
#[derive(Debug, Clone, PartialEq)]
pub struct Carried {
    /// The field's Rust name, e.g. `oauth_properties`.
    pub field: String,
    /// The carried struct's name, e.g. `OauthProperties`.
    pub struct_name: String,
    /// Its step, e.g. `oauth`.
    pub step: String,
    /// The wire names read into it (its properties less those the form has).
    pub wires: Vec<String>,
}

/// Where the schedule's parts sit among a struct's fields.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleParts {
    /// Index of `frequency_in_minutes`.
    pub frequency: usize,
    /// Index of `anchor_time`.
    pub anchor_time: usize,
    /// Index of `cron_expression`.
    pub cron_expression: usize,
}

impl Struct {
    /// Whether field `index` is part of the schedule.
    pub fn in_schedule(&self, index: usize) -> bool {
        self.schedule.as_ref().is_some_and(|s| {
            index == s.frequency || index == s.anchor_time || index == s.cron_expression
        })
    }
}

/// How a property can be set in a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Must be given.
    Required,
    /// May be given.
    Optional,
    /// May be given; Stitch provides it by default (`system_provided`,
    /// `system_provided_by_default`): when it performs the step itself, as with OAuth.
    Provided,
    /// Kept when read (examples, stored payloads) but never set by a user.
    NotSettable(NotSettable),
}

/// Why a property has no setter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotSettable {
    /// `property_type: read_only` / `READ-ONLY`.
    ReadOnly,
    /// `INTERNAL`: for Stitch use only.
    Internal,
}

impl NotSettable {
    /// In words.
    pub fn describe(self) -> &'static str {
        match self {
            NotSettable::ReadOnly => "Read-only: set by Stitch and returned by the API",
            NotSettable::Internal => "Internal: for Stitch use only",
        }
    }
}

/// One property.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The wire name.
    pub wire: String,
    /// The Rust name (field, and `with_` setter).
    pub rust: String,
    /// Required, optional or not settable.
    pub access: Access,
    /// Whether the value is a secret, and why.
    pub credential: Option<String>,
    /// `property_type` of the card, when captured.
    pub property_type: Option<String>,
    /// The value's type.
    pub value: ValueType,
    /// The JSON Schema the value must satisfy, as stated by the card or inferred (for docs and
    /// `JsonSchema`); `None` when unconstrained.
    pub schema: Option<Value>,
    /// The description, when documented (Markdown from a connector page, plain text from the
    /// reference: the connector's [`documentation`](Connector::documentation) says which).
    pub description: Option<String>,
    /// Where the constraint comes from, in words.
    pub constraint_source: String,
}

impl Field {
    /// Whether Stitch sets it (`read_only`): requests must leave it out.
    pub fn is_read_only(&self) -> bool {
        self.access == Access::NotSettable(NotSettable::ReadOnly)
    }

    /// Whether its value cannot change once set (`user_provided_immutable`): an update may not
    /// send it.
    pub fn is_immutable(&self) -> bool {
        self.property_type.as_deref() == Some(crate::normalize::update::IMMUTABLE)
    }
}

/// Identifies a shared type in [`Ir::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

/// The Rust type of a value.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueType {
    /// `String`: any JSON string.
    Text,
    /// `bool` as a JSON boolean.
    JsonBool,
    /// `bool` as the strings `"true"`/`"false"`.
    BoolString,
    /// `i64` as a JSON integer.
    Integer,
    /// `f64` as a JSON number.
    Number,
    /// A shared validated type.
    Shared(TypeId),
    /// A nested struct of the same connector, by name.
    Nested(String),
    /// A JSON array of values.
    List(Box<ValueType>),
    /// Any JSON value, unchecked.
    Json,
}

/// A reference example for a step without typed properties.
#[derive(Debug, Clone, PartialEq)]
pub struct UntypedExample {
    /// The caption.
    pub title: String,
    /// The step it belongs to (`form`, `oauth`).
    pub step: String,
    /// The example text as captured.
    pub json: String,
}

/// A shared field type.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedType {
    /// The type name.
    pub name: String,
    /// What it is.
    pub kind: SharedKind,
    /// The JSON Schema it enforces (canonical text), as the report card states it.
    pub schema: Value,
    /// Where the schema first appears (`type.property`), for docs.
    pub users: Vec<String>,
    /// Whether a credential property anywhere in the catalog holds a value of this type: its
    /// errors then never keep the refused value.
    pub holds_credentials: bool,
}

/// The kinds of shared types.
#[derive(Debug, Clone, PartialEq)]
pub enum SharedKind {
    /// A calendar date at midnight UTC, `YYYY-MM-DDT00:00:00Z`.
    StartDate,
    /// An enum of literal strings: (variant, literal).
    Enum(Vec<(String, String)>),
    /// A `u64` written as a digit string.
    Digits,
    /// A `u64` accepted as a JSON integer or a digit string, written back in the same form.
    IntegerOrDigits,
    /// A JSON string or integer, kept as given.
    StringOrInteger,
    /// An IPv4 address, IPv6 address or hostname.
    Host,
    /// An RFC 3339 date-time.
    Timestamp,
    /// An RFC 3986 URI.
    Uri,
    /// A string in another draft-7 format (`email`, `date`, `ipv4`, ...; not `date-time` or
    /// `uri`, which are [`SharedKind::Timestamp`] and [`SharedKind::Uri`]).
    FormatString(crate::model::json_schema::Format),
    /// A string matching a pattern: the pattern source and the program tokens' source.
    Pattern(String),
    /// An object of named properties (`type: object` with `properties`, and maybe `required`
    /// and `additionalProperties: false`): a struct.
    Object {
        /// One per property, in the schema's (sorted) order.
        fields: Vec<ObjectField>,
        /// Whether keys the schema does not name are refused (`additionalProperties: false`);
        /// otherwise they are kept and written back.
        closed: bool,
    },
    /// Any other schema: a JSON value the runtime evaluator checks against the whole schema.
    Validated(crate::model::json_schema::Document),
    /// The replication schedule of a source.
    Schedule {
        /// The frequency's type.
        frequency: TypeId,
        /// The anchor time's type.
        anchor_time: TypeId,
    },
}

/// A property of a [`SharedKind::Object`].
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectField {
    /// The key.
    pub wire: String,
    /// The Rust field name.
    pub rust: String,
    /// The value's type.
    pub value: ValueType,
    /// Whether the key must be present.
    pub required: bool,
    /// The property's `description` (or `title`), if any.
    pub description: Option<String>,
}

/// An example object, ready for a doctest.
#[derive(Debug, Clone, PartialEq)]
pub struct IrExample {
    /// The caption.
    pub title: String,
    /// The struct it deserializes into.
    pub struct_name: String,
    /// The JSON text to deserialize.
    pub json: String,
    /// How the text differs from the capture, and why (repaired examples).
    pub repair: Option<String>,
    /// The property the typed layer rejects, and why (examples that contradict the card).
    pub rejected: Option<(String, String)>,
}
