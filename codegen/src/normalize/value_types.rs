//! From a property's JSON Schema to its Rust value type, sharing one Rust type between every
//! property with the same constraint.
//!
//! Recognized shapes (anything else is refused with the reason, never loosened):
//! - `{"type":"string"}` → `String`; `{"type":"boolean"}` → `bool`; `{"type":"integer"}` → `i64`;
//!   `{"type":"number"}` → `f64`;
//! - `pattern` `^\d{4}-\d{2}-\d{2}T00:00:00Z$` → `StartDate`; `^\d+$` → `DigitString`;
//! - a pattern that is an anchored alternation of literals → an enum (`^(true|false)$` → `bool`
//!   written as a string); any other supported pattern → a validated newtype;
//! - `format` `date-time` → `Timestamp`, `uri` → `Uri`;
//! - `anyOf` of string formats ipv4, ipv6, hostname → `Host`;
//! - `anyOf` of `integer` and a string with pattern `^\d+` → `IntegerOrDigits`.

use std::collections::BTreeMap;

use serde_json::Value;

use super::ir::{SharedKind, SharedType, TypeId, ValueType};
use super::names;
use super::pattern;

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
        // Not valid draft 7 is said so, with where, before asking what the generator supports.
        super::schema::parse(schema).map_err(|error| {
            format!(
                "not a valid draft-7 schema at {}: {}",
                error.path, error.problem
            )
        })?;
        let class = classify(schema)?;
        Ok(match class {
            Class::Plain(value) => value,
            Class::Shared { key, name, kind } => {
                let name = name.unwrap_or_else(|| names::camel(property));
                let kind = match kind {
                    SharedKind::Enum(literals) => SharedKind::Enum(variants(&name, literals)?),
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
            if existing.kind != kind {
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
        SharedKind::Schedule { .. } => "Schedule",
        SharedKind::Enum(_) | SharedKind::Pattern(_) => return None,
    })
}

enum Class {
    Plain(ValueType),
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

fn classify(schema: &Value) -> Result<Class, String> {
    let Value::Object(map) = schema else {
        return Err(format!("a schema must be an object, found {schema}"));
    };
    if let Some(key) = map
        .keys()
        .find(|k| !matches!(k.as_str(), "type" | "pattern" | "format" | "anyOf"))
    {
        return Err(format!(
            "the keyword \"{key}\" is not supported by the generator (it would be dropped)"
        ));
    }
    if let Some(any_of) = map.get("anyOf") {
        if map.len() != 1 {
            return Err("\"anyOf\" next to other keywords is not supported".to_owned());
        }
        return classify_any_of(any_of);
    }
    let type_name = match map.get("type") {
        Some(Value::String(name)) => name.as_str(),
        Some(other) => {
            return Err(format!(
                "\"type\" must be one type name here, found {other} (a type array is not supported)"
            ));
        }
        None => return Err("a schema without \"type\" is not supported".to_owned()),
    };
    let pattern = match map.get("pattern") {
        None => None,
        Some(Value::String(p)) => Some(p.as_str()),
        Some(other) => return Err(format!("\"pattern\" must be a string, found {other}")),
    };
    let format = match map.get("format") {
        None => None,
        Some(Value::String(f)) => Some(f.as_str()),
        Some(other) => return Err(format!("\"format\" must be a string, found {other}")),
    };
    if type_name != "string" && (pattern.is_some() || format.is_some()) {
        return Err(format!(
            "\"pattern\"/\"format\" on a schema of type \"{type_name}\" is not supported"
        ));
    }
    match type_name {
        "boolean" => return Ok(Class::Plain(ValueType::JsonBool)),
        "integer" => return Ok(Class::Plain(ValueType::Integer)),
        "number" => return Ok(Class::Plain(ValueType::Number)),
        "string" => {}
        other => return Err(format!("\"type\": \"{other}\" is not supported here")),
    }
    match (pattern, format) {
        (None, None) => Ok(Class::Plain(ValueType::Text)),
        (Some(_), Some(_)) => Err("\"pattern\" together with \"format\" is not supported".into()),
        (None, Some("date-time")) => Ok(recognized(SharedKind::Timestamp)),
        (None, Some("uri")) => Ok(recognized(SharedKind::Uri)),
        (None, Some(other)) => Err(format!("the format \"{other}\" is not supported")),
        (Some(MIDNIGHT_PATTERN), None) => Ok(recognized(SharedKind::StartDate)),
        (Some(DIGITS_PATTERN), None) => Ok(recognized(SharedKind::Digits)),
        (Some(source), None) => {
            let compiled = pattern::compile(source)
                .map_err(|why| format!("the pattern {source:?} is not supported: {why}"))?;
            let key = canonical(schema);
            match compiled.literals() {
                Some(literals) if is_bool_pair(literals) => Ok(Class::Plain(ValueType::BoolString)),
                Some(literals) => Ok(Class::Shared {
                    key,
                    name: None,
                    kind: SharedKind::Enum(
                        literals
                            .iter()
                            .map(|l| (String::new(), l.clone()))
                            .collect(),
                    ),
                }),
                None => Ok(Class::Shared {
                    key,
                    name: None,
                    kind: SharedKind::Pattern(source.to_owned()),
                }),
            }
        }
    }
}

fn variants(name: &str, literals: Vec<(String, String)>) -> Result<Vec<(String, String)>, String> {
    let mut named: Vec<(String, String)> = Vec::new();
    for (_, literal) in literals {
        let variant = names::variant(name, &literal);
        if let Some((_, first)) = named.iter().find(|(v, _)| *v == variant) {
            return Err(format!(
                "the literals {first:?} and {literal:?} both become the variant {name}::{variant}"
            ));
        }
        named.push((variant, literal));
    }
    Ok(named)
}

fn is_bool_pair(literals: &[String]) -> bool {
    let mut sorted: Vec<&str> = literals.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    sorted == ["false", "true"]
}

fn classify_any_of(any_of: &Value) -> Result<Class, String> {
    let Value::Array(branches) = any_of else {
        return Err(format!("\"anyOf\" must be an array, found {any_of}"));
    };
    let mut formats: Vec<String> = Vec::new();
    let mut integer = false;
    let mut digits = false;
    for branch in branches {
        let Value::Object(map) = branch else {
            return Err(format!(
                "an \"anyOf\" branch must be an object, found {branch}"
            ));
        };
        let get = |k: &str| map.get(k).and_then(Value::as_str);
        match (map.len(), get("type"), get("format"), get("pattern")) {
            (2, Some("string"), Some(format), None) => formats.push(format.to_owned()),
            (1, Some("integer"), None, None) => integer = true,
            (2, Some("string"), None, Some(DIGITS_PREFIX_PATTERN)) => digits = true,
            _ => {
                return Err(format!(
                    "the \"anyOf\" branch {branch} is not supported (supported: string formats ipv4/ipv6/hostname together, or integer with a ^\\d+ string)"
                ));
            }
        }
    }
    formats.sort();
    if !formats.is_empty() && !integer && !digits && formats == ["hostname", "ipv4", "ipv6"] {
        return Ok(recognized(SharedKind::Host));
    }
    if formats.is_empty() && integer && digits && branches.len() == 2 {
        return Ok(recognized(SharedKind::IntegerOrDigits));
    }
    Err(format!(
        "this \"anyOf\" is not supported: {any_of} (supported: string formats ipv4/ipv6/hostname together, or integer with a ^\\d+ string)"
    ))
}
