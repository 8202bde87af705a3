//! The API's objects as Rust types ([`ApiIr`]): one struct per object and structure of the
//! reference (and per nested object), identifier types, and enums of the values descriptions
//! list.
//!
//! The rules, in order:
//! - an object is named by its title (UpperCamelCase), or by its decision's `rust_name`; an
//!   object documented per version is `Title vN` and the older versions' names end in `VN`;
//!   `same_as` makes it an alias of another;
//! - a field's type is its decision's, else its documented type: `string`, `integer`, `number`,
//!   `boolean`, `timestamp`/`date-time`; an `object` with a `sub-type` naming an object is that
//!   object (`connection property` is the connection's properties, typed by the object's
//!   `type`), with nested attributes a nested struct, else a JSON map; an `array` holds its
//!   decision's `items`, else what every example item is (strings, integers, lists of those);
//! - an `integer` or `string` a decision of `ids` lists is that identifier type;
//! - a `string` whose description lists its values ("Possible values are:", a list of
//!   `` `value` `` items) is an enum of them, which keeps unknown values (but for the `type`
//!   beside a connection's properties: the connection type, an open set);
//! - a field is required when a decision does not say it is optional and, for an argument,
//!   the reference says it is required, or, for an attribute, every example of its struct (its
//!   page's, those of every object that holds it, and the endpoints' responses) has it, not
//!   null, and its description does not say it may be `null`; else it is an `Option`. An
//!   attribute every example writes is written even when `None` (as `null`), so that each
//!   example serializes back to itself; an argument left out is not sent.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

use serde_json::Value;

use super::api_ir::{ApiAlias, ApiEnum, ApiEnumValue, ApiField, ApiId, ApiIr, ApiStruct, ApiType};
use super::names::{camel, snake};
use crate::error::SpecError;
use crate::model::api::{ApiAttribute, ApiObject, ExampleKind};
use crate::model::api_types::{ApiTypeDecisions, AttributeDecision, PropertiesUse};
use crate::model::reference::Kind;

/// The kind of the objects made for endpoints' bodies and responses
/// ([`super::api_endpoints`]); an array's nested attributes never match them.
pub const SYNTHETIC_KIND: &str = "endpoint-body";

/// The sub-type that means a connection's properties.
const CONNECTION_PROPERTY: &str = "connection property";

/// A field's type before the examples are read: arrays whose items no decision names wait for
/// them.
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    Known(ApiType),
    ArrayFromExamples,
}

/// What a decision says of a field beyond its type.
#[derive(Debug, Clone, Copy, Default)]
struct Flags {
    secret: bool,
    optional: bool,
}

/// A struct being built.
struct Draft {
    name: String,
    title: String,
    doc: String,
    /// Each field: its attribute, key, shape, and its decision's secret and optional flags.
    fields: Vec<(ApiAttribute, String, Shape, Flags)>,
    /// The structs whose fields it holds together, all optional (a value that is one or the
    /// other); empty for a struct of its own attributes.
    members: Vec<String>,
    examples: Vec<Value>,
    /// Its page's examples.
    page_examples: Vec<Value>,
}

/// Which decisions were used.
struct Used {
    objects: Vec<bool>,
    attributes: Vec<bool>,
    ids: Vec<bool>,
}

/// The API's objects, from the model and the decisions; `decisions_file` is named in errors.
///
/// # Errors
/// A decision naming an object or attribute the reference lacks, or that nothing uses; a
/// sub-type or item type naming no object; an array whose items no example shows and no
/// decision names; two items with one Rust name.
pub fn api_objects(
    objects: &[ApiObject],
    instances: &[(String, Value)],
    decisions: &ApiTypeDecisions,
    decisions_file: &Path,
) -> Result<ApiIr, SpecError> {
    let mut used = Used {
        objects: vec![false; decisions.objects.len()],
        attributes: vec![false; decisions.attributes.len()],
        ids: vec![false; decisions.ids.len()],
    };
    let mut ir = ApiIr::default();
    let labels = labels(objects);
    // Rust names, by label.
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let latest = latest_versions(objects);
    for (object, label) in objects.iter().zip(&labels) {
        let decision = decisions.objects.iter().position(|d| d.object == *label);
        let mut name = camel(&object.title);
        if let Some(version) = &object.version
            && latest.get(object.title.as_str()).copied() != Some(version)
        {
            name.push_str(&format!("V{version}"));
        }
        if let Some(index) = decision
            && let Some(rust_name) = &decisions.objects[index].rust_name
        {
            used.objects[index] = true;
            name.clone_from(rust_name);
        }
        names.insert(label.clone(), name);
    }
    // Aliases.
    let mut aliased: BTreeSet<String> = BTreeSet::new();
    for (index, decision) in decisions.objects.iter().enumerate() {
        let Some(target) = &decision.same_as else {
            continue;
        };
        let (Some(name), Some(target_name)) = (names.get(&decision.object), names.get(target))
        else {
            return Err(SpecError::at(
                decisions_file,
                &decision.path,
                format!(
                    "no object {:?} or {target:?} in the reference",
                    decision.object
                ),
            ));
        };
        used.objects[index] = true;
        ir.aliases.push(ApiAlias {
            name: name.clone(),
            target: target_name.clone(),
            doc: decision.reason.clone(),
        });
        ir.decisions.push(format!(
            "`{}` is `{target}`: {}",
            decision.object, decision.reason
        ));
        aliased.insert(decision.object.clone());
    }
    let keys: BTreeMap<String, BTreeSet<&str>> = objects
        .iter()
        .zip(&labels)
        .filter(|(o, label)| !aliased.contains(*label) && o.kind != SYNTHETIC_KIND)
        .map(|(o, label)| {
            let keys = o
                .attributes
                .iter()
                .map(|a| {
                    let at = format!("{label}.{}", a.name);
                    decisions
                        .attributes
                        .iter()
                        .find(|d| d.at == at)
                        .and_then(|d| d.key.as_deref())
                        .unwrap_or(&a.name)
                })
                .collect();
            (label.clone(), keys)
        })
        .collect();
    let by_sub_type: BTreeMap<String, String> = labels
        .iter()
        .map(|label| (sub_type_key(label), label.clone()))
        .collect();

    // Structs, with their fields' shapes.
    let mut drafts: Vec<Draft> = Vec::new();
    for (object, label) in objects.iter().zip(&labels) {
        if aliased.contains(label) {
            continue;
        }
        let kind = if object.endpoint.as_deref() == Some("destinations") {
            Kind::Destination
        } else {
            Kind::Source
        };
        let name = names[label].clone();
        let context = Context {
            decisions,
            decisions_file,
            names: &names,
            by_sub_type: &by_sub_type,
            keys: &keys,
            kind,
        };
        draft_struct(
            &context,
            &mut used,
            &mut drafts,
            name,
            label.clone(),
            object.description.clone(),
            &object.attributes,
        )?;
        // Its examples.
        let decision = decisions
            .objects
            .iter()
            .position(|d| d.object == *label && d.example_at.is_some());
        let draft_index = drafts.len() - 1 - nested_count(&drafts, &names[label]);
        for example in object
            .examples
            .iter()
            .filter(|e| e.kind == ExampleKind::Object)
        {
            let Some(json) = &example.json else { continue };
            match decision {
                Some(index) => {
                    used.objects[index] = true;
                    let key = decisions.objects[index]
                        .example_at
                        .as_deref()
                        .unwrap_or_default();
                    match json.get(key) {
                        Some(Value::Array(items)) => {
                            drafts[draft_index].examples.extend(items.iter().cloned());
                        }
                        Some(value) => drafts[draft_index].examples.push(value.clone()),
                        None => {
                            return Err(SpecError::at(
                                decisions_file,
                                &decisions.objects[index].path,
                                format!("an example of {label} has no key {key:?}"),
                            ));
                        }
                    }
                }
                None => drafts[draft_index].examples.push(json.clone()),
            }
        }
    }
    for (index, decision) in decisions.objects.iter().enumerate() {
        if let Some(example_at) = &decision.example_at
            && used.objects[index]
        {
            ir.decisions.push(format!(
                "`{}`: its examples show it under `{example_at}`: {}",
                decision.object, decision.reason
            ));
        } else if let Some(rust_name) = &decision.rust_name
            && used.objects[index]
        {
            ir.decisions.push(format!(
                "`{}` is named `{rust_name}`: {}",
                decision.object, decision.reason
            ));
        }
    }

    // The examples of each struct reach the structs its fields hold.
    for draft in &mut drafts {
        draft.page_examples.clone_from(&draft.examples);
    }
    // The values other documents show of an object (endpoints' responses) type it too.
    for (label, value) in instances {
        if let Some(draft) = drafts.iter_mut().find(|d| d.title == *label) {
            draft.examples.push(value.clone());
        }
    }
    propagate_examples(&mut drafts);
    // Arrays typed by their examples, then optionality; the unions last, from their members.
    for draft in drafts.iter().filter(|d| d.members.is_empty()) {
        ir.structs.push(finish(draft, decisions_file)?);
    }
    for draft in drafts.iter().filter(|d| !d.members.is_empty()) {
        let mut fields: Vec<ApiField> = Vec::new();
        for member in &draft.members {
            let Some(member) = ir.structs.iter().find(|s| s.name == *member) else {
                continue;
            };
            for field in &member.fields {
                match fields.iter().find(|f| f.key == field.key) {
                    Some(seen) if seen.ty != field.ty => {
                        return Err(SpecError::at(
                            decisions_file,
                            "$.attributes",
                            format!(
                                "{}: `{}` has two types in the objects it holds together",
                                draft.title, field.key
                            ),
                        ));
                    }
                    Some(_) => {}
                    None => fields.push(ApiField {
                        optional: true,
                        always_written: false,
                        absent_or_null: false,
                        ..field.clone()
                    }),
                }
            }
        }
        ir.structs.push(ApiStruct {
            name: draft.name.clone(),
            title: draft.title.clone(),
            doc: draft.doc.clone(),
            fields,
            page_examples: draft.page_examples.clone(),
        });
    }

    // Identifier types.
    for (index, decision) in decisions.ids.iter().enumerate() {
        if !used.ids[index] {
            return Err(SpecError::at(
                decisions_file,
                &decision.path,
                "no attribute of the reference is this identifier: the decision is stale",
            ));
        }
        ir.ids.push(ApiId {
            name: decision.name.clone(),
            integer: decision.repr == "integer",
            holders: decision.holders.clone(),
            doc: decision.reason.clone(),
        });
        ir.decisions.push(format!(
            "`{}` ({}): {}",
            decision.name,
            decision.holders.join(", "),
            decision.reason
        ));
    }
    for (index, decision) in decisions.objects.iter().enumerate() {
        if !used.objects[index] {
            return Err(SpecError::at(
                decisions_file,
                &decision.path,
                format!(
                    "no object {:?} in the reference: the decision is stale",
                    decision.object
                ),
            ));
        }
    }
    for (index, decision) in decisions.attributes.iter().enumerate() {
        if !used.attributes[index] {
            return Err(SpecError::at(
                decisions_file,
                &decision.path,
                format!(
                    "no attribute {:?} in the reference: the decision is stale",
                    decision.at
                ),
            ));
        }
        ir.decisions
            .push(format!("`{}`: {}", decision.at, decision.reason));
    }
    ir.enums = enums(&mut ir.structs);
    distinct_variants(&ir.enums, decisions_file)?;
    ir.structs.sort_by(|a, b| a.name.cmp(&b.name));
    ir.aliases.sort_by(|a, b| a.name.cmp(&b.name));
    ir.ids.sort_by(|a, b| a.name.cmp(&b.name));
    unique_names(&ir, decisions_file)?;
    Ok(ir)
}

/// A struct of its own attributes, its arrays typed and its fields' optionality read from its
/// examples.
fn finish(draft: &Draft, decisions_file: &Path) -> Result<ApiStruct, SpecError> {
    let examples = &draft.examples;
    let mut fields = Vec::new();
    for (attribute, key, shape, flags) in &draft.fields {
        let values: Vec<&Value> = examples
            .iter()
            .filter_map(|e| e.get(key.as_str()))
            .collect();
        let ty = match shape {
            Shape::Known(ty) => ty.clone(),
            Shape::ArrayFromExamples => item_type_of(&values)
                .map(|item| ApiType::List(Box::new(item)))
                .ok_or_else(|| {
                    SpecError::at(
                        decisions_file,
                        "$.attributes",
                        format!(
                            "{}.{}: an array whose items no example shows or whose items are \
                             objects; record its item type (`items`)",
                            draft.title, attribute.name
                        ),
                    )
                })?,
        };
        let present = values.len();
        let nulls = values.iter().filter(|v| v.is_null()).count();
        let says_null = attribute.description.contains("null");
        // An argument documented as `null` means by being there (Unpause's `paused_at`): it is
        // always written. A decision may say a field is optional; an argument says whether it
        // is required; an attribute is read from the examples.
        let null_argument = ty == ApiType::Null;
        let optional = !null_argument && flags.optional
            || match attribute.required {
                Some(required) => !required,
                None => examples.is_empty() || present < examples.len() || nulls > 0 || says_null,
            };
        fields.push(ApiField {
            key: key.clone(),
            ident: snake(key),
            ty,
            optional,
            // A request's argument left out is not sent (`null` may mean something: Unpause).
            always_written: null_argument
                || (attribute.required.is_none()
                    && !examples.is_empty()
                    && present == examples.len()),
            absent_or_null: attribute.required.is_none() && present < examples.len() && nulls > 0,
            secret: flags.secret,
            doc: attribute.description.clone(),
        });
    }
    // The `type` beside a connection's properties is the connection type.
    if fields
        .iter()
        .any(|f| matches!(f.ty, ApiType::Properties(..)))
    {
        for field in fields.iter_mut().filter(|f| f.key == "type") {
            field.ident = "connection_type".to_owned();
        }
    }
    Ok(ApiStruct {
        name: draft.name.clone(),
        title: draft.title.clone(),
        doc: draft.doc.clone(),
        fields,
        page_examples: draft.page_examples.clone(),
    })
}

/// What [`draft_struct`] reads.
struct Context<'c> {
    decisions: &'c ApiTypeDecisions,
    decisions_file: &'c Path,
    names: &'c BTreeMap<String, String>,
    by_sub_type: &'c BTreeMap<String, String>,
    /// Each object's attribute keys (after decisions), by label: an array of nested
    /// attributes with the same keys holds that object.
    keys: &'c BTreeMap<String, BTreeSet<&'c str>>,
    kind: Kind,
}

/// Each object's label: its title, with ` v{version}` when the reference documents it per
/// version.
fn labels(objects: &[ApiObject]) -> Vec<String> {
    objects
        .iter()
        .map(|object| match &object.version {
            Some(version) if objects.iter().filter(|o| o.title == object.title).count() > 1 => {
                format!("{} v{version}", object.title)
            }
            _ => object.title.clone(),
        })
        .collect()
}

/// The newest version of each title documented per version.
fn latest_versions(objects: &[ApiObject]) -> BTreeMap<&str, &String> {
    let mut latest: BTreeMap<&str, &String> = BTreeMap::new();
    for object in objects {
        if let Some(version) = &object.version {
            let entry = latest.entry(object.title.as_str()).or_insert(version);
            if version.parse::<u32>().ok() > entry.parse::<u32>().ok() {
                *entry = version;
            }
        }
    }
    latest
}

/// How a sub-type names an object: lower case, `-` as a space (`stream level metadata` names
/// `Stream-level Metadata`).
fn sub_type_key(text: &str) -> String {
    text.to_lowercase().replace('-', " ")
}

/// How many drafts after the one named `name` are its nested structs (they are pushed after
/// it).
fn nested_count(drafts: &[Draft], name: &str) -> usize {
    let Some(position) = drafts.iter().rposition(|d| d.name == name) else {
        return 0;
    };
    drafts.len() - 1 - position
}

/// Drafts the struct `name` of `attributes`, and its nested structs after it.
fn draft_struct(
    context: &Context<'_>,
    used: &mut Used,
    drafts: &mut Vec<Draft>,
    name: String,
    label: String,
    doc: String,
    attributes: &[ApiAttribute],
) -> Result<(), SpecError> {
    let position = drafts.len();
    drafts.push(Draft {
        name: name.clone(),
        title: label.clone(),
        doc,
        fields: Vec::new(),
        members: Vec::new(),
        examples: Vec::new(),
        page_examples: Vec::new(),
    });
    let mut fields = Vec::new();
    for attribute in attributes {
        let at = format!("{label}.{}", attribute.name);
        let decision = context.decisions.attributes.iter().position(|d| d.at == at);
        if let Some(index) = decision {
            used.attributes[index] = true;
        }
        let decision = decision.map(|i| &context.decisions.attributes[i]);
        let key = decision
            .and_then(|d| d.key.clone())
            .unwrap_or_else(|| attribute.name.clone());
        let secret = decision.is_some_and(|d| d.secret);
        let doc_type = decision
            .and_then(|d| d.doc_type.as_deref())
            .unwrap_or(&attribute.doc_type);
        let error = |problem: String| match decision {
            Some(d) => SpecError::at(context.decisions_file, &d.path, problem),
            None => SpecError::at(
                context.decisions_file,
                "$.attributes",
                format!("{at}: {problem}"),
            ),
        };
        let shape = if let Some(d) = decision.filter(|d| !d.union_of.is_empty()) {
            // One struct holding the fields of each object named, built once they are.
            let mut members = Vec::new();
            for title in &d.union_of {
                let Some(member) = context.names.get(title) else {
                    return Err(error(format!("no object {title:?} in the reference")));
                };
                members.push(member.clone());
            }
            let nested = decision
                .and_then(|d| d.rust_name.clone())
                .unwrap_or_else(|| format!("{name}{}", camel(&key)));
            drafts.push(Draft {
                name: nested.clone(),
                title: at.clone(),
                doc: attribute.description.clone(),
                fields: Vec::new(),
                members,
                examples: Vec::new(),
                page_examples: Vec::new(),
            });
            Shape::Known(ApiType::Struct(nested))
        } else if doc_type == "array" && !attribute.attributes.is_empty() {
            // Items of the nested attributes: the object with exactly those keys, else a
            // nested struct.
            let keys: BTreeSet<&str> = attribute
                .attributes
                .iter()
                .map(|a| a.name.as_str())
                .collect();
            let same = context
                .keys
                .iter()
                .find(|(_, k)| **k == keys)
                .map(|(label, _)| label);
            match same {
                Some(label) => Shape::Known(ApiType::List(Box::new(ApiType::Struct(
                    context.names[label].clone(),
                )))),
                None => {
                    let nested = nested_struct(
                        context, used, drafts, &name, &key, &at, attribute, decision,
                    )?;
                    Shape::Known(ApiType::List(Box::new(ApiType::Struct(nested))))
                }
            }
        } else if doc_type == "array" {
            match decision.and_then(|d| d.items.as_deref()) {
                Some(items) => Shape::Known(ApiType::List(Box::new(
                    named_type(context, items).ok_or_else(|| {
                        error(format!(
                            "the item type {items:?} is neither a documented type nor an object"
                        ))
                    })?,
                ))),
                None => Shape::ArrayFromExamples,
            }
        } else if let Some(used) = decision.and_then(|d| d.properties) {
            if doc_type != "object" {
                return Err(error(format!(
                    "typed as properties, but documented as {doc_type:?}, not an object"
                )));
            }
            Shape::Known(ApiType::Properties(context.kind, used))
        } else if doc_type == "object" && decision.and_then(|d| d.doc_type.as_ref()).is_none() {
            match &attribute.sub_type {
                Some(sub_type) if sub_type == CONNECTION_PROPERTY => {
                    Shape::Known(ApiType::Properties(context.kind, PropertiesUse::Response))
                }
                Some(sub_type) => {
                    let target = context
                        .by_sub_type
                        .get(&sub_type_key(sub_type))
                        .ok_or_else(|| {
                            error(format!("the sub-type {sub_type:?} names no object"))
                        })?;
                    Shape::Known(ApiType::Struct(context.names[target].clone()))
                }
                None if !attribute.attributes.is_empty() => {
                    let nested = nested_struct(
                        context, used, drafts, &name, &key, &at, attribute, decision,
                    )?;
                    Shape::Known(ApiType::Struct(nested))
                }
                None => Shape::Known(ApiType::Map),
            }
        } else {
            let ty = named_type(context, doc_type).ok_or_else(|| {
                error(format!(
                    "the type {doc_type:?} is not one the reference uses"
                ))
            })?;
            Shape::Known(id_type(context, used, &label, &key, ty))
        };
        let flags = Flags {
            secret,
            optional: decision.is_some_and(|d| d.optional),
        };
        fields.push((attribute.clone(), key, shape, flags));
    }
    drafts[position].fields = fields;
    Ok(())
}

/// Drafts the struct of an attribute's nested attributes, named by its decision's
/// `rust_name` or by its holder and key (`HookNotificationConfig`); its name.
#[allow(clippy::too_many_arguments)]
fn nested_struct(
    context: &Context<'_>,
    used: &mut Used,
    drafts: &mut Vec<Draft>,
    holder: &str,
    key: &str,
    label: &str,
    attribute: &ApiAttribute,
    decision: Option<&AttributeDecision>,
) -> Result<String, SpecError> {
    let nested = decision
        .and_then(|d| d.rust_name.clone())
        .unwrap_or_else(|| format!("{holder}{}", camel(key)));
    draft_struct(
        context,
        used,
        drafts,
        nested.clone(),
        label.to_owned(),
        attribute.description.clone(),
        &attribute.attributes,
    )?;
    Ok(nested)
}

/// A documented type word, or an object's title, as a type.
fn named_type(context: &Context<'_>, word: &str) -> Option<ApiType> {
    Some(match word {
        "string" => ApiType::String,
        "integer" => ApiType::Integer,
        "number" => ApiType::Number,
        "boolean" => ApiType::Boolean,
        "timestamp" | "date-time" => ApiType::Timestamp,
        "object" => ApiType::Map,
        "null" => ApiType::Null,
        title => ApiType::Struct(context.names.get(title)?.clone()),
    })
}

/// `ty`, or the identifier type an `ids` decision names for `label.key` or `key`.
fn id_type(context: &Context<'_>, used: &mut Used, label: &str, key: &str, ty: ApiType) -> ApiType {
    let qualified = format!("{label}.{key}");
    for (index, decision) in context.decisions.ids.iter().enumerate() {
        let holds = decision.holders.iter().any(|h| *h == qualified || h == key);
        let fits = match ty {
            ApiType::Integer => decision.repr == "integer",
            ApiType::String => decision.repr == "string",
            _ => false,
        };
        if holds && fits {
            used.ids[index] = true;
            return ApiType::Id(decision.name.clone());
        }
    }
    ty
}

/// Gives each struct the values its holders' examples have at its fields.
fn propagate_examples(drafts: &mut [Draft]) {
    let index: BTreeMap<String, usize> = drafts
        .iter()
        .enumerate()
        .map(|(i, d)| (d.name.clone(), i))
        .collect();
    let mut queue: VecDeque<(usize, Value)> = VecDeque::new();
    for (i, draft) in drafts.iter_mut().enumerate() {
        for example in std::mem::take(&mut draft.examples) {
            queue.push_back((i, example));
        }
    }
    // Each value is a finite tree and every step goes one level down it, so this ends.
    while let Some((i, value)) = queue.pop_front() {
        for (_, key, shape, _) in &drafts[i].fields {
            let Some(child) = value.get(key.as_str()) else {
                continue;
            };
            match shape {
                Shape::Known(ApiType::Struct(name)) => {
                    if let Some(&j) = index.get(name)
                        && child.is_object()
                    {
                        queue.push_back((j, child.clone()));
                    }
                }
                Shape::Known(ApiType::List(item)) => {
                    if let (ApiType::Struct(name), Value::Array(items)) = (item.as_ref(), child)
                        && let Some(&j) = index.get(name)
                    {
                        for item in items.iter().filter(|v| v.is_object()) {
                            queue.push_back((j, item.clone()));
                        }
                    }
                }
                _ => {}
            }
        }
        drafts[i].examples.push(value);
    }
}

/// The item type every item of every example list shows: strings, integers, or lists of one
/// of those.
fn item_type_of(values: &[&Value]) -> Option<ApiType> {
    let items: Vec<&Value> = values
        .iter()
        .filter_map(|v| v.as_array())
        .flatten()
        .collect();
    if items.is_empty() {
        return None;
    }
    if items.iter().all(|v| v.is_string()) {
        return Some(ApiType::String);
    }
    if items.iter().all(|v| v.is_i64()) {
        return Some(ApiType::Integer);
    }
    if items.iter().all(|v| v.is_array()) {
        return item_type_of(&items).map(|t| ApiType::List(Box::new(t)));
    }
    None
}

/// The values a description lists ("Possible values are:" then `` - `value` - what ``), in
/// order, with what it says of each.
fn listed_values(description: &str) -> Option<Vec<(String, String)>> {
    // ASCII lower case keeps byte offsets, which index the description.
    let lower = description.to_ascii_lowercase();
    let start = ["values are:", "must be one of:"]
        .iter()
        .filter_map(|lead| lower.find(lead).map(|i| i + lead.len()))
        .min()?;
    let mut values = Vec::new();
    for line in description[start..].lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let Some(rest) = line.strip_prefix("- `") else {
            break;
        };
        let (value, after) = rest.split_once('`')?;
        let said = after
            .trim_start()
            .trim_start_matches(['-', ':', '—'])
            .trim()
            .to_owned();
        if value.is_empty() || values.iter().any(|(v, _)| v == value) {
            return None;
        }
        values.push((value.to_owned(), said));
    }
    (values.len() >= 2).then_some(values)
}

/// Enums of the string fields whose descriptions list their values. A field name shared by
/// fields that list the same values names their one enum; where they differ, each enum is
/// named by its struct too.
fn enums(structs: &mut [ApiStruct]) -> Vec<ApiEnum> {
    // (struct, field, values listed) of each field with listed values.
    type Listed = (usize, usize, Vec<(String, String)>);
    let mut found: Vec<Listed> = Vec::new();
    for (s, st) in structs.iter().enumerate() {
        // The `type` beside a connection's properties names its connection type: an open set,
        // which the properties' own types carry.
        let typed_by_type = st.properties_field().is_some();
        for (f, field) in st.fields.iter().enumerate() {
            if field.ty == ApiType::String
                && !(typed_by_type && field.key == "type")
                && !field.secret
                && let Some(values) = listed_values(&field.doc)
            {
                found.push((s, f, values));
            }
        }
    }
    let mut by_name: BTreeMap<String, ApiEnum> = BTreeMap::new();
    for (s, f, values) in &found {
        let field = &structs[*s].fields[*f];
        let wire: Vec<&String> = values.iter().map(|(v, _)| v).collect();
        let shared = found.iter().all(|(s2, f2, v2)| {
            structs[*s2].fields[*f2].key != field.key
                || v2.iter().map(|(v, _)| v).collect::<Vec<_>>() == wire
        });
        let name = if shared {
            camel(&field.key)
        } else {
            format!("{}{}", structs[*s].name, camel(&field.key))
        };
        let entry = by_name.entry(name.clone()).or_insert_with(|| ApiEnum {
            name: name.clone(),
            used_by: Vec::new(),
            values: values
                .iter()
                .map(|(wire, doc)| ApiEnumValue {
                    wire: wire.clone(),
                    variant: camel(wire),
                    doc: doc.clone(),
                })
                .collect(),
        });
        entry
            .used_by
            .push(format!("{}.{}", structs[*s].title, field.key));
    }
    for (s, f, _) in &found {
        let field = &structs[*s].fields[*f];
        let name = by_name
            .iter()
            .find(|(_, e)| {
                e.used_by
                    .contains(&format!("{}.{}", structs[*s].title, field.key))
            })
            .map(|(n, _)| n.clone());
        if let Some(name) = name {
            structs[*s].fields[*f].ty = ApiType::Enum(name);
        }
    }
    by_name.into_values().collect()
}

/// Every enum's values have distinct variants (`a-b` and `a_b` would not).
fn distinct_variants(enums: &[ApiEnum], file: &Path) -> Result<(), SpecError> {
    for e in enums {
        let mut seen = BTreeSet::new();
        for value in &e.values {
            if !seen.insert(&value.variant) || value.variant == "Unknown" {
                return Err(SpecError::at(
                    file,
                    "$",
                    format!(
                        "the values of `{}` ({}) give the variant `{}` twice, or `Unknown`",
                        e.name,
                        e.used_by.join(", "),
                        value.variant
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Every item name is distinct.
fn unique_names(ir: &ApiIr, file: &Path) -> Result<(), SpecError> {
    let mut seen = BTreeSet::new();
    let names = ir
        .structs
        .iter()
        .map(|s| &s.name)
        .chain(ir.enums.iter().map(|e| &e.name))
        .chain(ir.ids.iter().map(|i| &i.name))
        .chain(ir.aliases.iter().map(|a| &a.name));
    for name in names {
        if !seen.insert(name) {
            return Err(SpecError::at(
                file,
                "$",
                format!("two items of the API are named `{name}`; name one (`rust_name`)"),
            ));
        }
    }
    Ok(())
}
