//! The documentation's prose as the Markdown rustdoc reads: plain text (the
//! scraped reference) escaped, a connector page's Markdown kept with what rustdoc would
//! misread made literal.

/// Plain text as Markdown: brackets escaped (rustdoc would read them as intra-doc links), `<`
/// as an entity (it would open an HTML tag).
pub fn plain(text: &str) -> String {
    text.replace('[', "\\[")
        .replace(']', "\\]")
        .replace('<', "&lt;")
}

/// A connector page's Markdown for rustdoc: code spans and links kept; outside them, `<` as an
/// entity (placeholders such as `<HOST_ADDRESS>` are not HTML, an autolink `<https://…>`
/// stays), brackets that open no link escaped, bare URLs made autolinks.
pub fn page(text: &str) -> String {
    let text = &untested_fences(text);
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            let run = rest.len() - rest.trim_start_matches('`').len();
            let fence = &rest[..run];
            match rest[run..].find(fence) {
                Some(end) => {
                    let span = run + end + run;
                    out.push_str(&rest[..span]);
                    rest = &rest[span..];
                }
                None => {
                    out.push_str(fence);
                    rest = &rest[run..];
                }
            }
        } else if c == '[' {
            match link_bounds(rest) {
                Some((label_end, target_end)) => {
                    out.push('[');
                    out.push_str(&page(&rest[1..label_end]));
                    out.push_str(&rest[label_end..=target_end]);
                    rest = &rest[target_end + 1..];
                }
                None => {
                    out.push_str("\\[");
                    rest = &rest[1..];
                }
            }
        } else if c == ']' {
            out.push_str("\\]");
            rest = &rest[1..];
        } else if c == '<' {
            let autolink = rest
                .find('>')
                .map(|end| &rest[1..end])
                .filter(|inner| is_url_start(inner) && !inner.contains(char::is_whitespace));
            match autolink {
                Some(inner) => {
                    out.push('<');
                    out.push_str(inner);
                    out.push('>');
                    rest = &rest[inner.len() + 2..];
                }
                None => {
                    out.push_str("&lt;");
                    rest = &rest[1..];
                }
            }
        } else if is_url_start(rest) && !out.ends_with(|p: char| p.is_alphanumeric()) {
            let end = rest
                .find(|ch: char| ch.is_whitespace() || matches!(ch, ')' | '>' | '<' | '`'))
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', '"', '\'']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// A fenced block without a language, or marked Rust, would be a doctest: it is marked `text`
/// (the documentation's code is never Rust).
fn untested_fences(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // The open fence: its character and length.
    let mut open: Option<(char, usize)> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let fence_char = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = fence_char.map_or(0, |c| trimmed.len() - trimmed.trim_start_matches(c).len());
        match (open, fence_char) {
            (None, Some(c)) if run >= 3 => {
                let info = trimmed[run..].trim();
                let word = info.split([' ', ',']).next().unwrap_or_default();
                open = Some((c, run));
                if word.is_empty() || word == "rust" {
                    out.push_str(&line[..line.len() - trimmed.len()]);
                    out.push_str(&trimmed[..run]);
                    out.push_str("text");
                    out.push_str(&trimmed[trimmed.trim_end().len()..]);
                    continue;
                }
            }
            (Some((c, length)), Some(d))
                if c == d && run >= length && trimmed[run..].trim().is_empty() =>
            {
                open = None;
            }
            _ => {}
        }
        out.push_str(line);
    }
    out
}

fn is_url_start(text: &str) -> bool {
    text.starts_with("https://") || text.starts_with("http://")
}

/// For `text` starting with `[`: the offsets of the label's `]` and the target's `)`, when it is
/// a link whose target is a URL (any other would be read as an intra-doc link).
fn link_bounds(text: &str) -> Option<(usize, usize)> {
    let (label_end, target_end) = crate::markdown_links::link_bounds(text)?;
    let target = &text[label_end + 2..target_end];
    let url = ["https://", "http://", "mailto:", "#"]
        .iter()
        .any(|p| target.starts_with(p));
    (url && !target.contains(char::is_whitespace)).then_some((label_end, target_end))
}

#[cfg(test)]
mod tests {
    use super::{page, plain};

    #[test]
    fn plain_text_is_escaped() {
        assert_eq!(plain("a [b] <c>"), "a \\[b\\] &lt;c>");
    }

    #[test]
    fn page_markdown_keeps_code_and_links() {
        assert_eq!(
            page("Use `<HOST>` or [the guide](https://x.example/a_(b)) for <HOST>."),
            "Use `<HOST>` or [the guide](https://x.example/a_(b)) for &lt;HOST>."
        );
        assert_eq!(page("a [b] c ]"), "a \\[b\\] c \\]");
        assert_eq!(
            page("See https://x.example/docs. Or <https://y.example>."),
            "See <https://x.example/docs>. Or <https://y.example>."
        );
        assert_eq!(page("``a ` b`` [x](y z)"), "``a ` b`` \\[x\\](y z)");
        assert_eq!(page("[a](b) [c](crate::X)"), "\\[a\\](b) \\[c\\](crate::X)");
        assert_eq!(
            page("at https://x.example/<id>"),
            "at <https://x.example/>&lt;id>"
        );
        assert_eq!(
            page("unclosed `tick [a](https://b.example)"),
            "unclosed `tick [a](https://b.example)"
        );
        assert_eq!(page("[`x`](https://e.example)"), "[`x`](https://e.example)");
        assert_eq!(
            page("For example:\n\n```\na/b c/d\n```\n\n```json\n{}\n```"),
            "For example:\n\n```text\na/b c/d\n```\n\n```json\n{}\n```"
        );
        assert_eq!(
            page("~~~~\nfn x\n~~~~\n```rust\nlet\n```"),
            "~~~~text\nfn x\n~~~~\n```text\nlet\n```"
        );
    }
}
