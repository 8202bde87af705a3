//! The drift classification on fixture pairs (issue 19): each case of `tests/drift/cases.json`
//! edits a copy of `tests/drift/base/spec`, and the changes between the crates the two specs
//! generate must be exactly the expected ones, with the expected next version.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;
use stitch_codegen::drift::classify::{Class, classify, next_version};
use stitch_codegen::drift::report;
use stitch_codegen::pipeline::surface_of;
use stitch_tests::{copy_dir, workspace_root};

/// One expected or found change: class, connection type (or `common`), property or shared
/// type name.
type Key = (String, String, Option<String>);

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn write(path: &Path, value: &Value) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, serde_json::to_string_pretty(value).unwrap() + "\n").unwrap();
}

/// The parent of the JSON pointer `pointer` in `doc`, and its last token.
fn parent<'a>(doc: &'a mut Value, pointer: &str) -> (&'a mut Value, String) {
    let (head, last) = pointer.rsplit_once('/').expect("a pointer below the root");
    let parent = doc.pointer_mut(head).unwrap_or_else(|| panic!("no {head}"));
    (parent, last.replace("~1", "/").replace("~0", "~"))
}

/// Applies one edit to the spec at `root`.
fn apply(root: &Path, edit: &Value) {
    let file = root.join(edit["file"].as_str().unwrap());
    let op = edit["op"].as_str().unwrap();
    match op {
        "delete" => {
            std::fs::remove_file(&file).unwrap();
            // A folder left empty goes too (a type's folder without captures is malformed).
            let _ = std::fs::remove_dir(file.parent().unwrap());
        }
        "copy" => {
            let source = read(&root.join(edit["source"].as_str().unwrap()));
            write(&file, &source);
        }
        "add" | "replace" | "remove" => {
            let mut doc = read(&file);
            let pointer = edit["path"].as_str().unwrap();
            let (parent, last) = parent(&mut doc, pointer);
            let value = edit.get("value").cloned();
            match (parent, op) {
                (Value::Array(items), "add") if last == "-" => items.push(value.unwrap()),
                (Value::Array(items), "add") => items.insert(last.parse().unwrap(), value.unwrap()),
                (Value::Array(items), "replace") => {
                    items[last.parse::<usize>().unwrap()] = value.unwrap()
                }
                (Value::Array(items), "remove") => {
                    items.remove(last.parse().unwrap());
                }
                (Value::Object(map), "add" | "replace") => {
                    map.insert(last, value.unwrap());
                }
                (Value::Object(map), "remove") => {
                    map.remove(&last).unwrap();
                }
                _ => panic!("cannot {op} at {pointer}"),
            }
            write(&file, &doc);
        }
        other => panic!("unknown op {other}"),
    }
}

fn expected(case: &Value) -> BTreeSet<Key> {
    case["expect"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let class = e["class"].as_str().unwrap().to_owned();
            match e.get("shared") {
                Some(name) => (class, "common".to_owned(), name.as_str().map(str::to_owned)),
                None => (
                    class,
                    e["type"].as_str().unwrap().to_owned(),
                    e.get("property").and_then(Value::as_str).map(str::to_owned),
                ),
            }
        })
        .collect()
}

/// The spec of each case in a fresh folder below `root`, named after the case (the base as
/// `base`), with `each(name, spec folder)` called on each.
fn each_case(root: &Path, mut each: impl FnMut(&str, &Path, &Value)) {
    let fixtures = workspace_root().join("tests/drift");
    let base = fixtures.join("base/spec");
    let cases = read(&fixtures.join("cases.json"));
    for case in cases["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let dir = root.join(name.replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(&base, &dir);
        for edit in case["edits"].as_array().unwrap() {
            apply(&dir, edit);
        }
        each(name, &dir, case);
    }
}

/// Not a test of this suite: writes the crate of the base spec and of each case's spec under
/// `$DRIFT_CRATES` (`base/`, then one folder per case) and, in `cases.tsv`, each case's
/// folder with the strongest class we find, for `tests/drift/semver-checks.sh` to compare with
/// `cargo-semver-checks`.
#[test]
#[ignore = "writes crates for tests/drift/semver-checks.sh"]
fn write_fixture_crates() {
    let out = std::path::PathBuf::from(std::env::var("DRIFT_CRATES").expect("DRIFT_CRATES"));
    let specs = out.join("specs");
    let write = |spec_dir: &Path, crate_dir: &Path| {
        let spec = stitch_codegen::load_spec(spec_dir).unwrap();
        let files = stitch_codegen::generate(&spec).unwrap();
        stitch_tests::write_generated_crate(&files, crate_dir);
    };
    let base = workspace_root().join("tests/drift/base/spec");
    write(&base, &out.join("base"));
    let before = surface_of(&base).unwrap();
    // Per case: its folder's name and the strongest class we find.
    let mut table = String::new();
    each_case(&specs, |_, spec_dir, _| {
        let slug = spec_dir.file_name().unwrap().to_str().unwrap();
        write(spec_dir, &out.join(slug));
        let changes = classify(&before, &surface_of(spec_dir).unwrap());
        let class = report::strongest(&changes).map_or("none", Class::name);
        table.push_str(&format!("{slug}\t{class}\n"));
    });
    std::fs::write(out.join("cases.tsv"), table).unwrap();
}

/// Every kind of change the issue lists, each alone: exactly its changes, at its class, with
/// its version; and every change names a Rust item unless it is documentation only or an
/// addition of a listed type.
#[test]
fn every_kind_of_change_is_classified() {
    let base = workspace_root().join("tests/drift/base/spec");
    let before = surface_of(&base).unwrap();
    let mut kinds_of_class: BTreeSet<Class> = BTreeSet::new();
    let root = std::env::temp_dir().join(format!("stitch-drift-{}", std::process::id()));
    each_case(&root, |name, dir, case| {
        let after = surface_of(dir).unwrap_or_else(|e| panic!("{name}: {e}"));
        let changes = classify(&before, &after);
        let found: BTreeSet<Key> = changes
            .iter()
            .map(|c| {
                (
                    c.class.name().to_owned(),
                    c.scope.clone(),
                    c.property.clone(),
                )
            })
            .collect();
        let listed: Vec<String> = changes.iter().map(ToString::to_string).collect();
        assert_eq!(found, expected(case), "{name}:\n{}", listed.join("\n"));
        assert_eq!(found.len(), changes.len(), "{name}: one change per subject");
        for change in &changes {
            assert!(
                !change.items.is_empty() || change.class <= Class::Minor,
                "{name}: {change} names no Rust item"
            );
        }
        let version = next_version("0.1.0", report::strongest(&changes));
        assert_eq!(version.as_deref(), case["version"].as_str(), "{name}");
        kinds_of_class.extend(report::strongest(&changes));
    });
    std::fs::remove_dir_all(&root).unwrap();
    // Every class is shown by some case.
    assert_eq!(kinds_of_class.len(), Class::STRONGEST_FIRST.len());
}

/// The version rule: before 1.0 a breaking change bumps the minor number; from 1.0 the
/// major; additions the minor (patch before 1.0); no change keeps the version.
#[test]
fn versions_follow_cargo_semver() {
    let cases = [
        ("0.1.3", Some(Class::Breaking), "0.2.0"),
        ("0.1.3", Some(Class::BehaviourBreaking), "0.2.0"),
        ("0.1.3", Some(Class::Minor), "0.1.4"),
        ("0.1.3", Some(Class::Patch), "0.1.4"),
        ("1.4.2", Some(Class::BehaviourBreaking), "2.0.0"),
        ("1.4.2", Some(Class::Minor), "1.5.0"),
        ("1.4.2", Some(Class::Patch), "1.4.3"),
        ("1.4.2", None, "1.4.2"),
    ];
    for (current, class, next) in cases {
        assert_eq!(
            next_version(current, class).as_deref(),
            Some(next),
            "{current} {class:?}"
        );
    }
    assert_eq!(next_version("1.4", Some(Class::Minor)), None);
}

/// Regen's changelog against a recorded release: the changes since it by class, with the
/// version they call for; none when the spec is the released one; the release record reads
/// back what was written.
#[test]
fn the_changelog_lists_the_changes_since_the_release() {
    use stitch_codegen::emit::changelog::changelog_md;
    use stitch_codegen::model::release::{Release, Released, parse_release, release_text};
    let base = workspace_root().join("tests/drift/base/spec");
    let released = surface_of(&base).unwrap();
    let release = Release {
        version: "0.3.1".to_owned(),
        about: "the base fixture".to_owned(),
        history: vec![Released {
            version: "0.3.1".to_owned(),
            changes: "Fixed the widgets.".to_owned(),
        }],
        surface: released.clone(),
    };
    let text = release_text(&release).unwrap();
    assert_eq!(
        parse_release(Path::new("release.json"), &text).unwrap(),
        release
    );

    let same = changelog_md(Some(&release), &released).contents;
    assert!(
        same.contains("## Unreleased\n\nNo changes since 0.3.1."),
        "{same}"
    );
    assert!(same.contains("## 0.3.1\n\nFixed the widgets."), "{same}");

    let root = std::env::temp_dir().join(format!("stitch-changelog-{}", std::process::id()));
    let mut checked = 0;
    each_case(&root, |name, dir, _| {
        if name != "a property removed" {
            return;
        }
        let text = changelog_md(Some(&release), &surface_of(dir).unwrap()).contents;
        assert!(text.contains("## Unreleased: 0.4.0 (suggested)"), "{text}");
        assert!(
            text.contains("### Breaking (2): code that uses these items may stop compiling"),
            "{text}"
        );
        assert!(
            text.contains("- **platform.drift-shop / form / page\\_size**: field removed"),
            "{text}"
        );
        // The unreleased section comes before the history.
        assert!(text.find("## Unreleased") < text.find("## 0.3.1"));
        checked += 1;
    });
    std::fs::remove_dir_all(&root).unwrap();
    assert_eq!(checked, 1);

    let none = changelog_md(None, &released).contents;
    assert!(none.contains("No release is recorded yet"), "{none}");
}
