//! Where a Markdown inline link `[label](target)` stands: the one scanner the page importer
//! (which rewrites targets) and the emitter (which keeps rustdoc from misreading them) share.

/// For `text` starting with `[`: the offsets of the `]` closing the label (followed at once by
/// `(`) and of the `)` closing the target. Brackets and parentheses nest; a link does not span
/// a paragraph break; `None` when `text` holds no such link.
pub fn link_bounds(text: &str) -> Option<(usize, usize)> {
    let label_end = closing(text, b'[', b']')?;
    if text.as_bytes().get(label_end + 1) != Some(&b'(') {
        return None;
    }
    let target_end = label_end + 1 + closing(&text[label_end + 1..], b'(', b')')?;
    Some((label_end, target_end))
}

/// The offset of the byte closing the `open` that `text` starts with, before a blank line.
fn closing(text: &str, open: u8, close: u8) -> Option<usize> {
    let mut depth = 0usize;
    for (index, byte) in text.bytes().enumerate() {
        if byte == open {
            depth += 1;
        } else if byte == close {
            depth = depth.checked_sub(1)?;
            if depth == 0 {
                return Some(index);
            }
        } else if byte == b'\n' && text.as_bytes().get(index + 1) == Some(&b'\n') {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::link_bounds;

    #[test]
    fn links_and_what_is_not_one() {
        assert_eq!(link_bounds("[a](b) c"), Some((2, 5)));
        assert_eq!(link_bounds("[a [b]](c (d))"), Some((6, 13)));
        assert_eq!(link_bounds("[a] (b)"), None);
        assert_eq!(link_bounds("[a](b"), None);
        assert_eq!(link_bounds("[a\n\nb](c)"), None);
        assert_eq!(link_bounds("[a\nb](c)"), Some((4, 7)));
        assert_eq!(link_bounds("]["), None);
    }
}
