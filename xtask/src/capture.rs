//! `cargo xtask capture`: fetch every report card from the live API into `spec/`.
//!
//! Reads the token from `STITCH_API_TOKEN`, calls `GET /v4/source-types` and
//! `GET /v4/destination-types` (base URL configurable), checks every card with the same loader
//! regen uses, and only then writes `{kind}-types/{type}/{name}.json` with its provenance, all
//! files at once (staged, then renamed), so a failure never leaves `spec/` half-written.
//!
//! HTTP goes through the generated endpoints (`ListSourceTypes`, `ListDestinationTypes`) and
//! the crate's blocking client (HTTPS with rustls; the token a `Secret`, sent as a bearer
//! token). 5xx, 429, connection failures and timeouts are retried (3 attempts); a 401 or 403 is
//! not. The bodies are kept verbatim (`send_raw`), then read by the report-card loader.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use stitch_codegen::json::At;
use stitch_codegen::model::report_card::read_report_card;
use stitch_codegen::output::{Managed, OutputFile};
use stitch_connect_schema::Secret;
use stitch_connect_schema::client::{Client, RetryPolicy};
use stitch_connect_schema::endpoints::{Endpoint, ListDestinationTypes, ListSourceTypes};

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
        let body = if dir == "source-types" {
            fetch(options, token, &ListSourceTypes::new())?
        } else {
            fetch(options, token, &ListDestinationTypes::new())?
        };
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

/// One list of report cards, with the generated endpoint sent by the crate's blocking client
/// (retries of 429, 5xx and failed connections); the body of a 200, verbatim.
fn fetch<E: Endpoint>(options: &Options, token: &str, request: &E) -> Result<Vec<u8>, String> {
    let endpoint = request.path();
    let client = Client::new(Secret::new(token.to_owned()))
        .with_base_url(&options.base_url)
        .with_timeout(Duration::from_secs(u64::from(options.timeout_seconds)))
        .with_retry(RetryPolicy {
            attempts: ATTEMPTS,
            backoff: Duration::from_millis(options.backoff_ms),
            max_wait: Duration::from_secs(120),
        });
    match client.send_raw(request) {
        Ok((200, body)) => Ok(body),
        Ok((status @ (401 | 403), _)) => Err(format!(
            "GET {endpoint}: the API refused the token ({status}); check {TOKEN_VARIABLE}; spec/ is untouched"
        )),
        Ok((status, body)) if status == 429 || status >= 500 => Err(format!(
            "GET {endpoint} failed {ATTEMPTS} times (last: status {status}: {}); spec/ is untouched",
            snippet(&body)
        )),
        Ok((status, body)) => Err(format!(
            "GET {endpoint}: unexpected status {status}: {}; spec/ is untouched",
            snippet(&body)
        )),
        Err(error) => Err(format!(
            "GET {endpoint} failed {ATTEMPTS} times (last: {error}); spec/ is untouched"
        )),
    }
}

fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text: String = text.chars().take(120).collect();
    text.trim().to_owned()
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
