//! The matcher for patterns with back-references (`\1`, `\k<name>`), which no automaton can
//! run: a backtracking interpreter of the same [`Inst`] programs, with captures.
//!
//! The generator compiles such a pattern for it with the capture instructions
//! ([`Inst::Save`], [`Inst::Backref`], [`Inst::Reset`], [`Inst::Mark`], [`Inst::Progress`]) and
//! alternatives in ECMA-262's order of preference (a lazy quantifier tries fewer repetitions
//! first). The search follows ECMA-262's `RegExpBuiltinExec`: every start position in turn, each
//! tried depth-first, alternatives in order, so that a lookaround, which is atomic, keeps the
//! captures of the first way it matches, as JavaScript's does.
//!
//! The answer from a point of the program depends only on the position and the captures, so
//! each choice ([`Inst::Split`]) is taken at most once per state (up to [`MEMO_LIMIT`] states
//! remembered per run, a few tens of megabytes at most). Only the groups a back-reference names are captured, and a
//! repetition's mark is forgotten once the repetition has passed its check, so that for the
//! usual patterns (`^(\w+)-\1$`, `(['"]).*\1`) the states are polynomial in the string's
//! length. There is no step budget: the answer is always ECMA-262's. As with JavaScript's own
//! backtracking engine, a pathological pattern (many captured groups, nested repetitions)
//! can take time exponential in the length of the string; the generator accepts what the
//! report card states.

use std::collections::HashSet;

use super::Inst;

/// The most choice states one run remembers; past it the search goes on without adding
/// more (still exact, only slower), so that its memory stays bounded.
pub const MEMO_LIMIT: usize = 1 << 18;

/// No position recorded in a slot.
const UNSET: usize = usize::MAX;

/// A choice point to come back to, or a slot value to restore when backtracking past it.
enum Frame {
    /// Resume at `pc` with the string position `at`.
    Retry { pc: usize, at: usize },
    /// Put `value` back into slot `slot`.
    Restore { slot: usize, value: usize },
}

/// One search: the string and the slots (two per captured group, its start and end, then
/// one mark per depth of repetition).
struct Search<'s> {
    bytes: &'s [u8],
    slots: Vec<usize>,
}

/// Whether `program` matches somewhere in `s` (anchors permitting), read by backtracking.
#[must_use]
pub fn is_match(program: &[Inst], s: &str) -> bool {
    let mut search = Search {
        bytes: s.as_bytes(),
        slots: vec![UNSET; slot_count(program)],
    };
    let mut start = 0;
    loop {
        search.slots.fill(UNSET);
        if search.run(program, start, false) {
            return true;
        }
        if start == search.bytes.len() {
            return false;
        }
        start += width_at(search.bytes, start);
    }
}

/// How many slots `program` uses: one past the highest slot any instruction names.
fn slot_count(program: &[Inst]) -> usize {
    program
        .iter()
        .map(|inst| match *inst {
            Inst::Save(slot) | Inst::Mark(slot) | Inst::Progress(slot) => usize::from(slot) + 1,
            Inst::Backref(group) => 2 * usize::from(group) + 2,
            Inst::Reset(_, end) => usize::from(end),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

/// The width in bytes of the character starting at `at` (a character boundary, not the end).
fn width_at(bytes: &[u8], at: usize) -> usize {
    match bytes[at] {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// The character starting at `at` (forward) or ending at `at` (backward), and its width.
fn next_char(bytes: &[u8], at: usize, backward: bool) -> Option<(char, usize)> {
    let start = if backward {
        if at == 0 {
            return None;
        }
        let mut start = at - 1;
        while start > 0 && bytes[start] & 0xC0 == 0x80 {
            start -= 1;
        }
        start
    } else {
        if at >= bytes.len() {
            return None;
        }
        at
    };
    let width = width_at(bytes, start);
    let text = core::str::from_utf8(bytes.get(start..start + width)?).ok()?;
    text.chars().next().map(|c| (c, width))
}

/// Whether `c` lies in the `len` ranges that follow the class at `pc`.
fn in_class(program: &[Inst], pc: usize, len: usize, c: char) -> bool {
    program
        .get(pc + 1..pc + 1 + len)
        .unwrap_or(&[])
        .iter()
        .any(|inst| matches!(*inst, Inst::Range(lo, hi) if lo <= c && c <= hi))
}

/// Whether an ECMA-262 word character (`[A-Za-z0-9_]`) ends (`before`) or starts at `at`.
fn word_char(bytes: &[u8], at: usize, before: bool) -> bool {
    let byte = if before {
        at.checked_sub(1).and_then(|i| bytes.get(i))
    } else {
        bytes.get(at)
    };
    byte.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
}

impl Search<'_> {
    /// Whether `program` matches anchored at `start`, read forward, or backward (a lookbehind's
    /// reversed body). On a match the slots hold the captures of the way found.
    fn run(&mut self, program: &[Inst], start: usize, backward: bool) -> bool {
        let mut stack = vec![Frame::Retry { pc: 0, at: start }];
        let mut tried = HashSet::new();
        while let Some(frame) = stack.pop() {
            let (mut pc, mut at) = match frame {
                Frame::Restore { slot, value } => {
                    self.slots[slot] = value;
                    continue;
                }
                Frame::Retry { pc, at } => (pc, at),
            };
            // Follow one way until it fails (then the stack says where to resume) or matches.
            while let Some(&inst) = program.get(pc) {
                match inst {
                    Inst::Char(expected) => match next_char(self.bytes, at, backward) {
                        Some((c, width)) if c == expected => {
                            at = if backward { at - width } else { at + width };
                            pc += 1;
                        }
                        _ => break,
                    },
                    Inst::Class { negated, len } => {
                        let len = usize::from(len);
                        match next_char(self.bytes, at, backward) {
                            Some((c, width)) if in_class(program, pc, len, c) != negated => {
                                at = if backward { at - width } else { at + width };
                                pc += 1 + len;
                            }
                            _ => break,
                        }
                    }
                    Inst::Range(..) => break,
                    Inst::Split(first, second) => {
                        // Every choice is made here: a choice met before in the same state (the
                        // same position and captures) led nowhere, or is being tried already.
                        let mut state = Vec::with_capacity(self.slots.len() + 2);
                        state.extend([pc, at]);
                        state.extend_from_slice(&self.slots);
                        if tried.contains(&state) {
                            break;
                        }
                        if tried.len() < MEMO_LIMIT {
                            tried.insert(state);
                        }
                        stack.push(Frame::Retry {
                            pc: usize::from(second),
                            at,
                        });
                        pc = usize::from(first);
                    }
                    Inst::Jump(target) => pc = usize::from(target),
                    Inst::AssertStart if at == 0 => pc += 1,
                    Inst::AssertEnd if at == self.bytes.len() => pc += 1,
                    Inst::AssertStart | Inst::AssertEnd => break,
                    Inst::WordBoundary(boundary) => {
                        let here =
                            word_char(self.bytes, at, true) != word_char(self.bytes, at, false);
                        if here != boundary {
                            break;
                        }
                        pc += 1;
                    }
                    Inst::Look {
                        behind,
                        negated,
                        len,
                    } => {
                        let end = pc + 1 + usize::from(len);
                        let Some(sub) = program.get(pc + 1..end) else {
                            break;
                        };
                        // Atomic: the first way the body matches is the only one tried, and a
                        // positive lookaround keeps its captures (undone when backtracking past
                        // it); a negative one keeps none.
                        let before = self.slots.clone();
                        let matched = self.run(sub, at, behind);
                        if matched == negated {
                            self.slots = before;
                            break;
                        }
                        if negated {
                            self.slots = before;
                        } else {
                            for (slot, value) in before.into_iter().enumerate() {
                                if self.slots[slot] != value {
                                    stack.push(Frame::Restore { slot, value });
                                }
                            }
                        }
                        pc = end;
                    }
                    Inst::Save(slot) => {
                        self.set(&mut stack, usize::from(slot), at);
                        pc += 1;
                    }
                    Inst::Reset(from, to) => {
                        for slot in usize::from(from)..usize::from(to) {
                            self.set(&mut stack, slot, UNSET);
                        }
                        pc += 1;
                    }
                    Inst::Mark(slot) => {
                        self.set(&mut stack, usize::from(slot), at);
                        pc += 1;
                    }
                    Inst::Progress(slot) => {
                        if self.slots.get(usize::from(slot)) == Some(&at) {
                            break;
                        }
                        // The mark has served: forgotten, so that ways that differ only in
                        // where a finished repetition started meet in the same state.
                        self.set(&mut stack, usize::from(slot), UNSET);
                        pc += 1;
                    }
                    Inst::Backref(group) => match self.backref(usize::from(group), at, backward) {
                        Some(next) => {
                            at = next;
                            pc += 1;
                        }
                        None => break,
                    },
                    Inst::Match => return true,
                }
            }
        }
        false
    }

    /// Sets a slot, remembering its value for backtracking.
    fn set(&mut self, stack: &mut Vec<Frame>, slot: usize, value: usize) {
        if let Some(old) = self.slots.get_mut(slot)
            && *old != value
        {
            stack.push(Frame::Restore { slot, value: *old });
            *old = value;
        }
    }

    /// Where the text captured by `group` ends when read again at `at` (forward, or backward
    /// in a lookbehind), if it is there. A group that captured nothing (not reached, or reset)
    /// matches the empty string, as ECMA-262 says.
    fn backref(&self, group: usize, at: usize, backward: bool) -> Option<usize> {
        let start = self.slots.get(2 * group).copied().unwrap_or(UNSET);
        let end = self.slots.get(2 * group + 1).copied().unwrap_or(UNSET);
        if start == UNSET || end == UNSET {
            return Some(at);
        }
        // A group's end is recorded after its start in the direction it is read.
        debug_assert!(start <= end, "group {group} captured {start}..{end}");
        let captured = self.bytes.get(start..end)?;
        let len = captured.len();
        if backward {
            let from = at.checked_sub(len)?;
            (self.bytes.get(from..at)? == captured).then_some(from)
        } else {
            (self.bytes.get(at..at + len)? == captured).then_some(at + len)
        }
    }
}
