//! Turns the captured connection-property reference (scraped HTML text) into the structured
//! model: the table of every connection type, and each documented connector's properties and
//! examples. Driven by `cargo xtask import-reference`.
//!
//! The text's structure, as captured:
//! - the table, after `Connection property name | Connection type | Connection property type |`
//!   and a `---|---|---|` rule: one `Name | Source | api.type |` row per line;
//! - after `All connection property objects`, one block per connector, opened by
//!   `The {name} {source|destination} connection property object`, whose prose says
//!   `correspond to {kind} type: {api_type}`;
//! - optional `{name} {kind} form properties` / `{name} {kind} OAuth properties` sections;
//! - properties as a name line, a `{TYPE[/TYPE]} {STATUS} |` line and a description that ends
//!   with `|`; lines of bare `|` are table debris;
//! - `Example {name} {kind} connection property object with {form|OAuth} properties` captions,
//!   each followed by the example text up to the next structural line.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::error::SpecError;
use crate::model::reference::{
    ConnectionTypeRow, DocType, Example, Kind, RefStep, ReferenceConnector, ReferenceProperty,
    Shape, ShapeField, Status, to_json_text,
};

const TABLE_HEADER: &str =
    "Connection property name | Connection type | Connection property type |";
const TABLE_RULE: &str = "---|---|---|";
const CONNECTORS_START: &str = "All connection property objects";

/// The whole reference, structured.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedReference {
    /// Every connection type of the table, in table order.
    pub connection_types: Vec<ConnectionTypeRow>,
    /// Every documented connector, in documented order.
    pub connectors: Vec<ReferenceConnector>,
}

/// Where the structured files live, relative to `spec/reference/`.
pub const CONNECTION_TYPES_FILE: &str = "connection-types.json";
/// The folder of per-connector files, relative to `spec/reference/`.
pub const CONNECTORS_DIR: &str = "connectors";

impl ImportedReference {
    /// The files to check in, relative to `spec/reference/`, with their exact contents.
    pub fn files(&self) -> Vec<(PathBuf, String)> {
        let mut files = vec![(
            PathBuf::from(CONNECTION_TYPES_FILE),
            to_json_text(&self.connection_types),
        )];
        for connector in &self.connectors {
            files.push((connector_file(&connector.api_type), to_json_text(connector)));
        }
        files
    }
}

/// The structured file of one connector, relative to `spec/reference/`.
pub fn connector_file(api_type: &str) -> PathBuf {
    Path::new(CONNECTORS_DIR).join(format!("{api_type}.json"))
}

/// Imports the captured reference text. `file` is used in errors, which name the line.
pub fn import_reference(file: &Path, text: &str) -> Result<ImportedReference, SpecError> {
    let lines: Vec<&str> = text.lines().collect();
    let (connection_types, start) = parse_table(file, &lines)?;
    let connectors = Parser {
        file,
        lines: &lines,
        table: &connection_types,
    }
    .connectors(start)?;
    Ok(ImportedReference {
        connection_types,
        connectors,
    })
}

fn find_line(lines: &[&str], wanted: &str) -> Option<usize> {
    lines.iter().position(|l| l.trim_end() == wanted)
}

/// The table's rows, and the index of the `All connection property objects` line after it.
fn parse_table(file: &Path, lines: &[&str]) -> Result<(Vec<ConnectionTypeRow>, usize), SpecError> {
    let header = find_line(lines, TABLE_HEADER)
        .ok_or_else(|| SpecError::file(file, format!("no table header \"{TABLE_HEADER}\"")))?;
    if lines.get(header + 1).map(|l| l.trim_end()) != Some(TABLE_RULE) {
        return Err(SpecError::at_line(
            file,
            header + 2,
            format!("expected the table rule \"{TABLE_RULE}\" after the table header"),
        ));
    }
    let mut rows: Vec<ConnectionTypeRow> = Vec::new();
    let mut end = None;
    for (index, line) in lines.iter().enumerate().skip(header + 2) {
        let line = line.trim_end();
        if line == CONNECTORS_START {
            end = Some(index);
            break;
        }
        let cells: Vec<&str> = line
            .strip_suffix(" |")
            .map(|row| row.split(" | ").collect())
            .unwrap_or_default();
        let [display_name, kind, api_type] = cells.as_slice() else {
            return Err(SpecError::at_line(
                file,
                index + 1,
                format!(
                    "expected a table row \"Name | Source or Destination | api_type |\", found \"{line}\""
                ),
            ));
        };
        let kind = match *kind {
            "Source" => Kind::Source,
            "Destination" => Kind::Destination,
            other => {
                return Err(SpecError::at_line(
                    file,
                    index + 1,
                    format!("connection type must be Source or Destination, found \"{other}\""),
                ));
            }
        };
        if api_type.is_empty() || api_type.contains(char::is_whitespace) {
            return Err(SpecError::at_line(
                file,
                index + 1,
                format!("\"{api_type}\" is not an API type"),
            ));
        }
        if rows.iter().any(|r| r.api_type == *api_type) {
            return Err(SpecError::at_line(
                file,
                index + 1,
                format!("API type \"{api_type}\" is listed twice in the table"),
            ));
        }
        rows.push(ConnectionTypeRow {
            display_name: (*display_name).to_owned(),
            kind,
            api_type: (*api_type).to_owned(),
        });
    }
    if rows.is_empty() {
        return Err(SpecError::at_line(
            file,
            header + 1,
            "the connection type table is empty",
        ));
    }
    let end = end.ok_or_else(|| {
        SpecError::file(
            file,
            format!("no line \"{CONNECTORS_START}\" after the connection type table"),
        )
    })?;
    Ok((rows, end + 1))
}

/// What one line of a connector block is.
enum Line<'a> {
    /// `The {name} {kind} connection property object`.
    Header { name: &'a str, kind: Kind },
    /// `{name} {kind} form properties` or `... OAuth properties`.
    Section(RefStep),
    /// `Example ... with {form|OAuth} properties`.
    ExampleCaption(RefStep),
    /// A property's name line (the next line is its type line).
    PropertyName,
    /// Only `|` characters: table debris.
    Debris,
    /// Anything else: prose.
    Prose,
}

struct Parser<'a> {
    file: &'a Path,
    lines: &'a [&'a str],
    table: &'a [ConnectionTypeRow],
}

impl<'a> Parser<'a> {
    fn error(&self, index: usize, problem: impl Into<String>) -> SpecError {
        SpecError::at_line(self.file, index + 1, problem)
    }

    fn line(&self, index: usize) -> &'a str {
        self.lines.get(index).map_or("", |l| l.trim_end())
    }

    fn classify(&self, index: usize) -> Line<'a> {
        let line = self.line(index);
        if let Some(rest) = line
            .strip_prefix("The ")
            .and_then(|l| l.strip_suffix(" connection property object"))
        {
            if let Some(name) = rest.strip_suffix(" source") {
                return Line::Header {
                    name,
                    kind: Kind::Source,
                };
            }
            if let Some(name) = rest.strip_suffix(" destination") {
                return Line::Header {
                    name,
                    kind: Kind::Destination,
                };
            }
        }
        if line.starts_with("Example ") {
            if line.ends_with(" connection property object with form properties") {
                return Line::ExampleCaption(RefStep::Form);
            }
            if line.ends_with(" connection property object with OAuth properties") {
                return Line::ExampleCaption(RefStep::Oauth);
            }
        }
        for kind in ["source", "destination"] {
            if line.ends_with(&format!(" {kind} form properties")) {
                return Line::Section(RefStep::Form);
            }
            if line.ends_with(&format!(" {kind} OAuth properties")) {
                return Line::Section(RefStep::Oauth);
            }
        }
        if !line.is_empty() && line.chars().all(|c| c == '|') {
            return Line::Debris;
        }
        if looks_like_type_line(self.line(index + 1)) && !line.is_empty() && !line.contains(' ') {
            return Line::PropertyName;
        }
        Line::Prose
    }

    fn is_structural(&self, index: usize) -> bool {
        !matches!(self.classify(index), Line::Prose | Line::Debris)
    }

    fn connectors(&self, start: usize) -> Result<Vec<ReferenceConnector>, SpecError> {
        let mut connectors: Vec<ReferenceConnector> = Vec::new();
        let mut index = start;
        while index < self.lines.len() {
            match self.classify(index) {
                Line::Header { name, kind } => {
                    let (connector, next) = self.connector(index, name, kind)?;
                    if connectors.iter().any(|c| c.api_type == connector.api_type) {
                        return Err(self.error(
                            index,
                            format!("connector \"{}\" is documented twice", connector.api_type),
                        ));
                    }
                    connectors.push(connector);
                    index = next;
                }
                Line::Prose | Line::Debris if self.line(index).is_empty() => index += 1,
                _ => {
                    return Err(self.error(
                        index,
                        format!(
                            "expected a connector heading \"The ... connection property object\", found \"{}\"",
                            self.line(index)
                        ),
                    ));
                }
            }
        }
        if connectors.is_empty() {
            return Err(self.error(start, "no connector is documented"));
        }
        Ok(connectors)
    }

    /// Parses the block opened by the header at `header`; returns the connector and the index
    /// of the next connector's header (or the end).
    fn connector(
        &self,
        header: usize,
        display_name: &str,
        kind: Kind,
    ) -> Result<(ReferenceConnector, usize), SpecError> {
        let mut intro: Vec<&str> = Vec::new();
        let mut in_intro = true;
        let mut step = RefStep::Form;
        let mut properties: Vec<(usize, ReferenceProperty)> = Vec::new();
        let mut examples: Vec<(usize, Example)> = Vec::new();
        let mut index = header + 1;
        while index < self.lines.len() {
            match self.classify(index) {
                Line::Header { .. } => break,
                Line::Section(section_step) => {
                    in_intro = false;
                    step = section_step;
                    index += 1;
                }
                Line::PropertyName => {
                    in_intro = false;
                    let (property, next) = self.property(index, step)?;
                    if properties
                        .iter()
                        .any(|(_, p)| p.name == property.name && p.step == property.step)
                    {
                        return Err(self.error(
                            index,
                            format!(
                                "property \"{}\" is documented twice in one step",
                                property.name
                            ),
                        ));
                    }
                    properties.push((index, property));
                    index = next;
                }
                Line::ExampleCaption(example_step) => {
                    in_intro = false;
                    let (example, next) = self.example(index, example_step);
                    examples.push((index, example));
                    index = next;
                }
                Line::Debris => index += 1,
                Line::Prose => {
                    if in_intro {
                        intro.push(self.line(index));
                    }
                    index += 1;
                }
            }
        }
        let intro = intro.join("\n");
        let api_type = self.api_type(header, display_name, kind, &intro)?;
        let examples: Vec<Example> = examples.into_iter().map(|(_, e)| e).collect();
        let properties = properties
            .into_iter()
            .map(|(line, mut property)| {
                property.shape = self.shape(line, &property, &examples)?;
                Ok(property)
            })
            .collect::<Result<Vec<_>, SpecError>>()?;
        Ok((
            ReferenceConnector {
                display_name: display_name.to_owned(),
                kind,
                api_type,
                intro,
                properties,
                examples,
                // The scraped reference lost the pages' deprecation notes.
                deprecation: None,
            },
            index,
        ))
    }

    /// The API type the prose names; it must agree with the table.
    fn api_type(
        &self,
        header: usize,
        display_name: &str,
        kind: Kind,
        intro: &str,
    ) -> Result<String, SpecError> {
        let marker = format!("correspond to {} type: ", kind.as_str());
        let named = intro.find(&marker).map(|at| {
            intro[at + marker.len()..]
                .split(char::is_whitespace)
                .next()
                .unwrap_or("")
                .trim_end_matches('.')
        });
        let row = self
            .table
            .iter()
            .find(|r| r.display_name == display_name && r.kind == kind);
        match (named, row) {
            (Some(named), Some(row)) if named == row.api_type => Ok(row.api_type.clone()),
            (Some(named), Some(row)) => Err(self.error(
                header,
                format!(
                    "{display_name}: the prose names type \"{named}\" but the table says \"{}\"",
                    row.api_type
                ),
            )),
            (Some(named), None) if !named.is_empty() => Err(self.error(
                header,
                format!(
                    "{display_name} ({}) is not in the connection type table",
                    kind.as_str()
                ),
            )),
            _ => Err(self.error(
                header,
                format!("{display_name}: no \"{marker}...\" sentence names the API type"),
            )),
        }
    }

    fn property(
        &self,
        index: usize,
        step: RefStep,
    ) -> Result<(ReferenceProperty, usize), SpecError> {
        let name = self.line(index);
        if !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(self.error(
                index,
                format!("property name \"{name}\" has characters other than a-z, 0-9 and _"),
            ));
        }
        let type_line = self.line(index + 1);
        let (types, status) = type_line
            .strip_suffix(" |")
            .and_then(|l| l.split_once(' '))
            .unwrap_or(("", ""));
        let documented_type = types
            .split('/')
            .map(|word| {
                DocType::parse(word).ok_or_else(|| {
                    self.error(
                        index + 1,
                        format!(
                            "property \"{name}\": unknown documented type \"{word}\" (expected STRING, INTEGER, OBJECT or ARRAY)"
                        ),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let status = Status::parse(status).ok_or_else(|| {
            self.error(
                index + 1,
                format!(
                    "property \"{name}\": unknown status \"{status}\" (expected REQUIRED, OPTIONAL, INTERNAL or READ-ONLY)"
                ),
            )
        })?;
        let mut description: Vec<&str> = Vec::new();
        let mut at = index + 2;
        loop {
            if at >= self.lines.len() || self.is_structural(at) {
                return Err(self.error(
                    index,
                    format!("property \"{name}\": the description never ends with \"|\""),
                ));
            }
            let line = self.line(at);
            if let Some(last) = line.strip_suffix('|') {
                description.push(last.trim_end());
                break;
            }
            description.push(line);
            at += 1;
        }
        let description = description
            .into_iter()
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        Ok((
            ReferenceProperty {
                name: name.to_owned(),
                documented_type,
                status,
                step,
                description,
                shape: None,
            },
            at + 1,
        ))
    }

    fn example(&self, caption: usize, step: RefStep) -> (Example, usize) {
        let mut end = caption + 1;
        while end < self.lines.len() && !self.is_structural(end) {
            end += 1;
        }
        let raw_lines: Vec<&str> = self.lines[caption + 1..end]
            .iter()
            .map(|l| l.trim_end())
            .collect();
        let raw = raw_lines.join("\n").trim().to_owned();
        let (value, parse_error) = match serde_json::from_str::<Value>(&raw) {
            Ok(value) => (Some(value), None),
            Err(e) => (
                None,
                Some(format!(
                    "not valid JSON as captured (line {} of the example, column {}): {}",
                    e.line(),
                    e.column(),
                    e.to_string()
                        .rsplit_once(" at line ")
                        .map_or(e.to_string(), |(m, _)| m.to_owned())
                )),
            ),
        };
        (
            Example {
                title: self.line(caption).to_owned(),
                step,
                raw,
                value,
                parse_error,
            },
            end,
        )
    }

    /// Recovers the shape of an `OBJECT`/`ARRAY` property from the examples of its step.
    fn shape(
        &self,
        line: usize,
        property: &ReferenceProperty,
        examples: &[Example],
    ) -> Result<Option<Shape>, SpecError> {
        let nested = property
            .documented_type
            .iter()
            .any(|t| matches!(t, DocType::Object | DocType::Array));
        if !nested {
            return Ok(None);
        }
        let values: Vec<&Value> = examples
            .iter()
            .filter(|e| e.step == property.step)
            .filter_map(|e| e.value.as_ref()?.get(&property.name))
            .collect();
        infer_shape(&values).map_err(|problem| {
            self.error(
                line,
                format!(
                    "property \"{}\": the examples disagree on its shape: {problem}",
                    property.name
                ),
            )
        })
    }
}

/// A line shaped like a property's type line: `Word[/Word] Word[ Word] |`, the first word made
/// of letters. Such a line is always parsed strictly as a type line, so that a misspelt type or
/// status is an error rather than a property silently read as prose.
fn looks_like_type_line(line: &str) -> bool {
    let Some(body) = line.strip_suffix(" |") else {
        return false;
    };
    let words: Vec<&str> = body.split(' ').collect();
    (2..=3).contains(&words.len())
        && words.iter().all(|w| !w.is_empty())
        && words[0]
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '/')
        && words[0]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase())
}

/// The shape common to `values`; `None` when there is no value to learn from.
fn infer_shape(values: &[&Value]) -> Result<Option<Shape>, String> {
    let mut merged: Option<Shape> = None;
    for value in values {
        let shape = shape_of(value)?;
        merged = Some(match merged {
            None => shape,
            Some(seen) => merge(seen, shape)?,
        });
    }
    Ok(merged)
}

pub(crate) fn shape_of(value: &Value) -> Result<Shape, String> {
    Ok(match value {
        Value::Null => Shape::Null,
        Value::Bool(_) => Shape::Boolean,
        Value::Number(n) if n.is_i64() || n.is_u64() => Shape::Integer,
        Value::Number(_) => Shape::Number,
        Value::String(_) => Shape::String,
        Value::Array(items) => Shape::Array {
            items: infer_shape(&items.iter().collect::<Vec<_>>())?.map(Box::new),
        },
        Value::Object(map) => Shape::Object {
            fields: map
                .iter()
                .map(|(name, value)| {
                    Ok(ShapeField {
                        name: name.clone(),
                        in_every_example: true,
                        shape: shape_of(value)?,
                        description: None,
                    })
                })
                .collect::<Result<Vec<_>, String>>()?,
        },
    })
}

fn merge(a: Shape, b: Shape) -> Result<Shape, String> {
    match (a, b) {
        (Shape::Object { fields: left }, Shape::Object { fields: right }) => {
            let mut fields: Vec<ShapeField> = Vec::new();
            for mut field in left {
                match right.iter().find(|r| r.name == field.name) {
                    Some(other) => {
                        field.shape = merge(field.shape, other.shape.clone())
                            .map_err(|e| format!("field \"{}\": {e}", field.name))?;
                        field.in_every_example &= other.in_every_example;
                    }
                    None => field.in_every_example = false,
                }
                fields.push(field);
            }
            for field in right {
                if !fields.iter().any(|f| f.name == field.name) {
                    fields.push(ShapeField {
                        in_every_example: false,
                        ..field
                    });
                }
            }
            Ok(Shape::Object { fields })
        }
        (Shape::Array { items: left }, Shape::Array { items: right }) => Ok(Shape::Array {
            items: match (left, right) {
                (Some(l), Some(r)) => Some(Box::new(merge(*l, *r)?)),
                (l, r) => l.or(r),
            },
        }),
        (left, right) if left == right => Ok(left),
        (left, right) => Err(format!(
            "{} in one example, {} in another",
            left.words(),
            right.words()
        )),
    }
}
