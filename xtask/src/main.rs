//! `cargo xtask`: the project's own commands (`regen`, `import-reference`, `import-docs`,
//! `capture`, `card-diff`, `drift`, `release`, `baseline`), declared with their arguments in [`cli::COMMANDS`]; `cargo xtask --help` lists
//! them.

#[cfg(feature = "capture")]
mod capture;
mod cli;

use std::env;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use stitch_codegen::drift::surface::Surface;
use stitch_codegen::import::api_docs::{api_model, is_api_model_file};
use stitch_codegen::import::card_captures::{card_captures, is_card_capture};
use stitch_codegen::import::docs_render::{docs_pages, is_docs_page};
use stitch_codegen::import::reference::{CONNECTION_TYPES_FILE, CONNECTORS_DIR, import_reference};
use stitch_codegen::json::At;
use stitch_codegen::model::release::{RELEASE_FILE, Release, parse_release};
use stitch_codegen::model::report_card::{ReportCard, read_report_card};
use stitch_codegen::normalize::card_diff::diff_cards;
use stitch_codegen::normalize::merge::merge_captures;
use stitch_codegen::output::{Managed, OutputFile, Stale};
use stitch_codegen::pipeline::{self, RegenError};
use stitch_codegen::spec::{RAW_REFERENCE_FILE, REFERENCE_DIR, load_spec, read};

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let invocation = match cli::parse(&args) {
        Ok(cli::Parsed::Run(invocation)) => invocation,
        Ok(cli::Parsed::Help(text)) => {
            println!("{text}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    // Paths given by the user are read from where they ran the command; the commands then
    // work from the workspace root.
    let here = env::current_dir().unwrap_or_default();
    let given = |i: usize| here.join(&invocation.positionals[i]);
    match invocation.command.name {
        "baseline" => baseline(&given(0)),
        "capture" => capture_command(&invocation, &here),
        "card-diff" if invocation.positionals.is_empty() => card_diff_head(),
        "card-diff" => card_diff(&given(0), &given(1)),
        "drift" if invocation.positionals.is_empty() => {
            drift_since_release(invocation.flag("--full"))
        }
        "drift" => drift(&given(0), &given(1), invocation.flag("--full")),
        "release" => release(
            invocation.given("--version").filter(|v| !v.is_empty()),
            invocation
                .given("--spec-of")
                .filter(|d| !d.is_empty())
                .map(|d| here.join(d)),
            invocation.given("--about").filter(|a| !a.is_empty()),
        ),
        name @ ("regen" | "import-reference" | "import-docs") => {
            if let Err(e) = env::set_current_dir(workspace_root()) {
                return fail(&format!("cannot enter the workspace root: {e}"));
            }
            let check = invocation.flag("--check");
            match name {
                "regen" => regen(check),
                "import-docs" => import_docs(check),
                _ => import(check),
            }
        }
        other => fail(&format!("the command {other} has no handler")),
    }
}

fn baseline(dir: &Path) -> ExitCode {
    if let Err(e) = env::set_current_dir(workspace_root()) {
        return fail(&format!("cannot enter the workspace root: {e}"));
    }
    let files =
        match load_spec(Path::new("spec")).and_then(|spec| pipeline::generate_baseline(&spec)) {
            Ok(files) => files,
            Err(e) => return fail(&format!("baseline stopped: {e}")),
        };
    for file in &files {
        let path = dir.join(&file.path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, &file.contents));
        if let Err(e) = written {
            return fail(&format!("cannot write {}: {e}", path.display()));
        }
    }
    println!("baseline: {} files in {}", files.len(), dir.display());
    ExitCode::SUCCESS
}

#[cfg(not(feature = "capture"))]
fn capture_command(_: &cli::Invocation, _: &Path) -> ExitCode {
    fail("this xtask was built without its `capture` feature (a default one)")
}

#[cfg(feature = "capture")]
fn capture_command(invocation: &cli::Invocation, here: &Path) -> ExitCode {
    let timeout = invocation.value("--timeout");
    let Ok(timeout_seconds) = timeout.parse::<u32>() else {
        return fail(&format!("--timeout takes whole seconds, not {timeout:?}"));
    };
    let backoff = invocation.value("--backoff-ms");
    let Ok(backoff_ms) = backoff.parse::<u64>() else {
        return fail(&format!("--backoff-ms takes milliseconds, not {backoff:?}"));
    };
    // The default is the workspace's spec/; a folder given is read from where the user is.
    let spec_dir = match invocation.given("--spec-dir") {
        Some(dir) => here.join(dir),
        None => workspace_root().join(invocation.value("--spec-dir")),
    };
    let options = capture::Options {
        base_url: invocation
            .value("--base-url")
            .trim_end_matches('/')
            .to_owned(),
        name: invocation.value("--name").to_owned(),
        spec_dir,
        timeout_seconds,
        backoff_ms,
    };
    let token = match env::var(capture::TOKEN_VARIABLE) {
        Ok(token) if !token.trim().is_empty() => token,
        _ => {
            return fail(&format!(
                "set {} to an API access token (it is sent as a bearer token)",
                capture::TOKEN_VARIABLE
            ));
        }
    };
    match capture::capture(&options, token.trim()) {
        Ok(changes) => {
            println!("captured into {}:", options.spec_dir.display());
            for change in &changes {
                println!("  {}", change.display());
            }
            if changes.is_empty() {
                println!("  (no change)");
            }
            println!("next: cargo xtask card-diff (what changed), then cargo xtask regen");
            ExitCode::SUCCESS
        }
        Err(message) => fail(&message),
    }
}

/// The cards at `path`: a spec folder (its merged cards), a card file, or a JSON list of cards
/// (a `GET /v4/*-types` response).
fn cards_at(path: &Path) -> Result<Vec<ReportCard>, String> {
    if path.is_dir() {
        let spec = load_spec(path).map_err(|e| e.to_string())?;
        let merged = merge_captures(&spec).map_err(|e| e.to_string())?;
        return Ok(merged.into_iter().map(|m| m.card).collect());
    }
    let text = read(path).map_err(|e| e.to_string())?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut notices = Vec::new();
    match &value {
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                read_report_card(&At::root(path, item), &mut notices)
                    .map_err(|e| format!("card {i}: {e}"))
            })
            .collect(),
        _ => read_report_card(&At::root(path, &value), &mut notices)
            .map(|card| vec![card])
            .map_err(|e| e.to_string()),
    }
}

fn card_diff(old: &Path, new: &Path) -> ExitCode {
    let (old_cards, new_cards) = match (cards_at(old), cards_at(new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return fail(&e),
    };
    let changes = diff_cards(&old_cards, &new_cards);
    if changes.is_empty() {
        println!("no changes between {} and {}", old.display(), new.display());
    } else {
        println!(
            "{} changes from {} to {}:",
            changes.len(),
            old.display(),
            new.display()
        );
        for change in &changes {
            println!("  {change}");
        }
    }
    ExitCode::SUCCESS
}

/// `cargo xtask drift OLD NEW`: the changes between the crates two specs generate, classified.
fn drift(old: &Path, new: &Path, full: bool) -> ExitCode {
    let (before, after) = match (pipeline::surface_of(old), pipeline::surface_of(new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return fail(&e.to_string()),
    };
    let from = format!("{} to {}", old.display(), new.display());
    print_drift(&from, env!("CARGO_PKG_VERSION"), &before, &after, full)
}

/// `cargo xtask drift`: the changes since the last release (`spec/release.json`).
fn drift_since_release(full: bool) -> ExitCode {
    if let Err(e) = env::set_current_dir(workspace_root()) {
        return fail(&format!("cannot enter the workspace root: {e}"));
    }
    let spec = Path::new("spec");
    let release = match last_release(spec) {
        Ok(Some(release)) => release,
        Ok(None) => return fail("no release is recorded (spec/release.json): give OLD and NEW"),
        Err(e) => return fail(&e),
    };
    let current = match pipeline::surface_of(spec) {
        Ok(surface) => surface,
        Err(e) => return fail(&e.to_string()),
    };
    let from = format!("release {} to spec/", release.version);
    print_drift(&from, &release.version, &release.surface, &current, full)
}

/// The last release recorded in `spec`, if any.
fn last_release(spec: &Path) -> Result<Option<Release>, String> {
    let file = spec.join(RELEASE_FILE);
    if !file.exists() {
        return Ok(None);
    }
    read(&file)
        .and_then(|text| parse_release(&file, &text))
        .map(Some)
        .map_err(|e| e.to_string())
}

/// Prints the classified changes from `before` (released as `version`) to `after`.
fn print_drift(
    from: &str,
    version: &str,
    before: &Surface,
    after: &Surface,
    full: bool,
) -> ExitCode {
    use stitch_codegen::drift::{classify, report};
    let changes = classify::classify(before, after);
    let next = classify::next_version(version, report::strongest(&changes))
        .unwrap_or_else(|| version.to_owned());
    println!(
        "drift from {from}: {}; stitch-connect-schema {version} -> {next}",
        report::counts(&changes)
    );
    print!("{}", report::summary(&changes));
    if full {
        print!("\n{}", report::full_list(&changes));
    }
    ExitCode::SUCCESS
}

/// `cargo xtask release`: records the crate `spec_of` (default `spec/`) generates as released
/// at `version` (default: the one its changes call for), said to be generated from `about`,
/// sets the workspace version, and regenerates.
fn release(version: Option<&str>, spec_of: Option<PathBuf>, about: Option<&str>) -> ExitCode {
    use stitch_codegen::drift::report::counts;
    use stitch_codegen::emit::changelog::{section_body, unreleased};
    use stitch_codegen::model::release::{Released, release_text};
    if let Err(e) = env::set_current_dir(workspace_root()) {
        return fail(&format!("cannot enter the workspace root: {e}"));
    }
    let spec = Path::new("spec");
    let spec_of_given = spec_of.is_some();
    let source = spec_of.unwrap_or_else(|| spec.to_path_buf());
    let current = match pipeline::surface_of(&source) {
        Ok(surface) => surface,
        Err(e) => return fail(&e.to_string()),
    };
    let last = match last_release(spec) {
        Ok(last) => last,
        Err(e) => return fail(&e),
    };
    let workspace_version = env!("CARGO_PKG_VERSION");
    let (needed, section, history) = match &last {
        Some(last) => {
            let (changes, next) = unreleased(last, &current);
            if changes.is_empty() {
                return fail(&format!(
                    "nothing changed since {}: no release to record",
                    last.version
                ));
            }
            let section = section_body(last, &changes, &next);
            println!("since {}: {}", last.version, counts(&changes));
            (next, section, last.history.clone())
        }
        None => (
            workspace_version.to_owned(),
            "The first recorded release.\n".to_owned(),
            Vec::new(),
        ),
    };
    let version = version.unwrap_or(&needed).to_owned();
    if !at_least(&version, &needed) {
        return fail(&format!(
            "the changes call for {needed} at least, not {version}"
        ));
    }
    let mut history = history;
    history.insert(
        0,
        Released {
            version: version.clone(),
            changes: section,
        },
    );
    let about = match (about, spec_of_given) {
        (Some(about), _) => about.to_owned(),
        (None, false) => format!("the crate generated from spec/ at version {version}"),
        // The record is committed: it says what that folder is, never where it was.
        (None, true) => return fail("--spec-of needs --about: say what that spec is"),
    };
    let record = Release {
        version: version.clone(),
        about,
        history,
        surface: current,
    };
    // The manifest and lock file first: a failure there leaves no release recorded.
    if let Err(e) = set_workspace_version(&version) {
        return fail(&e);
    }
    let lock = std::process::Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["update", "--workspace", "--offline", "--quiet"])
        .status();
    if !lock.is_ok_and(|status| status.success()) {
        return fail("cargo update --workspace failed: Cargo.lock keeps the old version");
    }
    let text = match release_text(&record) {
        Ok(text) => text,
        Err(e) => return fail(&e),
    };
    if let Err(e) = std::fs::write(spec.join(RELEASE_FILE), text) {
        return fail(&format!("cannot write spec/{RELEASE_FILE}: {e}"));
    }
    println!("recorded release {version} in spec/{RELEASE_FILE}; workspace version {version}");
    regen(false)
}

/// Whether the version `a` is at least `b` (`major.minor.patch`, compared as numbers).
fn at_least(a: &str, b: &str) -> bool {
    let numbers = |v: &str| -> Option<Vec<u64>> { v.split('.').map(|n| n.parse().ok()).collect() };
    match (numbers(a), numbers(b)) {
        (Some(a), Some(b)) if a.len() == 3 && b.len() == 3 => a >= b,
        _ => false,
    }
}

/// Sets `version` in the workspace's `[workspace.package]`.
fn set_workspace_version(version: &str) -> Result<(), String> {
    let text = std::fs::read_to_string("Cargo.toml").map_err(|e| format!("Cargo.toml: {e}"))?;
    let text = with_workspace_version(&text, version)
        .ok_or("Cargo.toml has no version in [workspace.package]")?;
    std::fs::write("Cargo.toml", text).map_err(|e| format!("Cargo.toml: {e}"))
}

/// `manifest` with the `version` of its `[workspace.package]` set to `version`, and so the
/// version its `[workspace.dependencies]` ask of the workspace's own crates (those with a
/// `path`: the published runtime); `None` when it has no package version.
fn with_workspace_version(manifest: &str, version: &str) -> Option<String> {
    let mut section = "";
    let mut done = false;
    let mut out = String::new();
    for line in manifest.lines() {
        if line.starts_with('[') {
            section = line.trim();
        }
        if section == "[workspace.package]" && !done && line.trim_start().starts_with("version =") {
            out.push_str(&format!("version = \"{version}\"\n"));
            done = true;
            continue;
        }
        if section == "[workspace.dependencies]"
            && line.contains("path = ")
            && let Some((head, tail)) = line.split_once("version = \"")
            && let Some((_, rest)) = tail.split_once('"')
        {
            out.push_str(&format!("{head}version = \"{version}\"{rest}\n"));
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    done.then_some(out)
}

/// git HEAD's `spec/` (extracted to a temporary folder) against the working tree's.
fn card_diff_head() -> ExitCode {
    if let Err(e) = env::set_current_dir(workspace_root()) {
        return fail(&format!("cannot enter the workspace root: {e}"));
    }
    let head = env::temp_dir().join(format!("stitch-card-diff-head-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&head);
    if let Err(e) = std::fs::create_dir_all(&head) {
        return fail(&format!("cannot create {}: {e}", head.display()));
    }
    let archive = std::process::Command::new("git")
        .args(["archive", "--format=tar", "HEAD", "spec"])
        .output();
    let extracted = archive.and_then(|archive| {
        if !archive.status.success() {
            return Err(std::io::Error::other(
                String::from_utf8_lossy(&archive.stderr).into_owned(),
            ));
        }
        let mut tar = std::process::Command::new("tar")
            .args(["-x", "-C"])
            .arg(&head)
            .stdin(std::process::Stdio::piped())
            .spawn()?;
        if let Some(stdin) = tar.stdin.as_mut() {
            std::io::Write::write_all(stdin, &archive.stdout)?;
        }
        tar.wait()
    });
    let code = match extracted {
        Ok(status) if status.success() => card_diff(&head.join("spec"), Path::new("spec")),
        Ok(status) => fail(&format!("tar failed: {status}")),
        Err(e) => fail(&format!("cannot read git HEAD's spec/: {e}")),
    };
    let _ = std::fs::remove_dir_all(&head);
    code
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn regen(check: bool) -> ExitCode {
    let root = Path::new("generated");
    let done = match pipeline::regen(Path::new("spec"), root, check) {
        Ok(done) => done,
        Err(RegenError::Spec(e)) => {
            return fail(&format!("regen stopped, generated/ is untouched: {e}"));
        }
        Err(RegenError::Io(e)) => return fail(&format!("cannot write {}: {e}", root.display())),
    };
    for notice in &done.notices {
        eprintln!("notice: {notice}");
    }
    if let Some(line) = &done.since_release {
        println!("{line} (CHANGELOG.md; `cargo xtask drift` for a summary)");
    }
    report(root, done.files, &done.changes, check, "cargo xtask regen")
}

fn import(check: bool) -> ExitCode {
    let raw = Path::new("spec")
        .join(REFERENCE_DIR)
        .join(RAW_REFERENCE_FILE);
    let imported = match read(&raw).and_then(|text| import_reference(&raw, &text)) {
        Ok(imported) => imported,
        Err(e) => return fail(&format!("import stopped, spec/ is untouched: {e}")),
    };
    let files: Vec<OutputFile> = imported
        .files()
        .into_iter()
        .map(|(path, contents)| OutputFile { path, contents })
        .collect();
    let root = Path::new("spec").join(REFERENCE_DIR);
    let types_file = root.join(CONNECTION_TYPES_FILE);
    let connectors_dir = root.join(CONNECTORS_DIR);
    let owns = |path: &Path, _: &str| {
        path == types_file
            || (path.parent() == Some(connectors_dir.as_path())
                && path.extension().is_some_and(|e| e == "json"))
    };
    let managed = Managed {
        root: &root,
        owns: &owns,
    };
    println!(
        "{} connection types, {} documented connectors",
        imported.connection_types.len(),
        imported.connectors.len()
    );
    finish(&managed, &files, check, "cargo xtask import-reference")
}

fn import_docs(check: bool) -> ExitCode {
    let spec = Path::new("spec");
    let mut notices = Vec::new();
    let cards = match card_captures(spec, &mut notices) {
        Ok(files) => files,
        Err(e) => return fail(&format!("import stopped, spec/ is untouched: {e}")),
    };
    let pages = match docs_pages(spec, &mut notices) {
        Ok(files) => files,
        Err(e) => return fail(&format!("import stopped, spec/ is untouched: {e}")),
    };
    let api = match api_model(spec, &mut notices) {
        Ok(files) => files,
        Err(e) => return fail(&format!("import stopped, spec/ is untouched: {e}")),
    };
    for notice in &notices {
        eprintln!("notice: {notice}");
    }
    let owns = |path: &Path, _: &str| {
        is_card_capture(spec, path) || is_docs_page(spec, path) || is_api_model_file(spec, path)
    };
    let managed = Managed {
        root: spec,
        owns: &owns,
    };
    println!(
        "{} report cards, {} connector pages and {} API reference files from the documentation",
        cards.len() / 2,
        pages.len(),
        api.len()
    );
    let mut files = cards;
    files.extend(pages);
    files.extend(api);
    finish(&managed, &files, check, "cargo xtask import-docs")
}

fn finish(managed: &Managed<'_>, files: &[OutputFile], check: bool, command: &str) -> ExitCode {
    let result = if check {
        managed.check(files)
    } else {
        managed.write(files)
    };
    match result {
        Ok(changes) => report(managed.root, files.len(), &changes, check, command),
        Err(e) => fail(&format!("cannot write {}: {e}", managed.root.display())),
    }
}

/// Prints what a write or check of `root` found; a check with stale files fails.
fn report(root: &Path, files: usize, changes: &[Stale], check: bool, command: &str) -> ExitCode {
    if check && !changes.is_empty() {
        eprintln!(
            "error: {} is out of date with spec/ ({} file(s)):",
            root.display(),
            changes.len()
        );
        for change in changes {
            eprintln!("  {change}");
        }
        eprintln!("run `{command}` and commit the result");
        return ExitCode::FAILURE;
    }
    if check {
        println!("{} is up to date ({files} files)", root.display());
    } else {
        for change in changes {
            println!("  {change}");
        }
        println!(
            "{}: {files} files, {} changed",
            root.display(),
            changes.len()
        );
    }
    ExitCode::SUCCESS
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

#[cfg(test)]
mod tests {
    use super::{at_least, with_workspace_version};

    #[test]
    fn versions_compare_as_numbers() {
        assert!(at_least("0.10.0", "0.9.3"));
        assert!(at_least("0.2.0", "0.2.0"));
        assert!(!at_least("0.1.9", "0.2.0"));
        assert!(!at_least("1.0", "0.2.0"));
    }

    /// Only the workspace package's version changes.
    #[test]
    fn the_workspace_version_is_set() {
        let manifest = "[package]\nversion = \"9.9.9\"\n[workspace.package]\nversion = \"0.1.0\"\nedition = \"2024\"\n[workspace.dependencies]\nserde = { version = \"1\" }\nrt = { path = \"rt\", version = \"0.1.0\" }\n";
        assert_eq!(
            with_workspace_version(manifest, "0.2.0").as_deref(),
            Some(
                "[package]\nversion = \"9.9.9\"\n[workspace.package]\nversion = \"0.2.0\"\nedition = \"2024\"\n[workspace.dependencies]\nserde = { version = \"1\" }\nrt = { path = \"rt\", version = \"0.2.0\" }\n"
            )
        );
        assert_eq!(
            with_workspace_version("[package]\nversion = \"1.0.0\"\n", "2.0.0"),
            None
        );
    }
}
