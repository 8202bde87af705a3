//! `cargo xtask import-reference` reproduces the checked-in structured reference byte for byte,
//! and nothing of the raw capture is lost on the way.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use stitch_codegen::import::reference::{CONNECTORS_DIR, ImportedReference, import_reference};
use stitch_codegen::spec::{RAW_REFERENCE_FILE, REFERENCE_DIR};
use stitch_tests::spec_root;

fn raw_text() -> String {
    fs::read_to_string(spec_root().join(REFERENCE_DIR).join(RAW_REFERENCE_FILE)).unwrap()
}

fn imported() -> ImportedReference {
    let file = PathBuf::from("spec/reference").join(RAW_REFERENCE_FILE);
    import_reference(&file, &raw_text()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn import_reproduces_the_checked_in_files_byte_for_byte() {
    let reference = spec_root().join(REFERENCE_DIR);
    let produced = imported().files();
    for (path, contents) in &produced {
        let on_disk = fs::read_to_string(reference.join(path)).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run `cargo xtask import-reference`",
                path.display()
            )
        });
        assert!(
            on_disk == *contents,
            "{} differs from what the importer produces; run `cargo xtask import-reference`",
            path.display()
        );
    }
    // No connector file on disk that the importer no longer produces.
    let mut on_disk: Vec<PathBuf> = fs::read_dir(reference.join(CONNECTORS_DIR))
        .unwrap()
        .map(|e| PathBuf::from(CONNECTORS_DIR).join(e.unwrap().file_name()))
        .collect();
    on_disk.sort();
    let mut expected: Vec<PathBuf> = produced
        .iter()
        .map(|(p, _)| p.clone())
        .filter(|p| p.starts_with(CONNECTORS_DIR))
        .collect();
    expected.sort();
    assert_eq!(on_disk, expected);
}

#[test]
fn import_is_deterministic() {
    assert_eq!(imported().files(), imported().files());
}

/// Counts straight from the raw text, with line tests independent of the importer: a property
/// is a name line followed by a line of the form `WORD[/WORD] WORD |` whose words are capitals.
fn raw_properties_by_connector(text: &str) -> BTreeMap<String, Vec<String>> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| *l == "All connection property objects")
        .unwrap();
    let mut by_connector: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut current = String::new();
    for i in start + 1..lines.len() {
        let line = lines[i];
        if line.starts_with("The ") && line.ends_with(" connection property object") {
            current = line.to_owned();
            by_connector.insert(current.clone(), Vec::new());
            continue;
        }
        let next = lines.get(i + 1).copied().unwrap_or("");
        let words: Vec<&str> = next.split(' ').collect();
        let is_type_line = words.len() == 3
            && words[2] == "|"
            && ["STRING", "INTEGER", "OBJECT", "ARRAY", "STRING/INTEGER"].contains(&words[0])
            && ["REQUIRED", "OPTIONAL", "INTERNAL", "READ-ONLY"].contains(&words[1]);
        if is_type_line {
            by_connector
                .get_mut(&current)
                .unwrap()
                .push(line.to_owned());
        }
    }
    by_connector
}

#[test]
fn every_connector_and_property_of_the_capture_is_present() {
    let text = raw_text();
    let raw = raw_properties_by_connector(&text);
    assert_eq!(raw.len(), 63, "connector headings in the raw text");
    assert_eq!(raw.values().map(Vec::len).sum::<usize>(), 477);
    // Every type-looking line in the connector part is one the count above recognised.
    let start = text.find("All connection property objects").unwrap();
    let type_lines = text[start..]
        .lines()
        .filter(|l| {
            l.ends_with(" |")
                && l.split(' ').count() == 3
                && l.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && l.split(' ')
                    .next()
                    .is_some_and(|w| w.chars().all(|c| c.is_ascii_uppercase() || c == '/'))
        })
        .count();
    assert_eq!(type_lines, 477);

    let imported = imported();
    assert_eq!(imported.connectors.len(), raw.len());
    for connector in &imported.connectors {
        let heading = format!(
            "The {} {} connection property object",
            connector.display_name,
            connector.kind.as_str()
        );
        let raw_names = raw
            .get(&heading)
            .unwrap_or_else(|| panic!("no heading {heading:?} in the raw text"));
        let names: Vec<&String> = connector.properties.iter().map(|p| &p.name).collect();
        assert_eq!(
            names,
            raw_names.iter().collect::<Vec<_>>(),
            "{}",
            connector.api_type
        );
    }
}

#[test]
fn every_example_caption_becomes_an_example_with_its_raw_text() {
    let text = raw_text();
    let captions = text
        .lines()
        .filter(|l| l.starts_with("Example ") && l.contains(" connection property object with "))
        .count();
    let imported = imported();
    let examples: Vec<_> = imported
        .connectors
        .iter()
        .flat_map(|c| &c.examples)
        .collect();
    assert_eq!(examples.len(), captions);
    for example in examples {
        assert!(
            text.contains(&example.raw),
            "raw text of {:?} is not verbatim",
            example.title
        );
        if let Some(value) = &example.value {
            assert_eq!(
                *value,
                serde_json::from_str::<serde_json::Value>(&example.raw).unwrap()
            );
        }
    }
}

#[test]
fn descriptions_keep_the_captured_words() {
    let imported = imported();
    let s3 = imported
        .connectors
        .iter()
        .find(|c| c.api_type == "s3")
        .unwrap();
    let format = s3
        .properties
        .iter()
        .find(|p| p.name == "output_file_format")
        .unwrap();
    assert!(
        format
            .description
            .starts_with("Defines the type of file Stitch will write")
    );
    assert!(!format.description.contains('|'));
    // A description spread over lines keeps each line, in order, without the cell's `|`.
    let tpl = imported
        .connectors
        .iter()
        .find(|c| c.api_type == "platform.3plcentral")
        .unwrap();
    let frequency = tpl
        .properties
        .iter()
        .find(|p| p.name == "frequency_in_minutes")
        .unwrap();
    let lines: Vec<&str> = frequency.description.lines().collect();
    assert_eq!(lines.len(), 2, "{:?}", frequency.description);
    assert!(lines[0].ends_with("Accepted values are:"), "{lines:?}");
    assert!(
        lines[1].starts_with("Refer to the Replication Scheduling"),
        "{lines:?}"
    );
    assert!(lines[1].ends_with("using the API."), "{lines:?}");
}
