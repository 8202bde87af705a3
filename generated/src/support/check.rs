//! A JSON Schema (draft 7) evaluator over schemas the generator compiled to static
//! [`Keyword`]s: `type`, `pattern`, `format`, `anyOf`, and for nested objects `properties`,
//! `required` and `items`. It follows the standard exactly where the typed layer is stricter:
//! `pattern` and `format` apply only to strings, an `integer` is any number without a fraction
//! (`1.0` too), an unanchored `^\d+` accepts `"12abc"`, and a date pattern accepts
//! `2024-02-30`.
//!
//! [`is_valid`] allocates nothing; the error path ([`explain_keyword`], for each keyword a
//! value fails) runs only on failure.

use std::fmt;

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
    /// In words for an end user.
    fn user_name(self) -> &'static str {
        match self {
            JsonType::String => "a string",
            JsonType::Integer => "a whole number",
            JsonType::Number => "a number",
            JsonType::Boolean => "true or false",
            JsonType::Object => "an object",
            JsonType::Array => "a list",
            JsonType::Null => "empty (null)",
        }
    }

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
    /// In words for an end user, with its article.
    fn user_name(self) -> &'static str {
        match self {
            Format::Ipv4 => "a valid IPv4 address",
            Format::Ipv6 => "a valid IPv6 address",
            Format::Hostname => "a valid host name",
            Format::DateTime => "a valid date and time, like 2024-01-31T17:00:00Z",
            Format::Uri => "a valid URI, like https://example.com/path",
        }
    }

    /// In words, without article or example.
    fn bare_name(self) -> &'static str {
        match self {
            Format::Ipv4 => "IPv4 address",
            Format::Ipv6 => "IPv6 address",
            Format::Hostname => "host name",
            Format::DateTime => "date and time",
            Format::Uri => "URI",
        }
    }

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

/// Whether `value` satisfies every keyword. Allocates nothing. (The success path of
/// `validate_properties` runs generated code instead; this serves explanations and the nested
/// schemas that code leaves to the evaluator.)
pub fn is_valid(schema: &[Keyword], value: &Value) -> bool {
    schema.iter().all(|keyword| keyword_holds(keyword, value))
}

/// Whether `value` satisfies `keyword`.
pub(crate) fn keyword_holds(keyword: &Keyword, value: &Value) -> bool {
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

/// What a failing value was expected to be: the keyword that does not hold, or the key a
/// `required` keyword names and the object lacks. Its [`Display`](fmt::Display) says it in
/// words ("a string or an integer", "one of csv, jsonl", "any of: ..."); nothing is rendered
/// until then.
#[derive(Debug, Clone, Copy)]
pub enum Expected {
    /// A `type`, `pattern`, `format` or `anyOf` keyword that does not hold.
    Keyword(&'static Keyword),
    /// A key that a `required` keyword names.
    Key(&'static str),
}

impl Expected {
    /// Whether both are the same keyword of the same schema (the schemas are static, so this
    /// is an address comparison), or the same key. Two different keywords may still read the
    /// same.
    pub fn is_same(self, other: Expected) -> bool {
        match (self, other) {
            (Expected::Keyword(a), Expected::Keyword(b)) => std::ptr::eq(a, b),
            (Expected::Key(a), Expected::Key(b)) => a == b,
            _ => false,
        }
    }
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::Key(name) => write!(f, "the key `{name}`"),
            Expected::Keyword(Keyword::Type(types)) => write_types(f, types),
            Expected::Keyword(Keyword::Pattern { matcher, source }) => match matcher {
                Matcher::Literals(literals) => {
                    f.write_str("one of ")?;
                    write_joined(f, literals.iter(), ", ", |f, literal| f.write_str(literal))
                }
                _ => write!(f, "a string matching {source}"),
            },
            Expected::Keyword(Keyword::Format(format)) => write!(f, "a valid {}", format.name()),
            Expected::Keyword(Keyword::AnyOf(branches)) => {
                f.write_str("any of: ")?;
                write_joined(f, branches.iter(), "; ", |f, branch| {
                    write_joined(f, branch.iter(), " ", |f, keyword| match keyword {
                        Keyword::Type(types) => write_types(f, types),
                        Keyword::Pattern { source, .. } => write!(f, "matching {source}"),
                        Keyword::Format(format) => write!(f, "in format {}", format.name()),
                        _ => f.write_str("a nested schema"),
                    })
                })
            }
            // `explain_keyword` reports these keywords through the nested values they
            // constrain, never as the expectation itself.
            Expected::Keyword(
                Keyword::Properties(_) | Keyword::Required(_) | Keyword::Items(_),
            ) => f.write_str("a nested schema"),
        }
    }
}

/// What a value must be, in words for the end user of a form: `expected` failed, and `schema`
/// is the whole schema of the value (a type error next to a literal pattern says "as a
/// string"). Written after "must be" or "is not": see [`UserExpected`]'s `Display`.
#[derive(Clone, Copy)]
pub struct UserExpected {
    /// What was expected.
    pub expected: Expected,
    /// The schema the keyword belongs to.
    pub schema: &'static [Keyword],
}

impl fmt::Display for UserExpected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.expected {
            Expected::Key(name) => write!(f, "needs `{name}`"),
            Expected::Keyword(Keyword::Type(types)) => {
                // A constrained string given as something else: say what string, and for
                // literal values that they are strings.
                let constrained = self
                    .schema
                    .iter()
                    .any(|k| matches!(k, Keyword::Pattern { .. } | Keyword::Format(_)));
                if *types == [JsonType::String] && constrained {
                    f.write_str("must be ")?;
                    let literals = self.schema.iter().any(|k| {
                        matches!(
                            k,
                            Keyword::Pattern {
                                matcher: Matcher::Literals(_),
                                ..
                            }
                        )
                    });
                    f.write_str(&branch_noun(self.schema))?;
                    if literals {
                        f.write_str(", as a string")?;
                    }
                    Ok(())
                } else {
                    f.write_str("must be ")?;
                    write_joined_or(f, types.iter().map(|t| t.user_name()))
                }
            }
            Expected::Keyword(Keyword::Pattern { matcher, source }) => match matcher {
                Matcher::Literals(literals) => {
                    f.write_str("must be one of ")?;
                    write_joined_or(f, literals.iter().copied())
                }
                _ => {
                    f.write_str("must be ")?;
                    write_pattern_noun(f, matcher, source)
                }
            },
            Expected::Keyword(Keyword::Format(format)) => {
                write!(f, "is not {}", format.user_name())
            }
            Expected::Keyword(Keyword::AnyOf(branches)) => {
                // Formats read as "is not a valid X, Y or Z"; anything else as "must be".
                if branches
                    .iter()
                    .all(|b| b.iter().any(|k| matches!(k, Keyword::Format(_))))
                {
                    f.write_str("is not ")?;
                    let formats: Vec<&str> = branches
                        .iter()
                        .filter_map(|b| {
                            b.iter().find_map(|k| match k {
                                Keyword::Format(format) => Some(format.bare_name()),
                                _ => None,
                            })
                        })
                        .collect();
                    f.write_str("a valid ")?;
                    write_joined_or(f, formats.into_iter())
                } else {
                    let nouns: Vec<String> = branches.iter().map(|b| branch_noun(b)).collect();
                    f.write_str("must be ")?;
                    write_joined_or(f, nouns.iter().map(String::as_str))
                }
            }
            Expected::Keyword(
                Keyword::Properties(_) | Keyword::Required(_) | Keyword::Items(_),
            ) => f.write_str("is not valid"),
        }
    }
}

/// A branch of an `anyOf` as a noun: "an integer", "a string of digits", "one of a or b".
fn branch_noun(branch: &[Keyword]) -> String {
    struct Noun<'a>(&'a [Keyword]);
    impl fmt::Display for Noun<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            for keyword in self.0 {
                match keyword {
                    Keyword::Pattern {
                        matcher: Matcher::Literals(literals),
                        ..
                    } => {
                        f.write_str("one of ")?;
                        return write_joined_or(f, literals.iter().copied());
                    }
                    Keyword::Pattern { matcher, source } => {
                        return write_pattern_noun(f, matcher, source);
                    }
                    Keyword::Format(format) => return f.write_str(format.user_name()),
                    _ => {}
                }
            }
            match self.0.iter().find_map(|k| match k {
                Keyword::Type(types) => Some(*types),
                _ => None,
            }) {
                Some(types) => write_joined_or(f, types.iter().map(|t| t.user_name())),
                None => f.write_str("a valid value"),
            }
        }
    }
    Noun(branch).to_string()
}

/// A string pattern as a noun: digits in words, anything else by its source.
fn write_pattern_noun(f: &mut fmt::Formatter<'_>, matcher: &Matcher, source: &str) -> fmt::Result {
    if let Matcher::Shape(shape) = matcher
        && shape.prefix.is_empty()
        && let Some((item, 1)) = shape.tail
        && item.is_ascii_digit_class()
    {
        return f.write_str(if shape.end {
            "a string of digits"
        } else {
            "a string that starts with a digit"
        });
    }
    write!(f, "a string matching the pattern {source}")
}

/// "a", "a or b", "a, b or c".
fn write_joined_or<'a>(
    f: &mut fmt::Formatter<'_>,
    items: impl Iterator<Item = &'a str>,
) -> fmt::Result {
    let items: Vec<&str> = items.collect();
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            f.write_str(if index + 1 == items.len() {
                " or "
            } else {
                ", "
            })?;
        }
        f.write_str(item)?;
    }
    Ok(())
}

fn write_types(f: &mut fmt::Formatter<'_>, types: &[JsonType]) -> fmt::Result {
    write_joined(f, types.iter(), " or ", |f, t| f.write_str(t.name()))
}

/// Writes each item with `write`, `separator` between them.
fn write_joined<T>(
    f: &mut fmt::Formatter<'_>,
    items: impl Iterator<Item = T>,
    separator: &str,
    mut write: impl FnMut(&mut fmt::Formatter<'_>, T) -> fmt::Result,
) -> fmt::Result {
    for (index, item) in items.enumerate() {
        if index > 0 {
            f.write_str(separator)?;
        }
        write(f, item)?;
    }
    Ok(())
}

/// One failure: where (a JSON pointer relative to the value), what kind, what was expected and
/// the failing value (the caller decides whether to show it: not if it is a secret). Nothing is
/// rendered or cloned: the pointer is the only allocation, and only below the value.
#[derive(Debug, Clone)]
pub struct Explained<'v> {
    /// JSON pointer below the value, e.g. `/ssh_host`, or empty (no allocation).
    pub pointer: String,
    /// The kind.
    pub failure: Failure,
    /// What was expected.
    pub expected: Expected,
    /// The failing value (for [`Failure::Required`], the object missing the key).
    pub value: &'v Value,
}

/// Calls `each` with every failure of `value` (at `pointer`) against `schema`, in schema
/// order; never when valid.
fn explain_into<'v>(
    schema: &'static [Keyword],
    value: &'v Value,
    pointer: &str,
    each: &mut impl FnMut(Explained<'v>),
) {
    for keyword in schema {
        if !keyword_holds(keyword, value) {
            explain_keyword(keyword, value, pointer, each);
        }
    }
}

/// Calls `each` with every failure of `value` (at `pointer`) against `keyword`, which it
/// fails.
pub(crate) fn explain_keyword<'v>(
    keyword: &'static Keyword,
    value: &'v Value,
    pointer: &str,
    each: &mut impl FnMut(Explained<'v>),
) {
    match keyword {
        Keyword::Type(_) | Keyword::Pattern { .. } | Keyword::Format(_) | Keyword::AnyOf(_) => {
            if let Some(failure) = flat_failure(keyword, value) {
                each(Explained {
                    pointer: pointer.to_owned(),
                    failure,
                    expected: Expected::Keyword(keyword),
                    value,
                });
            }
        }
        Keyword::Properties(properties) => {
            if let Value::Object(map) = value {
                for (name, schema) in properties.iter() {
                    if let Some(v) = map.get(*name)
                        && !is_valid(schema, v)
                    {
                        explain_into(schema, v, &below(pointer, name), each);
                    }
                }
            }
        }
        Keyword::Required(names) => {
            if let Value::Object(map) = value {
                for name in names.iter().filter(|n| !map.contains_key(**n)) {
                    each(Explained {
                        pointer: below(pointer, name),
                        failure: Failure::Required,
                        expected: Expected::Key(name),
                        value,
                    });
                }
            }
        }
        Keyword::Items(schema) => {
            if let Value::Array(items) = value {
                for (i, item) in items.iter().enumerate() {
                    if !is_valid(schema, item) {
                        explain_into(schema, item, &format!("{pointer}/{i}"), each);
                    }
                }
            }
        }
    }
}

/// The one failure of `value` against `keyword`, which it fails, when the keyword is about the
/// value itself (`type`, `pattern`, `format`, `anyOf`); `None` for one about the values nested
/// in it (`properties`, `required`, `items`), which [`explain_keyword`] walks.
///
/// Callers with a value at the top of a property use it directly, so that the failure is built
/// where it is stored: an [`Explained`] handed to a callback is read back from memory right
/// after it was written, and perf put most of s3's error path on that stall.
#[inline]
pub(crate) fn flat_failure(keyword: &Keyword, value: &Value) -> Option<Failure> {
    match keyword {
        Keyword::Type(_) => Some(Failure::Type),
        Keyword::Pattern { matcher, .. } => Some(match matcher {
            Matcher::Literals(_) => Failure::Enum,
            _ => Failure::Pattern,
        }),
        Keyword::Format(_) => Some(Failure::Format),
        Keyword::AnyOf(branches) => Some(any_of_failure(branches, value)),
        Keyword::Properties(_) | Keyword::Required(_) | Keyword::Items(_) => None,
    }
}

/// `pointer` + `/` + the escaped `key`, in one allocation.
fn below(pointer: &str, key: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + 1 + key.len());
    out.push_str(pointer);
    out.push('/');
    // Writing to a String cannot fail.
    let _ = write_escaped(&mut out, key);
    out
}

/// The kind of a failed `anyOf`: a type error when no branch accepts the value's JSON type,
/// else a format error when a branch with a format accepts the type, else a pattern error.
fn any_of_failure(branches: &[&[Keyword]], value: &Value) -> Failure {
    let mut type_ok_somewhere = false;
    let mut format_seen = false;
    for branch in branches {
        let type_ok = branch
            .iter()
            .all(|k| !matches!(k, Keyword::Type(_)) || keyword_holds(k, value));
        type_ok_somewhere |= type_ok;
        format_seen |= type_ok && branch.iter().any(|k| matches!(k, Keyword::Format(_)));
    }
    if !type_ok_somewhere {
        Failure::Type
    } else if format_seen {
        Failure::Format
    } else {
        Failure::Pattern
    }
}

/// Writes `key` escaped for a JSON pointer (RFC 6901: `~` as `~0`, `/` as `~1`), without
/// allocating.
pub fn write_escaped(out: &mut impl fmt::Write, key: &str) -> fmt::Result {
    let mut rest = key;
    while let Some(at) = rest.find(['~', '/']) {
        out.write_str(&rest[..at])?;
        out.write_str(if rest.as_bytes()[at] == b'~' {
            "~0"
        } else {
            "~1"
        })?;
        rest = &rest[at + 1..];
    }
    out.write_str(rest)
}

/// The bytes of `key` escaped for a JSON pointer (RFC 6901), for comparing pointers without
/// building them.
pub fn escaped_bytes(key: &str) -> impl Iterator<Item = u8> + '_ {
    key.bytes().flat_map(|byte| {
        let (pair, len) = match byte {
            b'~' => ([b'~', b'0'], 2),
            b'/' => ([b'~', b'1'], 2),
            other => ([other, 0], 1),
        };
        pair.into_iter().take(len)
    })
}
