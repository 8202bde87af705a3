//! Finding a string of a fixed set (the connection types) by a generated `match`, without
//! hashing and without tables in memory.
//!
//! The generator groups the strings by length and, within each length, picks the 8-byte window
//! that tells them apart best (usually the last one: many types share the `platform.` prefix).
//! A lookup then costs a jump on the length, one load of that window as a word ([`word`]), a
//! search over the words of that length (constants in the code), and one comparison of the
//! whole string with the candidate (or the few candidates, where no window tells some strings
//! apart). A string of the set is found; any other string, of any length, is not.
//!
//! The generator (`stitch-codegen`) depends on this crate too, so the words it writes into the
//! `match` and the words a lookup reads come from one function.

/// Bytes `at..at + 8` of `bytes` as a little-endian word, zero past the end (`at` a multiple of
/// 8, or any offset with `at + 8 <= bytes.len()`), from loads alone: a whole word, the last
/// eight bytes shifted down, or for fewer than eight bytes two overlapping halves or single
/// bytes. Two strings of the same length have the same word at `at` exactly when their bytes
/// `at..at + 8` are equal; for fewer than eight bytes, the word at 0 is the whole string.
///
/// Loads alone matter where the word is stored and then moved (`ShortText` in `validate.rs`):
/// a buffer filled byte by byte and read back as words stalls on store forwarding.
#[inline]
pub const fn word(bytes: &[u8], at: usize) -> u64 {
    #[inline(always)]
    const fn load8(bytes: &[u8], at: usize) -> u64 {
        match bytes.split_at(at).1.first_chunk::<8>() {
            Some(chunk) => u64::from_le_bytes(*chunk),
            None => 0,
        }
    }
    #[inline(always)]
    const fn load4(bytes: &[u8], at: usize) -> u64 {
        match bytes.split_at(at).1.first_chunk::<4>() {
            Some(chunk) => u32::from_le_bytes(*chunk) as u64,
            None => 0,
        }
    }
    let len = bytes.len();
    if at >= len {
        return 0;
    }
    if at + 8 <= len {
        return load8(bytes, at);
    }
    if len >= 8 {
        // The last eight bytes, `bytes[at]` shifted to the bottom.
        return load8(bytes, len - 8) >> (8 * (at + 8 - len));
    }
    // `at == 0`, fewer than eight bytes.
    if len >= 4 {
        return load4(bytes, 0) | (load4(bytes, len - 4) << (8 * (len - 4)));
    }
    #[inline(always)]
    const fn byte(bytes: &[u8], at: usize) -> u64 {
        (bytes[at] as u64) << (8 * at)
    }
    byte(bytes, 0) | byte(bytes, len / 2) | byte(bytes, len - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word at every offset of every length up to 24 holds exactly those bytes, in order,
    /// and zero after the end.
    #[test]
    fn words_hold_the_bytes_in_order() {
        let text: Vec<u8> = (1..=24).collect();
        for len in 0..=text.len() {
            let bytes = &text[..len];
            let offsets = (0..=len.saturating_sub(8)).chain([0, 8, 16, 24]);
            for at in offsets.filter(|at| at + 8 <= len || at % 8 == 0) {
                let mut expected = [0u8; 8];
                for (k, slot) in expected.iter_mut().enumerate() {
                    *slot = bytes.get(at + k).copied().unwrap_or(0);
                }
                assert_eq!(
                    word(bytes, at),
                    u64::from_le_bytes(expected),
                    "len {len} at {at}"
                );
            }
        }
    }
}
