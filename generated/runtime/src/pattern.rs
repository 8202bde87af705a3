//! A tiny `const fn` matcher for the JSON Schema `pattern`s of the spec, and (in [`backtrack`])
//! a backtracking one for the patterns with back-references, which no automaton can run.
//!
//! The generator (`stitch-codegen`) parses each ECMA-262 pattern into a program of [`Inst`]s and
//! [`is_match`] runs it, so that no regex engine is needed and pattern newtypes can be checked in
//! const context. A pattern is searched for anywhere in the string unless it is anchored, as JSON
//! Schema requires.
//!
//! [`is_match`] simulates the program's automaton over all threads at once (a Pike VM without
//! captures): every position of the string is read once, and each step visits each instruction at
//! most once, so a call costs at most `O(s.len() × program.len())` instruction visits, with no
//! backtracking and no allocation. Its state lives on the stack, sized to the program, so
//! [`is_match`] takes programs of at most [`MAX_PROGRAM`] instructions; [`is_match_large`] runs
//! the same automaton with its state allocated, for longer programs, at run time only.
//!
//! Lookarounds are sub-programs run from the position where the thread stands: a lookahead
//! forward, a lookbehind (compiled reversed by the generator) backward, each anchored there. A
//! lookaround evaluated at every position costs `O(s.len())` more each time, so a pattern with
//! lookarounds costs up to `O(s.len()^(d+1) × program.len())` for lookarounds nested `d` deep
//! (an unanchored `(?=.*x)` is quadratic in the string).

pub mod backtrack;

/// The most instructions a program of [`is_match`] (and a lookaround's body) may have; it
/// rejects every string for a longer one. [`is_match_large`] takes longer programs.
pub const MAX_PROGRAM: usize = 4096;

/// Words of the per-step set of visited instructions.
const WORDS: usize = MAX_PROGRAM / 64;

/// One instruction of a pattern program.
///
/// Jump targets are indices into the program. Characters are compared as Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inst {
    /// Consumes this exact character.
    Char(char),
    /// Consumes one character that lies in one of the `len` [`Inst::Range`]s that follow, or, when
    /// `negated`, in none of them; the thread then goes on after those ranges.
    Class {
        /// Whether the class matches the characters outside its ranges.
        negated: bool,
        /// How many [`Inst::Range`]s follow.
        len: u16,
    },
    /// An inclusive range of characters of the [`Inst::Class`] before it; never executed itself.
    Range(char, char),
    /// Continues at both targets.
    Split(u16, u16),
    /// Continues at the target.
    Jump(u16),
    /// Holds at the start of the string (`^`).
    AssertStart,
    /// Holds at the end of the string (`$`).
    AssertEnd,
    /// Holds where exactly one of the characters on either side is an ECMA-262 word character
    /// (`[A-Za-z0-9_]`): `\b`; or, when false, where that is not so: `\B`.
    WordBoundary(bool),
    /// Holds where the sub-program of the `len` instructions that follow matches (or, when
    /// `negated`, does not), anchored at this position and read forward, or backward when
    /// `behind`; the thread then goes on after the sub-program. The sub-program is a program
    /// of its own: its jump targets count from its first instruction, and it ends with
    /// [`Inst::Match`]. A lookbehind's sub-program is compiled reversed.
    Look {
        /// Whether the sub-program is read backward from the position (a lookbehind).
        behind: bool,
        /// Whether the assertion holds where the sub-program does not match.
        negated: bool,
        /// How many instructions the sub-program has.
        len: u16,
    },
    /// Records the position in slot `n`: the start (slot `2k`) or end (slot `2k + 1`) of the
    /// `k`-th group a back-reference names (counting from 0, in the pattern's order).
    /// Only in programs for [`backtrack`]; the automaton passes over it.
    Save(u16),
    /// Consumes the text the `k`-th captured group (see [`Inst::Save`]) captured (nothing when it captured nothing). Only in
    /// programs for [`backtrack`]; the automaton never passes it.
    Backref(u16),
    /// Forgets the slots `from..to`: the captures of a repeated group, at each repetition.
    /// Only in programs for [`backtrack`]; the automaton passes over it.
    Reset(u16, u16),
    /// Records the position in slot `n`, where an optional repetition starts. Only in programs
    /// for [`backtrack`]; the automaton passes over it.
    Mark(u16),
    /// Holds unless the position is the one [`Inst::Mark`] recorded in slot `n`: an optional
    /// repetition that matched the empty string fails, as ECMA-262 says. Only in programs for
    /// [`backtrack`]; the automaton passes over it.
    Progress(u16),
    /// The pattern has matched.
    Match,
}

/// Where a thread stands: the whole string's bytes and a byte offset on a character boundary.
#[derive(Clone, Copy)]
struct Position<'s> {
    bytes: &'s [u8],
    at: usize,
}

impl Position<'_> {
    /// Whether the character ending here (`before`) or starting here is a word character.
    /// Word characters are ASCII, so one byte tells: a byte of a multi-byte character is >= 0x80.
    #[inline]
    const fn word_char(&self, before: bool) -> bool {
        let byte = if before {
            if self.at == 0 {
                return false;
            }
            self.bytes[self.at - 1]
        } else {
            if self.at >= self.bytes.len() {
                return false;
            }
            self.bytes[self.at]
        };
        byte.is_ascii_alphanumeric() || byte == b'_'
    }
}

/// The threads of one step: the consuming instructions reached, and every instruction visited.
/// `pcs` has room for one entry per instruction, `seen` one bit per instruction.
struct Threads<'m> {
    /// Program counters of the [`Inst::Char`] and [`Inst::Class`] instructions reached.
    pcs: &'m mut [u16],
    /// How many of `pcs` are in use.
    len: usize,
    /// One bit per instruction visited in this step.
    seen: &'m mut [u64],
}

impl<'m> Threads<'m> {
    /// No threads, in the given (zeroed) storage.
    #[inline]
    const fn new(pcs: &'m mut [u16], seen: &'m mut [u64]) -> Self {
        Self { pcs, len: 0, seen }
    }

    /// Forgets every thread; `words` covers the program.
    #[inline]
    const fn clear(&mut self, words: usize) {
        self.len = 0;
        let mut word = 0;
        while word < words {
            self.seen[word] = 0;
            word += 1;
        }
    }

    /// Marks `pc` as visited; false when it already was, or lies outside the program.
    #[inline]
    const fn mark(&mut self, pc: usize, program_len: usize) -> bool {
        if pc >= program_len {
            return false;
        }
        let bit = 1u64 << (pc % 64);
        if self.seen[pc / 64] & bit != 0 {
            return false;
        }
        self.seen[pc / 64] |= bit;
        true
    }

    /// Adds the thread at `pc` and everything it reaches without consuming a character, at
    /// `position`. True when it reaches [`Inst::Match`].
    #[inline]
    const fn add(
        &mut self,
        program: &[Inst],
        stack: &mut [u16],
        pc: usize,
        position: Position<'_>,
    ) -> bool {
        let program_len = program.len();
        if !self.mark(pc, program_len) {
            return false;
        }
        // Instructions are marked when pushed, so each is pushed at most once per step.
        stack[0] = pc as u16;
        let mut top = 1;
        while top > 0 {
            top -= 1;
            let pc = stack[top] as usize;
            let mut targets = [usize::MAX; 2];
            match program[pc] {
                Inst::Char(_) | Inst::Class { .. } => {
                    self.pcs[self.len] = pc as u16;
                    self.len += 1;
                }
                Inst::Range(..) | Inst::Backref(_) => {}
                Inst::Save(_) | Inst::Reset(..) | Inst::Mark(_) | Inst::Progress(_) => {
                    targets[0] = pc + 1;
                }
                Inst::Split(first, second) => {
                    targets = [second as usize, first as usize];
                }
                Inst::Jump(target) => targets[0] = target as usize,
                Inst::AssertStart => {
                    if position.at == 0 {
                        targets[0] = pc + 1;
                    }
                }
                Inst::AssertEnd => {
                    if position.at == position.bytes.len() {
                        targets[0] = pc + 1;
                    }
                }
                Inst::WordBoundary(boundary) => {
                    if (position.word_char(true) != position.word_char(false)) == boundary {
                        targets[0] = pc + 1;
                    }
                }
                Inst::Look {
                    behind,
                    negated,
                    len,
                } => {
                    let end = pc + 1 + len as usize;
                    if end <= program_len {
                        let (_, rest) = program.split_at(pc + 1);
                        let (sub, _) = rest.split_at(len as usize);
                        if matches_at(sub, position, behind) != negated {
                            targets[0] = end;
                        }
                    }
                }
                Inst::Match => return true,
            }
            let mut k = 0;
            while k < 2 {
                if self.mark(targets[k], program_len) {
                    stack[top] = targets[k] as u16;
                    top += 1;
                }
                k += 1;
            }
        }
        false
    }
}

/// Whether `c` lies in one of the `len` ranges starting at `start`, which are sorted and
/// disjoint: a few are scanned, many (a Unicode property's hundreds) searched by halves.
#[inline]
const fn in_ranges(program: &[Inst], start: usize, len: usize, c: char) -> bool {
    let end = if start + len < program.len() {
        start + len
    } else {
        program.len()
    };
    if len <= 8 {
        let mut i = start;
        while i < end {
            if let Inst::Range(lo, hi) = program[i]
                && lo <= c
                && c <= hi
            {
                return true;
            }
            i += 1;
        }
        return false;
    }
    // The first range whose end is at or past `c` holds it, if any does.
    let (mut low, mut high) = (start, end);
    while low < high {
        let mid = low + (high - low) / 2;
        match program[mid] {
            Inst::Range(_, hi) if hi < c => low = mid + 1,
            _ => high = mid,
        }
    }
    low < end && matches!(program[low], Inst::Range(lo, _) if lo <= c)
}

/// Moves every thread of `current` over `c` into `next`, which stands at `position`. True
/// when a thread reaches [`Inst::Match`].
#[inline]
const fn step(
    program: &[Inst],
    current: &Threads<'_>,
    next: &mut Threads<'_>,
    stack: &mut [u16],
    c: char,
    position: Position<'_>,
) -> bool {
    let mut i = 0;
    while i < current.len {
        let pc = current.pcs[i] as usize;
        let target = match program[pc] {
            Inst::Char(expected) if expected == c => pc + 1,
            Inst::Class { negated, len }
                if in_ranges(program, pc + 1, len as usize, c) != negated =>
            {
                pc + 1 + len as usize
            }
            _ => usize::MAX,
        };
        if target != usize::MAX && next.add(program, stack, target, position) {
            return true;
        }
        i += 1;
    }
    false
}

/// Decodes the character starting at byte `i` of `bytes`, which is valid UTF-8, and its width.
#[inline]
const fn decode(bytes: &[u8], i: usize) -> (char, usize) {
    let first = bytes[i] as u32;
    let (mut code, width) = if first < 0x80 {
        (first, 1)
    } else if first < 0xE0 {
        (first & 0x1F, 2)
    } else if first < 0xF0 {
        (first & 0x0F, 3)
    } else {
        (first & 0x07, 4)
    };
    let mut k = 1;
    while k < width && i + k < bytes.len() {
        code = (code << 6) | (bytes[i + k] as u32 & 0x3F);
        k += 1;
    }
    match char::from_u32(code) {
        Some(c) => (c, width),
        None => (char::REPLACEMENT_CHARACTER, width),
    }
}

/// Decodes the character ending at byte `i` (> 0) of `bytes`, which is valid UTF-8, and its
/// width.
#[inline]
const fn decode_before(bytes: &[u8], i: usize) -> (char, usize) {
    let mut start = i - 1;
    while start > 0 && bytes[start] & 0xC0 == 0x80 {
        start -= 1;
    }
    decode(bytes, start)
}

/// Whether `program` matches somewhere in `s` (anchors permitting).
///
/// Runs in `O(s.len() × program.len())` steps without lookarounds (see the module docs for
/// those). A program longer than [`MAX_PROGRAM`], or an
/// empty one, matches nothing. The matcher's state is sized to the program (small programs
/// need a few hundred bytes of stack, not the maximum's 25 KB).
#[must_use]
#[inline]
pub const fn is_match(program: &[Inst], s: &str) -> bool {
    let start = Position {
        bytes: s.as_bytes(),
        at: 0,
    };
    dispatch(program, start, Run::Search)
}

/// Whether `program` has an assertion that looks at the characters around it.
#[inline]
const fn depends_on_context(program: &[Inst]) -> bool {
    let mut pc = 0;
    while pc < program.len() {
        if let Inst::WordBoundary(_) | Inst::Look { .. } = program[pc] {
            return true;
        }
        pc += 1;
    }
    false
}

/// How a program is run.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Run {
    /// Forward from the start, a match may begin at every position: the whole pattern.
    Search,
    /// Forward, a match must begin where the run starts: a lookahead.
    Ahead,
    /// Backward, a match must begin (at its right end) where the run starts: a lookbehind.
    Behind,
}

/// Whether the lookaround sub-program `program` matches anchored at `position`.
#[inline]
const fn matches_at(program: &[Inst], position: Position<'_>, behind: bool) -> bool {
    let run = if behind { Run::Behind } else { Run::Ahead };
    dispatch(program, position, run)
}

/// Runs `program` with state sized to it (small programs need a few hundred bytes of stack,
/// not the maximum's 25 KB). A program longer than [`MAX_PROGRAM`], or an empty one, matches
/// nothing.
#[inline]
const fn dispatch(program: &[Inst], start: Position<'_>, how: Run) -> bool {
    let program_len = program.len();
    if program_len == 0 || program_len > MAX_PROGRAM {
        false
    } else if program_len <= 64 {
        run_sized::<64, 1>(program, start, how)
    } else if program_len <= 512 {
        run_sized::<512, 8>(program, start, how)
    } else {
        run_sized::<MAX_PROGRAM, WORDS>(program, start, how)
    }
}

/// [`dispatch`] for programs of at most `N` instructions, its state on the stack; `W` is
/// `N / 64`.
#[inline]
const fn run_sized<const N: usize, const W: usize>(
    program: &[Inst],
    start: Position<'_>,
    how: Run,
) -> bool {
    let (mut pcs_a, mut pcs_b, mut stack) = ([0u16; N], [0u16; N], [0u16; N]);
    let (mut seen_a, mut seen_b) = ([0u64; W], [0u64; W]);
    let threads = (
        Threads::new(&mut pcs_a, &mut seen_a),
        Threads::new(&mut pcs_b, &mut seen_b),
    );
    run(program, start, how, threads, &mut stack)
}

/// Whether `program` matches somewhere in `s`, like [`is_match`], for a program of any length
/// (up to 65,535 instructions): the automaton's state is allocated for it, so this is not a
/// `const fn`. Its lookarounds run as in [`is_match`], each at most [`MAX_PROGRAM`]
/// instructions.
#[must_use]
#[inline]
pub fn is_match_large(program: &[Inst], s: &str) -> bool {
    let (len, words) = (program.len(), program.len().div_ceil(64));
    if len == 0 || len > usize::from(u16::MAX) {
        return false;
    }
    let (mut pcs_a, mut pcs_b, mut stack) = (vec![0u16; len], vec![0u16; len], vec![0u16; len]);
    let (mut seen_a, mut seen_b) = (vec![0u64; words], vec![0u64; words]);
    let threads = (
        Threads::new(&mut pcs_a, &mut seen_a),
        Threads::new(&mut pcs_b, &mut seen_b),
    );
    let start = Position {
        bytes: s.as_bytes(),
        at: 0,
    };
    run(program, start, Run::Search, threads, &mut stack)
}

/// Runs `program` from `start` with the given state: two sets of threads and a work stack,
/// each with room for the whole program.
#[inline]
const fn run(
    program: &[Inst],
    start: Position<'_>,
    how: Run,
    threads: (Threads<'_>, Threads<'_>),
    stack: &mut [u16],
) -> bool {
    let program_len = program.len();
    let words = program_len.div_ceil(64);
    let bytes = start.bytes;
    let end = bytes.len();
    let (mut a, mut b) = threads;
    // Whether a match starting inside the string (neither at its start nor at its end) can get
    // anywhere: if not, once no thread is left the rest of the string need not be read. An
    // anchored run starts only once.
    let restarts = match how {
        Run::Search => {
            // A `\b` or a lookaround may hold at some inner position and not at another.
            depends_on_context(program) || {
                let inner = Position {
                    bytes: &[0, 0],
                    at: 1,
                };
                let matched = a.add(program, stack, 0, inner);
                let restarts = matched || a.len > 0;
                a.clear(words);
                restarts
            }
        }
        Run::Ahead | Run::Behind => false,
    };
    let mut pos = start.at;
    let mut a_is_current = true;
    let mut first = true;
    loop {
        let at_start = pos == 0;
        let at_end = match how {
            Run::Behind => pos == 0,
            Run::Search | Run::Ahead => pos == end,
        };
        let (current, next) = if a_is_current {
            (&mut a, &mut b)
        } else {
            (&mut b, &mut a)
        };
        let here = Position { bytes, at: pos };
        match how {
            Run::Search => {
                if !at_start && !at_end && !restarts && current.len == 0 {
                    // Nothing alive and nothing can start before the end: skip to the end, with
                    // the marks of this step forgotten (the threads at the end are new ones).
                    current.clear(words);
                    pos = end;
                    continue;
                }
                // A match may start at every position.
                if current.add(program, stack, 0, here) {
                    return true;
                }
            }
            Run::Ahead | Run::Behind => {
                if first && current.add(program, stack, 0, here) {
                    return true;
                }
                if current.len == 0 {
                    return false;
                }
            }
        }
        first = false;
        if at_end {
            return false;
        }
        let (c, width) = match how {
            Run::Behind => decode_before(bytes, pos),
            Run::Search | Run::Ahead => decode(bytes, pos),
        };
        pos = match how {
            Run::Behind => pos - width,
            Run::Search | Run::Ahead => pos + width,
        };
        next.clear(words);
        if step(
            program,
            current,
            next,
            stack,
            c,
            Position { bytes, at: pos },
        ) {
            return true;
        }
        a_is_current = !a_is_current;
    }
}

/// One character position of a [`Shape`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    /// This exact character.
    Char(char),
    /// These exact characters, in a row (consecutive [`Item::Char`]s, merged by the
    /// generator; only in a prefix).
    Literal(&'static str),
    /// A character in one of the inclusive ranges (or, when `negated`, in none).
    Class {
        /// Whether the class matches the characters outside its ranges.
        negated: bool,
        /// Sorted, disjoint inclusive ranges.
        ranges: &'static [(char, char)],
        /// Bit `c` is set when the class accepts the ASCII character `c` (negation applied):
        /// ASCII, the common case, takes one test.
        ascii: u128,
    },
}

impl Item {
    /// Whether the item is the class of the ASCII digits (`\d`, `[0-9]`).
    #[inline]
    pub fn is_ascii_digit_class(&self) -> bool {
        matches!(
            self,
            Item::Class {
                negated: false,
                ranges: [('0', '9')],
                ..
            }
        )
    }

    /// Bit `c` is set when the item accepts the ASCII character `c`.
    #[inline]
    const fn ascii(&self) -> u128 {
        match *self {
            Item::Char(c) if (c as u32) < 128 => 1 << (c as u32),
            Item::Char(_) | Item::Literal(_) => 0,
            Item::Class { ascii, .. } => ascii,
        }
    }

    #[inline]
    const fn accepts(&self, c: char) -> bool {
        match *self {
            Item::Char(expected) => expected == c,
            // A literal stands for several characters; it never matches one alone.
            Item::Literal(_) => false,
            Item::Class { ascii, .. } if (c as u32) < 128 => ascii & (1 << (c as u32)) != 0,
            Item::Class {
                negated, ranges, ..
            } => {
                // Sorted and disjoint: the first range ending at or past `c` holds it, if any.
                let (mut low, mut high) = (0, ranges.len());
                while low < high {
                    let mid = low + (high - low) / 2;
                    if ranges[mid].1 < c {
                        low = mid + 1;
                    } else {
                        high = mid;
                    }
                }
                let inside = low < ranges.len() && ranges[low].0 <= c;
                inside != negated
            }
        }
    }
}

/// An anchored pattern of a simple shape, matched in one pass without threads: `^`, a fixed
/// sequence of characters and classes, then optionally one class repeated at least `min` times,
/// then optionally `$`. The generator recognizes it (`^\d+$`, `^\d{4}-\d{2}-…Z$`,
/// `^prefix-.*$`, `^\d+`). Build it with [`Shape::new`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    /// The characters the string starts with, one item each.
    pub prefix: &'static [Item],
    /// A repeated item after the prefix, and its minimum count.
    pub tail: Option<(Item, u32)>,
    /// Whether the match must reach the end of the string (`$`).
    pub end: bool,
    /// The prefix as byte ranges, when it allows it: checked eight bytes at a time.
    words: Words,
    /// The ASCII bytes the tail refuses, when it accepts all others and they are few: an
    /// all-ASCII stretch of the tail is then checked eight bytes at a time.
    refused: Refused,
    /// With `$`, a tail of one ASCII range (`\d`, `[a-z]`): `(lo, hi - lo)`. Every byte after
    /// the prefix must then lie in `lo..=hi`, checked without decoding.
    range: Option<(u8, u8)>,
}

/// At most [`REFUSED_MAX`] ASCII bytes; `count == 0` when the tail is not of this form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Refused {
    /// How many of `bytes` are in use.
    count: usize,
    /// Each refused byte, repeated in all eight bytes of a word.
    bytes: [u64; REFUSED_MAX],
}

/// The most bytes a [`Refused`] set holds.
const REFUSED_MAX: usize = 4;

/// The lowest bit of each byte.
const LOW: u64 = 0x0101_0101_0101_0101;

impl Refused {
    /// The ASCII bytes `item` refuses, if they are at most [`REFUSED_MAX`] (and at least one).
    #[inline]
    const fn of(item: Item) -> Refused {
        let accepted = item.ascii();
        let mut refused = Refused {
            count: 0,
            bytes: [0; REFUSED_MAX],
        };
        let mut c = 0;
        while c < 128 {
            if accepted & (1 << c) == 0 {
                if refused.count == REFUSED_MAX {
                    return Refused {
                        count: 0,
                        bytes: [0; REFUSED_MAX],
                    };
                }
                refused.bytes[refused.count] = LOW * c as u64;
                refused.count += 1;
            }
            c += 1;
        }
        refused
    }

    /// Whether the word, all ASCII, holds a refused byte: a byte of `word ^ refused` is zero
    /// (`(x - LOW) & !x & HIGH` is non-zero exactly when some byte of `x` is).
    #[inline(always)]
    const fn any_in(&self, word: u64) -> bool {
        let mut i = 0;
        while i < self.count {
            let x = word ^ self.bytes[i];
            if x.wrapping_sub(LOW) & !x & HIGH != 0 {
                return true;
            }
            i += 1;
        }
        false
    }
}

/// A prefix of 8 to 32 bytes in which each byte is one ASCII character or one ASCII range
/// (`\d`, `-`, `T00:00:00Z`), as per-byte lower and upper bounds, eight bytes a word. The last
/// word ends at the prefix's end (overlapping the one before it when the length is not a
/// multiple of eight).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Words {
    /// How many bytes the prefix has; 0 when it is not of this form.
    len: usize,
    /// The lower bounds.
    lo: [u64; WORDS_MAX],
    /// The upper bounds.
    hi: [u64; WORDS_MAX],
}

/// The most words of a [`Words`] prefix.
const WORDS_MAX: usize = 4;

/// The high bit of each byte.
const HIGH: u64 = 0x8080_8080_8080_8080;

impl Words {
    /// The words of `prefix`, or `len == 0` when it is not of this form.
    #[inline]
    const fn of(prefix: &[Item]) -> Words {
        let none = Words {
            len: 0,
            lo: [0; WORDS_MAX],
            hi: [0; WORDS_MAX],
        };
        let mut lo = [0u8; WORDS_MAX * 8];
        let mut hi = [0u8; WORDS_MAX * 8];
        let mut len = 0;
        let mut i = 0;
        while i < prefix.len() {
            match prefix[i] {
                Item::Char(c) if (c as u32) < 0x80 && len < WORDS_MAX * 8 => {
                    lo[len] = c as u8;
                    hi[len] = c as u8;
                    len += 1;
                }
                Item::Literal(text) => {
                    let bytes = text.as_bytes();
                    let mut k = 0;
                    while k < bytes.len() {
                        if bytes[k] >= 0x80 || len >= WORDS_MAX * 8 {
                            return none;
                        }
                        lo[len] = bytes[k];
                        hi[len] = bytes[k];
                        len += 1;
                        k += 1;
                    }
                }
                Item::Class {
                    negated: false,
                    ranges: &[(first, last)],
                    ..
                } if (last as u32) < 0x80 && len < WORDS_MAX * 8 => {
                    lo[len] = first as u8;
                    hi[len] = last as u8;
                    len += 1;
                }
                _ => return none,
            }
            i += 1;
        }
        if len < 8 {
            return none;
        }
        let mut words = Words {
            len,
            lo: [0; WORDS_MAX],
            hi: [0; WORDS_MAX],
        };
        let mut w = 0;
        while w * 8 < len {
            let start = Words::start(w, len);
            let mut k = 0;
            while k < 8 {
                words.lo[w] |= (lo[start + k] as u64) << (8 * k);
                words.hi[w] |= (hi[start + k] as u64) << (8 * k);
                k += 1;
            }
            w += 1;
        }
        words
    }

    /// Where word `w` starts in a prefix of `len >= 8` bytes.
    #[inline]
    const fn start(w: usize, len: usize) -> usize {
        if w * 8 + 8 <= len { w * 8 } else { len - 8 }
    }

    /// Whether `bytes` (at least `len` long) starts with the prefix. A byte `b` of ASCII lies in
    /// `lo..=hi` exactly when `(b | 0x80) - lo` and `(hi | 0x80) - b` both keep their high bit;
    /// neither subtraction borrows across bytes, since every operand byte is below 0x80.
    /// The words' verdicts are gathered and tested once.
    #[inline(always)]
    const fn matches(&self, bytes: &[u8]) -> bool {
        if bytes.len() < self.len {
            return false;
        }
        let mut outside = 0;
        let mut w = 0;
        while w * 8 < self.len {
            let (_, rest) = bytes.split_at(Words::start(w, self.len));
            let Some(chunk) = rest.first_chunk::<8>() else {
                return false;
            };
            let word = u64::from_le_bytes(*chunk);
            let in_range =
                ((word | HIGH).wrapping_sub(self.lo[w])) & ((self.hi[w] | HIGH).wrapping_sub(word));
            // A byte not ASCII, or outside its range.
            outside |= (word | !in_range) & HIGH;
            w += 1;
        }
        outside == 0
    }
}

impl Shape {
    /// The shape of these parts.
    #[inline]
    pub const fn new(prefix: &'static [Item], tail: Option<(Item, u32)>, end: bool) -> Shape {
        let refused = match tail {
            Some((item, _)) if end => Refused::of(item),
            _ => Refused {
                count: 0,
                bytes: [0; REFUSED_MAX],
            },
        };
        let range = match tail {
            Some((
                Item::Class {
                    negated: false,
                    ranges: &[(lo, hi)],
                    ..
                },
                _,
            )) if end && (hi as u32) < 0x80 && lo <= hi => Some((lo as u8, hi as u8 - lo as u8)),
            _ => None,
        };
        Shape {
            prefix,
            tail,
            end,
            words: Words::of(prefix),
            refused,
            range,
        }
    }

    /// Whether `s` matches. Inlined: with a constant shape, the compiler unrolls the checks.
    #[inline(always)]
    pub const fn matches(&self, s: &str) -> bool {
        let bytes = s.as_bytes();
        let mut pos = 0;
        if self.words.len > 0 {
            if bytes.len() < self.words.len || !self.words.matches(bytes) {
                return false;
            }
            pos = self.words.len;
        } else {
            let mut i = 0;
            while i < self.prefix.len() {
                if let Item::Literal(literal) = self.prefix[i] {
                    let literal = literal.as_bytes();
                    if bytes.len() - pos < literal.len() {
                        return false;
                    }
                    let mut k = 0;
                    while k < literal.len() {
                        if bytes[pos + k] != literal[k] {
                            return false;
                        }
                        k += 1;
                    }
                    pos += literal.len();
                    i += 1;
                    continue;
                }
                if pos >= bytes.len() {
                    return false;
                }
                let (c, width) = next_char(bytes, pos);
                if !self.prefix[i].accepts(c) {
                    return false;
                }
                pos += width;
                i += 1;
            }
        }
        match (self.tail, self.range) {
            (None, _) => !self.end || pos == bytes.len(),
            (Some((_, min)), Some((lo, span))) => {
                // Each character is one byte: a byte outside the (ASCII) range, a part of a
                // longer character too, refuses.
                let (_, rest) = bytes.split_at(pos);
                rest.len() >= min as usize && all_in_range(rest, lo, span)
            }
            (Some((item, min)), None) => {
                // Without `$`, only the first `min` characters after the prefix matter.
                let wanted = if self.end { usize::MAX } else { min as usize };
                let ascii = item.ascii();
                let (low, high) = (ascii as u64, (ascii >> 64) as u64);
                let mut count: usize = 0;
                if self.refused.count > 0 {
                    // Up to `$`: whole words of ASCII at once.
                    while let Some(chunk) = bytes.split_at(pos).1.first_chunk::<8>() {
                        let word = u64::from_le_bytes(*chunk);
                        if word & HIGH != 0 {
                            break;
                        }
                        if self.refused.any_in(word) {
                            return false;
                        }
                        pos += 8;
                        count += 8;
                    }
                }
                while count < wanted && pos < bytes.len() {
                    let byte = bytes[pos];
                    let accepted = if byte < 0x80 {
                        pos += 1;
                        let half = if byte < 64 { low } else { high };
                        (half >> (byte & 63)) & 1 != 0
                    } else {
                        let (c, width) = decode(bytes, pos);
                        pos += width;
                        item.accepts(c)
                    };
                    if !accepted {
                        return false;
                    }
                    count += 1;
                }
                count >= min as usize
            }
        }
    }
}

/// Whether every byte of `bytes` lies in `lo..=lo + span` (an ASCII range): eight bytes at a
/// time, the last word overlapping the one before; four to seven bytes as one word of two
/// overlapping halves; fewer one by one.
#[inline(always)]
const fn all_in_range(bytes: &[u8], lo: u8, span: u8) -> bool {
    #[inline]
    const fn word_in(word: u64, lo: u8, span: u8) -> bool {
        let inside = ((word | HIGH).wrapping_sub(LOW * lo as u64))
            & (((LOW * (lo + span) as u64) | HIGH).wrapping_sub(word));
        word & HIGH == 0 && inside & HIGH == HIGH
    }
    #[inline]
    const fn read<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
        match bytes.split_at(at).1.first_chunk::<N>() {
            Some(chunk) => *chunk,
            // Not reached: callers read within `bytes`. A high byte refuses.
            None => [0x80; N],
        }
    }
    let len = bytes.len();
    if len >= 8 {
        let mut at = 0;
        loop {
            let start = if at + 8 > len { len - 8 } else { at };
            if !word_in(u64::from_le_bytes(read::<8>(bytes, start)), lo, span) {
                return false;
            }
            if start + 8 == len {
                return true;
            }
            at += 8;
        }
    }
    if len >= 4 {
        let first = u32::from_le_bytes(read::<4>(bytes, 0)) as u64;
        let last = u32::from_le_bytes(read::<4>(bytes, len - 4)) as u64;
        return word_in(first | (last << 32), lo, span);
    }
    let mut i = 0;
    while i < len {
        if bytes[i].wrapping_sub(lo) > span {
            return false;
        }
        i += 1;
    }
    true
}

/// The character at byte `i` and its width, with a fast path for ASCII.
#[inline]
const fn next_char(bytes: &[u8], i: usize) -> (char, usize) {
    if bytes[i] < 0x80 {
        (bytes[i] as char, 1)
    } else {
        decode(bytes, i)
    }
}

/// How a pattern without back-references is matched: the fastest of a set of literals, a set
/// of affixes, a [`Shape`], or the general program. The generator picks the matcher; all of
/// them agree with the program. Runs in const context.
// Matchers are static data, matched by reference: the size of the shape costs no copying.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Regular {
    /// The pattern accepts exactly these strings.
    Literals(&'static [&'static str]),
    /// The pattern accepts the strings that hold one of these literals where its anchors say
    /// (`^(true|false)`: starting with one of them).
    Affixes(&'static [(&'static str, Affix)]),
    /// The pattern has a simple anchored shape.
    Shape(Shape),
    /// Anything else: the program, run by [`is_match`].
    Program(&'static [Inst]),
}

impl Regular {
    /// Whether `s` matches.
    #[inline(always)]
    pub const fn matches(&self, s: &str) -> bool {
        match *self {
            Regular::Literals(literals) => {
                let mut i = 0;
                while i < literals.len() {
                    if str_eq(literals[i], s) {
                        return true;
                    }
                    i += 1;
                }
                false
            }
            Regular::Affixes(affixes) => {
                let mut i = 0;
                while i < affixes.len() {
                    let (literal, affix) = affixes[i];
                    if affix.holds(literal.as_bytes(), s.as_bytes()) {
                        return true;
                    }
                    i += 1;
                }
                false
            }
            Regular::Shape(ref shape) => shape.matches(s),
            Regular::Program(program) => is_match(program, s),
        }
    }
}

/// Where a literal of [`Regular::Affixes`] must be: what the anchors around it in the pattern
/// say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Affix {
    /// The whole string (`^a$`).
    Whole,
    /// At the start (`^a`).
    Prefix,
    /// At the end (`a$`).
    Suffix,
    /// Anywhere (`a`).
    Anywhere,
}

impl Affix {
    /// Whether `literal` is in `s` where this says.
    #[inline]
    const fn holds(self, literal: &[u8], s: &[u8]) -> bool {
        if literal.len() > s.len() {
            return false;
        }
        match self {
            Affix::Whole => literal.len() == s.len() && bytes_at(literal, s, 0),
            Affix::Prefix => bytes_at(literal, s, 0),
            Affix::Suffix => bytes_at(literal, s, s.len() - literal.len()),
            Affix::Anywhere => {
                // A literal is whole characters, so a byte match is a character match.
                let mut at = 0;
                while at + literal.len() <= s.len() {
                    if bytes_at(literal, s, at) {
                        return true;
                    }
                    at += 1;
                }
                false
            }
        }
    }
}

/// Whether `literal` is in `s` at byte `at` (which leaves room for it).
#[inline]
const fn bytes_at(literal: &[u8], s: &[u8], at: usize) -> bool {
    let mut i = 0;
    while i < literal.len() {
        if literal[i] != s[at + i] {
            return false;
        }
        i += 1;
    }
    true
}

/// How any pattern is matched: one without back-references by its [`Regular`] matcher (or,
/// when its program is longer than [`MAX_PROGRAM`], by [`is_match_large`]), one with them by
/// the backtracking [`backtrack::is_match`]. The last two need the heap and no const.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matcher {
    /// A pattern without back-references.
    Regular(Regular),
    /// A pattern without back-references whose program is longer than [`MAX_PROGRAM`].
    Large(&'static [Inst]),
    /// A pattern with back-references: its program, with captures.
    Backtrack(&'static [Inst]),
}

impl Matcher {
    /// Whether `s` matches.
    #[inline(always)]
    pub fn matches(&self, s: &str) -> bool {
        match *self {
            Matcher::Regular(ref regular) => regular.matches(s),
            Matcher::Large(program) => is_match_large(program, s),
            Matcher::Backtrack(program) => backtrack::is_match(program, s),
        }
    }
}

/// String equality in const context.
#[inline]
const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::{Inst, Item, Shape, is_match};

    /// `^a[0-9]*$`
    const PROGRAM: &[Inst] = &[
        Inst::AssertStart,
        Inst::Char('a'),
        Inst::Split(3, 6),
        Inst::Class {
            negated: false,
            len: 1,
        },
        Inst::Range('0', '9'),
        Inst::Jump(2),
        Inst::AssertEnd,
        Inst::Match,
    ];

    const _: () = assert!(is_match(PROGRAM, "a123"));
    const _: () = assert!(!is_match(PROGRAM, "a12x"));

    #[test]
    fn runs() {
        assert!(is_match(PROGRAM, "a"));
        assert!(is_match(PROGRAM, "a0"));
        assert!(!is_match(PROGRAM, "ba0"));
        assert!(!is_match(PROGRAM, ""));
        assert!(!is_match(&[], ""));
        assert!(is_match(&[Inst::Match], ""));
        assert!(is_match(&[Inst::Char('é'), Inst::Match], "café"));
        assert!(!is_match(&[Inst::Jump(7)], "x"));
    }

    /// `.` of ECMA-262: anything but line terminators.
    const DOT: Item = Item::Class {
        negated: true,
        ranges: &[('\n', '\n'), ('\r', '\r'), ('\u{2028}', '\u{2029}')],
        ascii: !((1 << b'\n') | (1 << b'\r')),
    };

    const DIGIT: Item = Item::Class {
        negated: false,
        ranges: &[('0', '9')],
        ascii: 0x03ff << 48,
    };

    /// The word-at-a-time paths (prefix words, refused tail bytes) agree with a character at a
    /// time, at every position of long strings.
    #[test]
    fn words_agree_with_characters() {
        // `^stitch-challenge-file-.*$`: a long literal prefix, a tail refusing two bytes.
        let sentinel = Shape::new(
            &[Item::Literal("stitch-challenge-file-")],
            Some((DOT, 0)),
            true,
        );
        assert!(sentinel.words.len > 0 && sentinel.refused.count == 2);
        let tail = "0123456789abcdefghijklmnopqrstuvwxyz";
        for len in 0..tail.len() {
            let text = format!("stitch-challenge-file-{}", &tail[..len]);
            assert!(sentinel.matches(&text), "{text:?}");
            for bad in ['\n', '\r', '\u{2028}'] {
                for at in 0..=len {
                    let mut broken = text.clone();
                    broken.insert(22 + at, bad);
                    assert!(!sentinel.matches(&broken), "{broken:?}");
                }
            }
            // Other non-ASCII characters are accepted, wherever they fall.
            let mut wide = text.clone();
            wide.insert_str(22 + len / 2, "é日😀");
            assert!(sentinel.matches(&wide), "{wide:?}");
            // One byte off in the prefix.
            let mut off = text.clone().into_bytes();
            off[len % 22] ^= 1;
            assert!(!sentinel.matches(&String::from_utf8(off).unwrap_or_default()));
        }
        // `^\d{4}-\d{2}-\d{2}T00:00:00Z$`: twenty single-range positions, three words.
        let mut prefix = vec![DIGIT; 4];
        prefix.push(Item::Char('-'));
        prefix.extend([DIGIT, DIGIT, Item::Char('-'), DIGIT, DIGIT]);
        prefix.push(Item::Literal("T00:00:00Z"));
        let date = Shape::new(prefix.leak(), None, true);
        assert_eq!(date.words.len, 20);
        assert!(date.matches("2024-02-30T00:00:00Z"));
        assert!(!date.matches("2024-02-30T00:00:00Z "));
        assert!(!date.matches("2024-02-30T00:00:00"));
        let good = "2024-02-30T00:00:00Z".as_bytes();
        for at in 0..good.len() {
            for replacement in [b'/', b':', b'x', b'0' - 1, b'9' + 1, 0xC3] {
                let mut bad = good.to_vec();
                if bad[at] == replacement || (bad[at].is_ascii_digit() && replacement == b'0') {
                    continue;
                }
                bad[at] = replacement;
                let text = String::from_utf8_lossy(&bad).into_owned();
                assert!(!date.matches(&text), "{text:?}");
            }
        }
        // A prefix with a class of several ranges has no words; a tail refusing many ASCII
        // bytes has no refused set.
        const HEX: Item = Item::Class {
            negated: false,
            ranges: &[('0', '9'), ('a', 'f')],
            ascii: (0x03ff << 48) | (0x3f << 97),
        };
        let mixed = Shape::new(&[HEX; 9], Some((DIGIT, 1)), true);
        assert_eq!((mixed.words.len, mixed.refused.count), (0, 0));
        assert!(mixed.matches("0123456789"));
        assert!(!mixed.matches("01234567g9"));
    }
}
