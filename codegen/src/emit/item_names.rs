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

/// Names claimed so far, each by the text or type it names.
#[derive(Default)]
struct Claims(BTreeMap<String, String>);

impl Claims {
    /// The first of `candidate(0)`, `candidate(1)`, ... that `owner` holds already or that is
    /// free (then claimed for `owner`).
    fn claim(&mut self, owner: &str, candidate: impl Fn(usize) -> String) -> String {
        let mut n = 0;
        loop {
            let name = candidate(n);
            match self.0.get(&name) {
                Some(held) if held == owner => return name,
                Some(_) => n += 1,
                None => {
                    self.0.insert(name.clone(), owner.to_owned());
                    return name;
                }
            }
        }
    }
}

/// Content-derived names: each distinct text gets 8 hex digits of its hash (`3F9A12C4`), or all
/// 16 when another text already holds those 8. Two texts with one 64-bit hash (never seen)
/// get `_2`, `_3`, ... in the order they are named.
#[derive(Default)]
pub(super) struct ContentNames {
    claims: Claims,
}

impl ContentNames {
    /// The name of `text`, upper-case hex.
    pub(super) fn name(&mut self, text: &str) -> String {
        let hash = fnv1a(text);
        self.claims.claim(text, |n| match n {
            0 => format!("{:08X}", hash >> 32),
            1 => format!("{hash:016X}"),
            n => format!("{hash:016X}_{n}"),
        })
    }
}

/// Per-type names: the snake_case of each API type (`platform.s3-csv` → `platform_s3_csv`),
/// with `_2`, `_3`, ... for a type whose snake_case another type took first (the caller names
/// types in sorted order, so this too depends only on the spec).
#[derive(Default)]
pub(super) struct TypeNames {
    claims: Claims,
}

impl TypeNames {
    /// The snake_case name of `api_type`.
    pub(super) fn name(&mut self, api_type: &str) -> String {
        let base = snake(api_type);
        let base = base.trim_end_matches('_');
        self.claims.claim(api_type, |n| match n {
            0 => base.to_owned(),
            n => format!("{base}_{}", n + 1),
        })
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
            .claims
            .0
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
