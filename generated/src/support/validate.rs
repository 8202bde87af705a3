//! [`validate_properties`]: any JSON `properties` object checked exactly as its report card
//! says, with every problem listed.

use std::fmt;

use serde_json::Value;

use super::check::{self, Explained, Failure};
use super::registry::{ConnectionType, PropertyRule};

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
    /// A string that is not one of the property's literal values.
    Enum,
    /// A read-only property (set by Stitch) in a request.
    ReadOnly,
    /// A source without a replication schedule.
    MissingSchedule,
    /// `properties` is not a JSON object.
    NotAnObject,
    /// The connection type is not known.
    UnknownConnectionType,
}

/// One problem: where (a JSON pointer into `properties`), which property, what kind, and a
/// message for people. Credential values never appear in messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    pointer: String,
    property: Option<String>,
    kind: ErrorKind,
    message: String,
}

impl ValidationError {
    /// The JSON pointer of the offending value within `properties` (`""` for the object
    /// itself, `/port`, `/ssh_config/ssh_host`); for a missing property, where it should be.
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// The top-level property concerned, if any.
    pub fn property(&self) -> Option<&str> {
        self.property.as_deref()
    }

    /// The kind of problem.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Every problem of one `properties` object, in a stable order: problems of the given values by
/// JSON pointer, then missing properties by name, then the schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors {
    connection_type: String,
    errors: Vec<ValidationError>,
}

impl ValidationErrors {
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
            let at = if error.pointer.is_empty() {
                "/"
            } else {
                &error.pointer
            };
            write!(f, "\n  {at}: {}", error.message)?;
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
pub fn validate_properties(
    connection_type: &str,
    properties: &Value,
) -> Result<(), ValidationErrors> {
    let fail = |errors: Vec<ValidationError>| ValidationErrors {
        connection_type: connection_type.to_owned(),
        errors,
    };
    let connection = match ConnectionType::find(connection_type) {
        Ok(connection) => connection,
        Err(unknown) => {
            return Err(fail(vec![ValidationError {
                pointer: String::new(),
                property: None,
                kind: ErrorKind::UnknownConnectionType,
                message: unknown.to_string(),
            }]));
        }
    };
    let Value::Object(map) = properties else {
        return Err(fail(vec![ValidationError {
            pointer: String::new(),
            property: None,
            kind: ErrorKind::NotAnObject,
            message: format!(
                "properties must be a JSON object, found {}",
                json_type(properties)
            ),
        }]));
    };
    let Some(rules) = &connection.rules else {
        return Ok(());
    };
    // The success path: the type's generated check, one pass, no allocation.
    if (rules.valid)(map) {
        return Ok(());
    }
    let mut errors = Vec::new();
    for (name, value) in map {
        let pointer = format!("/{}", check::escape(name));
        let Some(rule) = rules.rule(name) else {
            errors.push(ValidationError {
                pointer,
                property: Some(name.clone()),
                kind: ErrorKind::UnknownProperty,
                message: format!(
                    "`{name}` is not a property of {}{}",
                    connection.api_type,
                    closest(rules.properties, name)
                        .map(|c| format!("; did you mean `{c}`?"))
                        .unwrap_or_default()
                ),
            });
            continue;
        };
        if rule.read_only {
            errors.push(ValidationError {
                pointer,
                property: Some(name.clone()),
                kind: ErrorKind::ReadOnly,
                message: format!("`{name}` is read-only: Stitch sets it; leave it out of requests"),
            });
            continue;
        }
        for explained in check::explain(rule.schema, value) {
            errors.push(describe(rule, &pointer, explained));
        }
    }
    // Whatever the map's iteration order (serde_json's `preserve_order` or not), report by
    // pointer.
    errors.sort_by(|a, b| a.pointer.cmp(&b.pointer));
    for rule in rules.properties {
        if rule.required && !map.contains_key(rule.name) {
            errors.push(ValidationError {
                pointer: format!("/{}", check::escape(rule.name)),
                property: Some(rule.name.to_owned()),
                kind: ErrorKind::MissingRequired,
                message: format!("missing required property `{}`", rule.name),
            });
        }
    }
    if rules.schedule && !has_schedule(map) {
        errors.push(ValidationError {
            pointer: String::new(),
            property: None,
            kind: ErrorKind::MissingSchedule,
            message: "missing replication schedule: give `frequency_in_minutes` (optionally with `anchor_time`) or `cron_expression`".to_owned(),
        });
    }
    Err(fail(errors))
}

fn has_schedule(map: &serde_json::Map<String, Value>) -> bool {
    map.contains_key("frequency_in_minutes") || map.contains_key("cron_expression")
}

fn closest(rules: &[PropertyRule], name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase().replace('-', "_");
    rules
        .iter()
        .find(|rule| rule.name == lower)
        .map(|rule| rule.name)
}

fn describe(rule: &PropertyRule, pointer: &str, explained: Explained) -> ValidationError {
    let kind = match explained.failure {
        Failure::Type => ErrorKind::WrongType,
        Failure::Pattern => ErrorKind::Pattern,
        Failure::Enum => ErrorKind::Enum,
        Failure::Format => ErrorKind::Format,
        Failure::Required => ErrorKind::MissingRequired,
    };
    let at = format!("{pointer}{}", explained.pointer);
    let shown = if rule.redact {
        format!(
            "the value ({}, not shown: a credential)",
            json_type(&explained.value)
        )
    } else {
        shown_value(&explained.value)
    };
    let message = match explained.failure {
        Failure::Type => format!(
            "`{}`: expected {}, found {}",
            rule.name,
            explained.expected,
            if rule.redact {
                json_type(&explained.value).to_owned()
            } else {
                format!("{} {shown}", json_type(&explained.value))
            }
        ),
        Failure::Required => format!("`{}`: missing {}", rule.name, explained.expected),
        _ => format!("`{}`: {shown} is not {}", rule.name, explained.expected),
    };
    ValidationError {
        pointer: at,
        property: Some(rule.name.to_owned()),
        kind,
        message,
    }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The value as JSON, cut to 60 characters.
fn shown_value(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 60 {
        text
    } else {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}...")
    }
}
