//! A small reader over `serde_json::Value` that tracks the JSON path, so that every error names
//! the file, the path and the problem. Keys a caller does not ask for are handed back, never lost.

use std::path::Path;

use serde_json::{Map, Value};

use crate::error::SpecError;

/// Parses `text` as JSON; a syntax error names the line and column.
pub fn parse(file: &Path, text: &str) -> Result<Value, SpecError> {
    serde_json::from_str(text).map_err(|e| {
        SpecError::at(
            file,
            "$",
            format!(
                "invalid JSON at line {} column {}: {}",
                e.line(),
                e.column(),
                strip_position(&e.to_string())
            ),
        )
    })
}

fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |cut| &message[..cut])
}

// The JSON type of a value in words: the runtime's, which the generated crate's errors print.
pub use stitch_connect_runtime::json::type_name;

/// A value together with the file and JSON path it came from.
pub struct At<'a> {
    file: &'a Path,
    value: &'a Value,
    path: String,
}

impl<'a> At<'a> {
    /// The document root, `$`.
    pub fn root(file: &'a Path, value: &'a Value) -> Self {
        At {
            file,
            value,
            path: "$".to_owned(),
        }
    }

    /// The JSON path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The file the value came from.
    pub fn file(&self) -> &'a Path {
        self.file
    }

    /// The value.
    pub fn value(&self) -> &'a Value {
        self.value
    }

    /// An error at this path.
    pub fn error(&self, problem: impl Into<String>) -> SpecError {
        SpecError::at(self.file, self.path.clone(), problem)
    }

    /// This value as an object, or an error.
    pub fn object(&self) -> Result<Obj<'a>, SpecError> {
        match self.value {
            Value::Object(map) => Ok(Obj {
                file: self.file,
                map,
                path: self.path.clone(),
                taken: Vec::new(),
            }),
            other => Err(self.error(format!("expected an object, found {}", type_name(other)))),
        }
    }

    /// This value as an array of located items, or an error.
    pub fn array(&self) -> Result<Vec<At<'a>>, SpecError> {
        match self.value {
            Value::Array(items) => Ok(items
                .iter()
                .enumerate()
                .map(|(i, value)| At {
                    file: self.file,
                    value,
                    path: format!("{}[{i}]", self.path),
                })
                .collect()),
            other => Err(self.error(format!("expected an array, found {}", type_name(other)))),
        }
    }

    /// This value as a string, or an error.
    pub fn string(&self) -> Result<&'a str, SpecError> {
        match self.value {
            Value::String(s) => Ok(s),
            other => Err(self.error(format!("expected a string, found {}", type_name(other)))),
        }
    }

    /// This value as a boolean, or an error.
    pub fn boolean(&self) -> Result<bool, SpecError> {
        match self.value {
            Value::Bool(b) => Ok(*b),
            other => Err(self.error(format!(
                "expected true or false, found {}",
                type_name(other)
            ))),
        }
    }

    /// This value as a non-negative integer, or an error.
    pub fn unsigned(&self) -> Result<u64, SpecError> {
        self.value.as_u64().ok_or_else(|| {
            self.error(format!(
                "expected a non-negative integer, found {}",
                describe(self.value)
            ))
        })
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Number(n) => format!("the number {n}"),
        other => type_name(other).to_owned(),
    }
}

/// A JSON object being read key by key.
pub struct Obj<'a> {
    file: &'a Path,
    map: &'a Map<String, Value>,
    path: String,
    taken: Vec<String>,
}

impl<'a> Obj<'a> {
    /// The JSON path of the object.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// An error at the object's path.
    pub fn error(&self, problem: impl Into<String>) -> SpecError {
        SpecError::at(self.file, self.path.clone(), problem)
    }

    fn child_path(&self, key: &str) -> String {
        let plain = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if plain {
            format!("{}.{key}", self.path)
        } else {
            format!("{}[{}]", self.path, Value::String(key.to_owned()))
        }
    }

    /// The value at `key`, if present (a JSON `null` counts as present).
    pub fn get(&mut self, key: &str) -> Option<At<'a>> {
        let value = self.map.get(key)?;
        self.taken.push(key.to_owned());
        Some(At {
            file: self.file,
            value,
            path: self.child_path(key),
        })
    }

    /// The value at `key`, or an error naming the missing key.
    pub fn required(&mut self, key: &str) -> Result<At<'a>, SpecError> {
        self.get(key)
            .ok_or_else(|| self.error(format!("missing required key \"{key}\"")))
    }

    /// A required string.
    pub fn req_str(&mut self, key: &str) -> Result<&'a str, SpecError> {
        self.required(key)?.string()
    }

    /// A required boolean.
    pub fn req_bool(&mut self, key: &str) -> Result<bool, SpecError> {
        self.required(key)?.boolean()
    }

    /// An optional value of API metadata: absent or `null` gives `None` (the API writes `null`
    /// for what it does not know, e.g. `details.default_start_date`).
    pub fn nullable(&mut self, key: &str) -> Option<At<'a>> {
        self.get(key).filter(|at| !at.value.is_null())
    }

    /// An optional string of API metadata (absent or `null` gives `None`).
    pub fn nullable_str(&mut self, key: &str) -> Result<Option<&'a str>, SpecError> {
        self.nullable(key).map(|at| at.string()).transpose()
    }

    /// An optional boolean of API metadata (absent or `null` gives `None`).
    pub fn nullable_bool(&mut self, key: &str) -> Result<Option<bool>, SpecError> {
        self.nullable(key).map(|at| at.boolean()).transpose()
    }

    /// An optional non-negative integer of API metadata (absent or `null` gives `None`).
    pub fn nullable_unsigned(&mut self, key: &str) -> Result<Option<u64>, SpecError> {
        self.nullable(key).map(|at| at.unsigned()).transpose()
    }

    /// An optional string (absent gives `None`; `null` is an error).
    pub fn opt_str(&mut self, key: &str) -> Result<Option<&'a str>, SpecError> {
        self.get(key).map(|at| at.string()).transpose()
    }

    /// An optional boolean.
    pub fn opt_bool(&mut self, key: &str) -> Result<Option<bool>, SpecError> {
        self.get(key).map(|at| at.boolean()).transpose()
    }

    /// An optional non-negative integer.
    pub fn opt_unsigned(&mut self, key: &str) -> Result<Option<u64>, SpecError> {
        self.get(key).map(|at| at.unsigned()).transpose()
    }

    /// A required string that is not blank.
    pub fn req_non_empty(&mut self, key: &str) -> Result<String, SpecError> {
        let at = self.required(key)?;
        let text = at.string()?;
        if text.trim().is_empty() {
            return Err(at.error(format!("\"{key}\" is empty")));
        }
        Ok(text.to_owned())
    }

    /// For files whose format is ours: any key nobody asked for is an error at that key.
    pub fn deny_unknown(self) -> Result<(), SpecError> {
        let file = self.file;
        match self.rest().into_iter().next() {
            None => Ok(()),
            Some((key, path, _)) => {
                Err(SpecError::at(file, path, format!("unknown key \"{key}\"")))
            }
        }
    }

    /// The keys nobody asked for, in document order, with their paths.
    pub fn rest(self) -> Vec<(String, String, Value)> {
        self.map
            .iter()
            .filter(|(key, _)| !self.taken.iter().any(|t| t == key.as_str()))
            .map(|(key, value)| (key.clone(), self.child_path(key), value.clone()))
            .collect()
    }
}
