//! The syntax tree of a parsed pattern, and its rewrites before compiling: back-references
//! resolved to group numbers, captures and laziness dropped where nothing can observe them, a
//! lookbehind's body reversed.

use std::collections::{BTreeMap, BTreeSet};

/// A parsed pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Node {
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
pub(super) enum Reference {
    Number(u32),
    Name(String),
}

/// Checks and numbers the back-references of `node`: in a pattern read with the `u` flag, a
/// `\n` must name one of the `groups` groups and a `\k<name>` one of the named groups. The
/// groups named are added to `referenced`.
pub(super) fn resolve(
    node: &mut Node,
    names: &BTreeMap<String, u16>,
    groups: u16,
    referenced: &mut BTreeSet<u16>,
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
pub(super) fn plain(node: Node) -> Node {
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

/// `node` read right to left: what a lookbehind's body is when the matcher reads the string
/// backward. Assertions stay where they are; a lookaround inside keeps its own direction.
pub(super) fn reversed(node: &Node) -> Node {
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
