//! The runtime's own benchmarks (`cargo bench -p stitch-connect-runtime`): each kind of
//! pattern matcher the generator can choose, on a matching and a failing string of the kind the
//! report cards check, and the word reader of the generated type lookup.
//!
//! The matchers are written out here as the generator writes them (the programs are the
//! generator's output for the patterns in their names); a setup check makes sure each answers
//! as its pattern does before anything is timed.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::hint::black_box;

use stitch_connect_runtime::pattern::{Inst, Item, Matcher, Regular, Shape};
use stitch_connect_runtime::switch_word::word;

const DIGIT: Item = Item::Class {
    negated: false,
    ranges: &[('0', '9')],
    ascii: 0x03ff_0000_0000_0000,
};

/// `^(ssh|none)$`.
const LITERALS: Matcher = Matcher::Regular(Regular::Literals(&["ssh", "none"]));

/// `^\d{4}-\d{2}-\d{2}T00:00:00Z$`.
const SHAPE: Matcher = Matcher::Regular(Regular::Shape(Shape::new(
    &[
        DIGIT,
        DIGIT,
        DIGIT,
        DIGIT,
        Item::Char('-'),
        DIGIT,
        DIGIT,
        Item::Char('-'),
        DIGIT,
        DIGIT,
        Item::Literal("T00:00:00Z"),
    ],
    None,
    true,
)));

/// `^[a-z]+(-[a-z0-9]+)*$`, run by the const automaton.
const PROGRAM: Matcher = Matcher::Regular(Regular::Program(&[
    Inst::AssertStart,
    Inst::Class {
        negated: false,
        len: 1,
    },
    Inst::Range('a', 'z'),
    Inst::Split(4, 7),
    Inst::Class {
        negated: false,
        len: 1,
    },
    Inst::Range('a', 'z'),
    Inst::Jump(3),
    Inst::Split(8, 18),
    Inst::Char('-'),
    Inst::Class {
        negated: false,
        len: 2,
    },
    Inst::Range('0', '9'),
    Inst::Range('a', 'z'),
    Inst::Split(13, 17),
    Inst::Class {
        negated: false,
        len: 2,
    },
    Inst::Range('0', '9'),
    Inst::Range('a', 'z'),
    Inst::Jump(12),
    Inst::Jump(7),
    Inst::AssertEnd,
    Inst::Match,
]));

/// `^(a+)b\1$`, run by the backtracking matcher.
const BACKTRACK: Matcher = Matcher::Backtrack(&[
    Inst::AssertStart,
    Inst::Save(0),
    Inst::Char('a'),
    Inst::Split(4, 8),
    Inst::Mark(2),
    Inst::Char('a'),
    Inst::Progress(2),
    Inst::Jump(3),
    Inst::Save(1),
    Inst::Char('b'),
    Inst::Backref(0),
    Inst::AssertEnd,
    Inst::Match,
]);

/// Each matcher with a string it accepts and one it refuses.
const CASES: &[(&str, Matcher, &str, &str)] = &[
    ("literals", LITERALS, "none", "nope"),
    (
        "shape",
        SHAPE,
        "2024-01-31T00:00:00Z",
        "2024-01-31T00:00:01Z",
    ),
    ("program", PROGRAM, "us-east-1-prod", "us-east-1-Prod"),
    ("backtrack", BACKTRACK, "aaabaaa", "aaabaa"),
];

fn main() {
    for (name, matcher, accepted, refused) in CASES {
        assert!(matcher.matches(accepted), "{name} refuses {accepted:?}");
        assert!(!matcher.matches(refused), "{name} accepts {refused:?}");
    }
    divan::main();
}

#[divan::bench(args = ["literals", "shape", "program", "backtrack"])]
fn accepted(bencher: divan::Bencher<'_, '_>, name: &str) {
    let (_, matcher, accepted, _) = CASES.iter().find(|case| case.0 == name).copied().unwrap();
    bencher.bench(|| black_box(&matcher).matches(black_box(accepted)));
}

#[divan::bench(args = ["literals", "shape", "program", "backtrack"])]
fn refused(bencher: divan::Bencher<'_, '_>, name: &str) {
    let (_, matcher, _, refused) = CASES.iter().find(|case| case.0 == name).copied().unwrap();
    bencher.bench(|| black_box(&matcher).matches(black_box(refused)));
}

/// The word of a connection type's name that the generated lookup reads.
#[divan::bench(args = ["s3", "postgres", "platform.recurly", "platform.google-analytics"])]
fn switch_word(name: &str) -> u64 {
    let bytes = black_box(name).as_bytes();
    word(bytes, bytes.len().saturating_sub(8) & !7)
}
