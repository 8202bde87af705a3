//! The parser: ECMA-262 pattern syntax, read with the `u` flag, into the tree of `tree.rs`.
//! Every construct outside the supported subset is refused here, with its byte offset.

use std::collections::BTreeMap;

use super::tree::{Node, Reference};

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
/// back-references longer than the const automaton's [`MAX_PROGRAM`](super::MAX_PROGRAM) runs
/// on the automaton with its state on the heap (the runtime's `pattern::is_match_large`).
pub const MAX_INSTRUCTIONS: usize = u16::MAX as usize;

/// A parsed pattern and what the parser learned of its groups.
pub(super) struct Parsed {
    /// The tree, back-references not yet resolved.
    pub(super) node: Node,
    /// The named groups and their numbers.
    pub(super) names: BTreeMap<String, u16>,
    /// How many capturing groups the pattern has.
    pub(super) groups: u16,
    /// Whether the pattern has a back-reference.
    pub(super) backrefs: bool,
}

/// Parses `pattern` into its tree.
///
/// # Errors
/// A construct outside the supported subset or invalid with the `u` flag, named with its byte
/// offset.
pub(super) fn parse(pattern: &str) -> Result<Parsed, String> {
    let mut parser = Parser {
        chars: pattern.char_indices().collect(),
        at: 0,
        len: pattern.len(),
        depth: 0,
        names: BTreeMap::new(),
        groups: 0,
        backrefs: false,
    };
    let node = parser.disjunction()?;
    if let Some((offset, c)) = parser.peek_at() {
        // `disjunction` stops only at the end or at a `)`.
        return Err(format!("unmatched `{c}` at offset {offset}"));
    }
    Ok(Parsed {
        node,
        names: parser.names,
        groups: parser.groups,
        backrefs: parser.backrefs,
    })
}

struct Parser {
    chars: Vec<(usize, char)>,
    at: usize,
    /// The pattern's length in bytes: the offset of its end.
    len: usize,
    /// How many groups enclose the cursor.
    depth: usize,
    /// The named groups so far, and their numbers.
    names: BTreeMap<String, u16>,
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
pub(super) fn char_ranges(ranges: &[(u32, u32)]) -> Vec<(char, char)> {
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
