//! The JSON Schema of every property and struct, as a report card would state it: the card's
//! own schema where there is one, else the schema of the value type. Used for `JsonSchema`
//! impls and for the validation rules.

use serde_json::{Map, Value, json};

use crate::normalize::ir::{Access, Connector, Field, Ir, Struct, ValueType};

/// The schema a property's value must satisfy.
pub fn field_schema(ir: &Ir, connector: &Connector, field: &Field) -> Value {
    match &field.schema {
        Some(schema) => crate::normalize::value_types::sorted(schema),
        None => value_schema(ir, connector, &field.value),
    }
}

/// The JSON Schema of a struct, as the report card would state it.
pub fn struct_schema(ir: &Ir, connector: &Connector, s: &Struct) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    // The steps it carries add their properties, none required.
    let carried = s.carries.iter().flat_map(|carried| {
        connector
            .structs
            .iter()
            .filter(|o| o.name == carried.struct_name)
            .flat_map(|o| &o.fields)
            .filter(|f| carried.wires.contains(&f.wire))
    });
    for field in s.fields.iter().chain(carried) {
        let mut schema = field_schema(ir, connector, field);
        if let Value::Object(map) = &mut schema {
            if field.credential.is_some() {
                map.insert("writeOnly".into(), Value::Bool(true));
            }
            if let Access::NotSettable(_) = field.access {
                map.insert("readOnly".into(), Value::Bool(true));
            }
        }
        // Only its own fields: a carried step's are never required of a create.
        if field.access == Access::Required && s.fields.iter().any(|own| own.wire == field.wire) {
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
    if let (Some(parts), Value::Object(map)) = (&s.schedule, &mut schema) {
        map.insert(
            "anyOf".into(),
            json!([
                {"required": [s.fields[parts.frequency].wire]},
                {"required": [s.fields[parts.cron_expression].wire]},
            ]),
        );
    }
    schema
}

pub fn value_schema(ir: &Ir, connector: &Connector, value: &ValueType) -> Value {
    match value {
        ValueType::Text => json!({"type": "string"}),
        ValueType::JsonBool => json!({"type": "boolean"}),
        ValueType::BoolString => json!({"type": "string", "pattern": "^(true|false)$"}),
        ValueType::Integer => json!({"type": "integer"}),
        ValueType::Number => json!({"type": "number"}),
        ValueType::Shared(id) => crate::normalize::value_types::sorted(&ir.shared(*id).schema),
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
