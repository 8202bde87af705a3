//! [`validate_properties`]: any JSON `properties` object checked exactly as its report card
//! says, with every problem listed.
//!
//! The error path builds no text: each [`ValidationError`] keeps what its message is made of
//! (the static rule and keyword, the failure, the offending value unless it is a credential) and
//! renders the message on demand, straight into a formatter.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt::{self, Write as _};
use std::sync::OnceLock;

use serde_json::Value;

use super::keywords::{self, Expected, Explained, Failure};
use super::registry::{Checks, ConnectionType, PropertyRule, Rules, VALID, refused_at};
use super::switch_word::word;
use super::unknown::UnknownConnectionType;
use stitch_connect_runtime::json::{pointer_escaped_bytes, type_name, write_pointer_escaped};

/// What is wrong, machine-readable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A required form property is absent.
    MissingRequired,
    /// A property the connection type does not have.
    UnknownProperty,
    /// A value of the wrong JSON type.
    WrongType,
    /// A string that does not match the property's pattern.
    Pattern,
    /// A string that is not in the property's format (ipv4, hostname, date-time, uri...).
    Format,
    /// A value that is not one of the property's literal values (`enum`, `const`, a pattern
    /// of literals).
    Enum,
    /// A number below or above its bounds, or not a multiple of its `multipleOf`.
    Range,
    /// A string, list or object with too few or too many characters, items or keys.
    Size,
    /// A value the schema excludes in another way: `not`, `oneOf`, `contains`,
    /// `uniqueItems`, `propertyNames`, a key `additionalProperties` refuses.
    Excluded,
    /// A read-only property (set by Stitch) in a request.
    ReadOnly,
    /// A property whose value cannot change once set (`user_provided_immutable`) in an
    /// update.
    Immutable,
    /// A source without a replication schedule.
    MissingSchedule,
    /// `properties` is not a JSON object.
    NotAnObject,
    /// The connection type is not known.
    UnknownConnectionType,
    /// The connection type has documented rules, but this build of the crate is without the
    /// connector feature that compiles them
    /// ([`ConnectionType::disabled_feature`](crate::ConnectionType::disabled_feature)).
    FeatureDisabled,
}

/// One problem: where (a JSON pointer into `properties`), which property, what kind, and a
/// message for people. Credential values never appear in messages.
///
/// The message is rendered when asked for ([`Display`](fmt::Display) writes it straight into
/// the formatter; [`message`](Self::message) renders it once and keeps it), so collecting
/// errors costs no formatting.
// `Clone` copies the caches too: a filled one holds what the parts render. `PartialEq` and
// `Debug` are written by hand.
#[derive(Clone)]
pub struct ValidationError {
    /// What the message is made of: static parts, and the offending value when it is small.
    /// `Copy`, so that it has nothing to drop.
    detail: Detail,
    /// Everything the error owns, in one box that most errors never make: the owned parts of
    /// the rarer problems (made with the error) and the rendered texts (made on the first call
    /// of [`pointer`](Self::pointer) or [`message`](Self::message)). An error of a known
    /// property's own value, the usual one, is 80 bytes with one thing to drop.
    extra: OnceLock<Box<Extra>>,
}

/// What a [`ValidationError`] owns.
#[derive(Clone, Default)]
struct Extra {
    /// The name of a property that no rule has.
    unknown_property: Option<Box<str>>,
    /// The pointer below the property's own: empty, or e.g. `/ssh_host` for a nested value.
    ///
    /// The whole pointer is `/` + the escaped property + `below`, or `below` without a
    /// property. It is not stored whole: the catalog has no static `"/name"` to borrow, so
    /// storing it would cost an allocation for every error. Sorting (`cmp_pointer`), equality
    /// and [`ValidationErrors`]' `Display` work on the parts; only
    /// [`pointer`](ValidationError::pointer), which must return one `&str`, builds it, once.
    below: Box<str>,
    /// A shown value that is not kept inline: an array, an object, a long string.
    shown: Option<Value>,
    /// The connection type string that no type has, with its suggestions.
    unknown_type: Option<UnknownConnectionType>,
    /// The whole pointer, once asked for.
    pointer: OnceLock<String>,
    /// The message, once asked for.
    message: OnceLock<String>,
}

/// What a message is made of, by kind of problem; the owned parts are in [`Extra`].
#[derive(Clone, Copy)]
enum Detail {
    /// The connection type is unknown (the string and the suggestions are in `extra`).
    UnknownConnectionType,
    /// `properties` is not an object: its JSON type.
    NotAnObject(&'static str),
    /// The type's rules are left out of this build: the connector feature that compiles them.
    FeatureDisabled(&'static str),
    /// A property (named in `extra`) that is not one of the connection type's; the suggestion
    /// is looked for in `rules` when rendering.
    UnknownProperty {
        api_type: &'static str,
        rules: &'static [PropertyRule],
    },
    /// The property is read-only.
    ReadOnly(&'static str),
    /// The property cannot change once set, and an update names it.
    Immutable(&'static str),
    /// The property is required and absent.
    MissingRequired(&'static str),
    /// A source without a schedule.
    MissingSchedule,
    /// A value (the property's, or one nested in it, at `extra`'s `below`) that its rule's
    /// schema refuses.
    Invalid {
        rule: &'static PropertyRule,
        failure: Failure,
        expected: Expected,
        found: Found,
    },
}

/// The offending value, as far as a message shows it.
#[derive(Clone, Copy, PartialEq)]
enum Found {
    /// A value that is shown (cut to 60 characters), kept in `extra`: an array, an object or a
    /// long string.
    Shown,
    /// A short string that is shown, kept without an allocation.
    ShownText(ShortText),
    /// A null, boolean or number that is shown, kept without an allocation.
    ShownScalar(Scalar),
    /// A value that is not shown, a credential's: only its JSON type (`a string`).
    Hidden(&'static str),
    /// No value is shown (a missing key).
    Nothing,
}

/// A JSON value that is neither a string, an array nor an object, kept as plain data.
#[derive(Clone, Copy, PartialEq)]
enum Scalar {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
}

impl Scalar {
    /// `value` if it is one, and the number, if it is one, gives back the same value: with
    /// serde_json's `arbitrary_precision`, a number keeps its text (`1e3`), which no plain
    /// number gives back; such a number is kept whole instead.
    ///
    /// Inlined: returned through memory, its few bytes would be read back whole right after
    /// being written piecewise (a store-forwarding stall on the error path).
    #[inline(always)]
    fn new(value: &Value) -> Option<Scalar> {
        match value {
            Value::Null => Some(Scalar::Null),
            Value::Bool(b) => Some(Scalar::Bool(*b)),
            Value::Number(n) => {
                let scalar = match (n.as_u64(), n.as_i64()) {
                    (Some(u), _) => Scalar::Unsigned(u),
                    (None, Some(i)) => Scalar::Signed(i),
                    (None, None) => Scalar::Float(n.as_f64()?),
                };
                (scalar.value() == *value).then_some(scalar)
            }
            _ => None,
        }
    }

    /// The value it was taken from.
    fn value(self) -> Value {
        match self {
            Scalar::Null => Value::Null,
            Scalar::Bool(b) => Value::Bool(b),
            Scalar::Unsigned(u) => Value::from(u),
            Scalar::Signed(i) => Value::from(i),
            Scalar::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        }
    }
}

/// A string of at most [`ShortText::CAPACITY`] bytes, inline: three little-endian words, the
/// bytes first, zero after them, and the length in the last byte.
///
/// It is built from loads of the text into registers, never by copying bytes into a buffer:
/// a buffer written piecewise and then moved as whole words stalls on store forwarding
/// (BENCHMARKS.md, validation step 9).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ShortText([u64; 3]);

impl ShortText {
    /// Bytes of text, the last byte of the three words holding the length.
    const CAPACITY: usize = 23;

    /// `text` inline, if it fits.
    fn new(text: &str) -> Option<ShortText> {
        let bytes = text.as_bytes();
        let len = u8::try_from(bytes.len())
            .ok()
            .filter(|len| usize::from(*len) <= ShortText::CAPACITY)?;
        Some(ShortText([
            word(bytes, 0),
            word(bytes, 8),
            word(bytes, 16) | (u64::from(len) << 56),
        ]))
    }

    /// The value it was taken from.
    fn value(&self) -> Value {
        let mut bytes = [0; 24];
        for (chunk, word) in bytes.chunks_exact_mut(8).zip(self.0) {
            chunk.copy_from_slice(&word.to_le_bytes());
        }
        let len = usize::from(bytes[23]);
        let text = std::str::from_utf8(&bytes[..len]).unwrap_or_default();
        Value::String(text.to_owned())
    }
}

impl ValidationError {
    /// The JSON pointer of the offending value within `properties` (`""` for the object
    /// itself, `/port`, `/ssh_config/ssh_host`); for a missing property, where it should be.
    pub fn pointer(&self) -> &str {
        match self.property() {
            None => self.below(),
            Some(property) => self.extra_made().pointer.get_or_init(|| {
                let below = self.below();
                let mut text = String::with_capacity(1 + property.len() + below.len());
                // Writing to a String cannot fail.
                let _ = self.write_pointer(&mut text);
                text
            }),
        }
    }

    /// The top-level property concerned, if any.
    pub fn property(&self) -> Option<&str> {
        match &self.detail {
            Detail::Invalid { rule, .. } => Some(rule.name),
            Detail::ReadOnly(name) | Detail::Immutable(name) | Detail::MissingRequired(name) => {
                Some(name)
            }
            Detail::UnknownProperty { .. } => self.extra()?.unknown_property.as_deref(),
            Detail::UnknownConnectionType
            | Detail::NotAnObject(_)
            | Detail::FeatureDisabled(_)
            | Detail::MissingSchedule => None,
        }
    }

    /// The kind of problem.
    pub fn kind(&self) -> ErrorKind {
        match &self.detail {
            Detail::UnknownConnectionType => ErrorKind::UnknownConnectionType,
            Detail::NotAnObject(_) => ErrorKind::NotAnObject,
            Detail::FeatureDisabled(_) => ErrorKind::FeatureDisabled,
            Detail::UnknownProperty { .. } => ErrorKind::UnknownProperty,
            Detail::ReadOnly(_) => ErrorKind::ReadOnly,
            Detail::Immutable(_) => ErrorKind::Immutable,
            Detail::MissingRequired(_) => ErrorKind::MissingRequired,
            Detail::MissingSchedule => ErrorKind::MissingSchedule,
            Detail::Invalid { failure, .. } => match failure {
                Failure::Type => ErrorKind::WrongType,
                Failure::Pattern => ErrorKind::Pattern,
                Failure::Enum => ErrorKind::Enum,
                Failure::Format => ErrorKind::Format,
                Failure::Required => ErrorKind::MissingRequired,
                Failure::Range => ErrorKind::Range,
                Failure::Size => ErrorKind::Size,
                Failure::Excluded => ErrorKind::Excluded,
            },
        }
    }

    /// The message (the same text as [`Display`](fmt::Display)), rendered on the first call.
    pub fn message(&self) -> &str {
        self.extra_made().message.get_or_init(|| {
            let mut text = String::new();
            // Writing to a String cannot fail.
            let _ = self.render(&mut text);
            text
        })
    }

    /// The problem in words an end user of a form understands, without the property's name
    /// (show it next to the field [`property`](Self::property) names) and without the value:
    /// "is required", "must be one of 1, 30, 60, 360, 720 or 1440, as a string", "is not a
    /// valid IPv4 address, IPv6 address or host name". A problem below the property (a nested
    /// key, a list item) starts with where it is. [`Display`](fmt::Display) keeps the full
    /// form, for logs.
    ///
    /// ```
    /// use serde_json::json;
    /// use stitch_connect_schema::validate_properties;
    ///
    /// let errors = validate_properties(
    ///     "postgres",
    ///     &json!({"host": "db..example..com", "port": 5432, "sslrootcert": 1}),
    /// )
    /// .unwrap_err();
    /// let shown: Vec<(Option<&str>, String)> =
    ///     errors.iter().map(|e| (e.property(), e.user_message())).collect();
    /// assert_eq!(shown[0], (Some("host"), "is not a valid IPv4 address, IPv6 address or host name".to_owned()));
    /// assert_eq!(shown[1], (Some("port"), "must be a string of digits".to_owned()));
    /// ```
    pub fn user_message(&self) -> String {
        use super::keywords::UserExpected;
        let below = self.below();
        let at = if below.is_empty() {
            String::new()
        } else {
            format!("{}: ", below.trim_start_matches('/'))
        };
        match &self.detail {
            Detail::UnknownConnectionType | Detail::NotAnObject(_) | Detail::FeatureDisabled(_) => {
                self.message().to_owned()
            }
            Detail::UnknownProperty { api_type, rules } => {
                let name = self.property().unwrap_or_default();
                match closest(rules, name) {
                    Some(close) => {
                        format!("is not a setting of {api_type}; did you mean `{close}`?")
                    }
                    None => format!("is not a setting of {api_type}"),
                }
            }
            Detail::ReadOnly(_) => "is set by Stitch and cannot be sent".to_owned(),
            Detail::Immutable(_) => {
                "cannot change once set, so an update cannot send it".to_owned()
            }
            Detail::MissingRequired(_) => "is required".to_owned(),
            Detail::MissingSchedule => {
                "a replication schedule is required: a frequency or a cron expression".to_owned()
            }
            Detail::Invalid { rule, expected, .. } => {
                // The schema of the failing value: the property's own, or, below it, the
                // keyword's (nested schemas are explained keyword by keyword).
                let schema = if below.is_empty() { rule.schema } else { &[] };
                format!(
                    "{at}{}",
                    UserExpected {
                        expected: *expected,
                        schema,
                    }
                )
            }
        }
    }

    /// An error that owns nothing.
    #[inline(always)]
    fn new(detail: Detail) -> Self {
        ValidationError {
            detail,
            extra: OnceLock::new(),
        }
    }

    /// An error with owned parts.
    fn with(detail: Detail, extra: Extra) -> Self {
        ValidationError {
            detail,
            extra: OnceLock::from(Box::new(extra)),
        }
    }

    /// What the error owns, if it has made the box.
    fn extra(&self) -> Option<&Extra> {
        self.extra.get().map(|extra| &**extra)
    }

    /// What the error owns, the box made (empty) if it was not.
    fn extra_made(&self) -> &Extra {
        self.extra.get_or_init(Box::default)
    }

    /// The pointer below the property's own (empty for the property's own value).
    fn below(&self) -> &str {
        self.extra().map_or("", |extra| &extra.below)
    }

    /// Writes the pointer from its parts.
    fn write_pointer(&self, out: &mut impl fmt::Write) -> fmt::Result {
        if let Some(text) = self.extra().and_then(|extra| extra.pointer.get()) {
            return out.write_str(text);
        }
        if let Some(property) = self.property() {
            out.write_char('/')?;
            write_pointer_escaped(out, property)?;
        }
        out.write_str(self.below())
    }

    /// The pointer's bytes, from its parts.
    fn pointer_bytes(&self) -> impl Iterator<Item = u8> + '_ {
        let top = self
            .property()
            .map(|property| std::iter::once(b'/').chain(pointer_escaped_bytes(property)));
        top.into_iter().flatten().chain(self.below().bytes())
    }

    /// Orders by pointer, as the strings compare, without building them.
    #[inline]
    fn cmp_pointer(&self, other: &ValidationError) -> Ordering {
        // The usual pair, two problems of top-level values: the pointers are `/` and the
        // escaped names, and escaping keeps the names' byte order unless they first differ at a
        // `/` (written `~1`). `~` becomes `~0`, still `~` where they differ.
        if let (Some(a), Some(b)) = (self.property(), other.property())
            && self.below().is_empty()
            && other.below().is_empty()
        {
            let (a, b) = (a.as_bytes(), b.as_bytes());
            match a.iter().zip(b).find(|(x, y)| x != y) {
                Some((x, y)) if *x != b'/' && *y != b'/' => return x.cmp(y),
                None => return a.len().cmp(&b.len()),
                Some(_) => {}
            }
        }
        self.cmp_pointer_parts(other)
    }

    /// [`cmp_pointer`](Self::cmp_pointer) for any pair.
    #[inline(never)]
    fn cmp_pointer_parts(&self, other: &ValidationError) -> Ordering {
        let (below, other_below) = (self.below(), other.below());
        if let (Some(a), Some(b)) = (self.property(), other.property()) {
            // Equal names escape equally, so the pointers first differ where the names do, or
            // where one name ends; unless an escaped byte is there, that byte decides.
            let (a, b) = (a.as_bytes(), b.as_bytes());
            let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
            let plain = |byte: &&u8| **byte != b'~' && **byte != b'/';
            match (a.get(same).filter(plain), b.get(same).filter(plain)) {
                _ if a.len() == same && b.len() == same => return below.cmp(other_below),
                (Some(x), Some(y)) => return x.cmp(y),
                // `a` ends: its `below` (empty or `/...`) meets `b`'s next byte, not a `/`.
                (None, Some(&y)) if a.len() == same => return after_prefix(below, y),
                (Some(&x), None) if b.len() == same => {
                    return after_prefix(other_below, x).reverse();
                }
                _ => {}
            }
        }
        self.pointer_bytes().cmp(other.pointer_bytes())
    }

    /// Whether both are made of the same parts, so that they render the same message (the
    /// catalog is static: the same rule and keyword are the same addresses). `false` does not
    /// mean the messages differ.
    fn same_parts(&self, other: &ValidationError) -> bool {
        fn owned(error: &ValidationError) -> (Option<&Value>, Option<&UnknownConnectionType>) {
            let extra = error.extra();
            (
                extra.and_then(|extra| extra.shown.as_ref()),
                extra.and_then(|extra| extra.unknown_type.as_ref()),
            )
        }
        let parts = match (&self.detail, &other.detail) {
            (Detail::UnknownConnectionType, Detail::UnknownConnectionType)
            | (Detail::ReadOnly(_), Detail::ReadOnly(_))
            | (Detail::Immutable(_), Detail::Immutable(_))
            | (Detail::MissingRequired(_), Detail::MissingRequired(_))
            | (Detail::MissingSchedule, Detail::MissingSchedule) => true,
            (Detail::NotAnObject(a), Detail::NotAnObject(b))
            | (Detail::FeatureDisabled(a), Detail::FeatureDisabled(b)) => a == b,
            (
                Detail::UnknownProperty { api_type, rules },
                Detail::UnknownProperty {
                    api_type: other_type,
                    rules: other_rules,
                },
            ) => api_type == other_type && std::ptr::eq(*rules, *other_rules),
            (
                Detail::Invalid {
                    rule,
                    failure,
                    expected,
                    found,
                },
                Detail::Invalid {
                    rule: other_rule,
                    failure: other_failure,
                    expected: other_expected,
                    found: other_found,
                },
            ) => {
                std::ptr::eq(*rule, *other_rule)
                    && failure == other_failure
                    && expected.is_same(*other_expected)
                    && found == other_found
            }
            _ => false,
        };
        // The names (in `PartialEq`) and the owned parts that messages show.
        parts && owned(self) == owned(other)
    }

    /// Writes the message.
    fn render(&self, out: &mut impl fmt::Write) -> fmt::Result {
        let name = self.property().unwrap_or_default();
        match &self.detail {
            // `unknown_type` makes this error with its parts; without them (not reached), the
            // message still says what kind of problem it is.
            Detail::UnknownConnectionType => {
                let unknown = self.extra().and_then(|extra| extra.unknown_type.as_ref());
                match unknown {
                    Some(unknown) => write!(out, "{unknown}"),
                    None => out.write_str("unknown connection type"),
                }
            }
            Detail::NotAnObject(found) => {
                write!(out, "properties must be a JSON object, found {found}")
            }
            Detail::FeatureDisabled(feature) => write!(
                out,
                "the rules of this connection type are not compiled in: enable the feature \
                 `{feature}` of stitch-connect-schema"
            ),
            Detail::UnknownProperty { api_type, rules } => {
                write!(out, "`{name}` is not a property of {api_type}")?;
                match closest(rules, name) {
                    Some(close) => write!(out, "; did you mean `{close}`?"),
                    None => Ok(()),
                }
            }
            Detail::ReadOnly(_) => write!(
                out,
                "`{name}` is read-only: Stitch sets it; leave it out of requests"
            ),
            Detail::Immutable(_) => write!(
                out,
                "`{name}` cannot change once set (user_provided_immutable); leave it out of updates"
            ),
            Detail::MissingRequired(_) => write!(out, "missing required property `{name}`"),
            Detail::MissingSchedule => out.write_str(
                "missing replication schedule: give `frequency_in_minutes` (optionally with `anchor_time`) or `cron_expression`",
            ),
            Detail::Invalid {
                rule,
                failure,
                expected,
                found,
            } => {
                write!(out, "`{}`: ", rule.name)?;
                let value = match found {
                    // Only a missing key has nothing to show.
                    _ if *failure == Failure::Required => return write!(out, "missing {expected}"),
                    Found::Nothing => return write!(out, "missing {expected}"),
                    Found::Hidden(json_type) if *failure == Failure::Type => {
                        return write!(out, "expected {expected}, found {json_type}");
                    }
                    Found::Hidden(json_type) => {
                        return write!(
                            out,
                            "the value ({json_type}, not shown: a credential) is not {expected}"
                        );
                    }
                    // `invalid` keeps the value in `extra` whenever it says `Shown`.
                    Found::Shown => match self.extra().and_then(|e| e.shown.as_ref()) {
                        Some(value) => Cow::Borrowed(value),
                        None => Cow::Owned(Value::Null),
                    },
                    Found::ShownText(text) => Cow::Owned(text.value()),
                    Found::ShownScalar(scalar) => Cow::Owned(scalar.value()),
                };
                if *failure == Failure::Type {
                    write!(out, "expected {expected}, found {} ", type_name(&value))?;
                    write_shown(out, &value)?;
                    // A number or boolean where the same text as a string would do: say so.
                    let text = match &*value {
                        Value::Number(number) => Some(number.to_string()),
                        Value::Bool(flag) => Some(flag.to_string()),
                        _ => None,
                    };
                    match text {
                        Some(text)
                            if self.below().is_empty()
                                && (rule.holds)(&Value::String(text.clone())) =>
                        {
                            write!(out, ": write it as \"{text}\"")
                        }
                        _ => Ok(()),
                    }
                } else {
                    write_shown(out, &value)?;
                    write!(out, " is not {expected}")
                }
            }
        }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.extra().and_then(|extra| extra.message.get()) {
            Some(text) => f.write_str(text),
            None => self.render(f),
        }
    }
}

impl fmt::Debug for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ValidationError")
            .field("pointer", &self.pointer())
            .field("property", &self.property())
            .field("kind", &self.kind())
            .field("message", &self.message())
            .finish()
    }
}

/// Equal when the pointer, property, kind and message are equal, as before messages were lazy;
/// the caches are ignored. The message is compared only when the parts it is made of differ.
impl PartialEq for ValidationError {
    fn eq(&self, other: &Self) -> bool {
        // An escaped property is a whole first segment, so equal properties and equal `below`s
        // are equal pointers, and the converse.
        self.kind() == other.kind()
            && self.property() == other.property()
            && self.below() == other.below()
            && (self.same_parts(other) || self.message() == other.message())
    }
}

impl Eq for ValidationError {}

/// Every problem of one `properties` object, in a stable order: problems of the given values by
/// JSON pointer, then missing properties by name, then the schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors {
    /// The catalog's `api_type` when the type is known, owned only for an unknown one.
    connection_type: Cow<'static, str>,
    errors: Vec<ValidationError>,
}

impl ValidationErrors {
    /// The connection type the properties were checked for.
    pub fn connection_type(&self) -> &str {
        &self.connection_type
    }

    /// The problems.
    pub fn errors(&self) -> &[ValidationError] {
        &self.errors
    }

    /// How many problems.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// Always `false`: an error holds at least one problem.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The problems.
    pub fn iter(&self) -> std::slice::Iter<'_, ValidationError> {
        self.errors.iter()
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a ValidationError;
    type IntoIter = std::slice::Iter<'a, ValidationError>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.iter()
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.errors.len();
        write!(
            f,
            "{count} problem{} with the properties of {}:",
            if count == 1 { "" } else { "s" },
            self.connection_type
        )?;
        for error in &self.errors {
            f.write_str("\n  ")?;
            if error.property().is_none() && error.below().is_empty() {
                f.write_str("/")?;
            } else {
                error.write_pointer(f)?;
            }
            write!(f, ": {error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// Checks a `properties` object (the argument of Create or Update a Source or Destination) for
/// `connection_type`, exactly as the report card's JSON Schemas say, and reports every problem.
///
/// - Each value with a `json_schema` is accepted if and only if that schema (draft 7, `format`
///   asserted) accepts it. This follows the schema where the typed structs are stricter: the
///   start-date pattern accepts `2024-02-30T00:00:00Z` and `^\d+` accepts `"12abc"` here, while
///   [`common::StartDate`](crate::common) and `IntegerOrDigits` refuse them.
/// - Properties of connectors without a card are checked against the same constraints as the
///   typed structs (the reference's documented types, and `spec/curation.json`'s prose
///   constraints).
/// - Required form properties must be present; OAuth properties may be given alongside; read-only
///   properties and unknown names are reported; a source with schedule properties needs
///   `frequency_in_minutes` or `cron_expression`.
/// - Connection types without documented properties ([`ConnectionType::is_checked`] is
///   `false`) are only checked to be an object: their properties are unchecked.
/// - A documented type whose connector feature this build is without has no rules compiled
///   in: its properties are refused with one [`ErrorKind::FeatureDisabled`] error naming the
///   feature, rather than accepted unchecked (an unknown type is
///   [`ErrorKind::UnknownConnectionType`]).
/// - Credential values never appear in any message.
///
/// ```
/// use serde_json::json;
/// use stitch_connect_schema::{ErrorKind, validate_properties};
///
/// let errors = validate_properties(
///     "platform.recurly",
///     &json!({"frequency_in_minutes": "45", "start_date": "2024-01-01", "api_key": 987654}),
/// )
/// .unwrap_err();
/// let kinds: Vec<ErrorKind> = errors.iter().map(|e| e.kind()).collect();
/// assert_eq!(
///     kinds,
///     [
///         ErrorKind::WrongType,
///         ErrorKind::Enum,
///         ErrorKind::Pattern,
///         ErrorKind::MissingRequired,
///         ErrorKind::MissingRequired,
///     ]
/// );
/// // The credential is never shown.
/// assert!(!errors.to_string().contains("987654"));
/// println!("{errors}");
/// ```
///
/// # Errors
/// [`ValidationErrors`] listing every problem.
#[inline]
pub fn validate_properties(
    connection_type: &str,
    properties: &Value,
) -> Result<(), ValidationErrors> {
    match ConnectionType::find(connection_type) {
        Ok(connection) => validate_connection(connection, properties),
        Err(unknown) => Err(unknown_type(connection_type, unknown)),
    }
}

/// Checks the `properties` of an update (`PUT /v4/sources/{id}`, `PUT /v4/destinations/{id}`)
/// for `connection_type`: every property given is checked exactly as [`validate_properties`]
/// checks it, unknown and read-only properties are reported, so are those whose value cannot
/// change once set (`user_provided_immutable`, [`ErrorKind::Immutable`]), and nothing is
/// demanded. An
/// update names only what changes, so neither required properties nor the replication
/// schedule need to be there.
///
/// ```
/// use serde_json::json;
/// use stitch_connect_schema::{ErrorKind, validate_properties, validate_update_properties};
///
/// let new_password = json!({"password": "hunter2"});
/// // As a create, the body lacks the required properties...
/// assert!(validate_properties("postgres", &new_password).is_err());
/// // ...as an update it is complete.
/// assert_eq!(validate_update_properties("postgres", &new_password), Ok(()));
///
/// let errors = validate_update_properties("postgres", &json!({"port": 5432, "passwrod": "x"}))
///     .unwrap_err();
/// let kinds: Vec<ErrorKind> = errors.iter().map(|e| e.kind()).collect();
/// assert_eq!(kinds, [ErrorKind::UnknownProperty, ErrorKind::WrongType]);
/// ```
///
/// # Errors
/// [`ValidationErrors`] listing every problem.
#[inline]
pub fn validate_update_properties(
    connection_type: &str,
    properties: &Value,
) -> Result<(), ValidationErrors> {
    match ConnectionType::find(connection_type) {
        Ok(connection) => validate_update(connection, properties),
        Err(unknown) => Err(unknown_type(connection_type, unknown)),
    }
}

/// What a `properties` object is checked as.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Request {
    /// A create: required properties and the schedule must be there.
    Create,
    /// An update: only what is given is checked.
    Update,
}

/// [`validate_update_properties`] once the type is known
/// ([`ConnectionType::validate_update`]).
pub(crate) fn validate_update(
    connection: &'static ConnectionType,
    properties: &Value,
) -> Result<(), ValidationErrors> {
    validate_request(connection, properties, Request::Update)
}

/// [`validate_properties`] once the type is known ([`ConnectionType::validate`]).
#[inline]
pub(crate) fn validate_connection(
    connection: &'static ConnectionType,
    properties: &Value,
) -> Result<(), ValidationErrors> {
    validate_request(connection, properties, Request::Create)
}

/// The properties of `request` checked for `connection`. Inlined, as are the entry points, into
/// the caller's crate: the valid path is a few dozen instructions and a call through
/// `rules.valid` (a call across crates cost recurly 4%); every error is built out of line.
#[inline]
fn validate_request(
    connection: &'static ConnectionType,
    properties: &Value,
    request: Request,
) -> Result<(), ValidationErrors> {
    let Value::Object(map) = properties else {
        return Err(not_an_object(connection, properties));
    };
    let rules = match &connection.checks {
        Checks::Rules(rules) => rules,
        Checks::Unchecked => return Ok(()),
        Checks::CompiledOut(feature) => return Err(feature_disabled(connection, feature)),
    };
    // The success path: the type's generated check, one pass, no allocation. A valid create
    // is a valid update too, unless it names a property whose value cannot change once set.
    let stopped = match (rules.valid)(map) {
        VALID if request == Request::Create || !names_immutable(rules, map) => return Ok(()),
        VALID => 0,
        stopped => stopped,
    };
    // An update without its required properties passes the error pass with no error.
    let errors = errors_of(connection, rules, map, request, stopped);
    if errors.is_empty() {
        return Ok(());
    }
    Err(ValidationErrors {
        connection_type: Cow::Borrowed(connection.api_type),
        errors,
    })
}

/// Whether `map` names a property whose value cannot change once set.
fn names_immutable(rules: &Rules, map: &serde_json::Map<String, Value>) -> bool {
    rules.immutable.iter().any(|&index| {
        rules
            .properties
            .get(usize::from(index))
            .is_some_and(|rule| map.contains_key(rule.name))
    })
}

/// The error of a connection type string that no type has.
#[cold]
#[inline(never)]
fn unknown_type(connection_type: &str, unknown: UnknownConnectionType) -> ValidationErrors {
    ValidationErrors {
        connection_type: Cow::Owned(connection_type.to_owned()),
        errors: vec![ValidationError::with(
            Detail::UnknownConnectionType,
            Extra {
                unknown_type: Some(unknown),
                ..Extra::default()
            },
        )],
    }
}

/// The error of a type whose rules this build left out.
#[cold]
#[inline(never)]
fn feature_disabled(connection: &ConnectionType, feature: &'static str) -> ValidationErrors {
    ValidationErrors {
        connection_type: Cow::Borrowed(connection.api_type),
        errors: vec![ValidationError::new(Detail::FeatureDisabled(feature))],
    }
}

/// The error of a `properties` that is not an object.
#[cold]
#[inline(never)]
fn not_an_object(connection: &ConnectionType, properties: &Value) -> ValidationErrors {
    ValidationErrors {
        connection_type: Cow::Borrowed(connection.api_type),
        errors: vec![ValidationError::new(Detail::NotAnObject(type_name(
            properties,
        )))],
    }
}

/// Every problem of an object that the generated check refused: the keyword evaluator explains
/// each refused value. The entries before the key at address `stopped` (every entry when it is
/// 0) passed the generated check already (known, settable, valid): their values are not checked
/// again (an update still refuses an immutable one). Out of line, so that the success path stays
/// small.
#[inline(never)]
fn errors_of(
    connection: &'static ConnectionType,
    rules: &'static Rules,
    map: &serde_json::Map<String, Value>,
    request: Request,
    stopped: usize,
) -> Vec<ValidationError> {
    // Room for the usual few problems in one allocation.
    let mut errors = Vec::with_capacity(4);
    // Which properties and schedule keys the object has, noted while walking it rather than
    // asked of the map afterwards (a hashed lookup per required property).
    let mut present = Present::new(rules.properties, map);
    let mut has_schedule = false;
    let mut checked = true;
    for (name, value) in map {
        checked &= refused_at(name) != stopped;
        let Some(position) = rules.position(name) else {
            push(&mut errors, || {
                ValidationError::with(
                    Detail::UnknownProperty {
                        api_type: connection.api_type,
                        rules: rules.properties,
                    },
                    Extra {
                        unknown_property: Some(name.as_str().into()),
                        ..Extra::default()
                    },
                )
            });
            continue;
        };
        let rule = &rules.properties[position];
        present.insert(position);
        has_schedule |= rule.schedules;
        if rule.read_only {
            push(&mut errors, || {
                ValidationError::new(Detail::ReadOnly(rule.name))
            });
            continue;
        }
        if rule.immutable && request == Request::Update {
            push(&mut errors, || {
                ValidationError::new(Detail::Immutable(rule.name))
            });
            continue;
        }
        if checked || (rule.holds)(value) {
            continue;
        }
        // Only the keywords that fail are explained.
        let mut failing = (rule.failing)(value);
        while let Some(keyword) = rule.schema.get(failing.trailing_zeros() as usize) {
            failing &= failing - 1;
            if let Some(failure) = keywords::flat_failure(keyword, value) {
                push(&mut errors, || {
                    invalid(
                        rule,
                        Explained {
                            pointer: String::new(),
                            failure,
                            expected: Expected::Keyword(keyword),
                            value,
                        },
                    )
                });
                continue;
            }
            keywords::explain_keyword(keyword, value, "", &mut |explained| {
                push(&mut errors, || invalid(rule, explained));
            });
        }
    }
    // Whatever the map's iteration order (serde_json's `preserve_order` or not), report by
    // pointer (a stable sort: one value's problems keep the schema's order). Objects read in
    // key order (serde_json's default map) are in order already.
    if !errors.is_sorted_by(|a, b| a.cmp_pointer(b) != Ordering::Greater) {
        errors.sort_by(ValidationError::cmp_pointer);
    }
    if request == Request::Update {
        return errors;
    }
    for &index in rules.required {
        let index = usize::from(index);
        if let Some(rule) = rules.properties.get(index)
            && !present.contains(index)
        {
            push(&mut errors, || {
                ValidationError::new(Detail::MissingRequired(rule.name))
            });
        }
    }
    if rules.schedule && !has_schedule {
        push(&mut errors, || {
            ValidationError::new(Detail::MissingSchedule)
        });
    }
    errors
}

/// Appends the error that `make` builds, built where it is stored.
///
/// `Vec::push` takes a value that exists before the room for it is made (`push` may grow the
/// list, a call), so the compiler builds each error on the stack and then copies it with
/// 16-byte loads, which cannot be forwarded from the smaller stores that built it (a stall;
/// BENCHMARKS.md, validation step 11). `extend` with one lazy item makes the room first,
/// then calls `make` and writes its fields straight into the list. (So do the constructors:
/// each builds its error in one expression; see `invalid`.)
#[inline(always)]
fn push(errors: &mut Vec<ValidationError>, make: impl FnOnce() -> ValidationError) {
    errors.extend(std::iter::once_with(make));
}

/// How a pointer that ends its property name, then has `below` (empty or `/...`), compares with
/// one whose (longer) name goes on with the byte `next`, not a `/`.
fn after_prefix(below: &str, next: u8) -> Ordering {
    match below.as_bytes().first() {
        None => Ordering::Less,
        Some(first) => first.cmp(&next),
    }
}

/// Which properties of a connection type an object has, by the index of their rule: a bit set
/// for up to 128 rules (today's largest type has 17), two words rather than a `u128`, whose
/// shifts take a branch; beyond, the object itself is asked.
struct Present<'m> {
    bits: [u64; 2],
    ask_map: bool,
    map: &'m serde_json::Map<String, Value>,
    rules: &'static [PropertyRule],
}

impl<'m> Present<'m> {
    fn new(rules: &'static [PropertyRule], map: &'m serde_json::Map<String, Value>) -> Self {
        Present {
            bits: [0; 2],
            ask_map: rules.len() > 128,
            map,
            rules,
        }
    }

    /// Notes the property of `rules[index]`.
    fn insert(&mut self, index: usize) {
        match self.bits.get_mut(index / 64) {
            Some(word) => *word |= 1 << (index % 64),
            None => self.ask_map = true,
        }
    }

    /// Whether the object has the property of `rules[index]`.
    fn contains(&self, index: usize) -> bool {
        match self.bits.get(index / 64) {
            Some(word) if !self.ask_map => word & (1 << (index % 64)) != 0,
            _ => self.map.contains_key(self.rules[index].name),
        }
    }
}

fn closest(rules: &[PropertyRule], name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase().replace('-', "_");
    rules
        .iter()
        .find(|rule| rule.name == lower)
        .map(|rule| rule.name)
        .or_else(|| {
            super::unknown::suggestions(&lower, rules.iter().map(|rule| rule.name))
                .first()
                .copied()
        })
}

/// The error of a value that `rule`'s schema refuses: the value is kept only if the message
/// shows it (never a credential's), and the box only made for a nested value or a large shown
/// one.
#[inline(always)]
fn invalid(rule: &'static PropertyRule, explained: Explained<'_>) -> ValidationError {
    let mut shown = None;
    let found = if explained.failure == Failure::Required {
        Found::Nothing
    } else if rule.redact {
        Found::Hidden(type_name(explained.value))
    } else {
        match explained.value {
            Value::String(text) => ShortText::new(text).map(Found::ShownText),
            other => Scalar::new(other).map(Found::ShownScalar),
        }
        .unwrap_or_else(|| {
            shown = Some(explained.value.clone());
            Found::Shown
        })
    };
    let detail = Detail::Invalid {
        rule,
        failure: explained.failure,
        expected: explained.expected,
        found,
    };
    // One construction for both cases, so that the error is written straight into the list
    // (two would meet in a copy on the stack).
    let extra = if shown.is_none() && explained.pointer.is_empty() {
        OnceLock::new()
    } else {
        OnceLock::from(Box::new(Extra {
            below: explained.pointer.into_boxed_str(),
            shown,
            ..Extra::default()
        }))
    };
    ValidationError { detail, extra }
}

/// Writes the value as JSON, cut to 60 characters (57 and `...` when longer), without building
/// the whole text.
fn write_shown(out: &mut impl fmt::Write, value: &Value) -> fmt::Result {
    let mut cut = Cut {
        out,
        chars: 0,
        held: [0; 12],
        held_len: 0,
        overflowed: false,
    };
    match write!(cut, "{value}") {
        Ok(()) => {
            // At most 60 characters: the held ones belong to the text.
            let held = &cut.held[..cut.held_len];
            cut.out
                .write_str(std::str::from_utf8(held).unwrap_or_default())
        }
        // The writer stopped the value at its 61st character and wrote `...`.
        Err(_) if cut.overflowed => Ok(()),
        Err(error) => Err(error),
    }
}

/// Passes the first 57 characters through, holds the next three, and at a 61st writes `...`
/// instead of the held ones and stops the writing with an error.
struct Cut<'w, W> {
    out: &'w mut W,
    chars: usize,
    /// Characters 58 to 60, up to 4 bytes each.
    held: [u8; 12],
    held_len: usize,
    overflowed: bool,
}

impl<W: fmt::Write> fmt::Write for Cut<'_, W> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let mut rest = text;
        // The characters up to the 57th pass through in one piece.
        if self.chars < 57 {
            let end = rest
                .char_indices()
                .nth(57 - self.chars)
                .map_or(rest.len(), |(at, _)| at);
            self.out.write_str(&rest[..end])?;
            self.chars += rest[..end].chars().count();
            rest = &rest[end..];
        }
        for c in rest.chars() {
            self.chars += 1;
            if self.chars > 60 {
                self.overflowed = true;
                self.out.write_str("...")?;
                return Err(fmt::Error);
            }
            c.encode_utf8(&mut self.held[self.held_len..]);
            self.held_len += c.len_utf8();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use serde_json::json;

    /// With every connector feature, every documented type's rules are compiled in.
    #[cfg(feature = "all-connectors")]
    #[test]
    fn every_connector_compiles_its_rules() {
        let all = super::ConnectionType::all();
        assert!(all.iter().all(|t| t.disabled_feature().is_none()));
        assert!(all.iter().any(|t| t.is_checked()));
    }

    /// A build without some connector features: each type whose rules it left out refuses
    /// every properties object with one error naming the feature to enable, told apart from an
    /// unknown type and from a type without documented properties; the types whose features
    /// are on are checked as usual. (`.ci/feature-sets` runs this with `validation,postgres`.)
    #[cfg(not(feature = "all-connectors"))]
    #[test]
    fn a_type_whose_rules_are_left_out_names_its_feature() {
        use super::{ConnectionType, ErrorKind, validate_properties};
        let all = ConnectionType::all();
        let mut left_out = 0;
        for connection in all {
            let Some(feature) = connection.disabled_feature() else {
                continue;
            };
            left_out += 1;
            assert!(!connection.is_checked());
            assert!(connection.properties().is_empty());
            let properties = json!({"any": "thing"});
            assert!(!connection.is_valid(&properties));
            let errors = validate_properties(connection.api_type(), &properties).unwrap_err();
            let kinds: Vec<ErrorKind> = errors.iter().map(|e| e.kind()).collect();
            assert_eq!(kinds, [ErrorKind::FeatureDisabled]);
            let error = errors.iter().next().unwrap();
            assert_eq!((error.property(), error.pointer()), (None, ""));
            assert!(error.message().contains(&format!("`{feature}`")), "{error}");
            assert_eq!(connection.validate_update(&properties), Err(errors));
            // Not an object is said first, whatever the build.
            let kinds: Vec<ErrorKind> = (connection.validate(&json!([])).unwrap_err())
                .iter()
                .map(|e| e.kind())
                .collect();
            assert_eq!(kinds, [ErrorKind::NotAnObject]);
        }
        assert!(left_out > 0);
        // Types without documented properties still take any object; types whose feature is
        // on are still checked.
        for connection in all.iter().filter(|t| t.disabled_feature().is_none()) {
            assert_eq!(
                connection.is_checked(),
                !connection.is_valid(&json!({"no such property": 1}))
            );
        }
        let unknown = validate_properties("no.such.type", &json!({})).unwrap_err();
        let kinds: Vec<ErrorKind> = unknown.iter().map(|e| e.kind()).collect();
        assert_eq!(kinds, [ErrorKind::UnknownConnectionType]);
    }

    /// A short shown string is kept whole, its length included, and gives back the same value;
    /// one byte longer is not kept inline.
    #[test]
    fn short_texts_keep_every_length() {
        // 26 bytes, a two-byte character among them.
        let text = "ab\u{e9}cdefghijklmnopqrstuvwx";
        let mut inline = 0;
        for end in (0..=text.len()).filter(|end| text.is_char_boundary(*end)) {
            let part = &text[..end];
            match ShortText::new(part) {
                Some(short) => {
                    inline += 1;
                    assert!(part.len() <= ShortText::CAPACITY, "{part:?}");
                    assert_eq!(short.value(), json!(part), "{part:?}");
                    // Equal texts are equal, different ones differ.
                    assert_eq!(Some(short), ShortText::new(part));
                    if let Some(shorter) = end.checked_sub(1).and_then(|short| part.get(..short)) {
                        assert_ne!(Some(short), ShortText::new(shorter), "{part:?}");
                    }
                }
                None => assert!(part.len() > ShortText::CAPACITY, "{part:?}"),
            }
        }
        // Every prefix of up to 23 bytes that ends on a character boundary (one does not).
        assert_eq!(inline, 23);
        assert!(ShortText::new(&"x".repeat(23)).is_some());
        assert!(ShortText::new(&"x".repeat(24)).is_none());
    }

    /// An error stays small to write and to drop: the list holds each one inline, and the
    /// usual one owns nothing.
    #[test]
    fn errors_stay_small() {
        assert!(std::mem::size_of::<ValidationError>() <= 80);
    }

    /// Problems of top-level values shown inline or not shown (a credential's), and of missing
    /// properties, make no box until a text is asked for; a large shown value and an unknown
    /// name do (a nested value too: `missing_nested_keys`).
    #[test]
    fn usual_errors_own_nothing() {
        static PLAIN: PropertyRule = PropertyRule {
            name: "plain",
            redact: false,
            credential: false,
            schema: &[Keyword::Type(&[JsonType::Boolean])],
            holds: |value| keywords::is_valid(PLAIN.schema, value),
            failing: |value| u64::from(!keywords::is_valid(PLAIN.schema, value)),
            ..NESTED
        };
        let refused = |rule: &'static PropertyRule, value: &Value| {
            let mut errors = Vec::new();
            keywords::explain_keyword(&rule.schema[0], value, "", &mut |explained| {
                errors.push(invalid(rule, explained));
            });
            errors.pop().unwrap()
        };
        let long = json!("x".repeat(24));
        let mut errors = vec![
            (refused(&PLAIN, &json!(5)), false),
            (refused(&PLAIN, &json!(null)), false),
            (refused(&PLAIN, &json!("short")), false),
            (refused(&PLAIN, &long), true),
            (refused(&PLAIN, &json!(["a"])), true),
            (refused(&PLAIN, &json!({})), true),
            (
                ValidationError::new(Detail::MissingRequired("plain")),
                false,
            ),
            (ValidationError::new(Detail::MissingSchedule), false),
        ];
        let secret = PropertyRule {
            redact: true,
            ..PLAIN
        };
        let secret: &'static PropertyRule = Box::leak(Box::new(secret));
        errors.push((refused(secret, &long), false));
        for (error, owns) in &errors {
            assert_eq!(error.extra.get().is_some(), *owns, "{error}");
            // Asking for a message makes the box, and the answers stay the same.
            let before = (error.pointer().to_owned(), error.to_string());
            assert_eq!(before.1, error.message());
            assert!(error.extra.get().is_some());
            assert_eq!(before, (error.pointer().to_owned(), error.to_string()));
        }
        assert_eq!(
            errors[3].0.to_string(),
            format!("`plain`: expected a boolean, found a string {long}")
        );
        assert!(!errors[8].0.to_string().contains("xxx"));
    }

    /// A null, boolean or number is kept inline only when it gives back the same value, and
    /// then it is shown as the value itself would be.
    #[test]
    fn scalars_give_back_their_value() {
        for value in [
            json!(null),
            json!(true),
            json!(false),
            json!(0),
            json!(-7),
            json!(u64::MAX),
            json!(i64::MIN),
            json!(1.5),
            json!(-0.1),
            json!(1e300),
            json!(5e-324),
        ] {
            let scalar = Scalar::new(&value).unwrap();
            assert_eq!(scalar.value(), value);
            assert_eq!(scalar.value().to_string(), value.to_string());
        }
        for value in [json!("1"), json!([1]), json!({"a": 1})] {
            assert!(Scalar::new(&value).is_none(), "{value}");
        }
    }

    use super::*;
    use crate::support::keywords::{JsonType, Keyword};

    /// The cut as it was written before it was streamed: the whole text, then cut.
    fn shown_reference(value: &Value) -> String {
        let text = value.to_string();
        if text.chars().count() <= 60 {
            text
        } else {
            let cut: String = text.chars().take(57).collect();
            format!("{cut}...")
        }
    }

    fn shown(value: &Value) -> String {
        let mut text = String::new();
        write_shown(&mut text, value).unwrap();
        text
    }

    #[test]
    fn values_are_cut_as_before() {
        for piece in ["a", "é", "日本", "😀", "\"", "\n", "\\", "ab~/"] {
            for count in 0..70 {
                let text = piece.repeat(count);
                for value in [
                    json!(text),
                    json!([text, 1]),
                    json!({ "k": text, "n": [null, true] }),
                    json!([[text], { "x": text }]),
                ] {
                    assert_eq!(shown(&value), shown_reference(&value), "{value}");
                }
            }
        }
        for value in [json!(null), json!(1.5), json!(-7), json!(false), json!({})] {
            assert_eq!(shown(&value), shown_reference(&value));
        }
    }

    #[test]
    fn pointers_sort_as_their_strings() {
        let names = [
            "", "a", "a/b", "a~", "a~b", "ab", "a0", "a1", "~", "/", "b", "a/", "a~0", "a-", "a.",
            "a ", "a_", "a-b", "a.b",
        ];
        let belows = ["", "/x", "/0", "/x/y", "/~0"];
        let mut errors = Vec::new();
        for name in names {
            for below in belows {
                errors.push(ValidationError::with(
                    Detail::UnknownProperty {
                        api_type: "test",
                        rules: &[],
                    },
                    Extra {
                        unknown_property: Some(name.into()),
                        below: below.into(),
                        ..Extra::default()
                    },
                ));
            }
            // A known property's own value: the name is static, nothing is owned.
            errors.push(ValidationError::new(Detail::ReadOnly(name)));
        }
        errors.push(ValidationError::new(Detail::MissingSchedule));
        for a in &errors {
            for b in &errors {
                assert_eq!(
                    a.cmp_pointer(b),
                    a.pointer().cmp(b.pointer()),
                    "{:?} {:?}",
                    a.pointer(),
                    b.pointer()
                );
            }
        }
    }

    /// Every rule's generated checks agree with the evaluator, keyword by keyword: `holds` says
    /// whether all keywords hold and `failing` names exactly those that do not.
    #[test]
    fn generated_checks_agree_with_the_evaluator_keyword_by_keyword() {
        let values = [
            json!(null),
            json!(true),
            json!(false),
            json!(0),
            json!(-3),
            json!(1.5),
            json!(5432),
            json!(""),
            json!("true"),
            json!("60"),
            json!("45"),
            json!("12abc"),
            json!("2024-01-01T00:00:00Z"),
            json!("2024-01-01T00:00:01Z"),
            json!("example.com"),
            json!("-bad-"),
            json!("10.0.0.1"),
            json!("::1"),
            json!("https://example.com/x"),
            json!("jsonl"),
            json!("csv"),
            json!([]),
            json!(["a", 1]),
            json!({}),
            json!({"a": 1}),
        ];
        let mut failures = 0;
        for connection in crate::catalog::CONNECTION_TYPES {
            for rule in connection.rules().iter().flat_map(|rules| rules.properties) {
                for value in &values {
                    let bits = rule
                        .schema
                        .iter()
                        .enumerate()
                        .filter(|(_, keyword)| !keywords::keyword_holds(keyword, value))
                        .fold(0u64, |bits, (k, _)| bits | 1 << k);
                    let context = (connection.api_type, rule.name, value);
                    assert_eq!((rule.failing)(value), bits, "{context:?}");
                    assert_eq!((rule.holds)(value), bits == 0, "{context:?}");
                    failures += usize::from(bits != 0);
                }
            }
        }
        // Refused values are common among these (8,355 of the pairs in today's catalog).
        assert!(failures > 0);
    }

    static NESTED: PropertyRule = PropertyRule {
        name: "nested",
        step: "form",
        required: false,
        read_only: false,
        immutable: false,
        credential: true,
        redact: true,
        schedules: false,
        schema: &[Keyword::Properties(&[(
            "inner",
            &[Keyword::Required(&["id", "a/b"])],
        )])],
        holds: |value| keywords::is_valid(NESTED.schema, value),
        failing: |value| u64::from(!keywords::is_valid(NESTED.schema, value)),
        schema_text: "{}",
    };

    #[test]
    fn missing_nested_keys() {
        let value = json!({"inner": {"other": 1}});
        let mut errors = Vec::new();
        keywords::explain_keyword(&NESTED.schema[0], &value, "", &mut |explained| {
            errors.push(invalid(&NESTED, explained));
        });
        // A nested value's pointer below the property is owned.
        let belows: Vec<&str> = errors.iter().map(ValidationError::below).collect();
        assert_eq!(belows, ["/inner/id", "/inner/a~1b"]);
        let found: Vec<(&str, ErrorKind, &str)> = errors
            .iter()
            .map(|e| (e.pointer(), e.kind(), e.message()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "/nested/inner/id",
                    ErrorKind::MissingRequired,
                    "`nested`: missing the key `id`"
                ),
                (
                    "/nested/inner/a~1b",
                    ErrorKind::MissingRequired,
                    "`nested`: missing the key `a/b`"
                ),
            ]
        );
        assert_ne!(errors[0], errors[1]);
        assert_eq!(errors[0], errors[0].clone());
    }
}
