//! The JSON Schema of every property and struct, as a report card would state it: the card's
//! own schema where there is one, else the schema of the value type. Used for `JsonSchema`
//! impls and for the validation rules.

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use serde_json::{Map, Value, json};

use crate::normalize::ir::{Access, Connector, Field, Ir, SharedKind, Struct, ValueType};

/// The `JsonSchema` impl of the type `name`, whose schema is `schema_text` (JSON), read once
/// when asked for.
pub fn json_schema_impl(name: &Ident, schema_text: &str) -> TokenStream {
    let name_str = name.to_string();
    quote! {
        impl schemars::JsonSchema for #name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(#name_str)
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                crate::support::schema_from_json(#schema_text)
            }
        }
    }
}

/// The schema a property's value must satisfy.
pub fn field_schema(ir: &Ir, connector: &Connector, field: &Field) -> Value {
    match &field.schema {
        Some(schema) => crate::normalize::field_types::sorted(schema),
        None => value_schema(ir, connector, &field.value),
    }
}

/// The JSON Schema of a nested struct, as the report card would state it.
pub fn struct_schema(ir: &Ir, connector: &Connector, s: &Struct) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for field in &s.fields {
        let mut schema = field_schema(ir, connector, field);
        if let Value::Object(map) = &mut schema {
            if field.credential.is_some() {
                map.insert("writeOnly".into(), Value::Bool(true));
            }
            if let Access::NotSettable(_) = field.access {
                map.insert("readOnly".into(), Value::Bool(true));
            }
        }
        if field.access == Access::Required {
            required.push(Value::String(field.wire.clone()));
        }
        properties.insert(field.wire.clone(), schema);
    }
    let mut schema = json!({
        "type": "object",
        "title": format!("{} {}", connector.api_type, s.name),
        "properties": properties,
        "required": required,
    });
    require_schedule(&mut schema, s);
    schema
}

/// The JSON Schema a request struct exports (`JsonSchema`), ready to drive a form: the same
/// constraints as the validation rules, so that it accepts and rejects what
/// `validate_properties` does, with what a form needs:
/// - `title` (the wire name) and `description` (the reference's) on each property, and the
///   documented example values as `examples`;
/// - `enum` instead of a pattern of literal alternatives (and for string booleans);
/// - `writeOnly` on credentials; read-only properties left out;
/// - `additionalProperties: false`, as the validation rejects unknown names.
///
/// The properties of the steps the struct carries (OAuth, for the form) are listed, never
/// required.
pub fn request_schema(ir: &Ir, connector: &Connector, s: &Struct) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    let carried = s.carries.iter().flat_map(|carried| {
        connector
            .structs
            .iter()
            .filter(|o| o.name == carried.struct_name)
            .flat_map(|o| &o.fields)
            .filter(|f| carried.wires.contains(&f.wire))
            .map(|f| (f, false))
    });
    for (field, own) in s.fields.iter().map(|f| (f, true)).chain(carried) {
        if field.is_read_only() {
            continue;
        }
        let mut schema =
            literal_enum(ir, field).unwrap_or_else(|| field_schema(ir, connector, field));
        if let Value::Object(map) = &mut schema {
            map.insert("title".into(), Value::String(field.wire.clone()));
            if let Some(description) = field.description.as_deref().map(str::trim)
                && !description.is_empty()
            {
                map.insert("description".into(), Value::String(description.to_owned()));
            }
            // A credential's documented example is a placeholder, but a schema shows no
            // credential value at all.
            let examples = if field.credential.is_some() {
                Vec::new()
            } else {
                example_values(connector, &field.wire, true)
            };
            if !examples.is_empty() {
                map.insert("examples".into(), Value::Array(examples));
            }
            if field.credential.is_some() {
                map.insert("writeOnly".into(), Value::Bool(true));
            }
        }
        if own && field.access == Access::Required {
            required.push(Value::String(field.wire.clone()));
        }
        properties.insert(field.wire.clone(), schema);
    }
    let mut schema = json!({
        "type": "object",
        "title": format!("{} {}", connector.display_name, s.name),
        "description": s.summary,
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    });
    require_schedule(&mut schema, s);
    schema
}

/// For a struct with the replication schedule: one of its frequency or cron expression.
fn require_schedule(schema: &mut Value, s: &Struct) {
    if let (Some(parts), Value::Object(map)) = (&s.schedule, schema) {
        map.insert(
            "anyOf".into(),
            json!([
                {"required": [s.fields[parts.frequency].wire]},
                {"required": [s.fields[parts.cron_expression].wire]},
            ]),
        );
    }
}

/// `{"type": "string", "enum": [...]}` for a value that is one of a set of literal strings
/// (an enum of a pattern's literals, a string boolean): what a form shows as a choice.
fn literal_enum(ir: &Ir, field: &Field) -> Option<Value> {
    let literals: Vec<&str> = match &field.value {
        ValueType::Shared(id) => match &ir.shared(*id).kind {
            SharedKind::Enum(variants) => variants.iter().map(|(_, l)| l.as_str()).collect(),
            _ => return None,
        },
        ValueType::BoolString => vec!["true", "false"],
        _ => return None,
    };
    Some(json!({"type": "string", "enum": literals}))
}

/// The values the connector's documented examples give `wire`, each once, in example order.
/// The values the connector's documented examples give `wire`, each once, in order; with
/// `accepted_only`, from the examples the typed layer accepts.
pub(crate) fn example_values(connector: &Connector, wire: &str, accepted_only: bool) -> Vec<Value> {
    let mut values = Vec::new();
    for example in connector
        .examples
        .iter()
        .filter(|e| !accepted_only || e.rejected.is_none())
    {
        let Ok(Value::Object(map)) = serde_json::from_str::<Value>(&example.json) else {
            continue;
        };
        if let Some(value) = map.get(wire)
            && !values.contains(value)
        {
            values.push(value.clone());
        }
    }
    values
}

pub fn value_schema(ir: &Ir, connector: &Connector, value: &ValueType) -> Value {
    match value {
        ValueType::Text => json!({"type": "string"}),
        ValueType::JsonBool => json!({"type": "boolean"}),
        ValueType::BoolString => json!({"type": "string", "pattern": "^(true|false)$"}),
        ValueType::Integer => json!({"type": "integer"}),
        ValueType::Number => json!({"type": "number"}),
        ValueType::Shared(id) => crate::normalize::field_types::sorted(&ir.shared(*id).schema),
        ValueType::Nested(name) => connector
            .structs
            .iter()
            .find(|s| s.name == *name)
            .map_or_else(
                || json!({"type": "object"}),
                |s| struct_schema(ir, connector, s),
            ),
        ValueType::List(item) => {
            json!({"type": "array", "items": value_schema(ir, connector, item)})
        }
        ValueType::Json => json!({}),
    }
}
