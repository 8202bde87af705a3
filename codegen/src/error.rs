//! Errors and notices that point into `spec/`: every one names the file, where in it, and what.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in a spec file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A JSON path such as `$.steps[0].properties[3].name`.
    JsonPath(String),
    /// A 1-based line of a text file.
    Line(usize),
    /// The file as a whole (missing, unreadable, misplaced).
    File,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::JsonPath(path) => f.write_str(path),
            Location::Line(line) => write!(f, "line {line}"),
            Location::File => f.write_str("(file)"),
        }
    }
}

/// A problem in the spec that stops loading, import or regen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// The file, as given to the loader (usually relative to the workspace root).
    pub file: PathBuf,
    /// Where in the file.
    pub location: Location,
    /// What is wrong, in words.
    pub problem: String,
}

impl SpecError {
    /// An error at a JSON path of `file`.
    pub fn at(file: &Path, path: impl Into<String>, problem: impl Into<String>) -> Self {
        SpecError {
            file: file.to_path_buf(),
            location: Location::JsonPath(path.into()),
            problem: problem.into(),
        }
    }

    /// An error at a line of a text file.
    pub fn at_line(file: &Path, line: usize, problem: impl Into<String>) -> Self {
        SpecError {
            file: file.to_path_buf(),
            location: Location::Line(line),
            problem: problem.into(),
        }
    }

    /// An error about a file as a whole.
    pub fn file(file: &Path, problem: impl Into<String>) -> Self {
        SpecError {
            file: file.to_path_buf(),
            location: Location::File,
            problem: problem.into(),
        }
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Location::File => write!(f, "{}: {}", self.file.display(), self.problem),
            _ => write!(
                f,
                "{}: {}: {}",
                self.file.display(),
                self.location,
                self.problem
            ),
        }
    }
}

impl std::error::Error for SpecError {}

/// Something the loader kept but does not understand yet (a new `property_type`, an unknown
/// `json_schema` keyword, an extra key). Never dropped: regen prints every notice.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Notice {
    /// The file the notice is about.
    pub file: PathBuf,
    /// The JSON path of the value.
    pub path: String,
    /// What was found.
    pub message: String,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.file.display(),
            self.path,
            self.message
        )
    }
}
