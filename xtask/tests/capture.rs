#![cfg(feature = "capture")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `cargo xtask capture` against a local HTTP server on 127.0.0.1 started by each test, serving
//! recorded report cards and each failure: success, 401, 5xx retried then served, 5xx for good,
//! a timeout, malformed JSON, an empty list, and a failure after one list succeeded. On every
//! failure the spec folder is exactly as it was.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// What the server answers, per path, in order (the last answer repeats).
#[derive(Clone)]
enum Answer {
    Json(u16, String),
    Hang,
}

/// Each request's path and `Authorization` header.
type Requests = Arc<Mutex<Vec<(String, Option<String>)>>>;

struct Server {
    base_url: String,
    requests: Requests,
}

fn serve(script: BTreeMap<&'static str, Vec<Answer>>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let requests: Requests = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&requests);
    thread::spawn(move || {
        let mut served: BTreeMap<String, usize> = BTreeMap::new();
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            let path = request_line
                .split_whitespace()
                .nth(1)
                .unwrap_or("")
                .to_owned();
            let mut authorization = None;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                // Header names are case-insensitive (the client writes them in lower case).
                if let Some((name, value)) = line.split_once(':')
                    && name.eq_ignore_ascii_case("authorization")
                {
                    authorization = Some(value.trim().to_owned());
                }
            }
            seen.lock().unwrap().push((path.clone(), authorization));
            let answers = script.get(path.as_str()).cloned().unwrap_or_default();
            let count = served.entry(path).or_insert(0);
            let answer = answers
                .get(*count)
                .or(answers.last())
                .cloned()
                .unwrap_or(Answer::Json(404, "{}".into()));
            *count += 1;
            match answer {
                Answer::Hang => {
                    thread::spawn(move || {
                        thread::sleep(Duration::from_secs(5));
                        let _ = stream.read(&mut [0; 1]);
                    });
                }
                Answer::Json(status, body) => {
                    let _ = write!(
                        stream,
                        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    );
                }
            }
        }
    });
    Server { base_url, requests }
}

fn card(connection_type: &str) -> String {
    serde_json::json!({
        "type": connection_type,
        "current_step": 1,
        "current_step_type": "form",
        "steps": [{"type": "form", "properties": [{
            "name": "api_key", "is_required": true, "is_credential": true,
            "system_provided": false, "property_type": "user_provided",
            "json_schema": {"type": "string"}
        }]}],
        "details": {"pricing_tier": "standard", "pipeline_state": "released", "protocol": connection_type, "access": true}
    })
    .to_string()
}

fn list(types: &[&str]) -> String {
    format!(
        "[{}]",
        types.iter().map(|t| card(t)).collect::<Vec<_>>().join(",")
    )
}

fn ok_sources() -> Answer {
    Answer::Json(200, list(&["platform.recurly", "platform.hubspot"]))
}

fn ok_destinations() -> Answer {
    Answer::Json(200, list(&["postgres"]))
}

/// A spec folder with one existing file, to check it is left alone.
fn spec_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("stitch-capture-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("destination-types/postgres")).unwrap();
    fs::write(dir.join("destination-types/postgres/older.json"), "{}\n").unwrap();
    dir
}

fn listing(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in fs::read_dir(&next).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                out.push((path.clone(), fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn run(server: &Server, spec: &Path, token: Option<&str>) -> (bool, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command
        .args(["capture", "--base-url", &server.base_url, "--spec-dir"])
        .arg(spec)
        .args(["--timeout", "1", "--backoff-ms", "10"]);
    match token {
        Some(token) => command.env("STITCH_API_TOKEN", token),
        None => command.env_remove("STITCH_API_TOKEN"),
    };
    let output = command.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

#[track_caller]
fn assert_untouched(dir: &Path, before: &[(PathBuf, String)], output: &str) {
    assert_eq!(listing(dir), before, "spec changed: {output}");
    assert!(output.contains("spec/ is untouched"), "{output}");
}

#[test]
fn a_capture_writes_every_card_with_provenance() {
    let server = serve(BTreeMap::from([
        ("/v4/source-types", vec![ok_sources()]),
        ("/v4/destination-types", vec![ok_destinations()]),
    ]));
    let dir = spec_dir("ok");
    let (ok, output) = run(&server, &dir, Some("tok-123"));
    assert!(ok, "{output}");
    for file in [
        "source-types/platform.recurly/live-api.json",
        "source-types/platform.recurly/live-api.provenance.json",
        "source-types/platform.hubspot/live-api.json",
        "destination-types/postgres/live-api.json",
        "destination-types/postgres/older.json",
    ] {
        assert!(dir.join(file).exists(), "{file}: {output}");
    }
    let provenance: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(dir.join("destination-types/postgres/live-api.provenance.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(provenance["endpoint"], "GET /v4/destination-types");
    let written: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(dir.join("destination-types/postgres/live-api.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        written,
        serde_json::from_str::<serde_json::Value>(&card("postgres")).unwrap()
    );
    // The token was sent as a bearer token.
    let requests = server.requests.lock().unwrap().clone();
    assert!(
        requests
            .iter()
            .all(|(_, auth)| auth.as_deref() == Some("Bearer tok-123")),
        "{requests:?}"
    );
    // The same capture again changes nothing.
    let before = listing(&dir);
    let (ok, output) = run(&server, &dir, Some("tok-123"));
    assert!(ok && output.contains("(no change)"), "{output}");
    assert_eq!(listing(&dir), before);
}

#[test]
fn a_refused_token_is_not_retried() {
    let server = serve(BTreeMap::from([(
        "/v4/source-types",
        vec![Answer::Json(401, "{\"error\":\"no\"}".into())],
    )]));
    let dir = spec_dir("401");
    let before = listing(&dir);
    let (ok, output) = run(&server, &dir, Some("bad"));
    assert!(!ok);
    assert!(
        output.contains("401") && output.contains("STITCH_API_TOKEN"),
        "{output}"
    );
    assert_untouched(&dir, &before, &output);
    assert_eq!(server.requests.lock().unwrap().len(), 1);
}

#[test]
fn server_errors_are_retried() {
    let server = serve(BTreeMap::from([
        (
            "/v4/source-types",
            vec![
                Answer::Json(500, "oops".into()),
                Answer::Json(503, "busy".into()),
                ok_sources(),
            ],
        ),
        ("/v4/destination-types", vec![ok_destinations()]),
    ]));
    let dir = spec_dir("retry");
    let (ok, output) = run(&server, &dir, Some("t"));
    assert!(ok, "{output}");
    let sources = server
        .requests
        .lock()
        .unwrap()
        .iter()
        .filter(|(path, _)| path == "/v4/source-types")
        .count();
    assert_eq!(sources, 3);
}

#[test]
fn failures_leave_the_spec_untouched() {
    let cases: Vec<(&str, Vec<Answer>, Vec<Answer>, &str)> = vec![
        (
            "5xx",
            vec![Answer::Json(502, "bad gateway".into())],
            vec![ok_destinations()],
            "failed 3 times",
        ),
        (
            "timeout",
            vec![Answer::Hang],
            vec![ok_destinations()],
            "timed out",
        ),
        (
            "malformed",
            vec![Answer::Json(200, "[{\"type\": ".into())],
            vec![ok_destinations()],
            "malformed JSON",
        ),
        (
            "empty",
            vec![Answer::Json(200, "[]".into())],
            vec![ok_destinations()],
            "empty list",
        ),
        (
            "not-a-card",
            vec![Answer::Json(
                200,
                "[{\"type\": \"x\", \"steps\": {}}]".into(),
            )],
            vec![ok_destinations()],
            "card 0",
        ),
        (
            "unsafe-type",
            vec![Answer::Json(200, list(&["../escape"]))],
            vec![ok_destinations()],
            "safe folder name",
        ),
        // The sources succeed; the destinations fail: nothing at all is written.
        (
            "second-fails",
            vec![ok_sources()],
            vec![Answer::Json(500, "down".into())],
            "destination-types failed",
        ),
    ];
    for (name, sources, destinations, expected) in cases {
        let server = serve(BTreeMap::from([
            ("/v4/source-types", sources),
            ("/v4/destination-types", destinations),
        ]));
        let dir = spec_dir(name);
        let before = listing(&dir);
        let (ok, output) = run(&server, &dir, Some("t"));
        assert!(!ok, "{name}: {output}");
        assert!(output.contains(expected), "{name}: {output}");
        assert_untouched(&dir, &before, &output);
    }
}

#[test]
fn a_missing_token_is_an_error() {
    let server = serve(BTreeMap::new());
    let dir = spec_dir("no-token");
    let (ok, output) = run(&server, &dir, None);
    assert!(!ok);
    assert!(output.contains("STITCH_API_TOKEN"), "{output}");
    assert!(server.requests.lock().unwrap().is_empty());
}
