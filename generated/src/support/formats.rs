//! Validators for the JSON Schema `format` values used by Stitch report cards.
//!
//! Every function is a `const fn` over the bytes of its input (no allocation, no iterators, no
//! trait calls), so values can be checked in const contexts such as
//! `const H: Host = Host::from_static("example.com");`.
//!
//! [`is_ipv4`], [`is_ipv6`], [`is_hostname`], [`is_date_time`] and [`is_uri`] accept exactly what
//! the `jsonschema` crate (0.61, draft 7, `should_validate_formats(true)`) accepts for
//! `{"type": "string", "format": F}`; the differential test `tests/tests/formats_oracle.rs`
//! checks that. Comments starting with "Oracle:" mark where that behaviour is surprising or
//! departs from the RFCs; it is replicated on purpose.
//!
//! So do [`is_date`], [`is_time`], [`is_uri_reference`], [`is_iri`], [`is_iri_reference`],
//! [`is_json_pointer`], [`is_relative_json_pointer`], [`is_uri_template`], [`is_email`] and
//! [`is_regex`] (`email` and `regex` are not `const fn`s: they follow the oracle's parsers
//! over `char`s). [`is_idn_hostname`] and [`is_idn_email`] (not `const fn`s either) accept
//! what the oracle with its `idna` feature accepts when this crate's `idn` feature is on, and
//! every string when it is off, as the oracle without `idna` does.
//!
//! [`parse_digits`], [`parse_midnight_date`] and [`days_in_month`] are this crate's own helpers
//! for integer and date fields.

mod email;
mod idn;
mod pointer;
mod regex;
mod uri_template;

pub use email::{is_email, is_idn_email};
pub use idn::is_idn_hostname;
pub use pointer::{is_json_pointer, is_relative_json_pointer};
pub use regex::is_regex;
pub use uri_template::is_uri_template;

// ---------------------------------------------------------------------------------------------
// Digits and calendar dates
// ---------------------------------------------------------------------------------------------

/// Parses `s` as one or more ASCII digits (`[0-9]+`, leading zeros allowed) into a `u64`.
///
/// Returns `None` for the empty string, for any other character (signs, spaces, non-ASCII
/// digits such as `٣`) and for values above [`u64::MAX`].
#[must_use]
pub const fn parse_digits(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.is_empty() {
        return None;
    }
    let mut value: u64 = 0;
    let mut i = 0;
    while i < b.len() {
        let Some(d) = digit(b[i]) else {
            return None;
        };
        let Some(shifted) = value.checked_mul(10) else {
            return None;
        };
        let Some(sum) = shifted.checked_add(d as u64) else {
            return None;
        };
        value = sum;
        i += 1;
    }
    Some(value)
}

/// Parses exactly `YYYY-MM-DDT00:00:00Z` (ASCII digits, upper-case `T` and `Z`) naming a real
/// proleptic-Gregorian date, and returns `(year, month, day)`.
///
/// Any year `0000`-`9999` is accepted; the month must be `01`-`12` and the day `01` up to
/// [`days_in_month`]. Any time other than midnight UTC is rejected.
#[must_use]
pub const fn parse_midnight_date(s: &str) -> Option<(u16, u8, u8)> {
    let b = s.as_bytes();
    if b.len() != 20 || !bytes_at(b, 10, b"T00:00:00Z") {
        return None;
    }
    full_date(b)
}

/// Parses `YYYY-MM-DDT00:00:00Z` exactly as the report cards' pattern
/// `^\d{4}-\d{2}-\d{2}T00:00:00Z$` takes it: any digits in the date, so `2024-02-30` and
/// `2024-13-01` too. Returns `(year, month, day)` as written.
#[must_use]
pub const fn parse_midnight_pattern(s: &str) -> Option<(u16, u8, u8)> {
    let b = s.as_bytes();
    if b.len() != 20 || !bytes_at(b, 10, b"T00:00:00Z") || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    match (
        two_digits(b, 0),
        two_digits(b, 2),
        two_digits(b, 5),
        two_digits(b, 8),
    ) {
        (Some(century), Some(year), Some(month), Some(day)) => {
            Some((century as u16 * 100 + year as u16, month, day))
        }
        _ => None,
    }
}

/// The number of a digit string that is exactly its decimal form (no sign, no leading zero
/// but in `0`, fits in a `u64`): such a string can be kept as its number.
#[must_use]
pub const fn parse_canonical_digits(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.len() > 1 && b[0] == b'0' {
        return None;
    }
    parse_digits(s)
}

/// Whether `s` is one or more ASCII digits (the pattern `^\d+$`).
#[must_use]
pub const fn is_digits(s: &str) -> bool {
    let b = s.as_bytes();
    if b.is_empty() {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            return false;
        }
        i += 1;
    }
    true
}

/// The number of days in `month` (1-12) of `year` in the proleptic Gregorian calendar, or `0`
/// for a month outside 1-12.
#[must_use]
pub const fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Leap years: divisible by 4 and not by 100, or divisible by 400.
const fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// The value of an ASCII decimal digit.
const fn digit(c: u8) -> Option<u8> {
    if c.is_ascii_digit() {
        Some(c - b'0')
    } else {
        None
    }
}

/// The value of the two ASCII digits at `b[at..at + 2]` (the caller checks the length).
const fn two_digits(b: &[u8], at: usize) -> Option<u8> {
    match (digit(b[at]), digit(b[at + 1])) {
        (Some(tens), Some(ones)) => Some(tens * 10 + ones),
        _ => None,
    }
}

/// Whether `b[at..]` starts with `expected`.
const fn bytes_at(b: &[u8], at: usize, expected: &[u8]) -> bool {
    if at + expected.len() > b.len() {
        return false;
    }
    let mut i = 0;
    while i < expected.len() {
        if b[at + i] != expected[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// `full-date = date-fullyear "-" date-month "-" date-mday` in `b[..10]`, a real calendar date.
const fn full_date(b: &[u8]) -> Option<(u16, u8, u8)> {
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (Some(century), Some(year_in_century), Some(month), Some(day)) = (
        two_digits(b, 0),
        two_digits(b, 2),
        two_digits(b, 5),
        two_digits(b, 8),
    ) else {
        return None;
    };
    let year = century as u16 * 100 + year_in_century as u16;
    if day == 0 || day > days_in_month(year, month) {
        // Also rejects month 00 and months above 12, which have 0 days.
        return None;
    }
    Some((year, month, day))
}

// ---------------------------------------------------------------------------------------------
// date-time (RFC 3339 section 5.6)
// ---------------------------------------------------------------------------------------------

/// Whether `s` is an RFC 3339 `date-time` (JSON Schema format `"date-time"`), as the oracle
/// reads it: `YYYY-MM-DD`, `T` or `t`, `HH:MM:SS`, optional `.` and one or more digits, then `Z`,
/// `z` or `+HH:MM`/`-HH:MM` (hours 00-23, minutes 00-59).
///
/// Seconds may be `60` (a leap second) only when the time is 23:59 in UTC once the offset is
/// applied.
#[must_use]
pub const fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    // The shortest is `YYYY-MM-DDTHH:MM:SSZ`. Oracle: splits at the first `T` or `t` anywhere;
    // the date must be the 10 bytes before it (digits and dashes, so no `T` among them).
    if b.len() < 20 || (b[10] != b'T' && b[10] != b't') || !date_time_shape(b) {
        return false;
    }
    // Digits, by the shape: every two-digit number at once. With each byte's low nibble (a
    // digit's value; at most 15 elsewhere), byte `k` of `10 * v + (v >> 8)` is
    // `10 * v[k] + v[k + 1]`, at most 165: no carry reaches the next byte.
    const fn pairs(b: &[u8], at: usize) -> u64 {
        let v = match b.split_at(at).1.first_chunk::<8>() {
            Some(chunk) => u64::from_le_bytes(*chunk) & (LOW * 0x0f),
            None => 0,
        };
        v.wrapping_mul(10).wrapping_add(v >> 8)
    }
    const fn byte(word: u64, k: u32) -> u8 {
        (word >> (8 * k)) as u8
    }
    // `YYYY-MM-` `DDTHH:MM` and (from 11) `HH:MM:SS`.
    let (date, time, seconds) = (pairs(b, 0), pairs(b, 8), pairs(b, 11));
    let year = byte(date, 0) as u16 * 100 + byte(date, 2) as u16;
    let (month, day) = (byte(date, 5), byte(time, 0));
    let (hour, minute, second) = (byte(time, 3), byte(time, 6), byte(seconds, 6));
    if day == 0 || day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 60 {
        // Month 00 and months above 12 have 0 days.
        return false;
    }
    let len = b.len();
    // The usual form, `YYYY-MM-DDTHH:MM:SSZ`, without the general offset reading.
    if len == 20 && (b[19] == b'Z' || b[19] == b'z') {
        return second != 60 || utc_minute_of_day(hour, minute, 0) == 23 * 60 + 59;
    }
    // Oracle: a leap second is valid only at 23:59 UTC; it does not check the date.
    time_tail(b, 19, hour, minute, second)
}

/// The rest of a time after its seconds, from `b[at]`: an optional fraction (`.` and one or
/// more digits), then the offset; and a leap second only at 23:59 UTC.
const fn time_tail(b: &[u8], at: usize, hour: u8, minute: u8, second: u8) -> bool {
    let mut at = at;
    if at < b.len() && b[at] == b'.' {
        // `time-secfrac = "." 1*DIGIT`
        at += 1;
        let digits = at;
        while at < b.len() && b[at].is_ascii_digit() {
            at += 1;
        }
        if at == digits {
            return false;
        }
    }
    let Some(offset) = time_offset(b, at) else {
        return false;
    };
    second != 60 || utc_minute_of_day(hour, minute, offset) == 23 * 60 + 59
}

/// Whether `s` is an RFC 3339 `full-date` (JSON Schema format `"date"`): exactly
/// `YYYY-MM-DD`, a real proleptic-Gregorian date, any year `0000`-`9999`.
#[must_use]
pub const fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10 && full_date(b).is_some()
}

/// Whether `s` is an RFC 3339 `full-time` (JSON Schema format `"time"`), as the oracle reads
/// it: `HH:MM:SS` (hours 00-23, minutes 00-59, seconds 00-60), optional `.` and one or more
/// digits, then `Z`, `z` or `+HH:MM`/`-HH:MM` (hours 00-23, minutes 00-59); the offset is
/// required. Seconds may be `60` only when the time is 23:59 in UTC once the offset is applied.
#[must_use]
pub const fn is_time(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 9 || b[2] != b':' || b[5] != b':' {
        return false;
    }
    let (Some(hour), Some(minute), Some(second)) =
        (two_digits(b, 0), two_digits(b, 3), two_digits(b, 6))
    else {
        return false;
    };
    if hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    time_tail(b, 8, hour, minute, second)
}

/// Whether `b[..19]` (at least 20 bytes) is `DDDD-DD-DD?DD:DD:DD`, eight bytes at a time: an
/// ASCII byte `c` lies in `lo..=hi` exactly when `(c | 0x80) - lo` and `(hi | 0x80) - c` keep
/// their high bits (no subtraction borrows across bytes, every operand byte being below 0x80).
const fn date_time_shape(b: &[u8]) -> bool {
    const fn word(b: &[u8], at: usize) -> u64 {
        match b.split_at(at).1.first_chunk::<8>() {
            Some(chunk) => u64::from_le_bytes(*chunk),
            None => HIGH,
        }
    }
    /// The high bit of each byte of `word` that is not ASCII or not in its range.
    const fn outside(word: u64, lo: &[u8; 8], hi: &[u8; 8]) -> u64 {
        let (lo, hi) = (u64::from_le_bytes(*lo), u64::from_le_bytes(*hi));
        let inside = ((word | HIGH).wrapping_sub(lo)) & ((hi | HIGH).wrapping_sub(word));
        (word | !inside) & HIGH
    }
    // One test for the three words.
    (outside(word(b, 0), b"0000-00-", b"9999-99-")
        | outside(word(b, 8), b"00\x0000:00", b"99\x7f99:99")
        | outside(word(b, 11), b"00:00:00", b"99:99:99"))
        == 0
}

/// `time-offset = "Z" / "z" / ("+" / "-") HH ":" MM` filling `b[at..]`, in minutes east of UTC.
const fn time_offset(b: &[u8], at: usize) -> Option<i32> {
    let len = b.len();
    if at >= len {
        return None;
    }
    let sign = match b[at] {
        b'Z' | b'z' if at + 1 == len => return Some(0),
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    if len - at != 6 || b[at + 3] != b':' {
        return None;
    }
    let (Some(hours), Some(minutes)) = (two_digits(b, at + 1), two_digits(b, at + 4)) else {
        return None;
    };
    if hours > 23 || minutes > 59 {
        return None;
    }
    Some(sign * (hours as i32 * 60 + minutes as i32))
}

/// The minute of the day in UTC of local time `hour:minute` at `offset` minutes east of UTC.
const fn utc_minute_of_day(hour: u8, minute: u8, offset: i32) -> i32 {
    (hour as i32 * 60 + minute as i32 - offset).rem_euclid(24 * 60)
}

// ---------------------------------------------------------------------------------------------
// ipv4 and ipv6 (as Rust's `Ipv4Addr` / `Ipv6Addr` `FromStr`, which the oracle uses)
// ---------------------------------------------------------------------------------------------

/// Whether `s` is a dotted-quad IPv4 address (JSON Schema format `"ipv4"`): exactly four
/// decimal octets 0-255 separated by `.`.
///
/// Oracle: a leading zero (`01.2.3.4`) is rejected, as Rust's `Ipv4Addr` parser does.
#[must_use]
pub const fn is_ipv4(s: &str) -> bool {
    let b = s.as_bytes();
    matches!(ipv4_end(b, 0, b.len()), Some(end) if end == b.len())
}

/// Whether `s` is an IPv6 address (JSON Schema format `"ipv6"`): eight groups of 1-4 hex
/// digits separated by `:`, one `::` standing for one or more zero groups, and optionally a
/// dotted-quad IPv4 address as the last two groups.
///
/// Oracle: no zone id (`fe80::1%eth0`), no brackets, and `::` must replace at least one group
/// (`1:2:3:4:5:6:7::8` is rejected), as Rust's `Ipv6Addr` parser does.
#[must_use]
pub const fn is_ipv6(s: &str) -> bool {
    let b = s.as_bytes();
    // The first group has at most four digits: a colon comes within the first five bytes
    // (host names, the usual other candidate, fail here at once).
    let mut i = 0;
    while i < b.len() && i < 5 && b[i] != b':' {
        i += 1;
    }
    i < b.len() && i < 5 && ipv6_in(b, 0, b.len())
}

/// `dec-octet` starting at `b[at]` and ending by `end`: 1-3 digits, no leading zero, at most
/// 255. Returns the index after it.
const fn dec_octet(b: &[u8], at: usize, end: usize) -> Option<usize> {
    let mut i = at;
    let mut value: u32 = 0;
    while i < end && b[i].is_ascii_digit() {
        if i - at == 3 {
            // Rust's parser fails on a fourth digit rather than stopping before it.
            return None;
        }
        value = value * 10 + (b[i] - b'0') as u32;
        i += 1;
    }
    if i == at || value > 255 || (b[at] == b'0' && i - at > 1) {
        None
    } else {
        Some(i)
    }
}

/// `IPv4address = dec-octet 3("." dec-octet)` starting at `b[at]`; returns the index after it.
const fn ipv4_end(b: &[u8], at: usize, end: usize) -> Option<usize> {
    let mut i = at;
    let mut octets = 0;
    loop {
        let Some(after) = dec_octet(b, i, end) else {
            return None;
        };
        octets += 1;
        if octets == 4 {
            return Some(after);
        }
        if after >= end || b[after] != b'.' {
            return None;
        }
        i = after + 1;
    }
}

/// `h16 = 1*4HEXDIG` starting at `b[at]`; returns the index after it. A fifth hex digit is an
/// error, as in Rust's parser.
const fn h16_end(b: &[u8], at: usize, end: usize) -> Option<usize> {
    let mut i = at;
    while i < end && b[i].is_ascii_hexdigit() {
        if i - at == 4 {
            return None;
        }
        i += 1;
    }
    if i == at { None } else { Some(i) }
}

/// Up to `limit` `:`-separated groups from `b[at]`, read as Rust's `Ipv6Addr` parser reads
/// them: an embedded IPv4 address counts as two groups, only where two remain, and ends the
/// run. Returns the index after the run, the groups read and whether the last was IPv4.
const fn ipv6_groups(b: &[u8], at: usize, end: usize, limit: usize) -> (usize, usize, bool) {
    let mut i = at;
    let mut groups = 0;
    while groups < limit {
        let start = if groups == 0 {
            i
        } else if i < end && b[i] == b':' {
            i + 1
        } else {
            break;
        };
        if groups + 1 < limit
            && let Some(after) = ipv4_end(b, start, end)
        {
            return (after, groups + 2, true);
        }
        let Some(after) = h16_end(b, start, end) else {
            break;
        };
        i = after;
        groups += 1;
    }
    (i, groups, false)
}

/// `IPv6address` filling exactly `b[at..end]`: eight groups, or a head and a tail of fewer
/// around one `::`; an IPv4 address may only end the tail (or the full eight).
const fn ipv6_in(b: &[u8], at: usize, end: usize) -> bool {
    let (head_end, head, head_ipv4) = ipv6_groups(b, at, end, 8);
    if head == 8 {
        return head_end == end;
    }
    if head_ipv4 || head_end + 2 > end || b[head_end] != b':' || b[head_end + 1] != b':' {
        return false;
    }
    let (tail_end, _, _) = ipv6_groups(b, head_end + 2, end, 7 - head);
    tail_end == end
}

// ---------------------------------------------------------------------------------------------
// hostname (RFC 1123 labels, plus the oracle's RFC 5890-5892 A-label checks)
// ---------------------------------------------------------------------------------------------

/// Whether `s` is a host name (JSON Schema format `"hostname"`, draft 7): 1-253 bytes of
/// `.`-separated labels, each 1-63 ASCII letters, digits or hyphens, not starting or ending
/// with a hyphen.
///
/// Oracle: a trailing dot (`example.com.`) is rejected; a label with `--` in its third and
/// fourth places must be an A-label, `xn--` (lower-case only) followed by Punycode that
/// decodes to letters, digits and combining marks meeting RFC 5892's context rules.
#[must_use]
pub const fn is_hostname(s: &str) -> bool {
    let b = s.as_bytes();
    let len = b.len();
    if len == 0 || len > 253 || b[len - 1] == b'.' {
        return false;
    }
    if len > 16 && len < 64 {
        // `None` for a name with `--`, whose label may be an A-label: read below.
        if let Some(answer) = plain_hostname(b) {
            return answer;
        }
    }
    let mut start = 0;
    let mut pos = 0;
    // Whole words first: every byte's class at once, then each dot ends a label.
    while let Some(chunk) = b.split_at(pos).1.first_chunk::<8>() {
        let word = u64::from_le_bytes(*chunk);
        if word & HIGH != 0 {
            return false;
        }
        let dots = bytes_in(word, b'.', b'.');
        // `| 0x20` folds upper-case letters onto lower-case ones and moves no other ASCII byte
        // into `a..=z`.
        let allowed = bytes_in(word | (LOW * 0x20), b'a', b'z')
            | bytes_in(word, b'0', b'9')
            | bytes_in(word, b'-', b'-')
            | dots;
        if allowed != HIGH {
            return false;
        }
        let mut rest = dots;
        while rest != 0 {
            let at = pos + (rest.trailing_zeros() / 8) as usize;
            if !is_hostname_label(b, start, at) {
                return false;
            }
            start = at + 1;
            rest &= rest - 1;
        }
        pos += 8;
    }
    // The last bytes one at a time.
    while pos < len {
        match HOSTNAME_BYTES[b[pos] as usize] {
            LABEL_BYTE => {}
            DOT => {
                if !is_hostname_label(b, start, pos) {
                    return false;
                }
                start = pos + 1;
            }
            _ => return false,
        }
        pos += 1;
    }
    is_hostname_label(b, start, len)
}

/// [`is_hostname`] for a name of 17-63 bytes, which has no room for a label over 63 bytes:
/// every other rule then holds at each byte given the byte before it, so the name is read in
/// fixed windows (which the compiler turns into vector instructions) rather than label by
/// label. `None` when the name has a `--`, whose label may have to be read as an A-label.
#[inline(always)]
const fn plain_hostname(b: &[u8]) -> Option<bool> {
    let len = b.len();
    // Before the first byte the rules see a dot: it must start a label.
    if !b[0].is_ascii_alphanumeric() || b[len - 1] == b'-' {
        return Some(false);
    }
    let (refused, doubled) = if len > 32 {
        // Windows at 1, 17, 33, ..., the last one ending with the name.
        let (mut refused, mut doubled) = (false, false);
        let mut at = 1;
        loop {
            let from = if at + 16 > len { len - 16 } else { at };
            let (r, d) = hostname_window(b, from);
            refused |= r;
            doubled |= d;
            if from + 16 == len {
                break;
            }
            at += 16;
        }
        (refused, doubled)
    } else {
        let (r, d) = hostname_window(b, 1);
        let (r2, d2) = hostname_window(b, len - 16);
        (r | r2, d | d2)
    };
    if refused {
        Some(false)
    } else if doubled {
        None
    } else {
        Some(true)
    }
}

/// The host name rules for the 16 bytes of `b` from `from` (at least 1), each with the byte
/// before it: (some byte is refused, some byte is a hyphen after a hyphen). A byte is refused
/// when it is not a letter, digit, hyphen or dot, when a dot follows a dot or a hyphen (an
/// empty label, or one ending with a hyphen), or when a hyphen follows a dot (a label
/// starting with one). The loop has no branches, so it compiles to vector compares.
#[inline(always)]
const fn hostname_window(b: &[u8], from: usize) -> (bool, bool) {
    let Some(bytes) = b.split_at(from - 1).1.first_chunk::<17>() else {
        return (true, false);
    };
    let (Some((previous, _)), Some(current)) =
        (bytes.split_first_chunk::<16>(), bytes.last_chunk::<16>())
    else {
        return (true, false);
    };
    let (mut refused, mut doubled) = (0u8, 0u8);
    let mut i = 0;
    while i < 16 {
        let (c, p) = (current[i], previous[i]);
        // `| 0x20` folds upper-case letters onto lower-case ones; a byte at or above 0x80 stays
        // there, outside both ranges.
        let letter = (c | 0x20).wrapping_sub(b'a') < 26;
        let digit = c.wrapping_sub(b'0') < 10;
        let (dot, hyphen) = (c == b'.', c == b'-');
        let (after_dot, after_hyphen) = (p == b'.', p == b'-');
        let bad = !(letter | digit | dot | hyphen)
            | (dot & (after_dot | after_hyphen))
            | (hyphen & after_dot);
        refused |= bad as u8;
        doubled |= (hyphen & after_hyphen) as u8;
        i += 1;
    }
    (refused != 0, doubled != 0)
}

/// The high bit of each byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;
/// The low bit of each byte of a word.
const LOW: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of `word` (all ASCII) that lies in `lo..=hi`: `(c | 0x80) - lo`
/// and `(hi | 0x80) - c` both keep their high bit exactly then, and neither subtraction borrows
/// across bytes since every operand byte is below 0x80.
const fn bytes_in(word: u64, lo: u8, hi: u8) -> u64 {
    ((word | HIGH).wrapping_sub(LOW * lo as u64))
        & (((LOW * hi as u64) | HIGH).wrapping_sub(word))
        & HIGH
}

/// A letter, digit or hyphen, in [`HOSTNAME_BYTES`].
const LABEL_BYTE: u8 = 1;
/// A dot, in [`HOSTNAME_BYTES`].
const DOT: u8 = 2;

/// The class of each byte in a hostname: [`LABEL_BYTE`], [`DOT`], or 0 (not allowed).
const HOSTNAME_BYTES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut c = 0;
    while c < 128 {
        if (c as u8).is_ascii_alphanumeric() || c == b'-' as usize {
            table[c] = LABEL_BYTE;
        }
        c += 1;
    }
    table[b'.' as usize] = DOT;
    table
};

/// One `label` in `b[start..end]`, whose bytes are letters, digits and hyphens: 1-63 of them,
/// no hyphen at either end, and an A-label if it has `--` in its third and fourth places.
#[inline(always)]
const fn is_hostname_label(b: &[u8], start: usize, end: usize) -> bool {
    let len = end - start;
    if len == 0 || len > 63 || b[start] == b'-' || b[end - 1] == b'-' {
        return false;
    }
    if len >= 4 && b[start + 2] == b'-' && b[start + 3] == b'-' {
        // Oracle: only a lower-case `xn--` prefix makes an A-label; `XN--` and `ab--` fail.
        return b[start] == b'x' && b[start + 1] == b'n' && is_a_label_payload(b, start + 4, end);
    }
    true
}

/// The most code points a Punycode payload of a 63-byte label decodes to (each takes at least
/// one payload byte).
const MAX_DECODED: usize = 63;

/// Whether the Punycode payload `b[start..end]` (after `xn--`) decodes to a valid U-label.
const fn is_a_label_payload(b: &[u8], start: usize, end: usize) -> bool {
    let mut decoded = [0u32; MAX_DECODED];
    match decode_punycode(b, start, end, &mut decoded) {
        Some(len) => is_u_label(&decoded, len),
        None => false,
    }
}

/// Punycode parameters (RFC 3492 section 5).
const PUNYCODE_BASE: u32 = 36;
const PUNYCODE_TMIN: u32 = 1;
const PUNYCODE_TMAX: u32 = 26;
const PUNYCODE_SKEW: u32 = 38;
const PUNYCODE_DAMP: u32 = 700;
const PUNYCODE_INITIAL_BIAS: u32 = 72;
const PUNYCODE_INITIAL_N: u32 = 128;

/// Decodes the Punycode `b[start..end]` (RFC 3492 section 6.2) into `out`, returning the
/// number of code points; `None` on a bad digit, an overflow or a non-scalar code point.
const fn decode_punycode(
    b: &[u8],
    start: usize,
    end: usize,
    out: &mut [u32; MAX_DECODED],
) -> Option<usize> {
    // The basic code points precede the last `-`; a `-` in first place is not a delimiter.
    let mut basic_end = start;
    let mut i = end;
    while i > start + 1 {
        i -= 1;
        if b[i] == b'-' {
            basic_end = i;
            break;
        }
    }
    let mut len = 0;
    i = start;
    while i < basic_end {
        out[len] = b[i] as u32;
        len += 1;
        i += 1;
    }
    let mut pos = if basic_end > start {
        basic_end + 1
    } else {
        start
    };
    let mut code_point = PUNYCODE_INITIAL_N;
    let mut index: u32 = 0;
    let mut bias = PUNYCODE_INITIAL_BIAS;
    while pos < end {
        let previous = index;
        let mut weight: u32 = 1;
        let mut k = PUNYCODE_BASE;
        loop {
            if pos >= end {
                return None;
            }
            let Some(digit) = punycode_digit(b[pos]) else {
                return None;
            };
            pos += 1;
            let Some(step) = digit.checked_mul(weight) else {
                return None;
            };
            let Some(next) = index.checked_add(step) else {
                return None;
            };
            index = next;
            let threshold = punycode_threshold(k, bias);
            if digit < threshold {
                break;
            }
            let Some(next_weight) = weight.checked_mul(PUNYCODE_BASE - threshold) else {
                return None;
            };
            weight = next_weight;
            k += PUNYCODE_BASE;
        }
        let count = len as u32 + 1;
        bias = punycode_adapt(index - previous, count, previous == 0);
        let Some(next_code_point) = code_point.checked_add(index / count) else {
            return None;
        };
        code_point = next_code_point;
        index %= count;
        if char::from_u32(code_point).is_none() || len == MAX_DECODED {
            return None;
        }
        // Insert `code_point` at `index`.
        let mut j = len;
        while j > index as usize {
            out[j] = out[j - 1];
            j -= 1;
        }
        out[index as usize] = code_point;
        len += 1;
        index += 1;
    }
    Some(len)
}

/// The value of a Punycode digit: `a`-`z` (either case) are 0-25, `0`-`9` are 26-35.
const fn punycode_digit(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some((c - b'0') as u32 + 26),
        b'A'..=b'Z' => Some((c - b'A') as u32),
        b'a'..=b'z' => Some((c - b'a') as u32),
        _ => None,
    }
}

/// The threshold `t` for position `k` (RFC 3492 section 6.2).
const fn punycode_threshold(k: u32, bias: u32) -> u32 {
    if k <= bias {
        PUNYCODE_TMIN
    } else if k >= bias + PUNYCODE_TMAX {
        PUNYCODE_TMAX
    } else {
        k - bias
    }
}

/// Bias adaptation (RFC 3492 section 6.1).
const fn punycode_adapt(delta: u32, count: u32, first: bool) -> u32 {
    let mut delta = if first {
        delta / PUNYCODE_DAMP
    } else {
        delta / 2
    };
    delta += delta / count;
    let mut k = 0;
    while delta > ((PUNYCODE_BASE - PUNYCODE_TMIN) * PUNYCODE_TMAX) / 2 {
        delta /= PUNYCODE_BASE - PUNYCODE_TMIN;
        k += PUNYCODE_BASE;
    }
    k + ((PUNYCODE_BASE - PUNYCODE_TMIN + 1) * delta) / (delta + PUNYCODE_SKEW)
}

/// The oracle's checks on a decoded label `cps[..len]`: no combining mark first, every
/// non-ASCII code point a letter, mark or decimal digit (or an RFC 5892 exception), and the
/// RFC 5892 appendix A context rules.
const fn is_u_label(cps: &[u32; MAX_DECODED], len: usize) -> bool {
    if len > 0 && is_mark(cps[0]) {
        return false;
    }
    let mut katakana_middle_dot = false;
    let mut hiragana_katakana_han = false;
    let mut arabic_indic = false;
    let mut extended_arabic_indic = false;
    let mut i = 0;
    while i < len {
        let c = cps[i];
        let previous = if i > 0 { Some(cps[i - 1]) } else { None };
        let next = if i + 1 < len { Some(cps[i + 1]) } else { None };
        match c {
            // ZERO WIDTH JOINER only after a virama.
            0x200D if !matches!(previous, Some(p) if is_virama(p)) => return false,
            // MIDDLE DOT only between two `l`s.
            0x00B7 if !matches!(previous, Some(0x6C)) || !matches!(next, Some(0x6C)) => {
                return false;
            }
            // GREEK LOWER NUMERAL SIGN only before a Greek character.
            0x0375 if !matches!(next, Some(0x0370..=0x03FF)) => return false,
            // HEBREW GERESH and GERSHAYIM only after a Hebrew character.
            0x05F3 | 0x05F4 if !matches!(previous, Some(0x0590..=0x05FF)) => return false,
            0x30FB => katakana_middle_dot = true,
            // Oracle: Hiragana, Katakana and these Han code points pass without a category
            // check, unassigned ones included.
            0x3040..=0x30FF | 0x4E00..=0x9FFF => hiragana_katakana_han = true,
            0x0660..=0x0669 => arabic_indic = true,
            0x06F0..=0x06F9 => extended_arabic_indic = true,
            // DISALLOWED by RFC 5892.
            0x0640 | 0x07FA | 0x302E | 0x302F | 0x3031..=0x3035 | 0x303B => return false,
            // Oracle: ZERO WIDTH NON-JOINER passes with no context check. These are the
            // contextual characters that passed above and the RFC 5892 PVALID exceptions.
            0x200C | 0x200D | 0x00B7 | 0x0375 | 0x05F3 | 0x05F4 | 0x06FD | 0x06FE | 0x0F0B
            | 0x3007 => {}
            _ if c >= 0x80 && !is_pvalid_category(c) => return false,
            _ => {}
        }
        i += 1;
    }
    (hiragana_katakana_han || !katakana_middle_dot) && !(arabic_indic && extended_arabic_indic)
}

/// The viramas after which RFC 5892 appendix A.2 allows ZERO WIDTH JOINER, as the oracle lists
/// them.
const VIRAMAS: [u32; 50] = [
    0x094D, 0x09CD, 0x0A4D, 0x0ACD, 0x0B4D, 0x0BCD, 0x0C4D, 0x0CCD, 0x0D4D, 0x0DCA, 0x0E3A, 0x0F84,
    0x1039, 0x1714, 0x1734, 0x17D2, 0x1A60, 0x1B44, 0x1BAA, 0x1BF2, 0x1BF3, 0x2D7F, 0xA806, 0xA8C4,
    0xA953, 0xABED, 0x10A3F, 0x11046, 0x1107F, 0x110B9, 0x11133, 0x111C0, 0x11235, 0x112EA,
    0x1134D, 0x11442, 0x114C2, 0x115BF, 0x1163F, 0x116B6, 0x1172B, 0x11839, 0x119E0, 0x11A34,
    0x11A47, 0x11A99, 0x11C3F, 0x11D44, 0x11D45, 0x11D97,
];

/// Whether `c` is one of [`VIRAMAS`].
const fn is_virama(c: u32) -> bool {
    let mut i = 0;
    while i < VIRAMAS.len() {
        if VIRAMAS[i] == c {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether `c` has Unicode general category L*, Mn, Mc or Nd (the oracle's PVALID test).
const fn is_pvalid_category(c: u32) -> bool {
    in_ranges(&PVALID_CATEGORY, c)
}

/// Whether `c` has Unicode general category Mn, Mc or Me (a combining mark).
const fn is_mark(c: u32) -> bool {
    in_ranges(&MARK_CATEGORY, c)
}

/// Binary search of `c` in `ranges`, sorted inclusive `first, last` pairs.
const fn in_ranges(ranges: &[u32], c: u32) -> bool {
    let mut lo = 0;
    let mut hi = ranges.len() / 2;
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if c < ranges[2 * mid] {
            hi = mid;
        } else if c > ranges[2 * mid + 1] {
            lo = mid + 1;
        } else {
            return true;
        }
    }
    false
}

// ---------------------------------------------------------------------------------------------
// uri (RFC 3986 absolute URI)
// ---------------------------------------------------------------------------------------------

/// Whether `s` is an RFC 3986 URI with a scheme (JSON Schema format `"uri"`): `scheme ":"`,
/// optionally `"//" authority`, a path, then optional `"?" query` and `"#" fragment`, all in
/// ASCII with well-formed `%XX` escapes.
///
/// Oracle: an authority without an IP literal is `[userinfo "@"] host [":" port]` where the
/// host runs to the first `:` or `@` and may be empty (`http://`, `http://:80` pass), and the
/// port is any run of digits. An IP literal (`[...]`) must be an IPv6 address or `IPvFuture`
/// and may only follow `//` or `userinfo@`.
#[must_use]
pub const fn is_uri(s: &str) -> bool {
    uri_like(s.as_bytes(), true, false)
}

/// Whether `s` is an RFC 3986 URI or relative reference (JSON Schema format
/// `"uri-reference"`): as [`is_uri`], or without a scheme: `"//" authority` and the rest, or
/// a path whose first segment has no `:` (`./a:b`, `?q`, `#f` and the empty string pass).
#[must_use]
pub const fn is_uri_reference(s: &str) -> bool {
    uri_like(s.as_bytes(), false, false)
}

/// Whether `s` is an RFC 3987 IRI (JSON Schema format `"iri"`): as [`is_uri`], and the
/// characters RFC 3987 calls `ucschar` may also stand unescaped in the userinfo, host, path,
/// query and fragment, and `iprivate` ones in the query. Never in the scheme, port or an IP
/// literal.
#[must_use]
pub const fn is_iri(s: &str) -> bool {
    uri_like(s.as_bytes(), true, true)
}

/// Whether `s` is an RFC 3987 IRI or relative reference (JSON Schema format
/// `"iri-reference"`): [`is_uri_reference`] with the characters of [`is_iri`].
#[must_use]
pub const fn is_iri_reference(s: &str) -> bool {
    uri_like(s.as_bytes(), false, true)
}

/// A URI (`scheme_required`) or URI reference, with the IRI characters when `iri`.
const fn uri_like(b: &[u8], scheme_required: bool, iri: bool) -> bool {
    let (path, query, fragment) = if iri {
        (UCS, UCS | PRIVATE, UCS)
    } else {
        (0, 0, 0)
    };
    let mut at = match scheme_len(b) {
        Some(scheme) => scheme + 1,
        None if scheme_required => return false,
        None => {
            // A relative reference: its first segment (before `/`, `?` or `#`) has no `:`,
            // which would make it a scheme (one that is not valid: `1a:b`, `:x`).
            let mut i = 0;
            while i < b.len() && !matches!(b[i], b'/' | b'?' | b'#') {
                if b[i] == b':' {
                    return false;
                }
                i += 1;
            }
            0
        }
    };
    if bytes_at(b, at, b"//") {
        let Some(end) = uri_scan(b, at + 2, AUTHORITY, path) else {
            return false;
        };
        if end < b.len() && (b[end] == b'[' || b[end] == b']') {
            // Oracle: a bracket here sends the oracle to `fluent-uri`'s full parser.
            let Some(after) = ip_literal_authority(b, at + 2, end) else {
                return false;
            };
            at = after;
        } else if is_authority(b, at + 2, end) {
            at = end;
        } else {
            return false;
        }
    }
    is_path_query_fragment(b, at, path, query, fragment)
}

/// IRI characters that [`uri_scan`] may take besides ASCII: `ucschar`.
const UCS: u8 = 1;
/// IRI characters that [`uri_scan`] may take besides ASCII: `iprivate`.
const PRIVATE: u8 = 2;

/// Whether code point `c` is RFC 3987 `ucschar`.
const fn is_ucschar(c: u32) -> bool {
    matches!(c, 0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF | 0xE1000..=0xEFFFD)
        || (c >= 0x10000 && c <= 0xDFFFF && (c & 0xFFFF) <= 0xFFFD)
}

/// Whether code point `c` is RFC 3987 `iprivate`.
const fn is_iprivate(c: u32) -> bool {
    matches!(c, 0xE000..=0xF8FF) || (c >= 0xF0000 && (c & 0xFFFF) <= 0xFFFD)
}

/// The code point starting at `b[i]` (valid UTF-8: `b` is a `str`'s bytes) and its length.
const fn decode_char(b: &[u8], i: usize) -> (u32, usize) {
    const fn next(b: &[u8], at: usize) -> u32 {
        (b[at] as u32) & 0x3F
    }
    let first = b[i] as u32;
    if first < 0x80 {
        (first, 1)
    } else if first < 0xE0 {
        (((first & 0x1F) << 6) | next(b, i + 1), 2)
    } else if first < 0xF0 {
        (
            ((first & 0x0F) << 12) | (next(b, i + 1) << 6) | next(b, i + 2),
            3,
        )
    } else {
        (
            ((first & 0x07) << 18)
                | (next(b, i + 1) << 12)
                | (next(b, i + 2) << 6)
                | next(b, i + 3),
            4,
        )
    }
}

/// `unreserved / sub-delims`: everything a `reg-name` holds besides percent-encodings.
const REG_NAME: u8 = 1;
/// `:`
const COLON: u8 = 2;
/// `@`
const AT: u8 = 4;
/// `/`
const SLASH: u8 = 8;
/// `?`
const QUESTION: u8 = 16;
/// `pchar / "/"`
const PATH: u8 = REG_NAME | COLON | AT | SLASH;
/// `query` and `fragment`: `pchar / "/" / "?"`
const QUERY: u8 = PATH | QUESTION;
/// `userinfo`, `host` and `port` characters, and the `@` between them.
const AUTHORITY: u8 = REG_NAME | COLON | AT;

/// The URI character classes byte `c` belongs to (`%` belongs to none; see [`uri_scan`]).
#[inline(always)]
const fn uri_class(c: u8) -> u8 {
    URI_CLASSES[c as usize]
}

/// [`uri_class`] of every byte, looked up rather than matched (a URI is scanned a byte at a
/// time).
const URI_CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        table[c] = match c as u8 {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => REG_NAME,
            b'-' | b'.' | b'_' | b'~' => REG_NAME,
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' => REG_NAME,
            b':' => COLON,
            b'@' => AT,
            b'/' => SLASH,
            b'?' => QUESTION,
            _ => 0,
        };
        c += 1;
    }
    table
};

/// The end of the run of `class` bytes, `%XX` escapes and the non-ASCII characters `unicode`
/// allows ([`UCS`], [`PRIVATE`]) from `b[at]`; `None` on a broken escape.
const fn uri_scan(b: &[u8], at: usize, class: u8, unicode: u8) -> Option<usize> {
    let mut i = at;
    while i < b.len() {
        if uri_class(b[i]) & class != 0 {
            i += 1;
        } else if b[i] == b'%' {
            if i + 3 > b.len() || !b[i + 1].is_ascii_hexdigit() || !b[i + 2].is_ascii_hexdigit() {
                return None;
            }
            i += 3;
        } else if b[i] >= 0x80 && unicode != 0 {
            let (c, len) = decode_char(b, i);
            if (unicode & UCS != 0 && is_ucschar(c)) || (unicode & PRIVATE != 0 && is_iprivate(c)) {
                i += len;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    Some(i)
}

/// `scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`; its length if a `:` follows it.
const fn scheme_len(b: &[u8]) -> Option<usize> {
    if b.is_empty() || !b[0].is_ascii_alphabetic() {
        return None;
    }
    let mut i = 1;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'+' | b'-' | b'.')) {
        i += 1;
    }
    if i < b.len() && b[i] == b':' {
        Some(i)
    } else {
        None
    }
}

/// `[ userinfo "@" ] host [ ":" port ]` in `b[start..end]`, already limited to authority
/// characters and sound escapes: after the first `@` the host runs to the first `:` or `@`,
/// and only digits may follow a `:`.
const fn is_authority(b: &[u8], start: usize, end: usize) -> bool {
    let mut host = start;
    let mut i = start;
    while i < end {
        if b[i] == b'@' {
            host = i + 1;
            break;
        }
        i += 1;
    }
    i = host;
    while i < end && b[i] != b':' && b[i] != b'@' {
        i += 1;
    }
    if i == end {
        return true;
    }
    if b[i] == b'@' {
        return false;
    }
    i += 1;
    while i < end {
        if !b[i].is_ascii_digit() {
            return false;
        }
        i += 1;
    }
    true
}

/// `[ userinfo "@" ] IP-literal [ ":" *DIGIT ]` from `b[start]`, where the authority scan
/// stopped at the bracket `b[bracket]`. Returns the index after it, which must end the input
/// or start a path, query or fragment.
const fn ip_literal_authority(b: &[u8], start: usize, bracket: usize) -> Option<usize> {
    let len = b.len();
    if b[bracket] != b'[' {
        return None;
    }
    if bracket > start {
        // A userinfo must run up to the `@` just before `[`, with no other `@`.
        if b[bracket - 1] != b'@' {
            return None;
        }
        let mut i = start;
        while i < bracket - 1 {
            if b[i] == b'@' {
                return None;
            }
            i += 1;
        }
    }
    let mut close = bracket + 1;
    while close < len && b[close] != b']' {
        close += 1;
    }
    if close == len || !(ipv6_in(b, bracket + 1, close) || is_ipv_future(b, bracket + 1, close)) {
        return None;
    }
    let mut at = close + 1;
    if at < len && b[at] == b':' {
        at += 1;
        while at < len && b[at].is_ascii_digit() {
            at += 1;
        }
    }
    if at < len && !matches!(b[at], b'/' | b'?' | b'#') {
        return None;
    }
    Some(at)
}

/// `IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )` filling `b[start..end]`
/// (`v` in either case).
const fn is_ipv_future(b: &[u8], start: usize, end: usize) -> bool {
    if start >= end || (b[start] != b'v' && b[start] != b'V') {
        return false;
    }
    let mut i = start + 1;
    while i < end && b[i].is_ascii_hexdigit() {
        i += 1;
    }
    if i == start + 1 || i >= end || b[i] != b'.' {
        return false;
    }
    i += 1;
    if i == end {
        return false;
    }
    while i < end {
        if uri_class(b[i]) & (REG_NAME | COLON) == 0 {
            return false;
        }
        i += 1;
    }
    true
}

/// `path [ "?" query ] [ "#" fragment ]` from `b[at]` to the end of `b`, each part taking the
/// non-ASCII characters its `unicode` argument allows.
const fn is_path_query_fragment(b: &[u8], at: usize, path: u8, query: u8, fragment: u8) -> bool {
    let Some(mut at) = uri_scan(b, at, PATH, path) else {
        return false;
    };
    if at < b.len() && b[at] == b'?' {
        let Some(after) = uri_scan(b, at + 1, QUERY, query) else {
            return false;
        };
        at = after;
    }
    if at < b.len() && b[at] == b'#' {
        let Some(after) = uri_scan(b, at + 1, QUERY, fragment) else {
            return false;
        };
        at = after;
    }
    at == b.len()
}

// ---------------------------------------------------------------------------------------------
// Unicode general categories for the A-label checks
// ---------------------------------------------------------------------------------------------
//
// Generated from `unicode-general-category` 1.1.0 (Unicode 16.0.0), the crate the oracle
// uses, for code points from U+0080 up. Sorted inclusive `first, last` pairs; the
// differential test checks every code point against the oracle.

/// Code points of general category Lu, Ll, Lt, Lm, Lo, Mn, Mc or Nd.
#[rustfmt::skip]
const PVALID_CATEGORY: [u32; 1570] = [
    0x000AA, 0x000AA,  0x000B5, 0x000B5,  0x000BA, 0x000BA,  0x000C0, 0x000D6,
    0x000D8, 0x000F6,  0x000F8, 0x002C1,  0x002C6, 0x002D1,  0x002E0, 0x002E4,
    0x002EC, 0x002EC,  0x002EE, 0x002EE,  0x00300, 0x00374,  0x00376, 0x00377,
    0x0037A, 0x0037D,  0x0037F, 0x0037F,  0x00386, 0x00386,  0x00388, 0x0038A,
    0x0038C, 0x0038C,  0x0038E, 0x003A1,  0x003A3, 0x003F5,  0x003F7, 0x00481,
    0x00483, 0x00487,  0x0048A, 0x0052F,  0x00531, 0x00556,  0x00559, 0x00559,
    0x00560, 0x00588,  0x00591, 0x005BD,  0x005BF, 0x005BF,  0x005C1, 0x005C2,
    0x005C4, 0x005C5,  0x005C7, 0x005C7,  0x005D0, 0x005EA,  0x005EF, 0x005F2,
    0x00610, 0x0061A,  0x00620, 0x00669,  0x0066E, 0x006D3,  0x006D5, 0x006DC,
    0x006DF, 0x006E8,  0x006EA, 0x006FC,  0x006FF, 0x006FF,  0x00710, 0x0074A,
    0x0074D, 0x007B1,  0x007C0, 0x007F5,  0x007FA, 0x007FA,  0x007FD, 0x007FD,
    0x00800, 0x0082D,  0x00840, 0x0085B,  0x00860, 0x0086A,  0x00870, 0x00887,
    0x00889, 0x0088E,  0x00897, 0x008E1,  0x008E3, 0x00963,  0x00966, 0x0096F,
    0x00971, 0x00983,  0x00985, 0x0098C,  0x0098F, 0x00990,  0x00993, 0x009A8,
    0x009AA, 0x009B0,  0x009B2, 0x009B2,  0x009B6, 0x009B9,  0x009BC, 0x009C4,
    0x009C7, 0x009C8,  0x009CB, 0x009CE,  0x009D7, 0x009D7,  0x009DC, 0x009DD,
    0x009DF, 0x009E3,  0x009E6, 0x009F1,  0x009FC, 0x009FC,  0x009FE, 0x009FE,
    0x00A01, 0x00A03,  0x00A05, 0x00A0A,  0x00A0F, 0x00A10,  0x00A13, 0x00A28,
    0x00A2A, 0x00A30,  0x00A32, 0x00A33,  0x00A35, 0x00A36,  0x00A38, 0x00A39,
    0x00A3C, 0x00A3C,  0x00A3E, 0x00A42,  0x00A47, 0x00A48,  0x00A4B, 0x00A4D,
    0x00A51, 0x00A51,  0x00A59, 0x00A5C,  0x00A5E, 0x00A5E,  0x00A66, 0x00A75,
    0x00A81, 0x00A83,  0x00A85, 0x00A8D,  0x00A8F, 0x00A91,  0x00A93, 0x00AA8,
    0x00AAA, 0x00AB0,  0x00AB2, 0x00AB3,  0x00AB5, 0x00AB9,  0x00ABC, 0x00AC5,
    0x00AC7, 0x00AC9,  0x00ACB, 0x00ACD,  0x00AD0, 0x00AD0,  0x00AE0, 0x00AE3,
    0x00AE6, 0x00AEF,  0x00AF9, 0x00AFF,  0x00B01, 0x00B03,  0x00B05, 0x00B0C,
    0x00B0F, 0x00B10,  0x00B13, 0x00B28,  0x00B2A, 0x00B30,  0x00B32, 0x00B33,
    0x00B35, 0x00B39,  0x00B3C, 0x00B44,  0x00B47, 0x00B48,  0x00B4B, 0x00B4D,
    0x00B55, 0x00B57,  0x00B5C, 0x00B5D,  0x00B5F, 0x00B63,  0x00B66, 0x00B6F,
    0x00B71, 0x00B71,  0x00B82, 0x00B83,  0x00B85, 0x00B8A,  0x00B8E, 0x00B90,
    0x00B92, 0x00B95,  0x00B99, 0x00B9A,  0x00B9C, 0x00B9C,  0x00B9E, 0x00B9F,
    0x00BA3, 0x00BA4,  0x00BA8, 0x00BAA,  0x00BAE, 0x00BB9,  0x00BBE, 0x00BC2,
    0x00BC6, 0x00BC8,  0x00BCA, 0x00BCD,  0x00BD0, 0x00BD0,  0x00BD7, 0x00BD7,
    0x00BE6, 0x00BEF,  0x00C00, 0x00C0C,  0x00C0E, 0x00C10,  0x00C12, 0x00C28,
    0x00C2A, 0x00C39,  0x00C3C, 0x00C44,  0x00C46, 0x00C48,  0x00C4A, 0x00C4D,
    0x00C55, 0x00C56,  0x00C58, 0x00C5A,  0x00C5D, 0x00C5D,  0x00C60, 0x00C63,
    0x00C66, 0x00C6F,  0x00C80, 0x00C83,  0x00C85, 0x00C8C,  0x00C8E, 0x00C90,
    0x00C92, 0x00CA8,  0x00CAA, 0x00CB3,  0x00CB5, 0x00CB9,  0x00CBC, 0x00CC4,
    0x00CC6, 0x00CC8,  0x00CCA, 0x00CCD,  0x00CD5, 0x00CD6,  0x00CDD, 0x00CDE,
    0x00CE0, 0x00CE3,  0x00CE6, 0x00CEF,  0x00CF1, 0x00CF3,  0x00D00, 0x00D0C,
    0x00D0E, 0x00D10,  0x00D12, 0x00D44,  0x00D46, 0x00D48,  0x00D4A, 0x00D4E,
    0x00D54, 0x00D57,  0x00D5F, 0x00D63,  0x00D66, 0x00D6F,  0x00D7A, 0x00D7F,
    0x00D81, 0x00D83,  0x00D85, 0x00D96,  0x00D9A, 0x00DB1,  0x00DB3, 0x00DBB,
    0x00DBD, 0x00DBD,  0x00DC0, 0x00DC6,  0x00DCA, 0x00DCA,  0x00DCF, 0x00DD4,
    0x00DD6, 0x00DD6,  0x00DD8, 0x00DDF,  0x00DE6, 0x00DEF,  0x00DF2, 0x00DF3,
    0x00E01, 0x00E3A,  0x00E40, 0x00E4E,  0x00E50, 0x00E59,  0x00E81, 0x00E82,
    0x00E84, 0x00E84,  0x00E86, 0x00E8A,  0x00E8C, 0x00EA3,  0x00EA5, 0x00EA5,
    0x00EA7, 0x00EBD,  0x00EC0, 0x00EC4,  0x00EC6, 0x00EC6,  0x00EC8, 0x00ECE,
    0x00ED0, 0x00ED9,  0x00EDC, 0x00EDF,  0x00F00, 0x00F00,  0x00F18, 0x00F19,
    0x00F20, 0x00F29,  0x00F35, 0x00F35,  0x00F37, 0x00F37,  0x00F39, 0x00F39,
    0x00F3E, 0x00F47,  0x00F49, 0x00F6C,  0x00F71, 0x00F84,  0x00F86, 0x00F97,
    0x00F99, 0x00FBC,  0x00FC6, 0x00FC6,  0x01000, 0x01049,  0x01050, 0x0109D,
    0x010A0, 0x010C5,  0x010C7, 0x010C7,  0x010CD, 0x010CD,  0x010D0, 0x010FA,
    0x010FC, 0x01248,  0x0124A, 0x0124D,  0x01250, 0x01256,  0x01258, 0x01258,
    0x0125A, 0x0125D,  0x01260, 0x01288,  0x0128A, 0x0128D,  0x01290, 0x012B0,
    0x012B2, 0x012B5,  0x012B8, 0x012BE,  0x012C0, 0x012C0,  0x012C2, 0x012C5,
    0x012C8, 0x012D6,  0x012D8, 0x01310,  0x01312, 0x01315,  0x01318, 0x0135A,
    0x0135D, 0x0135F,  0x01380, 0x0138F,  0x013A0, 0x013F5,  0x013F8, 0x013FD,
    0x01401, 0x0166C,  0x0166F, 0x0167F,  0x01681, 0x0169A,  0x016A0, 0x016EA,
    0x016F1, 0x016F8,  0x01700, 0x01715,  0x0171F, 0x01734,  0x01740, 0x01753,
    0x01760, 0x0176C,  0x0176E, 0x01770,  0x01772, 0x01773,  0x01780, 0x017D3,
    0x017D7, 0x017D7,  0x017DC, 0x017DD,  0x017E0, 0x017E9,  0x0180B, 0x0180D,
    0x0180F, 0x01819,  0x01820, 0x01878,  0x01880, 0x018AA,  0x018B0, 0x018F5,
    0x01900, 0x0191E,  0x01920, 0x0192B,  0x01930, 0x0193B,  0x01946, 0x0196D,
    0x01970, 0x01974,  0x01980, 0x019AB,  0x019B0, 0x019C9,  0x019D0, 0x019D9,
    0x01A00, 0x01A1B,  0x01A20, 0x01A5E,  0x01A60, 0x01A7C,  0x01A7F, 0x01A89,
    0x01A90, 0x01A99,  0x01AA7, 0x01AA7,  0x01AB0, 0x01ABD,  0x01ABF, 0x01ACE,
    0x01B00, 0x01B4C,  0x01B50, 0x01B59,  0x01B6B, 0x01B73,  0x01B80, 0x01BF3,
    0x01C00, 0x01C37,  0x01C40, 0x01C49,  0x01C4D, 0x01C7D,  0x01C80, 0x01C8A,
    0x01C90, 0x01CBA,  0x01CBD, 0x01CBF,  0x01CD0, 0x01CD2,  0x01CD4, 0x01CFA,
    0x01D00, 0x01F15,  0x01F18, 0x01F1D,  0x01F20, 0x01F45,  0x01F48, 0x01F4D,
    0x01F50, 0x01F57,  0x01F59, 0x01F59,  0x01F5B, 0x01F5B,  0x01F5D, 0x01F5D,
    0x01F5F, 0x01F7D,  0x01F80, 0x01FB4,  0x01FB6, 0x01FBC,  0x01FBE, 0x01FBE,
    0x01FC2, 0x01FC4,  0x01FC6, 0x01FCC,  0x01FD0, 0x01FD3,  0x01FD6, 0x01FDB,
    0x01FE0, 0x01FEC,  0x01FF2, 0x01FF4,  0x01FF6, 0x01FFC,  0x02071, 0x02071,
    0x0207F, 0x0207F,  0x02090, 0x0209C,  0x020D0, 0x020DC,  0x020E1, 0x020E1,
    0x020E5, 0x020F0,  0x02102, 0x02102,  0x02107, 0x02107,  0x0210A, 0x02113,
    0x02115, 0x02115,  0x02119, 0x0211D,  0x02124, 0x02124,  0x02126, 0x02126,
    0x02128, 0x02128,  0x0212A, 0x0212D,  0x0212F, 0x02139,  0x0213C, 0x0213F,
    0x02145, 0x02149,  0x0214E, 0x0214E,  0x02183, 0x02184,  0x02C00, 0x02CE4,
    0x02CEB, 0x02CF3,  0x02D00, 0x02D25,  0x02D27, 0x02D27,  0x02D2D, 0x02D2D,
    0x02D30, 0x02D67,  0x02D6F, 0x02D6F,  0x02D7F, 0x02D96,  0x02DA0, 0x02DA6,
    0x02DA8, 0x02DAE,  0x02DB0, 0x02DB6,  0x02DB8, 0x02DBE,  0x02DC0, 0x02DC6,
    0x02DC8, 0x02DCE,  0x02DD0, 0x02DD6,  0x02DD8, 0x02DDE,  0x02DE0, 0x02DFF,
    0x02E2F, 0x02E2F,  0x03005, 0x03006,  0x0302A, 0x0302F,  0x03031, 0x03035,
    0x0303B, 0x0303C,  0x03041, 0x03096,  0x03099, 0x0309A,  0x0309D, 0x0309F,
    0x030A1, 0x030FA,  0x030FC, 0x030FF,  0x03105, 0x0312F,  0x03131, 0x0318E,
    0x031A0, 0x031BF,  0x031F0, 0x031FF,  0x03400, 0x04DBF,  0x04E00, 0x0A48C,
    0x0A4D0, 0x0A4FD,  0x0A500, 0x0A60C,  0x0A610, 0x0A62B,  0x0A640, 0x0A66F,
    0x0A674, 0x0A67D,  0x0A67F, 0x0A6E5,  0x0A6F0, 0x0A6F1,  0x0A717, 0x0A71F,
    0x0A722, 0x0A788,  0x0A78B, 0x0A7CD,  0x0A7D0, 0x0A7D1,  0x0A7D3, 0x0A7D3,
    0x0A7D5, 0x0A7DC,  0x0A7F2, 0x0A827,  0x0A82C, 0x0A82C,  0x0A840, 0x0A873,
    0x0A880, 0x0A8C5,  0x0A8D0, 0x0A8D9,  0x0A8E0, 0x0A8F7,  0x0A8FB, 0x0A8FB,
    0x0A8FD, 0x0A92D,  0x0A930, 0x0A953,  0x0A960, 0x0A97C,  0x0A980, 0x0A9C0,
    0x0A9CF, 0x0A9D9,  0x0A9E0, 0x0A9FE,  0x0AA00, 0x0AA36,  0x0AA40, 0x0AA4D,
    0x0AA50, 0x0AA59,  0x0AA60, 0x0AA76,  0x0AA7A, 0x0AAC2,  0x0AADB, 0x0AADD,
    0x0AAE0, 0x0AAEF,  0x0AAF2, 0x0AAF6,  0x0AB01, 0x0AB06,  0x0AB09, 0x0AB0E,
    0x0AB11, 0x0AB16,  0x0AB20, 0x0AB26,  0x0AB28, 0x0AB2E,  0x0AB30, 0x0AB5A,
    0x0AB5C, 0x0AB69,  0x0AB70, 0x0ABEA,  0x0ABEC, 0x0ABED,  0x0ABF0, 0x0ABF9,
    0x0AC00, 0x0D7A3,  0x0D7B0, 0x0D7C6,  0x0D7CB, 0x0D7FB,  0x0F900, 0x0FA6D,
    0x0FA70, 0x0FAD9,  0x0FB00, 0x0FB06,  0x0FB13, 0x0FB17,  0x0FB1D, 0x0FB28,
    0x0FB2A, 0x0FB36,  0x0FB38, 0x0FB3C,  0x0FB3E, 0x0FB3E,  0x0FB40, 0x0FB41,
    0x0FB43, 0x0FB44,  0x0FB46, 0x0FBB1,  0x0FBD3, 0x0FD3D,  0x0FD50, 0x0FD8F,
    0x0FD92, 0x0FDC7,  0x0FDF0, 0x0FDFB,  0x0FE00, 0x0FE0F,  0x0FE20, 0x0FE2F,
    0x0FE70, 0x0FE74,  0x0FE76, 0x0FEFC,  0x0FF10, 0x0FF19,  0x0FF21, 0x0FF3A,
    0x0FF41, 0x0FF5A,  0x0FF66, 0x0FFBE,  0x0FFC2, 0x0FFC7,  0x0FFCA, 0x0FFCF,
    0x0FFD2, 0x0FFD7,  0x0FFDA, 0x0FFDC,  0x10000, 0x1000B,  0x1000D, 0x10026,
    0x10028, 0x1003A,  0x1003C, 0x1003D,  0x1003F, 0x1004D,  0x10050, 0x1005D,
    0x10080, 0x100FA,  0x101FD, 0x101FD,  0x10280, 0x1029C,  0x102A0, 0x102D0,
    0x102E0, 0x102E0,  0x10300, 0x1031F,  0x1032D, 0x10340,  0x10342, 0x10349,
    0x10350, 0x1037A,  0x10380, 0x1039D,  0x103A0, 0x103C3,  0x103C8, 0x103CF,
    0x10400, 0x1049D,  0x104A0, 0x104A9,  0x104B0, 0x104D3,  0x104D8, 0x104FB,
    0x10500, 0x10527,  0x10530, 0x10563,  0x10570, 0x1057A,  0x1057C, 0x1058A,
    0x1058C, 0x10592,  0x10594, 0x10595,  0x10597, 0x105A1,  0x105A3, 0x105B1,
    0x105B3, 0x105B9,  0x105BB, 0x105BC,  0x105C0, 0x105F3,  0x10600, 0x10736,
    0x10740, 0x10755,  0x10760, 0x10767,  0x10780, 0x10785,  0x10787, 0x107B0,
    0x107B2, 0x107BA,  0x10800, 0x10805,  0x10808, 0x10808,  0x1080A, 0x10835,
    0x10837, 0x10838,  0x1083C, 0x1083C,  0x1083F, 0x10855,  0x10860, 0x10876,
    0x10880, 0x1089E,  0x108E0, 0x108F2,  0x108F4, 0x108F5,  0x10900, 0x10915,
    0x10920, 0x10939,  0x10980, 0x109B7,  0x109BE, 0x109BF,  0x10A00, 0x10A03,
    0x10A05, 0x10A06,  0x10A0C, 0x10A13,  0x10A15, 0x10A17,  0x10A19, 0x10A35,
    0x10A38, 0x10A3A,  0x10A3F, 0x10A3F,  0x10A60, 0x10A7C,  0x10A80, 0x10A9C,
    0x10AC0, 0x10AC7,  0x10AC9, 0x10AE6,  0x10B00, 0x10B35,  0x10B40, 0x10B55,
    0x10B60, 0x10B72,  0x10B80, 0x10B91,  0x10C00, 0x10C48,  0x10C80, 0x10CB2,
    0x10CC0, 0x10CF2,  0x10D00, 0x10D27,  0x10D30, 0x10D39,  0x10D40, 0x10D65,
    0x10D69, 0x10D6D,  0x10D6F, 0x10D85,  0x10E80, 0x10EA9,  0x10EAB, 0x10EAC,
    0x10EB0, 0x10EB1,  0x10EC2, 0x10EC4,  0x10EFC, 0x10F1C,  0x10F27, 0x10F27,
    0x10F30, 0x10F50,  0x10F70, 0x10F85,  0x10FB0, 0x10FC4,  0x10FE0, 0x10FF6,
    0x11000, 0x11046,  0x11066, 0x11075,  0x1107F, 0x110BA,  0x110C2, 0x110C2,
    0x110D0, 0x110E8,  0x110F0, 0x110F9,  0x11100, 0x11134,  0x11136, 0x1113F,
    0x11144, 0x11147,  0x11150, 0x11173,  0x11176, 0x11176,  0x11180, 0x111C4,
    0x111C9, 0x111CC,  0x111CE, 0x111DA,  0x111DC, 0x111DC,  0x11200, 0x11211,
    0x11213, 0x11237,  0x1123E, 0x11241,  0x11280, 0x11286,  0x11288, 0x11288,
    0x1128A, 0x1128D,  0x1128F, 0x1129D,  0x1129F, 0x112A8,  0x112B0, 0x112EA,
    0x112F0, 0x112F9,  0x11300, 0x11303,  0x11305, 0x1130C,  0x1130F, 0x11310,
    0x11313, 0x11328,  0x1132A, 0x11330,  0x11332, 0x11333,  0x11335, 0x11339,
    0x1133B, 0x11344,  0x11347, 0x11348,  0x1134B, 0x1134D,  0x11350, 0x11350,
    0x11357, 0x11357,  0x1135D, 0x11363,  0x11366, 0x1136C,  0x11370, 0x11374,
    0x11380, 0x11389,  0x1138B, 0x1138B,  0x1138E, 0x1138E,  0x11390, 0x113B5,
    0x113B7, 0x113C0,  0x113C2, 0x113C2,  0x113C5, 0x113C5,  0x113C7, 0x113CA,
    0x113CC, 0x113D3,  0x113E1, 0x113E2,  0x11400, 0x1144A,  0x11450, 0x11459,
    0x1145E, 0x11461,  0x11480, 0x114C5,  0x114C7, 0x114C7,  0x114D0, 0x114D9,
    0x11580, 0x115B5,  0x115B8, 0x115C0,  0x115D8, 0x115DD,  0x11600, 0x11640,
    0x11644, 0x11644,  0x11650, 0x11659,  0x11680, 0x116B8,  0x116C0, 0x116C9,
    0x116D0, 0x116E3,  0x11700, 0x1171A,  0x1171D, 0x1172B,  0x11730, 0x11739,
    0x11740, 0x11746,  0x11800, 0x1183A,  0x118A0, 0x118E9,  0x118FF, 0x11906,
    0x11909, 0x11909,  0x1190C, 0x11913,  0x11915, 0x11916,  0x11918, 0x11935,
    0x11937, 0x11938,  0x1193B, 0x11943,  0x11950, 0x11959,  0x119A0, 0x119A7,
    0x119AA, 0x119D7,  0x119DA, 0x119E1,  0x119E3, 0x119E4,  0x11A00, 0x11A3E,
    0x11A47, 0x11A47,  0x11A50, 0x11A99,  0x11A9D, 0x11A9D,  0x11AB0, 0x11AF8,
    0x11BC0, 0x11BE0,  0x11BF0, 0x11BF9,  0x11C00, 0x11C08,  0x11C0A, 0x11C36,
    0x11C38, 0x11C40,  0x11C50, 0x11C59,  0x11C72, 0x11C8F,  0x11C92, 0x11CA7,
    0x11CA9, 0x11CB6,  0x11D00, 0x11D06,  0x11D08, 0x11D09,  0x11D0B, 0x11D36,
    0x11D3A, 0x11D3A,  0x11D3C, 0x11D3D,  0x11D3F, 0x11D47,  0x11D50, 0x11D59,
    0x11D60, 0x11D65,  0x11D67, 0x11D68,  0x11D6A, 0x11D8E,  0x11D90, 0x11D91,
    0x11D93, 0x11D98,  0x11DA0, 0x11DA9,  0x11EE0, 0x11EF6,  0x11F00, 0x11F10,
    0x11F12, 0x11F3A,  0x11F3E, 0x11F42,  0x11F50, 0x11F5A,  0x11FB0, 0x11FB0,
    0x12000, 0x12399,  0x12480, 0x12543,  0x12F90, 0x12FF0,  0x13000, 0x1342F,
    0x13440, 0x13455,  0x13460, 0x143FA,  0x14400, 0x14646,  0x16100, 0x16139,
    0x16800, 0x16A38,  0x16A40, 0x16A5E,  0x16A60, 0x16A69,  0x16A70, 0x16ABE,
    0x16AC0, 0x16AC9,  0x16AD0, 0x16AED,  0x16AF0, 0x16AF4,  0x16B00, 0x16B36,
    0x16B40, 0x16B43,  0x16B50, 0x16B59,  0x16B63, 0x16B77,  0x16B7D, 0x16B8F,
    0x16D40, 0x16D6C,  0x16D70, 0x16D79,  0x16E40, 0x16E7F,  0x16F00, 0x16F4A,
    0x16F4F, 0x16F87,  0x16F8F, 0x16F9F,  0x16FE0, 0x16FE1,  0x16FE3, 0x16FE4,
    0x16FF0, 0x16FF1,  0x17000, 0x187F7,  0x18800, 0x18CD5,  0x18CFF, 0x18D08,
    0x1AFF0, 0x1AFF3,  0x1AFF5, 0x1AFFB,  0x1AFFD, 0x1AFFE,  0x1B000, 0x1B122,
    0x1B132, 0x1B132,  0x1B150, 0x1B152,  0x1B155, 0x1B155,  0x1B164, 0x1B167,
    0x1B170, 0x1B2FB,  0x1BC00, 0x1BC6A,  0x1BC70, 0x1BC7C,  0x1BC80, 0x1BC88,
    0x1BC90, 0x1BC99,  0x1BC9D, 0x1BC9E,  0x1CCF0, 0x1CCF9,  0x1CF00, 0x1CF2D,
    0x1CF30, 0x1CF46,  0x1D165, 0x1D169,  0x1D16D, 0x1D172,  0x1D17B, 0x1D182,
    0x1D185, 0x1D18B,  0x1D1AA, 0x1D1AD,  0x1D242, 0x1D244,  0x1D400, 0x1D454,
    0x1D456, 0x1D49C,  0x1D49E, 0x1D49F,  0x1D4A2, 0x1D4A2,  0x1D4A5, 0x1D4A6,
    0x1D4A9, 0x1D4AC,  0x1D4AE, 0x1D4B9,  0x1D4BB, 0x1D4BB,  0x1D4BD, 0x1D4C3,
    0x1D4C5, 0x1D505,  0x1D507, 0x1D50A,  0x1D50D, 0x1D514,  0x1D516, 0x1D51C,
    0x1D51E, 0x1D539,  0x1D53B, 0x1D53E,  0x1D540, 0x1D544,  0x1D546, 0x1D546,
    0x1D54A, 0x1D550,  0x1D552, 0x1D6A5,  0x1D6A8, 0x1D6C0,  0x1D6C2, 0x1D6DA,
    0x1D6DC, 0x1D6FA,  0x1D6FC, 0x1D714,  0x1D716, 0x1D734,  0x1D736, 0x1D74E,
    0x1D750, 0x1D76E,  0x1D770, 0x1D788,  0x1D78A, 0x1D7A8,  0x1D7AA, 0x1D7C2,
    0x1D7C4, 0x1D7CB,  0x1D7CE, 0x1D7FF,  0x1DA00, 0x1DA36,  0x1DA3B, 0x1DA6C,
    0x1DA75, 0x1DA75,  0x1DA84, 0x1DA84,  0x1DA9B, 0x1DA9F,  0x1DAA1, 0x1DAAF,
    0x1DF00, 0x1DF1E,  0x1DF25, 0x1DF2A,  0x1E000, 0x1E006,  0x1E008, 0x1E018,
    0x1E01B, 0x1E021,  0x1E023, 0x1E024,  0x1E026, 0x1E02A,  0x1E030, 0x1E06D,
    0x1E08F, 0x1E08F,  0x1E100, 0x1E12C,  0x1E130, 0x1E13D,  0x1E140, 0x1E149,
    0x1E14E, 0x1E14E,  0x1E290, 0x1E2AE,  0x1E2C0, 0x1E2F9,  0x1E4D0, 0x1E4F9,
    0x1E5D0, 0x1E5FA,  0x1E7E0, 0x1E7E6,  0x1E7E8, 0x1E7EB,  0x1E7ED, 0x1E7EE,
    0x1E7F0, 0x1E7FE,  0x1E800, 0x1E8C4,  0x1E8D0, 0x1E8D6,  0x1E900, 0x1E94B,
    0x1E950, 0x1E959,  0x1EE00, 0x1EE03,  0x1EE05, 0x1EE1F,  0x1EE21, 0x1EE22,
    0x1EE24, 0x1EE24,  0x1EE27, 0x1EE27,  0x1EE29, 0x1EE32,  0x1EE34, 0x1EE37,
    0x1EE39, 0x1EE39,  0x1EE3B, 0x1EE3B,  0x1EE42, 0x1EE42,  0x1EE47, 0x1EE47,
    0x1EE49, 0x1EE49,  0x1EE4B, 0x1EE4B,  0x1EE4D, 0x1EE4F,  0x1EE51, 0x1EE52,
    0x1EE54, 0x1EE54,  0x1EE57, 0x1EE57,  0x1EE59, 0x1EE59,  0x1EE5B, 0x1EE5B,
    0x1EE5D, 0x1EE5D,  0x1EE5F, 0x1EE5F,  0x1EE61, 0x1EE62,  0x1EE64, 0x1EE64,
    0x1EE67, 0x1EE6A,  0x1EE6C, 0x1EE72,  0x1EE74, 0x1EE77,  0x1EE79, 0x1EE7C,
    0x1EE7E, 0x1EE7E,  0x1EE80, 0x1EE89,  0x1EE8B, 0x1EE9B,  0x1EEA1, 0x1EEA3,
    0x1EEA5, 0x1EEA9,  0x1EEAB, 0x1EEBB,  0x1FBF0, 0x1FBF9,  0x20000, 0x2A6DF,
    0x2A700, 0x2B739,  0x2B740, 0x2B81D,  0x2B820, 0x2CEA1,  0x2CEB0, 0x2EBE0,
    0x2EBF0, 0x2EE5D,  0x2F800, 0x2FA1D,  0x30000, 0x3134A,  0x31350, 0x323AF,
    0xE0100, 0xE01EF,
];

/// Code points of general category Mn, Mc or Me.
#[rustfmt::skip]
const MARK_CATEGORY: [u32; 642] = [
    0x00300, 0x0036F,  0x00483, 0x00489,  0x00591, 0x005BD,  0x005BF, 0x005BF,
    0x005C1, 0x005C2,  0x005C4, 0x005C5,  0x005C7, 0x005C7,  0x00610, 0x0061A,
    0x0064B, 0x0065F,  0x00670, 0x00670,  0x006D6, 0x006DC,  0x006DF, 0x006E4,
    0x006E7, 0x006E8,  0x006EA, 0x006ED,  0x00711, 0x00711,  0x00730, 0x0074A,
    0x007A6, 0x007B0,  0x007EB, 0x007F3,  0x007FD, 0x007FD,  0x00816, 0x00819,
    0x0081B, 0x00823,  0x00825, 0x00827,  0x00829, 0x0082D,  0x00859, 0x0085B,
    0x00897, 0x0089F,  0x008CA, 0x008E1,  0x008E3, 0x00903,  0x0093A, 0x0093C,
    0x0093E, 0x0094F,  0x00951, 0x00957,  0x00962, 0x00963,  0x00981, 0x00983,
    0x009BC, 0x009BC,  0x009BE, 0x009C4,  0x009C7, 0x009C8,  0x009CB, 0x009CD,
    0x009D7, 0x009D7,  0x009E2, 0x009E3,  0x009FE, 0x009FE,  0x00A01, 0x00A03,
    0x00A3C, 0x00A3C,  0x00A3E, 0x00A42,  0x00A47, 0x00A48,  0x00A4B, 0x00A4D,
    0x00A51, 0x00A51,  0x00A70, 0x00A71,  0x00A75, 0x00A75,  0x00A81, 0x00A83,
    0x00ABC, 0x00ABC,  0x00ABE, 0x00AC5,  0x00AC7, 0x00AC9,  0x00ACB, 0x00ACD,
    0x00AE2, 0x00AE3,  0x00AFA, 0x00AFF,  0x00B01, 0x00B03,  0x00B3C, 0x00B3C,
    0x00B3E, 0x00B44,  0x00B47, 0x00B48,  0x00B4B, 0x00B4D,  0x00B55, 0x00B57,
    0x00B62, 0x00B63,  0x00B82, 0x00B82,  0x00BBE, 0x00BC2,  0x00BC6, 0x00BC8,
    0x00BCA, 0x00BCD,  0x00BD7, 0x00BD7,  0x00C00, 0x00C04,  0x00C3C, 0x00C3C,
    0x00C3E, 0x00C44,  0x00C46, 0x00C48,  0x00C4A, 0x00C4D,  0x00C55, 0x00C56,
    0x00C62, 0x00C63,  0x00C81, 0x00C83,  0x00CBC, 0x00CBC,  0x00CBE, 0x00CC4,
    0x00CC6, 0x00CC8,  0x00CCA, 0x00CCD,  0x00CD5, 0x00CD6,  0x00CE2, 0x00CE3,
    0x00CF3, 0x00CF3,  0x00D00, 0x00D03,  0x00D3B, 0x00D3C,  0x00D3E, 0x00D44,
    0x00D46, 0x00D48,  0x00D4A, 0x00D4D,  0x00D57, 0x00D57,  0x00D62, 0x00D63,
    0x00D81, 0x00D83,  0x00DCA, 0x00DCA,  0x00DCF, 0x00DD4,  0x00DD6, 0x00DD6,
    0x00DD8, 0x00DDF,  0x00DF2, 0x00DF3,  0x00E31, 0x00E31,  0x00E34, 0x00E3A,
    0x00E47, 0x00E4E,  0x00EB1, 0x00EB1,  0x00EB4, 0x00EBC,  0x00EC8, 0x00ECE,
    0x00F18, 0x00F19,  0x00F35, 0x00F35,  0x00F37, 0x00F37,  0x00F39, 0x00F39,
    0x00F3E, 0x00F3F,  0x00F71, 0x00F84,  0x00F86, 0x00F87,  0x00F8D, 0x00F97,
    0x00F99, 0x00FBC,  0x00FC6, 0x00FC6,  0x0102B, 0x0103E,  0x01056, 0x01059,
    0x0105E, 0x01060,  0x01062, 0x01064,  0x01067, 0x0106D,  0x01071, 0x01074,
    0x01082, 0x0108D,  0x0108F, 0x0108F,  0x0109A, 0x0109D,  0x0135D, 0x0135F,
    0x01712, 0x01715,  0x01732, 0x01734,  0x01752, 0x01753,  0x01772, 0x01773,
    0x017B4, 0x017D3,  0x017DD, 0x017DD,  0x0180B, 0x0180D,  0x0180F, 0x0180F,
    0x01885, 0x01886,  0x018A9, 0x018A9,  0x01920, 0x0192B,  0x01930, 0x0193B,
    0x01A17, 0x01A1B,  0x01A55, 0x01A5E,  0x01A60, 0x01A7C,  0x01A7F, 0x01A7F,
    0x01AB0, 0x01ACE,  0x01B00, 0x01B04,  0x01B34, 0x01B44,  0x01B6B, 0x01B73,
    0x01B80, 0x01B82,  0x01BA1, 0x01BAD,  0x01BE6, 0x01BF3,  0x01C24, 0x01C37,
    0x01CD0, 0x01CD2,  0x01CD4, 0x01CE8,  0x01CED, 0x01CED,  0x01CF4, 0x01CF4,
    0x01CF7, 0x01CF9,  0x01DC0, 0x01DFF,  0x020D0, 0x020F0,  0x02CEF, 0x02CF1,
    0x02D7F, 0x02D7F,  0x02DE0, 0x02DFF,  0x0302A, 0x0302F,  0x03099, 0x0309A,
    0x0A66F, 0x0A672,  0x0A674, 0x0A67D,  0x0A69E, 0x0A69F,  0x0A6F0, 0x0A6F1,
    0x0A802, 0x0A802,  0x0A806, 0x0A806,  0x0A80B, 0x0A80B,  0x0A823, 0x0A827,
    0x0A82C, 0x0A82C,  0x0A880, 0x0A881,  0x0A8B4, 0x0A8C5,  0x0A8E0, 0x0A8F1,
    0x0A8FF, 0x0A8FF,  0x0A926, 0x0A92D,  0x0A947, 0x0A953,  0x0A980, 0x0A983,
    0x0A9B3, 0x0A9C0,  0x0A9E5, 0x0A9E5,  0x0AA29, 0x0AA36,  0x0AA43, 0x0AA43,
    0x0AA4C, 0x0AA4D,  0x0AA7B, 0x0AA7D,  0x0AAB0, 0x0AAB0,  0x0AAB2, 0x0AAB4,
    0x0AAB7, 0x0AAB8,  0x0AABE, 0x0AABF,  0x0AAC1, 0x0AAC1,  0x0AAEB, 0x0AAEF,
    0x0AAF5, 0x0AAF6,  0x0ABE3, 0x0ABEA,  0x0ABEC, 0x0ABED,  0x0FB1E, 0x0FB1E,
    0x0FE00, 0x0FE0F,  0x0FE20, 0x0FE2F,  0x101FD, 0x101FD,  0x102E0, 0x102E0,
    0x10376, 0x1037A,  0x10A01, 0x10A03,  0x10A05, 0x10A06,  0x10A0C, 0x10A0F,
    0x10A38, 0x10A3A,  0x10A3F, 0x10A3F,  0x10AE5, 0x10AE6,  0x10D24, 0x10D27,
    0x10D69, 0x10D6D,  0x10EAB, 0x10EAC,  0x10EFC, 0x10EFF,  0x10F46, 0x10F50,
    0x10F82, 0x10F85,  0x11000, 0x11002,  0x11038, 0x11046,  0x11070, 0x11070,
    0x11073, 0x11074,  0x1107F, 0x11082,  0x110B0, 0x110BA,  0x110C2, 0x110C2,
    0x11100, 0x11102,  0x11127, 0x11134,  0x11145, 0x11146,  0x11173, 0x11173,
    0x11180, 0x11182,  0x111B3, 0x111C0,  0x111C9, 0x111CC,  0x111CE, 0x111CF,
    0x1122C, 0x11237,  0x1123E, 0x1123E,  0x11241, 0x11241,  0x112DF, 0x112EA,
    0x11300, 0x11303,  0x1133B, 0x1133C,  0x1133E, 0x11344,  0x11347, 0x11348,
    0x1134B, 0x1134D,  0x11357, 0x11357,  0x11362, 0x11363,  0x11366, 0x1136C,
    0x11370, 0x11374,  0x113B8, 0x113C0,  0x113C2, 0x113C2,  0x113C5, 0x113C5,
    0x113C7, 0x113CA,  0x113CC, 0x113D0,  0x113D2, 0x113D2,  0x113E1, 0x113E2,
    0x11435, 0x11446,  0x1145E, 0x1145E,  0x114B0, 0x114C3,  0x115AF, 0x115B5,
    0x115B8, 0x115C0,  0x115DC, 0x115DD,  0x11630, 0x11640,  0x116AB, 0x116B7,
    0x1171D, 0x1172B,  0x1182C, 0x1183A,  0x11930, 0x11935,  0x11937, 0x11938,
    0x1193B, 0x1193E,  0x11940, 0x11940,  0x11942, 0x11943,  0x119D1, 0x119D7,
    0x119DA, 0x119E0,  0x119E4, 0x119E4,  0x11A01, 0x11A0A,  0x11A33, 0x11A39,
    0x11A3B, 0x11A3E,  0x11A47, 0x11A47,  0x11A51, 0x11A5B,  0x11A8A, 0x11A99,
    0x11C2F, 0x11C36,  0x11C38, 0x11C3F,  0x11C92, 0x11CA7,  0x11CA9, 0x11CB6,
    0x11D31, 0x11D36,  0x11D3A, 0x11D3A,  0x11D3C, 0x11D3D,  0x11D3F, 0x11D45,
    0x11D47, 0x11D47,  0x11D8A, 0x11D8E,  0x11D90, 0x11D91,  0x11D93, 0x11D97,
    0x11EF3, 0x11EF6,  0x11F00, 0x11F01,  0x11F03, 0x11F03,  0x11F34, 0x11F3A,
    0x11F3E, 0x11F42,  0x11F5A, 0x11F5A,  0x13440, 0x13440,  0x13447, 0x13455,
    0x1611E, 0x1612F,  0x16AF0, 0x16AF4,  0x16B30, 0x16B36,  0x16F4F, 0x16F4F,
    0x16F51, 0x16F87,  0x16F8F, 0x16F92,  0x16FE4, 0x16FE4,  0x16FF0, 0x16FF1,
    0x1BC9D, 0x1BC9E,  0x1CF00, 0x1CF2D,  0x1CF30, 0x1CF46,  0x1D165, 0x1D169,
    0x1D16D, 0x1D172,  0x1D17B, 0x1D182,  0x1D185, 0x1D18B,  0x1D1AA, 0x1D1AD,
    0x1D242, 0x1D244,  0x1DA00, 0x1DA36,  0x1DA3B, 0x1DA6C,  0x1DA75, 0x1DA75,
    0x1DA84, 0x1DA84,  0x1DA9B, 0x1DA9F,  0x1DAA1, 0x1DAAF,  0x1E000, 0x1E006,
    0x1E008, 0x1E018,  0x1E01B, 0x1E021,  0x1E023, 0x1E024,  0x1E026, 0x1E02A,
    0x1E08F, 0x1E08F,  0x1E130, 0x1E136,  0x1E2AE, 0x1E2AE,  0x1E2EC, 0x1E2EF,
    0x1E4EC, 0x1E4EF,  0x1E5EE, 0x1E5EF,  0x1E8D0, 0x1E8D6,  0x1E944, 0x1E94A,
    0xE0100, 0xE01EF,
];

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    /// With `idn`, the international formats are checked; without it they are annotations,
    /// as in the oracle without `idna`.
    #[test]
    fn international_formats_follow_the_idn_feature() {
        let strings = ["bücher.de", "a\u{00B7}b.de", "☃.com", "-a.de", "not a host"];
        let idn = cfg!(feature = "idn");
        let hosts: Vec<bool> = strings.iter().map(|s| is_idn_hostname(s)).collect();
        let expected = if idn {
            [true, false, false, false, false]
        } else {
            [true; 5]
        };
        assert_eq!(hosts, expected);
        assert!(is_idn_email("jörg@bücher.de"));
        assert_eq!(is_idn_email("jörg@☃.com"), !idn);
        assert_eq!(is_idn_email("no at sign"), !idn);
    }

    // The validators work in const contexts.
    const _: () = assert!(is_hostname("example.com"));
    const _: () = assert!(!is_hostname("-example.com"));
    const _: () = assert!(is_ipv4("10.0.0.1"));
    const _: () = assert!(is_ipv6("fe80::1"));
    const _: () = assert!(is_date_time("2024-02-29T12:00:00Z"));
    const _: () = assert!(is_uri("https://secure-wms.com"));
    const _: () = assert!(is_hostname("xn--bcher-kva.com"));
    const DIGITS: Option<u64> = parse_digits("007");
    const _: () = assert!(matches!(DIGITS, Some(7)));
    const MIDNIGHT: Option<(u16, u8, u8)> = parse_midnight_date("2024-02-29T00:00:00Z");
    const _: () = assert!(matches!(MIDNIGHT, Some((2024, 2, 29))));
    const _: () = assert!(days_in_month(2024, 2) == 29);

    #[test]
    fn digits() {
        assert_eq!(parse_digits(""), None);
        assert_eq!(parse_digits("0"), Some(0));
        assert_eq!(parse_digits("007"), Some(7));
        assert_eq!(parse_digits("1234567890"), Some(1_234_567_890));
        assert_eq!(parse_digits("18446744073709551615"), Some(u64::MAX));
        assert_eq!(parse_digits("00018446744073709551615"), Some(u64::MAX));
        assert_eq!(parse_digits("18446744073709551616"), None);
        assert_eq!(parse_digits("99999999999999999999"), None);
        for bad in [
            "-1", "+1", " 1", "1 ", "1_000", "1.0", "0x10", "٣", "1٣", "１", "a",
        ] {
            assert_eq!(parse_digits(bad), None, "{bad}");
        }
    }

    #[test]
    fn days_per_month() {
        let common = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        for (month, days) in (1..=12).zip(common) {
            assert_eq!(days_in_month(2023, month), days, "{month}");
        }
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(0, 2), 29);
        assert_eq!(days_in_month(2024, 0), 0);
        assert_eq!(days_in_month(2024, 13), 0);
    }

    #[test]
    fn midnight_dates() {
        assert_eq!(
            parse_midnight_date("2024-02-29T00:00:00Z"),
            Some((2024, 2, 29))
        );
        assert_eq!(
            parse_midnight_date("2000-02-29T00:00:00Z"),
            Some((2000, 2, 29))
        );
        assert_eq!(
            parse_midnight_date("2023-02-28T00:00:00Z"),
            Some((2023, 2, 28))
        );
        assert_eq!(parse_midnight_date("0000-01-01T00:00:00Z"), Some((0, 1, 1)));
        assert_eq!(
            parse_midnight_date("9999-12-31T00:00:00Z"),
            Some((9999, 12, 31))
        );
        assert_eq!(
            parse_midnight_date("2018-01-31T00:00:00Z"),
            Some((2018, 1, 31))
        );
        assert_eq!(
            parse_midnight_date("2018-04-30T00:00:00Z"),
            Some((2018, 4, 30))
        );
        for bad in [
            "2023-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2024-02-30T00:00:00Z",
            "2018-04-31T00:00:00Z",
            "2018-00-10T00:00:00Z",
            "2018-13-10T00:00:00Z",
            "2018-01-00T00:00:00Z",
            "2018-01-32T00:00:00Z",
            "2018-01-01T00:00:01Z",
            "2018-01-01T00:01:00Z",
            "2018-01-01T01:00:00Z",
            "2018-01-01T00:00:00.0Z",
            "2018-01-01t00:00:00Z",
            "2018-01-01T00:00:00z",
            "2018-01-01T00:00:00+00:00",
            "2018-01-01T00:00:00",
            "2018-01-01",
            "2018-1-01T00:00:00Z",
            "18-01-01T00:00:00Z",
            "+2018-01-01T00:00:00Z",
            "2018/01/01T00:00:00Z",
            "2018-01-01T00:00:00Z ",
            "２018-01-01T00:00:00Z",
            "",
        ] {
            assert_eq!(parse_midnight_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn date_times() {
        for good in [
            "2024-02-29T00:00:00Z",
            "2000-02-29T12:34:56Z",
            "2018-11-05T23:59:59.999999+14:00",
            "2018-11-05t10:00:00z",
            "2018-11-05T10:00:00-08:00",
            "2018-11-05T10:00:00.5Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "2016-12-31T23:59:60Z",
            "2016-12-31T23:59:60+00:00",
            "2016-12-31T15:59:60-08:00",
            "2016-12-31T00:29:60+00:30",
            "2016-06-15T23:59:60Z", // Oracle: any date may carry a leap second.
            "2018-11-05T10:00:00+23:59",
        ] {
            assert!(is_date_time(good), "{good}");
        }
        for bad in [
            "",
            "2023-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2024-02-30T00:00:00Z",
            "2024-00-10T00:00:00Z",
            "2024-13-10T00:00:00Z",
            "2024-01-00T00:00:00Z",
            "2024-01-32T00:00:00Z",
            "2018-11-05 10:00:00Z",
            "2018-11-05T10:00:00",
            "2018-11-05T24:00:00Z",
            "2018-11-05T10:60:00Z",
            "2018-11-05T10:00:61Z",
            "2018-11-05T10:00:60Z",
            "2016-12-31T23:59:60+01:00",
            "2016-12-31T23:59:60+00:30",
            "2018-11-05T10:00:00.Z",
            "2018-11-05T10:00:00+24:00",
            "2018-11-05T10:00:00+01:60",
            "2018-11-05T10:00:00+0100",
            "2018-11-05T10:00:00+01",
            "2018-11-05T10:00:00ZZ",
            "2018-11-05T10:00Z",
            "2018-11-5T10:00:00Z",
            "2018-11-05T1:00:00Z",
            "2018-11-05T10:00:00Z ",
            "2018-11-05T10:00:00.1٣Z",
            "2018-11-05",
        ] {
            assert!(!is_date_time(bad), "{bad}");
        }
    }

    /// A character outside ASCII anywhere in the date and time is refused, also in place of as
    /// many ASCII bytes as it has, so that every other byte stays where the shape expects it:
    /// the word-at-a-time reading must not take its bytes for digits or separators.
    #[test]
    fn date_times_with_a_character_outside_ascii() {
        let good = "2018-04-30T17:59:59Z";
        assert!(is_date_time(good));
        let mut tried = 0;
        // Every two-byte character, and three- and four-byte ones in steps.
        let chars = (0x80..0x800)
            .chain((0x800..0x1_0000).step_by(61))
            .chain((0x1_0000..0x11_0000).step_by(4_099))
            .filter_map(char::from_u32);
        for c in chars {
            let width = c.len_utf8();
            for at in 0..=good.len() - width {
                let mut text = good.to_owned();
                text.replace_range(at..at + width, c.encode_utf8(&mut [0; 4]));
                assert!(!is_date_time(&text), "{text:?}");
                tried += 1;
            }
        }
        assert!(tried > 30_000, "{tried}");
    }

    #[test]
    fn ipv4() {
        for good in [
            "0.0.0.0",
            "127.0.0.1",
            "255.255.255.255",
            "10.0.0.10",
            "192.168.100.1",
        ] {
            assert!(is_ipv4(good), "{good}");
        }
        for bad in [
            "",
            "1.2.3",
            "1.2.3.4.5",
            "256.1.1.1",
            "1.1.1.256",
            "01.2.3.4",
            "1.2.3.04",
            "00.0.0.0",
            "1.2.3.0004",
            "1..2.3",
            "1.2.3.4.",
            ".1.2.3.4",
            " 1.2.3.4",
            "1.2.3.4 ",
            "1.2.3.-4",
            "1.2.3.+4",
            "0x1.2.3.4",
            "١.2.3.4",
            "::1",
        ] {
            assert!(!is_ipv4(bad), "{bad}");
        }
    }

    #[test]
    fn ipv6() {
        for good in [
            "::",
            "::1",
            "1::",
            "fe80::1",
            "FE80::AbCd",
            "1:2:3:4:5:6:7:8",
            "2001:0db8:0000:0000:0000:ff00:0042:8329",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
            "1::8",
            "::ffff:1.2.3.4",
            "::1.2.3.4",
            "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5::1.2.3.4",
            "0000:0000:0000:0000:0000:0000:255.255.255.255",
        ] {
            assert!(is_ipv6(good), "{good}");
        }
        for bad in [
            "",
            ":",
            ":::",
            "1",
            "1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7::8",
            "::1:2:3:4:5:6:7:8",
            "1::2::3",
            "::1::",
            "1:::2",
            ":1::2",
            "1::2:",
            "12345::",
            "g::1",
            "fe80::1%eth0",
            "[::1]",
            "::ffff:1.2.3",
            "::ffff:01.2.3.4",
            "::ffff:256.2.3.4",
            "1.2.3.4::",
            "1:2:1.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4",
            "1:2:3:4:5:6::1.2.3.4",
            "::1 ",
            "::١",
        ] {
            assert!(!is_ipv6(bad), "{bad}");
        }
    }

    #[test]
    fn hostnames() {
        let label63 = "a".repeat(63);
        let label64 = "a".repeat(64);
        let long_ok = [label63.as_str(); 4].join(".")[..253].to_owned();
        let long_bad = format!("{long_ok}a");
        for good in [
            "example.com",
            "a",
            "localhost",
            "secure-wms.com",
            "a-b.c-d.e",
            "1.2.3.4",
            "123",
            "EXAMPLE.COM",
            label63.as_str(),
            long_ok.as_str(),
            "xn--bcher-kva.com",
            "xn--ll-0ea",
            "xn--11b2ezcw70k",
            "xn--nxasmq6b.com",
            "xn--4gb.xn--wgbl6a",
            // Oracle: any payload that decodes to letters passes, meaningful or not.
            "xn--example.com",
        ] {
            assert!(is_hostname(good), "{good}");
        }
        for bad in [
            "",
            ".",
            "example.com.",
            ".example.com",
            "example..com",
            "-example.com",
            "example-.com",
            "exa_mple.com",
            "exa mple.com",
            "exämple.com",
            label64.as_str(),
            long_bad.as_str(),
            "ex--ample.com",
            "XN--bcher-kva.com",
            "xn--x",
            "xn--vek",
            "xn--l-fda",
            "xn--l-gda",
            "xn--02b508i",
            "xn--a-2hc5h",
            "xn--a-2hc8h",
            "xn--hello-zed",
            "xn--hello-txk",
            "xn--hello-6bf",
            "xn--bcher-.com",
        ] {
            assert!(!is_hostname(bad), "{bad}");
        }
    }

    /// The host name check (16-byte windows for 17-63 bytes, words otherwise) agrees with a
    /// byte-at-a-time reading of the same rules, for every byte class at every position of
    /// names up to 80 bytes.
    #[test]
    fn hostnames_by_words_agree_with_bytes() {
        fn by_bytes(s: &str) -> bool {
            let b = s.as_bytes();
            if b.is_empty() || b.len() > 253 || b[b.len() - 1] == b'.' {
                return false;
            }
            let mut start = 0;
            for i in 0..=b.len() {
                if i == b.len() || b[i] == b'.' {
                    if !is_hostname_label(b, start, i) {
                        return false;
                    }
                    start = i + 1;
                } else if !(b[i].is_ascii_alphanumeric() || b[i] == b'-') {
                    return false;
                }
            }
            true
        }
        let pieces = [
            "a", "Z", "0", "9", "-", ".", "_", "@", "[", "`", "{", "/", ":", " ", "\r", "é",
            "xn--", "ab", "q.", ".w", "--",
        ];
        let mut state: u64 = 0x5EED;
        let mut agreed = 0;
        for _ in 0..60_000 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            let len = (state >> 33) as usize % 81;
            let mut name = String::new();
            let mut bits = state;
            while name.len() < len {
                bits = bits.rotate_left(7).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 1;
                // Mostly letters, so that long labels and whole words of them are common.
                let piece = if bits.is_multiple_of(6) {
                    pieces[(bits >> 8) as usize % pieces.len()]
                } else {
                    "k"
                };
                name.push_str(piece);
            }
            assert_eq!(is_hostname(&name), by_bytes(&name), "{name:?}");
            agreed += usize::from(by_bytes(&name));
        }
        // Both outcomes are common.
        assert!(agreed > 5_000 && agreed < 55_000, "{agreed}");
        for at in 0..70 {
            let mut name = "k".repeat(70);
            name.replace_range(at..=at, ".");
            assert_eq!(is_hostname(&name), by_bytes(&name), "{name:?}");
        }
    }

    #[test]
    fn uris() {
        for good in [
            "https://secure-wms.com",
            "https://secure-wms.com/api/v1?x=1&y=2#frag",
            "mailto:a@b",
            "urn:isbn:0451450523",
            "http://user:pass@host:8080/p",
            "http://host:/p",
            "http://",
            "http://:80",
            "file:///etc/hosts",
            "a:",
            "a+b-c.d:x",
            "http://h/%20%aF",
            "http://[::1]/",
            "http://[::1]:8080",
            "http://user@[fe80::1]:/x",
            "http://[v1.a:b]",
            "http://[::ffff:1.2.3.4]?q",
            "http://h/a?b?c/d#e?f/g",
        ] {
            assert!(is_uri(good), "{good}");
        }
        for bad in [
            "",
            "secure-wms.com",
            "//secure-wms.com",
            "/path",
            "1http://x",
            ":x",
            "http://exa mple.com",
            "https://secure-wms.com/a b",
            " https://secure-wms.com",
            "http://h/%2",
            "http://h/%zz",
            "http://h/ü",
            "http://a@b@c",
            "http://h:8a",
            "http://h:1:2",
            "http://h#a#b",
            "http://h/[x]",
            "http://[::1",
            "http://[1::2::3]",
            "http://[fe80::1%25eth0]",
            "http://[1.2.3.4]",
            "http://h[::1]",
            "http://[::1]x",
            "http://[::1]:8a",
            "http://]",
            "http://a@]",
            "http://[v1.]",
            "http://[vg.a]",
        ] {
            assert!(!is_uri(bad), "{bad}");
        }
    }
}
