//! A rendered page text made plain CommonMark, as rustdoc reads it: the site's kramdown
//! attribute lists (`{:target="new"}`) removed, links whose target the capture cannot give
//! reduced to their text, site paths made absolute, blank-line runs (left by Liquid tags on
//! lines of their own) closed up.

/// Cleans `text`; `root` is the published site's root, for links written as site paths.
pub fn clean(text: &str, root: &str) -> String {
    let without_attributes = remove_attribute_lists(text);
    let linked = rewrite_links(&without_attributes, root);
    close_up_blank_lines(&linked)
}

/// Removes every `{:…}` (kramdown's inline attribute list; it holds no braces).
fn remove_attribute_lists(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{:") {
        match rest[start..].find('}') {
            Some(end) => {
                out.push_str(&rest[..start]);
                rest = &rest[start + end + 1..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

/// `[text](target)`: an empty target, or an anchor alone (`#setup`: the page it belonged to
/// was not rendered), leaves `text`; a target starting with `/` gets `root` before it. Brackets
/// and parentheses nest; anything unbalanced is left as written.
fn rewrite_links(text: &str, root: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let Some((label_end, target_end)) = crate::markdown_links::link_bounds(after) else {
            out.push('[');
            rest = &after[1..];
            continue;
        };
        let label = &after[1..label_end];
        let target = after[label_end + 2..target_end].trim();
        if target.is_empty() || target.starts_with('#') {
            out.push_str(label);
        } else if target.starts_with('/') && !target.starts_with("//") {
            out.push('[');
            out.push_str(label);
            out.push_str("](");
            out.push_str(root.trim_end_matches('/'));
            out.push_str(target);
            out.push(')');
        } else {
            out.push_str(&after[..=target_end]);
        }
        rest = &after[target_end + 1..];
    }
    out.push_str(rest);
    out
}

/// Trailing white space off every line, at most one blank line in a row, none at the ends.
fn close_up_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run = !out.is_empty();
            continue;
        }
        if blank_run {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        blank_run = false;
        out.push_str(if out.is_empty() {
            line.trim_start()
        } else {
            line
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::clean;

    const ROOT: &str = "https://docs.example/docs";

    #[test]
    fn attribute_lists_go_and_links_resolve() {
        assert_eq!(
            clean(
                "An [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601){:target=\"new\"} date.",
                ROOT
            ),
            "An [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) date."
        );
        assert_eq!(
            clean("See [Anchor Scheduling]() for more.", ROOT),
            "See Anchor Scheduling for more."
        );
        assert_eq!(
            clean("The [guide](/integrations/saas/asana#setup).", ROOT),
            "The [guide](https://docs.example/docs/integrations/saas/asana#setup)."
        );
        assert_eq!(clean("[a [b] c]( )", ROOT), "a [b] c");
        assert_eq!(clean("the [docs](#setup).", ROOT), "the docs.");
        assert_eq!(clean("`[x]` and [y] (z)", ROOT), "`[x]` and [y] (z)");
        assert_eq!(clean("[open(", ROOT), "[open(");
    }

    #[test]
    fn blank_lines_close_up() {
        assert_eq!(
            clean("\n  Values are:  \n\n\n\n- `30`\n- `60`\n\n", ROOT),
            "Values are:\n\n- `30`\n- `60`"
        );
    }
}
