//! Classified changes in words: a summary that fits one screen (counts per class, then per
//! class the connection types and properties concerned, cut after a few lines) and the full
//! list (every change, by class).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::classify::{Change, Class};

/// How many lines of types each class shows in the summary.
const LINES_PER_CLASS: usize = 6;
/// How many names one summary line shows.
const NAMES_PER_LINE: usize = 8;

/// The count of each class, strongest first, as "2 breaking, 1 minor" (`no changes` for none).
pub fn counts(changes: &[Change]) -> String {
    let parts: Vec<String> = Class::STRONGEST_FIRST
        .iter()
        .filter_map(|class| {
            let n = changes.iter().filter(|c| c.class == *class).count();
            (n > 0).then(|| format!("{n} {}", class.name()))
        })
        .collect();
    if parts.is_empty() {
        "no changes".to_owned()
    } else {
        parts.join(", ")
    }
}

/// The strongest class among `changes`.
pub fn strongest(changes: &[Change]) -> Option<Class> {
    changes.iter().map(|c| c.class).max()
}

/// The classes that have changes, strongest first, each with its changes.
fn by_class(changes: &[Change]) -> impl Iterator<Item = (Class, Vec<&Change>)> {
    Class::STRONGEST_FIRST.into_iter().filter_map(|class| {
        let of_class: Vec<&Change> = changes.iter().filter(|c| c.class == class).collect();
        (!of_class.is_empty()).then_some((class, of_class))
    })
}

/// The one-screen summary: per class, the connection types (or `common` for shared types)
/// with the properties concerned.
pub fn summary(changes: &[Change]) -> String {
    let mut out = String::new();
    for (class, of_class) in by_class(changes) {
        let _ = writeln!(
            out,
            "{} ({}): {}",
            class.name(),
            of_class.len(),
            class.meaning()
        );
        // Per subject (a connection type, or `common`), the properties concerned; a type's
        // own change is listed as the type itself.
        let mut subjects: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for change in &of_class {
            let subject = change.scope.as_str();
            let names = subjects.entry(subject).or_default();
            names.extend(change.property.as_deref());
        }
        // Types changed as a whole (added, removed) together on one line.
        let whole: Vec<&str> = subjects
            .iter()
            .filter(|(_, names)| names.is_empty())
            .map(|(subject, _)| *subject)
            .collect();
        let mut lines: Vec<String> = Vec::new();
        if !whole.is_empty() {
            lines.push(format!("types: {}", cut(&whole)));
        }
        for (subject, names) in subjects.iter().filter(|(_, names)| !names.is_empty()) {
            lines.push(format!("{subject}: {}", cut(names)));
        }
        let shown = lines.len().min(LINES_PER_CLASS);
        for line in &lines[..shown] {
            let _ = writeln!(out, "  {line}");
        }
        if lines.len() > shown {
            let _ = writeln!(
                out,
                "  ... and {} more lines (every change: `--full`, and the changelog)",
                lines.len() - shown
            );
        }
    }
    out
}

/// Names, cut after [`NAMES_PER_LINE`] with how many more.
fn cut(names: &[&str]) -> String {
    let shown = names.len().min(NAMES_PER_LINE);
    let mut text = names[..shown].join(", ");
    if names.len() > shown {
        let _ = write!(text, " and {} more", names.len() - shown);
    }
    text
}

/// Every change, by class, strongest first: a Markdown list per class.
pub fn full_list(changes: &[Change]) -> String {
    let mut out = String::new();
    for (class, of_class) in by_class(changes) {
        let _ = writeln!(
            out,
            "### {} ({}): {}\n",
            heading(class),
            of_class.len(),
            class.meaning()
        );
        for change in of_class {
            let _ = writeln!(out, "- {}", markdown_line(change));
        }
        out.push('\n');
    }
    out
}

/// A class as a heading.
fn heading(class: Class) -> &'static str {
    match class {
        Class::Breaking => "Breaking",
        Class::BehaviourBreaking => "Behaviour-breaking",
        Class::Minor => "Minor",
        Class::Patch => "Patch",
    }
}

/// One change as a Markdown list item: subject in bold, what, items in code.
fn markdown_line(change: &Change) -> String {
    let subject = change.subject();
    let mut line = format!(
        "**{}**: {}",
        escape(&subject),
        escape(&change.what.join("; "))
    );
    if !change.items.is_empty() {
        let items: Vec<String> = change.items.iter().map(|i| format!("`{i}`")).collect();
        let _ = write!(line, " ({})", items.join(", "));
    }
    line
}

/// Text from a spec made safe for Markdown outside code spans: `*`, `_`, `[`, `<` escaped,
/// code spans (between backticks) kept as they are.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for ch in text.chars() {
        if ch == '`' {
            in_code = !in_code;
        } else if !in_code && matches!(ch, '*' | '_' | '[' | ']' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}
