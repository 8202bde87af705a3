//! Code generation: a pattern's tree to a program of the runtime's instructions, for the
//! automaton or (with captures, ECMA-262's order of preference and its empty-repetition check)
//! for the backtracking matcher.

use std::collections::BTreeMap;

use super::parse::{MAX_INSTRUCTIONS, char_ranges};
use super::tree::{Node, Reference, reversed};
use super::vm::{Inst, MAX_PROGRAM};

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

/// The program of `node`: for the backtracking matcher when `backtrack` (capturing the
/// `referenced` groups, by their dense numbers), else for the automaton.
///
/// # Errors
/// A program longer than [`MAX_INSTRUCTIONS`], or a lookaround body longer than the automaton
/// takes.
pub(super) fn program(
    node: &Node,
    backtrack: bool,
    referenced: BTreeMap<u16, u32>,
) -> Result<Vec<Inst>, String> {
    let mut emitter = Emitter {
        backtrack,
        mark_base: 2 * u32::try_from(referenced.len()).unwrap_or(u32::MAX),
        referenced,
        depth: 0,
    };
    let mut program = Vec::new();
    emitter.emit(node, &mut program, false)?;
    push(&mut program, Inst::Match)?;
    Ok(program)
}

/// Writes programs: for the automaton, or, for a pattern with back-references, for the
/// backtracking matcher, with captures, ECMA-262's order of preference and its empty-repetition
/// check.
struct Emitter {
    /// Whether the program is for the backtracking matcher.
    backtrack: bool,
    /// The groups a back-reference names, the only ones captured, and their dense numbers.
    referenced: BTreeMap<u16, u32>,
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
fn groups_in(node: &Node, referenced: &BTreeMap<u16, u32>) -> Option<(u32, u32)> {
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

fn index_of(pc: usize) -> Result<u16, String> {
    u16::try_from(pc).map_err(|_| too_long())
}
