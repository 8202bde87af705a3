//! `json-pointer` (RFC 6901) and `relative-json-pointer`.

/// Whether `s` is a JSON pointer (JSON Schema format `"json-pointer"`): empty, or `/` followed
/// by any characters in which every `~` is followed by `0` or `1` (empty tokens and a trailing
/// `/` are fine).
#[must_use]
pub const fn is_json_pointer(s: &str) -> bool {
    let b = s.as_bytes();
    b.is_empty() || (b[0] == b'/' && pointer_tokens(b, 1))
}

/// Whether every `~` of `b[at..]` is followed by `0` or `1`.
const fn pointer_tokens(b: &[u8], at: usize) -> bool {
    let mut i = at;
    while i < b.len() {
        if b[i] == b'~' {
            if i + 1 >= b.len() || !matches!(b[i + 1], b'0' | b'1') {
                return false;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    true
}

/// Whether `s` is a relative JSON pointer (JSON Schema format `"relative-json-pointer"`): a
/// non-negative integer without leading zeros, then nothing, `#`, or a JSON pointer starting
/// with `/`.
#[must_use]
pub const fn is_relative_json_pointer(s: &str) -> bool {
    let b = s.as_bytes();
    if b.is_empty() || !b[0].is_ascii_digit() {
        return false;
    }
    let mut i = 1;
    if b[0] != b'0' {
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    if i == b.len() {
        return true;
    }
    match b[i] {
        b'#' => i + 1 == b.len(),
        b'/' => pointer_tokens(b, i + 1),
        _ => false,
    }
}
