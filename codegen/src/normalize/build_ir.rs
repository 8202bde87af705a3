//! Builds the IR: one [`Connector`] per connection type that has a report card or documented
//! properties.
//!
//! Rules:
//! - The report card is the truth for wire constraints (types, required, credential, read-only);
//!   the reference adds descriptions and examples, and is the only source for connectors
//!   without a card.
//! - A reference-only property gets a constraint from `curation.json` where the reference
//!   states it in prose (the same schema, hence the same shared type, as the cards), its
//!   documented type otherwise. A documented `INTEGER` whose examples are digit strings gets
//!   `IntegerOrDigits`, which accepts and keeps both forms.
//! - A source step with `frequency_in_minutes`, `anchor_time` and `cron_expression` typed as a
//!   schedule is (the frequency enum, a date-time, a string) gets one required `schedule`
//!   field instead (the create-source guide: "you must provide a replication schedule");
//!   typed otherwise, they stay three plain fields and regen prints a notice.
//! - Not settable (no setter): read-only properties (which request structs refuse, see
//!   `steps::request_view`; responses keep them) and internal ones (kept when read).
//!   System-provided properties (`system_provided`, `system_provided_by_default`) are optional:
//!   Stitch provides them when it performs their step (OAuth), a partner that performs it
//!   itself sends them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::field_types::{DIGITS_PREFIX_PATTERN, Registry};
use super::ir::{
    Access, Basis, CatalogEntry, Connector, Documentation, Field, Ir, IrExample, NotSettable,
    ScheduleParts, SharedKind, SharedType, Struct, TypeId, UntypedExample, ValueType, Verdict,
};
use super::merge::MergedCard;
use super::names;
use crate::error::{Notice, SpecError};
use crate::model::curation::ExampleAction;
use crate::model::reference::{
    DocType, Kind, RefStep, ReferenceConnector, ReferenceProperty, Shape, Status,
};
use crate::model::report_card::{Property, PropertyType, StepType};
use crate::spec::Spec;

/// The private field that holds extra properties; no property may take its name.
pub const EXTRA_FIELD: &str = "extra_properties";
/// The field that holds the replication schedule.
pub const SCHEDULE_FIELD: &str = "schedule";
/// The private field of a response struct that holds values their type does not take.
pub const UNEXPECTED_FIELD: &str = "unexpected_properties";
const SCHEDULE_PARTS: [&str; 3] = ["frequency_in_minutes", "anchor_time", "cron_expression"];

/// Builds the IR from the spec and the merged cards.
pub fn build_ir(spec: &Spec, cards: &[MergedCard]) -> Result<Ir, SpecError> {
    let mut registry = Registry::default();
    let mut used_constraints = vec![false; spec.curation.prose_constraints.len()];
    let mut used_fixes = vec![false; spec.curation.examples.len()];
    // The curation's example fixes by type and title.
    let fixes = super::first_positions(&spec.curation.examples, |fix| {
        (fix.connection_type.as_str(), fix.title.as_str())
    });
    let mut api_types: Vec<(Kind, &str)> = cards
        .iter()
        .map(|c| (c.kind, c.card.connection_type.as_str()))
        .chain(
            spec.connectors
                .iter()
                .map(|c| (c.kind, c.api_type.as_str())),
        )
        .collect();
    api_types.sort_unstable();
    api_types.dedup();
    let mut connectors: Vec<Connector> = Vec::new();
    let mut notices: Vec<Notice> = Vec::new();
    let mut modules: HashMap<String, String> = HashMap::new();
    for (kind, api_type) in api_types {
        let card = cards
            .binary_search_by(|c| c.card.connection_type.as_str().cmp(api_type))
            .ok()
            .map(|index| &cards[index]);
        let reference = spec.connector(api_type);
        let mut builder = Builder {
            spec,
            registry: &mut registry,
            used_constraints: &mut used_constraints,
            notices: &mut notices,
            file: spec_file(spec, card, reference),
            api_type,
            reference,
        };
        let connector = match card {
            // A card without steps (in the documented list: deprecated types and a few others) says nothing
            // about properties: the reference's, where it documents them, stand, and the card
            // adds its details and replacement.
            Some(card) if card.card.steps.is_empty() && reference.is_some() => {
                let mut connector = builder.reference_connector(kind)?;
                connector.details = card.card.details.clone();
                connector.replaced_by = card
                    .card
                    .upgrade_available
                    .as_ref()
                    .map(|upgrade| upgrade.connection_type.clone());
                connector
            }
            Some(card) => builder.card_connector(kind, card)?,
            None => builder.reference_connector(kind)?,
        };
        let mut connector = connector;
        connector.examples = examples(spec, &connector, reference, &fixes, &mut used_fixes)?;
        connector.untyped_examples = untyped_examples(&connector, reference);
        if let Some(other) = modules.insert(connector.module.clone(), connector.api_type.clone()) {
            return Err(SpecError::file(
                &spec_file(spec, card, reference),
                format!(
                    "\"{}\" and \"{}\" both become the module `{}`",
                    other, connector.api_type, connector.module
                ),
            ));
        }
        connectors.push(connector);
    }
    if let Some(i) = used_constraints.iter().position(|u| !u) {
        let entry = &spec.curation.prose_constraints[i];
        return Err(SpecError::at(
            &spec.curation_file,
            entry.path.clone(),
            format!(
                "the prose constraint on \"{}\" applies to no property: no reference-only description contains {:?}; remove or fix the entry",
                entry.property, entry.description_contains
            ),
        ));
    }
    if let Some(i) = used_fixes.iter().position(|u| !u) {
        let entry = &spec.curation.examples[i];
        return Err(SpecError::at(
            &spec.curation_file,
            entry.path.clone(),
            format!(
                "no example titled {:?} in {}; remove or fix the entry",
                entry.title, entry.connection_type
            ),
        ));
    }
    // The API bodies' timestamps: the card's date-time type, there even when no card uses it.
    let api_timestamp = match registry.for_schema(
        &serde_json::json!({"format": "date-time", "type": "string"}),
        "",
        "the API bodies' timestamps",
    ) {
        Ok(ValueType::Shared(id)) => id,
        _ => {
            return Err(SpecError::file(
                Path::new("spec"),
                "the date-time schema of the API bodies is not a shared type".to_owned(),
            ));
        }
    };
    let catalog = catalog(spec, &connectors);
    let mut types = registry.into_types();
    // Sort the shared types by name and renumber every reference to them.
    let mut order: Vec<usize> = (0..types.len()).collect();
    order.sort_by(|a, b| types[*a].name.cmp(&types[*b].name));
    let mut new_id = vec![0; types.len()];
    for (new, old) in order.iter().enumerate() {
        new_id[*old] = new;
    }
    let remap = |id: TypeId| TypeId(new_id[id.0]);
    for ty in &mut types {
        match &mut ty.kind {
            SharedKind::Schedule {
                frequency,
                anchor_time,
            } => {
                *frequency = remap(*frequency);
                *anchor_time = remap(*anchor_time);
            }
            SharedKind::Object { fields, .. } => {
                for field in fields {
                    remap_value(&mut field.value, &remap);
                }
            }
            _ => {}
        }
    }
    let mut sorted: Vec<_> = order.iter().map(|old| types[*old].clone()).collect();
    for ty in &mut sorted {
        ty.users.sort();
    }
    for connector in &mut connectors {
        for s in &mut connector.structs {
            for field in &mut s.fields {
                remap_value(&mut field.value, &remap);
            }
        }
        connector.uses = connector.uses.iter().map(|id| remap(*id)).collect();
        connector.uses.sort();
        connector.uses.dedup();
        super::steps::carry_other_steps(connector);
        connector.update = super::update::update_struct(connector);
        connector.response = super::response::response_struct(connector);
    }
    mark_credential_types(&connectors, &mut sorted);
    Ok(Ir {
        connectors,
        types: sorted,
        catalog,
        api_uses: vec![remap(api_timestamp)],
        notices,
    })
}

/// Marks every shared type a credential property holds (in a list or a nested object too).
fn mark_credential_types(connectors: &[Connector], types: &mut [SharedType]) {
    fn mark(connector: &Connector, value: &ValueType, types: &mut [SharedType], depth: usize) {
        match value {
            ValueType::Shared(id) => {
                types[id.0].holds_credentials = true;
                // The types of a struct's fields too (a struct's depth is bounded by its schema).
                if let SharedKind::Object { fields, .. } = &types[id.0].kind
                    && depth < 64
                {
                    let values: Vec<ValueType> = fields.iter().map(|f| f.value.clone()).collect();
                    for value in &values {
                        mark(connector, value, types, depth + 1);
                    }
                }
            }
            ValueType::List(item) => mark(connector, item, types, depth),
            ValueType::Nested(name) if depth < connector.structs.len() => {
                let nested = connector.structs.iter().filter(|s| s.name == *name);
                for field in nested.flat_map(|s| &s.fields) {
                    mark(connector, &field.value, types, depth + 1);
                }
            }
            _ => {}
        }
    }
    for connector in connectors {
        let structs = connector.structs.iter().chain(&connector.update);
        for field in structs.flat_map(|s| &s.fields) {
            if field.credential.is_some() {
                mark(connector, &field.value, types, 0);
            }
        }
    }
}

fn remap_value(value: &mut ValueType, remap: &impl Fn(TypeId) -> TypeId) {
    match value {
        ValueType::Shared(id) => *id = remap(*id),
        ValueType::List(item) => remap_value(item, remap),
        _ => {}
    }
}

fn spec_file(
    spec: &Spec,
    card: Option<&MergedCard>,
    reference: Option<&ReferenceConnector>,
) -> PathBuf {
    if let Some(card) = card
        && let Some(capture) = spec.captures_of(&card.card.connection_type).next()
    {
        return capture.file.clone();
    }
    match reference {
        Some(r) => spec.connector_file(&r.api_type),
        None => PathBuf::from("spec"),
    }
}

struct Builder<'a> {
    spec: &'a Spec,
    registry: &'a mut Registry,
    used_constraints: &'a mut Vec<bool>,
    /// Decisions regen reports (kept, not fatal).
    notices: &'a mut Vec<Notice>,
    /// The file the connector comes from, for notices.
    file: PathBuf,
    api_type: &'a str,
    reference: Option<&'a ReferenceConnector>,
}

impl Builder<'_> {
    fn connector(&self, kind: Kind, basis: Basis) -> Connector {
        Connector {
            api_type: self.api_type.to_owned(),
            kind,
            display_name: self
                .reference
                .map(|r| r.display_name.clone())
                .or_else(|| {
                    self.spec
                        .connection_types
                        .iter()
                        .find(|r| r.api_type == self.api_type)
                        .map(|r| r.display_name.clone())
                })
                .unwrap_or_else(|| self.api_type.to_owned()),
            module: names::snake(self.api_type),
            feature: self.api_type.to_owned(),
            basis,
            replaced_by: None,
            card_steps: Vec::new(),
            details: None,
            intro: self.reference.map(|r| r.intro.clone()),
            documented_deprecation: self
                .reference
                .and_then(|r| r.deprecation.as_ref())
                .map(|d| (d.as_of.clone(), d.use_instead.clone())),
            documentation: self.reference.map(|_| {
                if self.spec.connector_is_page(self.api_type) {
                    Documentation::ConnectorPage
                } else {
                    Documentation::Reference
                }
            }),
            structs: Vec::new(),
            update: None,
            response: None,
            examples: Vec::new(),
            untyped_examples: Vec::new(),
            uses: Vec::new(),
        }
    }

    fn card_connector(&mut self, kind: Kind, merged: &MergedCard) -> Result<Connector, SpecError> {
        let capture = self
            .spec
            .captures_of(self.api_type)
            .find(|c| c.kind == merged.kind && merged.captures.first() == Some(&c.name))
            .or_else(|| self.spec.captures_of(self.api_type).next());
        let file = capture.map_or_else(|| PathBuf::from("spec"), |c| c.file.clone());
        let mut connector = self.connector(kind, Basis::Card);
        connector.card_steps = merged
            .card
            .steps
            .iter()
            .map(|s| s.step_type.as_str().to_owned())
            .collect();
        connector.details = merged.card.details.clone();
        connector.replaced_by = merged
            .card
            .upgrade_available
            .as_ref()
            .map(|upgrade| upgrade.connection_type.clone());
        for (step_index, step) in merged.card.steps.iter().enumerate() {
            // A step without properties has nothing to type, except the form step: its struct
            // is the create request's properties, which then must be empty (a webhook's).
            if step.properties.is_empty() && step.step_type != StepType::Form {
                continue;
            }
            let ref_step = match step.step_type {
                StepType::Form => Some(RefStep::Form),
                StepType::Oauth => Some(RefStep::Oauth),
                _ => None,
            };
            let mut fields = Vec::new();
            for (i, property) in step.properties.iter().enumerate() {
                let path = format!("$.steps[{step_index}].properties[{i}]");
                let documented = self.reference.and_then(|r| {
                    r.properties
                        .iter()
                        .find(|p| Some(p.step) == ref_step && p.name == property.name)
                        .or_else(|| r.properties.iter().find(|p| p.name == property.name))
                });
                let field = self
                    .card_field(property, documented, &mut connector.uses)
                    .map_err(|why| SpecError::at(&file, format!("{path}.json_schema"), why))?;
                fields.push(field);
            }
            let step_name = step.step_type.as_str();
            let s = self
                .make_struct(kind, Some(step_name), fields, &mut connector.uses)
                .map_err(|why| SpecError::at(&file, format!("$.steps[{step_index}]"), why))?;
            connector.structs.push(s);
        }
        Ok(connector)
    }

    fn card_field(
        &mut self,
        property: &Property,
        documented: Option<&ReferenceProperty>,
        uses: &mut Vec<TypeId>,
    ) -> Result<Field, String> {
        let access = if property.property_type == PropertyType::ReadOnly {
            Access::NotSettable(NotSettable::ReadOnly)
        } else if property.system_provided
            || property.property_type == PropertyType::SystemProvidedByDefault
        {
            Access::Provided
        } else if property.is_required {
            Access::Required
        } else {
            Access::Optional
        };
        let user = format!("{}.{}", self.api_type, property.name);
        let (value, schema, constraint_source) = match &property.json_schema {
            Some(schema) => (
                self.registry
                    .for_schema(&schema.raw, &property.name, &user)?,
                Some(schema.raw.clone()),
                "the report card's json_schema".to_owned(),
            ),
            None => {
                let doc_types = documented
                    .map(|d| d.documented_type.clone())
                    .or_else(|| self.consensus_type(&property.name));
                match doc_types {
                    Some(types) => (
                        self.documented_value(&types, &property.name, &user, &[])?,
                        None,
                        format!(
                            "the report card has no json_schema; the reference documents {}",
                            doc_words(&types)
                        ),
                    ),
                    None => (
                        ValueType::Json,
                        None,
                        "the report card has no json_schema and the reference does not document it: any JSON value".to_owned(),
                    ),
                }
            }
        };
        collect_uses(&value, self.registry, uses);
        Ok(Field {
            wire: property.name.clone(),
            rust: names::snake(&property.name),
            access,
            credential: property
                .is_credential
                .then(|| "the report card marks it is_credential".to_owned()),
            property_type: Some(property.property_type.as_str().to_owned()),
            value,
            schema,
            description: documented.map(|d| d.description.clone()),
            constraint_source,
        })
    }

    /// The documented type every reference connector agrees on for a property name.
    fn consensus_type(&self, name: &str) -> Option<Vec<DocType>> {
        let mut found: Option<Vec<DocType>> = None;
        for connector in &self.spec.connectors {
            for p in connector.properties.iter().filter(|p| p.name == name) {
                match &found {
                    None => found = Some(p.documented_type.clone()),
                    Some(types) if *types == p.documented_type => {}
                    Some(_) => return None,
                }
            }
        }
        found
    }

    fn reference_connector(&mut self, kind: Kind) -> Result<Connector, SpecError> {
        let Some(reference) = self.reference else {
            return Ok(self.connector(kind, Basis::Listed));
        };
        let file = self.spec.connector_file(&reference.api_type);
        let mut connector = self.connector(kind, Basis::Reference);
        for step in [RefStep::Form, RefStep::Oauth] {
            let mut fields = Vec::new();
            for (i, property) in reference.properties.iter().enumerate() {
                if property.step != step {
                    continue;
                }
                let field = self
                    .reference_field(reference, property, &mut connector)
                    .map_err(|why| SpecError::at(&file, format!("$.properties[{i}]"), why))?;
                fields.push(field);
            }
            if fields.is_empty() && !(step == RefStep::Form && reference.properties.is_empty()) {
                continue;
            }
            let step_name = step.name();
            let s = self
                .make_struct(kind, Some(step_name), fields, &mut connector.uses)
                .map_err(|why| SpecError::at(&file, "$.properties", why))?;
            connector.structs.push(s);
        }
        Ok(connector)
    }

    fn reference_field(
        &mut self,
        reference: &ReferenceConnector,
        property: &ReferenceProperty,
        connector: &mut Connector,
    ) -> Result<Field, String> {
        let access = match property.status {
            Status::Required => Access::Required,
            Status::Optional => Access::Optional,
            Status::Internal => Access::NotSettable(NotSettable::Internal),
            Status::ReadOnly => Access::NotSettable(NotSettable::ReadOnly),
        };
        let user = format!("{}.{}", self.api_type, property.name);
        let credential = self
            .spec
            .curation
            .credentials
            .matches(&property.name, &property.description)
            .map(|why| format!("{why} (spec/curation.json)"));
        let constraint = self.spec.curation.prose_constraints.iter().position(|c| {
            c.property == property.name && property.description.contains(&c.description_contains)
        });
        let (value, schema, constraint_source) = if let Some(i) = constraint {
            self.used_constraints[i] = true;
            let rule = &self.spec.curation.prose_constraints[i];
            (
                self.registry
                    .for_schema(&rule.json_schema, &property.name, &user)?,
                Some(rule.json_schema.clone()),
                format!(
                    "the reference's prose (\"{}\"), stated as the report cards' schema in spec/curation.json",
                    rule.description_contains
                ),
            )
        } else {
            let example_values: Vec<&Value> = reference
                .examples
                .iter()
                .filter(|e| e.step == property.step)
                .filter_map(|e| e.value.as_ref()?.get(&property.name))
                .collect();
            let value = match &property.shape {
                Some(shape) => self.shape_value(shape, &property.name, connector)?,
                None => self.documented_value(
                    &property.documented_type,
                    &property.name,
                    &user,
                    &example_values,
                )?,
            };
            let source = if matches!(value, ValueType::Shared(id) if self.registry.get(id).kind == SharedKind::IntegerOrDigits)
                && property.documented_type == [DocType::Integer]
            {
                "the reference documents INTEGER but its examples send digit strings: both are accepted and kept as given".to_owned()
            } else {
                format!(
                    "the reference documents {}",
                    doc_words(&property.documented_type)
                )
            };
            (value, None, source)
        };
        collect_uses(&value, self.registry, &mut connector.uses);
        Ok(Field {
            wire: property.name.clone(),
            rust: names::snake(&property.name),
            access,
            credential,
            property_type: None,
            value,
            schema,
            description: Some(property.description.clone()),
            constraint_source,
        })
    }

    /// The value type of a documented type, refined by the examples.
    fn documented_value(
        &mut self,
        types: &[DocType],
        name: &str,
        user: &str,
        examples: &[&Value],
    ) -> Result<ValueType, String> {
        Ok(match types {
            [DocType::String] => ValueType::Text,
            [DocType::Integer] => {
                if examples.iter().any(|v| v.is_string()) {
                    ValueType::Shared(self.integer_or_digits(user)?)
                } else {
                    ValueType::Integer
                }
            }
            [DocType::Object] => ValueType::Json,
            [DocType::Array] => ValueType::List(Box::new(ValueType::Json)),
            [DocType::Boolean] => ValueType::JsonBool,
            _ if types.contains(&DocType::String) && types.contains(&DocType::Integer) => {
                let schema = serde_json::json!({"type": ["string", "integer"]});
                ValueType::Shared(self.registry.shared_kind(
                    SharedKind::StringOrInteger,
                    &schema,
                    user,
                )?)
            }
            other => {
                return Err(format!(
                    "the documented type {} of \"{name}\" is not supported",
                    doc_words(other)
                ));
            }
        })
    }

    fn integer_or_digits(&mut self, user: &str) -> Result<TypeId, String> {
        let schema = serde_json::json!({"anyOf": [{"type": "integer"}, {"type": "string", "pattern": DIGITS_PREFIX_PATTERN}]});
        match self.registry.for_schema(&schema, "", user)? {
            ValueType::Shared(id) => Ok(id),
            _ => Err("integer-or-digits is not a shared type".to_owned()),
        }
    }

    /// The value type of a nested shape; objects become nested structs of the connector.
    fn shape_value(
        &mut self,
        shape: &Shape,
        name: &str,
        connector: &mut Connector,
    ) -> Result<ValueType, String> {
        Ok(match shape {
            Shape::String => ValueType::Text,
            Shape::Integer => ValueType::Integer,
            Shape::Number => ValueType::Number,
            Shape::Boolean => ValueType::JsonBool,
            Shape::Null => ValueType::Json,
            Shape::Array { items } => ValueType::List(Box::new(match items {
                Some(item) => self.shape_value(item, name, connector)?,
                None => ValueType::Json,
            })),
            Shape::Object { fields } => {
                let struct_name = names::camel(name);
                let mut nested = Vec::new();
                for f in fields {
                    let value = self.shape_value(&f.shape, &f.name, connector)?;
                    nested.push(Field {
                        wire: f.name.clone(),
                        rust: names::snake(&f.name),
                        access: Access::Optional,
                        credential: self
                            .spec
                            .curation
                            .credentials
                            .matches(&f.name, "")
                            .map(|why| format!("{why} (spec/curation.json)")),
                        property_type: None,
                        value,
                        schema: None,
                        description: f.description.clone(),
                        constraint_source: if self.spec.connector_is_page(self.api_type) {
                            format!(
                                "the connector page's sub-properties of `{name}`: {} (no report card constrains it, so every key is optional)",
                                f.shape.words()
                            )
                        } else {
                            format!(
                                "recovered from the reference's examples of `{name}`: {}{} (the capture lost the sub-property table, so every key is optional)",
                                f.shape.words(),
                                if f.shape == Shape::Null { " in every example" } else { "" }
                            )
                        },
                    });
                }
                let mut s = self.make_struct(connector.kind, None, nested, &mut Vec::new())?;
                s.name = struct_name.clone();
                s.required_name = format!("{struct_name}Required");
                s.summary = format!("The `{name}` object.");
                if let Some(existing) = connector.structs.iter().find(|e| e.name == s.name) {
                    if existing.fields != s.fields {
                        return Err(format!(
                            "two different nested objects both become the struct {struct_name}"
                        ));
                    }
                } else {
                    connector.structs.push(s);
                }
                ValueType::Nested(struct_name)
            }
        })
    }

    fn make_struct(
        &mut self,
        kind: Kind,
        step: Option<&str>,
        fields: Vec<Field>,
        uses: &mut Vec<TypeId>,
    ) -> Result<Struct, String> {
        for (i, field) in fields.iter().enumerate() {
            if field.rust == EXTRA_FIELD
                || field.rust == SCHEDULE_FIELD
                || field.rust == UNEXPECTED_FIELD
            {
                return Err(format!(
                    "the property \"{}\" would take the name `{}`, which the generated struct reserves",
                    field.wire, field.rust
                ));
            }
            if let Some(other) = fields[..i].iter().find(|f| f.rust == field.rust) {
                return Err(format!(
                    "the properties \"{}\" and \"{}\" both become the field `{}`",
                    other.wire, field.wire, field.rust
                ));
            }
        }
        let position = |name: &str| fields.iter().position(|f| f.wire == name);
        let shared = |value: &ValueType| match value {
            ValueType::Shared(id) => Some(*id),
            _ => None,
        };
        // The three schedule properties of a source's form become one `Schedule` field when
        // they are typed as a schedule is (the frequency enum, a date-time, a string). Typed
        // otherwise (a card without a schema for one and no reference saying what it is), they
        // stay three plain fields, as the card gives them.
        let parts = match (
            kind,
            step,
            position(SCHEDULE_PARTS[0]),
            position(SCHEDULE_PARTS[1]),
            position(SCHEDULE_PARTS[2]),
        ) {
            (Kind::Source, Some("form"), Some(frequency), Some(anchor_time), Some(cron)) => {
                match (
                    shared(&fields[frequency].value),
                    shared(&fields[anchor_time].value),
                    &fields[cron].value,
                ) {
                    (Some(frequency_id), Some(anchor_id), ValueType::Text) => {
                        Some((frequency, anchor_time, cron, frequency_id, anchor_id))
                    }
                    _ => {
                        self.notices.push(Notice {
                            file: self.file.clone(),
                            path: "$.steps".to_owned(),
                            message: format!(
                                "{}: frequency_in_minutes, anchor_time and cron_expression are not \
                                 typed as a schedule is (the frequency enum, a date-time, a \
                                 string), so they stay three plain fields: no Schedule field, and \
                                 no schedule required",
                                self.api_type
                            ),
                        });
                        None
                    }
                }
            }
            _ => None,
        };
        let schedule = match parts {
            Some((frequency, anchor_time, cron_expression, frequency_id, anchor_id)) => {
                let schedule_schema = serde_json::json!({"type": "object"});
                let id = self
                    .registry
                    .shared_kind(
                        SharedKind::Schedule {
                            frequency: frequency_id,
                            anchor_time: anchor_id,
                        },
                        &schedule_schema,
                        &format!("{}.schedule", self.api_type),
                    )
                    .map_err(|why| {
                        format!("the schedule properties are typed unlike other sources': {why}")
                    })?;
                uses.push(id);
                Some(ScheduleParts {
                    frequency,
                    anchor_time,
                    cron_expression,
                })
            }
            None => None,
        };
        let (name, summary) = match step {
            Some(step) => (
                format!("{}Properties", names::camel(step)),
                format!("The properties of the `{step}` step."),
            ),
            None => (String::new(), String::new()),
        };
        let required_name = match step {
            Some(step) => format!("{}Required", names::camel(step)),
            None => String::new(),
        };
        Ok(Struct {
            name,
            required_name,
            step: step.map(str::to_owned),
            summary,
            fields,
            schedule,
            refused: Vec::new(),
            immutable: Vec::new(),
            carries: Vec::new(),
            other_steps: Vec::new(),
            lenient: false,
            verdict: step.map(|step| {
                if step == "form" {
                    Verdict::Create
                } else {
                    Verdict::Update
                }
            }),
        })
    }
}

fn collect_uses(value: &ValueType, registry: &Registry, uses: &mut Vec<TypeId>) {
    match value {
        ValueType::Shared(id) => {
            if uses.contains(id) {
                return;
            }
            uses.push(*id);
            match &registry.get(*id).kind {
                SharedKind::Schedule {
                    frequency,
                    anchor_time,
                } => {
                    uses.push(*frequency);
                    uses.push(*anchor_time);
                }
                // A struct's fields' types are compiled with it.
                SharedKind::Object { fields, .. } => {
                    for field in fields {
                        collect_uses(&field.value, registry, uses);
                    }
                }
                _ => {}
            }
        }
        ValueType::List(item) => collect_uses(item, registry, uses),
        _ => {}
    }
}

fn doc_words(types: &[DocType]) -> String {
    types
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join("/")
}

/// The reference's examples for the steps that have no struct (no properties on the card).
fn untyped_examples(
    connector: &Connector,
    reference: Option<&ReferenceConnector>,
) -> Vec<UntypedExample> {
    let Some(reference) = reference else {
        return Vec::new();
    };
    reference
        .examples
        .iter()
        .filter_map(|example| {
            let step = example.step.name();
            let typed = connector
                .structs
                .iter()
                .any(|s| s.step.as_deref() == Some(step));
            (!typed).then(|| UntypedExample {
                title: example.title.clone(),
                step: step.to_owned(),
                json: example.raw.clone(),
            })
        })
        .collect()
}

fn examples(
    spec: &Spec,
    connector: &Connector,
    reference: Option<&ReferenceConnector>,
    fixes: &HashMap<(&str, &str), usize>,
    used: &mut [bool],
) -> Result<Vec<IrExample>, SpecError> {
    let Some(reference) = reference else {
        return Ok(Vec::new());
    };
    let file = spec.connector_file(&reference.api_type);
    let mut out = Vec::new();
    for (i, example) in reference.examples.iter().enumerate() {
        let step = example.step.name();
        // A step without properties has no struct to document: the module docs show the
        // example (`untyped_examples`) and the drift report lists it (`card_vs_reference`).
        let Some(target) = connector
            .structs
            .iter()
            .find(|s| s.step.as_deref() == Some(step))
        else {
            continue;
        };
        let fix = fixes
            .get(&(reference.api_type.as_str(), example.title.as_str()))
            .copied();
        if let Some(index) = fix {
            used[index] = true;
        }
        let fix = fix.map(|index| &spec.curation.examples[index]);
        let (json, repair, rejected) = match (fix, &example.value) {
            (Some(fix), _) => match &fix.action {
                ExampleAction::Repair(value) => (
                    crate::model::reference::to_json_text(value)
                        .trim_end()
                        .to_owned(),
                    Some(fix.reason.clone()),
                    None,
                ),
                ExampleAction::Reject { property } => (
                    example.raw.clone(),
                    None,
                    Some((property.clone(), fix.reason.clone())),
                ),
                ExampleAction::RepairThenReject { value, property } => (
                    crate::model::reference::to_json_text(value)
                        .trim_end()
                        .to_owned(),
                    Some(fix.reason.clone()),
                    Some((property.clone(), fix.reason.clone())),
                ),
            },
            (None, Some(_)) => (example.raw.clone(), None, None),
            (None, None) => {
                return Err(SpecError::at(
                    &file,
                    format!("$.examples[{i}]"),
                    format!(
                        "the example {:?} is not valid JSON ({}); add a repair to spec/curation.json",
                        example.title,
                        example.parse_error.as_deref().unwrap_or("")
                    ),
                ));
            }
        };
        out.push(IrExample {
            title: example.title.clone(),
            struct_name: target.name.clone(),
            json,
            repair,
            rejected,
        });
    }
    Ok(out)
}

fn catalog(spec: &Spec, connectors: &[Connector]) -> Vec<CatalogEntry> {
    let by_type: HashMap<&str, &Connector> = connectors
        .iter()
        .map(|c| (c.api_type.as_str(), c))
        .collect();
    let mut entries: Vec<CatalogEntry> = spec
        .connection_types
        .iter()
        .map(|row| {
            (
                row.kind,
                row.api_type.as_str(),
                Some(row.display_name.clone()),
            )
        })
        .chain(
            connectors
                .iter()
                .map(|c| (c.kind, c.api_type.as_str(), None)),
        )
        .map(|(kind, api_type, display_name)| {
            let connector = by_type.get(api_type).copied();
            // A type the table lists under the other kind than its card: the card's kind, so
            // that the two entries merge below (the drift report lists the disagreement).
            let kind = connector.map_or(kind, |c| c.kind);
            let fields = connector
                .map(|c| {
                    c.structs
                        .iter()
                        .filter(|s| s.step.is_some())
                        .flat_map(|s| &s.fields)
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            // A type only the documentation names: its documented display name.
            let display_name = display_name.or_else(|| {
                connector
                    .filter(|c| c.documentation.is_some())
                    .map(|c| c.display_name.clone())
            });
            CatalogEntry {
                api_type: api_type.to_owned(),
                display_name,
                kind,
                typed: connector.is_some_and(|c| c.basis != Basis::Listed),
                properties: fields.len(),
                credentials: fields.iter().filter(|f| f.credential.is_some()).count(),
                basis: connector.map_or(Basis::Listed, |c| c.basis),
            }
        })
        .collect();
    entries.sort_by(|a, b| (a.kind, &a.api_type).cmp(&(b.kind, &b.api_type)));
    entries.dedup_by(|later, first| {
        if later.api_type == first.api_type {
            if first.display_name.is_none() {
                first.display_name = later.display_name.take();
            }
            true
        } else {
            false
        }
    });
    entries
}
