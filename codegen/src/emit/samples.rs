//! Sample JSON values of every value type, for the generated unit tests: every property gets a
//! valid value, and every credential a unique marker string (inside a valid value), so a test
//! can prove the marker reaches the wire and never a `Debug` output.

use serde_json::{Map, Value, json};

use crate::model::json_schema::{Format, Keywords, Schema, SchemaType};
use crate::normalize::ir::{Access, Connector, Field, Ir, SharedKind, Struct, ValueType};
use crate::normalize::pattern;

/// A credential marker and the JSON pointer of the property that holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// The marker text.
    pub text: String,
    /// The JSON pointer of the credential property in the sample.
    pub pointer: String,
    /// Whether the sample holds the marker. When no valid value of the credential's type is
    /// known to carry it (a value checked against a whole schema), the sample holds a plain
    /// valid value there, or nothing, and the test tries values carrying the marker instead.
    pub in_sample: bool,
    /// Whether the sample holds the bare marker in place of a required credential of which
    /// no valid value is known: the sample is then not valid, and only the marker-carrying
    /// values are tested.
    pub placeholder: bool,
    /// Whether the credential's type takes any JSON value (no schema, or `{}`): a value of
    /// another shape carrying the marker is then accepted, not refused.
    pub takes_any: bool,
}

/// A sample properties object for `s`, and the credential markers for it. `None` when a
/// required property has no known valid value (the test is then not generated for that
/// struct).
pub fn sample_object(ir: &Ir, connector: &Connector, s: &Struct) -> Option<(Value, Vec<Marker>)> {
    let mut markers = Vec::new();
    let value = object(ir, connector, s, &mut markers, "")?;
    Some((value, markers))
}

fn object(
    ir: &Ir,
    connector: &Connector,
    s: &Struct,
    markers: &mut Vec<Marker>,
    prefix: &str,
) -> Option<Value> {
    let mut map = Map::new();
    for field in &s.fields {
        let path = format!(
            "{prefix}/{}",
            super::super::normalize::pointer_escape(&field.wire)
        );
        // Markers inside a value left out of the sample are forgotten with it (a credential's
        // own marker stays: its audit places values at its pointer).
        let mark = markers.len();
        match field_value(ir, connector, field, markers, &path) {
            Some(value) => {
                map.insert(field.wire.clone(), value);
            }
            // A property that need not be given may sit out the sample when no valid value
            // of its type is known (a value checked against a whole schema that names none);
            // the rest of the object is still tested.
            None if field.access != Access::Required => {
                if field.credential.is_none() {
                    markers.truncate(mark);
                }
            }
            None => return None,
        }
    }
    Some(Value::Object(map))
}

fn field_value(
    ir: &Ir,
    connector: &Connector,
    field: &Field,
    markers: &mut Vec<Marker>,
    path: &str,
) -> Option<Value> {
    if field.credential.is_none() {
        return value(ir, connector, &field.value, markers, path, None);
    }
    let marker = format!(
        "s3cr3t-{}-{}",
        markers.len(),
        path.trim_start_matches('/')
            .replace(['/', '.', '_', '~'], "-")
    );
    let marker = marker.to_ascii_lowercase();
    let mark = markers.len();
    let marked = value(ir, connector, &field.value, markers, path, Some(&marker));
    let carries = |sample: &Value| match sample {
        Value::String(text) => text.contains(&marker),
        other => other.to_string().contains(&marker),
    };
    let (sample, in_sample) = match marked {
        Some(sample) if carries(&sample) => (Some(sample), true),
        // No value known to carry it: a plain valid one, if any, and values carrying the
        // marker are tried by the test. The first try's markers go with it.
        _ => {
            markers.truncate(mark);
            let plain = value(ir, connector, &field.value, markers, path, None);
            if plain.is_none() {
                markers.truncate(mark);
            }
            (plain, false)
        }
    };
    // A required credential needs a place in the sample even without a known valid value.
    let placeholder = sample.is_none() && field.access == Access::Required;
    let sample = if placeholder {
        Some(Value::String(marker.clone()))
    } else {
        sample
    };
    markers.push(Marker {
        text: marker,
        pointer: path.to_owned(),
        in_sample,
        placeholder,
        takes_any: matches!(field.value, ValueType::Json),
    });
    sample
}

fn value(
    ir: &Ir,
    connector: &Connector,
    value_type: &ValueType,
    markers: &mut Vec<Marker>,
    path: &str,
    marker: Option<&str>,
) -> Option<Value> {
    let text = |plain: &str| Value::String(marker.unwrap_or(plain).to_owned());
    Some(match value_type {
        ValueType::Text => text("text"),
        ValueType::JsonBool => json!(true),
        ValueType::BoolString => json!("true"),
        ValueType::Integer => json!(7),
        ValueType::Number => json!(1.5),
        ValueType::Json => text("any"),
        ValueType::List(item) => Value::Array(vec![value(
            ir,
            connector,
            item,
            markers,
            &format!("{path}/0"),
            marker,
        )?]),
        ValueType::Nested(name) => {
            let nested = connector.structs.iter().find(|s| s.name == *name)?;
            object(ir, connector, nested, markers, path)?
        }
        ValueType::Shared(id) => match &ir.shared(*id).kind {
            SharedKind::StartDate => json!("2024-02-29T00:00:00Z"),
            SharedKind::Digits => json!("5432"),
            SharedKind::IntegerOrDigits => json!(50),
            SharedKind::StringOrInteger => text("text"),
            SharedKind::Host => match marker {
                Some(marker) => json!(format!("{marker}.example.com")),
                None => json!("db.example.com"),
            },
            SharedKind::Timestamp => json!("2018-04-30T17:00:00Z"),
            SharedKind::FormatString(format) => json!(format_sample(*format, marker)),
            SharedKind::Uri => match marker {
                Some(marker) => json!(format!("https://example.com/{marker}")),
                None => json!("https://example.com/callback"),
            },
            SharedKind::Enum(variants) => json!(variants.first()?.1),
            // Every property with a sample; a required one without a sample leaves none.
            SharedKind::Object { fields, .. } => {
                let mut map = Map::new();
                for field in fields {
                    let path = format!("{path}/{}", crate::normalize::pointer_escape(&field.wire));
                    match value(ir, connector, &field.value, markers, &path, marker) {
                        Some(sample) => {
                            map.insert(field.wire.clone(), sample);
                        }
                        None if field.required => return None,
                        None => {}
                    }
                }
                Value::Object(map)
            }
            SharedKind::Pattern(source) => json!(pattern_sample(source, marker)?),
            // What the schema itself names (its `const`, the first value of its `enum`), or a
            // value of the first simple branch of its `anyOf`.
            SharedKind::Validated(document) => match &document.root {
                crate::model::json_schema::Schema::Keywords(k) => k
                    .constant
                    .clone()
                    .or_else(|| k.enumeration.as_ref()?.first().cloned())
                    .or_else(|| any_of_sample(k, marker))?,
                crate::model::json_schema::Schema::Bool(_) => return None,
            },
            SharedKind::Schedule { .. } => return None,
        },
    })
}

/// A value of `anyOf`'s first branch that is simple (a type, a format, a pattern, a `const` or
/// an `enum`, the type maybe given beside `anyOf`), where the schema has nothing else that
/// could refuse it. `None` otherwise: the test then tries values carrying the marker.
fn any_of_sample(schema: &Keywords, marker: Option<&str>) -> Option<Value> {
    let outer = Keywords {
        types: schema.types.clone(),
        any_of: schema.any_of.clone(),
        annotations: schema.annotations.clone(),
        ..Keywords::default()
    };
    if *schema != outer || schema.any_of.is_empty() {
        return None;
    }
    schema.any_of.iter().find_map(|branch| {
        let Schema::Keywords(branch) = branch else {
            return None;
        };
        let simple = Keywords {
            types: branch.types.clone(),
            format: branch.format,
            pattern: branch.pattern.clone(),
            constant: branch.constant.clone(),
            enumeration: branch.enumeration.clone(),
            annotations: branch.annotations.clone(),
            ..Keywords::default()
        };
        if **branch != simple {
            return None;
        }
        // A `const` or `enum` value, where no `type` beside it could refuse it.
        if let Some(value) = branch
            .constant
            .clone()
            .or_else(|| branch.enumeration.as_ref()?.first().cloned())
        {
            return (branch.types.is_none() && schema.types.is_none()).then_some(value);
        }
        // One type, the same wherever it is given (beside `anyOf` and in the branch).
        let only = match (branch.types.as_deref(), schema.types.as_deref()) {
            (Some([inner]), Some([outer])) if inner == outer => inner,
            (Some([only]), None) | (None, Some([only])) => only,
            _ => return None,
        };
        match (only, branch.format, &branch.pattern) {
            (SchemaType::String, Some(format), None) => Some(json!(format_sample(format, marker))),
            (SchemaType::String, None, Some(pattern)) => {
                Some(json!(pattern_sample(pattern, marker)?))
            }
            (SchemaType::String, None, None) => Some(json!(marker.unwrap_or("text"))),
            (SchemaType::Integer, None, None) => Some(json!(7)),
            (SchemaType::Boolean, None, None) => Some(json!(true)),
            _ => None,
        }
    })
}

/// A value in `format`, carrying `marker` where the format has room for it.
fn format_sample(format: Format, marker: Option<&str>) -> String {
    let tail = marker.unwrap_or("sample");
    match format {
        Format::DateTime => "2018-04-30T17:00:00Z".to_owned(),
        Format::Date => "2024-02-29".to_owned(),
        Format::Time => "17:00:00Z".to_owned(),
        Format::Email | Format::IdnEmail => format!("{tail}@example.com"),
        Format::Hostname | Format::IdnHostname => format!("{tail}.example.com"),
        Format::Ipv4 => "192.0.2.1".to_owned(),
        Format::Ipv6 => "2001:db8::1".to_owned(),
        Format::Uri | Format::Iri => format!("https://example.com/{tail}"),
        Format::UriReference | Format::IriReference | Format::JsonPointer => format!("/{tail}"),
        Format::UriTemplate => format!("https://example.com/{tail}{{?page}}"),
        Format::RelativeJsonPointer => format!("0/{tail}"),
        Format::Regex => format!("^{tail}$"),
    }
}

/// A string matching `source` (containing `marker` when given): the pattern's literal prefix
/// followed by the marker or a word, checked with the compiled pattern; without a marker, else
/// the example the pattern's tree gives.
fn pattern_sample(source: &str, marker: Option<&str>) -> Option<String> {
    let compiled = pattern::compile(source).ok()?;
    if let Some(literals) = compiled.literals() {
        return literals.first().cloned();
    }
    let prefix: String = source
        .strip_prefix('^')
        .unwrap_or(source)
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let tail = marker.unwrap_or("sample");
    [format!("{prefix}{tail}"), tail.to_owned()]
        .into_iter()
        .find(|candidate| compiled.is_match(candidate))
        .or_else(|| {
            marker
                .is_none()
                .then(|| compiled.example().map(str::to_owned))
                .flatten()
        })
}
