//! From a property's JSON Schema to its Rust value type, sharing one Rust type between every
//! property with the same constraint.
//!
//! The schema is read as the one model (`model/json_schema.rs`). Natural types for the common shapes:
//! - `{"type":"string"}` → `String`; `{"type":"boolean"}` → `bool`; `{"type":"integer"}` →
//!   `Integer`; `{"type":"number"}` → `f64`;
//! - `pattern` `^\d{4}-\d{2}-\d{2}T00:00:00Z$` → `StartDate`; `^\d+$` → `DigitString`;
//! - a pattern that is an anchored alternation of literals, or an `enum` of strings → an enum
//!   (`"true"`/`"false"` → `bool` written as a string); any other pattern → a validated
//!   string newtype;
//! - `format` `date-time` → `Timestamp`, `uri` → `Uri`, any other draft-7 format → a string
//!   newtype of its own (`Email`, `Date`, `Ipv4Address`, ...);
//! - `anyOf` of string formats ipv4, ipv6, hostname → `Host` (also next to `"type":"string"`);
//! - `anyOf` of `integer` and a string with pattern `^\d+` → `IntegerOrDigits`;
//! - `type: object` with `properties` (and maybe `required` and `additionalProperties: false`)
//!   → a struct of those properties' types (`SharedKind::Object`);
//! - `type: array` with `items` of a natural type → `Vec` of it.
//!
//! Every other schema becomes a newtype over a JSON value checked against the whole schema by
//! the runtime evaluator ([`SharedKind::Validated`]): no constraint is dropped. Refused is only
//! a pattern that is not valid ECMA-262 (with the `u` flag) or that the oracle cannot read
//! (see `normalize::pattern`).

use std::collections::BTreeMap;

use serde_json::Value;

use super::ir::{ObjectField, SharedKind, SharedType, TypeId, ValueType};
use super::names;
use super::pattern;
use crate::model::json_schema::{Assertion, Document, Format, Schema, SchemaType};

/// The pattern of a start date at midnight UTC.
pub const MIDNIGHT_PATTERN: &str = r"^\d{4}-\d{2}-\d{2}T00:00:00Z$";
/// The pattern of a digit string.
pub const DIGITS_PATTERN: &str = r"^\d+$";
/// The pattern of the string branch of an integer-or-digits value.
pub const DIGITS_PREFIX_PATTERN: &str = r"^\d+";

/// The shared types found so far.
#[derive(Debug, Default)]
pub struct Registry {
    types: Vec<SharedType>,
    by_key: BTreeMap<String, TypeId>,
    /// The connection type that first used each type (parallel to `types`): the prefix that
    /// tells apart two schemas wanting one name.
    owners: Vec<String>,
}

impl Registry {
    /// The Rust type for a JSON Schema. `property` names the property (for derived type names)
    /// and `user` says where it is used (`type.property`). `Err` says why the schema is not
    /// supported.
    pub fn for_schema(
        &mut self,
        schema: &Value,
        property: &str,
        user: &str,
    ) -> Result<ValueType, String> {
        // Not valid draft 7 is said so, with where.
        let document = crate::model::json_schema::parse(&sorted(schema)).map_err(|error| {
            format!(
                "not a valid draft-7 schema at {}: {}",
                error.path, error.problem
            )
        })?;
        checkable(&document)?;
        let raw = sorted(schema);
        let class = classify(&document, &raw)?;
        self.resolve(class, &raw, property, property, user)
    }

    /// The value type of a class: shared types interned (named after `name`, or after
    /// `property` for the item type of a list, `PropertyItem`), lists of their items' types.
    fn resolve(
        &mut self,
        class: Class,
        schema: &Value,
        name: &str,
        property: &str,
        user: &str,
    ) -> Result<ValueType, String> {
        Ok(match class {
            Class::Plain(value) => value,
            Class::Object {
                key,
                fields,
                closed,
            } => {
                let name = names::shared_type(name);
                let mut resolved = Vec::new();
                for (wire, class, required, description) in fields {
                    let schema = schema
                        .get("properties")
                        .and_then(|p| p.get(&wire))
                        .unwrap_or(&Value::Null);
                    let value =
                        self.resolve(class, schema, &format!("{name}_{wire}"), property, user)?;
                    resolved.push(ObjectField {
                        rust: names::snake(&wire),
                        wire,
                        value,
                        required,
                        description,
                    });
                }
                let kind = SharedKind::Object {
                    fields: resolved,
                    closed,
                };
                let owner = user
                    .strip_suffix(property)
                    .and_then(|owner| owner.strip_suffix('.'))
                    .unwrap_or(user);
                ValueType::Shared(self.intern(key, name, kind, schema, user, owner)?)
            }
            Class::List(item) => {
                let items = schema.get("items").unwrap_or(&Value::Null);
                let item_name = format!("{name}_item");
                ValueType::List(Box::new(
                    self.resolve(*item, items, &item_name, property, user)?,
                ))
            }
            Class::Shared {
                key,
                name: fixed,
                kind,
            } => {
                let name = fixed.unwrap_or_else(|| names::shared_type(name));
                let kind = match kind {
                    SharedKind::Enum(literals) => SharedKind::Enum(variants(&name, literals)),
                    other => other,
                };
                let owner = user
                    .strip_suffix(property)
                    .and_then(|owner| owner.strip_suffix('.'))
                    .unwrap_or(user);
                ValueType::Shared(self.intern(key, name, kind, schema, user, owner)?)
            }
        })
    }

    /// A shared type of a recognized kind (used for inferred types without a card schema).
    pub fn shared_kind(
        &mut self,
        kind: SharedKind,
        schema: &Value,
        user: &str,
    ) -> Result<TypeId, String> {
        let name = fixed_name(&kind).unwrap_or("Unnamed").to_owned();
        self.intern(name.clone(), name, kind, schema, user, "")
    }

    fn intern(
        &mut self,
        key: String,
        name: String,
        kind: SharedKind,
        schema: &Value,
        user: &str,
        owner: &str,
    ) -> Result<TypeId, String> {
        if let Some(&id) = self.by_key.get(&key) {
            let existing = &mut self.types[id.0];
            if !same_kind(&existing.kind, &kind) {
                return Err(format!(
                    "the shared type {} is already defined differently (first used by {})",
                    existing.name,
                    existing.users.first().map_or("", String::as_str)
                ));
            }
            if !existing.users.iter().any(|u| u == user) {
                existing.users.push(user.to_owned());
            }
            return Ok(id);
        }
        // A name another schema has already asked for is told apart when the types are
        // taken (`into_types`).
        let id = TypeId(self.types.len());
        self.types.push(SharedType {
            name,
            kind,
            schema: schema.clone(),
            users: vec![user.to_owned()],
            // Set once every connector is read (`build_ir::mark_credential_types`).
            holds_credentials: false,
        });
        self.by_key.insert(key, id);
        self.owners.push(owner.to_owned());
        Ok(id)
    }

    /// The shared type at `id`.
    pub fn get(&self, id: TypeId) -> &SharedType {
        &self.types[id.0]
    }

    /// All shared types, in the order they were found. Where different schemas asked for one
    /// name, each takes its first user's connection type as a prefix
    /// (`PlatformShopMode`, `PlatformOtherMode`), so that no name means two constraints and
    /// no name depends on which connector came first; a schema shared by several connectors
    /// keeps one type.
    pub fn into_types(self) -> Vec<SharedType> {
        let mut types = self.types;
        let names: Vec<String> = types.iter().map(|t| t.name.clone()).collect();
        for (index, ty) in types.iter_mut().enumerate() {
            if names.iter().filter(|n| **n == ty.name).count() < 2 {
                continue;
            }
            let owner = self.owners.get(index).map_or("", String::as_str);
            ty.name = format!("{}{}", names::camel(owner), ty.name);
        }
        // Two owners whose prefixes coincide (`a.b` and `a_b`) are numbered, in order.
        let renamed: Vec<String> = types.iter().map(|t| t.name.clone()).collect();
        for (index, ty) in types.iter_mut().enumerate() {
            let earlier = renamed[..index].iter().filter(|n| **n == ty.name).count();
            if earlier > 0 {
                ty.name = format!("{}{}", ty.name, earlier + 1);
            }
        }
        types
    }
}

/// The fixed name of a recognized kind; `None` for kinds named after their property.
pub fn fixed_name(kind: &SharedKind) -> Option<&'static str> {
    Some(match kind {
        SharedKind::StartDate => "StartDate",
        SharedKind::Digits => "DigitString",
        SharedKind::IntegerOrDigits => "IntegerOrDigits",
        SharedKind::StringOrInteger => "StringOrInteger",
        SharedKind::Host => "Host",
        SharedKind::Timestamp => "Timestamp",
        SharedKind::Uri => "Uri",
        SharedKind::FormatString(format) => format_type_name(*format),
        SharedKind::Schedule { .. } => "Schedule",
        SharedKind::Enum(_)
        | SharedKind::Pattern(_)
        | SharedKind::Object { .. }
        | SharedKind::Validated(_) => return None,
    })
}

/// The type name of a string in `format`: its name, but for the kinds named otherwise and the
/// names a reader would misread (an address, not a version; a regex's source, not a regex).
fn format_type_name(format: Format) -> &'static str {
    match format {
        Format::DateTime => "Timestamp",
        Format::Ipv4 => "Ipv4Address",
        Format::Ipv6 => "Ipv6Address",
        Format::Regex => "RegexSource",
        other => other.variant_name(),
    }
}

enum Class {
    Plain(ValueType),
    /// A JSON array of items of a natural type.
    List(Box<Class>),
    /// An object of named properties, each of its own class: a struct.
    Object {
        key: String,
        /// Key, class, whether required, description.
        fields: Vec<(String, Class, bool, Option<String>)>,
        closed: bool,
    },
    Shared {
        key: String,
        name: Option<String>,
        kind: SharedKind,
    },
}

fn recognized(kind: SharedKind) -> Class {
    let name = fixed_name(&kind).unwrap_or("Unnamed").to_owned();
    Class::Shared {
        key: name.clone(),
        name: Some(name),
        kind,
    }
}

/// Object keys sorted at every level: equal schemas have equal text.
pub fn canonical(schema: &Value) -> String {
    sorted(schema).to_string()
}

/// The value with object keys sorted at every level, so that output never depends on the key
/// order of a capture.
pub fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let sorted: BTreeMap<&String, Value> =
                map.iter().map(|(k, v)| (k, sorted(v))).collect();
            Value::Object(sorted.into_iter().map(|(k, v)| (k.clone(), v)).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// The Rust type of a schema: a natural one for the shapes above, else a value validated
/// against the whole schema ([`SharedKind::Validated`]). Only what the runtime cannot check
/// is an error (a pattern beyond the matcher's subset).
fn classify(document: &Document, raw: &Value) -> Result<Class, String> {
    let text_key = canonical(raw);
    let validated = || Class::Shared {
        key: text_key.clone(),
        name: None,
        kind: SharedKind::Validated(document.clone()),
    };
    // `definitions` without a `$ref` into them change nothing; with one, only the evaluator
    // follows it.
    let assertions = document.root.assertions();
    let string = |types: &[SchemaType]| types == [SchemaType::String];
    Ok(match assertions.as_slice() {
        [Assertion::Type([SchemaType::String])] => Class::Plain(ValueType::Text),
        // A list of items of a natural type (the items' schema alone, without a `$ref`).
        [Assertion::Items(item), Assertion::Type([SchemaType::Array])]
            if document.definitions.is_empty() && !refers(item) =>
        {
            let item = Document {
                root: (*item).clone(),
                definitions: Vec::new(),
                ignored: Vec::new(),
            };
            match classify(&item, raw.get("items").unwrap_or(&Value::Null))? {
                Class::Shared {
                    kind: SharedKind::Validated(_),
                    ..
                } => validated(),
                natural => Class::List(Box::new(natural)),
            }
        }
        [.., Assertion::Type([SchemaType::Object])] => {
            object_class(document, &assertions, raw, text_key.clone())?.unwrap_or_else(validated)
        }
        [Assertion::Type([SchemaType::Boolean])] => Class::Plain(ValueType::JsonBool),
        [Assertion::Type([SchemaType::Integer])] => Class::Plain(ValueType::Integer),
        [Assertion::Type([SchemaType::Number])] => Class::Plain(ValueType::Number),
        [Assertion::Format(Format::DateTime), Assertion::Type(t)] if string(t) => {
            recognized(SharedKind::Timestamp)
        }
        [Assertion::Format(Format::Uri), Assertion::Type(t)] if string(t) => {
            recognized(SharedKind::Uri)
        }
        [Assertion::Format(format), Assertion::Type(t)] if string(t) => {
            recognized(SharedKind::FormatString(*format))
        }
        [Assertion::Pattern(source), Assertion::Type(t)] if string(t) => {
            pattern_class(source, text_key.clone())?
        }
        [Assertion::Enum(values), Assertion::Type(t)] if string(t) => {
            string_enum(values, text_key.clone()).unwrap_or_else(validated)
        }
        [Assertion::Enum(values)] => {
            string_enum(values, text_key.clone()).unwrap_or_else(validated)
        }
        // `anyOf` alone, or next to a `type` every branch already implies: the conjunction is
        // the `anyOf`.
        [Assertion::AnyOf(branches)] => any_of(branches).unwrap_or_else(validated),
        [Assertion::AnyOf(branches), Assertion::Type(t)] if string(t) => match any_of(branches) {
            Some(
                class @ Class::Shared {
                    kind: SharedKind::Host,
                    ..
                },
            ) => class,
            _ => validated(),
        },
        _ => validated(),
    })
}

/// The struct of an object schema: `type: object`, `properties` (each of which has a class),
/// maybe `required` (of named properties) and `additionalProperties: false`, and nothing
/// else; keys that make distinct Rust field names. `None` for any other object schema.
fn object_class(
    document: &Document,
    assertions: &[Assertion<'_>],
    raw: &Value,
    key: String,
) -> Result<Option<Class>, String> {
    if !document.definitions.is_empty() {
        return Ok(None);
    }
    let (mut entries, mut required, mut closed) = (None, &[][..], false);
    for assertion in assertions {
        match assertion {
            Assertion::Type([SchemaType::Object]) => {}
            Assertion::Properties(named) => entries = Some(*named),
            Assertion::Required(names) => required = names,
            Assertion::AdditionalProperties {
                schema: Schema::Bool(false),
                ..
            } => closed = true,
            _ => return Ok(None),
        }
    }
    let Some(entries) = entries.filter(|e| !e.is_empty()) else {
        return Ok(None);
    };
    if required
        .iter()
        .any(|name| !entries.iter().any(|(key, _)| key == name))
    {
        return Ok(None);
    }
    let mut rust_names: Vec<String> = Vec::new();
    let mut fields = Vec::new();
    for (wire, schema) in entries {
        let rust = names::snake(wire);
        if rust_names.contains(&rust) || rust == ADDITIONAL_FIELD || refers(schema) {
            return Ok(None);
        }
        rust_names.push(rust);
        let sub = Document {
            root: schema.clone(),
            definitions: Vec::new(),
            ignored: Vec::new(),
        };
        let sub_raw = raw
            .get("properties")
            .and_then(|p| p.get(wire))
            .unwrap_or(&Value::Null);
        let description = ["description", "title"]
            .iter()
            .find_map(|k| sub_raw.get(*k).and_then(Value::as_str))
            .map(str::to_owned);
        let class = classify(&sub, sub_raw)?;
        // A string boolean is a `bool` only through its wire form: the struct's reader would
        // need it too, so such objects stay checked JSON.
        if holds_bool_string(&class) {
            return Ok(None);
        }
        let required = required.contains(wire);
        fields.push((wire.clone(), class, required, description));
    }
    Ok(Some(Class::Object {
        key,
        fields,
        closed,
    }))
}

fn holds_bool_string(class: &Class) -> bool {
    match class {
        Class::Plain(value) => *value == ValueType::BoolString,
        Class::List(item) => holds_bool_string(item),
        Class::Object { .. } | Class::Shared { .. } => false,
    }
}

/// The field of an open object's struct that keeps the keys its schema does not name.
pub const ADDITIONAL_FIELD: &str = "additional_properties";

/// Whether the generated crate can check everything the document asserts: each pattern in
/// the matcher's subset. `Err` names the first that is not.
fn checkable(document: &Document) -> Result<(), String> {
    let mut problem = None;
    document.each_assertion(&mut |assertion| {
        if problem.is_some() {
            return;
        }
        let patterns: Vec<&str> = match assertion {
            Assertion::Pattern(source) => vec![source],
            Assertion::PatternProperties(entries) => {
                entries.iter().map(|(source, _)| source.as_str()).collect()
            }
            _ => return,
        };
        for source in patterns {
            if let Err(why) = pattern::compile(source) {
                problem = Some(format!("the pattern {source:?} cannot be checked: {why}"));
                return;
            }
        }
    });
    problem.map_or(Ok(()), Err)
}

/// Whether a `$ref` is anywhere in `schema` (it points into the whole document).
fn refers(schema: &Schema) -> bool {
    let mut found = false;
    schema.each_assertion(&mut |assertion| found |= matches!(assertion, Assertion::Ref(_)));
    found
}

/// The type of a string with a pattern (and nothing else).
fn pattern_class(source: &str, key: String) -> Result<Class, String> {
    match source {
        MIDNIGHT_PATTERN => return Ok(recognized(SharedKind::StartDate)),
        DIGITS_PATTERN => return Ok(recognized(SharedKind::Digits)),
        _ => {}
    }
    let compiled = pattern::compile(source)
        .map_err(|why| format!("the pattern {source:?} cannot be checked: {why}"))?;
    Ok(match compiled.literals() {
        Some(literals) if is_bool_pair(literals) => Class::Plain(ValueType::BoolString),
        Some(literals) => Class::Shared {
            key,
            name: None,
            kind: SharedKind::Enum(
                literals
                    .iter()
                    .map(|l| (String::new(), l.clone()))
                    .collect(),
            ),
        },
        None => Class::Shared {
            key,
            name: None,
            kind: SharedKind::Pattern(source.to_owned()),
        },
    })
}

/// An `enum` of distinct strings as a Rust enum (`"true"`/`"false"` as a string boolean).
fn string_enum(values: &[Value], key: String) -> Option<Class> {
    let literals: Vec<String> = values
        .iter()
        .map(|v| v.as_str().map(str::to_owned))
        .collect::<Option<_>>()?;
    if literals.is_empty()
        || literals
            .iter()
            .enumerate()
            .any(|(i, l)| literals[..i].contains(l))
    {
        return None;
    }
    if is_bool_pair(&literals) {
        return Some(Class::Plain(ValueType::BoolString));
    }
    Some(Class::Shared {
        key,
        name: None,
        kind: SharedKind::Enum(literals.into_iter().map(|l| (String::new(), l)).collect()),
    })
}

/// The recognized `anyOf`s: string formats ipv4, ipv6 and hostname (a host), and an integer or
/// a string with pattern `^\d+` (integer or digits).
fn any_of(branches: &[Schema]) -> Option<Class> {
    let mut formats: Vec<&str> = Vec::new();
    let mut integer = false;
    let mut digits = false;
    for branch in branches {
        match branch.assertions().as_slice() {
            [
                Assertion::Format(format),
                Assertion::Type([SchemaType::String]),
            ] => {
                formats.push(format.name());
            }
            [Assertion::Type([SchemaType::Integer])] => integer = true,
            [
                Assertion::Pattern(DIGITS_PREFIX_PATTERN),
                Assertion::Type([SchemaType::String]),
            ] => {
                digits = true;
            }
            _ => return None,
        }
    }
    formats.sort_unstable();
    if !integer && !digits && formats == ["hostname", "ipv4", "ipv6"] {
        return Some(recognized(SharedKind::Host));
    }
    if formats.is_empty() && integer && digits && branches.len() == 2 {
        return Some(recognized(SharedKind::IntegerOrDigits));
    }
    None
}

/// Whether a later use of a key asks for the type its first use defined. An enum's variant
/// names come from the name of whoever used it first, so enums compare by their literals.
fn same_kind(first: &SharedKind, later: &SharedKind) -> bool {
    match (first, later) {
        (SharedKind::Enum(a), SharedKind::Enum(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|((_, x), (_, y))| x == y)
        }
        _ => first == later,
    }
}

/// The variant of each literal. Two literals that want one variant name (`a-b` and `a_b`) are
/// told apart by a number, in the order written: the later one is `AB2`.
fn variants(name: &str, literals: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut named: Vec<(String, String)> = Vec::new();
    for (_, literal) in literals {
        let wanted = names::variant(name, &literal);
        let mut variant = wanted.clone();
        let mut n = 1;
        while named.iter().any(|(v, _)| *v == variant) {
            n += 1;
            variant = format!("{wanted}{n}");
        }
        named.push((variant, literal));
    }
    named
}

fn is_bool_pair(literals: &[String]) -> bool {
    let mut sorted: Vec<&str> = literals.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    sorted == ["false", "true"]
}
