//! `cargo xtask`: the project's own commands.
//!
//! - `cargo xtask regen [--check]`: generate `generated/` from `spec/`.
//! - `cargo xtask import-reference [--check]`: structure the captured connection-property
//!   reference into `spec/reference/`.
//! - `cargo xtask baseline <dir>`: write the plain-struct baseline crate of the compile-time
//!   benchmark into `<dir>` (outside the workspace).

use std::env;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use stitch_codegen::emit::{self, is_generated};
use stitch_codegen::import::reference::{CONNECTION_TYPES_FILE, CONNECTORS_DIR, import_reference};
use stitch_codegen::output::{Managed, OutputFile, Stale};
use stitch_codegen::spec::{RAW_REFERENCE_FILE, REFERENCE_DIR, load_spec, read};

const USAGE: &str = "usage: cargo xtask <command> [--check]

commands:
  regen              generate generated/ from spec/
  import-reference   structure spec/reference/connection-property-reference.txt
                     into spec/reference/connection-types.json and spec/reference/connectors/

  baseline <dir>     write the plain-struct baseline crate (compile-time benchmark) to <dir>

--check: change nothing; fail, naming the stale files, if the output differs";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    if let [command, dir] = args.as_slice()
        && command == "baseline"
    {
        return baseline(&env::current_dir().unwrap_or_default().join(dir));
    }
    let check = args.iter().any(|a| a == "--check");
    let unknown: Vec<&String> = args[1.min(args.len())..]
        .iter()
        .filter(|a| a.as_str() != "--check")
        .collect();
    if !unknown.is_empty() {
        eprintln!("error: unexpected argument {}\n\n{USAGE}", unknown[0]);
        return ExitCode::from(2);
    }
    if let Err(e) = env::set_current_dir(workspace_root()) {
        eprintln!("error: cannot enter the workspace root: {e}");
        return ExitCode::from(2);
    }
    match args.first().map(String::as_str) {
        Some("regen") => regen(check),
        Some("import-reference") => import(check),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn baseline(dir: &Path) -> ExitCode {
    if let Err(e) = env::set_current_dir(workspace_root()) {
        return fail(&format!("cannot enter the workspace root: {e}"));
    }
    let files = match load_spec(Path::new("spec")).and_then(|spec| emit::generate_baseline(&spec)) {
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

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn regen(check: bool) -> ExitCode {
    let spec = match load_spec(Path::new("spec")) {
        Ok(spec) => spec,
        Err(e) => return fail(&format!("regen stopped, generated/ is untouched: {e}")),
    };
    for notice in &spec.notices {
        eprintln!("notice: {notice}");
    }
    let files = match emit::generate(&spec) {
        Ok(files) => files,
        Err(e) => {
            return fail(&format!(
                "regen stopped, generated/ is untouched: emitted code does not parse: {e}"
            ));
        }
    };
    let owns = |_: &Path, contents: &str| is_generated(contents);
    let managed = Managed {
        root: Path::new("generated"),
        owns: &owns,
    };
    finish(&managed, &files, check, "cargo xtask regen")
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

fn finish(managed: &Managed<'_>, files: &[OutputFile], check: bool, command: &str) -> ExitCode {
    let result = if check {
        managed.check(files)
    } else {
        managed.write(files)
    };
    let changes: Vec<Stale> = match result {
        Ok(changes) => changes,
        Err(e) => return fail(&format!("cannot write {}: {e}", managed.root.display())),
    };
    if check && !changes.is_empty() {
        eprintln!(
            "error: {} is out of date with spec/ ({} file(s)):",
            managed.root.display(),
            changes.len()
        );
        for change in &changes {
            eprintln!("  {change}");
        }
        eprintln!("run `{command}` and commit the result");
        return ExitCode::FAILURE;
    }
    if check {
        println!(
            "{} is up to date ({} files)",
            managed.root.display(),
            files.len()
        );
    } else {
        for change in &changes {
            println!("  {change}");
        }
        println!(
            "{}: {} files, {} changed",
            managed.root.display(),
            files.len(),
            changes.len()
        );
    }
    ExitCode::SUCCESS
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}
