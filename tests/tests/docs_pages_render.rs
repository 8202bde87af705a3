#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The connector pages as `cargo xtask import-docs` renders them (`spec/docs-pages`) agree with
//! the published site, which the scraped reference (`spec/reference/connectors`) is a copy of:
//! for each of the 63 connectors both hold, the same properties in the same steps (so the
//! include rule for shared properties and the layout's variables are the site's), the same
//! statuses and types, and the same example values, but for the listed changes the pages made
//! since the reference was scraped. And the pages say what the reference lost: inline code,
//! sub-properties.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use serde_json::Value;
use stitch_codegen::model::reference::{
    DocType, RefStep, ReferenceConnector, Shape, Status, parse_connector,
};

fn load(dir: &Path) -> BTreeMap<String, ReferenceConnector> {
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(dir).unwrap() {
        let file = entry.unwrap().path();
        let connector = parse_connector(&file, &fs::read_to_string(&file).unwrap()).unwrap();
        out.insert(connector.api_type.clone(), connector);
    }
    out
}

fn pages() -> BTreeMap<String, ReferenceConnector> {
    load(&stitch_tests::spec_root().join("docs-pages"))
}

fn reference() -> BTreeMap<String, ReferenceConnector> {
    load(&stitch_tests::spec_root().join("reference/connectors"))
}

/// What the pages changed since the reference was scraped, each a difference the comparison
/// below must find: (type, property, what).
const CHANGED_SINCE: &[(&str, &str, &str)] = &[
    // The MySQL-family pages now document filter_dbs as an optional array of databases.
    ("platform.aurora", "filter_dbs", "status"),
    ("platform.aurora", "filter_dbs", "example"),
    ("platform.cloudsql", "filter_dbs", "status"),
    ("platform.cloudsql", "filter_dbs", "example"),
    ("platform.mariadb", "filter_dbs", "status"),
    ("platform.mariadb", "filter_dbs", "example"),
    // The published examples show "3600" for integrations whose default is "60 minutes";
    // the layout decision renders the stated frequency (spec/docs-layout.json).
    ("platform.autopilot", "frequency_in_minutes", "example"),
    (
        "platform.harvest-forecast",
        "frequency_in_minutes",
        "example",
    ),
    ("platform.helpscout", "frequency_in_minutes", "example"),
    // The S3 page now writes csv_force_quote's example as the string "true".
    ("s3", "csv_force_quote", "example"),
];

#[test]
fn rendered_pages_agree_with_the_published_reference() {
    let pages = pages();
    let reference = reference();
    let mut found = BTreeSet::new();
    for (api_type, published) in &reference {
        let page = pages
            .get(api_type)
            .unwrap_or_else(|| panic!("{api_type}: no page"));
        assert_eq!(page.kind, published.kind, "{api_type}");
        let keys = |c: &ReferenceConnector| -> BTreeSet<(RefStep, String)> {
            c.properties
                .iter()
                .map(|p| (p.step, p.name.clone()))
                .collect()
        };
        assert_eq!(keys(page), keys(published), "{api_type}: properties");
        for property in &published.properties {
            let rendered = page
                .properties
                .iter()
                .find(|p| p.name == property.name && p.step == property.step)
                .unwrap();
            if (rendered.status, &rendered.documented_type)
                != (property.status, &property.documented_type)
            {
                found.insert((api_type.clone(), property.name.clone(), "status"));
            }
        }
        for example in &published.examples {
            let (Some(value), Some(rendered)) = (
                &example.value,
                page.examples
                    .iter()
                    .find(|e| e.step == example.step)
                    .and_then(|e| e.value.as_ref()),
            ) else {
                continue;
            };
            let (value, rendered) = (value.as_object().unwrap(), rendered.as_object().unwrap());
            assert_eq!(
                value.keys().collect::<Vec<_>>(),
                rendered.keys().collect::<Vec<_>>(),
                "{api_type}: example keys"
            );
            for (key, published_value) in value {
                if rendered.get(key) != Some(published_value) {
                    found.insert((api_type.clone(), key.clone(), "example"));
                }
            }
        }
    }
    let expected: BTreeSet<(String, String, &str)> = CHANGED_SINCE
        .iter()
        .map(|(t, p, w)| ((*t).to_owned(), (*p).to_owned(), *w))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn pages_keep_inline_code_and_sub_properties() {
    let pages = pages();
    assert_eq!(pages.len(), 142);
    let mariadb = &pages["platform.mariadb"];
    let frequency = mariadb
        .properties
        .iter()
        .find(|p| p.name == "frequency_in_minutes")
        .unwrap();
    // The database-only value `1` is included for a database source, as the shared
    // description's condition says; the reference lost every one of these values.
    assert!(
        frequency
            .description
            .contains("Accepted values are:\n\n- `1`\n\n- `30`"),
        "{}",
        frequency.description
    );
    let port = mariadb
        .properties
        .iter()
        .find(|p| p.name == "port")
        .unwrap();
    assert_eq!(
        port.description,
        "The port of the database server. The default is `3306`."
    );
    // Sub-properties give nested shapes, required ones in every value.
    let databricks = &pages["databricks_delta"];
    let ssh = databricks
        .properties
        .iter()
        .find(|p| p.name == "ssh_config")
        .unwrap();
    let Some(Shape::Object { fields }) = &ssh.shape else {
        panic!("{:?}", ssh.shape);
    };
    let required: Vec<(&str, bool)> = fields
        .iter()
        .map(|f| (f.name.as_str(), f.in_every_example))
        .collect();
    assert_eq!(
        required,
        [
            ("ssh", true),
            ("ssh_host", false),
            ("ssh_port", false),
            ("ssh_user", false)
        ]
    );
    // Links to pages of the site are absolute; links to what the capture lacks keep their text.
    let anchor = mariadb
        .properties
        .iter()
        .find(|p| p.name == "anchor_time")
        .unwrap();
    assert!(
        anchor
            .description
            .contains("referred to as Anchor Scheduling.")
    );
    assert!(!anchor.description.contains("{:"));
    let mailshake = &pages["platform.mailshake"];
    assert!(
        mailshake.properties.iter().any(|p| p
            .description
            .contains("](https://www.stitchdata.com/docs/integrations/saas/mailshake#")),
        "{:?}",
        mailshake.properties
    );
}

#[test]
fn page_facts_counts_and_the_examples_that_need_repair() {
    let pages = pages();
    let all: Vec<_> = pages.values().flat_map(|c| &c.properties).collect();
    let count = |status| all.iter().filter(|p| p.status == status).count();
    assert_eq!(
        (
            all.len(),
            count(Status::Required),
            count(Status::Optional),
            count(Status::Internal),
            count(Status::ReadOnly)
        ),
        (1162, 589, 554, 15, 4)
    );
    let typed = |t: DocType| {
        all.iter()
            .filter(|p| p.documented_type.contains(&t))
            .count()
    };
    assert_eq!(typed(DocType::Boolean), 3);
    let oauth = pages.values().filter(|c| c.has_oauth()).count();
    assert_eq!(oauth, 35);
    // Three pages say their type is deprecated and what replaces it; the cards agree (the drift
    // report would list a disagreement), and the modules are #[deprecated].
    let deprecated: Vec<(&str, Option<&str>)> = pages
        .values()
        .filter_map(|c| {
            let d = c.deprecation.as_ref()?;
            Some((c.api_type.as_str(), d.use_instead.as_deref()))
        })
        .collect();
    assert_eq!(
        deprecated,
        [
            ("platform.cloudsql_pg", Some("platform.hp-cloudsql-pg")),
            ("platform.marketo", Some("platform.marketobulk")),
            ("platform.postgres", Some("platform.hp-postgres"))
        ]
    );
    let sources =
        fs::read_to_string(stitch_tests::workspace_root().join("generated/src/sources/mod.rs"))
            .unwrap();
    for (api_type, instead) in deprecated {
        let module = format!("pub mod {};", api_type.replace(['.', '-'], "_"));
        let before = sources.split(&module).next().unwrap();
        let attribute = before.rsplit("#[cfg(feature").next().unwrap();
        assert!(
            attribute.contains("#[deprecated(") && attribute.contains(instead.unwrap()),
            "{api_type}: {attribute}"
        );
    }
    // Examples whose JSON the page breaks, each repaired in spec/curation.json.
    let broken: Vec<&str> = pages
        .values()
        .filter(|c| c.examples.iter().any(|e| e.value.is_none()))
        .map(|c| c.api_type.as_str())
        .collect();
    assert_eq!(
        broken,
        [
            "dataworld",
            "platform.ga360",
            "platform.stripe",
            "platform.workday-raas"
        ]
    );
    let curation: Value = serde_json::from_str(
        &fs::read_to_string(stitch_tests::spec_root().join("curation.json")).unwrap(),
    )
    .unwrap();
    for api_type in broken {
        let page = &pages[api_type];
        for example in page.examples.iter().filter(|e| e.value.is_none()) {
            assert!(
                curation["examples"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|e| e["connection_type"] == api_type
                        && e["title"] == example.title.as_str()
                        && e.get("repaired").is_some()),
                "{api_type}: {}",
                example.title
            );
        }
    }
}
