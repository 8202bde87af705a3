//! A short string a pattern's tree describes, for the generated samples: each repetition its
//! fewest copies, each alternation its first alternative that gives one, each class a
//! readable member. The caller keeps it only if the compiled pattern matches it (a lookaround
//! or a boundary can refuse what the rest describes).

use super::tree::Node;

/// The longest example worth writing into a generated test.
const MAX_LEN: usize = 4_096;

/// Members a class is asked for first, so that samples read well.
const PREFERRED: &[char] = &['a', '0', 'A', '_', 'x', '1', '-', '.', ' '];

/// An example of `node`, `None` where the tree cannot say (a back-reference) or it would be
/// too long.
pub(super) fn example_of(node: &Node) -> Option<String> {
    let mut out = String::new();
    write(node, &mut out)?;
    Some(out)
}

fn write(node: &Node, out: &mut String) -> Option<()> {
    match node {
        Node::Empty | Node::Start | Node::End | Node::WordBoundary(_) | Node::Look { .. } => {}
        Node::Char(c) => out.push(*c),
        Node::Class { negated, ranges } => out.push(member(*negated, ranges)?),
        Node::Group { node, .. } => write(node, out)?,
        Node::Backref { .. } => return None,
        Node::Concat(nodes) => {
            for node in nodes {
                write(node, out)?;
            }
        }
        Node::Alternation(nodes) => {
            let mark = out.len();
            let written = nodes.iter().any(|node| {
                out.truncate(mark);
                write(node, out).is_some()
            });
            if !written {
                return None;
            }
        }
        Node::Repeat { node, min, .. } => {
            for _ in 0..*min {
                let before = out.len();
                write(node, out)?;
                // A body that writes nothing writes nothing again (`(?:){65535}`).
                if out.len() == before {
                    break;
                }
                if out.len() > MAX_LEN {
                    return None;
                }
            }
        }
    }
    (out.len() <= MAX_LEN).then_some(())
}

/// A character of the class: a preferred one if the class has one, else its first member.
fn member(negated: bool, ranges: &[(u32, u32)]) -> Option<char> {
    let inside = |c: char| {
        ranges
            .iter()
            .any(|&(low, high)| (low..=high).contains(&u32::from(c)))
    };
    if let Some(&c) = PREFERRED.iter().find(|&&c| inside(c) != negated) {
        return Some(c);
    }
    if negated {
        // The first printable ASCII character outside every range.
        return (0x21..0x7f)
            .filter_map(char::from_u32)
            .find(|&c| !inside(c));
    }
    ranges
        .iter()
        .find_map(|&(low, high)| (low..=high).find_map(char::from_u32))
}
