//! `CHANGELOG.md`: what changed since the last release (`spec/release.json`), classified by
//! what it does to users (`drift`), with the version it calls for; then each release's
//! section, newest first.

use std::fmt::Write as _;

use super::drift_report::MARKDOWN_HEADER;
use crate::drift::classify::{Change, classify, next_version};
use crate::drift::report;
use crate::drift::surface::Surface;
use crate::model::release::Release;
use crate::output::OutputFile;

/// The changes since `release` and the version they call for.
pub fn unreleased(release: &Release, current: &Surface) -> (Vec<Change>, String) {
    let changes = classify(&release.surface, current);
    let next = next_version(&release.version, report::strongest(&changes))
        .unwrap_or_else(|| release.version.clone());
    (changes, next)
}

/// The line regen prints: the counts since the release and the suggested version.
pub fn summary_line(release: &Release, changes: &[Change], next: &str) -> String {
    format!(
        "since {}: {}; suggested version {next}",
        release.version,
        report::counts(changes)
    )
}

/// The Markdown of the changes since `release` (a changelog section's body).
pub fn section_body(release: &Release, changes: &[Change], next: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} since {} ({}); they call for version {next}.\n",
        report::counts(changes),
        release.version,
        release.about
    );
    out.push_str(&report::full_list(changes));
    out
}

/// The changelog.
pub fn changelog_md(release: Option<&Release>, current: &Surface) -> OutputFile {
    let mut out = String::new();
    let _ = writeln!(out, "{MARKDOWN_HEADER}");
    out.push_str("# Changelog of stitch-connect-schema\n\n");
    out.push_str(
        "Written by `cargo xtask regen`: the changes since the last release, each classified by \
         what it does to users (breaking: code may stop compiling; behaviour-breaking: values \
         accepted before may be refused; minor: additions; patch: documentation), then each \
         release's, newest first. `cargo xtask release` records a release.\n\n",
    );
    let Some(release) = release else {
        out.push_str("No release is recorded yet (`spec/release.json`).\n");
        return file(out);
    };
    let (changes, next) = unreleased(release, current);
    if changes.is_empty() {
        let _ = writeln!(
            out,
            "## Unreleased\n\nNo changes since {}.\n",
            release.version
        );
    } else {
        let _ = writeln!(out, "## Unreleased: {next} (suggested)\n");
        out.push_str(&section_body(release, &changes, &next));
    }
    for released in &release.history {
        let _ = writeln!(out, "## {}\n", released.version);
        out.push_str(released.changes.trim_end());
        out.push_str("\n\n");
    }
    file(out.trim_end().to_owned() + "\n")
}

fn file(contents: String) -> OutputFile {
    OutputFile {
        path: "CHANGELOG.md".into(),
        contents,
    }
}
