//! `uri-template` (RFC 6570, level 4 syntax).

/// Whether `s` is a URI template (JSON Schema format `"uri-template"`), as the oracle reads
/// RFC 6570: literals (any byte but controls, space, `"`, `<`, `>`, `\`, `^`, `` ` ``, `|`,
/// `}` and DEL, with well-formed `%XX`; non-ASCII allowed) and expressions `{[op] varspec *("," varspec)}` with
/// an optional operator `+#./;?&=,!@|`, variable names of `[A-Za-z0-9_]` or `%XX` in
/// dot-separated parts, and at most one modifier: `:` and a prefix length 1-9999, or `*`.
#[must_use]
pub const fn is_uri_template(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'{' => {
                let Some(end) = expression(b, i + 1) else {
                    return false;
                };
                i = end;
            }
            b'%' => {
                if !hex_pair(b, i + 1) {
                    return false;
                }
                i += 3;
            }
            c if is_literal(c) => i += 1,
            _ => return false,
        }
    }
    true
}

/// A literal byte. Oracle: `'` is allowed (RFC 6570 errata 6937) and any non-ASCII byte.
const fn is_literal(c: u8) -> bool {
    !matches!(
        c,
        0x00..=0x20 | b'"' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}' | 0x7F | b'%'
    )
}

const fn hex_pair(b: &[u8], at: usize) -> bool {
    at + 1 < b.len() && b[at].is_ascii_hexdigit() && b[at + 1].is_ascii_hexdigit()
}

/// The expression whose `{` precedes `b[at]`; the index after its `}`.
const fn expression(b: &[u8], at: usize) -> Option<usize> {
    let mut i = at;
    if i < b.len()
        && matches!(
            b[i],
            b'+' | b'#' | b'.' | b'/' | b';' | b'?' | b'&' | b'=' | b',' | b'!' | b'@' | b'|'
        )
    {
        i += 1;
    }
    loop {
        let Some(end) = varspec(b, i) else {
            return None;
        };
        i = end;
        if i >= b.len() {
            return None;
        }
        match b[i] {
            b',' => i += 1,
            b'}' => return Some(i + 1),
            _ => return None,
        }
    }
}

/// `varname [ ":" prefix / "*" ]` from `b[at]`; the index after it.
const fn varspec(b: &[u8], at: usize) -> Option<usize> {
    // `varname = varchar *( ["."] varchar )`: parts of one or more varchars, between dots.
    let mut i = at;
    loop {
        let start = i;
        while i < b.len() {
            if b[i].is_ascii_alphanumeric() || b[i] == b'_' {
                i += 1;
            } else if b[i] == b'%' && hex_pair(b, i + 1) {
                i += 3;
            } else {
                break;
            }
        }
        if i == start {
            return None;
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
        } else {
            break;
        }
    }
    if i < b.len() && b[i] == b'*' {
        return Some(i + 1);
    }
    if i < b.len() && b[i] == b':' {
        i += 1;
        // `prefix = %x31-39 0*3DIGIT`
        if i >= b.len() || !matches!(b[i], b'1'..=b'9') {
            return None;
        }
        let first = i;
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() && i - first < 4 {
            i += 1;
        }
    }
    Some(i)
}
