//! Shapes: the anchored patterns of fixed items and one trailing repetition
//! (`^\d{4}-\d{2}-\d{2}T00:00:00Z$`, `^\d+`) that the runtime matches in one pass, without a
//! program.

use super::parse::char_ranges;
use super::tree::Node;
use super::vm;

/// A pattern of the simple anchored shape the runtime matches in one pass
/// (`stitch_connect_runtime::pattern::Shape`): `^`, a fixed prefix, at most one unbounded
/// repetition of one item, an optional `$`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapeSpec {
    /// The fixed items, runs of characters merged into literals.
    pub prefix: Vec<ItemSpec>,
    /// The repeated item and its least count.
    pub tail: Option<(ItemSpec, u32)>,
    /// Whether the pattern ends with `$`.
    pub end: bool,
}

/// One character position of a [`ShapeSpec`], or a run of characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemSpec {
    /// This character.
    Char(char),
    /// These characters, in order.
    Literal(String),
    /// One character of these ranges (`negated`: of none of them).
    Class {
        /// Whether the class accepts the characters outside its ranges.
        negated: bool,
        /// Inclusive, sorted, disjoint.
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

    /// The runtime's item (its data leaked: for tests and short-lived generator runs).
    pub(super) fn runtime(&self) -> vm::Item {
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
#[must_use]
pub fn ascii_bits(negated: bool, ranges: &[(char, char)]) -> u128 {
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
pub(super) fn shape_of(node: &Node) -> Option<ShapeSpec> {
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
    Some(ShapeSpec {
        prefix: merged(&prefix),
        tail,
        end,
    })
}
