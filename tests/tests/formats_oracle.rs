#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Differential test: the const-fn `format` validators in `support::formats` accept exactly
//! what the `jsonschema` crate accepts for `{"type": "string", "format": F}` (draft 7, format
//! validation on).
//!
//! For each format it checks a fixed list of boundary cases plus 30,000 inputs from a seeded
//! splitmix64 generator: valid values, near-misses (characters replaced, inserted, deleted,
//! duplicated or swapped), random strings over the format's alphabet, Unicode, empty and very
//! long strings. `hostname` also checks, for every Unicode scalar value from U+0080 up, the
//! A-labels that encode it alone and after `a`, which covers the general-category tables.

use jsonschema::Validator;
use serde_json::{Value, json};
use stitch_connect_schema::support::formats::{
    is_date, is_date_time, is_email, is_hostname, is_idn_email, is_idn_hostname, is_ipv4, is_ipv6,
    is_iri, is_iri_reference, is_json_pointer, is_regex, is_relative_json_pointer, is_time, is_uri,
    is_uri_reference, is_uri_template,
};
use stitch_tests::Rng;

/// Generated inputs per format, besides the fixed and exhaustive ones.
const GENERATED: usize = 30_000;

// ---------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------

fn oracle(format: &str) -> Validator {
    jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&json!({"type": "string", "format": format}))
        .expect("the schema compiles")
}

/// Compares `ours` with the oracle on every input, printing the first 50 disagreements;
/// returns how many inputs were checked and how many disagreed.
fn compare(
    format: &str,
    ours: fn(&str) -> bool,
    inputs: impl IntoIterator<Item = String>,
) -> (usize, usize) {
    let validator = oracle(format);
    let (mut count, mut accepted, mut disagreements) = (0, 0, 0);
    for input in inputs {
        let actual = ours(&input);
        let expected = validator.is_valid(&Value::String(input.clone()));
        count += 1;
        accepted += usize::from(expected);
        if expected != actual {
            disagreements += 1;
            if disagreements <= 50 {
                println!("{format}: {input:?}: oracle {expected}, ours {actual}");
            }
        }
    }
    println!("{format}: {count} inputs ({accepted} valid), {disagreements} disagreements");
    (count, disagreements)
}

/// Runs the fixed cases plus `GENERATED` inputs built by `valid` and `alphabet`, asserting no
/// disagreement.
fn differential(
    format: &str,
    ours: fn(&str) -> bool,
    seed: u64,
    fixed: &[&str],
    alphabet: &[char],
    valid: fn(&mut Rng) -> String,
) {
    let mut rng = Rng(seed);
    let mut inputs: Vec<String> = fixed.iter().map(|s| (*s).to_owned()).collect();
    inputs.extend(boundaries());
    let mut generated = 0;
    while generated < GENERATED {
        let input = match rng.below(20) {
            0..=6 => valid(&mut rng),
            7..=15 => {
                let base = valid(&mut rng);
                mutate(&mut rng, &base, alphabet)
            }
            16 => random_string(&mut rng, alphabet, 40),
            17 => random_string(&mut rng, UNICODE, 12),
            18 => {
                // Two valid values glued, or a valid value repeated into a very long string.
                let a = valid(&mut rng);
                let b = valid(&mut rng);
                let glue = rng.pick(&["", ".", ":", "/", "T", " ", "@"]);
                if rng.chance(50) {
                    format!("{a}{glue}{b}")
                } else {
                    a.repeat(1 + rng.below(40))
                }
            }
            _ => {
                // A valid value cut short or extended.
                let base: Vec<char> = valid(&mut rng).chars().collect();
                let cut = rng.below(base.len() + 1);
                let mut s: String = base[..cut].iter().collect();
                if rng.chance(50) {
                    s.push(rng.pick(alphabet));
                }
                s
            }
        };
        inputs.push(input);
        generated += 1;
    }
    let (_, disagreements) = compare(format, ours, inputs);
    assert_eq!(disagreements, 0, "{format}: disagreements with the oracle");
}

/// Inputs every format sees: empty, whitespace, control, non-ASCII and very long strings.
fn boundaries() -> Vec<String> {
    let mut v: Vec<String> = [
        "", " ", "\t", "\n", "\0", "\u{7f}", "é", "٣", "😀", "\u{200D}", "\u{FEFF}", ".", ":", "-",
        "/", "%", "[", "]", "@", "T", "Z",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    for n in [63, 64, 253, 254, 255, 1000, 70_000] {
        v.push("a".repeat(n));
        v.push("1".repeat(n));
        v.push(":".repeat(n));
    }
    v
}

/// One to three random edits of `s`: replace, insert, delete, duplicate, swap or case-flip
/// a character.
fn mutate(rng: &mut Rng, s: &str, alphabet: &[char]) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(chars.len() + 1);
        match rng.below(6) {
            0 if at < chars.len() => chars[at] = rng.pick(alphabet),
            1 => chars.insert(at, rng.pick(alphabet)),
            2 if at < chars.len() => {
                chars.remove(at);
            }
            3 if at < chars.len() => chars.insert(at, chars[at]),
            4 if at + 1 < chars.len() => chars.swap(at, at + 1),
            5 if at < chars.len() => {
                let c = chars[at];
                chars[at] = if c.is_ascii_lowercase() {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                };
            }
            _ => chars.insert(at, rng.pick(UNICODE)),
        }
    }
    chars.into_iter().collect()
}

fn random_string(rng: &mut Rng, alphabet: &[char], max: usize) -> String {
    (0..rng.below(max + 1))
        .map(|_| rng.pick(alphabet))
        .collect()
}

/// Characters that are not ASCII (digits and letters of other scripts, marks, joiners, symbols,
/// full-width forms, private use, an emoji) plus ASCII controls.
const UNICODE: &[char] = &[
    'é',
    'ß',
    'ü',
    'α',
    'ж',
    '中',
    'ひ',
    'カ',
    '・',
    '٣',
    '۳',
    '１',
    'Ａ',
    '：',
    '．',
    '\u{0301}',
    '\u{094D}',
    '\u{200C}',
    '\u{200D}',
    '\u{00B7}',
    '\u{FEFF}',
    '\u{00A0}',
    '\u{2028}',
    '\u{E000}',
    '😀',
    '\u{10FFFF}',
    '\0',
    '\t',
    '\n',
    '\r',
    '\u{7f}',
    '\u{80}',
];

fn hex_digit(rng: &mut Rng) -> char {
    rng.pick(&[
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f', 'A', 'B',
        'C', 'D', 'E', 'F',
    ])
}

fn digits(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + rng.below(10) as u8))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// ipv4
// ---------------------------------------------------------------------------------------------

fn octet(rng: &mut Rng) -> String {
    match rng.below(10) {
        0 => "0".to_owned(),
        1 => "255".to_owned(),
        2 => rng.range(250, 259).to_string(),
        3 => format!("0{}", rng.below(100)),
        4 => rng.range(0, 999).to_string(),
        _ => rng.range(0, 255).to_string(),
    }
}

fn valid_ipv4(rng: &mut Rng) -> String {
    let n = if rng.chance(90) {
        4
    } else {
        rng.range(1, 6) as usize
    };
    (0..n).map(|_| octet(rng)).collect::<Vec<_>>().join(".")
}

#[test]
fn ipv4_agrees_with_oracle() {
    differential(
        "ipv4",
        is_ipv4,
        0x1F4,
        &[
            "0.0.0.0",
            "255.255.255.255",
            "256.0.0.0",
            "01.2.3.4",
            "1.2.3.04",
            "00.0.0.0",
            "1.2.3",
            "1.2.3.4.5",
            "1.2.3.4.",
            "1..2.3",
            "1.2.3.0004",
            "0x7f.0.0.1",
            "127.1",
            "١.٢.٣.٤",
            "1.2.3.4 ",
            "::1",
        ],
        &[
            '0', '1', '2', '5', '9', '.', '.', ':', '-', '+', ' ', 'a', 'x', '٣', '/',
        ],
        valid_ipv4,
    );
}

// ---------------------------------------------------------------------------------------------
// ipv6
// ---------------------------------------------------------------------------------------------

fn h16(rng: &mut Rng) -> String {
    let n = match rng.below(20) {
        0 => 5,
        1..=4 => 1,
        _ => rng.range(1, 4) as usize,
    };
    (0..n).map(|_| hex_digit(rng)).collect()
}

fn valid_ipv6(rng: &mut Rng) -> String {
    // Eight groups, the last two possibly an IPv4 address, then possibly a run compressed to
    // `::` (sometimes an empty or a wrong-sized run, to make near-misses).
    let ipv4_tail = rng.chance(25);
    let total = match rng.below(20) {
        0 => 7,
        1 => 9,
        _ => 8,
    };
    let slots = if ipv4_tail { total - 1 } else { total };
    let mut groups: Vec<String> = (0..slots).map(|_| h16(rng)).collect();
    if ipv4_tail {
        let last = groups.len() - 1;
        groups[last] = valid_ipv4(rng);
    }
    if rng.chance(70) {
        let start = rng.below(groups.len() + 1);
        let len = rng.below(groups.len() - start + 1);
        let head = groups[..start].join(":");
        let tail = groups[start + len..].join(":");
        format!("{head}::{tail}")
    } else {
        groups.join(":")
    }
}

#[test]
fn ipv6_agrees_with_oracle() {
    differential(
        "ipv6",
        is_ipv6,
        0x1F6,
        &[
            "::",
            "::1",
            "1::",
            "fe80::1",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7::8",
            "::1:2:3:4:5:6:7:8",
            "1::2::3",
            ":::",
            "1:::2",
            ":1::2",
            "1::2:",
            "::ffff:1.2.3.4",
            "::1.2.3.4",
            "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5::1.2.3.4",
            "1:2:3:4:5:6::1.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4",
            "1.2.3.4::",
            "1:2:1.2.3.4",
            "::ffff:01.2.3.4",
            "::ffff:1.2.3",
            "fe80::1%eth0",
            "fe80::1%1",
            "[::1]",
            "12345::",
            "0000:0000:0000:0000:0000:0000:255.255.255.255",
            "00000::",
        ],
        &[
            '0', '1', '9', 'a', 'f', 'F', 'g', ':', ':', ':', '.', '%', ' ', '[', ']', '٣',
        ],
        valid_ipv6,
    );
}

// ---------------------------------------------------------------------------------------------
// hostname
// ---------------------------------------------------------------------------------------------

const PUNYCODE_BASE: u32 = 36;

fn punycode_adapt(mut delta: u32, count: u32, first: bool) -> u32 {
    delta /= if first { 700 } else { 2 };
    delta += delta / count;
    let mut k = 0;
    while delta > ((PUNYCODE_BASE - 1) * 26) / 2 {
        delta /= PUNYCODE_BASE - 1;
        k += PUNYCODE_BASE;
    }
    k + (PUNYCODE_BASE * delta) / (delta + 38)
}

fn punycode_char(d: u32) -> char {
    if d < 26 {
        char::from(b'a' + d as u8)
    } else {
        char::from(b'0' + (d - 26) as u8)
    }
}

/// RFC 3492 section 6.3 encoding (the part of an A-label after `xn--`).
fn punycode_encode(input: &[char]) -> String {
    let mut out: String = input.iter().filter(|c| c.is_ascii()).collect();
    let basic = out.len();
    let mut handled = basic;
    if basic > 0 {
        out.push('-');
    }
    let (mut n, mut delta, mut bias) = (128u32, 0u32, 72u32);
    while handled < input.len() {
        let m = input
            .iter()
            .map(|&c| c as u32)
            .filter(|&c| c >= n)
            .min()
            .expect("a code point is left");
        delta += (m - n) * (handled as u32 + 1);
        n = m;
        for &c in input {
            let c = c as u32;
            if c < n {
                delta += 1;
            }
            if c == n {
                let mut q = delta;
                let mut k = PUNYCODE_BASE;
                loop {
                    let t = if k <= bias {
                        1
                    } else if k >= bias + 26 {
                        26
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out.push(punycode_char(t + (q - t) % (PUNYCODE_BASE - t)));
                    q = (q - t) / (PUNYCODE_BASE - t);
                    k += PUNYCODE_BASE;
                }
                out.push(punycode_char(q));
                bias = punycode_adapt(delta, handled as u32 + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta += 1;
        n += 1;
    }
    out
}

/// Code points that exercise the A-label rules: letters of several scripts, digits, marks
/// (Mn, Mc, Me), the RFC 5892 contextual and exceptional characters, disallowed and
/// unassigned code points, symbols and private use.
const IDN_POOL: &[char] = &[
    'é',
    'ü',
    'ß',
    'α',
    'β',
    'ж',
    'א',
    'ב',
    'ع',
    '中',
    '文',
    'ひ',
    'ら',
    'カ',
    'ナ',
    '・',
    '٠',
    '٣',
    '۰',
    '۳',
    '१',
    'क',
    'ಕ',
    'ก',
    '\u{0301}',
    '\u{0903}',
    '\u{20DD}',
    '\u{094D}',
    '\u{0CCD}',
    '\u{200C}',
    '\u{200D}',
    '\u{00B7}',
    '\u{0375}',
    '\u{05F3}',
    '\u{05F4}',
    '\u{06FD}',
    '\u{0F0B}',
    '\u{3007}',
    '\u{0640}',
    '\u{07FA}',
    '\u{302E}',
    '\u{3031}',
    '\u{303B}',
    '\u{3040}',
    '\u{3097}',
    '\u{30A0}',
    '\u{0378}',
    '\u{E000}',
    '☃',
    '€',
    '\u{00A0}',
    '😀',
    '\u{1F1E6}',
    '\u{E0100}',
    'l',
    'a',
    '1',
    '-',
];

fn idn_label(rng: &mut Rng) -> String {
    let n = rng.range(1, 6) as usize;
    let chars: Vec<char> = (0..n)
        .map(|_| {
            if rng.chance(10) {
                char::from_u32(rng.range(0x80, 0x3_FFFF)).unwrap_or('ü')
            } else {
                rng.pick(IDN_POOL)
            }
        })
        .collect();
    format!("xn--{}", punycode_encode(&chars))
}

fn ascii_label(rng: &mut Rng) -> String {
    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";
    let len = match rng.below(20) {
        0 => rng.range(60, 65) as usize,
        1 => 1,
        _ => rng.range(1, 12) as usize,
    };
    let mut label: Vec<u8> = (0..len).map(|_| rng.pick(CHARS)).collect();
    if rng.chance(90) {
        if label[0] == b'-' {
            label[0] = b'a';
        }
        if label[len - 1] == b'-' {
            label[len - 1] = b'z';
        }
        if rng.chance(95) && len >= 4 && label[2] == b'-' && label[3] == b'-' {
            label[3] = b'q';
        }
    }
    String::from_utf8(label).expect("ASCII")
}

fn valid_hostname(rng: &mut Rng) -> String {
    let labels = match rng.below(10) {
        0 => rng.range(20, 70) as usize,
        _ => rng.range(1, 5) as usize,
    };
    let parts: Vec<String> = (0..labels)
        .map(|_| {
            if rng.chance(20) {
                idn_label(rng)
            } else {
                ascii_label(rng)
            }
        })
        .collect();
    let mut host = parts.join(".");
    if labels >= 20 {
        // Land near the 253-byte limit.
        host.truncate(rng.range(245, 256) as usize);
        while host.ends_with('.') || host.ends_with('-') {
            host.pop();
        }
    }
    host
}

#[test]
fn hostname_agrees_with_oracle() {
    let long_ok = vec!["a".repeat(63); 4].join(".")[..253].to_owned();
    let long_bad = format!("{long_ok}a");
    let label63 = "a".repeat(63);
    let label64 = "b".repeat(64);
    differential(
        "hostname",
        is_hostname,
        0x4057,
        &[
            "example.com",
            "secure-wms.com",
            "example.com.",
            ".example.com",
            "example..com",
            "-example.com",
            "example-.com",
            "exa_mple.com",
            "ex--ample.com",
            "xn--bcher-kva.com",
            "XN--bcher-kva.com",
            "Xn--bcher-kva.com",
            "xn--example.com",
            "xn--x",
            "xn--",
            "xn---a",
            "xn--a-",
            "xn--vek",
            "xn--l-fda",
            "xn--ll-0ea",
            "xn--11b2ezcw70k",
            "xn--02b508i",
            "xn--hello-zed",
            "xn--hello-6bf",
            "xn--zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
            "xn--99999999999999999999999999999999999999999999999999999999999",
            &label63,
            &label64,
            &long_ok,
            &long_bad,
        ],
        &[
            'a', 'z', 'x', 'n', 'A', '0', '9', '-', '-', '.', '.', '_', ' ', 'é', '٣',
        ],
        valid_hostname,
    );
}

/// Every Unicode scalar value from U+0080 up, alone and after `a`, as an A-label: this checks
/// the general-category tables and the context rules against the oracle.
#[test]
fn hostname_a_labels_agree_with_oracle_for_every_code_point() {
    let inputs = (0x80..=0x10_FFFF).filter_map(char::from_u32).flat_map(|c| {
        [
            format!("xn--{}", punycode_encode(&[c])),
            format!("xn--{}", punycode_encode(&['a', c])),
        ]
    });
    let (count, disagreements) = compare("hostname", is_hostname, inputs);
    assert!(count > 2_000_000);
    assert_eq!(disagreements, 0, "hostname: disagreements with the oracle");
}

// ---------------------------------------------------------------------------------------------
// date-time
// ---------------------------------------------------------------------------------------------

fn days_in(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn valid_date_time(rng: &mut Rng) -> String {
    let year = match rng.below(10) {
        0 => rng.pick(&[0, 1900, 2000, 2023, 2024, 2100, 2400, 9999]),
        _ => rng.range(0, 9999),
    };
    let month = if rng.chance(5) {
        rng.range(0, 13)
    } else {
        rng.range(1, 12)
    };
    let last = days_in(year, month);
    let day = match rng.below(10) {
        0 => last,
        1 => last + 1,
        2 => 0,
        _ => rng.range(1, last),
    };
    let t = if rng.chance(90) {
        'T'
    } else {
        rng.pick(&['t', ' ', '_'])
    };
    let offset_minutes = rng.range(0, 2 * 24 * 60) as i32 - 24 * 60;
    let (mut hour, mut minute, mut second) = (rng.range(0, 23), rng.range(0, 59), rng.range(0, 59));
    let zulu = rng.chance(40);
    if rng.chance(25) {
        // A leap second, usually at 23:59 UTC.
        second = 60;
        let offset = if zulu { 0 } else { offset_minutes };
        let utc = if rng.chance(80) {
            23 * 60 + 59
        } else {
            rng.range(0, 1439) as i32
        };
        let local = (utc + offset).rem_euclid(24 * 60);
        hour = (local / 60) as u32;
        minute = (local % 60) as u32;
    } else if rng.chance(3) {
        hour = rng.range(0, 99);
        minute = rng.range(0, 99);
        second = rng.range(0, 99);
    }
    let fraction = match rng.below(10) {
        0 => {
            let n = rng.range(1, 12) as usize;
            format!(".{}", digits(rng, n))
        }
        1 => ".".to_owned(),
        _ => String::new(),
    };
    let offset = if zulu {
        (rng.pick(&["Z", "Z", "z"])).to_owned()
    } else {
        let sign = if offset_minutes < 0 { '-' } else { '+' };
        let abs = offset_minutes.unsigned_abs();
        let (oh, om) = if rng.chance(3) {
            (rng.range(0, 99), rng.range(0, 99))
        } else {
            (abs / 60, abs % 60)
        };
        if rng.chance(3) {
            format!("{sign}{oh:02}{om:02}")
        } else {
            format!("{sign}{oh:02}:{om:02}")
        }
    };
    format!("{year:04}-{month:02}-{day:02}{t}{hour:02}:{minute:02}:{second:02}{fraction}{offset}")
}

#[test]
fn date_time_agrees_with_oracle() {
    differential(
        "date-time",
        is_date_time,
        0xDA7E,
        &[
            "2024-02-29T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2000-02-29T00:00:00Z",
            "2024-02-30T00:00:00Z",
            "2024-00-01T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-01-00T00:00:00Z",
            "2024-01-32T00:00:00Z",
            "2024-01-01T00:00:01Z",
            "2024-01-01t00:00:00z",
            "2024-01-01 00:00:00Z",
            "2016-12-31T23:59:60Z",
            "2016-12-31T23:59:60z",
            "2016-12-31T23:58:60Z",
            "2016-12-31T00:00:60z",
            "2016-12-31T23:59:61Z",
            "2016-12-31T23:59:60+00:00",
            "2016-12-31T23:59:60-00:00",
            "2016-12-31T15:59:60-08:00",
            "2016-12-31T23:59:60+01:00",
            "2016-12-31T00:59:60+01:00",
            "2016-12-31T00:58:60+00:59",
            "2016-12-31T23:58:60-00:01",
            "2016-12-31T22:59:60-23:00",
            "2016-12-31T00:00:60+00:01",
            "2018-11-05T10:00:00.Z",
            "2018-11-05T10:00:00.123456789012345678901234567890Z",
            "2018-11-05T10:00:00+24:00",
            "2018-11-05T10:00:00+23:60",
            "2018-11-05T10:00:00+0100",
            "2018-11-05T10:00:00",
            "2018-11-05T10:00Z",
            "2018-11-05TT10:00:00Z",
            "2018-11-05T10:00:00ZZ",
            "T10:00:00Z",
            "2018-11-05T",
            "+2018-11-05T10:00:00Z",
            "02018-11-05T10:00:00Z",
            "2018-11-05T10:00:00.1٣Z",
            "２０１８-11-05T10:00:00Z",
        ],
        &[
            '0', '1', '2', '3', '5', '9', '-', ':', '.', 'T', 't', 'Z', 'z', '+', ' ', '٣', 'x',
        ],
        valid_date_time,
    );
}

/// Every offset, with the leap second at, just before and just after 23:59 UTC.
#[test]
fn date_time_leap_seconds_agree_with_oracle() {
    let mut inputs = Vec::new();
    for sign in [1i32, -1] {
        for offset in 0i32..24 * 60 {
            for delta in [-1, 0, 1, 60] {
                let local = (23 * 60 + 59 + delta + sign * offset).rem_euclid(24 * 60);
                inputs.push(format!(
                    "2016-12-31T{:02}:{:02}:60{}{:02}:{:02}",
                    local / 60,
                    local % 60,
                    if sign > 0 { '+' } else { '-' },
                    offset / 60,
                    offset % 60
                ));
            }
        }
    }
    let (_, disagreements) = compare("date-time", is_date_time, inputs);
    assert_eq!(disagreements, 0, "date-time: disagreements with the oracle");
}

// ---------------------------------------------------------------------------------------------
// uri
// ---------------------------------------------------------------------------------------------

fn uri_chars(rng: &mut Rng, extra: &[char], max: usize) -> String {
    const BASE: &[char] = &[
        'a', 'b', 'z', 'A', 'Z', '0', '9', '-', '.', '_', '~', '!', '$', '&', '\'', '(', ')', '*',
        '+', ',', ';', '=',
    ];
    let mut s = String::new();
    for _ in 0..rng.below(max + 1) {
        if rng.chance(8) {
            s.push('%');
            s.push(hex_digit(rng));
            s.push(hex_digit(rng));
        } else if rng.chance(30) && !extra.is_empty() {
            s.push(rng.pick(extra));
        } else {
            s.push(rng.pick(BASE));
        }
    }
    s
}

fn valid_uri(rng: &mut Rng) -> String {
    let scheme = match rng.below(10) {
        0 => format!("{}{}", rng.pick(&["a", "Z", "x"]), uri_chars(rng, &[], 5)),
        _ => (rng.pick(&["http", "https", "mailto", "urn", "file", "ftp", "s3+x-y.z"])).to_owned(),
    };
    let mut uri = format!("{scheme}:");
    let has_authority = rng.chance(65);
    if has_authority {
        uri.push_str("//");
        if rng.chance(25) {
            uri.push_str(&uri_chars(rng, &[':'], 8));
            uri.push('@');
        }
        let host = match rng.below(10) {
            0 => format!("[{}]", valid_ipv6(rng)),
            1 => format!("[v{}.{}]", hex_digit(rng), uri_chars(rng, &[':'], 6)),
            2 => valid_ipv4(rng),
            3 => String::new(),
            _ => valid_hostname(rng).chars().take(40).collect(),
        };
        uri.push_str(&host);
        if rng.chance(25) {
            uri.push(':');
            let n = rng.below(6);
            uri.push_str(&digits(rng, n));
        }
        if rng.chance(60) {
            uri.push('/');
        }
    }
    match rng.below(4) {
        0 => {}
        1 => uri.push_str(&uri_chars(rng, &[':', '@'], 10)),
        _ => {
            for _ in 0..rng.range(1, 4) {
                uri.push_str(&uri_chars(rng, &[':', '@'], 8));
                uri.push('/');
            }
        }
    }
    if rng.chance(30) {
        uri.push('?');
        uri.push_str(&uri_chars(rng, &[':', '@', '/', '?'], 12));
    }
    if rng.chance(20) {
        uri.push('#');
        uri.push_str(&uri_chars(rng, &[':', '@', '/', '?'], 12));
    }
    uri
}

#[test]
fn uri_agrees_with_oracle() {
    differential(
        "uri",
        is_uri,
        0x0421,
        &[
            "https://secure-wms.com",
            "mailto:a@b",
            "secure-wms.com",
            "//secure-wms.com",
            "/path",
            "http://exa mple.com",
            "https://secure-wms.com/a b",
            "http://",
            "http://:80",
            "http://h:",
            "http://a@b@c",
            "http://a:b:c",
            "http://h/%2",
            "http://h/%zz",
            "http://h#a#b",
            "http://[::1]",
            "http://[::1]:8080/x?y#z",
            "http://u:p@[::1]:/",
            "http://[v1.x]",
            "http://[V1.x]",
            "http://[v.x]",
            "http://[vg.x]",
            "http://[v1.]",
            "http://[]",
            "http://[::1",
            "http://::1]",
            "http://]",
            "http://a]",
            "http://a@]",
            "http://a@b[::1]",
            "http://a[::1]",
            "http://[::1][::1]",
            "http://[::1]x",
            "http://[::1]:8:9",
            "http://[1.2.3.4]",
            "http://[fe80::1%25eth0]",
            "http://[::ffff:1.2.3.4]",
            "http://h/[::1]",
            "http://h?[",
            "1http://x",
            "a:",
            "a:b:c",
            "file:///",
            "urn:ietf:rfc:3986",
        ],
        &[
            'a', 'Z', '0', ':', ':', '/', '/', '?', '#', '[', ']', '@', '%', '.', '-', ' ', '"',
            '<', '\\', '^', '`', '{', '|', 'é',
        ],
        valid_uri,
    );
}

// ---------------------------------------------------------------------------------------------
// date and time
// ---------------------------------------------------------------------------------------------

fn valid_date(rng: &mut Rng) -> String {
    let any = rng.below(10_000);
    let year = rng.pick(&[0, 1900, 2000, 2023, 2024, 2100, 9999, any]);
    let month = rng.range(1, 12) as usize;
    let day = if rng.chance(80) {
        rng.range(1, days_in(year as u32, month as u32)) as usize
    } else {
        rng.below(33)
    };
    format!("{year:04}-{month:02}-{day:02}")
}

fn valid_time(rng: &mut Rng) -> String {
    let hour = rng.below(24);
    let minute = rng.below(60);
    let second = if rng.chance(10) { 60 } else { rng.below(60) };
    let mut time = format!("{hour:02}:{minute:02}:{second:02}");
    if rng.chance(30) {
        time.push('.');
        let n = rng.range(1, 9) as usize;
        time.push_str(&digits(rng, n));
    }
    match rng.below(4) {
        0 => time.push('Z'),
        1 => time.push('z'),
        _ => time.push_str(&format!(
            "{}{:02}:{:02}",
            rng.pick(&["+", "-"]),
            rng.below(25),
            rng.pick(&[0, 30, 45, 59, 60])
        )),
    }
    time
}

#[test]
fn date_agrees_with_oracle() {
    differential(
        "date",
        is_date,
        0x0DA7,
        &[
            "2024-02-29",
            "2023-02-29",
            "2024-13-01",
            "0000-01-01",
            "2024-1-01",
            "2024-01-01T",
        ],
        &['0', '1', '2', '9', '-', 'T', ':', ' '],
        valid_date,
    );
}

#[test]
fn time_agrees_with_oracle() {
    differential(
        "time",
        is_time,
        0x71AE,
        &[
            "23:59:60Z",
            "23:59:60+00:00",
            "00:59:60+01:00",
            "12:30:60+01:00",
            "22:59:60-01:00",
            "12:00:00",
            "12:00:00.Z",
            "12:00:00.5z",
            "24:00:00Z",
            "12:00:00+24:00",
            "12:00:00-00:00",
            "12:00:00 Z",
        ],
        &['0', '1', '2', '5', '9', ':', '.', 'Z', 'z', '+', '-', ' '],
        valid_time,
    );
}

// ---------------------------------------------------------------------------------------------
// email
// ---------------------------------------------------------------------------------------------

fn valid_email(rng: &mut Rng) -> String {
    let local = match rng.below(6) {
        0 => format!(
            "\"{}\"",
            random_string(rng, &['a', ' ', '\\', '"', '@', '.', '\t', 'é', 'ȁ'], 8)
        ),
        1 => String::new(),
        _ => {
            let parts: Vec<String> = (0..rng.range(1, 3))
                .map(|_| {
                    random_string(
                        rng,
                        &['a', 'Z', '0', '+', '-', '_', '!', '{', 'é', 'ȁ', '~'],
                        6,
                    )
                })
                .collect();
            parts.join(".")
        }
    };
    let domain = match rng.below(6) {
        0 => format!("[{}]", valid_ipv4(rng)),
        1 => format!(
            "[{}{}]",
            rng.pick(&["IPv6:", "ipv6:", "IPV6:", ""]),
            valid_ipv6(rng)
        ),
        _ => valid_hostname(rng).chars().take(60).collect(),
    };
    let address = format!("{local}@{domain}");
    match rng.below(8) {
        0 => format!(
            "{} <{address}>",
            random_string(rng, &['a', ' ', '<', 'é'], 6)
        ),
        1 => format!("\"\"@{domain}"),
        _ => address,
    }
}

#[test]
fn email_agrees_with_oracle() {
    differential(
        "email",
        is_email,
        0xE3A1,
        &[
            "a@b.com",
            "a.b@c.com",
            ".a@b.com",
            "a.@b.com",
            "a..b@c.com",
            "\"a b\"@c.com",
            "\"a\\\"b\"@c.com",
            "\"\"@b.com",
            "\"a\"b@c.com",
            "Foo <a@b.com>",
            " <a@b.com>",
            "x <a@b.com>  ",
            "<a@b.com>",
            "a@[127.0.0.1]",
            "a@[127.0.0.01]",
            "a@[IPv6:::1]",
            "a@[IPv6:::1.2.3.4]",
            "a@[]",
            "a@localhost",
            "a@1.2.3.4",
            "a@b.com.",
            "a@ab--c.com",
            "a@a_b.com",
            "ä@b.com",
            "\"ä\"@b.com",
            " a@b.com",
            "a@b@c.com",
            "\"a@b\"@c.com",
        ],
        &[
            'a', 'b', '.', '@', '"', '\\', ' ', '<', '>', '[', ']', ':', '-', 'é', '_',
        ],
        valid_email,
    );
}

// ---------------------------------------------------------------------------------------------
// idn-hostname, idn-email (the `idn` feature, which these tests turn on, against the oracle
// with its `idna` feature)
// ---------------------------------------------------------------------------------------------

/// Characters the contextual rules of RFC 5892 name, and their neighbours.
const IDN_CONTEXT: &[char] = &[
    'l', '\u{00B7}', '\u{0375}', 'α', 'ἀ', '\u{05F3}', '\u{05F4}', 'א', '\u{30FB}', 'カ', 'ひ',
    '日', '\u{0660}', '\u{06F0}', '\u{0640}', '\u{3007}', '\u{200C}', '\u{200D}', '\u{094D}', 'क',
    '\u{0301}', '☃', 'ü', 'ß', 'ς', 'Ⅷ', '٣', '-', '.', 'a', '1', '_', '\u{FF0E}', '\u{3002}',
];

fn valid_idn_hostname(rng: &mut Rng) -> String {
    let labels = rng.range(1, 4) as usize;
    (0..labels)
        .map(|_| {
            if rng.chance(40) {
                ascii_label(rng)
            } else {
                let n = rng.range(1, 6) as usize;
                (0..n)
                    .map(|_| {
                        if rng.chance(10) {
                            char::from_u32(rng.range(0x80, 0x3_FFFF)).unwrap_or('ü')
                        } else {
                            rng.pick(IDN_CONTEXT)
                        }
                    })
                    .collect()
            }
        })
        .collect::<Vec<String>>()
        .join(".")
}

#[test]
fn idn_hostname_agrees_with_oracle() {
    differential(
        "idn-hostname",
        is_idn_hostname,
        0x1D4_0057,
        &[
            "bücher.de",
            "xn--bcher-kva.de",
            "BÜCHER.DE",
            "ab--c.de",
            "-a.de",
            "a-.de",
            "l\u{00B7}l.cat",
            "a\u{00B7}b.cat",
            "\u{00B7}l.cat",
            "\u{0375}α.gr",
            "\u{0375}a.gr",
            "א\u{05F3}.il",
            "\u{05F3}.il",
            "カ\u{30FB}.jp",
            "\u{30FB}.jp",
            "\u{0660}\u{0661}.eg",
            "\u{0660}\u{06F0}.eg",
            "\u{0640}.eg",
            "\u{3007}.cn",
            "a\u{200D}b.com",
            "क\u{094D}\u{200D}.in",
            "\u{0301}a.com",
            "☃.com",
            "a\u{3002}b.com",
            "a..b",
            "",
            ".",
            "a.",
        ],
        IDN_CONTEXT,
        valid_idn_hostname,
    );
}

#[test]
fn idn_email_agrees_with_oracle() {
    differential(
        "idn-email",
        is_idn_email,
        0x1D4_E3A1,
        &[
            "jörg@bücher.de",
            "\"é\"@a.com",
            "日本@日本.jp",
            "a@-b.com",
            "a@[IPv6:::1]",
            "a@[1.2.3.4]",
            "ä@b.com",
            "a@☃.com",
            "Jörg <jörg@bücher.de>",
            "\"\"@bücher.de",
            "a@b@c.de",
            "@b.de",
            "a@",
        ],
        &[
            'a', 'ö', '日', '@', '.', '"', '\\', ' ', '<', '>', '[', ']', '-', '\u{00B7}',
        ],
        |rng| {
            let local = random_string(rng, &['a', 'ö', '日', '.', '+', '"', 'é'], 6);
            let domain = if rng.chance(80) {
                valid_idn_hostname(rng)
            } else {
                valid_hostname(rng).chars().take(60).collect()
            };
            format!("{local}@{domain}")
        },
    );
}

// ---------------------------------------------------------------------------------------------
// uri-reference, iri, iri-reference
// ---------------------------------------------------------------------------------------------

fn valid_uri_reference(rng: &mut Rng) -> String {
    let uri = valid_uri(rng);
    match rng.below(5) {
        0 => uri,
        // Without the scheme: `//authority...`, a path, `?q` or `#f`.
        _ => match uri.split_once(':') {
            Some((_, rest)) => rest.to_owned(),
            None => uri,
        },
    }
}

/// A URI with IRI characters here and there: `ucschar`, `iprivate`, and ones that are
/// neither.
fn with_iri_chars(rng: &mut Rng, uri: String) -> String {
    const IRI: &[char] = &[
        'é',
        'ü',
        '日',
        '\u{A0}',
        '\u{D7FF}',
        '\u{FDD0}',
        '\u{FFEF}',
        '\u{FFFE}',
        '\u{10000}',
        '\u{1FFFE}',
        '\u{E000}',
        '\u{F8FF}',
        '\u{F0000}',
        '\u{E1000}',
        '\u{80}',
        '\u{9F}',
        '😀',
    ];
    let mut chars: Vec<char> = uri.chars().collect();
    for _ in 0..rng.range(1, 3) {
        let at = rng.below(chars.len() + 1);
        chars.insert(at, rng.pick(IRI));
    }
    chars.into_iter().collect()
}

fn valid_iri(rng: &mut Rng) -> String {
    let uri = valid_uri(rng);
    with_iri_chars(rng, uri)
}

fn valid_iri_reference(rng: &mut Rng) -> String {
    let uri = valid_uri_reference(rng);
    with_iri_chars(rng, uri)
}

const URI_FIXED: &[&str] = &[
    "",
    "?#",
    "#",
    "#a#",
    "a:b",
    "./a:b",
    "1a:b",
    ":x",
    "//@",
    "//:",
    "//[::1]x",
    "//h:99999999",
    "ü",
    "ü:x",
    "//ü:8",
    "http://ü@ü:1",
    "http://x/#\u{E000}",
    "http://x/?\u{E000}",
    "http://x/\u{E000}",
    "http://\u{80}",
    "x:",
    "a/b?c#d",
    "%zz",
];

const URI_ALPHABET: &[char] = &[
    'a', 'Z', '0', ':', '/', '/', '?', '#', '[', ']', '@', '%', '.', '-', ' ', '"', '<', '\\', '{',
    '|', 'é', '\u{E000}', '\u{80}',
];

#[test]
fn uri_reference_agrees_with_oracle() {
    differential(
        "uri-reference",
        is_uri_reference,
        0x0422,
        URI_FIXED,
        URI_ALPHABET,
        valid_uri_reference,
    );
}

#[test]
fn iri_agrees_with_oracle() {
    differential("iri", is_iri, 0x0423, URI_FIXED, URI_ALPHABET, valid_iri);
}

#[test]
fn iri_reference_agrees_with_oracle() {
    differential(
        "iri-reference",
        is_iri_reference,
        0x0424,
        URI_FIXED,
        URI_ALPHABET,
        valid_iri_reference,
    );
}

// ---------------------------------------------------------------------------------------------
// uri-template, json-pointer, relative-json-pointer
// ---------------------------------------------------------------------------------------------

fn valid_uri_template(rng: &mut Rng) -> String {
    let mut template = String::new();
    for _ in 0..rng.range(1, 4) {
        if rng.chance(50) {
            template.push_str(&uri_chars(rng, &['/', ':', '\'', 'é'], 6));
        } else {
            template.push('{');
            if rng.chance(50) {
                template
                    .push(rng.pick(&['+', '#', '.', '/', ';', '?', '&', '=', ',', '!', '@', '|']));
            }
            let names: Vec<String> = (0..rng.range(1, 3))
                .map(|_| {
                    let mut name = random_string(rng, &['a', 'Z', '0', '_', '.'], 5);
                    if name.is_empty() {
                        name.push('v');
                    }
                    match rng.below(4) {
                        0 => name.push('*'),
                        1 => name.push_str(&format!(":{}", rng.below(12_000))),
                        _ => {}
                    }
                    name
                })
                .collect();
            template.push_str(&names.join(","));
            template.push('}');
        }
    }
    template
}

#[test]
fn uri_template_agrees_with_oracle() {
    differential(
        "uri-template",
        is_uri_template,
        0x7E3F,
        &[
            "",
            "http://example.com/{id}",
            "{}",
            "{+}",
            "{v,}",
            "{v:2*}",
            "{v**}",
            "{v:10000}",
            "{v:9999}",
            "{v:0}",
            "{.a.b}",
            "{a..b}",
            "{a.}",
            "{%2Fx}",
            "{%2}",
            "a}b",
            "{a{b}}",
            "a'b",
            "a%zzb",
        ],
        &[
            '{', '}', ',', ':', '*', '.', '+', '#', '%', 'a', '0', ' ', '\'', '"', 'é',
        ],
        valid_uri_template,
    );
}

fn valid_json_pointer(rng: &mut Rng) -> String {
    (0..rng.below(4))
        .map(|_| {
            format!(
                "/{}",
                random_string(rng, &['a', '0', '~', '0', '1', '/', 'é', ' '], 5)
            )
        })
        .collect()
}

fn valid_relative_json_pointer(rng: &mut Rng) -> String {
    let number = if rng.chance(30) {
        "0".to_owned()
    } else {
        rng.below(200).to_string()
    };
    match rng.below(3) {
        0 => number,
        1 => format!("{number}#"),
        _ => format!("{number}{}", valid_json_pointer(rng)),
    }
}

#[test]
fn json_pointer_agrees_with_oracle() {
    differential(
        "json-pointer",
        is_json_pointer,
        0x7017,
        &["", "/", "//", "/a~0b", "/a~1", "/a~", "/a~2", "a", "/~01"],
        &['/', '~', '0', '1', '2', 'a', 'é', '#'],
        valid_json_pointer,
    );
}

#[test]
fn relative_json_pointer_agrees_with_oracle() {
    differential(
        "relative-json-pointer",
        is_relative_json_pointer,
        0x7018,
        &[
            "0", "0#", "0/", "00", "01", "1#/", "0#x", "-1", "#", "1+1", "12/a~1b", "",
        ],
        &['/', '~', '0', '1', '9', '#', 'a', '+', '-'],
        valid_relative_json_pointer,
    );
}

// ---------------------------------------------------------------------------------------------
// regex
// ---------------------------------------------------------------------------------------------

fn valid_regex(rng: &mut Rng) -> String {
    const ATOMS: &[&str] = &[
        "a",
        "b",
        ".",
        "\\d",
        "\\w",
        "\\s",
        "\\.",
        "\\-",
        "[a-z]",
        "[^0-9]",
        "[\\d-]",
        "[]",
        "(a)",
        "(?:b)",
        "(?<n>c)",
        "(?<m>d)",
        "(?=x)",
        "(?!y)",
        "(?<=z)",
        "(?<!w)",
        "\\1",
        "\\2",
        "\\k<n>",
        "\\p{L}",
        "\\P{Script=Greek}",
        "\\u0041",
        "\\u{1F600}",
        "\\x41",
        "\\cA",
        "\\0",
        "^",
        "$",
        "\\b",
        "\\B",
        "(?i:a)",
        "(?i-m:b)",
        "é",
        "[z-a]",
        "\\a",
        "{",
        "}",
        "]",
        "(",
        ")",
        "|",
        "\\uD83D\\uDE00",
        "[\\w-a]",
        "(?<n>e)",
    ];
    const QUANTIFIERS: &[&str] = &[
        "", "", "", "*", "+", "?", "{2}", "{2,}", "{2,3}", "{3,2}", "*?", "??", "{,2}",
    ];
    let mut regex = String::new();
    for _ in 0..rng.range(1, 5) {
        regex.push_str(rng.pick(ATOMS));
        regex.push_str(rng.pick(QUANTIFIERS));
        if rng.chance(10) {
            regex.push('|');
        }
    }
    regex
}

#[test]
fn regex_agrees_with_oracle() {
    differential(
        "regex",
        is_regex,
        0x4E6E,
        &[
            "",
            "|",
            "a|",
            "a{",
            "a{x}",
            "a{,5}",
            "x{2}{3}",
            "a**",
            "a*??",
            "^*",
            "(?=a)*",
            "(?<=a)+",
            "\\b*",
            "[]",
            "[^]",
            "[[a]]",
            "[---]",
            "[a-z-9]",
            "(?<a>x)(?<a>y)",
            "(?<a>x)|(?<a>y)",
            "((?<a>x)|(?<a>y))(?<a>z)",
            "\\k<a>(?<a>x)",
            "\\k<b>",
            "\\k",
            "(a)\\2",
            "\\1(a)",
            "\\00",
            "\\01",
            "\\u{}",
            "\\u{110000}",
            "\\u{0000041}",
            "(?<\\u0061>x)",
            "(?<$_a\u{200C}>x)",
            "(?<1a>x)",
            "(?i)",
            "(?-:a)",
            "(?i-i:a)",
            "(?x:a)",
            "\\p{}",
            "\\p{a=b=c}",
            "[\\B]",
            "[\\1]",
            "[\\b]",
            "\\",
            "a{2,1}",
            "a{01,1}",
            "a{99999999999999999999,100000000000000000000}",
        ],
        &[
            '(', ')', '[', ']', '{', '}', '\\', '|', '*', '+', '?', '^', '$', '-', ',', '<', '>',
            'a', '1', 'k', 'u',
        ],
        valid_regex,
    );
}
