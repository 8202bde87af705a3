//! A JSON Schema (draft 7) evaluator over schemas the generator compiled to static
//! [`Keyword`]s: `type`, `pattern`, `format`, `anyOf`, and for nested objects `properties`,
//! `required` and `items`. It follows the standard exactly where the typed layer is stricter:
//! `pattern` and `format` apply only to strings, an `integer` is any number without a fraction
//! (`1.0` too), an unanchored `^\d+` accepts `"12abc"`, and a date pattern accepts
//! `2024-02-30`.
//!
//! [`is_valid`] allocates nothing; the error path ([`explain`]) runs only on failure.

use serde_json::Value;

use super::formats;
use super::pattern::Matcher;

/// A JSON type name of the `type` keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(dead_code)] // The evaluator is general; today's spec does not use every type.
pub enum JsonType {
    /// `string`.
    String,
    /// `integer`: a number without a fractional part.
    Integer,
    /// `number`.
    Number,
    /// `boolean`.
    Boolean,
    /// `object`.
    Object,
    /// `array`.
    Array,
    /// `null`.
    Null,
}

impl JsonType {
    fn name(self) -> &'static str {
        match self {
            JsonType::String => "a string",
            JsonType::Integer => "an integer",
            JsonType::Number => "a number",
            JsonType::Boolean => "a boolean",
            JsonType::Object => "an object",
            JsonType::Array => "an array",
            JsonType::Null => "null",
        }
    }

    /// Whether `value` is of this type.
    #[inline]
    pub(crate) fn matches(self, value: &Value) -> bool {
        match (self, value) {
            (JsonType::String, Value::String(_))
            | (JsonType::Number, Value::Number(_))
            | (JsonType::Boolean, Value::Bool(_))
            | (JsonType::Object, Value::Object(_))
            | (JsonType::Array, Value::Array(_))
            | (JsonType::Null, Value::Null) => true,
            (JsonType::Integer, Value::Number(n)) => {
                n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
            }
            _ => false,
        }
    }
}

/// A `format` the evaluator asserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `ipv4`.
    Ipv4,
    /// `ipv6`.
    Ipv6,
    /// `hostname`.
    Hostname,
    /// `date-time`.
    DateTime,
    /// `uri`.
    Uri,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Ipv4 => "ipv4",
            Format::Ipv6 => "ipv6",
            Format::Hostname => "hostname",
            Format::DateTime => "date-time",
            Format::Uri => "uri",
        }
    }

    /// Whether `text` is in this format.
    #[inline]
    pub(crate) fn matches(self, text: &str) -> bool {
        match self {
            Format::Ipv4 => formats::is_ipv4(text),
            Format::Ipv6 => formats::is_ipv6(text),
            Format::Hostname => formats::is_hostname(text),
            Format::DateTime => formats::is_date_time(text),
            Format::Uri => formats::is_uri(text),
        }
    }
}

/// One keyword of a compiled schema; a schema is a slice of keywords that must all hold.
// Keywords are static data, matched by reference: the size of a pattern's matcher costs no
// copying.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
#[allow(dead_code)] // The evaluator is general; today's spec does not use every keyword.
pub enum Keyword {
    /// `type`: one of these.
    Type(&'static [JsonType]),
    /// `pattern` (strings only): how to match it, and the pattern as written. A pattern that
    /// accepts a set of literals is reported as an enum.
    Pattern {
        /// The matcher the generator chose.
        matcher: Matcher,
        /// The pattern as written.
        source: &'static str,
    },
    /// `format` (strings only).
    Format(Format),
    /// `anyOf`: at least one branch holds.
    AnyOf(&'static [&'static [Keyword]]),
    /// `properties` (objects only): each present key's value satisfies its schema.
    Properties(&'static [(&'static str, &'static [Keyword])]),
    /// `required` (objects only).
    Required(&'static [&'static str]),
    /// `items` (arrays only): every item satisfies the schema.
    Items(&'static [Keyword]),
}

/// Whether `value` satisfies every keyword. Allocates nothing.
///
/// The schemas of nearly every property are one of a few forms (keywords are sorted by name):
/// those are decided by one match, without walking the keyword list.
#[inline]
pub fn is_valid(schema: &[Keyword], value: &Value) -> bool {
    match (schema, value) {
        ([], _) => true,
        ([Keyword::Type([JsonType::String])], value) => value.is_string(),
        ([Keyword::Type([single])], value) => single.matches(value),
        ([Keyword::AnyOf(branches)], value) => branches.iter().any(|b| is_valid(b, value)),
        (
            [
                Keyword::Pattern { matcher, .. },
                Keyword::Type([JsonType::String]),
            ],
            Value::String(text),
        ) => matcher.matches(text),
        ([Keyword::Format(format), Keyword::Type([JsonType::String])], Value::String(text)) => {
            format.matches(text)
        }
        _ => schema.iter().all(|keyword| keyword_holds(keyword, value)),
    }
}

fn keyword_holds(keyword: &Keyword, value: &Value) -> bool {
    match keyword {
        Keyword::Type(types) => types.iter().any(|t| t.matches(value)),
        Keyword::Pattern { matcher, .. } => match value {
            Value::String(text) => matcher.matches(text),
            _ => true,
        },
        Keyword::Format(format) => match value {
            Value::String(text) => format.matches(text),
            _ => true,
        },
        Keyword::AnyOf(branches) => branches.iter().any(|b| is_valid(b, value)),
        Keyword::Properties(properties) => match value {
            Value::Object(map) => properties
                .iter()
                .all(|(name, schema)| map.get(*name).is_none_or(|v| is_valid(schema, v))),
            _ => true,
        },
        Keyword::Required(names) => match value {
            Value::Object(map) => names.iter().all(|name| map.contains_key(*name)),
            _ => true,
        },
        Keyword::Items(schema) => match value {
            Value::Array(items) => items.iter().all(|item| is_valid(schema, item)),
            _ => true,
        },
    }
}

/// Why a value fails, in the vocabulary of [`crate::ErrorKind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Wrong JSON type.
    Type,
    /// A pattern that is not an alternation of literals.
    Pattern,
    /// A pattern that is an alternation of literals.
    Enum,
    /// A format.
    Format,
    /// A missing key of a nested object.
    Required,
}

/// One failure: where (a JSON pointer relative to the value), what kind, and why (without the
/// value: the caller adds it unless the value is a secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// JSON pointer below the value, e.g. `/ssh_host` or empty.
    pub pointer: String,
    /// The kind.
    pub failure: Failure,
    /// What was expected.
    pub expected: String,
    /// The failing value (or the object missing a key).
    pub value: Value,
}

/// Every failure of `value` against `schema`; empty when valid.
pub fn explain(schema: &[Keyword], value: &Value) -> Vec<Explained> {
    let mut out = Vec::new();
    explain_into(schema, value, String::new(), &mut out);
    out
}

fn explain_into(schema: &[Keyword], value: &Value, pointer: String, out: &mut Vec<Explained>) {
    for keyword in schema {
        if keyword_holds(keyword, value) {
            continue;
        }
        let mut fail = |failure: Failure, expected: String| {
            out.push(Explained {
                pointer: pointer.clone(),
                failure,
                expected,
                value: value.clone(),
            });
        };
        match keyword {
            Keyword::Type(types) => {
                let names: Vec<&str> = types.iter().map(|t| t.name()).collect();
                fail(Failure::Type, names.join(" or "));
            }
            Keyword::Pattern { matcher, source } => match matcher {
                Matcher::Literals(literals) => {
                    fail(Failure::Enum, format!("one of {}", literals.join(", ")))
                }
                _ => fail(Failure::Pattern, format!("a string matching {source}")),
            },
            Keyword::Format(format) => fail(Failure::Format, format!("a valid {}", format.name())),
            Keyword::AnyOf(branches) => {
                let (failure, expected) = any_of_failure(branches, value);
                fail(failure, expected);
            }
            Keyword::Properties(properties) => {
                if let Value::Object(map) = value {
                    for (name, schema) in properties.iter() {
                        if let Some(v) = map.get(*name)
                            && !is_valid(schema, v)
                        {
                            explain_into(schema, v, format!("{pointer}/{}", escape(name)), out);
                        }
                    }
                }
            }
            Keyword::Required(names) => {
                if let Value::Object(map) = value {
                    for name in names.iter().filter(|n| !map.contains_key(**n)) {
                        out.push(Explained {
                            pointer: format!("{pointer}/{}", escape(name)),
                            failure: Failure::Required,
                            expected: format!("the key `{name}`"),
                            value: Value::Null,
                        });
                    }
                }
            }
            Keyword::Items(schema) => {
                if let Value::Array(items) = value {
                    for (i, item) in items.iter().enumerate() {
                        if !is_valid(schema, item) {
                            explain_into(schema, item, format!("{pointer}/{i}"), out);
                        }
                    }
                }
            }
        }
    }
}

/// The kind and expectation of a failed `anyOf`: a type error when no branch accepts the
/// value's JSON type, else a format error when a branch with a format accepts the type, else a
/// pattern error.
fn any_of_failure(branches: &[&[Keyword]], value: &Value) -> (Failure, String) {
    let mut expected = Vec::new();
    let mut type_ok_somewhere = false;
    let mut format_seen = false;
    for branch in branches {
        let type_ok = branch
            .iter()
            .all(|k| !matches!(k, Keyword::Type(_)) || keyword_holds(k, value));
        type_ok_somewhere |= type_ok;
        let mut words = Vec::new();
        for keyword in branch.iter() {
            match keyword {
                Keyword::Type(types) => words.push(
                    types
                        .iter()
                        .map(|t| t.name())
                        .collect::<Vec<_>>()
                        .join(" or "),
                ),
                Keyword::Pattern { source, .. } => words.push(format!("matching {source}")),
                Keyword::Format(format) => {
                    if type_ok {
                        format_seen = true;
                    }
                    words.push(format!("in format {}", format.name()));
                }
                _ => words.push("a nested schema".to_owned()),
            }
        }
        expected.push(words.join(" "));
    }
    let failure = if !type_ok_somewhere {
        Failure::Type
    } else if format_seen {
        Failure::Format
    } else {
        Failure::Pattern
    };
    (failure, format!("any of: {}", expected.join("; ")))
}

/// Escapes a key for a JSON pointer (RFC 6901).
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
