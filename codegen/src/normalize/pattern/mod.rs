//! JSON Schema `pattern`s compiled for the runtime's matcher (`stitch-connect-runtime`).
//!
//! [`compile`] parses the subset of ECMA-262 regular expressions the spec uses (`parse.rs`, into
//! the tree of `tree.rs`), compiles it to a program of the runtime's [`Inst`]s (`program.rs`),
//! and picks the [`Plan`] the generated code matches with: a literal set (`literals.rs`), a
//! shape (`shape.rs`), or the program. [`CompiledPattern::is_match`] runs the program on the
//! runtime's matcher, as the generated crate does; `emit::pattern_tokens` writes the plan out.
//!
//! Supported: `^` and `$`, `\b` and `\B`, lookaheads and lookbehinds (`(?=…)`, `(?!…)`,
//! `(?<=…)`, `(?<!…)`), alternation `|`, groups `( )`, `(?<name> )` and `(?: )`, literal
//! characters and escaped punctuation, `\t \n \r \f \v \0 \cX \xHH \uHHHH \u{H…}`, `.`,
//! `\d \D \w \W \s \S`, Unicode properties `\p{…}` and `\P{…}` (with the oracle's tables and
//! names, as the `u` flag reads them), classes `[...]` and `[^...]` (where `\b` is U+0008), the
//! quantifiers `* + ? {n} {n,} {n,m}`, greedy or lazy, and back-references `\1` and
//! `\k<name>`; `[]` matches no character and `[^]` any, and an empty group may be repeated.
//! Everything else is refused with a reason naming the construct and its byte offset: what the
//! `u` flag makes a syntax error (a back-reference to a group the pattern lacks, legacy octal
//! escapes, a quantified lookaround, an unescaped literal `{`, `}` or `]`).
//! A counted repetition is unrolled and a class takes one instruction per range, so a program
//! can be long: up to [`MAX_INSTRUCTIONS`] (65,535), the reach of a jump target. A program
//! without back-references longer than the const automaton's [`MAX_PROGRAM`] (4,096;
//! `.{1,1000}` is 5,000) runs on the same automaton with its state on the heap, at run time
//! only; a lookaround's body there is still at most 4,096 instructions.
//!
//! Semantics are ECMA-262's with the `u` flag, which later JSON Schema drafts ask for and the
//! oracle follows: characters are Unicode scalar values (`^.$` accepts one astral character, a
//! surrogate pair `\uD83D\uDE00` is the one character it encodes, and a lone surrogate matches
//! nothing, for no Rust string holds one), `\d` is `[0-9]`, `\w` is `[A-Za-z0-9_]` and `\b` its
//! boundary, `\s` is ECMA-262 white space and line terminators, `.` is any character but `\n`,
//! `\r`, U+2028 and U+2029, and `$` holds only at the very end. Annex B's extra forms for
//! patterns without the flag are accepted where the oracle accepts them (escaped punctuation
//! such as `\@`) and refused where it refuses them.
//!
//! A pattern without back-references is only ever tested, never captured from: a lookaround
//! holds where its body matches, a group is its body, a lazy quantifier is a greedy one, and the
//! program runs on the automaton (`pattern::is_match` of the runtime, also in const context). A
//! pattern with back-references is compiled with captures for the groups they name, ECMA-262's
//! order of preference (lazy quantifiers try fewer repetitions first, which a lookaround's
//! captures can tell), the reset of a repeated group's captures at each repetition and the
//! failure of an optional repetition that matches the empty string; the backtracking matcher
//! (the runtime's `pattern::backtrack`) runs it, at run time only.
//!
//! The `jsonschema` crate, the project's oracle, agrees on all of this but these: its `\b`
//! is Unicode's (`^a\b` refuses `aé`, which ECMA-262 and this matcher accept), and in a pattern
//! with a lookaround it may read `\d`, `\w`, `\s` and `.` as Unicode's (`^\s(?=x)` accepts
//! U+0085), as it does beside a back-reference. It also refuses `\0`, `[\b]` and `\k<name>`,
//! which ECMA-262 defines, and may miss a match of a back-reference after a repeated group
//! (`^(x+)+y\1` on "xxxxyxx"). The tests of these
//! constructs state ECMA-262's answers, and `tests/tests/ecma_patterns.rs` holds the matcher
//! to JavaScript's own `RegExp`.

mod example;
mod literals;
mod parse;
mod program;
mod shape;
#[cfg(test)]
mod tests;
mod tree;

use std::collections::{BTreeMap, BTreeSet};

pub use parse::MAX_INSTRUCTIONS;
pub use shape::{ItemSpec, ShapeSpec, ascii_bits};
// The matcher and its instruction set are the runtime's (`stitch-connect-runtime`), which the
// generated crate executes: the generator's `CompiledPattern::is_match` and the generated code
// run one implementation.
pub use stitch_connect_runtime::pattern as vm;
pub use vm::{Inst, MAX_PROGRAM};

/// A pattern compiled: its program, and how the generated code matches it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompiledPattern {
    source: String,
    program: Vec<Inst>,
    plan: Plan,
    example: Option<String>,
}

/// How the generated code matches a pattern: the first of these that applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plan {
    /// The pattern has back-references: the backtracking matcher runs the program (not const).
    Backtrack,
    /// The pattern accepts exactly these strings (in pattern order, deduplicated): compared as
    /// strings.
    Literals(Vec<String>),
    /// The pattern has a simple shape, matched in one pass.
    Shape(ShapeSpec),
    /// The pattern has finitely many ways through, some with an unanchored side: each a
    /// literal that must be at the start, the end, or anywhere.
    Affixes(Vec<(String, vm::Affix)>),
    /// The automaton runs the program, with its state on the heap: a program longer than
    /// [`MAX_PROGRAM`] (not const).
    Large,
    /// The automaton runs the program, in const context too.
    Program,
}

/// Parses `pattern`; `Err(reason)` names the unsupported or invalid construct and its byte
/// offset, e.g. "backreference `\\2` at offset 3 names a group the pattern does not have (it
/// has 1)".
///
/// # Errors
///
/// The pattern uses a construct outside the supported subset, is not a valid ECMA-262 pattern,
/// or compiles to more than [`MAX_INSTRUCTIONS`] instructions.
pub fn compile(pattern: &str) -> Result<CompiledPattern, String> {
    let parsed = parse::parse(pattern)?;
    let mut node = parsed.node;
    let backtrack = parsed.backrefs;
    let mut referenced = BTreeSet::new();
    if backtrack {
        tree::resolve(&mut node, &parsed.names, parsed.groups, &mut referenced)?;
    } else {
        // Without back-references captures and laziness change no answer: the automaton runs.
        node = tree::plain(node);
    }
    // The groups a back-reference names are numbered densely, in order: group `k` of them
    // has the slots `2k` and `2k + 1`; a repetition's mark takes a slot after those, one per
    // depth of nesting (repetitions at one depth are never open together).
    let referenced: BTreeMap<u16, u32> = referenced.into_iter().zip(0..).collect();
    let program = program::program(&node, backtrack, referenced)?;
    let plan = if backtrack {
        Plan::Backtrack
    } else if let Some(literals) = literals::literals_of(&node) {
        Plan::Literals(literals)
    } else if let Some(shape) = shape::shape_of(&node) {
        Plan::Shape(shape)
    } else if let Some(affixes) = literals::affixes_of(&node) {
        Plan::Affixes(affixes)
    } else if program.len() > MAX_PROGRAM {
        Plan::Large
    } else {
        Plan::Program
    };
    let mut compiled = CompiledPattern {
        source: pattern.to_owned(),
        program,
        plan,
        example: None,
    };
    compiled.example = example::example_of(&node).filter(|text| compiled.is_match(text));
    Ok(compiled)
}

impl CompiledPattern {
    /// The pattern as written.
    #[must_use]
    pub fn source(&self) -> &str {
        &self.source
    }

    /// How the generated code matches the pattern.
    #[must_use]
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// `Some(literals, in pattern order, deduplicated)` when the pattern accepts exactly a finite,
    /// non-empty set of literal strings: `^(a|b)$`, `^a$|^b$`, `^(?:a|b)$`, `^abc$`. `None`
    /// otherwise (including a pattern that accepts nothing, or more than 256 strings).
    #[must_use]
    pub fn literals(&self) -> Option<&[String]> {
        match &self.plan {
            Plan::Literals(literals) => Some(literals),
            _ => None,
        }
    }

    /// A short string the pattern matches, made from its tree (`example.rs`) and checked with
    /// the compiled program; `None` where none was found that way.
    #[must_use]
    pub fn example(&self) -> Option<&str> {
        self.example.as_deref()
    }

    /// Whether the pattern has back-references, so that only the backtracking matcher (not
    /// const) runs it.
    #[must_use]
    pub fn backtracks(&self) -> bool {
        self.plan == Plan::Backtrack
    }

    /// Whether the pattern runs on the automaton with its state on the heap (not const).
    #[must_use]
    pub fn is_large(&self) -> bool {
        self.plan == Plan::Large
    }

    /// The runtime matcher the generated code holds for this pattern, built here (its data is
    /// leaked: for tests and short-lived generator runs).
    #[must_use]
    pub fn runtime_matcher(&self) -> vm::Matcher {
        let program = || &*Box::leak(self.program.clone().into_boxed_slice());
        match &self.plan {
            Plan::Backtrack => vm::Matcher::Backtrack(program()),
            Plan::Large => vm::Matcher::Large(program()),
            Plan::Program => vm::Matcher::Regular(vm::Regular::Program(program())),
            Plan::Literals(literals) => {
                let literals: Vec<&'static str> = literals
                    .iter()
                    .map(|l| &*Box::leak(l.clone().into_boxed_str()))
                    .collect();
                vm::Matcher::Regular(vm::Regular::Literals(Box::leak(
                    literals.into_boxed_slice(),
                )))
            }
            Plan::Affixes(affixes) => {
                let affixes: Vec<(&'static str, vm::Affix)> = affixes
                    .iter()
                    .map(|(literal, affix)| (&*Box::leak(literal.clone().into_boxed_str()), *affix))
                    .collect();
                vm::Matcher::Regular(vm::Regular::Affixes(Box::leak(affixes.into_boxed_slice())))
            }
            Plan::Shape(shape) => {
                let prefix: Vec<vm::Item> = shape.prefix.iter().map(ItemSpec::runtime).collect();
                vm::Matcher::Regular(vm::Regular::Shape(vm::Shape::new(
                    Box::leak(prefix.into_boxed_slice()),
                    shape
                        .tail
                        .as_ref()
                        .map(|(item, min)| (item.runtime(), *min)),
                    shape.end,
                )))
            }
        }
    }

    /// The program (run by [`Self::is_match`] whatever the plan).
    #[must_use]
    pub fn program(&self) -> &[Inst] {
        &self.program
    }

    /// Whether the pattern matches somewhere in `s`: the program, run by the runtime's
    /// matcher that takes it.
    #[must_use]
    pub fn is_match(&self, s: &str) -> bool {
        if self.plan == Plan::Backtrack {
            vm::backtrack::is_match(&self.program, s)
        } else if self.program.len() > MAX_PROGRAM {
            vm::is_match_large(&self.program, s)
        } else {
            vm::is_match(&self.program, s)
        }
    }
}
