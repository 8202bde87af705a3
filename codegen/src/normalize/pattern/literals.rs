//! Literal sets: the finite set of strings a pattern accepts, when it is small
//! (`^(ssh|none)$`), which the generated code compares as strings; and, when a pattern has
//! finitely many ways through but unanchored sides (`^(true|false)`), those ways as literals
//! each with where it must be (at the start, the end, anywhere).

use super::parse::char_ranges;
use super::tree::Node;
use super::vm::Affix;

/// The most strings [`literals_of`] enumerates.
const MAX_LITERALS: usize = 256;

/// A token of one way through a pattern without repetition.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Token {
    Start,
    End,
    Char(char),
}

/// The most characters a class may have to be enumerated by [`literals_of`].
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

/// One way through the pattern as a literal and where it must be; `None` for a way no string
/// takes (an anchor where it can never hold).
fn path_affix(path: &[Token]) -> Option<(String, Affix)> {
    let first = path.iter().position(|t| matches!(t, Token::Char(_)));
    let last = path.iter().rposition(|t| matches!(t, Token::Char(_)));
    let (start, end) = match (first, last) {
        (Some(first), Some(last)) => {
            // `^` past the first character or `$` before the last can never hold.
            if path[first..].contains(&Token::Start) || path[..=last].contains(&Token::End) {
                return None;
            }
            (
                path[..first].contains(&Token::Start),
                path[last..].contains(&Token::End),
            )
        }
        // No character: the anchors hold at the start, the end, or both (the empty string).
        _ => (path.contains(&Token::Start), path.contains(&Token::End)),
    };
    let literal: String = path
        .iter()
        .filter_map(|t| match t {
            Token::Char(c) => Some(*c),
            Token::Start | Token::End => None,
        })
        .collect();
    let affix = match (start, end) {
        (true, true) => Affix::Whole,
        (true, false) => Affix::Prefix,
        (false, true) => Affix::Suffix,
        (false, false) => Affix::Anywhere,
    };
    Some((literal, affix))
}

/// The ways through `node` as literals each with where it must be, when there are at most a
/// few hundred (deduplicated, in pattern order); `None` when a way repeats without bound, or
/// when no string takes any way.
pub(super) fn affixes_of(node: &Node) -> Option<Vec<(String, Affix)>> {
    let mut affixes: Vec<(String, Affix)> = Vec::new();
    for path in paths(node)? {
        if let Some(affix) = path_affix(&path)
            && !affixes.contains(&affix)
        {
            affixes.push(affix);
        }
    }
    (!affixes.is_empty()).then_some(affixes)
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

pub(super) fn literals_of(node: &Node) -> Option<Vec<String>> {
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
