#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The Connect API reference as `cargo xtask import-docs` reads it (`spec/api/`): every object
//! and endpoint page of the capture is there, paths and request URLs agree, every example is
//! JSON (the nine that are not, upstream, are repaired by decisions of `spec/api-layout.json`),
//! and the facts the generated API relies on (statuses, authorization, pagination, the jobs
//! rate limit) are read.

use std::collections::BTreeSet;
use std::fs;

use stitch_codegen::model::api::{ApiModel, ExampleKind, load_api_model};

fn model() -> ApiModel {
    load_api_model(&stitch_tests::spec_root()).unwrap()
}

/// Every page of the capture's reference with a content type, but the connector pages.
fn pages_of_kind(kinds: &[&str]) -> BTreeSet<String> {
    let docs = stitch_tests::spec_root().join("docs");
    let root = docs.join("_developer-files/connect/api/objects");
    let mut out = BTreeSet::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !path.ends_with("form-properties") {
                    stack.push(path);
                }
                continue;
            }
            let text = fs::read_to_string(&path).unwrap();
            let kind = text
                .lines()
                .find_map(|l| l.strip_prefix("content-type: "))
                .map(|k| k.trim_matches('"').to_owned());
            if kind.is_some_and(|k| kinds.contains(&k.as_str())) {
                out.insert(
                    path.strip_prefix(&docs)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    out
}

#[test]
fn every_object_and_endpoint_page_is_read() {
    let model = model();
    let object_pages = pages_of_kind(&[
        "api-object",
        "api-version-object",
        "api-structure",
        "api-sub-structure",
    ]);
    let read: BTreeSet<String> = model.objects.iter().map(|o| o.source.clone()).collect();
    // Destination's object page holds only the attributes its two versions share: it is read
    // with each of them, not on its own.
    let merged = "_developer-files/connect/api/objects/destinations/destination-object.md";
    let expected: BTreeSet<String> = object_pages
        .iter()
        .filter(|p| *p != merged)
        .cloned()
        .collect();
    assert_eq!(read, expected);
    assert_eq!(model.objects.len(), 26);
    for version in ["3", "4"] {
        let destination = model
            .objects
            .iter()
            .find(|o| o.title == "Destination" && o.version.as_deref() == Some(version))
            .unwrap();
        let names: Vec<&str> = destination
            .attributes
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(
            &names[..4],
            ["id", "created_at", "type", "updated_at"],
            "v{version}"
        );
    }

    let endpoint_pages = pages_of_kind(&["api-endpoint"]);
    let read: BTreeSet<String> = model.endpoints.iter().map(|e| e.source.clone()).collect();
    // The v3 page of Delete a destination says only that the endpoint is v4's.
    let placeholder =
        "_developer-files/connect/api/objects/destinations/v3/delete-a-destination-v3.md";
    let expected: BTreeSet<String> = endpoint_pages
        .iter()
        .filter(|p| *p != placeholder)
        .cloned()
        .collect();
    assert_eq!(read, expected);
    assert_eq!(model.endpoints.len(), 42);
    let versions: Vec<usize> = ["1", "3", "4"]
        .iter()
        .map(|v| model.endpoints.iter().filter(|e| e.version == *v).count())
        .collect();
    assert_eq!(versions, [10, 5, 27]);
}

/// `/v4/sources/{source_id}` against `/v4/sources/86741?x=1`: the same segments, a parameter
/// matching any non-empty one without `{` or `}`.
fn matches_path(template: &str, url: &str) -> bool {
    let url = url.split('?').next().unwrap();
    let (t, u): (Vec<&str>, Vec<&str>) = (template.split('/').collect(), url.split('/').collect());
    t.len() == u.len()
        && t.iter().zip(&u).all(|(t, u)| {
            if t.starts_with('{') && t.ends_with('}') {
                *t == *u || (!u.is_empty() && !u.contains(['{', '}']))
            } else {
                t == u
            }
        })
}

#[test]
fn paths_arguments_and_request_urls_agree() {
    let model = model();
    for endpoint in &model.endpoints {
        let name = format!("{} {}", endpoint.method, endpoint.path);
        assert!(endpoint.path.starts_with('/'), "{name}");
        assert!(
            ["GET", "POST", "PUT", "DELETE"].contains(&endpoint.method.as_str()),
            "{name}"
        );
        // Each path parameter is a documented argument.
        for segment in endpoint.path.split('/') {
            if let Some(parameter) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                assert!(
                    endpoint.arguments.iter().any(|a| a.name == parameter),
                    "{name}: {parameter} is not a documented argument"
                );
            }
        }
        for example in endpoint
            .examples
            .iter()
            .filter(|e| e.kind == ExampleKind::Request)
        {
            if let Some(url) = &example.request_url {
                assert!(matches_path(&endpoint.path, url), "{name}: {url}");
            }
            if let Some(bearer) = example.bearer {
                assert_eq!(bearer, endpoint.access_token_required, "{name}");
            }
        }
    }
    // The `{client_id` the extraction pages substitute is repaired to the path's parameter.
    let logs = model
        .endpoints
        .iter()
        .find(|e| e.key == "get-logs-for-an-extraction-job")
        .unwrap();
    assert_eq!(
        logs.examples[0].request_url.as_deref(),
        Some("/v4/116078/extractions/116078.233312.sync.e4d8eae5-b23e-11ea-94a1-02cbbd504f7d")
    );
    let account = model
        .endpoints
        .iter()
        .find(|e| e.key == "create-an-account")
        .unwrap();
    assert!(!account.access_token_required);
    assert_eq!(
        model
            .endpoints
            .iter()
            .filter(|e| !e.access_token_required)
            .count(),
        1
    );
}

#[test]
fn every_example_is_json_or_a_documented_plain_text_body() {
    let model = model();
    let mut bodies = 0;
    for object in &model.objects {
        for example in &object.examples {
            assert!(
                example.json.is_some(),
                "{}: {:?}",
                object.key,
                example.not_json
            );
            bodies += 1;
        }
    }
    for endpoint in &model.endpoints {
        for example in &endpoint.examples {
            assert_eq!(
                example.not_json, None,
                "{} {:?}",
                endpoint.key, example.title
            );
            assert_eq!(
                example.text.is_some(),
                example.json.is_some(),
                "{}",
                endpoint.key
            );
            bodies += usize::from(example.json.is_some());
        }
    }
    let mut plain = 0;
    for resource in &model.errors {
        for response in &resource.responses {
            match (
                &response.body.json,
                &response.body.not_json,
                &response.body.text,
            ) {
                (Some(_), None, Some(_)) => bodies += 1,
                (None, Some(why), Some(_)) if why == "plain text" => plain += 1,
                (None, None, None) => {}
                other => panic!("{}: {:?}", resource.resource, other),
            }
        }
    }
    assert_eq!((bodies, plain), (150, 10));
    // The repaired examples parse: the hook notification's missing comma, the elided records,
    // the placeholder report card, the stray quote.
    let hooks = model
        .endpoints
        .iter()
        .find(|e| e.key == "create-hook-notification")
        .unwrap();
    let response = hooks
        .examples
        .iter()
        .find(|e| e.kind == ExampleKind::Response)
        .unwrap();
    assert_eq!(response.json.as_ref().unwrap()["destination_id"], 12345);
    let sources = model
        .errors
        .iter()
        .find(|e| e.resource == "sources")
        .unwrap();
    assert!(sources.responses.iter().any(|r| {
        r.body
            .json
            .as_ref()
            .is_some_and(|j| j["data"]["report_card"].is_object())
    }));
}

#[test]
fn statuses_pagination_rate_limits_and_error_files_are_read() {
    let model = model();
    // Every page names its success status, in code or in HTML: 200, but for the extraction
    // logs' redirect.
    for endpoint in &model.endpoints {
        let expected = if endpoint.key == "get-logs-for-an-extraction-job" {
            302
        } else {
            200
        };
        assert_eq!(endpoint.success_status, Some(expected), "{}", endpoint.key);
    }
    let paginated: BTreeSet<&str> = model
        .endpoints
        .iter()
        .filter(|e| e.page_size == Some(100))
        .map(|e| e.key.as_str())
        .collect();
    assert_eq!(
        paginated,
        BTreeSet::from(["list-last-extractions", "list-last-loads-for-account"])
    );
    let limited: BTreeSet<&str> = model
        .endpoints
        .iter()
        .filter(|e| e.rate_limit.as_deref() == Some("jobs"))
        .map(|e| e.key.as_str())
        .collect();
    assert_eq!(limited.len(), 3, "{limited:?}");
    let general = model.general.as_ref().unwrap();
    assert_eq!(general.base_url, "https://api.stitchdata.com");
    let jobs = general
        .rate_limits
        .iter()
        .find(|r| r.class == "jobs")
        .unwrap();
    assert_eq!((jobs.requests, jobs.window_seconds), (30, 600));
    let codes: Vec<u16> = general.status_codes.iter().map(|c| c.code).collect();
    assert_eq!(codes, [200, 400, 401, 404, 500, 502]);
    // Each endpoint's error file exists.
    let resources: BTreeSet<&str> = model.errors.iter().map(|e| e.resource.as_str()).collect();
    for endpoint in &model.endpoints {
        if let Some(resource) = &endpoint.errors {
            assert!(resources.contains(resource.as_str()), "{}", endpoint.key);
        }
    }
}
