#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Every connector page of the documentation source reads into the page model
//! (`import::docs_pages`): 131 sources and 11 destinations, one page per API type, each
//! property with its step, flags and sub-properties; the one page whose YAML the reader refuses
//! is named with the line and the problem.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use stitch_codegen::import::docs_pages::{DocsPage, PageStep, read_page};
use stitch_codegen::model::reference::Kind;

fn pages_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../spec/docs/_developer-files/connect/api/objects/form-properties")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Every page read, and the errors of those that cannot be.
fn pages() -> (Vec<DocsPage>, Vec<String>) {
    let mut paths = Vec::new();
    files(&pages_dir(), &mut paths);
    paths.sort();
    let mut pages = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let text = fs::read_to_string(&path).unwrap();
        match read_page(&path, &text, &mut Vec::new()) {
            Ok(page) => pages.push(page),
            Err(error) => errors.push(error.to_string()),
        }
    }
    (pages, errors)
}

fn page<'p>(pages: &'p [DocsPage], api_type: &str) -> &'p DocsPage {
    pages.iter().find(|p| p.api_type == api_type).unwrap()
}

#[test]
fn every_page_reads_but_one_and_each_api_type_has_one_page() {
    let (pages, errors) = pages();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].contains("xero-object.md") && errors[0].contains("duplicated key"),
        "{errors:#?}"
    );
    let sources = pages.iter().filter(|p| p.kind == Kind::Source).count();
    let destinations = pages.iter().filter(|p| p.kind == Kind::Destination).count();
    // 131 sources with Xero's.
    assert_eq!((sources + 1, destinations), (131, 11));
    let types: BTreeSet<&str> = pages.iter().map(|p| p.api_type.as_str()).collect();
    assert_eq!(types.len(), pages.len());
    let properties: usize = pages.iter().map(|p| p.properties.len()).sum();
    let oauth = pages
        .iter()
        .flat_map(|p| &p.properties)
        .filter(|p| p.step == PageStep::Oauth)
        .count();
    // Without Xero's (PyYAML counts the same on the other 141 pages).
    assert_eq!((properties, oauth), (458, 125));
    // Deprecated pages name their replacement.
    let postgres = page(&pages, "platform.postgres");
    let deprecation = postgres.deprecated.as_ref().unwrap();
    assert_eq!(
        deprecation.use_instead.as_deref(),
        Some("platform.hp-postgres")
    );
    assert_eq!(deprecation.as_of.as_deref(), Some("June 2, 2021"));
    assert_eq!(pages.iter().filter(|p| p.deprecated.is_some()).count(), 3);
    assert!(page(&pages, "import_api").flags.override_attributes);
}

#[test]
fn a_page_gives_flags_steps_credentials_and_sub_properties() {
    let (pages, _) = pages();
    let mysql = page(&pages, "platform.mysql");
    // What the renderer does not model stays in the front matter, for the templates.
    assert_eq!(mysql.front_matter["source-type"], "database");
    assert_eq!(mysql.db_type.as_deref(), Some("mysql"));
    assert!(mysql.flags.common_fields && mysql.flags.feature_fields && !mysql.flags.start_date);
    let check_hostname = mysql
        .properties
        .iter()
        .find(|p| p.name == "check_hostname")
        .unwrap();
    assert_eq!(check_hostname.step, PageStep::Form);
    assert_eq!(check_hostname.example.as_deref(), Some("true"));
    // Inline code is kept as the page writes it.
    assert!(check_hostname.description.contains("- `true`"));
    let filter_dbs = mysql
        .properties
        .iter()
        .find(|p| p.name == "filter_dbs")
        .unwrap();
    assert!(filter_dbs.internal && !filter_dbs.required);

    let trello = page(&pages, "platform.trello");
    assert!(trello.flags.start_date);
    let credentials: Vec<&str> = trello
        .properties
        .iter()
        .filter(|p| p.step == PageStep::Oauth && p.credential && p.required)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        credentials,
        [
            "access_token",
            "access_token_secret",
            "consumer_key",
            "consumer_secret"
        ]
    );

    // GA4's report definitions list the keys of each report.
    let ga4 = page(&pages, "platform.ga4");
    let reports = ga4
        .properties
        .iter()
        .find(|p| !p.sub_properties.is_empty())
        .unwrap();
    assert_eq!(reports.step, PageStep::Form);
    let keys: Vec<(&str, bool)> = reports
        .sub_properties
        .iter()
        .map(|s| (s.name.as_str(), s.required))
        .collect();
    assert_eq!(keys, [("id", true), ("name", true)]);
    assert!(reports.sub_properties[0].path.contains("subattributes[0]"));
}

#[test]
fn a_page_without_its_api_type_is_an_error_at_the_key() {
    let file = Path::new("x-object.md");
    let text = "---\nform-type: \"source\"\ndisplay-name: \"X\"\ndocs-name: \"x\"\n---\n";
    let error = read_page(file, text, &mut Vec::new()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("missing required key \"api-type\""),
        "{error}"
    );
    let text =
        "---\napi-type: \"x\"\nform-type: \"sink\"\ndisplay-name: \"X\"\ndocs-name: \"x\"\n---\n";
    let error = read_page(file, text, &mut Vec::new()).unwrap_err();
    assert!(error.to_string().contains("$.form-type"), "{error}");
    let text = "---\napi-type: \"x\"\nform-type: \"source\"\ndisplay-name: \"X\"\ndocs-name: \"x\"\nobject-attributes:\n  - name: \"a\"\n    type: \"string\"\n    required: \"maybe\"\n---\n";
    let error = read_page(file, text, &mut Vec::new()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("$.object-attributes[0].required"),
        "{error}"
    );
}
