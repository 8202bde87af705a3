//! The output stage: `--check` names every stale file; writing replaces exactly the managed files.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

use stitch_codegen::emit::{GENERATED_HEADER, is_generated};
use stitch_codegen::output::{Managed, OutputFile, Stale};

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("stitch-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn file(path: &str, body: &str) -> OutputFile {
    OutputFile {
        path: path.into(),
        contents: format!("{GENERATED_HEADER}\n{body}\n"),
    }
}

#[test]
fn check_names_missing_stale_and_obsolete_files_and_write_fixes_them() {
    let dir = TempDir::new("check");
    let owns = |_: &Path, contents: &str| is_generated(contents);
    let managed = Managed {
        root: &dir.0,
        owns: &owns,
    };
    let files = vec![
        file("src/lib.rs", "pub mod a;"),
        file("src/a.rs", "pub struct A;"),
    ];

    assert_eq!(
        managed.check(&files).unwrap(),
        [
            Stale::Missing(dir.0.join("src/lib.rs")),
            Stale::Missing(dir.0.join("src/a.rs"))
        ]
    );
    managed.write(&files).unwrap();
    assert!(managed.check(&files).unwrap().is_empty());

    fs::write(dir.0.join("src/a.rs"), "edited by hand").unwrap();
    fs::write(dir.0.join("src/old.rs"), format!("{GENERATED_HEADER}\n")).unwrap();
    fs::write(dir.0.join("Cargo.toml"), "[package]\n").unwrap();
    assert_eq!(
        managed.check(&files).unwrap(),
        [
            Stale::Different(dir.0.join("src/a.rs")),
            Stale::Extra(dir.0.join("src/old.rs"))
        ],
        "a file without the generated header (Cargo.toml) is not the generator's"
    );

    managed.write(&files).unwrap();
    assert!(managed.check(&files).unwrap().is_empty());
    assert!(!dir.0.join("src/old.rs").exists());
    assert_eq!(
        fs::read_to_string(dir.0.join("Cargo.toml")).unwrap(),
        "[package]\n"
    );
    assert_eq!(
        fs::read_to_string(dir.0.join("src/a.rs")).unwrap(),
        files[1].contents
    );
    let leftovers: Vec<_> = fs::read_dir(dir.0.join("src"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with('~'))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn writing_unchanged_files_touches_nothing() {
    let dir = TempDir::new("unchanged");
    let owns = |_: &Path, contents: &str| is_generated(contents);
    let managed = Managed {
        root: &dir.0,
        owns: &owns,
    };
    let files = vec![file("lib.rs", "")];
    assert_eq!(managed.write(&files).unwrap().len(), 1);
    let before = fs::metadata(dir.0.join("lib.rs"))
        .unwrap()
        .modified()
        .unwrap();
    assert!(managed.write(&files).unwrap().is_empty());
    let after = fs::metadata(dir.0.join("lib.rs"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after);
}

#[test]
fn a_write_that_fails_leaves_the_folder_as_it_was() {
    let dir = TempDir::new("atomic");
    let owns = |_: &Path, contents: &str| is_generated(contents);
    let managed = Managed {
        root: &dir.0,
        owns: &owns,
    };
    let before = vec![file("a.rs", "old a"), file("z.rs", "old z")];
    managed.write(&before).unwrap();
    // `b/c.rs` cannot be written: `b` is a file. `a.rs` and `z.rs` would change too.
    fs::write(dir.0.join("b"), "a file where a folder is needed").unwrap();
    let after = vec![
        file("a.rs", "new a"),
        file("b/c.rs", "new c"),
        file("z.rs", "new z"),
    ];
    assert!(managed.write(&after).is_err());
    assert_eq!(
        fs::read_to_string(dir.0.join("a.rs")).unwrap(),
        before[0].contents
    );
    assert_eq!(
        fs::read_to_string(dir.0.join("z.rs")).unwrap(),
        before[1].contents
    );
    let left: Vec<_> = fs::read_dir(&dir.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!left.iter().any(|name| name.ends_with("tmp~")), "{left:?}");
}
