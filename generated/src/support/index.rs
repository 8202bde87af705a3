//! A perfect-hash index of a fixed set of strings: the connection types (a type's properties
//! are found by a generated `match` instead, which is faster for a few dozen names). A lookup
//! hashes the string once, reads one displacement and one slot, and compares one candidate,
//! whatever the size of the set.
//!
//! The generator (`stitch-codegen`) builds every [`Index`] with [`build`] and writes it into
//! `src/catalog.rs`; it compiles this file too (by `#[path]`), so building and looking up run one
//! implementation.
//!
//! The scheme is "hash and displace": a 64-bit hash of the string picks a bucket and two
//! numbers `f1`, `f2` (odd); each bucket has a displacement `(d1, d2)` chosen at build time so
//! that every string of the set lands in its own slot `(f1 + d1·f2 + d2) mod slots`. Buckets hold
//! about four strings and slots are at most three quarters full, so the tables grow linearly
//! with the set and building takes expected linear time.

/// A string as the index hashes and compares it: its length and its first and last eight bytes
/// (overlapping when shorter; for fewer than eight bytes, four and four, or the first, middle
/// and last byte). Two strings of at most 16 bytes are equal exactly when their keys are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    len: usize,
    head: u64,
    tail: u64,
}

impl Key {
    /// The key of `text`.
    #[inline(always)]
    pub const fn new(text: &str) -> Key {
        let bytes = text.as_bytes();
        let len = bytes.len();
        let (head, tail) = if len >= 8 {
            (read_u64(bytes, 0), read_u64(bytes, len - 8))
        } else if len >= 4 {
            (read_u32(bytes, 0), read_u32(bytes, len - 4))
        } else if len > 0 {
            (
                (bytes[0] as u64)
                    | ((bytes[len / 2] as u64) << 8)
                    | ((bytes[len - 1] as u64) << 16),
                0,
            )
        } else {
            (0, 0)
        };
        Key { len, head, tail }
    }

    /// Whether `a` (whose key is `self`) equals `b` (whose key is `other`): the keys, and for
    /// strings longer than 16 bytes the bytes between the first and last eight.
    #[inline]
    pub fn same(&self, a: &str, other: &Key, b: &str) -> bool {
        if self != other {
            return false;
        }
        if self.len <= 16 {
            return true;
        }
        let (a, b) = (a.as_bytes(), b.as_bytes());
        let end = self.len - 8;
        let mut at = 8;
        while at < end {
            // `at + 8 <= len`: the last word may overlap the tail, which is already equal.
            if read_u64(a, at) != read_u64(b, at) {
                return false;
            }
            at += 8;
        }
        true
    }

    /// The 64-bit hash of the string under `seed`; `wide` hashes every byte (for sets where two
    /// strings share a key), otherwise the key alone.
    #[inline]
    pub fn hash(&self, text: &str, seed: u64, wide: bool) -> u64 {
        // The length gets a multiplication of its own: mixed into a word instead, it could
        // cancel a difference between two keys whatever the seed.
        let mut h = fold(
            fold(self.head ^ seed, self.tail ^ MIX) ^ self.len as u64,
            MIX,
        );
        if wide && self.len > 16 {
            let bytes = text.as_bytes();
            let mut at = 8;
            while at < self.len - 8 {
                h = fold(h ^ read_u64(bytes, at), MIX);
                at += 8;
            }
        }
        h
    }
}

/// An odd constant with mixed bits (the golden ratio's).
const MIX: u64 = 0x9e37_79b9_7f4a_7c15;

/// The folded 128-bit product: low and high halves xored.
#[inline]
const fn fold(a: u64, b: u64) -> u64 {
    let product = (a as u128).wrapping_mul(b as u128);
    (product as u64) ^ ((product >> 64) as u64)
}

/// The eight bytes at `at` (`at + 8 <= bytes.len()`), as one load.
#[inline(always)]
const fn read_u64(bytes: &[u8], at: usize) -> u64 {
    match bytes.split_at(at).1.first_chunk::<8>() {
        Some(word) => u64::from_le_bytes(*word),
        None => 0,
    }
}

/// The four bytes at `at` (`at + 4 <= bytes.len()`), as one load.
#[inline(always)]
const fn read_u32(bytes: &[u8], at: usize) -> u64 {
    match bytes.split_at(at).1.first_chunk::<4>() {
        Some(word) => u32::from_le_bytes(*word) as u64,
        None => 0,
    }
}

/// The slot a hash lands in under a bucket's displacement.
#[inline]
const fn slot(hash: u64, displacement: (u32, u32), slot_mask: usize) -> usize {
    let f1 = hash as u32;
    let f2 = ((hash >> 32) as u32) | 1;
    (f1.wrapping_add(displacement.0.wrapping_mul(f2))
        .wrapping_add(displacement.1) as usize)
        & slot_mask
}

/// The bucket of a hash.
#[inline]
const fn bucket(hash: u64, bucket_mask: usize) -> usize {
    ((hash >> 40) as usize) & bucket_mask
}

/// An index of a set of strings: the position of a string in the set. A power of two of buckets
/// and of slots.
#[derive(Debug)]
pub struct Index {
    /// The hash seed.
    pub seed: u64,
    /// Whether strings are hashed whole (two strings of the set share a [`Key`]).
    pub wide: bool,
    /// Each bucket's displacement.
    pub displacements: &'static [(u32, u32)],
    /// Each slot's position in the set, or [`EMPTY`].
    pub slots: &'static [u16],
    /// The key of each string of the set, by position.
    pub keys: &'static [Key],
}

/// A slot that no string lands in.
pub const EMPTY: u16 = u16::MAX;

impl Index {
    /// The position of `text` in the set, whose strings `name` gives by position.
    #[inline]
    pub fn find(&self, text: &str, name: impl Fn(usize) -> &'static str) -> Option<usize> {
        let key = Key::new(text);
        let position = candidate(
            self.seed,
            self.wide,
            self.displacements,
            self.slots,
            &key,
            text,
        )?;
        self.keys[position]
            .same(name(position), &key, text)
            .then_some(position)
    }
}

/// [`Index::candidate`] over the tables.
#[inline]
fn candidate(
    seed: u64,
    wide: bool,
    displacements: &[(u32, u32)],
    slots: &[u16],
    key: &Key,
    text: &str,
) -> Option<usize> {
    if slots.is_empty() {
        return None;
    }
    let hash = key.hash(text, seed, wide);
    let displacement = displacements[bucket(hash, displacements.len() - 1)];
    match slots[slot(hash, displacement, slots.len() - 1)] {
        EMPTY => None,
        position => Some(usize::from(position)),
    }
}

/// The tables of an [`Index`], as the generator writes them.
#[allow(dead_code)] // Used by the generator, which compiles this file too.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Built {
    /// [`Index::seed`].
    pub seed: u64,
    /// [`Index::wide`].
    pub wide: bool,
    /// [`Index::displacements`].
    pub displacements: Vec<(u32, u32)>,
    /// [`Index::slots`].
    pub slots: Vec<u16>,
}

/// Builds the index of `strings` (distinct, fewer than 65,535), deterministically.
///
/// # Errors
/// Duplicate strings, too many strings, or (not expected in practice) no displacement found.
#[allow(dead_code)] // Used by the generator, which compiles this file too.
pub fn build(strings: &[&str]) -> Result<Built, String> {
    if strings.len() >= usize::from(EMPTY) {
        return Err(format!(
            "{} strings: an index holds at most 65,534",
            strings.len()
        ));
    }
    let mut sorted: Vec<&str> = strings.to_vec();
    sorted.sort_unstable();
    if let Some(pair) = sorted.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(format!("\"{}\" is listed twice", pair[0]));
    }
    if strings.is_empty() {
        return Ok(Built {
            seed: 0,
            wide: false,
            displacements: Vec::new(),
            slots: Vec::new(),
        });
    }
    let keys: Vec<Key> = strings.iter().map(|s| Key::new(s)).collect();
    let mut sorted_keys: Vec<(usize, u64, u64)> =
        keys.iter().map(|k| (k.len, k.head, k.tail)).collect();
    sorted_keys.sort_unstable();
    let wide = sorted_keys.windows(2).any(|pair| pair[0] == pair[1]);
    let mut slot_count = strings.len().next_power_of_two();
    if strings.len() * 4 > slot_count * 3 {
        slot_count *= 2;
    }
    let bucket_count = strings.len().div_ceil(4).next_power_of_two();
    for attempt in 0..64u64 {
        let seed = attempt.wrapping_mul(MIX).rotate_left(17) ^ 0x5851_f42d_4c95_7f2d;
        let hashes: Vec<u64> = keys
            .iter()
            .zip(strings)
            .map(|(key, text)| key.hash(text, seed, wide))
            .collect();
        if let Some((displacements, slots)) = displace(&hashes, bucket_count, slot_count) {
            let found = |(position, text): (usize, &&str)| {
                candidate(seed, wide, &displacements, &slots, &Key::new(text), text)
                    == Some(position)
            };
            if !strings.iter().enumerate().all(found) {
                return Err("the index built does not find every string".to_owned());
            }
            return Ok(Built {
                seed,
                wide,
                displacements,
                slots,
            });
        }
    }
    Err(format!(
        "no perfect hash found for {} strings (64 seeds tried)",
        strings.len()
    ))
}

/// Each bucket's displacement, and each slot's position.
type Tables = (Vec<(u32, u32)>, Vec<u16>);

/// Places every hash in its own slot, buckets with the most strings first; `None` when some
/// bucket finds no displacement (two strings of one bucket with the same hash).
#[allow(dead_code)]
fn displace(hashes: &[u64], bucket_count: usize, slot_count: usize) -> Option<Tables> {
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); bucket_count];
    for (position, hash) in hashes.iter().enumerate() {
        buckets[bucket(*hash, bucket_count - 1)].push(position);
    }
    let mut order: Vec<usize> = (0..bucket_count).collect();
    order.sort_by(|a, b| buckets[*b].len().cmp(&buckets[*a].len()).then(a.cmp(b)));
    let mut slots = vec![EMPTY; slot_count];
    let mut displacements = vec![(0u32, 0u32); bucket_count];
    let mut taken: Vec<usize> = Vec::new();
    for b in order {
        if buckets[b].is_empty() {
            break;
        }
        let mut placed = false;
        'search: for d1 in 0..slot_count as u32 {
            'd2: for d2 in 0..slot_count as u32 {
                taken.clear();
                for &position in &buckets[b] {
                    let s = slot(hashes[position], (d1, d2), slot_count - 1);
                    if slots[s] != EMPTY || taken.contains(&s) {
                        continue 'd2;
                    }
                    taken.push(s);
                }
                for (&position, &s) in buckets[b].iter().zip(&taken) {
                    slots[s] = position as u16;
                }
                displacements[b] = (d1, d2);
                placed = true;
                break 'search;
            }
        }
        if !placed {
            return None;
        }
    }
    Some((displacements, slots))
}

#[cfg(test)]
#[allow(clippy::panic, clippy::unwrap_used)]
mod tests {
    use super::{Index, Key, build};

    /// The runtime index of `strings`, built as the generator builds it.
    fn index(strings: &[&'static str]) -> Index {
        let built = build(strings).unwrap_or_else(|e| panic!("{e}"));
        let keys: Vec<Key> = strings.iter().map(|s| Key::new(s)).collect();
        Index {
            seed: built.seed,
            wide: built.wide,
            displacements: built.displacements.leak(),
            slots: built.slots.leak(),
            keys: keys.leak(),
        }
    }

    /// Deterministic pseudo-random words of 0 to 40 bytes over a small alphabet (many shared
    /// prefixes and suffixes), some of them non-ASCII.
    fn words(count: usize, mut state: u64) -> Vec<&'static str> {
        let alphabet = ["a", "b", "_", ".", "é", "z"];
        let mut out: Vec<&'static str> = Vec::new();
        while out.len() < count {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            let len = (state >> 33) as usize % 41;
            let mut word = String::new();
            for i in 0..len {
                let pick = (state >> ((i % 8) * 4)) as usize + i * 7;
                word.push_str(alphabet[pick % alphabet.len()]);
            }
            if !out.contains(&word.as_str()) {
                out.push(String::leak(word));
            }
        }
        out
    }

    fn position(index: &Index, strings: &[&'static str], text: &str) -> Option<usize> {
        index.find(text, |p| strings[p])
    }

    #[test]
    fn finds_every_string_and_nothing_else() {
        for (count, seed) in [(1, 1), (2, 2), (7, 3), (50, 4), (300, 5), (2_000, 6)] {
            let all = words(count * 2, seed);
            let (set, others) = all.split_at(count);
            let index = index(set);
            for (at, text) in set.iter().enumerate() {
                assert_eq!(position(&index, set, text), Some(at), "{text:?}");
            }
            for text in others {
                assert_eq!(position(&index, set, text), None, "{text:?}");
            }
            // Linear size: slots at most 8/3 of the strings (rounded to a power of two), and
            // about one bucket per four strings.
            assert!(index.slots.len() <= (count * 8 / 3).next_power_of_two().max(2));
            assert!(index.displacements.len() <= count.div_ceil(4).next_power_of_two());
        }
    }

    #[test]
    fn strings_with_equal_ends_are_told_apart() {
        // Same length, same first and last eight bytes: equal keys, so the index hashes them
        // whole, and the comparison reads their middles.
        let set: &[&'static str] = &[
            "prefix01_AAAA_suffix01",
            "prefix01_BBBB_suffix01",
            "prefix01_CCCC_suffix01",
            "short",
        ];
        let index = index(set);
        assert!(index.wide);
        for (at, text) in set.iter().enumerate() {
            assert_eq!(position(&index, set, text), Some(at));
        }
        for text in [
            "prefix01_DDDD_suffix01",
            "prefix01_AAAA_suffix0",
            "shorT",
            "",
        ] {
            assert_eq!(position(&index, set, text), None, "{text:?}");
        }
        assert!(!self::index(&["a", "b"]).wide);
    }

    #[test]
    fn strings_differing_in_length_or_near_the_ends_are_indexed() {
        // Shared first eight bytes; tails and lengths that differ together (a length mixed
        // into the tail by xor made some of these collide under every seed).
        let copies: Vec<String> = (0..400)
            .map(|i| format!("platform.some-type-{i}-copy{}", i % 19))
            .collect();
        // Equal first and last eight bytes: only the length (and the middle) differs.
        let runs: Vec<String> = (1..200).map(|n| "a".repeat(n)).collect();
        for set in [&copies, &runs] {
            for count in [2, 10, 122, set.len()] {
                let strings: Vec<&'static str> = set[..count]
                    .iter()
                    .map(|s| &*String::leak(s.clone()))
                    .collect();
                let index = index(&strings);
                for (at, text) in strings.iter().enumerate() {
                    assert_eq!(position(&index, &strings, text), Some(at), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn building_is_deterministic_and_checks_its_input() {
        let set = words(100, 9);
        assert_eq!(build(&set), build(&set));
        assert!(
            build(&["x", "y", "x"])
                .unwrap_err()
                .contains("\"x\" is listed twice")
        );
        let empty = index(&[]);
        assert_eq!(position(&empty, &[], ""), None);
        assert_eq!(position(&empty, &[], "anything"), None);
    }

    #[test]
    fn keys_cover_short_strings_exactly() {
        // Up to 16 bytes, equal keys mean equal strings: pairs that differ in one byte differ in
        // their keys.
        let base = "abcdefghijklmnop";
        for len in 0..=16 {
            let text = &base[..len];
            for at in 0..len {
                let mut other = text.as_bytes().to_vec();
                other[at] = b'#';
                let other = String::from_utf8(other).unwrap_or_default();
                assert_ne!(Key::new(text), Key::new(&other), "{text:?} / {other:?}");
            }
        }
    }
}
