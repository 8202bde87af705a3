//! The YAML of the documentation source (`spec/docs/`): a page's front matter (between its
//! first two `---` lines) or a whole data file, read into a [`serde_json::Value`] so that the
//! importers read it with the same path-tracking reader ([`crate::json::At`]) as every other
//! spec file.
//!
//! YAML the reader refuses is a located error (file, line, problem), never a silent choice:
//! the upstream has aliases of anchors no file defines, and duplicate keys, which
//! [`page_front_matter`] and [`data_file`] refuse and [`page_front_matter_keeping_last`] reads
//! as Jekyll does (the later value stands), listing each so that the caller can hold it to a
//! recorded decision. The tree is built from `yaml-rust2`'s parser events (its own loader
//! stops at the first duplicate). Values with Liquid (`{{ ... }}`, `{% ... %}`) are plain
//! strings here; evaluating them is the importer's job.

use std::path::Path;

use std::collections::HashMap;

use serde_json::{Map, Number, Value};
use yaml_rust2::Yaml;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::error::SpecError;

/// A key a YAML mapping writes twice: the later value stands, as Jekyll's YAML reader
/// (Psych) keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// The key.
    pub key: String,
    /// The JSON path of the mapping that holds it.
    pub path: String,
    /// The 1-based line of the later value.
    pub line: usize,
}

/// A page's front matter, and the 1-based line where its body starts.
///
/// # Errors
/// A page without front matter, YAML the reader refuses (a duplicated key among them), or a
/// value JSON cannot hold.
pub fn page_front_matter(file: &Path, text: &str) -> Result<(Value, usize), SpecError> {
    let (value, body, duplicates) = page_front_matter_keeping_last(file, text)?;
    refuse_duplicates(file, &duplicates)?;
    Ok((value, body))
}

/// A page's front matter as Jekyll reads it, duplicated keys included (the later value
/// stands), with the duplicates, so that the caller can hold each to a recorded decision.
///
/// # Errors
/// A page without front matter, YAML the reader refuses, or a value JSON cannot hold.
pub fn page_front_matter_keeping_last(
    file: &Path,
    text: &str,
) -> Result<(Value, usize, Vec<DuplicateKey>), SpecError> {
    let missing = || SpecError::at_line(file, 1, "expected front matter between two `---` lines");
    // As Jekyll reads it: a first line `---`, up to the next line `---` or `...` (trailing
    // white space allowed on both).
    let mut lines = text.split_inclusive('\n');
    let opening = lines.next().ok_or_else(missing)?;
    if opening.trim_end() != "---" {
        return Err(missing());
    }
    let start = opening.len();
    let mut end = start;
    let mut closing_line = None;
    for (index, line) in lines.enumerate() {
        if matches!(line.trim_end(), "---" | "...") {
            // Line 1 is the opening; the first line after it is line 2.
            closing_line = Some(index + 2);
            break;
        }
        end += line.len();
    }
    let closing_line = closing_line.ok_or_else(missing)?;
    let (value, duplicates) = yaml_value(file, &text[start..end], 1)?;
    Ok((value, closing_line + 1, duplicates))
}

/// A whole YAML data file (`_data/**/*.yml`).
///
/// # Errors
/// YAML the reader refuses (a duplicated key among them), or a value JSON cannot hold.
pub fn data_file(file: &Path, text: &str) -> Result<Value, SpecError> {
    let (value, duplicates) = yaml_value(file, text, 0)?;
    refuse_duplicates(file, &duplicates)?;
    Ok(value)
}

fn refuse_duplicates(file: &Path, duplicates: &[DuplicateKey]) -> Result<(), SpecError> {
    match duplicates.first() {
        None => Ok(()),
        Some(duplicate) => Err(SpecError::at_line(
            file,
            duplicate.line,
            format!(
                "YAML the reader refuses: {:?}: duplicated key in mapping at {}",
                duplicate.key, duplicate.path
            ),
        )),
    }
}

/// `yaml` (one document, or none) as JSON, and its duplicated keys; `offset` lines precede it
/// in the file.
fn yaml_value(
    file: &Path,
    yaml: &str,
    offset: usize,
) -> Result<(Value, Vec<DuplicateKey>), SpecError> {
    let mut builder = Builder::default();
    Parser::new_from_str(yaml)
        .load(&mut builder, true)
        .map_err(|error| {
            SpecError::at_line(
                file,
                offset + error.marker().line(),
                format!("YAML the reader refuses: {}", error.info()),
            )
        })?;
    if let Some((line, why)) = builder.error {
        return Err(SpecError::at_line(
            file,
            offset + line,
            format!("YAML the reader refuses: {why}"),
        ));
    }
    let mut documents = builder.documents.into_iter();
    let value = documents.next().unwrap_or(Value::Null);
    if documents.next().is_some() {
        return Err(SpecError::file(
            file,
            "more than one YAML document where one is expected",
        ));
    }
    let duplicates = builder
        .duplicates
        .into_iter()
        .map(|mut duplicate| {
            duplicate.line += offset;
            duplicate
        })
        .collect();
    Ok((value, duplicates))
}

/// A node being built: a list, or a mapping with the key waiting for its value.
enum Open {
    List {
        items: Vec<Value>,
        anchor: usize,
    },
    Mapping {
        map: Map<String, Value>,
        /// The key waiting for its value, and the key's line.
        key: Option<(String, usize)>,
        anchor: usize,
        /// The mapping's JSON path.
        path: String,
    },
}

/// The most values a document may hold once its aliases are followed (an alias of an alias
/// list can otherwise grow a short file without end).
const MAX_NODES: usize = 1_000_000;

/// Builds JSON from the parser's events: scalars resolved as `yaml-rust2`'s own loader
/// resolves them (the YAML 1.2 core schema for plain scalars, the `!!bool`, `!!int`,
/// `!!float`, `!!null` and `!!str` tags), mapping keys kept as written, anchors and aliases
/// followed, a duplicated key recorded (at the line of its later occurrence) and its later
/// value kept.
#[derive(Default)]
struct Builder {
    documents: Vec<Value>,
    stack: Vec<Open>,
    anchors: HashMap<usize, Value>,
    duplicates: Vec<DuplicateKey>,
    /// Values inserted so far, aliases counted at their size.
    nodes: usize,
    /// The first problem (line, what): events after it are ignored.
    error: Option<(usize, String)>,
}

impl Builder {
    /// The JSON path of the node being built.
    fn path(&self) -> String {
        let mut path = "$".to_owned();
        for open in &self.stack {
            match open {
                Open::List { items, .. } => path.push_str(&format!("[{}]", items.len())),
                Open::Mapping {
                    key: Some((key, _)),
                    ..
                } => path.push_str(&format!(".{key}")),
                Open::Mapping { key: None, .. } => {}
            }
        }
        path
    }

    /// Whether the next scalar is a mapping's key.
    fn expects_key(&self) -> bool {
        matches!(self.stack.last(), Some(Open::Mapping { key: None, .. }))
    }

    fn insert(&mut self, value: Value, anchor: usize, line: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
        match self.stack.last_mut() {
            None => self.documents.push(value),
            Some(Open::List { items, .. }) => items.push(value),
            Some(Open::Mapping {
                key: key @ None, ..
            }) => {
                let text = match value {
                    Value::String(text) => text,
                    other => {
                        self.error.get_or_insert((
                            line,
                            format!("a mapping key that is not a scalar: {other}"),
                        ));
                        return;
                    }
                };
                *key = Some((text, line));
            }
            Some(Open::Mapping { map, key, path, .. }) => {
                let (key, key_line) = key.take().unwrap_or_default();
                if map.insert(key.clone(), value).is_some() {
                    self.duplicates.push(DuplicateKey {
                        key,
                        path: path.clone(),
                        line: key_line,
                    });
                }
            }
        }
    }

    /// Counts `added` values against [`MAX_NODES`]; false (with the error set) past it.
    fn count(&mut self, added: usize, line: usize) -> bool {
        self.nodes = self.nodes.saturating_add(added);
        if self.nodes > MAX_NODES {
            self.error.get_or_insert((
                line,
                format!("more than {MAX_NODES} values once its aliases are followed"),
            ));
            return false;
        }
        true
    }
}

/// The number of values in `value`, itself included.
fn size(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(size).sum(),
        Value::Object(map) => map.values().map(size).sum(),
        _ => 0,
    }
}

/// A plain scalar with a `tag:yaml.org,2002:` tag, as `yaml-rust2`'s loader resolves it.
fn tagged(suffix: &str, text: String) -> Yaml {
    match suffix {
        "bool" => match text.as_str() {
            "true" | "True" | "TRUE" => Yaml::Boolean(true),
            "false" | "False" | "FALSE" => Yaml::Boolean(false),
            _ => Yaml::BadValue,
        },
        "int" => text.parse::<i64>().map_or(Yaml::BadValue, Yaml::Integer),
        "float" => match Yaml::from_str(&text) {
            Yaml::Real(_) | Yaml::Integer(_) => Yaml::Real(text),
            _ => Yaml::BadValue,
        },
        "null" => match text.as_str() {
            "~" | "null" => Yaml::Null,
            _ => Yaml::BadValue,
        },
        _ => Yaml::String(text),
    }
}

/// A resolved YAML scalar as JSON.
fn scalar(yaml: Yaml) -> Result<Value, String> {
    Ok(match yaml {
        Yaml::Null => Value::Null,
        Yaml::Boolean(flag) => Value::Bool(flag),
        Yaml::Integer(n) => Value::Number(n.into()),
        Yaml::Real(text) => {
            let number = text
                .parse::<f64>()
                .ok()
                .and_then(Number::from_f64)
                .ok_or_else(|| format!("the number {text} has no JSON form"))?;
            Value::Number(number)
        }
        Yaml::String(text) => Value::String(text),
        other => {
            return Err(format!(
                "a scalar the YAML reader could not resolve: {other:?}"
            ));
        }
    })
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        let line = mark.line();
        match event {
            Event::SequenceStart(anchor, _) => self.stack.push(Open::List {
                items: Vec::new(),
                anchor,
            }),
            Event::MappingStart(anchor, _) => {
                let path = self.path();
                self.stack.push(Open::Mapping {
                    map: Map::new(),
                    key: None,
                    anchor,
                    path,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (value, anchor) = match self.stack.pop() {
                    Some(Open::List { items, anchor }) => (Value::Array(items), anchor),
                    Some(Open::Mapping { map, anchor, .. }) => (Value::Object(map), anchor),
                    None => return,
                };
                self.insert(value, anchor, line);
            }
            Event::Scalar(text, style, anchor, tag) => {
                if !self.count(1, line) {
                    return;
                }
                // A key is kept as written (`1e3:` stays "1e3").
                if self.expects_key() {
                    self.insert(Value::String(text), anchor, line);
                    return;
                }
                let yaml = match (&style, tag) {
                    (TScalarStyle::Plain, None) => Yaml::from_str(&text),
                    (TScalarStyle::Plain, Some(Tag { handle, suffix }))
                        if handle == "tag:yaml.org,2002:" =>
                    {
                        tagged(&suffix, text)
                    }
                    _ => Yaml::String(text),
                };
                match scalar(yaml) {
                    Ok(value) => self.insert(value, anchor, line),
                    Err(why) => {
                        self.error.get_or_insert((line, why));
                    }
                }
            }
            Event::Alias(anchor) => match self.anchors.get(&anchor).cloned() {
                Some(value) => {
                    if self.count(size(&value), line) {
                        self.insert(value, 0, line);
                    }
                }
                None => {
                    self.error
                        .get_or_insert((line, "an alias of an unknown anchor".to_owned()));
                }
            },
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart
            | Event::DocumentEnd => {}
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::error::Location;

    #[test]
    fn a_page_s_front_matter_reads_as_json_with_its_body_line() {
        let page = "---\ntitle: \"Stripe\"\nuses-start-date: true\nobject-attributes:\n  - name: \"a\"\n    value: 600\n---\nbody\n";
        let (value, body) = page_front_matter(Path::new("p.md"), page).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"title": "Stripe", "uses-start-date": true,
                "object-attributes": [{"name": "a", "value": 600}]})
        );
        assert_eq!(body, 8);
    }

    #[test]
    fn duplicate_keys_and_unknown_anchors_are_located_errors() {
        let page = "---\na: 1\nb: 2\na: 3\n---\n";
        let error = page_front_matter(Path::new("p.md"), page).unwrap_err();
        assert_eq!(error.location, Location::Line(4));
        assert!(error.problem.contains("duplicated key"), "{error}");
        let data = "x:\n  - *nowhere\n";
        let error = data_file(Path::new("d.yml"), data).unwrap_err();
        assert_eq!(error.location, Location::Line(2));
        assert!(error.problem.contains("unknown anchor"), "{error}");
    }

    #[test]
    fn the_closing_line_may_be_dots_or_carry_trailing_spaces_as_jekyll_reads_it() {
        for page in [
            "---\ntitle: x\n---   \nbody\n",
            "--- \ntitle: x\n...\nbody\n",
        ] {
            let (value, body) = page_front_matter(Path::new("p.md"), page).unwrap();
            assert_eq!(value, serde_json::json!({"title": "x"}));
            assert_eq!(body, 4);
        }
    }

    #[test]
    fn a_page_without_front_matter_is_an_error() {
        for page in ["title: x\n", "---\ntitle: x\n", "---\ntitle: x\n----\n"] {
            let error = page_front_matter(Path::new("p.md"), page).unwrap_err();
            assert_eq!(error.location, Location::Line(1));
        }
    }

    #[test]
    fn keeping_the_last_of_a_duplicated_key_reports_each_with_its_path_and_line() {
        let page = "---\nlist:\n  - a: 1\n    b: 2\n    a: 3\nx: 1\nx: [2]\n---\n";
        let (value, _, duplicates) =
            page_front_matter_keeping_last(Path::new("p.md"), page).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"list": [{"a": 3, "b": 2}], "x": [2]})
        );
        let found: Vec<(&str, &str, usize)> = duplicates
            .iter()
            .map(|d| (d.key.as_str(), d.path.as_str(), d.line))
            .collect();
        assert_eq!(found, [("a", "$.list[0]", 5), ("x", "$", 7)]);
        // A block value: the line of the later key, not of what follows the value.
        let page = "---\nl:\n  - 1\nl:\n  - 2\n  - 3\nz: 0\n---\n";
        let (value, _, duplicates) =
            page_front_matter_keeping_last(Path::new("p.md"), page).unwrap();
        assert_eq!(value, serde_json::json!({"l": [2, 3], "z": 0}));
        assert_eq!(duplicates[0].line, 4);
    }

    #[test]
    fn tags_resolve_as_the_loader_resolves_them_and_keys_stay_as_written() {
        let value = data_file(
            Path::new("d.yml"),
            "a: !!str 1\nb: !!int 7\nc: !!float 1\nd: !!bool true\n1e3: x\n",
        )
        .unwrap();
        assert_eq!(
            value,
            serde_json::json!({"a": "1", "b": 7, "c": 1.0, "d": true, "1e3": "x"})
        );
        for bad in ["a: !!int 1.5\n", "a: !!bool yes\n", "a: !!null x\n"] {
            let error = data_file(Path::new("d.yml"), bad).unwrap_err();
            assert!(
                error.problem.contains("could not resolve"),
                "{bad}: {error}"
            );
        }
    }

    #[test]
    fn aliases_that_would_grow_without_end_are_an_error() {
        let mut data = "a0: &a0 [x, x, x, x, x, x, x, x]\n".to_owned();
        for i in 1..12 {
            data.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n",
                p = i - 1
            ));
        }
        let error = data_file(Path::new("d.yml"), &data).unwrap_err();
        assert!(error.problem.contains("aliases are followed"), "{error}");
    }

    #[test]
    fn anchors_of_mappings_lists_and_scalars_are_followed() {
        let data = "a: &m {k: 1}\nb: *m\nc: &l [1, 2]\nd: *l\ne: &s \"t\"\nf: *s\n";
        let value = data_file(Path::new("d.yml"), data).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"a": {"k": 1}, "b": {"k": 1}, "c": [1, 2], "d": [1, 2],
                "e": "t", "f": "t"})
        );
        // Quoted scalars stay strings; plain ones are resolved.
        let value = data_file(
            Path::new("d.yml"),
            "a: \"1\"\nb: 1\nc: true\nd: ~\ne: 1.5\n",
        )
        .unwrap();
        assert_eq!(
            value,
            serde_json::json!({"a": "1", "b": 1, "c": true, "d": null, "e": 1.5})
        );
    }

    #[test]
    fn keys_of_other_scalars_become_strings() {
        let value = data_file(Path::new("d.yml"), "1: one\ntrue: yes\n1.5: x\n").unwrap();
        assert_eq!(
            value,
            serde_json::json!({"1": "one", "true": "yes", "1.5": "x"})
        );
    }
}
