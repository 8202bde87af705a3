//! Every difference between two surfaces, classified by what it does to the crate's users:
//!
//! - **breaking**: users' code may stop compiling: a type, module, feature, struct, field or
//!   enum variant removed or renamed, a field's Rust type changed, a property becoming
//!   required (a new field in the required-fields struct);
//! - **behaviour-breaking**: it compiles, but a value accepted before is refused now: a
//!   schema narrowed (or changed in a way that cannot be ordered), a property becoming
//!   required, read-only or immutable in validation, a property or type no longer known, a
//!   type that validation starts checking (any object passed before);
//! - **minor**: additions: a connection type, module, struct, optional property, enum variant
//!   (the enums are `#[non_exhaustive]`), a schema loosened;
//! - **patch**: descriptions and annotations only.
//!
//! The API's objects, enums and endpoints are classified the same way: an item or field
//! removed, a Rust type or an endpoint's arguments changed are breaking; an endpoint's method
//! or path, or a field's JSON key, changed is behaviour-breaking; additions are minor (the
//! objects and enums are `#[non_exhaustive]`).
//!
//! Changes are reported one per connection type and property, at the strongest class of its
//! parts, naming the Rust items affected.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde_json::Value;

use super::schema_change::{SchemaChange, compare};
use super::surface::{
    ApiFieldSurface, ApiSurface, ConnectorSurface, EndpointSurface, FieldSurface, RuleSurface,
    SharedSurface, Surface,
};
use crate::model::json_schema::parse;
use crate::normalize::field_types::{canonical, sorted};

/// What a change does to users, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Documentation only.
    Patch,
    /// Additions and loosened constraints.
    Minor,
    /// Compiles, but a value accepted before may be refused.
    BehaviourBreaking,
    /// Users' code may stop compiling.
    Breaking,
}

impl Class {
    /// Every class, strongest first (the order of reports).
    pub const STRONGEST_FIRST: [Class; 4] = [
        Class::Breaking,
        Class::BehaviourBreaking,
        Class::Minor,
        Class::Patch,
    ];

    /// The class in words.
    pub fn name(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::BehaviourBreaking => "behaviour-breaking",
            Class::Minor => "minor",
            Class::Patch => "patch",
        }
    }

    /// What the class means for a user, for reports.
    pub fn meaning(self) -> &'static str {
        match self {
            Class::Breaking => "code that uses these items may stop compiling",
            Class::BehaviourBreaking => "code compiles, but values accepted before may be refused",
            Class::Minor => "additions: nothing that worked stops working",
            Class::Patch => "documentation only",
        }
    }
}

/// One change, at the strongest class of its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Its class.
    pub class: Class,
    /// Where: the connection type, or the module of a shared type (`common`) or of an API item
    /// (`objects`, `endpoints`).
    pub scope: String,
    /// The step, when the change is to a property.
    pub step: Option<String>,
    /// The property (wire name), shared type or API item, when the change is to one.
    pub property: Option<String>,
    /// The Rust items affected (`sources::platform_oracle::FormProperties::ssl`).
    pub items: Vec<String>,
    /// What changed, in words: its parts, each with its class when weaker than the change's.
    pub what: Vec<String>,
}

impl Change {
    /// What it concerns: `type / step / property`, `common / Type`, `objects / Source`.
    pub fn subject(&self) -> String {
        let mut subject: Vec<&str> = vec![&self.scope];
        subject.extend(self.step.as_deref());
        subject.extend(self.property.as_deref());
        subject.join(" / ")
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "[{}] {}: {}",
            self.class.name(),
            self.subject(),
            self.what.join("; ")
        )?;
        if !self.items.is_empty() {
            let items: Vec<String> = self.items.iter().map(|i| format!("`{i}`")).collect();
            write!(f, " ({})", items.join(", "))?;
        }
        Ok(())
    }
}

/// A change being gathered: its parts, each with its class.
#[derive(Default)]
struct Parts {
    parts: Vec<(Class, String)>,
    items: BTreeSet<String>,
    step: Option<String>,
}

impl Parts {
    fn add(&mut self, class: Class, what: String, item: Option<String>) {
        self.parts.push((class, what));
        self.items.extend(item);
    }

    fn change(self, scope: &str, property: Option<&str>) -> Option<Change> {
        let class = self.parts.iter().map(|(class, _)| *class).max()?;
        Some(Change {
            class,
            scope: scope.to_owned(),
            step: self.step,
            property: property.map(str::to_owned),
            items: self.items.into_iter().collect(),
            what: self
                .parts
                .into_iter()
                .map(|(part, what)| {
                    if part == class {
                        what
                    } else {
                        format!("{what} ({})", part.name())
                    }
                })
                .collect(),
        })
    }
}

/// Every change from `old` to `new`: connection types in API-type order (each type's own
/// changes first, then its properties in name order), then shared types in name order, then
/// the API's objects, body constructors, enums and endpoints.
pub fn classify(old: &Surface, new: &Surface) -> Vec<Change> {
    let mut out = Vec::new();
    let types: BTreeSet<&String> = old.listed.keys().chain(new.listed.keys()).collect();
    for api_type in types {
        let (was, is) = (old.listed.get(api_type), new.listed.get(api_type));
        let (was_typed, is_typed) = (old.connectors.get(api_type), new.connectors.get(api_type));
        let mut own = Parts::default();
        match (was, is) {
            (Some(_), None) => match was_typed {
                Some(c) => own.add(
                    Class::Breaking,
                    "connection type removed, with its module and feature".to_owned(),
                    Some(c.module.clone()),
                ),
                None => own.add(
                    Class::BehaviourBreaking,
                    "connection type removed: validating its properties now fails as unknown"
                        .to_owned(),
                    None,
                ),
            },
            (None, Some(_)) => own.add(
                Class::Minor,
                match is_typed {
                    Some(c) => format!("connection type added, typed (feature `{}`)", c.feature),
                    None => "connection type added".to_owned(),
                },
                is_typed.map(|c| c.module.clone()),
            ),
            (Some(a), Some(b)) if a.kind != b.kind => match was_typed {
                // Its module moves between `sources` and `destinations`.
                Some(c) => own.add(
                    Class::Breaking,
                    format!("now a {} (was a {})", b.kind, a.kind),
                    Some(c.module.clone()),
                ),
                // Its raw properties belong to the other kind's bodies now.
                None => own.add(
                    Class::BehaviourBreaking,
                    format!(
                        "now a {} (was a {}): its properties go in the other kind's bodies",
                        b.kind, a.kind
                    ),
                    Some("ConnectionType::kind".to_owned()),
                ),
            },
            _ => {}
        }
        let listed_both = was.is_some() && is.is_some();
        if listed_both {
            match (was_typed, is_typed) {
                (Some(c), None) => own.add(
                    Class::Breaking,
                    "typed module removed: its properties are raw JSON now".to_owned(),
                    Some(c.module.clone()),
                ),
                (None, Some(c)) => {
                    own.add(
                        Class::Minor,
                        format!("typed module added (feature `{}`)", c.feature),
                        Some(c.module.clone()),
                    );
                    if c.checked {
                        own.add(
                            Class::BehaviourBreaking,
                            format!(
                                "validation now checks its properties (unknown keys and invalid \
                                 values are refused; without the feature `{}`, validating it \
                                 fails)",
                                c.feature
                            ),
                            Some("validate_properties".to_owned()),
                        );
                    }
                }
                (Some(a), Some(b)) => {
                    connector_own(a, b, &mut own);
                    out.extend(own.change(api_type, None));
                    own = Parts::default();
                    out.extend(properties(api_type, a, b));
                }
                (None, None) => {}
            }
        }
        out.extend(own.change(api_type, None));
    }
    let names: BTreeSet<&String> = old.shared.keys().chain(new.shared.keys()).collect();
    for name in names {
        let mut parts = Parts::default();
        shared(name, old.shared.get(name), new.shared.get(name), &mut parts);
        out.extend(parts.change("common", Some(name)));
    }
    api(&old.api, &new.api, &mut out);
    out
}

/// The API's objects, enums and endpoints: one change per item.
fn api(old: &ApiSurface, new: &ApiSurface, out: &mut Vec<Change>) {
    let names: BTreeSet<&String> = old.objects.keys().chain(new.objects.keys()).collect();
    for name in names {
        let mut parts = Parts::default();
        let item = format!("objects::{name}");
        match (old.objects.get(name), new.objects.get(name)) {
            (Some(_), None) => parts.add(Class::Breaking, "object removed".to_owned(), Some(item)),
            (None, Some(_)) => parts.add(Class::Minor, "object added".to_owned(), Some(item)),
            (Some(a), Some(b)) => api_fields(&item, a, b, &mut parts),
            (None, None) => {}
        }
        out.extend(parts.change("objects", Some(name)));
    }
    let names: BTreeSet<&String> = old
        .constructors
        .keys()
        .chain(new.constructors.keys())
        .collect();
    for name in names {
        let mut parts = Parts::default();
        let (a, b) = (
            old.constructors
                .get(name)
                .map(Vec::as_slice)
                .unwrap_or_default(),
            new.constructors
                .get(name)
                .map(Vec::as_slice)
                .unwrap_or_default(),
        );
        let item = format!("objects::{name}");
        // A function is known by its name; the same name with another signature is a change.
        let fn_name = |signature: &str| -> String {
            signature
                .split_once("fn")
                .map_or(signature, |(_, rest)| rest)
                .split(['(', '<'])
                .next()
                .unwrap_or_default()
                .to_owned()
        };
        for signature in a.iter().filter(|s| !b.contains(s)) {
            let function = fn_name(signature);
            let what = match b.iter().find(|t| fn_name(t) == function) {
                Some(now) => format!("`{function}` now `{now}` (was `{signature}`)"),
                None => format!("`{function}` removed"),
            };
            parts.add(Class::Breaking, what, Some(format!("{item}::{function}")));
        }
        for signature in b.iter().filter(|s| !a.contains(s)) {
            let function = fn_name(signature);
            if !a.iter().any(|t| fn_name(t) == function) {
                parts.add(Class::Minor, format!("`{function}` added"), None);
            }
        }
        out.extend(parts.change("objects", Some(name)));
    }
    let names: BTreeSet<&String> = old.enums.keys().chain(new.enums.keys()).collect();
    for name in names {
        let mut parts = Parts::default();
        let item = Some(format!("objects::{name}"));
        match (old.enums.get(name), new.enums.get(name)) {
            (Some(_), None) => parts.add(Class::Breaking, "enum removed".to_owned(), item),
            (None, Some(_)) => parts.add(Class::Minor, "enum added".to_owned(), item),
            (Some(a), Some(b)) => {
                for value in a.iter().filter(|v| !b.contains(v)) {
                    parts.add(
                        Class::Breaking,
                        format!("value `{value}` no longer listed (its variant is removed)"),
                        item.clone(),
                    );
                }
                for value in b.iter().filter(|v| !a.contains(v)) {
                    parts.add(Class::Minor, format!("value `{value}` added"), None);
                }
            }
            (None, None) => {}
        }
        out.extend(parts.change("objects", Some(name)));
    }
    let names: BTreeSet<&String> = old.endpoints.keys().chain(new.endpoints.keys()).collect();
    for name in names {
        let mut parts = Parts::default();
        let item = Some(format!("endpoints::{name}"));
        match (old.endpoints.get(name), new.endpoints.get(name)) {
            (Some(_), None) => parts.add(Class::Breaking, "endpoint removed".to_owned(), item),
            (None, Some(e)) => parts.add(
                Class::Minor,
                format!("endpoint added: {} {}", e.method, e.path),
                item,
            ),
            (Some(a), Some(b)) => endpoint(a, b, item, &mut parts),
            (None, None) => {}
        }
        out.extend(parts.change("endpoints", Some(name)));
    }
}

/// The fields of the API object `item`.
fn api_fields(
    item: &str,
    old: &BTreeMap<String, ApiFieldSurface>,
    new: &BTreeMap<String, ApiFieldSurface>,
    parts: &mut Parts,
) {
    let fields: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for field in fields {
        let path = Some(format!("{item}::{field}"));
        match (old.get(field), new.get(field)) {
            (Some(_), None) => parts.add(Class::Breaking, format!("field `{field}` removed"), path),
            // The objects are `#[non_exhaustive]`.
            (None, Some(f)) => parts.add(
                Class::Minor,
                format!("field `{field}` (`{}`) added", f.key),
                path,
            ),
            (Some(a), Some(b)) => {
                if a.rust_type != b.rust_type {
                    parts.add(
                        Class::Breaking,
                        format!(
                            "field `{field}` now `{}` (was `{}`)",
                            b.rust_type, a.rust_type
                        ),
                        path,
                    );
                } else if a.key != b.key {
                    parts.add(
                        Class::BehaviourBreaking,
                        format!(
                            "field `{field}` now reads and writes `{}` (was `{}`)",
                            b.key, a.key
                        ),
                        path,
                    );
                }
                if a.doc != b.doc {
                    parts.add(
                        Class::Patch,
                        format!("documentation of `{field}` changed"),
                        None,
                    );
                }
            }
            (None, None) => {}
        }
    }
}

/// An endpoint present on both sides.
fn endpoint(old: &EndpointSurface, new: &EndpointSurface, item: Option<String>, parts: &mut Parts) {
    if old.params != new.params {
        parts.add(
            Class::Breaking,
            format!(
                "path parameters now ({}) (were ({})): `new` takes other arguments",
                new.params.join(", "),
                old.params.join(", ")
            ),
            item.clone(),
        );
    }
    if old.body != new.body {
        parts.add(
            Class::Breaking,
            format!(
                "body now `{}` (was `{}`)",
                new.body.as_deref().unwrap_or("none"),
                old.body.as_deref().unwrap_or("none")
            ),
            item.clone(),
        );
    }
    if old.response != new.response {
        parts.add(
            Class::Breaking,
            format!("response now `{}` (was `{}`)", new.response, old.response),
            item.clone(),
        );
    }
    if (&old.method, &old.path) != (&new.method, &new.path) {
        parts.add(
            Class::BehaviourBreaking,
            format!(
                "now {} {} (was {} {})",
                new.method, new.path, old.method, old.path
            ),
            item,
        );
    }
}

/// A connector's own changes: module, feature, whether validation checks it, structs added or
/// removed.
fn connector_own(old: &ConnectorSurface, new: &ConnectorSurface, parts: &mut Parts) {
    match (old.checked, new.checked) {
        (false, true) => parts.add(
            Class::BehaviourBreaking,
            "validation now checks its properties (any object passed before)".to_owned(),
            Some("validate_properties".to_owned()),
        ),
        (true, false) => parts.add(
            Class::Minor,
            "validation no longer checks its properties (any object passes)".to_owned(),
            None,
        ),
        _ => {}
    }
    if old.module != new.module {
        parts.add(
            Class::Breaking,
            format!("module renamed from `{}` to `{}`", old.module, new.module),
            Some(old.module.clone()),
        );
    }
    if old.feature != new.feature {
        parts.add(
            Class::Breaking,
            format!(
                "feature renamed from `{}` to `{}`",
                old.feature, new.feature
            ),
            None,
        );
    }
    let names: BTreeSet<&String> = old.structs.keys().chain(new.structs.keys()).collect();
    for name in names {
        let item = Some(format!("{}::{name}", new.module));
        match (old.structs.get(name), new.structs.get(name)) {
            (Some(_), None) => parts.add(Class::Breaking, format!("struct `{name}` removed"), item),
            (None, Some(_)) => parts.add(Class::Minor, format!("struct `{name}` added"), item),
            _ => {}
        }
    }
}

/// One change per property (wire name) of a connector: its fields in every struct, and its
/// validation rule.
fn properties(api_type: &str, old: &ConnectorSurface, new: &ConnectorSurface) -> Vec<Change> {
    let mut by_property: BTreeMap<String, Parts> = BTreeMap::new();
    for (name, s) in &old.structs {
        let Some(t) = new.structs.get(name) else {
            continue;
        };
        let fields: BTreeSet<&String> = s.fields.keys().chain(t.fields.keys()).collect();
        for field in fields {
            let (a, b) = (s.fields.get(field), t.fields.get(field));
            let Some(wire) = a.or(b).map(|f| f.wire.clone()) else {
                continue;
            };
            let parts = by_property.entry(wire).or_default();
            if parts.step.is_none() {
                parts
                    .step
                    .clone_from(&t.step.clone().or_else(|| s.step.clone()));
            }
            let item = format!("{}::{name}::{field}", new.module);
            let required = t
                .required_struct
                .as_deref()
                .or(s.required_struct.as_deref());
            member(name, required, a, b, &item, parts);
        }
    }
    // Rules compare only where both sides check the type (a side that does not has none; the
    // type's own change says what that does).
    let both_checked = old.checked && new.checked;
    let names: BTreeSet<&String> = old.rules.keys().chain(new.rules.keys()).collect();
    for name in names.into_iter().filter(|_| both_checked) {
        let parts = by_property.entry(name.clone()).or_default();
        let (a, b) = (old.rules.get(name), new.rules.get(name));
        if let Some(rule) = b.or(a) {
            parts.step = Some(rule.step.clone());
        }
        rule(a, b, parts);
    }
    by_property
        .into_iter()
        .filter_map(|(property, parts)| parts.change(api_type, Some(&property)))
        .collect()
}

/// A field of struct `name` (whose required-fields struct is `required`).
fn member(
    name: &str,
    required: Option<&str>,
    old: Option<&FieldSurface>,
    new: Option<&FieldSurface>,
    item: &str,
    parts: &mut Parts,
) {
    let item = Some(item.to_owned());
    match (old, new) {
        (Some(_), None) => parts.add(
            Class::Breaking,
            format!("field removed from `{name}`"),
            item,
        ),
        (None, Some(f)) if f.required => parts.add(
            Class::Breaking,
            format!(
                "new required field of `{name}`: `{}` must give it",
                required.unwrap_or("the required-fields struct")
            ),
            item,
        ),
        (None, Some(_)) => parts.add(
            Class::Minor,
            format!("optional field added to `{name}`"),
            item,
        ),
        (Some(a), Some(b)) => {
            if a.rust_type != b.rust_type {
                parts.add(
                    Class::Breaking,
                    format!(
                        "type in `{name}` now `{}` (was `{}`)",
                        b.rust_type, a.rust_type
                    ),
                    item.clone(),
                );
            } else if a.required != b.required {
                parts.add(
                    Class::Breaking,
                    format!(
                        "{} `{}`",
                        if b.required {
                            "now a field of"
                        } else {
                            "no longer a field of"
                        },
                        required.unwrap_or("the required-fields struct")
                    ),
                    item.clone(),
                );
            }
            if a.public != b.public {
                parts.add(
                    Class::Breaking,
                    format!(
                        "in `{name}`, {}",
                        if b.public {
                            "now a public field (was a getter)"
                        } else {
                            "now a getter (was a public field)"
                        }
                    ),
                    item.clone(),
                );
            }
            if a.description != b.description {
                parts.add(
                    Class::Patch,
                    format!("description changed in `{name}`"),
                    None,
                );
            }
        }
        (None, None) => {}
    }
}

/// A property's validation rule.
fn rule(old: Option<&RuleSurface>, new: Option<&RuleSurface>, parts: &mut Parts) {
    let validate = Some("validate_properties".to_owned());
    match (old, new) {
        (Some(_), None) => parts.add(
            Class::BehaviourBreaking,
            "no longer a property: validation refuses it as unknown".to_owned(),
            validate,
        ),
        (None, Some(r)) if r.required => parts.add(
            Class::BehaviourBreaking,
            "new required property: validation refuses objects without it".to_owned(),
            validate,
        ),
        (None, Some(_)) => parts.add(Class::Minor, "new optional property".to_owned(), None),
        (Some(a), Some(b)) => {
            let flags = [
                (a.required, b.required, "required"),
                (a.read_only, b.read_only, "read-only"),
                (
                    a.immutable,
                    b.immutable,
                    "immutable (an update may not send it)",
                ),
            ];
            for (was, is, what) in flags {
                match (was, is) {
                    (false, true) => parts.add(
                        Class::BehaviourBreaking,
                        format!("now {what} in validation"),
                        validate.clone(),
                    ),
                    (true, false) => {
                        parts.add(
                            Class::Minor,
                            format!("no longer {what} in validation"),
                            None,
                        );
                    }
                    _ => {}
                }
            }
            if a.credential != b.credential {
                parts.add(
                    Class::Patch,
                    format!(
                        "{} a credential (its value {} in messages)",
                        if b.credential { "now" } else { "no longer" },
                        if b.credential {
                            "no longer shows"
                        } else {
                            "shows"
                        }
                    ),
                    None,
                );
            }
            if a.step != b.step {
                parts.add(
                    Class::Patch,
                    format!("moved from the `{}` step to `{}`", a.step, b.step),
                    None,
                );
            }
            schema(&a.schema, &b.schema, validate, parts);
        }
        (None, None) => {}
    }
}

/// A schema's change: narrowed or different (behaviour-breaking), loosened (minor), or only
/// its annotations (patch).
fn schema(old: &Value, new: &Value, item: Option<String>, parts: &mut Parts) {
    if canonical(old) == canonical(new) {
        return;
    }
    let change = match (parse(&sorted(old)), parse(&sorted(new))) {
        (Ok(a), Ok(b)) => compare(&a, &b),
        // A schema the generator refuses never reaches a surface; one that did could not be
        // ordered.
        _ => SchemaChange::Different,
    };
    let text = format!(
        "schema `{}` → `{}`",
        canonical(&assertions_only(old)),
        canonical(&assertions_only(new))
    );
    match change {
        SchemaChange::Same => {
            parts.add(Class::Patch, "schema annotations changed".to_owned(), None)
        }
        SchemaChange::Loosened => parts.add(Class::Minor, format!("{text}: loosened"), None),
        SchemaChange::Narrowed => {
            parts.add(Class::BehaviourBreaking, format!("{text}: narrowed"), item);
        }
        SchemaChange::Different => parts.add(
            Class::BehaviourBreaking,
            format!("{text}: changed, values accepted before may be refused"),
            item,
        ),
    }
}

/// A schema without its descriptions and titles, for short reports (a property named
/// `title` stays: only a schema's own annotations go).
fn assertions_only(schema: &Value) -> Value {
    let Value::Object(map) = schema else {
        return match schema {
            Value::Array(items) => Value::Array(items.iter().map(assertions_only).collect()),
            other => other.clone(),
        };
    };
    map.iter()
        .filter(|(key, _)| !matches!(key.as_str(), "description" | "title" | "examples"))
        .map(|(key, value)| {
            let value = match (key.as_str(), value) {
                // Maps of names to schemas: the names are data, the values schemas.
                ("properties" | "patternProperties" | "definitions", Value::Object(members)) => {
                    Value::Object(
                        members
                            .iter()
                            .map(|(name, member)| (name.clone(), assertions_only(member)))
                            .collect(),
                    )
                }
                // Values, not schemas.
                ("enum" | "const" | "default" | "required", value) => value.clone(),
                (_, value) => assertions_only(value),
            };
            (key.clone(), value)
        })
        .collect()
}

/// A shared type of `common`.
fn shared(name: &str, old: Option<&SharedSurface>, new: Option<&SharedSurface>, parts: &mut Parts) {
    let item = Some(format!("common::{name}"));
    let (a, b) = match (old, new) {
        (Some(_), None) => {
            return parts.add(Class::Breaking, "shared type removed".to_owned(), item);
        }
        (None, Some(t)) => {
            return parts.add(Class::Minor, format!("shared {} added", t.kind), item);
        }
        (Some(a), Some(b)) => (a, b),
        (None, None) => return,
    };
    if a.kind != b.kind {
        return parts.add(
            Class::Breaking,
            format!("now a {} (was a {})", b.kind, a.kind),
            item,
        );
    }
    let literal = |variants: &[(String, String)], v: &str| {
        variants
            .iter()
            .find(|(name, _)| name == v)
            .map(|(_, literal)| literal.clone())
    };
    let variants: BTreeSet<&String> = a
        .variants
        .iter()
        .chain(&b.variants)
        .map(|(name, _)| name)
        .collect();
    for v in variants {
        match (literal(&a.variants, v), literal(&b.variants, v)) {
            (Some(_), None) => parts.add(
                Class::Breaking,
                format!("variant `{v}` removed"),
                item.clone(),
            ),
            (None, Some(l)) => {
                parts.add(Class::Minor, format!("variant `{v}` (`{l}`) added"), None)
            }
            (Some(x), Some(y)) if x != y => parts.add(
                Class::BehaviourBreaking,
                format!("variant `{v}` now sends `{y}` (was `{x}`)"),
                item.clone(),
            ),
            _ => {}
        }
    }
    let fields: BTreeSet<&String> = a.fields.keys().chain(b.fields.keys()).collect();
    for f in fields {
        let item = Some(format!("common::{name}::{f}"));
        match (a.fields.get(f), b.fields.get(f)) {
            (Some(_), None) => parts.add(Class::Breaking, format!("field `{f}` removed"), item),
            (None, Some((_, true))) => {
                parts.add(Class::Breaking, format!("required field `{f}` added"), item)
            }
            (None, Some(_)) => parts.add(Class::Minor, format!("optional field `{f}` added"), item),
            (Some(x), Some(y)) if x != y => parts.add(
                Class::Breaking,
                format!(
                    "field `{f}` now `{}`{} (was `{}`{})",
                    y.0,
                    if y.1 { ", required" } else { "" },
                    x.0,
                    if x.1 { ", required" } else { "" }
                ),
                item,
            ),
            _ => {}
        }
    }
    schema(&a.schema, &b.schema, item, parts);
}

/// The version after `current` (`major.minor.patch`) for changes whose strongest class is
/// `strongest`: before 1.0, breaking and behaviour-breaking changes bump the minor number and
/// the rest the patch number (Cargo's rule for `0.y.z`); from 1.0, they bump the major number,
/// additions the minor, documentation the patch. `None` when `current` is not such a version
/// (or a number would overflow).
pub fn next_version(current: &str, strongest: Option<Class>) -> Option<String> {
    let numbers: Vec<u64> = current
        .split('.')
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    let [major, minor, patch] = numbers[..] else {
        return None;
    };
    let Some(class) = strongest else {
        return Some(current.to_owned());
    };
    let breaking = class >= Class::BehaviourBreaking;
    let next = |n: u64| n.checked_add(1);
    Some(match (major, breaking, class) {
        (0, true, _) => format!("0.{}.0", next(minor)?),
        (0, false, _) => format!("0.{minor}.{}", next(patch)?),
        (_, true, _) => format!("{}.0.0", next(major)?),
        (_, false, Class::Minor) => format!("{major}.{}.0", next(minor)?),
        _ => format!("{major}.{minor}.{}", next(patch)?),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::collections::BTreeMap;

    use super::{Class, classify};
    use crate::drift::surface::{
        ApiFieldSurface, ApiSurface, ConnectorSurface, EndpointSurface, Listed, Surface,
    };

    fn surface(module: &str, feature: &str) -> Surface {
        let connector = ConnectorSurface {
            module: module.to_owned(),
            feature: feature.to_owned(),
            structs: BTreeMap::new(),
            checked: true,
            rules: BTreeMap::new(),
        };
        Surface {
            listed: BTreeMap::from([(
                "platform.x".to_owned(),
                Listed {
                    kind: "source".to_owned(),
                },
            )]),
            connectors: BTreeMap::from([("platform.x".to_owned(), connector)]),
            ..Surface::default()
        }
    }

    /// A connector's module or feature renamed (a naming change of the generator, not of a
    /// spec) breaks code that names it.
    #[test]
    fn a_renamed_module_or_feature_is_breaking() {
        let before = surface("sources::platform_x", "platform.x");
        for after in [
            surface("sources::x", "platform.x"),
            surface("sources::platform_x", "x"),
        ] {
            let changes = classify(&before, &after);
            assert_eq!(changes.len(), 1, "{changes:?}");
            assert_eq!(changes[0].class, Class::Breaking);
            assert!(changes[0].what[0].contains("renamed"), "{}", changes[0]);
        }
        assert!(classify(&before, &before).is_empty());
    }

    fn api() -> Surface {
        let field = |key: &str, rust_type: &str| ApiFieldSurface {
            key: key.to_owned(),
            rust_type: rust_type.to_owned(),
            doc: String::new(),
        };
        let endpoint = EndpointSurface {
            method: "GET".to_owned(),
            path: "/v4/sources/{source_id}".to_owned(),
            params: vec!["source_id: SourceId".to_owned()],
            body: None,
            response: "Source".to_owned(),
        };
        Surface {
            api: ApiSurface {
                objects: BTreeMap::from([(
                    "Source".to_owned(),
                    BTreeMap::from([
                        ("id".to_owned(), field("id", "SourceId")),
                        ("name".to_owned(), field("name", "String")),
                    ]),
                )]),
                enums: BTreeMap::from([(
                    "Status".to_owned(),
                    vec!["active".to_owned(), "paused".to_owned()],
                )]),
                endpoints: BTreeMap::from([("GetSource".to_owned(), endpoint)]),
                constructors: BTreeMap::from([(
                    "CreateSourceBody".to_owned(),
                    vec![
                        "pubfnnew(display_name:implInto<String>)->Self".to_owned(),
                        "pubfnwith_paused_at(mutself,value:Timestamp)->Self".to_owned(),
                    ],
                )]),
            },
            ..Surface::default()
        }
    }

    /// The API's items: each edit, alone, at its class and scope.
    #[test]
    fn api_items_are_classified() {
        let before = api();
        type Edit = fn(&mut Surface);
        let cases: [(Edit, Class, &str, &str); 10] = [
            (
                |s| {
                    let body = s.api.constructors.get_mut("CreateSourceBody").unwrap();
                    body[0] = "pubfnnew(display_name:implInto<String>,kind:Kind)->Self".to_owned();
                },
                Class::Breaking,
                "objects",
                "CreateSourceBody",
            ),
            (
                |s| {
                    let body = s.api.constructors.get_mut("CreateSourceBody").unwrap();
                    body.push("pubfnwith_name(mutself,value:String)->Self".to_owned());
                },
                Class::Minor,
                "objects",
                "CreateSourceBody",
            ),
            (
                |s| {
                    s.api.objects.get_mut("Source").unwrap().remove("name");
                },
                Class::Breaking,
                "objects",
                "Source",
            ),
            (
                |s| {
                    let source = s.api.objects.get_mut("Source").unwrap();
                    source.get_mut("name").unwrap().rust_type = "Option<String>".to_owned();
                },
                Class::Breaking,
                "objects",
                "Source",
            ),
            (
                |s| {
                    let field = ApiFieldSurface {
                        key: "paused_at".to_owned(),
                        rust_type: "Option<Timestamp>".to_owned(),
                        doc: String::new(),
                    };
                    let source = s.api.objects.get_mut("Source").unwrap();
                    source.insert("paused_at".to_owned(), field);
                },
                Class::Minor,
                "objects",
                "Source",
            ),
            (
                |s| s.api.enums.get_mut("Status").unwrap().truncate(1),
                Class::Breaking,
                "objects",
                "Status",
            ),
            (
                |s| {
                    s.api
                        .enums
                        .get_mut("Status")
                        .unwrap()
                        .push("deleted".to_owned())
                },
                Class::Minor,
                "objects",
                "Status",
            ),
            (
                |s| {
                    s.api.endpoints.get_mut("GetSource").unwrap().path =
                        "/v5/sources/{source_id}".to_owned()
                },
                Class::BehaviourBreaking,
                "endpoints",
                "GetSource",
            ),
            (
                |s| s.api.endpoints.get_mut("GetSource").unwrap().response = "SourceV5".to_owned(),
                Class::Breaking,
                "endpoints",
                "GetSource",
            ),
            (
                |s| {
                    s.api.endpoints.remove("GetSource");
                },
                Class::Breaking,
                "endpoints",
                "GetSource",
            ),
        ];
        for (edit, class, scope, name) in cases {
            let mut after = before.clone();
            edit(&mut after);
            let changes = classify(&before, &after);
            assert_eq!(changes.len(), 1, "{changes:?}");
            let change = &changes[0];
            assert_eq!(
                (
                    change.class,
                    change.scope.as_str(),
                    change.property.as_deref()
                ),
                (class, scope, Some(name)),
                "{change}"
            );
            assert!(
                !change.items.is_empty() || class == Class::Minor,
                "{change}"
            );
        }
    }
}
