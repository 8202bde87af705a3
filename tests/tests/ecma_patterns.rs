#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The pattern matcher against JavaScript's own `RegExp`, the ECMA-262 reference, for the
//! constructs where the project's oracle (`jsonschema`) is not ECMA-262's: lookarounds, `\b`
//! and `\B`, back-references and lazy quantifiers (which only back-references can tell from
//! greedy ones), read beside `\d`, `\w`, `\s`, `.` and non-ASCII text.
//!
//! Random patterns over that vocabulary (nested lookarounds, capturing and named groups,
//! back-references `\1`, `\2` and `\k<g>`, quantifiers, anchors) and random strings over a
//! small alphabet are judged by the generator's `CompiledPattern` (the generated crate's
//! matchers: the automaton, or the backtracking one for back-references) and by Node.js; every
//! answer must agree, and the generator must refuse exactly the patterns `RegExp` refuses (a
//! back-reference to a group the pattern lacks). The strings keep to the Basic Multilingual
//! Plane, where UTF-16 code units and characters coincide.
//!
//! The default suite checks 1,000 patterns against JavaScript's answers recorded in
//! `tests/ecma/regexp-answers.json`. The live test (ignored: it needs `node` on the `PATH`)
//! draws 20,000 fresh ones and asks node; with `UPDATE_ECMA_FIXTURE=1` it rewrites the
//! fixture: `cargo test -p stitch-tests --test ecma_patterns -- --ignored`.
//! `RegExp` is built with the `u` flag, as JSON Schema reads patterns.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{Value, json};
use stitch_codegen::normalize::pattern::compile;
use stitch_tests::Rng;

const PATTERNS: usize = 20_000;
const STRINGS_PER_PATTERN: usize = 20;

const ATOMS: &[&str] = &[
    "a", "b", "c", "-", "_", "é", "[ab]", "[^a]", r"\d", r"\w", r"\W", r"\s", ".", "[a-c]", "1",
    "(?:)", "[]", "[^]",
];
const BACKREFS: &[&str] = &[r"\1", r"\2", r"\k<g>"];
const LOOKS: &[&str] = &["(?=", "(?!", "(?<=", "(?<!", "(?:", "(", "(?<g>"];
const QUANTIFIERS: &[&str] = &["", "", "", "*", "+", "?", "{2}", "{1,2}", "*?"];
const REPEATED: &[char] = &['a', 'b', '1'];
const ALPHABET: &[char] = &[
    'a', 'b', ' ', 'c', '-', '_', '1', '\n', 'é', '\r', '\u{2028}',
];

fn term(rng: &mut Rng, depth: usize, named: &mut bool) -> String {
    let choice = rng.below(if depth > 2 { 11 } else { 17 });
    match choice {
        0..=5 => {
            let atom = rng.pick(ATOMS).to_owned();
            quantified(rng, atom)
        }
        6 => r"\b".to_owned(),
        7 => r"\B".to_owned(),
        8 => "^".to_owned(),
        9 => "$".to_owned(),
        10 => {
            let backref = rng.pick(BACKREFS).to_owned();
            quantified(rng, backref)
        }
        _ => {
            let mut open = rng.pick(LOOKS);
            // One group per name.
            if open == "(?<g>" {
                if *named {
                    open = "(";
                }
                *named = true;
            }
            let body = disjunction(rng, depth + 1, named);
            let group = format!("{open}{body})");
            if open.starts_with("(?=")
                || open.starts_with("(?!")
                || open.starts_with("(?<=")
                || open.starts_with("(?<!")
            {
                group
            } else {
                quantified(rng, group)
            }
        }
    }
}

fn quantified(rng: &mut Rng, atom: String) -> String {
    atom + rng.pick(QUANTIFIERS)
}

fn disjunction(rng: &mut Rng, depth: usize, named: &mut bool) -> String {
    let alternative = |rng: &mut Rng, named: &mut bool| {
        (0..1 + rng.below(3))
            .map(|_| term(rng, depth, named))
            .collect::<String>()
    };
    let first = alternative(rng, named);
    if rng.below(4) == 0 {
        format!("{first}|{}", alternative(rng, named))
    } else {
        first
    }
}

/// Node's verdicts: for each case, the answers in order, or null where `RegExp` refuses it.
fn node_verdicts(cases: &Value) -> Vec<Value> {
    const SCRIPT: &str = r#"
        let input = "";
        process.stdin.on("data", d => input += d);
        process.stdin.on("end", () => {
            const out = JSON.parse(input).map(([p, ss]) => {
                try { const re = new RegExp(p, "u"); return ss.map(s => re.test(s)); }
                catch (e) { return null; }
            });
            process.stdout.write(JSON.stringify(out));
        });"#;
    let mut child = Command::new("node")
        .args(["-e", SCRIPT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node must be on the PATH for this test");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(cases.to_string().as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "node failed");
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The fixture of JavaScript's answers the default suite checks against (written by the
/// live test with `UPDATE_ECMA_FIXTURE=1`).
const FIXTURE: &str = "tests/ecma/regexp-answers.json";

/// Patterns recorded in the fixture.
const RECORDED: usize = 1_000;

/// `count` seeded random patterns, each with its strings.
fn cases(seed: u64, count: usize) -> Vec<(String, Vec<String>)> {
    let mut rng = Rng(seed);
    (0..count)
        .map(|_| {
            let pattern = disjunction(&mut rng, 0, &mut false);
            let strings = (0..STRINGS_PER_PATTERN)
                .map(|_| {
                    // Half the strings repeat a few characters, so that back-references find
                    // their text again.
                    let alphabet = if rng.below(2) == 0 {
                        REPEATED
                    } else {
                        ALPHABET
                    };
                    (0..rng.below(8)).map(|_| rng.pick(alphabet)).collect()
                })
                .collect();
            (pattern, strings)
        })
        .collect()
}

/// Every answer of the matcher against `verdicts` (one array of booleans per case, or null
/// where JavaScript refuses the pattern, as the generator must); the count compared, of
/// patterns refused, and of patterns with back-references compared.
fn compare(cases: &[(String, Vec<String>)], verdicts: &[Value]) -> (usize, usize, usize) {
    assert_eq!(cases.len(), verdicts.len());
    let (mut compared, mut refused, mut backtracked) = (0, 0, 0);
    for ((pattern, strings), verdict) in cases.iter().zip(verdicts) {
        let compiled = match compile(pattern) {
            Ok(compiled) => compiled,
            Err(why) => {
                assert!(
                    verdict.is_null(),
                    "{pattern:?}: we refuse what JavaScript accepts: {why}"
                );
                refused += 1;
                continue;
            }
        };
        backtracked += usize::from(compiled.backtracks());
        let expected = verdict
            .as_array()
            .unwrap_or_else(|| panic!("{pattern:?}: we compile what JavaScript refuses"));
        for (s, expected) in strings.iter().zip(expected) {
            assert_eq!(
                Some(compiled.is_match(s)),
                expected.as_bool(),
                "{pattern:?} on {s:?}"
            );
            compared += 1;
        }
    }
    (compared, refused, backtracked)
}

/// JavaScript's answers as recorded: the default suite holds the matcher to them without
/// needing node.
#[test]
fn recorded_javascript_answers_agree() {
    let path = stitch_tests::workspace_root().join(FIXTURE);
    let fixture: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let seed = fixture["seed"].as_u64().unwrap();
    let verdicts = fixture["answers"].as_array().unwrap();
    let recorded = cases(seed, verdicts.len());
    // The fixture names its cases by the seed; the patterns are kept beside it to show that
    // the generator still draws the same ones.
    let patterns: Vec<&str> = fixture["patterns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(
        patterns,
        recorded.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>()
    );
    let (compared, refused, backtracked) = compare(&recorded, verdicts);
    assert_eq!(
        compared,
        RECORDED * STRINGS_PER_PATTERN - refused * STRINGS_PER_PATTERN
    );
    // Most patterns are valid (the others mostly name a group they lack, refused by both), and
    // a good share of them has back-references.
    assert!(
        refused * 10 < RECORDED * 3,
        "{refused} of {RECORDED} patterns refused"
    );
    assert!(
        backtracked * 10 > RECORDED,
        "only {backtracked} of {RECORDED} patterns have back-references"
    );
}

#[test]
#[ignore = "needs node on the PATH; run with --ignored"]
fn patterns_agree_with_javascript() {
    let fresh = cases(0x5eed_ec3a, PATTERNS);
    let verdicts = node_verdicts(&json!(fresh));
    let (compared, refused, backtracked) = compare(&fresh, &verdicts);
    println!(
        "{compared} answers agree; {refused} patterns refused by both; {backtracked} patterns \
         with back-references"
    );
    assert!(
        refused * 10 < PATTERNS * 3,
        "{refused} of {PATTERNS} patterns refused"
    );
    if std::env::var_os("UPDATE_ECMA_FIXTURE").is_some() {
        let seed = 0xec3a_f1c5;
        let recorded = cases(seed, RECORDED);
        let answers = node_verdicts(&json!(recorded));
        let version = Command::new("node")
            .arg("--version")
            .output()
            .unwrap()
            .stdout;
        let fixture = json!({
            "source": "JavaScript's RegExp (flag u) in node, by ecma_patterns.rs with UPDATE_ECMA_FIXTURE=1",
            "node": String::from_utf8_lossy(&version).trim(),
            "seed": seed,
            "patterns": recorded.iter().map(|(p, _)| p).collect::<Vec<_>>(),
            "answers": answers,
        });
        let path = stitch_tests::workspace_root().join(FIXTURE);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, serde_json::to_string(&fixture).unwrap() + "\n").unwrap();
    }
}
