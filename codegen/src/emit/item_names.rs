//! Names of the catalog's generated items, derived from what each item is, not from the order
//! it was met in: a shared schema or pattern is named after a hash of its text, a per-type item
//! after its API type. Adding a connector then adds its own items and leaves every other name
//! (and every line that mentions one) as it was, with two exceptions, both rare: a check that
//! several types share is named after the first of them in API-type order, so a new type that
//! sorts before them and has the same check renames it; and a clash (of two texts' short
//! hashes, or of two types' snake_case) goes to the text or type named first.

use std::collections::BTreeMap;

use crate::normalize::names::snake;

/// FNV-1a, 64 bits: tiny, stable across platforms and Rust versions (unlike `std`'s
/// `DefaultHasher`, whose algorithm may change), and good enough to tell a few hundred texts
/// apart.
fn fnv1a(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Content-derived names: each distinct text gets 8 hex digits of its hash (`3F9A12C4`), or all
/// 16 when another text already holds those 8. Two texts with one 64-bit hash (never seen)
/// get `_2`, `_3`, ... in the order they are named.
#[derive(Default)]
pub(super) struct ContentNames {
    by_name: BTreeMap<String, String>,
}

impl ContentNames {
    /// The name of `text`, upper-case hex.
    pub(super) fn name(&mut self, text: &str) -> String {
        let hash = fnv1a(text);
        let long = format!("{hash:016X}");
        let mut candidate = format!("{:08X}", hash >> 32);
        let mut clashes = 0usize;
        loop {
            match self.by_name.get(&candidate) {
                Some(held) if held == text => return candidate,
                Some(_) => {
                    clashes += 1;
                    candidate = match clashes {
                        1 => long.clone(),
                        n => format!("{long}_{n}"),
                    };
                }
                None => {
                    self.by_name.insert(candidate.clone(), text.to_owned());
                    return candidate;
                }
            }
        }
    }
}

/// Per-type names: the snake_case of each API type (`platform.s3-csv` → `platform_s3_csv`),
/// with `_2`, `_3`, ... for a type whose snake_case another type took first (the caller names
/// types in sorted order, so this too depends only on the spec).
#[derive(Default)]
pub(super) struct TypeNames {
    by_name: BTreeMap<String, String>,
}

impl TypeNames {
    /// The snake_case name of `api_type`.
    pub(super) fn name(&mut self, api_type: &str) -> String {
        let base = snake(api_type);
        let base = base.trim_end_matches('_').to_owned();
        let mut candidate = base.clone();
        let mut n = 1usize;
        loop {
            match self.by_name.get(&candidate) {
                Some(held) if held == api_type => return candidate,
                Some(_) => {
                    n += 1;
                    candidate = format!("{base}_{n}");
                }
                None => {
                    self.by_name.insert(candidate.clone(), api_type.to_owned());
                    return candidate;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_keeps_its_name_whatever_was_named_before() {
        let mut alone = ContentNames::default();
        let mut crowded = ContentNames::default();
        for other in ["a", "b", "{\"type\":\"string\"}"] {
            crowded.name(other);
        }
        let text = "^\\d+$";
        assert_eq!(alone.name(text), crowded.name(text));
        assert_eq!(alone.name(text).len(), 8);
        assert_eq!(alone.name(text), alone.name(text));
        assert_ne!(alone.name("x"), alone.name("y"));
    }

    #[test]
    fn a_clash_of_short_names_takes_the_long_one() {
        let mut names = ContentNames::default();
        let first = names.name("first");
        // Pretend another text already holds the short name of "second".
        let mut clashing = ContentNames::default();
        let short = clashing.name("second");
        clashing
            .by_name
            .insert(short.clone(), "someone else".to_owned());
        let second = clashing.name("second");
        assert_eq!(second.len(), 16);
        assert!(second.starts_with(&short));
        assert_eq!(first.len(), 8);
    }

    #[test]
    fn types_are_named_after_their_api_type_and_clashes_are_numbered() {
        let mut names = TypeNames::default();
        assert_eq!(names.name("platform.s3-csv"), "platform_s3_csv");
        assert_eq!(names.name("platform.s3_csv"), "platform_s3_csv_2");
        assert_eq!(names.name("platform.s3-csv"), "platform_s3_csv");
        assert_eq!(names.name("type"), "type");
    }
}
