//! The YAML of the documentation source (`spec/docs/`): a page's front matter (between its
//! first two `---` lines) or a whole data file, read into a [`serde_json::Value`] so that the
//! importers read it with the same path-tracking reader ([`crate::json::At`]) as every other
//! spec file.
//!
//! YAML the reader refuses is a located error (file, line, problem), never a silent choice:
//! the upstream has duplicate keys (which Jekyll resolves by keeping the last one) and aliases
//! of anchors no file defines. Values with Liquid (`{{ ... }}`, `{% ... %}`) are plain strings
//! here; evaluating them is the importer's job.

use std::path::Path;

use serde_json::{Map, Number, Value};
use yaml_rust2::{Yaml, YamlLoader};

use crate::error::SpecError;

/// A page's front matter, and the 1-based line where its body starts.
///
/// # Errors
/// A page without front matter, YAML the reader refuses, or a value JSON cannot hold.
pub fn page_front_matter(file: &Path, text: &str) -> Result<(Value, usize), SpecError> {
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
    let value = yaml_value(file, &text[start..end], 1)?;
    Ok((value, closing_line + 1))
}

/// A whole YAML data file (`_data/**/*.yml`).
///
/// # Errors
/// YAML the reader refuses, or a value JSON cannot hold.
pub fn data_file(file: &Path, text: &str) -> Result<Value, SpecError> {
    yaml_value(file, text, 0)
}

/// `yaml` (one document, or none) as JSON; `offset` lines precede it in the file.
fn yaml_value(file: &Path, yaml: &str, offset: usize) -> Result<Value, SpecError> {
    let documents = YamlLoader::load_from_str(yaml).map_err(|error| {
        SpecError::at_line(
            file,
            offset + error.marker().line(),
            format!("YAML the reader refuses: {}", error.info()),
        )
    })?;
    let mut documents = documents.into_iter();
    let value = match documents.next() {
        Some(document) => json(document).map_err(|why| SpecError::file(file, why))?,
        None => Value::Null,
    };
    if documents.next().is_some() {
        return Err(SpecError::file(
            file,
            "more than one YAML document where one is expected",
        ));
    }
    Ok(value)
}

/// A YAML value as JSON: mapping keys become strings (YAML allows any scalar as a key).
fn json(yaml: Yaml) -> Result<Value, String> {
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
        Yaml::Array(items) => Value::Array(items.into_iter().map(json).collect::<Result<_, _>>()?),
        Yaml::Hash(entries) => {
            let mut map = Map::new();
            for (key, value) in entries {
                let key = match key {
                    Yaml::String(text) | Yaml::Real(text) => text,
                    Yaml::Integer(n) => n.to_string(),
                    Yaml::Boolean(flag) => flag.to_string(),
                    Yaml::Null => "null".to_owned(),
                    other => return Err(format!("a mapping key that is not a scalar: {other:?}")),
                };
                map.insert(key, json(value)?);
            }
            Value::Object(map)
        }
        Yaml::Alias(_) | Yaml::BadValue => {
            return Err("a value the YAML reader could not resolve".to_owned());
        }
    })
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
    fn keys_of_other_scalars_become_strings() {
        let value = data_file(Path::new("d.yml"), "1: one\ntrue: yes\n1.5: x\n").unwrap();
        assert_eq!(
            value,
            serde_json::json!({"1": "one", "true": "yes", "1.5": "x"})
        );
    }
}
