//! `cargo xtask capture`: fetch every report card from the live API into `spec/`.
//!
//! Reads the token from `STITCH_API_TOKEN`, calls `GET /v4/source-types` and
//! `GET /v4/destination-types` (base URL configurable), checks every card with the same loader
//! regen uses, and only then writes `{kind}-types/{type}/{name}.json` with its provenance, all
//! files at once (staged, then renamed), so a failure never leaves `spec/` half-written.
//!
//! HTTP goes through the `curl` program (HTTPS included, token passed on stdin, never on the
//! command line). 5xx, 429, connection failures and timeouts are retried (3 attempts); a 401 or
//! 403 is not.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use stitch_codegen::json::At;
use stitch_codegen::model::report_card::read_report_card;
use stitch_codegen::output::{Managed, OutputFile};

/// The public API.
pub const DEFAULT_BASE_URL: &str = "https://api.stitchdata.com";
/// The environment variable holding the API token.
pub const TOKEN_VARIABLE: &str = "STITCH_API_TOKEN";
const ATTEMPTS: u32 = 3;

/// Options of one capture.
pub struct Options {
    /// Base URL, without a trailing slash.
    pub base_url: String,
    /// The capture's name: each card is written as `{name}.json`.
    pub name: String,
    /// The spec folder.
    pub spec_dir: PathBuf,
    /// Seconds before a request times out.
    pub timeout_seconds: u32,
    /// Milliseconds to wait before the second attempt (doubled for the third).
    pub backoff_ms: u64,
}

/// Runs a capture; `Err` is the message to print. Returns the files written.
pub fn capture(options: &Options, token: &str) -> Result<Vec<PathBuf>, String> {
    if options.name.is_empty()
        || !options
            .name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(format!(
            "capture name {:?} must be letters, digits, '-' or '_'",
            options.name
        ));
    }
    let date = today();
    let mut files = Vec::new();
    for (endpoint, dir) in [
        ("/v4/source-types", "source-types"),
        ("/v4/destination-types", "destination-types"),
    ] {
        let body = fetch(options, token, endpoint)?;
        let endpoint_words = format!("GET {endpoint}");
        let value: Value = serde_json::from_slice(&body).map_err(|e| {
            format!("{endpoint_words} returned malformed JSON ({e}); spec/ is untouched")
        })?;
        let Value::Array(cards) = &value else {
            return Err(format!(
                "{endpoint_words} returned {} instead of a list of report cards; spec/ is untouched",
                stitch_codegen::json::type_name(&value)
            ));
        };
        if cards.is_empty() {
            return Err(format!(
                "{endpoint_words} returned an empty list; refusing to write (an empty list would hide every type); spec/ is untouched"
            ));
        }
        let where_ = PathBuf::from(format!("{}{endpoint}", options.base_url));
        for (index, card) in cards.iter().enumerate() {
            let at = At::root(&where_, card);
            let parsed = read_report_card(&at, &mut Vec::new())
                .map_err(|e| format!("{endpoint_words}, card {index}: {e}; spec/ is untouched"))?;
            let connection_type = parsed.connection_type;
            if connection_type.contains(['/', '\\']) || connection_type.starts_with('.') {
                return Err(format!(
                    "{endpoint_words}, card {index}: type {connection_type:?} is not a safe folder name; spec/ is untouched"
                ));
            }
            let folder = format!("{dir}/{connection_type}");
            let mut text = serde_json::to_string_pretty(card).unwrap_or_default();
            text.push('\n');
            files.push(OutputFile {
                path: format!("{folder}/{}.json", options.name).into(),
                contents: text,
            });
            let provenance = serde_json::json!({
                "endpoint": endpoint_words,
                "source": format!("cargo xtask capture from {}", options.base_url),
                "captured_at": date,
                "notes": format!("Element {index} of the list response, written as returned."),
            });
            let mut text = serde_json::to_string_pretty(&provenance).unwrap_or_default();
            text.push('\n');
            files.push(OutputFile {
                path: format!("{folder}/{}.provenance.json", options.name).into(),
                contents: text,
            });
        }
    }
    let owns_nothing = |_: &Path, _: &str| false;
    let managed = Managed {
        root: &options.spec_dir,
        owns: &owns_nothing,
    };
    let changes = managed
        .write(&files)
        .map_err(|e| format!("cannot write under {}: {e}", options.spec_dir.display()))?;
    Ok(changes
        .iter()
        .map(|change| PathBuf::from(change.to_string()))
        .collect())
}

/// One GET, with retries; the body of a 200.
fn fetch(options: &Options, token: &str, endpoint: &str) -> Result<Vec<u8>, String> {
    let url = format!("{}{endpoint}", options.base_url);
    let mut last = String::new();
    for attempt in 1..=ATTEMPTS {
        if attempt > 1 {
            sleep(Duration::from_millis(options.backoff_ms << (attempt - 2)));
        }
        match get(&url, token, options.timeout_seconds) {
            Ok((200, body)) => return Ok(body),
            Ok((status @ (401 | 403), _)) => {
                return Err(format!(
                    "GET {endpoint}: the API refused the token ({status}); check {TOKEN_VARIABLE}; spec/ is untouched"
                ));
            }
            Ok((status, body)) if status == 429 || status >= 500 => {
                last = format!("status {status}: {}", snippet(&body));
            }
            Ok((status, body)) => {
                return Err(format!(
                    "GET {endpoint}: unexpected status {status}: {}; spec/ is untouched",
                    snippet(&body)
                ));
            }
            Err(Transport::Retry(why)) => last = why,
            Err(Transport::Fatal(why)) => return Err(format!("GET {endpoint}: {why}")),
        }
    }
    Err(format!(
        "GET {endpoint} failed {ATTEMPTS} times (last: {last}); spec/ is untouched"
    ))
}

enum Transport {
    Retry(String),
    Fatal(String),
}

fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text: String = text.chars().take(120).collect();
    text.trim().to_owned()
}

/// One GET through curl: (status, body).
fn get(url: &str, token: &str, timeout_seconds: u32) -> Result<(u16, Vec<u8>), Transport> {
    let body_file = std::env::temp_dir().join(format!(
        "stitch-capture-{}-{}",
        std::process::id(),
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    let mut child = Command::new("curl")
        .args(["--silent", "--show-error", "--config", "-", "--output"])
        .arg(&body_file)
        .args(["--write-out", "%{http_code}", "--max-time"])
        .arg(timeout_seconds.to_string())
        .arg(url)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Transport::Fatal(format!("cannot run curl: {e}")))?;
    if let Some(mut stdin) = child.stdin.take() {
        // The token goes through curl's config on stdin, not the command line.
        let config = format!(
            "header = \"Authorization: Bearer {}\"\nheader = \"Accept: application/json\"\n",
            token.replace(['"', '\\', '\n'], "")
        );
        let _ = stdin.write_all(config.as_bytes());
    }
    let output = child
        .wait_with_output()
        .map_err(|e| Transport::Fatal(format!("curl failed: {e}")))?;
    let body = std::fs::read(&body_file).unwrap_or_default();
    let _ = std::fs::remove_file(&body_file);
    let stderr = String::from_utf8_lossy(&output.stderr).trim().to_owned();
    match output.status.code() {
        Some(0) => {
            let status = String::from_utf8_lossy(&output.stdout)
                .trim()
                .parse::<u16>()
                .map_err(|_| Transport::Retry("no HTTP status".to_owned()))?;
            Ok((status, body))
        }
        Some(28) => Err(Transport::Retry(format!(
            "timed out after {timeout_seconds} s"
        ))),
        Some(6 | 7 | 52 | 56) => Err(Transport::Retry(format!("connection failed: {stderr}"))),
        code => Err(Transport::Fatal(format!(
            "curl exited with {code:?}: {stderr}"
        ))),
    }
}

/// Today's date, `YYYY-MM-DD` (UTC), from the system clock.
fn today() -> String {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    // Civil from days (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}
