//! Tests of pattern compilation: what each construct compiles to and how the compiled pattern
//! answers, with ECMA-262's answers where the oracle differs.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::{Inst, MAX_PROGRAM, Plan, compile};

fn literals(pattern: &str) -> Option<Vec<String>> {
    compile(pattern).unwrap().literals().map(<[String]>::to_vec)
}

fn strings(items: &[&str]) -> Option<Vec<String>> {
    Some(items.iter().map(|s| (*s).to_owned()).collect())
}

#[test]
fn literal_sets() {
    assert_eq!(literals("^(ssh|none)$"), strings(&["ssh", "none"]));
    assert_eq!(literals("^(true|false)$"), strings(&["true", "false"]));
    assert_eq!(literals("^(csv|jsonl)$"), strings(&["csv", "jsonl"]));
    assert_eq!(
        literals("^1$|^30$|^60$|^360$|^720$|^1440$"),
        strings(&["1", "30", "60", "360", "720", "1440"])
    );
    assert_eq!(literals("^(?:a|b)$"), strings(&["a", "b"]));
    assert_eq!(literals("^abc$"), strings(&["abc"]));
    assert_eq!(literals("^$"), strings(&[""]));
    assert_eq!(literals("^(b|a|b)$"), strings(&["b", "a"]));
    assert_eq!(literals(r"^a\.b\-c$"), strings(&["a.b-c"]));
    assert_eq!(literals("^colou?r$"), strings(&["colour", "color"]));
    assert_eq!(literals("^[ab]{2}$"), strings(&["aa", "ab", "ba", "bb"]));
    assert_eq!(literals("^(x|y)(1|2)$"), strings(&["x1", "x2", "y1", "y2"]));
    assert_eq!(literals("^(a$|b$)"), strings(&["a", "b"]));
    assert_eq!(literals("^ü日$"), strings(&["ü日"]));
    // A branch that can never match adds nothing.
    assert_eq!(literals("^a$|b^c"), strings(&["a"]));
}

/// Finitely many ways through with an unanchored side: each way a literal and where it must be,
/// and the runtime matcher answers as the program does.
#[test]
fn affix_sets() {
    use super::vm::Affix::{Anywhere, Prefix, Suffix, Whole};
    let affixes = |pattern: &str| match compile(pattern).unwrap().plan() {
        Plan::Affixes(affixes) => Some(
            affixes
                .iter()
                .map(|(l, a)| (l.as_str().to_owned(), *a))
                .collect::<Vec<_>>(),
        ),
        _ => None,
    };
    let owned = |items: &[(&str, super::vm::Affix)]| {
        Some(items.iter().map(|(l, a)| ((*l).to_owned(), *a)).collect())
    };
    assert_eq!(
        affixes("^(true|false)"),
        owned(&[("true", Prefix), ("false", Prefix)])
    );
    assert_eq!(affixes("^1|2$"), owned(&[("1", Prefix), ("2", Suffix)]));
    assert_eq!(
        affixes("(ssh|none)$"),
        owned(&[("ssh", Suffix), ("none", Suffix)])
    );
    assert_eq!(affixes("ssh"), owned(&[("ssh", Anywhere)]));
    assert_eq!(affixes("^a$|b"), owned(&[("a", Whole), ("b", Anywhere)]));
    assert_eq!(affixes(""), owned(&[("", Anywhere)]));
    // Literal sets stay literal sets; shapes and unbounded repetitions are not affixes.
    assert_eq!(affixes("^(a|b)$"), None);
    assert_eq!(affixes(r"^\d+"), None);
    assert_eq!(affixes("^a+b"), None);
    assert_matches(&[
        (
            "^(true|false)",
            &[
                ("true", true),
                ("falsey", true),
                ("xtrue", false),
                ("tru", false),
                ("", false),
            ],
        ),
        (
            "^1|2$",
            &[("1x", true), ("x2", true), ("x1", false), ("2x", false)],
        ),
        (
            "ab|^c",
            &[("xaby", true), ("cx", true), ("xc", false), ("a", false)],
        ),
        ("é$", &[("café", true), ("cafe", false)]),
    ]);
}

#[test]
fn not_literal_sets() {
    for pattern in [
        r"^\d+$",
        r"^\d+",
        "^(ssh|none)",
        "(ssh|none)$",
        "ssh",
        "",
        "^",
        "^a$|b",
        "^stitch-challenge-file-.*$",
        r"^\d{4}-\d{2}-\d{2}T00:00:00Z$",
        "^[^a]$",
        "^a*$",
        "a^b",
        "^(a|b){0,9}$",
    ] {
        assert_eq!(literals(pattern), None, "{pattern}");
    }
}

/// Each pattern against strings and whether it matches them, as ECMA-262 decides.
fn assert_matches(cases: &[(&str, &[(&str, bool)])]) {
    for (pattern, strings) in cases {
        let compiled = compile(pattern).unwrap_or_else(|why| panic!("{pattern}: {why}"));
        let matcher = compiled.runtime_matcher();
        for (s, expected) in *strings {
            assert_eq!(compiled.is_match(s), *expected, "{pattern} on {s:?}");
            assert_eq!(matcher.matches(s), *expected, "{pattern} on {s:?}");
        }
    }
}

#[test]
fn word_boundaries_are_ascii_as_in_ecma_262() {
    assert_matches(&[
        (
            r"\bfoo\b",
            &[
                ("a foo b", true),
                ("foo", true),
                ("afoo", false),
                ("foo_", false),
            ],
        ),
        (
            r"^a\b",
            &[("a", true), ("a-", true), ("ab", false), ("a1", false)],
        ),
        // `é` is no word character without the `u` and `i` flags: the boundary holds.
        (r"^a\b", &[("aé", true)]),
        (r"^é\b", &[("é", false), ("éa", true)]),
        (r"^\B$", &[("", true)]),
        (r"a\Bb", &[("ab", true), ("a b", false)]),
        (r"\B-", &[("a-", false), ("--", true), ("-", true)]),
    ]);
}

#[test]
fn lookarounds() {
    assert_matches(&[
        (r"^a(?=b)", &[("ab", true), ("ac", false), ("a", false)]),
        (r"^(?!.*--)[a-z-]+$", &[("a-b", true), ("a--b", false)]),
        (
            r"(?<!a)b",
            &[("ab", false), ("cb", true), ("b", true), ("abb", true)],
        ),
        (r"b(?<=ab)", &[("ab", true), ("cb", false)]),
        (r"^a(?<=^(?:a|bc))$", &[("a", true), ("bc", false)]),
        (
            r"(?<=\d{2,})x",
            &[("12x", true), ("1x", false), ("123x", true)],
        ),
        (r"^(?<=(?=a)a)", &[("a", false)]),
        // A lookbehind reads right to left: `ab` before the position, not `ba`.
        (r"(?<=ab)c", &[("abc", true), ("bac", false)]),
        (r"(?<=a(?=bc))b", &[("abc", true), ("abd", false)]),
        (
            r"^(?=.*[0-9])(?=.*[a-z]).{4,}$",
            &[("ab12", true), ("abcd", false), ("a1", false)],
        ),
        (
            r"(?<=^|,)x(?=,|$)",
            &[("x", true), ("a,x,b", true), ("ax", false), ("xa", false)],
        ),
        (r"(?<![é])z", &[("éz", false), ("ez", true)]),
        (r"(?=)", &[("", true)]),
        (r"(?!)", &[("", false), ("a", false)]),
    ]);
}

#[test]
fn escapes_and_named_groups() {
    assert_matches(&[
        (r"^[\b]$", &[("\u{8}", true), ("b", false)]),
        (r"^\0$", &[("\0", true), ("0", false)]),
        (r"^\cA\cz$", &[("\u{1}\u{1a}", true), ("cAcz", false)]),
        (r"^[\cJ]$", &[("\n", true)]),
        (
            r"^\u{41}\u{1F600}[\u{61}-\u{63}]$",
            &[("A😀b", true), ("u{41}", false)],
        ),
        // A surrogate pair is its character; a lone surrogate matches nothing.
        (r"^\uD83D\uDE00$", &[("😀", true), ("", false)]),
        (r"^[\uD83D\uDE00x]$", &[("😀", true), ("x", true)]),
        (r"^a\uD800?$", &[("a", true), ("a\u{FFFD}", false)]),
        (r"^[\uDC00a]$", &[("a", true)]),
        (
            r"^(?<year>\d{4})-(?<m>\d\d)$",
            &[("2024-01", true), ("2024-1", false)],
        ),
        (r"^(?<a>)*x$", &[("x", true)]),
    ]);
}

/// `\p{…}` and `\P{…}` as the `u` flag (and the oracle) read them, in and out of classes.
#[test]
fn unicode_properties() {
    assert_matches(&[
        (
            r"^\p{L}+$",
            &[
                ("abc", true),
                ("é日ü", true),
                ("a1", false),
                ("p{L}", false),
            ],
        ),
        (r"^\p{Lu}$", &[("A", true), ("É", true), ("a", false)]),
        (r"^\P{L}$", &[("1", true), ("a", false), ("😀", true)]),
        (r"^[\p{Lu}\d]+$", &[("A1", true), ("a", false)]),
        (r"^[^\p{N}]$", &[("a", true), ("٣", false), ("5", false)]),
        (r"^\p{Script=Greek}+$", &[("αβγ", true), ("abc", false)]),
        (r"^\p{sc=Grek}$", &[("Ω", true)]),
        (r"^\p{gc=Nd}$", &[("٣", true), ("x", false)]),
        (r"^\p{White_Space}$", &[("\u{2003}", true), ("x", false)]),
        (r"^\p{ASCII}*$", &[("plain", true), ("é", false)]),
    ]);
    // A Unicode property's hundreds of ranges are searched, not scanned: the last of them
    // too.
    let letters = compile(r"^\p{L}$").unwrap();
    assert!(letters.is_match("\u{323AF}"));
    assert!(!letters.is_match("\u{10FFFF}"));
}

/// Any text at all is compiled or refused, never a panic, and a compiled program runs on
/// any string: 200,000 seeded strings of the syntax's characters.
#[test]
fn any_text_compiles_or_is_refused() {
    const ALPHABET: &[char] = &[
        '\\', '(', ')', '[', ']', '{', '}', '?', '*', '+', '|', '^', '$', '<', '>', '=', '!', ':',
        '-', ',', '.', 'p', 'P', 'k', 'u', 'c', 'b', 'B', 'd', 'x', '0', '1', '2', 'D', 'L', 'a',
        'é', '😀',
    ];
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut compiled_count = 0;
    for _ in 0..200_000 {
        let len = next(12);
        let pattern: String = (0..len).map(|_| ALPHABET[next(ALPHABET.len())]).collect();
        if let Ok(compiled) = compile(&pattern) {
            compiled_count += 1;
            for s in ["", "a", "ab1-", "é😀x", "\n", "{a}"] {
                let _ = compiled.is_match(s);
            }
        }
    }
    // Enough of them are patterns for the run to reach the matcher.
    assert!(compiled_count > 10_000, "{compiled_count}");
}

#[test]
fn empty_classes_and_repeated_empty_groups_read_as_ecma_262_says() {
    assert_matches(&[
        (r"^a(?:)+$", &[("a", true), ("aa", false)]),
        (r"^(?:(?:)(?:)){2}$", &[("", true), ("x", false)]),
        (r"a[]", &[("a", false), ("a]", false)]),
        (
            r"^[^]$",
            &[("\n", true), ("", false), ("ab", false), ("😀", true)],
        ),
        (r"^(?:[]|b)$", &[("b", true), ("", false)]),
    ]);
}

#[test]
fn programs_past_the_const_automaton_s_limit_run_with_their_state_on_the_heap() {
    let large = compile(r"^.{1,5000}$").unwrap();
    assert!(large.program().len() > MAX_PROGRAM && large.is_large());
    assert!(!large.backtracks() && *large.plan() == Plan::Large);
    let matcher = large.runtime_matcher();
    for (s, expected) in [
        ("a".repeat(5000), true),
        ("a".repeat(5001), false),
        (String::new(), false),
        ("é".repeat(4999), true),
        ("a\n".to_owned(), false),
    ] {
        assert_eq!(large.is_match(&s), expected, "{}", s.len());
        assert_eq!(matcher.matches(&s), expected, "{}", s.len());
    }
    // `\b` and lookarounds, read on the heap-state automaton too.
    let look = compile(r"^(?=a).{1,1000}$").unwrap();
    assert!(look.is_large() && look.is_match("ab") && !look.is_match("ba"));
    let boundary = compile(r"\bx.{1100}").unwrap();
    assert!(boundary.is_large());
    assert!(boundary.is_match(&format!(" x{}", "y".repeat(1100))));
    assert!(!boundary.is_match(&format!("ax{}", "y".repeat(1100))));
    // A shape needs no program: still the const matcher.
    let shape = compile(r"^\p{L}{8}").unwrap();
    assert!(shape.program().len() > MAX_PROGRAM && !shape.is_large());
    assert!(shape.is_match("abcdéfgh1") && !shape.is_match("abcdefg1"));
    // A lookaround's body still runs on the const automaton.
    assert_eq!(
        compile(r"(?=.{1,5000})").err().as_deref(),
        Some("a lookaround compiles to more than 4096 instructions, the automaton's limit for one")
    );
    // With a back-reference the backtracking matcher runs it.
    let long = compile(r"^(a)\1.{1,2000}$").unwrap();
    assert!(long.program().len() > MAX_PROGRAM && long.backtracks() && !long.is_large());
    assert!(long.is_match(&"a".repeat(2002)));
    assert!(!long.is_match(&"a".repeat(2003)));
    assert!(long.runtime_matcher().matches("aab"));
}

/// Ways that differ only in where a finished repetition started meet in one state, so the
/// search stays polynomial: without that it takes 2^40 steps and does not finish (nor does
/// JavaScript's own backtracking).
#[test]
fn finished_repetitions_do_not_multiply_the_states() {
    let pattern = compile(r"^(b)(?:a?){40}a{40}\1$").unwrap();
    for (n, expected) in [(40, true), (80, true), (81, false)] {
        let s = format!("b{}b", "a".repeat(n));
        assert_eq!(pattern.is_match(&s), expected, "{n}");
    }
}

/// The automaton once kept the marks of its last step when it skipped to the end of the
/// string, so that the threads started there missed instructions already marked.
#[test]
fn the_automaton_forgets_its_marks_when_it_skips_to_the_end() {
    assert_matches(&[
        (r"(?:^a|)$", &[("ab", true)]),
        (r"(?:^|$)+\W?$", &[("-é", true)]),
    ]);
}

#[test]
fn back_references_read_as_ecma_262_says() {
    let cases: &[(&str, &[(&str, bool)])] = &[
        (
            r"^(a+)\1$",
            &[("aa", true), ("aaaa", true), ("aaa", false), ("", false)],
        ),
        (
            r"^(?<x>ab|c)\k<x>$",
            &[("abab", true), ("cc", true), ("abc", false), ("cab", false)],
        ),
        // A group not yet matched, or matched inside itself, is read as the empty string.
        (r"^\1(a)$", &[("a", true), ("aa", false)]),
        (r"^(a\1)$", &[("a", true), ("aa", false)]),
        // Each repetition forgets the captures of the one before.
        (
            r"^(?:(a)|b)+\1$",
            &[("ab", true), ("aba", false), ("aa", true)],
        ),
        // A lookahead keeps the captures of the first way it matches: greedy and lazy differ.
        (r"^(?=(a+))\1b", &[("aab", true)]),
        (r"^(?=(a+?))\1b", &[("aab", false), ("ab", true)]),
        // A negative lookaround keeps none.
        (r"^(?!(a)b)\1c", &[("c", true), ("ac", false)]),
        // A lookbehind reads right to left: its back-reference sees the groups to its right.
        (r"(?<=\1(a))b", &[("ab", false), ("aab", true)]),
        (r"(?<=(a)\1)b", &[("ab", true)]),
        // An optional repetition that matches the empty string fails.
        (r"^(?:a|())*\1$", &[("", true), ("aa", true)]),
        (r"(\w)\1", &[("abba", true), ("abab", false), ("éé", false)]),
        // The last repetition's capture counts (the oracle, fancy-regex, answers false on
        // the first string).
        (
            r"^(x+)+y\1",
            &[("xxxxyxx", true), ("xy", false), ("xyx", true)],
        ),
        (r"^(é)\1$", &[("éé", true), ("é", false)]),
    ];
    assert_matches(cases);
    for (pattern, _) in cases {
        let compiled = compile(pattern).unwrap();
        assert!(compiled.backtracks(), "{pattern}");
        assert_eq!(compiled.literals(), None, "{pattern}");
    }
    // Without back-references the automaton runs, captures and laziness dropped.
    let plain = compile(r"^(a+?)(?<n>b)$").unwrap();
    assert!(!plain.backtracks());
    assert!(
        !plain
            .program()
            .iter()
            .any(|inst| matches!(inst, Inst::Save(_)))
    );
}

#[test]
fn refusals() {
    let cases: &[(&str, &str)] = &[
        (
            "(?=a)*",
            "quantifier `*` at offset 5 follows the lookaround at offset 0, which is not \
             supported",
        ),
        (
            "x(?<!a){2}",
            "quantifier `{` at offset 7 follows the lookaround at offset 1, which is not \
             supported",
        ),
        (
            r"a\b+",
            "quantifier `+` at offset 3 follows the assertion `\\b`, which is not supported",
        ),
        (
            "(?<n>a)(?<n>b)",
            "group name `n` at offset 7 names an earlier group too",
        ),
        (
            "(?<1a>x)",
            "the name of the named group at offset 0 has the character '1', which a name \
             cannot have",
        ),
        (
            "(?<>x)",
            "named group at offset 0 needs a name and a closing `>`",
        ),
        (
            "(?<ab",
            "named group at offset 0 needs a name and a closing `>`",
        ),
        ("(?P<n>a)", "named group `(?P` at offset 0 is not supported"),
        ("(?i)a", "group modifier `(?` at offset 0 is not supported"),
        (
            r"(a)\2",
            "backreference `\\2` at offset 3 names a group the pattern does not have (it has \
             1)",
        ),
        (
            r"\k<n>",
            "backreference `\\k<n>` at offset 0 names a group the pattern does not have",
        ),
        (
            r"(a)\k",
            "named backreference `\\k` at offset 3 needs a group name in `<>`",
        ),
        (
            r"(?<n>a)\k<1>",
            "the name of the named backreference at offset 7 has the character '1', which a \
             name cannot have",
        ),
        (
            r"(a)[\1]",
            "backreference `\\1` at offset 4 in a class is not valid",
        ),
        (r"[\B]", "escape `\\B` at offset 1 in a class"),
        (
            r"\pL",
            "Unicode property escape `\\p` at offset 0 needs its name in braces, like `\\p{L}`",
        ),
        (
            r"a\P{Klingon}",
            "Unicode property `\\P{Klingon}` at offset 1 is not known",
        ),
        (
            r"\p{L",
            "Unicode property escape `\\p` at offset 0 needs a name of letters, digits, `_` and \
             `=` in braces",
        ),
        (
            r"\c1",
            "control escape `\\c` without a letter at offset 0 is not supported",
        ),
        (
            r"a\01",
            "legacy octal escape `\\0` at offset 1 is not supported",
        ),
        (
            r"\u{}",
            "escape `\\u{` at offset 0 needs hex digits and a closing `}`",
        ),
        (
            r"a\u{110000}",
            "escape `\\u{110000}` at offset 1 is not a Unicode scalar value",
        ),
        (
            r"\u{D800}",
            "escape `\\u{D800}` at offset 0 is not a Unicode scalar value",
        ),
        (r"\x4", "escape `\\x` at offset 0 needs 2 hex digits"),
        (r"\q", "escape `\\q` at offset 0 is not supported"),
        (r"\<", "escape `\\<` at offset 0 is not supported"),
        (r"\é", "escape `\\é` at offset 0 is not supported"),
        ("ab\\", "trailing `\\` at offset 2"),
        ("*a", "quantifier `*` at offset 0 has nothing to repeat"),
        ("a|+", "quantifier `+` at offset 2 has nothing to repeat"),
        ("(?a)", "group modifier `(?` at offset 0 is not supported"),
        ("(?)", "group modifier `(?` at offset 0 is not supported"),
        ("({2})", "quantifier `{` at offset 1 has nothing to repeat"),
        (
            "a{2",
            "literal `{` at offset 1 is not supported; escape it as `\\{`",
        ),
        (
            "a{,2}",
            "literal `{` at offset 1 is not supported; escape it as `\\{`",
        ),
        (
            "{",
            "literal `{` at offset 0 is not supported; escape it as `\\{`",
        ),
        (
            "a}",
            "literal `}` at offset 1 is not supported; escape it as `\\}`",
        ),
        (
            "a]",
            "literal `]` at offset 1 is not supported; escape it as `\\]`",
        ),
        (
            "a{3,2}",
            "quantifier `{3,2}` at offset 1 has its bounds out of order",
        ),
        (
            "a{70000}",
            "repetition count at offset 2 exceeds the limit 65535",
        ),
        (
            "a**",
            "quantifier `*` at offset 2 follows another quantifier, which is not supported",
        ),
        (
            "a*+",
            "quantifier `+` at offset 2 follows another quantifier, which is not supported",
        ),
        (
            "a???",
            "quantifier `?` at offset 3 follows another quantifier, which is not supported",
        ),
        (
            "^*",
            "quantifier `*` at offset 1 follows the assertion `^`, which is not supported",
        ),
        (
            "a${2}",
            "quantifier `{` at offset 2 follows the assertion `$`, which is not supported",
        ),
        ("(ab", "group `(` at offset 0 is not closed"),
        (
            &format!("{}a{}", "(".repeat(65), ")".repeat(65)),
            "group at offset 64 is nested more than 64 deep, which is not supported",
        ),
        ("ab)", "unmatched `)` at offset 2"),
        ("[ab", "class `[` at offset 0 is not closed"),
        ("[z-a]", "range `z-a` at offset 1 is out of order"),
        (
            r"[\d-z]",
            "class escape in the range at offset 1 is not supported",
        ),
        (
            r"[a-\w]",
            "class escape in the range at offset 1 is not supported",
        ),
        (
            "[a-z]{40000}",
            "pattern compiles to more than 65535 instructions, the matchers' limit",
        ),
    ];
    for (pattern, reason) in cases {
        assert_eq!(
            compile(pattern).err().as_deref(),
            Some(*reason),
            "{pattern}"
        );
    }
}

#[test]
fn programs() {
    let program = compile(r"^a\d?$").unwrap();
    assert_eq!(
        program.program(),
        &[
            Inst::AssertStart,
            Inst::Char('a'),
            Inst::Split(3, 5),
            Inst::Class {
                negated: false,
                len: 1
            },
            Inst::Range('0', '9'),
            Inst::AssertEnd,
            Inst::Match,
        ]
    );
    assert_eq!(program.source(), r"^a\d?$");
    assert!(program.is_match("a7"));
    assert!(!program.is_match("a77"));
}

#[test]
fn matches() {
    let date = compile(r"^\d{4}-\d{2}-\d{2}T00:00:00Z$").unwrap();
    assert!(date.is_match("2024-01-31T00:00:00Z"));
    assert!(!date.is_match("2024-01-31T00:00:01Z"));
    let prefix = compile(r"^\d+").unwrap();
    assert!(prefix.is_match("12ab"));
    assert!(!prefix.is_match("ab12"));
    let sentinel = compile("^stitch-challenge-file-.*$").unwrap();
    assert!(sentinel.is_match("stitch-challenge-file-x"));
    assert!(!sentinel.is_match("stitch-challenge-file-x\n"));
    let pathological = compile("^(a|aa)*$").unwrap();
    assert!(pathological.is_match(&"a".repeat(10_000)));
    assert!(!pathological.is_match(&format!("{}b", "a".repeat(10_000))));
    let unicode = compile("^[à-ÿ]日.$").unwrap();
    assert!(unicode.is_match("é日😀"));
    assert!(!unicode.is_match("e日😀"));
}

/// The example a pattern's tree gives is checked against the compiled pattern: present for the
/// patterns the cards use, absent where the tree cannot say (a back-reference) or the rest of
/// the pattern refuses it (a lookahead the fewest copies do not satisfy).
#[test]
fn examples_match_their_pattern() {
    for (pattern, expected) in [
        (r"^\d+", Some("0")),
        (r"^[0-9]{12}$", Some("000000000000")),
        (
            r"^\d{4}-\d{2}-\d{2}T00:00:00Z$",
            Some("0000-00-00T00:00:00Z"),
        ),
        (r"^(\d|[1-9]\d|100)$", Some("0")),
        (r"^[^a-z]+$", Some("0")),
        (r"^[b-d]x?$", Some("b")),
        (r"^(?:ab|c)*$", Some("")),
        (r"^a(?=b)", None),
        (r"^(a)\1$", None),
        (r"^\p{Lu}$", Some("A")),
        // Empty bodies repeated many times end at once.
        (r"^(?:(?:(?:){65535}){65535}){65535}x$", Some("x")),
    ] {
        let compiled = compile(pattern).unwrap();
        assert_eq!(compiled.example(), expected, "{pattern}");
        if let Some(example) = compiled.example() {
            assert!(compiled.is_match(example), "{pattern}: {example}");
        }
    }
}
