//! [`UnknownConnectionType`]: a connection type string that no known type has, with the
//! closest known ones.

use std::fmt;

/// A connection type string that no known type has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownConnectionType {
    given: String,
    suggestions: Vec<&'static str>,
}

impl UnknownConnectionType {
    /// The error for `given`, suggesting the closest of `known`.
    #[cold]
    #[inline(never)]
    pub(crate) fn new(given: &str, known: impl Iterator<Item = &'static str>) -> Self {
        UnknownConnectionType {
            given: given.to_owned(),
            suggestions: suggestions(given, known),
        }
    }

    /// The string given.
    pub fn given(&self) -> &str {
        &self.given
    }

    /// The closest known types, closest first (at most three).
    pub fn suggestions(&self) -> &[&'static str] {
        &self.suggestions
    }
}

impl fmt::Display for UnknownConnectionType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown connection type {:?}", self.given)?;
        match self.suggestions.as_slice() {
            [] => Ok(()),
            [one] => write!(f, "; did you mean `{one}`?"),
            many => {
                let list: Vec<String> = many.iter().map(|s| format!("`{s}`")).collect();
                write!(f, "; did you mean one of {}?", list.join(", "))
            }
        }
    }
}

impl std::error::Error for UnknownConnectionType {}

/// The known types closest to `given`, at most three: the smallest edit distances
/// (case-insensitive, ignoring the `platform.` prefix) within a third of the length, or types
/// containing it; ties go to the closer full name.
pub(crate) fn suggestions(
    given: &str,
    known: impl Iterator<Item = &'static str>,
) -> Vec<&'static str> {
    let lower = given.to_ascii_lowercase();
    let bare = lower.strip_prefix("platform.").unwrap_or(&lower);
    let mut scored: Vec<(usize, usize, &'static str)> = known
        .map(|api_type| {
            let candidate = api_type.strip_prefix("platform.").unwrap_or(api_type);
            (
                edit_distance(bare, candidate),
                edit_distance(&lower, api_type),
                api_type,
            )
        })
        .filter(|(distance, _, candidate)| {
            *distance <= (bare.chars().count().max(3) / 3).max(1)
                || candidate_contains(candidate, bare)
        })
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(3)
        .map(|(_, _, name)| name)
        .collect()
}

fn candidate_contains(candidate: &str, bare: &str) -> bool {
    bare.len() >= 4 && candidate.contains(bare)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(previous + 1).min(row[j] + 1);
        }
    }
    row[b.len()]
}
