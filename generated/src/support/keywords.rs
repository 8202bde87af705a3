//! The JSON Schema (draft 7) evaluator: schemas the generator compiled to static [`Keyword`]s,
//! one variant per draft-7 keyword, evaluated as the standard says. It is exact where the
//! typed layer is stricter: `pattern` and `format` apply only to strings, an `integer` is any
//! number without a fraction (`1.0` too), an unanchored `^\d+` accepts `"12abc"`, and a date
//! pattern accepts `2024-02-30`.
//!
//! [`is_valid`] allocates nothing but for `propertyNames` (each key is checked as a JSON
//! string); the error path ([`explain_keyword`], for each keyword a value fails) runs only on
//! failure. `validate_properties` and the types checked against a whole schema use it.

use std::fmt;

use serde_json::Value;

use super::formats;
use super::literal::{self, Json, Num};
use super::pattern::{Matcher, Regular};
use stitch_connect_runtime::json::write_pointer_escaped;

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

/// A `format` the evaluator asserts: those of draft 7 (`idn-email` and `idn-hostname` with the
/// `idn` feature only; see `formats::is_idn_hostname`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(dead_code)] // The evaluator is general; a spec need not use every format.
pub enum Format {
    /// `ipv4`.
    Ipv4,
    /// `ipv6`.
    Ipv6,
    /// `hostname`.
    Hostname,
    /// `date-time`.
    DateTime,
    /// `date`.
    Date,
    /// `time`.
    Time,
    /// `email`.
    Email,
    /// `idn-email`.
    IdnEmail,
    /// `idn-hostname`.
    IdnHostname,
    /// `uri`.
    Uri,
    /// `uri-reference`.
    UriReference,
    /// `iri`.
    Iri,
    /// `iri-reference`.
    IriReference,
    /// `uri-template`.
    UriTemplate,
    /// `json-pointer`.
    JsonPointer,
    /// `relative-json-pointer`.
    RelativeJsonPointer,
    /// `regex` (ECMA 262).
    Regex,
}

impl Format {
    /// In words for an end user, with its article.
    fn user_name(self) -> &'static str {
        match self {
            Format::Ipv4 => "a valid IPv4 address",
            Format::Ipv6 => "a valid IPv6 address",
            Format::Hostname => "a valid host name",
            Format::DateTime => "a valid date and time, like 2024-01-31T17:00:00Z",
            Format::Date => "a valid date, like 2024-01-31",
            Format::Time => "a valid time of day with its offset, like 17:00:00Z",
            Format::Email => "a valid e-mail address",
            Format::IdnEmail => "a valid e-mail address (international)",
            Format::IdnHostname => "a valid host name (international)",
            Format::Uri => "a valid URI, like https://example.com/path",
            Format::UriReference => "a valid URI or relative reference",
            Format::Iri => "a valid IRI, like https://example.com/päth",
            Format::IriReference => "a valid IRI or relative reference",
            Format::UriTemplate => "a valid URI template, like https://example.com/{id}",
            Format::JsonPointer => "a valid JSON pointer, like /a/0",
            Format::RelativeJsonPointer => "a valid relative JSON pointer, like 1/a",
            Format::Regex => "a valid regular expression (ECMA 262)",
        }
    }

    /// In words, without article or example.
    fn bare_name(self) -> &'static str {
        match self {
            Format::Ipv4 => "IPv4 address",
            Format::Ipv6 => "IPv6 address",
            Format::Hostname => "host name",
            Format::DateTime => "date and time",
            Format::Date => "date",
            Format::Time => "time",
            Format::Email => "e-mail address",
            Format::IdnEmail => "international e-mail address",
            Format::IdnHostname => "international host name",
            Format::Uri => "URI",
            Format::UriReference => "URI reference",
            Format::Iri => "IRI",
            Format::IriReference => "IRI reference",
            Format::UriTemplate => "URI template",
            Format::JsonPointer => "JSON pointer",
            Format::RelativeJsonPointer => "relative JSON pointer",
            Format::Regex => "regular expression",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Ipv4 => "ipv4",
            Format::Ipv6 => "ipv6",
            Format::Hostname => "hostname",
            Format::DateTime => "date-time",
            Format::Date => "date",
            Format::Time => "time",
            Format::Email => "email",
            Format::IdnEmail => "idn-email",
            Format::IdnHostname => "idn-hostname",
            Format::Uri => "uri",
            Format::UriReference => "uri-reference",
            Format::Iri => "iri",
            Format::IriReference => "iri-reference",
            Format::UriTemplate => "uri-template",
            Format::JsonPointer => "json-pointer",
            Format::RelativeJsonPointer => "relative-json-pointer",
            Format::Regex => "regex",
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
            Format::Date => formats::is_date(text),
            Format::Time => formats::is_time(text),
            Format::Email => formats::is_email(text),
            Format::IdnEmail => formats::is_idn_email(text),
            Format::IdnHostname => formats::is_idn_hostname(text),
            Format::Uri => formats::is_uri(text),
            Format::UriReference => formats::is_uri_reference(text),
            Format::Iri => formats::is_iri(text),
            Format::IriReference => formats::is_iri_reference(text),
            Format::UriTemplate => formats::is_uri_template(text),
            Format::JsonPointer => formats::is_json_pointer(text),
            Format::RelativeJsonPointer => formats::is_relative_json_pointer(text),
            Format::Regex => formats::is_regex(text),
        }
    }
}

/// A compiled schema: keywords that must all hold (`true` is the empty schema).
pub type Schema = &'static [Keyword];

/// The target of a `$ref`: a `static`, so that a schema may refer to itself. Its `Debug`
/// does not follow it (a cycle would never end).
#[derive(Clone, Copy)]
pub struct Reference(pub &'static Schema);

impl fmt::Debug for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Reference(..)")
    }
}

/// One entry of `dependencies`.
#[derive(Debug)]
#[allow(dead_code)] // The evaluator is general; today's spec does not use every keyword.
pub enum Dependency {
    /// When the key is there, these keys must be too.
    Required(&'static [&'static str]),
    /// When the key is there, the object satisfies this schema.
    Schema(Schema),
}

/// One keyword of a compiled schema, one variant per draft-7 keyword (`additionalItems` is
/// part of [`Keyword::Tuple`], `then` and `else` of [`Keyword::If`]; annotations are not
/// compiled). A schema is a slice of keywords that must all hold.
// Keywords are static data, matched by reference: the size of a pattern's matcher costs no
// copying.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
#[allow(dead_code)] // The evaluator is general; today's spec does not use every keyword.
pub enum Keyword {
    /// `$ref`: the schema it points at.
    Ref(Reference),
    /// `additionalProperties` (objects only): every key that `properties` does not name and
    /// no `patternProperties` pattern matches satisfies the schema.
    AdditionalProperties {
        /// The keys `properties` names.
        named: &'static [&'static str],
        /// The patterns of `patternProperties`.
        patterns: &'static [Matcher],
        /// The schema of the other keys' values.
        schema: Schema,
    },
    /// `allOf`: every branch holds.
    AllOf(&'static [Schema]),
    /// `anyOf`: at least one branch holds.
    AnyOf(&'static [Schema]),
    /// `const`: equal to this value.
    Const(Json),
    /// `contains` (arrays only): at least one item satisfies the schema.
    Contains(Schema),
    /// `dependencies` (objects only).
    Dependencies(&'static [(&'static str, Dependency)]),
    /// `enum`: equal to one of these values.
    Enum(&'static [Json]),
    /// `exclusiveMaximum` (numbers only).
    ExclusiveMaximum(Num),
    /// `exclusiveMinimum` (numbers only).
    ExclusiveMinimum(Num),
    /// `format` (strings only).
    Format(Format),
    /// `if`, with `then` and `else`: the value satisfies `then` if it satisfies the condition,
    /// `otherwise` if not (an absent one holds).
    If {
        /// `if`.
        condition: Schema,
        /// `then`.
        then: Option<Schema>,
        /// `else`.
        otherwise: Option<Schema>,
    },
    /// `items` as one schema (arrays only): every item satisfies it.
    Items(Schema),
    /// `items` as a list of schemas (arrays only), with `additionalItems`: item `i` satisfies
    /// schema `i`, the items beyond the list satisfy `additional` (any value when `None`).
    Tuple {
        /// One schema per position.
        items: &'static [Schema],
        /// `additionalItems`.
        additional: Option<Schema>,
    },
    /// `maxItems` (arrays only).
    MaxItems(u64),
    /// `maxLength` (strings only), in characters.
    MaxLength(u64),
    /// `maxProperties` (objects only).
    MaxProperties(u64),
    /// `maximum` (numbers only).
    Maximum(Num),
    /// `minItems` (arrays only).
    MinItems(u64),
    /// `minLength` (strings only), in characters.
    MinLength(u64),
    /// `minProperties` (objects only).
    MinProperties(u64),
    /// `minimum` (numbers only).
    Minimum(Num),
    /// `multipleOf` (numbers only): the value divided by this is a whole number.
    MultipleOf(Num),
    /// `not`: the schema does not hold.
    Not(Schema),
    /// `oneOf`: exactly one branch holds.
    OneOf(&'static [Schema]),
    /// `pattern` (strings only): how to match it, and the pattern as written. A pattern that
    /// accepts a set of literals is reported as an enum.
    Pattern {
        /// The matcher the generator chose.
        matcher: Matcher,
        /// The pattern as written.
        source: &'static str,
    },
    /// `patternProperties` (objects only): each key a pattern matches has a value satisfying
    /// that pattern's schema.
    PatternProperties(&'static [(Matcher, &'static str, Schema)]),
    /// `properties` (objects only): each present key's value satisfies its schema.
    Properties(&'static [(&'static str, Schema)]),
    /// `propertyNames` (objects only): every key, as a string, satisfies the schema.
    PropertyNames(Schema),
    /// `required` (objects only).
    Required(&'static [&'static str]),
    /// `type`: one of these.
    Type(&'static [JsonType]),
    /// `uniqueItems: true` (arrays only): no two items are equal.
    UniqueItems,
    /// The schema `false`: nothing holds.
    False,
}

/// Whether `value` satisfies every keyword. Allocates nothing. (The success path of
/// `validate_properties` runs generated code instead; this serves explanations and the
/// keywords that code leaves to the evaluator.)
pub fn is_valid(schema: &[Keyword], value: &Value) -> bool {
    schema.iter().all(|keyword| keyword_holds(keyword, value))
}

/// Whether `value` satisfies `keyword`.
pub(crate) fn keyword_holds(keyword: &Keyword, value: &Value) -> bool {
    use std::cmp::Ordering::{Greater, Less};
    let number = |holds: &dyn Fn(&serde_json::Number) -> bool| match value {
        Value::Number(n) => holds(n),
        _ => true,
    };
    match keyword {
        Keyword::Ref(Reference(schema)) => is_valid(schema, value),
        Keyword::AdditionalProperties {
            named,
            patterns,
            schema,
        } => match value {
            Value::Object(map) => map
                .iter()
                .filter(|(key, _)| is_additional(key, named, patterns))
                .all(|(_, v)| is_valid(schema, v)),
            _ => true,
        },
        Keyword::AllOf(branches) => branches.iter().all(|b| is_valid(b, value)),
        Keyword::AnyOf(branches) => branches.iter().any(|b| is_valid(b, value)),
        Keyword::Const(literal) => literal::equals(literal, value),
        Keyword::Contains(schema) => match value {
            Value::Array(items) => items.iter().any(|item| is_valid(schema, item)),
            _ => true,
        },
        Keyword::Dependencies(entries) => match value {
            Value::Object(map) => entries.iter().all(|(key, dependency)| {
                !map.contains_key(*key)
                    || match dependency {
                        Dependency::Required(names) => names.iter().all(|n| map.contains_key(*n)),
                        Dependency::Schema(schema) => is_valid(schema, value),
                    }
            }),
            _ => true,
        },
        Keyword::Enum(literals) => literals.iter().any(|l| literal::equals(l, value)),
        Keyword::ExclusiveMaximum(limit) => number(&|n| literal::order(n, *limit) == Some(Less)),
        Keyword::ExclusiveMinimum(limit) => number(&|n| literal::order(n, *limit) == Some(Greater)),
        Keyword::Format(format) => match value {
            Value::String(text) => format.matches(text),
            _ => true,
        },
        Keyword::If {
            condition,
            then,
            otherwise,
        } => {
            let branch = if is_valid(condition, value) {
                then
            } else {
                otherwise
            };
            branch.is_none_or(|schema| is_valid(schema, value))
        }
        Keyword::Items(schema) => match value {
            Value::Array(items) => items.iter().all(|item| is_valid(schema, item)),
            _ => true,
        },
        Keyword::Tuple { items, additional } => match value {
            Value::Array(values) => values.iter().enumerate().all(|(i, item)| {
                match items.get(i).or(additional.as_ref()) {
                    Some(schema) => is_valid(schema, item),
                    None => true,
                }
            }),
            _ => true,
        },
        Keyword::MaxItems(limit) => match value {
            Value::Array(items) => items.len() as u64 <= *limit,
            _ => true,
        },
        Keyword::MaxLength(limit) => match value {
            Value::String(text) => text.chars().count() as u64 <= *limit,
            _ => true,
        },
        Keyword::MaxProperties(limit) => match value {
            Value::Object(map) => map.len() as u64 <= *limit,
            _ => true,
        },
        Keyword::Maximum(limit) => number(&|n| literal::order(n, *limit) != Some(Greater)),
        Keyword::MinItems(limit) => match value {
            Value::Array(items) => items.len() as u64 >= *limit,
            _ => true,
        },
        Keyword::MinLength(limit) => match value {
            Value::String(text) => text.chars().count() as u64 >= *limit,
            _ => true,
        },
        Keyword::MinProperties(limit) => match value {
            Value::Object(map) => map.len() as u64 >= *limit,
            _ => true,
        },
        Keyword::Minimum(limit) => number(&|n| literal::order(n, *limit) != Some(Less)),
        Keyword::MultipleOf(divisor) => number(&|n| literal::is_multiple(n, *divisor)),
        Keyword::Not(schema) => !is_valid(schema, value),
        Keyword::OneOf(branches) => {
            let mut holding = branches.iter().filter(|b| is_valid(b, value));
            holding.next().is_some() && holding.next().is_none()
        }
        Keyword::Pattern { matcher, .. } => match value {
            Value::String(text) => matcher.matches(text),
            _ => true,
        },
        Keyword::PatternProperties(patterns) => match value {
            Value::Object(map) => map.iter().all(|(key, v)| {
                patterns
                    .iter()
                    .filter(|(matcher, _, _)| matcher.matches(key))
                    .all(|(_, _, schema)| is_valid(schema, v))
            }),
            _ => true,
        },
        Keyword::Properties(properties) => match value {
            Value::Object(map) => properties
                .iter()
                .all(|(name, schema)| map.get(*name).is_none_or(|v| is_valid(schema, v))),
            _ => true,
        },
        Keyword::PropertyNames(schema) => match value {
            Value::Object(map) => map.keys().all(|key| names_hold(schema, key)),
            _ => true,
        },
        Keyword::Required(names) => match value {
            Value::Object(map) => names.iter().all(|name| map.contains_key(*name)),
            _ => true,
        },
        Keyword::Type(types) => types.iter().any(|t| t.matches(value)),
        Keyword::UniqueItems => match value {
            Value::Array(items) => literal::all_different(items),
            _ => true,
        },
        Keyword::False => false,
    }
}

/// Whether an object's key is one that `additionalProperties` constrains.
fn is_additional(key: &str, named: &[&str], patterns: &[Matcher]) -> bool {
    !named.contains(&key) && !patterns.iter().any(|matcher| matcher.matches(key))
}

/// Whether a key satisfies a `propertyNames` schema (the key as a JSON string).
fn names_hold(schema: Schema, key: &str) -> bool {
    is_valid(schema, &Value::String(key.to_owned()))
}

/// Why a value fails, in the vocabulary of [`crate::ErrorKind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Wrong JSON type.
    Type,
    /// A pattern that is not an alternation of literals.
    Pattern,
    /// A pattern that is an alternation of literals, an `enum` or a `const`.
    Enum,
    /// A format.
    Format,
    /// A missing key of a nested object (`required`, `dependencies`).
    Required,
    /// A number out of its bounds, or not a multiple of `multipleOf`.
    Range,
    /// A string, list or object too short or too long.
    Size,
    /// Anything else a schema excludes: `not`, `oneOf`, `contains`, `uniqueItems`,
    /// `propertyNames`, a key `additionalProperties` refuses, the schema `false`.
    Excluded,
}

/// What a failing value was expected to be: the keyword that does not hold, or the key a
/// `required` keyword names and the object lacks. Its [`Display`](fmt::Display) says it in
/// words ("a string or an integer", "one of csv, jsonl", "any of: ..."); nothing is rendered
/// until then.
#[derive(Debug, Clone, Copy)]
pub enum Expected {
    /// A keyword about the value itself that does not hold.
    Keyword(&'static Keyword),
    /// A key that a `required` keyword (or a dependency) names.
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
            Expected::Keyword(keyword) => write_keyword(f, keyword),
        }
    }
}

/// A keyword as what a value failing it should have been, after "is not" or "expected".
fn write_keyword(f: &mut fmt::Formatter<'_>, keyword: &Keyword) -> fmt::Result {
    match keyword {
        Keyword::Type(types) => write_types(f, types),
        Keyword::Pattern { matcher, source } => match matcher {
            Matcher::Regular(Regular::Literals(literals)) => {
                f.write_str("one of ")?;
                write_joined(f, literals.iter(), ", ", |f, literal| f.write_str(literal))
            }
            _ => write!(f, "a string matching {source}"),
        },
        Keyword::Format(format) => write!(f, "a valid {}", format.name()),
        Keyword::AnyOf(branches) => {
            f.write_str("any of: ")?;
            write_branches(f, branches)
        }
        Keyword::OneOf(branches) => {
            f.write_str("exactly one of: ")?;
            write_branches(f, branches)
        }
        Keyword::Not(schema) => {
            f.write_str("anything but: ")?;
            write_branch(f, schema)
        }
        Keyword::Enum(literals) => {
            f.write_str("one of ")?;
            write_joined(f, literals.iter(), ", ", |f, literal| {
                write!(f, "{literal}")
            })
        }
        Keyword::Const(literal) => write!(f, "exactly {literal}"),
        Keyword::Maximum(limit) => write!(f, "at most {limit}"),
        Keyword::ExclusiveMaximum(limit) => write!(f, "less than {limit}"),
        Keyword::Minimum(limit) => write!(f, "at least {limit}"),
        Keyword::ExclusiveMinimum(limit) => write!(f, "greater than {limit}"),
        Keyword::MultipleOf(divisor) => write!(f, "a multiple of {divisor}"),
        Keyword::MaxLength(limit) => write!(f, "at most {limit} characters long"),
        Keyword::MinLength(limit) => write!(f, "at least {limit} characters long"),
        Keyword::MaxItems(limit) => write!(f, "a list of at most {limit} items"),
        Keyword::MinItems(limit) => write!(f, "a list of at least {limit} items"),
        Keyword::MaxProperties(limit) => write!(f, "an object of at most {limit} keys"),
        Keyword::MinProperties(limit) => write!(f, "an object of at least {limit} keys"),
        Keyword::UniqueItems => f.write_str("a list without repeated items"),
        Keyword::Contains(schema) => {
            f.write_str("a list with an item that is ")?;
            write_branch(f, schema)
        }
        Keyword::PropertyNames(schema) => {
            f.write_str("an object whose keys are each ")?;
            write_branch(f, schema)
        }
        Keyword::False => f.write_str("allowed here (no value is)"),
        // Said of a key's value when the schema of the other keys is `false`.
        Keyword::AdditionalProperties { .. } => f.write_str("under a key this object takes"),
        // `explain_keyword` reports these keywords through the values they constrain, never
        // as the expectation itself.
        Keyword::Ref(_)
        | Keyword::AllOf(_)
        | Keyword::Dependencies(_)
        | Keyword::If { .. }
        | Keyword::Items(_)
        | Keyword::Tuple { .. }
        | Keyword::PatternProperties(_)
        | Keyword::Properties(_)
        | Keyword::Required(_) => f.write_str("a nested schema"),
    }
}

/// The branches of `anyOf` or `oneOf`, `; ` between them.
fn write_branches(f: &mut fmt::Formatter<'_>, branches: &[Schema]) -> fmt::Result {
    write_joined(f, branches.iter(), "; ", |f, branch| {
        write_branch(f, branch)
    })
}

/// One schema in short: its keywords about the value itself, space-separated, the type first
/// ("a string matching ^\\d+", whatever order the schema's keywords come in).
fn write_branch(f: &mut fmt::Formatter<'_>, branch: &[Keyword]) -> fmt::Result {
    if branch.is_empty() {
        return f.write_str("anything");
    }
    let is_type = |k: &&Keyword| matches!(k, Keyword::Type(_));
    let ordered = branch
        .iter()
        .filter(is_type)
        .chain(branch.iter().filter(|k| !is_type(k)));
    write_joined(f, ordered, " ", |f, keyword| match keyword {
        Keyword::Type(types) => write_types(f, types),
        Keyword::Pattern { source, .. } => write!(f, "matching {source}"),
        Keyword::Format(format) => write!(f, "in format {}", format.name()),
        Keyword::Ref(Reference(schema)) => write_branch(f, schema),
        Keyword::Enum(_)
        | Keyword::Const(_)
        | Keyword::Maximum(_)
        | Keyword::ExclusiveMaximum(_)
        | Keyword::Minimum(_)
        | Keyword::ExclusiveMinimum(_)
        | Keyword::MultipleOf(_)
        | Keyword::MaxLength(_)
        | Keyword::MinLength(_)
        | Keyword::False => write_keyword(f, keyword),
        _ => f.write_str("a nested schema"),
    })
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
        let keyword = match self.expected {
            Expected::Key(name) => return write!(f, "needs `{name}`"),
            Expected::Keyword(keyword) => keyword,
        };
        match keyword {
            Keyword::Type(types) => {
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
                                matcher: Matcher::Regular(Regular::Literals(_)),
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
            Keyword::Pattern { matcher, source } => match matcher {
                Matcher::Regular(Regular::Literals(literals)) => {
                    f.write_str("must be one of ")?;
                    write_joined_or(f, literals.iter().copied())
                }
                _ => {
                    f.write_str("must be ")?;
                    write_pattern_noun(f, matcher, source)
                }
            },
            Keyword::Format(format) => write!(f, "is not {}", format.user_name()),
            Keyword::AnyOf(branches) => {
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
            Keyword::OneOf(branches) => {
                let nouns: Vec<String> = branches.iter().map(|b| branch_noun(b)).collect();
                f.write_str("must be exactly one of ")?;
                write_joined_or(f, nouns.iter().map(String::as_str))
            }
            Keyword::Enum(literals) => {
                let texts: Vec<String> = literals.iter().map(ToString::to_string).collect();
                f.write_str("must be one of ")?;
                write_joined_or(f, texts.iter().map(String::as_str))
            }
            Keyword::Not(_) => f.write_str("is a value that is not allowed"),
            Keyword::UniqueItems => f.write_str("must not list an item twice"),
            Keyword::Contains(schema) => {
                write!(
                    f,
                    "must list at least one item that is {}",
                    branch_noun(schema)
                )
            }
            Keyword::PropertyNames(schema) => {
                write!(f, "has a key that is not {}", branch_noun(schema))
            }
            Keyword::False => f.write_str("is not allowed"),
            Keyword::AdditionalProperties { .. } => f.write_str("is not a key this object takes"),
            other => {
                f.write_str("must be ")?;
                write_keyword(f, other)
            }
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
                        matcher: Matcher::Regular(Regular::Literals(literals)),
                        ..
                    } => {
                        f.write_str("one of ")?;
                        return write_joined_or(f, literals.iter().copied());
                    }
                    Keyword::Pattern { matcher, source } => {
                        return write_pattern_noun(f, matcher, source);
                    }
                    Keyword::Format(format) => return f.write_str(format.user_name()),
                    Keyword::Enum(_) | Keyword::Const(_) => return write_keyword(f, keyword),
                    Keyword::Ref(Reference(schema)) => return write!(f, "{}", Noun(schema)),
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
    if let Matcher::Regular(Regular::Shape(shape)) = matcher
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
    schema: Schema,
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
/// fails: the keyword itself when it is about the value ([`flat_failure`]), else the failures
/// of the values it applies its schemas to.
pub(crate) fn explain_keyword<'v>(
    keyword: &'static Keyword,
    value: &'v Value,
    pointer: &str,
    each: &mut impl FnMut(Explained<'v>),
) {
    if let Some(failure) = flat_failure(keyword, value) {
        each(Explained {
            pointer: pointer.to_owned(),
            failure,
            expected: Expected::Keyword(keyword),
            value,
        });
        return;
    }
    match (keyword, value) {
        (Keyword::Ref(Reference(schema)), _) => explain_into(schema, value, pointer, each),
        (Keyword::AllOf(branches), _) => {
            for branch in branches.iter() {
                explain_into(branch, value, pointer, each);
            }
        }
        (
            Keyword::If {
                condition,
                then,
                otherwise,
            },
            _,
        ) => {
            let branch = if is_valid(condition, value) {
                then
            } else {
                otherwise
            };
            if let Some(branch) = branch {
                explain_into(branch, value, pointer, each);
            }
        }
        (
            Keyword::AdditionalProperties {
                named,
                patterns,
                schema,
            },
            Value::Object(map),
        ) => {
            for (key, v) in map {
                if !is_additional(key, named, patterns) || is_valid(schema, v) {
                    continue;
                }
                if schema.iter().any(|k| matches!(k, Keyword::False)) {
                    each(Explained {
                        pointer: below(pointer, key),
                        failure: Failure::Excluded,
                        expected: Expected::Keyword(keyword),
                        value: v,
                    });
                } else {
                    explain_into(schema, v, &below(pointer, key), each);
                }
            }
        }
        (Keyword::Dependencies(entries), Value::Object(map)) => {
            for (key, dependency) in entries.iter() {
                if !map.contains_key(*key) {
                    continue;
                }
                match dependency {
                    Dependency::Required(names) => missing(names, value, map, pointer, each),
                    Dependency::Schema(schema) => explain_into(schema, value, pointer, each),
                }
            }
        }
        (Keyword::Items(schema), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                if !is_valid(schema, item) {
                    explain_into(schema, item, &format!("{pointer}/{i}"), each);
                }
            }
        }
        (Keyword::Tuple { items, additional }, Value::Array(values)) => {
            for (i, item) in values.iter().enumerate() {
                if let Some(schema) = items.get(i).or(additional.as_ref())
                    && !is_valid(schema, item)
                {
                    explain_into(schema, item, &format!("{pointer}/{i}"), each);
                }
            }
        }
        (Keyword::PatternProperties(patterns), Value::Object(map)) => {
            for (key, v) in map {
                for (matcher, _, schema) in patterns.iter() {
                    if matcher.matches(key) && !is_valid(schema, v) {
                        explain_into(schema, v, &below(pointer, key), each);
                    }
                }
            }
        }
        (Keyword::Properties(properties), Value::Object(map)) => {
            for (name, schema) in properties.iter() {
                if let Some(v) = map.get(*name)
                    && !is_valid(schema, v)
                {
                    explain_into(schema, v, &below(pointer, name), each);
                }
            }
        }
        (Keyword::Required(names), Value::Object(map)) => {
            missing(names, value, map, pointer, each);
        }
        _ => {}
    }
}

/// A failure per key of `names` that `map` (the object `value`) lacks.
fn missing<'v>(
    names: &'static [&'static str],
    value: &'v Value,
    map: &serde_json::Map<String, Value>,
    pointer: &str,
    each: &mut impl FnMut(Explained<'v>),
) {
    for name in names.iter().filter(|n| !map.contains_key(**n)) {
        each(Explained {
            pointer: below(pointer, name),
            failure: Failure::Required,
            expected: Expected::Key(name),
            value,
        });
    }
}

/// The one failure of `value` against `keyword`, which it fails, when the keyword is about the
/// value itself; `None` for one that applies schemas to the value or the values nested in it
/// (`properties`, `items`, `allOf`, `$ref`, ...), which [`explain_keyword`] walks.
///
/// Callers with a value at the top of a property use it directly, so that the failure is built
/// where it is stored.
#[inline]
pub(crate) fn flat_failure(keyword: &Keyword, value: &Value) -> Option<Failure> {
    Some(match keyword {
        Keyword::Type(_) => Failure::Type,
        Keyword::Pattern { matcher, .. } => match matcher {
            Matcher::Regular(Regular::Literals(_)) => Failure::Enum,
            _ => Failure::Pattern,
        },
        Keyword::Format(_) => Failure::Format,
        Keyword::AnyOf(branches) => any_of_failure(branches, value),
        Keyword::Enum(_) | Keyword::Const(_) => Failure::Enum,
        Keyword::Maximum(_)
        | Keyword::ExclusiveMaximum(_)
        | Keyword::Minimum(_)
        | Keyword::ExclusiveMinimum(_)
        | Keyword::MultipleOf(_) => Failure::Range,
        Keyword::MaxLength(_)
        | Keyword::MinLength(_)
        | Keyword::MaxItems(_)
        | Keyword::MinItems(_)
        | Keyword::MaxProperties(_)
        | Keyword::MinProperties(_) => Failure::Size,
        Keyword::OneOf(_)
        | Keyword::Not(_)
        | Keyword::UniqueItems
        | Keyword::Contains(_)
        | Keyword::PropertyNames(_)
        | Keyword::False => Failure::Excluded,
        Keyword::Ref(_)
        | Keyword::AdditionalProperties { .. }
        | Keyword::AllOf(_)
        | Keyword::Dependencies(_)
        | Keyword::If { .. }
        | Keyword::Items(_)
        | Keyword::Tuple { .. }
        | Keyword::PatternProperties(_)
        | Keyword::Properties(_)
        | Keyword::Required(_) => return None,
    })
}

/// `pointer` + `/` + the escaped `key`, in one allocation.
fn below(pointer: &str, key: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + 1 + key.len());
    out.push_str(pointer);
    out.push('/');
    // Writing to a String cannot fail.
    let _ = write_pointer_escaped(&mut out, key);
    out
}

/// The kind of a failed `anyOf`: a type error when no branch accepts the value's JSON type,
/// else a format error when a branch with a format accepts the type, else a pattern error.
fn any_of_failure(branches: &[Schema], value: &Value) -> Failure {
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
