//! JSON Schema `pattern`s compiled to programs for the generated crate's `const fn` matcher.
//!
//! [`compile`] parses the subset of ECMA-262 regular expressions the spec uses into a program of
//! [`Inst`]s, the mirror of `support::pattern::Inst` in the generated crate, which runs it with
//! `support::pattern::is_match` and no regex engine. [`CompiledPattern::is_match`] runs the same
//! algorithm here.
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
//! program runs on the automaton (`support::pattern::is_match`, also in const context). A
//! pattern with back-references is compiled with captures for the groups they name, ECMA-262's
//! order of preference (lazy quantifiers try fewer repetitions first, which a lookaround's
//! captures can tell), the reset of a repeated group's captures at each repetition and the
//! failure of an optional repetition that matches the empty string; the backtracking matcher
//! (`support::pattern::backtrack`) runs it, at run time only.
//!
//! The `jsonschema` crate, the project's oracle, agrees on all of this but these: its `\b`
//! is Unicode's (`^a\b` refuses `aé`, which ECMA-262 and this matcher accept), and in a pattern
//! with a lookaround it may read `\d`, `\w`, `\s` and `.` as Unicode's (`^\s(?=x)` accepts
//! U+0085), as it does beside a back-reference. It also refuses `\0`, `[\b]` and `\k<name>`,
//! which ECMA-262 defines, and may miss a match of a back-reference after a repeated group
//! (`^(x+)+y\1` on "xxxxyxx"). The tests of these
//! constructs state ECMA-262's answers, and `tests/tests/ecma_patterns.rs` holds the matcher
//! to JavaScript's own `RegExp`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

pub use vm::MAX_PROGRAM;

/// The most strings [`CompiledPattern::literals`] enumerates.
const MAX_LITERALS: usize = 256;

// The matcher and its instruction set are the runtime's (`stitch-connect-runtime`), which the
// generated crate executes: the generator's `CompiledPattern::is_match` and the generated code
// run one implementation.
pub use stitch_connect_runtime::pattern as vm;

pub use vm::Inst;

/// A pattern the generator can run without a regex engine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompiledPattern {
    source: String,
    program: Vec<Inst>,
    /// Whether the pattern has back-references: its program is run by the backtracking
    /// matcher, not the automaton.
    backtrack: bool,
    literals: Option<Vec<String>>,
    shape: Option<ShapeSpec>,
}

/// A pattern of the simple anchored shape the runtime matches in one pass
/// (`support::pattern::Shape`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapeSpec {
    prefix: Vec<ItemSpec>,
    tail: Option<(ItemSpec, u32)>,
    end: bool,
}

/// One character position of a [`ShapeSpec`] (or, after [`merged`], a run of characters).
#[derive(Clone, Debug, PartialEq, Eq)]
enum ItemSpec {
    Char(char),
    Literal(String),
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
}

/// The longest fixed prefix a shape may have.
const MAX_SHAPE_PREFIX: u32 = 256;

impl ItemSpec {
    fn of(node: &Node) -> Option<ItemSpec> {
        match node {
            Node::Char(c) => Some(ItemSpec::Char(*c)),
            Node::Class { negated, ranges } => Some(ItemSpec::Class {
                negated: *negated,
                ranges: char_ranges(ranges),
            }),
            _ => None,
        }
    }

    fn tokens(&self) -> TokenStream {
        match self {
            ItemSpec::Char(c) => quote!(crate::support::pattern::Item::Char(#c)),
            ItemSpec::Literal(text) => quote!(crate::support::pattern::Item::Literal(#text)),
            ItemSpec::Class { negated, ranges } => {
                let ascii = Literal::u128_unsuffixed(ascii_bits(*negated, ranges));
                let ranges = ranges.iter().map(|(lo, hi)| quote!((#lo, #hi)));
                quote!(crate::support::pattern::Item::Class {
                    negated: #negated,
                    ranges: &[#(#ranges),*],
                    ascii: #ascii,
                })
            }
        }
    }

    fn runtime(&self) -> vm::Item {
        match self {
            ItemSpec::Char(c) => vm::Item::Char(*c),
            ItemSpec::Literal(text) => vm::Item::Literal(Box::leak(text.clone().into_boxed_str())),
            ItemSpec::Class { negated, ranges } => vm::Item::Class {
                negated: *negated,
                ranges: Box::leak(ranges.clone().into_boxed_slice()),
                ascii: ascii_bits(*negated, ranges),
            },
        }
    }
}

/// Bit `c` set when a class accepts the ASCII character `c`.
fn ascii_bits(negated: bool, ranges: &[(char, char)]) -> u128 {
    (0u8..128).fold(0, |bits, c| {
        let c = char::from(c);
        let inside = ranges.iter().any(|(lo, hi)| *lo <= c && c <= *hi);
        if inside == negated {
            bits
        } else {
            bits | (1u128 << u32::from(c))
        }
    })
}

/// Runs of two or more characters merged into literals, which the runtime compares at once.
fn merged(items: &[ItemSpec]) -> Vec<ItemSpec> {
    let mut out: Vec<ItemSpec> = Vec::new();
    for item in items {
        match (out.last_mut(), item) {
            (Some(ItemSpec::Literal(text)), ItemSpec::Char(c)) => text.push(*c),
            (Some(last @ ItemSpec::Char(_)), ItemSpec::Char(c)) => {
                if let ItemSpec::Char(first) = last {
                    *last = ItemSpec::Literal(format!("{first}{c}"));
                }
            }
            _ => out.push(item.clone()),
        }
    }
    out
}

/// Flattens nested concatenations.
fn sequence<'n>(node: &'n Node, out: &mut Vec<&'n Node>) {
    match node {
        Node::Concat(items) => items.iter().for_each(|item| sequence(item, out)),
        Node::Empty => {}
        other => out.push(other),
    }
}

/// The shape of `node`, when it is `^`, fixed characters and classes, at most one unbounded
/// repetition of one character or class at the end, and an optional `$`.
fn shape_of(node: &Node) -> Option<ShapeSpec> {
    let mut items = Vec::new();
    sequence(node, &mut items);
    let (first, mut rest) = items.split_first()?;
    if **first != Node::Start {
        return None;
    }
    let end = rest.last().is_some_and(|last| **last == Node::End);
    if end {
        rest = &rest[..rest.len() - 1];
    }
    let mut prefix = Vec::new();
    let mut tail = None;
    for item in rest {
        if tail.is_some() {
            return None;
        }
        match item {
            Node::Repeat {
                node,
                min,
                max: Some(max),
                ..
            } if min == max => {
                let one = ItemSpec::of(node)?;
                if prefix.len() as u32 + min > MAX_SHAPE_PREFIX {
                    return None;
                }
                prefix.extend(std::iter::repeat_n(one, *min as usize));
            }
            Node::Repeat {
                node,
                min,
                max: None,
                ..
            } => tail = Some((ItemSpec::of(node)?, *min)),
            single => {
                prefix.push(ItemSpec::of(single)?);
                if prefix.len() as u32 > MAX_SHAPE_PREFIX {
                    return None;
                }
            }
        }
    }
    Some(ShapeSpec { prefix, tail, end })
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
    let mut parser = Parser {
        chars: pattern.char_indices().collect(),
        at: 0,
        len: pattern.len(),
        depth: 0,
        names: std::collections::BTreeMap::new(),
        groups: 0,
        backrefs: false,
    };
    let mut node = parser.disjunction()?;
    if let Some((offset, c)) = parser.peek_at() {
        // `disjunction` stops only at the end or at a `)`.
        return Err(format!("unmatched `{c}` at offset {offset}"));
    }
    let backtrack = parser.backrefs;
    let mut referenced = std::collections::BTreeSet::new();
    if backtrack {
        resolve(&mut node, &parser.names, parser.groups, &mut referenced)?;
    } else {
        // Without back-references captures and laziness change no answer: the automaton runs.
        node = plain(node);
    }
    // The groups a back-reference names are numbered densely, in order: group `k` of them
    // has the slots `2k` and `2k + 1`; a repetition's mark takes a slot after those, one per
    // depth of nesting (repetitions at one depth are never open together).
    let referenced: std::collections::BTreeMap<u16, u32> =
        referenced.into_iter().zip(0..).collect();
    let mut emitter = Emitter {
        backtrack,
        mark_base: 2 * u32::try_from(referenced.len()).unwrap_or(u32::MAX),
        referenced,
        depth: 0,
    };
    let mut program = Vec::new();
    emitter.emit(&node, &mut program, false)?;
    push(&mut program, Inst::Match)?;
    let (literals, shape) = if backtrack {
        (None, None)
    } else {
        (literals_of(&node), shape_of(&node))
    };
    Ok(CompiledPattern {
        source: pattern.to_owned(),
        program,
        backtrack,
        literals,
        shape,
    })
}

/// Checks and numbers the back-references of `node`: in a pattern read with the `u` flag, a
/// `\n` must name one of the `groups` groups and a `\k<name>` one of the named groups. The
/// groups named are added to `referenced`.
fn resolve(
    node: &mut Node,
    names: &std::collections::BTreeMap<String, u16>,
    groups: u16,
    referenced: &mut std::collections::BTreeSet<u16>,
) -> Result<(), String> {
    match node {
        Node::Backref { offset, target } => {
            let number = match target {
                Reference::Number(n) if *n >= 1 && *n <= u32::from(groups) => *n,
                Reference::Number(n) => {
                    return Err(format!(
                        "backreference `\\{n}` at offset {offset} names a group the pattern \
                         does not have (it has {groups})"
                    ));
                }
                Reference::Name(name) => match names.get(name.as_str()) {
                    Some(index) => u32::from(*index),
                    None => {
                        return Err(format!(
                            "backreference `\\k<{name}>` at offset {offset} names a group the \
                             pattern does not have"
                        ));
                    }
                },
            };
            *target = Reference::Number(number);
            // At most `groups`, a `u16`.
            referenced.insert(u16::try_from(number).unwrap_or(u16::MAX));
        }
        Node::Group { node, .. } | Node::Look { node, .. } | Node::Repeat { node, .. } => {
            resolve(node, names, groups, referenced)?;
        }
        Node::Concat(nodes) | Node::Alternation(nodes) => {
            for node in nodes {
                resolve(node, names, groups, referenced)?;
            }
        }
        Node::Empty
        | Node::Char(_)
        | Node::Class { .. }
        | Node::Start
        | Node::End
        | Node::WordBoundary(_) => {}
    }
    Ok(())
}

/// `node` without captures or laziness: each group its body, each repetition greedy.
fn plain(node: Node) -> Node {
    match node {
        Node::Group { node, .. } => plain(*node),
        Node::Look {
            behind,
            negated,
            node,
        } => Node::Look {
            behind,
            negated,
            node: Box::new(plain(*node)),
        },
        Node::Repeat { node, min, max, .. } => Node::Repeat {
            node: Box::new(plain(*node)),
            min,
            max,
            lazy: false,
        },
        Node::Concat(nodes) => Node::Concat(nodes.into_iter().map(plain).collect()),
        Node::Alternation(nodes) => Node::Alternation(nodes.into_iter().map(plain).collect()),
        other => other,
    }
}

impl CompiledPattern {
    /// The pattern as written.
    #[must_use]
    pub fn source(&self) -> &str {
        &self.source
    }

    /// `Some(literals, in pattern order, deduplicated)` when the pattern accepts exactly a finite,
    /// non-empty set of literal strings: `^(a|b)$`, `^a$|^b$`, `^(?:a|b)$`, `^abc$`. `None`
    /// otherwise (including a pattern that accepts nothing, or more than 256 strings).
    #[must_use]
    pub fn literals(&self) -> Option<&[String]> {
        self.literals.as_deref()
    }

    /// A Rust expression of type `&'static [crate::support::pattern::Inst]`.
    #[must_use]
    pub fn program_tokens(&self) -> TokenStream {
        let insts = self.program.iter().map(|inst| match *inst {
            Inst::Char(c) => quote!(crate::support::pattern::Inst::Char(#c)),
            Inst::Class { negated, len } => {
                let len = Literal::u16_unsuffixed(len);
                quote!(crate::support::pattern::Inst::Class { negated: #negated, len: #len })
            }
            Inst::Range(lo, hi) => quote!(crate::support::pattern::Inst::Range(#lo, #hi)),
            Inst::Split(first, second) => {
                let first = Literal::u16_unsuffixed(first);
                let second = Literal::u16_unsuffixed(second);
                quote!(crate::support::pattern::Inst::Split(#first, #second))
            }
            Inst::Jump(target) => {
                let target = Literal::u16_unsuffixed(target);
                quote!(crate::support::pattern::Inst::Jump(#target))
            }
            Inst::AssertStart => quote!(crate::support::pattern::Inst::AssertStart),
            Inst::AssertEnd => quote!(crate::support::pattern::Inst::AssertEnd),
            Inst::WordBoundary(boundary) => {
                quote!(crate::support::pattern::Inst::WordBoundary(#boundary))
            }
            Inst::Look {
                behind,
                negated,
                len,
            } => {
                let len = Literal::u16_unsuffixed(len);
                quote!(crate::support::pattern::Inst::Look {
                    behind: #behind,
                    negated: #negated,
                    len: #len,
                })
            }
            Inst::Save(n) => quote!(crate::support::pattern::Inst::Save(#n)),
            Inst::Backref(n) => quote!(crate::support::pattern::Inst::Backref(#n)),
            Inst::Reset(from, to) => quote!(crate::support::pattern::Inst::Reset(#from, #to)),
            Inst::Mark(n) => quote!(crate::support::pattern::Inst::Mark(#n)),
            Inst::Progress(n) => quote!(crate::support::pattern::Inst::Progress(#n)),
            Inst::Match => quote!(crate::support::pattern::Inst::Match),
        });
        quote!(&[#(#insts),*])
    }

    /// Whether the pattern has back-references, so that only the backtracking matcher (not
    /// const, see `support::pattern::backtrack`) runs it.
    #[must_use]
    pub fn backtracks(&self) -> bool {
        self.backtrack
    }

    /// Whether the pattern runs on the automaton with its state on the heap
    /// (`support::pattern::is_match_large`, not const): no back-references, no literal set or
    /// shape, and a program longer than [`MAX_PROGRAM`].
    #[must_use]
    pub fn is_large(&self) -> bool {
        !self.backtrack
            && self.program.len() > MAX_PROGRAM
            && self.literals.is_none()
            && self.shape.is_none()
    }

    /// A Rust expression of type `crate::support::pattern::Matcher`: the pattern's
    /// [`Self::regular_tokens`], or its program for the backtracking matcher.
    #[must_use]
    pub fn matcher_tokens(&self) -> TokenStream {
        if let Some(regular) = self.regular_tokens() {
            return quote!(crate::support::pattern::Matcher::Regular(#regular));
        }
        let program = self.program_tokens();
        if self.backtrack {
            quote!(crate::support::pattern::Matcher::Backtrack(#program))
        } else {
            quote!(crate::support::pattern::Matcher::Large(#program))
        }
    }

    /// A Rust expression of type `crate::support::pattern::Regular`, which runs in const
    /// context: the literals when the pattern is a set of literals, else its simple shape when
    /// it has one, else the program. `None` for a pattern with back-references or a
    /// [large](Self::is_large) one.
    #[must_use]
    pub fn regular_tokens(&self) -> Option<TokenStream> {
        if self.backtrack || self.is_large() {
            return None;
        }
        if let Some(literals) = &self.literals {
            return Some(quote!(crate::support::pattern::Regular::Literals(&[#(#literals),*])));
        }
        if let Some(shape) = &self.shape {
            let prefix = merged(&shape.prefix);
            let prefix = prefix.iter().map(ItemSpec::tokens);
            let tail = match &shape.tail {
                Some((item, min)) => {
                    let item = item.tokens();
                    let min = Literal::u32_unsuffixed(*min);
                    quote!(Some((#item, #min)))
                }
                None => quote!(None),
            };
            let end = shape.end;
            return Some(quote!(crate::support::pattern::Regular::Shape(
                crate::support::pattern::Shape::new(&[#(#prefix),*], #tail, #end)
            )));
        }
        let program = self.program_tokens();
        Some(quote!(crate::support::pattern::Regular::Program(#program)))
    }

    /// The runtime matcher [`Self::matcher_tokens`] describes, built here (its data is leaked:
    /// for tests and short-lived generator runs).
    #[must_use]
    pub fn runtime_matcher(&self) -> vm::Matcher {
        let program = || &*Box::leak(self.program.clone().into_boxed_slice());
        if self.backtrack {
            return vm::Matcher::Backtrack(program());
        }
        if self.is_large() {
            return vm::Matcher::Large(program());
        }
        if let Some(literals) = &self.literals {
            let literals: Vec<&'static str> = literals
                .iter()
                .map(|l| &*Box::leak(l.clone().into_boxed_str()))
                .collect();
            return vm::Matcher::Regular(vm::Regular::Literals(Box::leak(
                literals.into_boxed_slice(),
            )));
        }
        if let Some(shape) = &self.shape {
            let prefix: Vec<vm::Item> = merged(&shape.prefix)
                .iter()
                .map(ItemSpec::runtime)
                .collect();
            return vm::Matcher::Regular(vm::Regular::Shape(vm::Shape::new(
                Box::leak(prefix.into_boxed_slice()),
                shape
                    .tail
                    .as_ref()
                    .map(|(item, min)| (item.runtime(), *min)),
                shape.end,
            )));
        }
        vm::Matcher::Regular(vm::Regular::Program(program()))
    }

    /// The program as plain data, for tests.
    #[must_use]
    pub fn program(&self) -> &[Inst] {
        &self.program
    }

    /// Whether the pattern matches somewhere in `s`: the generated crate's interpreter, run here.
    #[must_use]
    pub fn is_match(&self, s: &str) -> bool {
        if self.backtrack {
            vm::backtrack::is_match(&self.program, s)
        } else if self.program.len() > MAX_PROGRAM {
            vm::is_match_large(&self.program, s)
        } else {
            vm::is_match(&self.program, s)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing.

/// A parsed pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Node {
    /// Matches the empty string.
    Empty,
    /// One character.
    Char(char),
    /// One character of a set: sorted, disjoint, non-adjacent inclusive ranges of code points.
    Class {
        negated: bool,
        ranges: Vec<(u32, u32)>,
    },
    /// `^`.
    Start,
    /// `$`.
    End,
    /// `\b` (true) or `\B` (false).
    WordBoundary(bool),
    /// A lookahead or, when `behind`, a lookbehind: `(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)`.
    Look {
        behind: bool,
        negated: bool,
        node: Box<Node>,
    },
    /// A capturing group, numbered from 1 in the order of the opening parentheses. Kept only
    /// in patterns with back-references (see [`Node::Backref`]); elsewhere a group is its body.
    Group {
        index: u16,
        node: Box<Node>,
    },
    /// A back-reference `\n` or `\k<name>`, at `offset`.
    Backref {
        offset: usize,
        target: Reference,
    },
    Concat(Vec<Node>),
    Alternation(Vec<Node>),
    /// A repetition; a lazy one tries fewer repetitions first, which only a pattern with
    /// back-references can tell (a lookaround keeps the captures of the first way it matches).
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
        lazy: bool,
    },
}

/// What a back-reference names: a group number, or a group name before it is resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Reference {
    Number(u32),
    Name(String),
}

/// What an escape stands for: one character, a set such as `\d`, or (outside a class) a
/// back-reference.
enum ClassAtom {
    Char(char),
    Set(Vec<(u32, u32)>),
    Backref(Reference),
}

/// `\d`.
const DIGIT: &[(u32, u32)] = &[(0x30, 0x39)];
/// `\w`.
const WORD: &[(u32, u32)] = &[(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)];
/// `\s`: ECMA-262 `WhiteSpace` and `LineTerminator`.
const SPACE: &[(u32, u32)] = &[
    (0x09, 0x0D),
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
    (0xFEFF, 0xFEFF),
];
/// What `.` does not match: the ECMA-262 line terminators.
const LINE_TERMINATORS: &[(u32, u32)] = &[(0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029)];

/// The deepest nesting of groups accepted.
const MAX_DEPTH: usize = 64;

/// The largest repetition count accepted in `{n,m}`.
const MAX_COUNT: u32 = MAX_INSTRUCTIONS as u32;

/// The most instructions a program may have: jump targets are `u16`s. A program without
/// back-references longer than the const automaton's [`MAX_PROGRAM`] runs on the automaton
/// with its state on the heap (`support::pattern::is_match_large`).
pub const MAX_INSTRUCTIONS: usize = u16::MAX as usize;

struct Parser {
    chars: Vec<(usize, char)>,
    at: usize,
    /// The pattern's length in bytes: the offset of its end.
    len: usize,
    /// How many groups enclose the cursor.
    depth: usize,
    /// The named groups so far, and their numbers.
    names: std::collections::BTreeMap<String, u16>,
    /// How many capturing groups have opened so far.
    groups: u16,
    /// Whether a back-reference was read.
    backrefs: bool,
}

impl Parser {
    fn peek_at(&self) -> Option<(usize, char)> {
        self.chars.get(self.at).copied()
    }

    fn peek(&self) -> Option<char> {
        self.peek_at().map(|(_, c)| c)
    }

    fn peek_second(&self) -> Option<char> {
        self.chars.get(self.at + 1).map(|&(_, c)| c)
    }

    /// The byte offset of the next character, or of the end.
    fn offset(&self) -> usize {
        self.peek_at().map_or(self.len, |(offset, _)| offset)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek();
        if c.is_some() {
            self.at += 1;
        }
        c
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    /// `a|b|...`, up to the end or a `)`.
    fn disjunction(&mut self) -> Result<Node, String> {
        let mut branches = vec![self.alternative()?];
        while self.eat('|') {
            branches.push(self.alternative()?);
        }
        Ok(if branches.len() == 1 {
            branches.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alternation(branches)
        })
    }

    /// Terms up to the end, a `|` or a `)`.
    fn alternative(&mut self) -> Result<Node, String> {
        let mut terms = Vec::new();
        while let Some((offset, c)) = self.peek_at() {
            let atom = match c {
                '|' | ')' => break,
                '^' | '$' => {
                    self.at += 1;
                    if let Some((quantifier_offset, quantifier)) = self.quantifier_start() {
                        return Err(format!(
                            "quantifier `{quantifier}` at offset {quantifier_offset} follows the \
                             assertion `{c}`, which is not supported"
                        ));
                    }
                    terms.push(if c == '^' { Node::Start } else { Node::End });
                    continue;
                }
                '(' => self.group(offset)?,
                '[' => self.class(offset)?,
                '.' => {
                    self.at += 1;
                    Node::Class {
                        negated: true,
                        ranges: LINE_TERMINATORS.to_vec(),
                    }
                }
                '\\' if matches!(self.peek_second(), Some('b' | 'B')) => {
                    self.at += 2;
                    let boundary = self.chars[self.at - 1].1 == 'b';
                    if let Some((quantifier_offset, quantifier)) = self.quantifier_start() {
                        let c = if boundary { 'b' } else { 'B' };
                        return Err(format!(
                            "quantifier `{quantifier}` at offset {quantifier_offset} follows the \
                             assertion `\\{c}`, which is not supported"
                        ));
                    }
                    terms.push(Node::WordBoundary(boundary));
                    continue;
                }
                '\\' => self.atom_escape(offset)?,
                '*' | '+' | '?' => {
                    return Err(format!(
                        "quantifier `{c}` at offset {offset} has nothing to repeat"
                    ));
                }
                '{' => {
                    return Err(if self.counted_quantifier()?.is_some() {
                        format!("quantifier `{{` at offset {offset} has nothing to repeat")
                    } else {
                        format!(
                            "literal `{{` at offset {offset} is not supported; escape it as `\\{{`"
                        )
                    });
                }
                '}' | ']' => {
                    return Err(format!(
                        "literal `{c}` at offset {offset} is not supported; escape it as `\\{c}`"
                    ));
                }
                _ => {
                    self.at += 1;
                    Node::Char(c)
                }
            };
            terms.push(self.quantified(atom)?);
        }
        let node = match terms.len() {
            0 => Node::Empty,
            1 => terms.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(terms),
        };
        Ok(node)
    }

    /// The quantifier character and its offset, if one comes next.
    fn quantifier_start(&self) -> Option<(usize, char)> {
        let (offset, c) = self.peek_at()?;
        matches!(c, '*' | '+' | '?' | '{').then_some((offset, c))
    }

    /// `atom` with the quantifier that follows it, if any.
    fn quantified(&mut self, atom: Node) -> Result<Node, String> {
        let Some((offset, c)) = self.quantifier_start() else {
            return Ok(atom);
        };
        let (min, max) = match c {
            '*' => {
                self.at += 1;
                (0, None)
            }
            '+' => {
                self.at += 1;
                (1, None)
            }
            '?' => {
                self.at += 1;
                (0, Some(1))
            }
            _ => match self.counted_quantifier()? {
                Some(bounds) => bounds,
                None => {
                    return Err(format!(
                        "literal `{{` at offset {offset} is not supported; escape it as `\\{{`"
                    ));
                }
            },
        };
        let lazy = self.eat('?');
        if let Some((next_offset, next)) = self.quantifier_start() {
            return Err(format!(
                "quantifier `{next}` at offset {next_offset} follows another quantifier, which is \
                 not supported"
            ));
        }
        Ok(Node::Repeat {
            node: Box::new(atom),
            min,
            max,
            lazy,
        })
    }

    /// `{n}`, `{n,}` or `{n,m}` at the cursor: consumed and returned, or `None` (nothing consumed)
    /// when the `{` does not start one.
    fn counted_quantifier(&mut self) -> Result<Option<(u32, Option<u32>)>, String> {
        let start = self.at;
        let offset = self.offset();
        self.at += 1;
        let Some(min) = self.number()? else {
            self.at = start;
            return Ok(None);
        };
        let max = if self.eat(',') {
            self.number()?
        } else {
            Some(min)
        };
        if !self.eat('}') {
            self.at = start;
            return Ok(None);
        }
        if let Some(max) = max
            && max < min
        {
            let text = self.text(start, self.at);
            return Err(format!(
                "quantifier `{text}` at offset {offset} has its bounds out of order"
            ));
        }
        Ok(Some((min, max)))
    }

    /// Decimal digits at the cursor, if any.
    fn number(&mut self) -> Result<Option<u32>, String> {
        let offset = self.offset();
        let mut value: Option<u32> = None;
        while let Some(digit) = self.peek().and_then(|c| c.to_digit(10)) {
            self.at += 1;
            let next = value.unwrap_or(0).saturating_mul(10).saturating_add(digit);
            if next > MAX_COUNT {
                return Err(format!(
                    "repetition count at offset {offset} exceeds the limit {MAX_COUNT}"
                ));
            }
            value = Some(next);
        }
        Ok(value)
    }

    /// The pattern text of characters `from..to`.
    fn text(&self, from: usize, to: usize) -> String {
        self.chars[from..to].iter().map(|&(_, c)| c).collect()
    }

    /// A group, the cursor on its `(` at `offset`.
    fn group(&mut self, offset: usize) -> Result<Node, String> {
        self.at += 1;
        let mut capturing = !self.eat('?');
        let mut look = None;
        let mut name = None;
        if !capturing {
            let construct = match (self.peek(), self.peek_second()) {
                (Some(':'), _) => None,
                (Some('='), _) => {
                    look = Some((false, false));
                    None
                }
                (Some('!'), _) => {
                    look = Some((false, true));
                    None
                }
                (Some('<'), Some('=')) => {
                    look = Some((true, false));
                    self.at += 1;
                    None
                }
                (Some('<'), Some('!')) => {
                    look = Some((true, true));
                    self.at += 1;
                    None
                }
                (Some('<'), _) => {
                    name = Some(self.group_name(offset)?);
                    capturing = true;
                    // `group_name` consumed the `>`; step back onto it for the `+= 1` below.
                    self.at -= 1;
                    None
                }
                (Some('P'), _) => Some("named group `(?P`"),
                _ => Some("group modifier `(?`"),
            };
            if let Some(construct) = construct {
                return Err(format!("{construct} at offset {offset} is not supported"));
            }
            self.at += 1;
        }
        if self.depth == MAX_DEPTH {
            return Err(format!(
                "group at offset {offset} is nested more than {MAX_DEPTH} deep, which is not \
                 supported"
            ));
        }
        // Groups are numbered in the order they open.
        let index = if capturing {
            self.groups = self.groups.checked_add(1).ok_or_else(|| {
                format!("group at offset {offset} is one more than the matcher can number")
            })?;
            if let Some(name) = name {
                self.names.insert(name, self.groups);
            }
            Some(self.groups)
        } else {
            None
        };
        self.depth += 1;
        let inner = self.disjunction()?;
        self.depth -= 1;
        if !self.eat(')') {
            return Err(format!("group `(` at offset {offset} is not closed"));
        }
        if let Some((behind, negated)) = look {
            if let Some((quantifier_offset, quantifier)) = self.quantifier_start() {
                // ECMA-262 allows no quantifier on a lookbehind, and the oracle none on a
                // lookahead (Annex B allows that one).
                return Err(format!(
                    "quantifier `{quantifier}` at offset {quantifier_offset} follows the \
                     lookaround at offset {offset}, which is not supported"
                ));
            }
            return Ok(Node::Look {
                behind,
                negated,
                node: Box::new(inner),
            });
        }
        Ok(match index {
            Some(index) => Node::Group {
                index,
                node: Box::new(inner),
            },
            None => inner,
        })
    }

    /// The name of a named group `(?<name>`, the cursor on its `<`; consumes up to its `>`.
    /// Each name may name one group.
    fn group_name(&mut self, offset: usize) -> Result<String, String> {
        let name = self.name(offset, "named group")?;
        if self.names.contains_key(&name) {
            return Err(format!(
                "group name `{name}` at offset {offset} names an earlier group too"
            ));
        }
        Ok(name)
    }

    /// A group name in angle brackets, the cursor on its `<`, for the construct at `offset`
    /// (`what`: "named group", "named backreference"); consumes up to its `>`.
    fn name(&mut self, offset: usize, what: &str) -> Result<String, String> {
        self.at += 1;
        let start = self.at;
        while let Some(c) = self.peek() {
            if c == '>' {
                break;
            }
            let valid = if self.at == start {
                c.is_alphabetic() || c == '$' || c == '_'
            } else {
                c.is_alphanumeric() || c == '$' || c == '_'
            };
            if !valid {
                return Err(format!(
                    "the name of the {what} at offset {offset} has the character {c:?}, which a \
                     name cannot have"
                ));
            }
            self.at += 1;
        }
        if self.at == start || !self.eat('>') {
            return Err(format!(
                "{what} at offset {offset} needs a name and a closing `>`"
            ));
        }
        Ok(self.text(start, self.at - 1))
    }

    /// An escape outside a class, the cursor on its `\` at `offset`.
    fn atom_escape(&mut self, offset: usize) -> Result<Node, String> {
        Ok(match self.escape(offset, false)? {
            ClassAtom::Backref(target) => {
                self.backrefs = true;
                Node::Backref { offset, target }
            }
            ClassAtom::Char(c) => Node::Char(c),
            ClassAtom::Set(ranges) => Node::Class {
                negated: false,
                ranges,
            },
        })
    }

    /// An escape, the cursor on its `\` at `offset`, inside a class if `in_class`.
    fn escape(&mut self, offset: usize, in_class: bool) -> Result<ClassAtom, String> {
        self.at += 1;
        let Some(c) = self.bump() else {
            return Err(format!("trailing `\\` at offset {offset}"));
        };
        let unsupported = |what: &str| Err(format!("{what} at offset {offset} is not supported"));
        Ok(match c {
            'd' => ClassAtom::Set(DIGIT.to_vec()),
            'D' => ClassAtom::Set(complement(DIGIT)),
            'w' => ClassAtom::Set(WORD.to_vec()),
            'W' => ClassAtom::Set(complement(WORD)),
            's' => ClassAtom::Set(SPACE.to_vec()),
            'S' => ClassAtom::Set(complement(SPACE)),
            't' => ClassAtom::Char('\t'),
            'n' => ClassAtom::Char('\n'),
            'r' => ClassAtom::Char('\r'),
            'f' => ClassAtom::Char('\u{0C}'),
            'v' => ClassAtom::Char('\u{0B}'),
            // Two hex digits never make a surrogate.
            'x' => {
                ClassAtom::Char(char::from_u32(self.hex_escape(offset, 'x', 2)?).unwrap_or('\0'))
            }
            'u' if self.eat('{') => ClassAtom::Char(self.code_point_escape(offset)?),
            'u' => self.utf16_escape(offset)?,
            // Outside a class, `\b` and `\B` are assertions, read by `alternative`.
            'b' if in_class => ClassAtom::Char('\u{08}'),
            'B' if in_class => return Err(format!("escape `\\B` at offset {offset} in a class")),
            '0' if !self.peek().is_some_and(|next| next.is_ascii_digit()) => ClassAtom::Char('\0'),
            '0' => return unsupported("legacy octal escape `\\0`"),
            '1'..='9' if in_class => {
                return Err(format!(
                    "backreference `\\{c}` at offset {offset} in a class is not valid"
                ));
            }
            '1'..='9' => {
                // The `u` flag reads every digit that follows as part of the number.
                let mut number = c.to_digit(10).unwrap_or(0);
                while let Some(digit) = self.peek().and_then(|c| c.to_digit(10)) {
                    self.at += 1;
                    number = number.saturating_mul(10).saturating_add(digit);
                }
                return Ok(ClassAtom::Backref(Reference::Number(number)));
            }
            'k' if in_class => {
                return Err(format!(
                    "named backreference `\\k` at offset {offset} in a class is not valid"
                ));
            }
            'k' if self.peek() == Some('<') => {
                let name = self.name(offset, "named backreference")?;
                return Ok(ClassAtom::Backref(Reference::Name(name)));
            }
            'k' => {
                return Err(format!(
                    "named backreference `\\k` at offset {offset} needs a group name in `<>`"
                ));
            }
            'p' | 'P' => ClassAtom::Set(self.property(offset, c == 'P')?),
            'c' => match self.peek() {
                Some(letter) if letter.is_ascii_alphabetic() => {
                    self.at += 1;
                    ClassAtom::Char(char::from(letter as u8 % 32))
                }
                _ => return unsupported("control escape `\\c` without a letter"),
            },
            // The oracle rejects `\<` and `\>` (word boundaries in Rust's syntax).
            _ if (c.is_ascii_punctuation() || c == ' ') && c != '<' && c != '>' => {
                ClassAtom::Char(c)
            }
            _ => return unsupported(&format!("escape `\\{c}`")),
        })
    }

    /// The ranges of a Unicode property escape `\p{…}` (or, when `negated`, `\P{…}`) at
    /// `offset`, the cursor after its letter: names and values as the oracle's Unicode tables
    /// (regex-syntax) know them, e.g. `L`, `Letter`, `Lu`, `gc=Lu`, `Script=Greek`, `sc=Grek`,
    /// `scx=Grek`, `Alphabetic`, `White_Space`, `ASCII`, `Any`.
    fn property(&mut self, offset: usize, negated: bool) -> Result<Vec<(u32, u32)>, String> {
        let letter = if negated { 'P' } else { 'p' };
        if !self.eat('{') {
            return Err(format!(
                "Unicode property escape `\\{letter}` at offset {offset} needs its name in braces, \
                 like `\\{letter}{{L}}`"
            ));
        }
        let start = self.at;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '=')
        {
            self.at += 1;
        }
        let name = self.text(start, self.at);
        if name.is_empty() || !self.eat('}') {
            return Err(format!(
                "Unicode property escape `\\{letter}` at offset {offset} needs a name of letters, \
                 digits, `_` and `=` in braces"
            ));
        }
        let unknown =
            || format!("Unicode property `\\{letter}{{{name}}}` at offset {offset} is not known");
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(&format!("\\p{{{name}}}"))
            .map_err(|_| unknown())?;
        let regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) =
            hir.kind()
        else {
            return Err(unknown());
        };
        let ranges: Vec<(u32, u32)> = class
            .ranges()
            .iter()
            .map(|r| (u32::from(r.start()), u32::from(r.end())))
            .collect();
        Ok(if negated {
            complement(&normalize(ranges))
        } else {
            normalize(ranges)
        })
    }

    /// The code point of a `\u{…}` escape at `offset`, the cursor after its `{`.
    fn code_point_escape(&mut self, offset: usize) -> Result<char, String> {
        let mut value = 0u32;
        let mut digits = 0;
        while let Some(digit) = self.peek().and_then(|c| c.to_digit(16)) {
            self.at += 1;
            digits += 1;
            value = value.saturating_mul(16).saturating_add(digit);
        }
        if digits == 0 || !self.eat('}') {
            return Err(format!(
                "escape `\\u{{` at offset {offset} needs hex digits and a closing `}}`"
            ));
        }
        char::from_u32(value).ok_or_else(|| {
            format!("escape `\\u{{{value:X}}}` at offset {offset} is not a Unicode scalar value")
        })
    }

    /// The `digits` hex digits of a `\x` or `\u` escape at `offset`.
    fn hex_escape(&mut self, offset: usize, letter: char, digits: usize) -> Result<u32, String> {
        let mut value = 0u32;
        for _ in 0..digits {
            let Some(digit) = self.peek().and_then(|c| c.to_digit(16)) else {
                return Err(format!(
                    "escape `\\{letter}` at offset {offset} needs {digits} hex digits"
                ));
            };
            self.at += 1;
            value = value * 16 + digit;
        }
        Ok(value)
    }

    /// A `\uHHHH` escape at `offset`, the cursor after its `u`. A surrogate pair written as two
    /// escapes is the character they encode, as the `u` flag reads it; a lone surrogate is a
    /// code point no Rust (or JSON-parsed) string holds, so it matches nothing.
    fn utf16_escape(&mut self, offset: usize) -> Result<ClassAtom, String> {
        let unit = self.hex_escape(offset, 'u', 4)?;
        if let Some(c) = char::from_u32(unit) {
            return Ok(ClassAtom::Char(c));
        }
        let pair_follows = (0xD800..0xDC00).contains(&unit)
            && self.peek() == Some('\\')
            && self.peek_second() == Some('u');
        if pair_follows {
            let back = self.at;
            self.at += 2;
            if let Ok(low @ 0xDC00..=0xDFFF) = self.hex_escape(offset, 'u', 4) {
                let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                if let Some(c) = char::from_u32(code) {
                    return Ok(ClassAtom::Char(c));
                }
            }
            self.at = back;
        }
        Ok(ClassAtom::Set(Vec::new()))
    }

    /// A class, the cursor on its `[` at `offset`.
    fn class(&mut self, offset: usize) -> Result<Node, String> {
        self.at += 1;
        // `[]` matches no character, `[^]` any.
        let negated = self.eat('^');
        let mut ranges = Vec::new();
        loop {
            let Some((atom_offset, c)) = self.peek_at() else {
                return Err(format!("class `[` at offset {offset} is not closed"));
            };
            if c == ']' {
                self.at += 1;
                break;
            }
            let first = self.class_atom()?;
            if self.peek() == Some('-') && !matches!(self.peek_second(), Some(']') | None) {
                self.at += 1;
                let second = self.class_atom()?;
                let (ClassAtom::Char(lo), ClassAtom::Char(hi)) = (first, second) else {
                    return Err(format!(
                        "class escape in the range at offset {atom_offset} is not supported"
                    ));
                };
                if lo > hi {
                    return Err(format!(
                        "range `{lo}-{hi}` at offset {atom_offset} is out of order"
                    ));
                }
                ranges.push((u32::from(lo), u32::from(hi)));
            } else {
                match first {
                    ClassAtom::Char(c) => ranges.push((u32::from(c), u32::from(c))),
                    ClassAtom::Set(set) => ranges.extend(set),
                    ClassAtom::Backref(_) => {
                        return Err(format!(
                            "backreference at offset {atom_offset} in a class is not valid"
                        ));
                    }
                }
            }
        }
        Ok(Node::Class {
            negated,
            ranges: normalize(ranges),
        })
    }

    /// One character of a class, or a class escape such as `\d`.
    fn class_atom(&mut self) -> Result<ClassAtom, String> {
        match self.peek_at() {
            Some((offset, '\\')) => self.escape(offset, true),
            Some((_, c)) => {
                self.at += 1;
                Ok(ClassAtom::Char(c))
            }
            None => Err(format!("class at offset {} is not closed", self.len)),
        }
    }
}

/// Sorted, merged ranges.
fn normalize(mut ranges: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    ranges.sort_unstable();
    let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
    for (lo, hi) in ranges {
        match merged.last_mut() {
            Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
            _ => merged.push((lo, hi)),
        }
    }
    merged
}

/// The code points outside `ranges` (sorted and merged).
fn complement(ranges: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut next = 0u32;
    for &(lo, hi) in ranges {
        if lo > next {
            out.push((next, lo - 1));
        }
        next = hi + 1;
    }
    if next <= u32::from(char::MAX) {
        out.push((next, u32::from(char::MAX)));
    }
    out
}

/// `ranges` as character ranges, leaving out the surrogate code points that no `char` has.
fn char_ranges(ranges: &[(u32, u32)]) -> Vec<(char, char)> {
    ranges
        .iter()
        .filter_map(|&(lo, hi)| {
            let lo = if (0xD800..=0xDFFF).contains(&lo) {
                0xE000
            } else {
                lo
            };
            let hi = if (0xD800..=0xDFFF).contains(&hi) {
                0xD7FF
            } else {
                hi
            };
            Some((char::from_u32(lo)?, char::from_u32(hi)?)).filter(|(lo, hi)| lo <= hi)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Code generation.

fn too_long() -> String {
    format!("pattern compiles to more than {MAX_INSTRUCTIONS} instructions, the matchers' limit")
}

fn push(program: &mut Vec<Inst>, inst: Inst) -> Result<usize, String> {
    if program.len() >= MAX_INSTRUCTIONS {
        return Err(too_long());
    }
    program.push(inst);
    Ok(program.len() - 1)
}

/// The program counter `program.len()` as a jump target.
fn here(program: &[Inst]) -> Result<u16, String> {
    u16::try_from(program.len()).map_err(|_| too_long())
}

/// Writes programs: for the automaton, or, for a pattern with back-references, for the
/// backtracking matcher, with captures, ECMA-262's order of preference and its empty-repetition
/// check.
struct Emitter {
    /// Whether the program is for the backtracking matcher.
    backtrack: bool,
    /// The groups a back-reference names, the only ones captured, and their dense numbers.
    referenced: std::collections::BTreeMap<u16, u32>,
    /// The first slot after the groups': a repetition's [`Inst::Mark`] takes `mark_base + depth`.
    mark_base: u32,
    /// How many repetitions enclose the node being emitted.
    depth: u32,
}

/// A slot number as the instructions hold it.
fn slot(n: u32) -> Result<u16, String> {
    u16::try_from(n).map_err(|_| too_long())
}

impl Emitter {
    /// Emits `node`; `backward` when it is (part of) a lookbehind's reversed body, read right
    /// to left, where a group is entered at its end.
    fn emit(&mut self, node: &Node, program: &mut Vec<Inst>, backward: bool) -> Result<(), String> {
        match node {
            Node::Empty => {}
            Node::Char(c) => {
                push(program, Inst::Char(*c))?;
            }
            Node::Class { negated, ranges } => {
                let ranges = char_ranges(ranges);
                let len = u16::try_from(ranges.len()).map_err(|_| too_long())?;
                push(
                    program,
                    Inst::Class {
                        negated: *negated,
                        len,
                    },
                )?;
                for (lo, hi) in ranges {
                    push(program, Inst::Range(lo, hi))?;
                }
            }
            Node::Start => {
                push(program, Inst::AssertStart)?;
            }
            Node::End => {
                push(program, Inst::AssertEnd)?;
            }
            Node::WordBoundary(boundary) => {
                push(program, Inst::WordBoundary(*boundary))?;
            }
            Node::Look {
                behind,
                negated,
                node,
            } => {
                // The sub-program is a program of its own, its targets counted from its start;
                // a lookbehind's is reversed, for the matcher reads it backward.
                let mut sub = Vec::new();
                if *behind {
                    self.emit(&reversed(node), &mut sub, true)?;
                } else {
                    self.emit(node, &mut sub, false)?;
                }
                push(&mut sub, Inst::Match)?;
                if !self.backtrack && sub.len() > MAX_PROGRAM {
                    return Err(format!(
                        "a lookaround compiles to more than {MAX_PROGRAM} instructions, the \
                         automaton's limit for one"
                    ));
                }
                let len = u16::try_from(sub.len()).map_err(|_| too_long())?;
                push(
                    program,
                    Inst::Look {
                        behind: *behind,
                        negated: *negated,
                        len,
                    },
                )?;
                for inst in sub {
                    push(program, inst)?;
                }
            }
            Node::Group { index, node } => {
                let Some(&dense) = self.referenced.get(index) else {
                    // Not named by a back-reference: nothing to capture.
                    return self.emit(node, program, backward);
                };
                let (first, last) = (2 * dense, 2 * dense + 1);
                let (enter, leave) = if backward {
                    (last, first)
                } else {
                    (first, last)
                };
                push(program, Inst::Save(slot(enter)?))?;
                self.emit(node, program, backward)?;
                push(program, Inst::Save(slot(leave)?))?;
            }
            Node::Backref { offset, target } => {
                let Reference::Number(group) = target else {
                    return Err(format!(
                        "backreference at offset {offset} is not resolved to a group"
                    ));
                };
                let dense = u16::try_from(*group)
                    .ok()
                    .and_then(|group| self.referenced.get(&group))
                    .ok_or_else(|| {
                        format!("backreference at offset {offset} names no captured group")
                    })?;
                push(program, Inst::Backref(slot(*dense)?))?;
            }
            Node::Concat(nodes) => {
                for node in nodes {
                    self.emit(node, program, backward)?;
                }
            }
            Node::Alternation(branches) => {
                let mut jumps = Vec::new();
                let last = branches.len().saturating_sub(1);
                for (index, branch) in branches.iter().enumerate() {
                    if index == last {
                        self.emit(branch, program, backward)?;
                    } else {
                        let split = push(program, Inst::Split(0, 0))?;
                        self.emit(branch, program, backward)?;
                        jumps.push(push(program, Inst::Jump(0))?);
                        program[split] = Inst::Split(index_of(split + 1)?, here(program)?);
                    }
                }
                let end = here(program)?;
                for jump in jumps {
                    program[jump] = Inst::Jump(end);
                }
            }
            Node::Repeat {
                node,
                min,
                max,
                lazy,
            } => self.repeat(node, (*min, *max), *lazy, program, backward)?,
        }
        Ok(())
    }

    /// `node` repeated `min..=max` times (`max` `None`: unbounded).
    fn repeat(
        &mut self,
        node: &Node,
        (min, max): (u32, Option<u32>),
        lazy: bool,
        program: &mut Vec<Inst>,
        backward: bool,
    ) -> Result<(), String> {
        // A body that compiles to nothing repeats to nothing.
        let probe = program.len();
        self.depth += 1;
        let emitted = self.emit(node, program, backward);
        self.depth -= 1;
        emitted?;
        if program.len() == probe {
            return Ok(());
        }
        program.truncate(probe);
        // For the backtracking matcher, each repetition starts by forgetting the captures of
        // the groups inside (ECMA-262's RepeatMatcher), and each optional one fails when it
        // matched the empty string, its start recorded in the mark slot of its depth.
        let captures = if self.backtrack {
            groups_in(node, &self.referenced)
                .map(|(first, last)| Ok::<_, String>((slot(2 * first)?, slot(2 * last + 2)?)))
                .transpose()?
        } else {
            None
        };
        let mark = if self.backtrack && max != Some(min) {
            Some(slot(self.mark_base + self.depth)?)
        } else {
            None
        };
        let body = |emitter: &mut Self, program: &mut Vec<Inst>, optional: bool| {
            if let Some((from, to)) = captures {
                push(program, Inst::Reset(from, to))?;
            }
            let mark = mark.filter(|_| optional);
            if let Some(mark) = mark {
                push(program, Inst::Mark(mark))?;
            }
            emitter.depth += 1;
            let emitted = emitter.emit(node, program, backward);
            emitter.depth -= 1;
            emitted?;
            if let Some(mark) = mark {
                push(program, Inst::Progress(mark))?;
            }
            Ok::<_, String>(())
        };
        for _ in 0..min {
            body(self, program, false)?;
        }
        // A split prefers its first target: another repetition, unless the quantifier is lazy.
        let split = |more: u16, done: u16| {
            if lazy {
                Inst::Split(done, more)
            } else {
                Inst::Split(more, done)
            }
        };
        match max {
            None => {
                let at = push(program, Inst::Split(0, 0))?;
                body(self, program, true)?;
                push(program, Inst::Jump(index_of(at)?))?;
                program[at] = split(index_of(at + 1)?, here(program)?);
            }
            Some(max) => {
                let mut splits = Vec::new();
                for _ in min..max {
                    splits.push(push(program, Inst::Split(0, 0))?);
                    body(self, program, true)?;
                }
                let end = here(program)?;
                for at in splits {
                    program[at] = split(index_of(at + 1)?, end);
                }
            }
        }
        Ok(())
    }
}

/// The lowest and highest dense numbers of the `referenced` groups inside `node`, if it has
/// any (the referenced groups of a subtree have consecutive numbers).
fn groups_in(node: &Node, referenced: &std::collections::BTreeMap<u16, u32>) -> Option<(u32, u32)> {
    let merge = |a: Option<(u32, u32)>, b: Option<(u32, u32)>| match (a, b) {
        (Some((lo, hi)), Some((lo2, hi2))) => Some((lo.min(lo2), hi.max(hi2))),
        (a, b) => a.or(b),
    };
    match node {
        Node::Group { index, node } => {
            let own = referenced.get(index).map(|&dense| (dense, dense));
            merge(own, groups_in(node, referenced))
        }
        Node::Look { node, .. } | Node::Repeat { node, .. } => groups_in(node, referenced),
        Node::Concat(nodes) | Node::Alternation(nodes) => nodes
            .iter()
            .map(|node| groups_in(node, referenced))
            .fold(None, merge),
        Node::Empty
        | Node::Char(_)
        | Node::Class { .. }
        | Node::Start
        | Node::End
        | Node::WordBoundary(_)
        | Node::Backref { .. } => None,
    }
}

/// `node` read right to left: what a lookbehind's body is when the matcher reads the string
/// backward. Assertions stay where they are; a lookaround inside keeps its own direction.
fn reversed(node: &Node) -> Node {
    match node {
        Node::Concat(nodes) => Node::Concat(nodes.iter().rev().map(reversed).collect()),
        Node::Alternation(branches) => Node::Alternation(branches.iter().map(reversed).collect()),
        Node::Repeat {
            node,
            min,
            max,
            lazy,
        } => Node::Repeat {
            node: Box::new(reversed(node)),
            min: *min,
            max: *max,
            lazy: *lazy,
        },
        Node::Group { index, node } => Node::Group {
            index: *index,
            node: Box::new(reversed(node)),
        },
        Node::Empty
        | Node::Char(_)
        | Node::Class { .. }
        | Node::Start
        | Node::End
        | Node::WordBoundary(_)
        | Node::Backref { .. }
        | Node::Look { .. } => node.clone(),
    }
}

fn index_of(pc: usize) -> Result<u16, String> {
    u16::try_from(pc).map_err(|_| too_long())
}

// ---------------------------------------------------------------------------------------------
// Literal sets.

/// A token of one way through a pattern without repetition.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Token {
    Start,
    End,
    Char(char),
}

/// The most characters a class may have to be enumerated by [`CompiledPattern::literals`].
const MAX_CLASS_LITERALS: u32 = 16;

/// Every way through `node`, when there are at most [`MAX_LITERALS`].
fn paths(node: &Node) -> Option<Vec<Vec<Token>>> {
    Some(match node {
        Node::Empty => vec![Vec::new()],
        Node::Char(c) => vec![vec![Token::Char(*c)]],
        Node::Start => vec![vec![Token::Start]],
        Node::End => vec![vec![Token::End]],
        Node::Class {
            negated: false,
            ranges,
        } => {
            let count: u32 = ranges.iter().map(|(lo, hi)| hi - lo + 1).sum();
            if count > MAX_CLASS_LITERALS {
                return None;
            }
            char_ranges(ranges)
                .into_iter()
                .flat_map(|(lo, hi)| lo..=hi)
                .map(|c| vec![Token::Char(c)])
                .collect()
        }
        Node::Group { node, .. } => paths(node)?,
        Node::Class { negated: true, .. }
        | Node::WordBoundary(_)
        | Node::Look { .. }
        | Node::Backref { .. } => {
            return None;
        }
        Node::Concat(nodes) => {
            let mut acc = vec![Vec::new()];
            for node in nodes {
                acc = product(&acc, &paths(node)?)?;
            }
            acc
        }
        Node::Alternation(branches) => {
            let mut acc = Vec::new();
            for branch in branches {
                acc.extend(paths(branch)?);
                if acc.len() > MAX_LITERALS {
                    return None;
                }
            }
            acc
        }
        Node::Repeat { node, min, max, .. } => {
            let max = (*max).filter(|&max| max as usize <= MAX_LITERALS)?;
            let body = paths(node)?;
            // Greedy order: the most repetitions first.
            let mut by_count = vec![vec![Vec::new()]];
            for _ in 0..max {
                let more = product(by_count.last()?, &body)?;
                by_count.push(more);
            }
            let mut acc = Vec::new();
            for repeated in by_count.into_iter().skip(*min as usize).rev() {
                acc.extend(repeated);
                if acc.len() > MAX_LITERALS {
                    return None;
                }
            }
            acc
        }
    })
}

fn product(left: &[Vec<Token>], right: &[Vec<Token>]) -> Option<Vec<Vec<Token>>> {
    if left.len().saturating_mul(right.len()) > MAX_LITERALS {
        return None;
    }
    Some(
        left.iter()
            .flat_map(|l| right.iter().map(move |r| [l.as_slice(), r].concat()))
            .collect(),
    )
}

/// What one way through the pattern accepts.
enum PathLanguage {
    /// Exactly this string.
    Exactly(String),
    /// No string: an anchor where it can never hold.
    Nothing,
    /// Infinitely many strings: a side without an anchor.
    Infinite,
}

fn path_language(path: &[Token]) -> PathLanguage {
    let first = path.iter().position(|t| matches!(t, Token::Char(_)));
    let last = path.iter().rposition(|t| matches!(t, Token::Char(_)));
    let (Some(first), Some(last)) = (first, last) else {
        // No character: every anchor holds at one position, both only in the empty string.
        let start = path.contains(&Token::Start);
        let end = path.contains(&Token::End);
        return if start && end {
            PathLanguage::Exactly(String::new())
        } else {
            PathLanguage::Infinite
        };
    };
    // `^` past the first character or `$` before the last can never hold.
    if path[first..].contains(&Token::Start) || path[..=last].contains(&Token::End) {
        return PathLanguage::Nothing;
    }
    if !path[..first].contains(&Token::Start) || !path[last..].contains(&Token::End) {
        return PathLanguage::Infinite;
    }
    PathLanguage::Exactly(
        path.iter()
            .filter_map(|t| match t {
                Token::Char(c) => Some(*c),
                Token::Start | Token::End => None,
            })
            .collect(),
    )
}

fn literals_of(node: &Node) -> Option<Vec<String>> {
    let mut literals: Vec<String> = Vec::new();
    for path in paths(node)? {
        match path_language(&path) {
            PathLanguage::Exactly(literal) => {
                if !literals.contains(&literal) {
                    literals.push(literal);
                }
            }
            PathLanguage::Nothing => {}
            PathLanguage::Infinite => return None,
        }
    }
    (!literals.is_empty()).then_some(literals)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::{Inst, MAX_PROGRAM, compile};

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
            '\\', '(', ')', '[', ']', '{', '}', '?', '*', '+', '|', '^', '$', '<', '>', '=', '!',
            ':', '-', ',', '.', 'p', 'P', 'k', 'u', 'c', 'b', 'B', 'd', 'x', '0', '1', '2', 'D',
            'L', 'a', 'é', '😀',
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
        assert!(!large.backtracks() && large.regular_tokens().is_none());
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
            Some(
                "a lookaround compiles to more than 4096 instructions, the automaton's limit for one"
            )
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
        let tokens = program.program_tokens().to_string();
        assert!(tokens.starts_with("& [crate :: support :: pattern :: Inst :: AssertStart"));
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
}
