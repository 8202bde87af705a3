#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Differential test of the pattern matcher: for a battery of patterns and thousands of strings
//! each, the compiled program (`CompiledPattern::is_match`, run by the runtime crate's matcher
//! the program needs), the matcher the generated code holds (a literal set, a shape or the
//! program) and the `jsonschema` crate (draft 7, the project's oracle) must all agree.
//!
//! How the oracle (jsonschema 0.61) runs a `pattern`: `jsonschema_regex::to_rust_regex` rewrites
//! the ECMA-262 pattern for Rust's `regex` syntax (`\d` becomes `[0-9]`, `\w` `[A-Za-z0-9_]`, `\s`
//! the ECMA-262 white space and line terminators, `.` `[^\n\r\u2028\u2029]`), then it is searched
//! unanchored with `fancy-regex` (which hands lookaround-free patterns to `regex`); `$` holds only
//! at the very end of the string, as in ECMA-262 without the `m` flag. Simple shapes (`^abc`,
//! `^abc$`, `^(a|b)$`, `^\S*$`) take literal fast paths with the same results.
//! Where the oracle deviates from ECMA-262:
//! - it matches Unicode scalar values, where ECMA-262 without the `u` flag matches UTF-16 code
//!   units (so `^.$` accepts "😀" here, but not in a browser);
//! - it refuses `\a` and other Rust-only escapes that ECMA-262's Annex B reads as identity escapes,
//!   and gives `\p{..}` Unicode-property meaning where Annex B reads `\p` as `p` (the matcher
//!   does as the oracle, and as ECMA-262 with the `u` flag that later drafts ask for);
//! - it refuses a quantified empty non-capturing group such as `(?:)+` (fancy-regex finds nothing
//!   to repeat), and the empty classes `[]` and `[^]`, which ECMA-262 accepts and so does the
//!   generator (`ecma_patterns.rs` holds it to JavaScript); the patterns here avoid them.
//!
//! - with a lookaround, `\b` or a back-reference it reads some escapes as Unicode's, and it
//!   refuses `\0`, `[\b]` and `\k<name>`; with a back-reference after a repeated group it may
//!   miss a match (`^(x+)+y\1` refuses "xxxxyxx"); there the matcher follows ECMA-262
//!   (`normalize::pattern` has the details and the tests, `ecma_patterns.rs` holds it to
//!   JavaScript), and the patterns here avoid those constructs.
//!
//! Elsewhere the matcher follows the oracle.

use serde_json::{Value, json};
use stitch_codegen::normalize::pattern::{CompiledPattern, Inst, compile};
use stitch_tests::Rng;

/// Strings tried per pattern.
const STRINGS_PER_PATTERN: usize = 5_000;

/// The length of the long strings.
const LONG: usize = 10_000;

/// Patterns of today's report cards.
const SPEC_PATTERNS: &[&str] = &[
    r"^\d+$",
    r"^\d+",
    r"^(ssh|none)$",
    r"^(true|false)$",
    r"^(csv|jsonl)$",
    r"^1$|^30$|^60$|^360$|^720$|^1440$",
    r"^\d{4}-\d{2}-\d{2}T00:00:00Z$",
    r"^stitch-challenge-file-.*$",
];

/// Patterns covering every supported construct, and some pathological ones.
const MORE_PATTERNS: &[&str] = &[
    // Pathological for backtracking engines.
    r"^(a|aa)*$",
    r"(x+x+)+y",
    r"^(a+)+$",
    r"(a*)*b",
    r"^(a?){20}a{20}$",
    r"^(\w+\s?)*$",
    r"^(?:(?:a|b)c){2,}$",
    // Alternation, groups, anchors.
    r"^(?:a|b)$",
    r"ab|cd",
    r"^abc",
    r"xyz$",
    r"^(|a)$",
    r"a||b",
    r"^(a||b)$",
    r"()",
    r"(^a|b$)",
    r"a^b",
    r"a$b",
    r"(?:^)*x",
    r"(a|^)b",
    r"^$",
    r"",
    r"^",
    r"$",
    r"^a\.b$",
    // Lookarounds and named groups, with explicit classes: with a lookaround the oracle may read
    // `\d`, `\w`, `\s` and `.` as Unicode's (see the module docs).
    r"^(?=[a-z]*[0-9])[a-z0-9]+$",
    r"(?<![a-z])[0-9]+",
    r"x(?!y)",
    r"(?<=a|bc)d",
    r"^(?<key>[a-z]+)=(?<value>[^=]*)$",
    r"(?<=^(?:ab)+)c",
    r"^(?:(?!--)[a-z-])+$",
    r"^\cI\cJ?$",
    // Unicode properties, in and out of classes.
    r"^\p{L}+$",
    r"^[\p{Lu}\d]+$",
    r"^\P{L}*$",
    r"^\p{Script=Greek}+$",
    r"\p{gc=Nd}",
    r"^[^\p{N}\s]$",
    r"^\p{White_Space}\p{ASCII}",
    r"^\u{41}\u{1F600}?[\u{61}-\u{63}]",
    // Dot and class escapes.
    r"a.c",
    r"^.*$",
    r"^.+$",
    r"^.$",
    r"\D\W\S",
    r"^\w+@\w+\.\w{2,3}$",
    r"^\s*$",
    r"^\S*$",
    r"^\s$",
    // Classes.
    r"^[a-z0-9_-]+$",
    r"^[^a-z]+$",
    r"^[\w\-\.]+$",
    r"[\d.]",
    r"^[\D]$",
    r"^[a\Sb]+$",
    r"^[\s\S]$",
    r"^[^\s]+$",
    r"^[+--]$",
    r"^[a-]$",
    r"^[-a]$",
    r"^[a&&b]+$",
    r"^[a~~b]+$",
    r"^[[]$",
    r"^[\]]$",
    r"^[\u0041-\u005A]+$",
    r"^[A-Za-z0-9+/]*={0,2}$",
    r"[à-ÿ]+",
    r"^[^x]$",
    // Quantifiers.
    r"^a{2}$",
    r"^a{2,}$",
    r"^a{2,4}$",
    r"^(ab){1,3}c?$",
    r"^x{0}y$",
    r"^a+?b*?c??$",
    r"a{2,3}?",
    r"^[0-9]{1,255}$",
    r"^\d+(\.\d+)?$",
    // Literals and escapes.
    r"^é+日?$",
    r"\x41\u00e9",
    r"\t\n\r\f\v",
    r"^\^\$\.\*\+\?\(\)\[\]\{\}\|\/\-\\$",
    r"^https?://[^/]+/.*$",
    r"^(?:[a-f0-9]{8}-(?:[a-f0-9]{4}-){3}[a-f0-9]{12})$",
    r"😀|٣",
    r##"^\!\"\#\%\&\'\,\:\;\=\@\_\`\~\ $"##,
    "a\tb c",
    r"^#[0-9a-fA-F]{6}$",
    r"^(?:)a(?:)$",
    r"^()+a(|)*(?:a|)+(?:()){2}$",
    r"^a&b~c#$",
    // Back-references (the backtracking matcher), where ECMA-262 and the oracle read them
    // alike (beside a back-reference the oracle reads `\w` and `\d` as Unicode's, so these
    // spell classes out): JavaScript's own answers, repeated groups and lookarounds included,
    // are held in `ecma_patterns.rs`.
    r"^(a+)\1$",
    r"([a-z_])\1",
    r#"^(['"])[^'"]*\1$"#,
    r"^([0-9]{2,3})-\1-\1$",
    r"^(a|ab)(c|bcd)\2$",
    r"(é+)日\1",
    // Programs past the const automaton's 4,096 instructions: the same automaton, its state on
    // the heap; or a shape.
    r"^[a-z0-9]{1,1400}$",
    r"^\p{L}{8}",
];

/// Characters tried with every pattern: line terminators, white space, digits and letters of
/// other scripts, and an astral character.
const EXTRA_CHARS: &[char] = &[
    'a',
    'b',
    'z',
    'A',
    'Z',
    '0',
    '9',
    '_',
    '-',
    '.',
    ' ',
    ':',
    'T',
    '\n',
    '\r',
    '\t',
    '\u{0B}',
    '\u{0C}',
    '\u{85}',
    '\u{a0}',
    '\u{1680}',
    '\u{2007}',
    '\u{2028}',
    '\u{2029}',
    '\u{202f}',
    '\u{3000}',
    '\u{feff}',
    '\u{200b}',
    'é',
    'ÿ',
    'Ā',
    '日',
    '٣',
    '１',
    '😀',
    '\u{10FFFF}',
    '\0',
];

/// A seed from the pattern, so each pattern's strings are reproducible on their own.
fn seed(pattern: &str) -> u64 {
    pattern.bytes().fold(0xCBF2_9CE4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01B3)
    })
}

/// The characters a pattern's program mentions, their neighbours, and [`EXTRA_CHARS`].
fn alphabet(program: &[Inst]) -> Vec<char> {
    let mut chars = EXTRA_CHARS.to_vec();
    let mut near = |c: char| {
        for code in [u32::from(c).wrapping_sub(1), u32::from(c), u32::from(c) + 1] {
            if let Some(c) = char::from_u32(code) {
                chars.push(c);
            }
        }
    };
    for inst in program {
        match *inst {
            Inst::Char(c) => near(c),
            Inst::Range(lo, hi) => {
                near(lo);
                near(hi);
                if let Some(mid) = char::from_u32((u32::from(lo) + u32::from(hi)) / 2) {
                    near(mid);
                }
            }
            _ => {}
        }
    }
    // Bias toward the pattern's own characters: they come after the extras, so weigh them double.
    let own = chars[EXTRA_CHARS.len()..].to_vec();
    chars.extend(own);
    chars
}

fn in_class(program: &[Inst], class_pc: usize, c: char) -> bool {
    let Inst::Class { negated, len } = program[class_pc] else {
        unreachable!()
    };
    let inside = program[class_pc + 1..=class_pc + usize::from(len)]
        .iter()
        .any(|inst| matches!(*inst, Inst::Range(lo, hi) if lo <= c && c <= hi));
    inside != negated
}

/// A string built by a random walk through the program: usually one it matches.
fn walk(program: &[Inst], alphabet: &[char], rng: &mut Rng, target: usize) -> String {
    let mut out = String::new();
    let mut pc = 0;
    let mut steps = 0;
    let mut length = 0;
    // The byte offsets in `out` each capture slot recorded, for back-references to repeat.
    let mut slots = std::collections::BTreeMap::new();
    while steps < target * 8 + 200 {
        steps += 1;
        match program[pc] {
            Inst::Char(c) => {
                out.push(c);
                length += 1;
                pc += 1;
            }
            Inst::Class { len, .. } => {
                let mut chosen = None;
                for _ in 0..32 {
                    let c = if rng.chance(50) {
                        // A character inside one of the ranges.
                        let range = pc + 1 + rng.below(usize::from(len).max(1));
                        match program.get(range) {
                            Some(&Inst::Range(lo, hi)) => {
                                let span = u32::from(hi) - u32::from(lo) + 1;
                                let code =
                                    u32::from(lo) + (rng.next_u64() % u64::from(span)) as u32;
                                char::from_u32(code).unwrap_or(lo)
                            }
                            _ => rng.pick(alphabet),
                        }
                    } else {
                        rng.pick(alphabet)
                    };
                    if in_class(program, pc, c) {
                        chosen = Some(c);
                        break;
                    }
                }
                let Some(c) = chosen else {
                    break;
                };
                out.push(c);
                length += 1;
                pc += 1 + usize::from(len);
            }
            Inst::Range(..) => unreachable!("ranges are skipped"),
            Inst::Split(first, second) => {
                // Keep looping until the target length, then prefer the later target (exits).
                let later = usize::from(first.max(second));
                let earlier = usize::from(first.min(second));
                let prefer_later = if length < target { 35 } else { 90 };
                pc = if rng.chance(prefer_later) {
                    later
                } else {
                    earlier
                };
            }
            Inst::Jump(target) => pc = usize::from(target),
            Inst::AssertStart | Inst::AssertEnd | Inst::WordBoundary(_) => pc += 1,
            // The walk does not aim at a lookaround: the near misses cover both outcomes.
            Inst::Look { len, .. } => pc += 1 + usize::from(len),
            Inst::Save(slot) => {
                slots.insert(slot, out.len());
                pc += 1;
            }
            Inst::Reset(from, to) => {
                slots.retain(|slot, _| !(from..to).contains(slot));
                pc += 1;
            }
            Inst::Backref(group) => {
                if let (Some(&start), Some(&end)) =
                    (slots.get(&(2 * group)), slots.get(&(2 * group + 1)))
                    && start <= end
                {
                    let captured = out[start..end].to_owned();
                    length += captured.chars().count();
                    out.push_str(&captured);
                }
                pc += 1;
            }
            Inst::Mark(_) | Inst::Progress(_) => pc += 1,
            Inst::Match => break,
        }
    }
    out
}

fn random_string(alphabet: &[char], rng: &mut Rng, len: usize) -> String {
    (0..len).map(|_| rng.pick(alphabet)).collect()
}

/// `s` with one to three random edits.
fn near_miss(s: &str, alphabet: &[char], rng: &mut Rng) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(chars.len() + 1);
        match rng.below(7) {
            0 if at < chars.len() => {
                chars.remove(at);
            }
            1 if at < chars.len() => chars[at] = rng.pick(alphabet),
            2 if at < chars.len() => chars.insert(at, chars[at]),
            3 => chars.push(rng.pick(&['\n', '\r', ' ', '\u{2028}', 'x', '0'])),
            4 => chars.insert(0, rng.pick(&['\n', ' ', 'x', '0', '\u{feff}'])),
            _ => chars.insert(at, rng.pick(alphabet)),
        }
    }
    chars.into_iter().collect()
}

/// The strings tried against `pattern`: valid ones, near misses, noise, empty and long strings.
fn strings_for(pattern: &CompiledPattern) -> Vec<String> {
    let program = pattern.program();
    let alphabet = alphabet(program);
    let mut rng = Rng(seed(pattern.source()));
    let mut strings = vec![String::new()];
    while strings.len() < STRINGS_PER_PATTERN {
        let s = match strings.len() % 100 {
            // Long strings, about 10k characters.
            0 => walk(program, &alphabet, &mut rng, LONG),
            1 => near_miss(
                &walk(program, &alphabet, &mut rng, LONG),
                &alphabet,
                &mut rng,
            ),
            2 => random_string(&alphabet, &mut rng, LONG),
            3 => {
                let unit = walk(program, &alphabet, &mut rng, 4);
                let unit = if unit.is_empty() {
                    "a".to_owned()
                } else {
                    unit
                };
                let mut s = unit.repeat(LONG / unit.chars().count().max(1));
                if rng.chance(50) {
                    s.push(rng.pick(&alphabet));
                }
                s
            }
            n if n < 45 => {
                let len = rng.below(12);
                walk(program, &alphabet, &mut rng, len)
            }
            n if n < 75 => {
                let base = {
                    let len = rng.below(12);
                    walk(program, &alphabet, &mut rng, len)
                };
                near_miss(&base, &alphabet, &mut rng)
            }
            n if n < 85 => {
                let base = {
                    let len = rng.below(8);
                    walk(program, &alphabet, &mut rng, len)
                };
                let prefix = {
                    let len = rng.below(3);
                    random_string(&alphabet, &mut rng, len)
                };
                let suffix = {
                    let len = rng.below(3);
                    random_string(&alphabet, &mut rng, len)
                };
                format!("{prefix}{base}{suffix}")
            }
            _ => {
                let len = rng.below(16);
                random_string(&alphabet, &mut rng, len)
            }
        };
        strings.push(s);
    }
    strings
}

fn oracle(pattern: &str) -> jsonschema::Validator {
    jsonschema::draft7::new(&json!({"type": "string", "pattern": pattern}))
        .unwrap_or_else(|error| panic!("the oracle rejects {pattern:?}: {error}"))
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= 80 {
        format!("{s:?}")
    } else {
        let head: String = s.chars().take(40).collect();
        let tail: Vec<char> = s.chars().rev().take(40).collect();
        let tail: String = tail.into_iter().rev().collect();
        format!("{head:?}…{tail:?} ({} chars)", s.chars().count())
    }
}

/// Checks one pattern; returns (strings tried, strings matched).
fn check(pattern: &str) -> (usize, usize) {
    let compiled = compile(pattern).unwrap_or_else(|reason| panic!("{pattern:?}: {reason}"));
    let validator = oracle(pattern);
    let strings = strings_for(&compiled);
    let matcher = compiled.runtime_matcher();
    let mut matched = 0;
    for s in &strings {
        let expected = validator.is_valid(&Value::String(s.clone()));
        let program_says = compiled.is_match(s);
        let matcher_says = matcher.matches(s);
        assert!(
            program_says == expected && matcher_says == expected,
            "pattern {pattern:?} on {}: oracle {expected}, program {program_says}, generated \
             matcher {matcher_says} ({matcher:?})",
            shorten(s)
        );
        matched += usize::from(expected);
    }
    (strings.len(), matched)
}

#[test]
fn matcher_agrees_with_the_oracle() {
    let mut total = 0;
    let mut lines = Vec::new();
    for pattern in SPEC_PATTERNS.iter().chain(MORE_PATTERNS) {
        let (tried, matched) = check(pattern);
        assert!(tried >= STRINGS_PER_PATTERN);
        // Each pattern should see both outcomes, except those that accept everything or nothing.
        if !matches!(*pattern, "" | "^" | "$" | "()" | "a||b" | "a^b" | "a$b") {
            assert!(
                matched > 0 && matched < tried,
                "{pattern:?}: {matched} of {tried} matched"
            );
        }
        lines.push(format!("{pattern:?}: {matched}/{tried} matched"));
        total += tried;
    }
    println!("{}", lines.join("\n"));
    println!(
        "{} patterns, {total} strings, all agree",
        SPEC_PATTERNS.len() + MORE_PATTERNS.len()
    );
    assert!(SPEC_PATTERNS.len() + MORE_PATTERNS.len() >= 28);
}

/// Pieces random patterns are made of.
const PIECES: &[&str] = &[
    "a",
    "b",
    "c",
    "é",
    "😀",
    "-",
    ".",
    r"\.",
    r"\d",
    r"\D",
    r"\w",
    r"\W",
    r"\s",
    r"\S",
    "[ab]",
    "[^a]",
    "[a-c]",
    r"[\d-]",
    "[-a]",
    r"[^\s]",
    "(",
    ")",
    "(?:",
    "|",
    "*",
    "+",
    "?",
    "*?",
    "{2}",
    "{1,3}",
    "{0,2}",
    "{2,}",
    "^",
    "$",
    "0",
    "9",
    " ",
    r"\n",
    r"\u00e9",
    r"\x2d",
    r"[\W\d]",
    r"[^\D]",
    "()",
    "[+--]",
    r"\$",
    r"\^",
    r"[\]é-ÿ]",
    r"\r",
    "\u{2028}",
    "(?:)",
];

/// Random patterns: those the generator accepts must compile in the oracle and agree with it,
/// but for a quantified empty group (`(?:)*`), which ECMA-262 (and the generator) accepts and
/// the oracle refuses.
#[test]
fn random_patterns_agree() {
    let mut rng = Rng(0x5EED);
    let (mut accepted, mut refused, mut strings) = (0, 0, 0);
    for _ in 0..4_000 {
        let pattern: String = (0..1 + rng.below(8)).map(|_| rng.pick(PIECES)).collect();
        let Ok(compiled) = compile(&pattern) else {
            refused += 1;
            continue;
        };
        let built = jsonschema::draft7::new(&json!({"type": "string", "pattern": pattern}));
        let validator = match built {
            Ok(validator) => validator,
            Err(error) => {
                let repeats_empty = ["(?:)*", "(?:)+", "(?:)?", "(?:){"]
                    .iter()
                    .any(|repeated| pattern.contains(repeated));
                assert!(repeats_empty, "the oracle rejects {pattern:?}: {error}");
                continue;
            }
        };
        accepted += 1;
        let matcher = compiled.runtime_matcher();
        let alphabet = alphabet(compiled.program());
        for i in 0..60 {
            let s = match i % 3 {
                0 => {
                    let len = rng.below(6);
                    walk(compiled.program(), &alphabet, &mut rng, len)
                }
                1 => {
                    let base = {
                        let len = rng.below(6);
                        walk(compiled.program(), &alphabet, &mut rng, len)
                    };
                    near_miss(&base, &alphabet, &mut rng)
                }
                _ => {
                    let len = rng.below(8);
                    random_string(&alphabet, &mut rng, len)
                }
            };
            let expected = validator.is_valid(&Value::String(s.clone()));
            let program_says = compiled.is_match(&s);
            let matcher_says = matcher.matches(&s);
            assert!(
                program_says == expected && matcher_says == expected,
                "pattern {pattern:?} on {s:?}: oracle {expected}, program {program_says}, \
                 generated matcher {matcher_says}"
            );
            strings += 1;
        }
    }
    println!("random patterns: {accepted} accepted, {refused} refused, {strings} strings agree");
    assert!(
        accepted >= 1_000,
        "only {accepted} random patterns accepted"
    );
}

/// Constructs outside the supported subset, or invalid with the `u` flag, are refused, not
/// mismatched.
#[test]
fn refused_patterns_are_refused() {
    for pattern in [
        r"(a)\2",
        r"\k<n>",
        r"(?<n>a)\k<m>",
        r"\pL",
        r"(?=a)*",
        r"\b+",
        r"a{,2}",
    ] {
        assert!(compile(pattern).is_err(), "{pattern:?} should be refused");
    }
}

/// Every accepted pattern is one the oracle compiles too.
#[test]
fn accepted_patterns_are_valid() {
    for pattern in SPEC_PATTERNS.iter().chain(MORE_PATTERNS) {
        oracle(pattern);
    }
}
