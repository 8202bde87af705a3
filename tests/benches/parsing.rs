//! Deserializing a properties object from bytes into the typed (validating) struct, against the
//! same bytes into a plain serde struct with `String` fields — the floor for parsing; and a page
//! of 100 extractions or loads into `Page<Extraction>` / `Page<Load>` against plain structs of
//! the same keys. Run with `cargo bench -p stitch-tests --bench parsing`; see BENCHMARKS.md.
//!
//! Every bench takes samples of 1,000 iterations (see `validation.rs` for why).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/inputs.rs"]
#[allow(dead_code)] // The parsing benchmark uses only the valid objects.
mod inputs;

use divan::{Bencher, black_box};
use serde::Deserialize;
use serde_json::{Value, json};
use stitch_connect_schema::destinations::{postgres, s3};
use stitch_connect_schema::endpoints::Page;
use stitch_connect_schema::objects::{Extraction, Load};
use stitch_connect_schema::sources::{platform_hubspot, platform_recurly};

fn main() {
    divan::main();
}

fn bytes(connection_type: &str) -> Vec<u8> {
    serde_json::to_vec(&inputs::valid(connection_type)).unwrap()
}

// The plain structs: the same fields, every value a `String`, no validation.
#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainRecurly {
    anchor_time: Option<String>,
    cron_expression: Option<String>,
    frequency_in_minutes: Option<String>,
    start_date: String,
    api_key: String,
    subdomain: String,
    quota_limit: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainHubspot {
    anchor_time: Option<String>,
    cron_expression: Option<String>,
    email_chunk_size: Option<String>,
    frequency_in_minutes: Option<String>,
    include_inactives: Option<String>,
    require_content_scope: Option<String>,
    start_date: String,
    subscription_chunk_size: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainPostgres {
    database: String,
    encryption_host: Option<String>,
    encryption_port: Option<String>,
    encryption_type: String,
    encryption_username: Option<String>,
    host: String,
    password: String,
    port: String,
    ssl: String,
    sslrootcert: Option<String>,
    username: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainS3 {
    csv_delimiter: Option<String>,
    csv_force_quote: Option<String>,
    output_file_format: String,
    s3_bucket: String,
    s3_key_format_string: String,
    sentinel_key: String,
}

macro_rules! pair {
    ($typed:ident, $plain:ident, $connection_type:literal, $typed_ty:ty, $plain_ty:ty) => {
        #[divan::bench(sample_size = 1000)]
        fn $typed(bencher: Bencher<'_, '_>) {
            let input = bytes($connection_type);
            bencher.bench(|| serde_json::from_slice::<$typed_ty>(black_box(&input)).is_ok());
        }
        #[divan::bench(sample_size = 1000)]
        fn $plain(bencher: Bencher<'_, '_>) {
            let input = bytes($connection_type);
            bencher.bench(|| serde_json::from_slice::<$plain_ty>(black_box(&input)).is_ok());
        }
    };
}

pair!(
    recurly_typed,
    recurly_plain,
    "platform.recurly",
    platform_recurly::FormProperties,
    PlainRecurly
);
pair!(
    hubspot_typed,
    hubspot_plain,
    "platform.hubspot",
    platform_hubspot::FormProperties,
    PlainHubspot
);
pair!(
    postgres_typed,
    postgres_plain,
    "postgres",
    postgres::FormProperties,
    PlainPostgres
);
pair!(s3_typed, s3_plain, "s3", s3::FormProperties, PlainS3);

/// A page of 100 records: the reference's example object (`spec/api/objects/{page}.json`),
/// each with its own values where the key is the record's identity, and the next page's link.
fn api_page(page: &str, collection: &str, vary: impl Fn(&mut Value, usize)) -> Vec<u8> {
    let example = stitch_tests::reference_example(page);
    let data: Vec<Value> = (0..100)
        .map(|i| {
            let mut record = example.clone();
            vary(&mut record, i);
            record
        })
        .collect();
    serde_json::to_vec(&json!({
        "data": data,
        "page": 1,
        "total": 250,
        "links": {"next": format!("/v4/116078/{collection}?page=2")}
    }))
    .unwrap()
}

fn extractions() -> Vec<u8> {
    api_page("extraction-object", "extractions", |record, i| {
        record["job_name"] = json!(format!(
            "116078.{}.sync.e4d8eae5-b23e-11ea-94a1-02cbbd504f7d",
            233_312 + i
        ));
        record["source_id"] = json!(233_312 + i);
    })
}

fn loads() -> Vec<u8> {
    api_page("load-object", "loads", |record, i| {
        record["stream_name"] = json!(format!("stream_{i}"));
    })
}

// Plain structs of the same keys: identifiers as integers, times as `String`, no validation,
// unknown keys ignored.
#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainPage<T> {
    data: Vec<T>,
    page: u32,
    total: u64,
    links: PlainLinks,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainLinks {
    next: Option<String>,
    previous: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainExtraction {
    job_name: String,
    stitch_client_id: i64,
    source_id: i64,
    source_type: Option<String>,
    start_time: String,
    completion_time: Option<String>,
    discovery_exit_status: Option<i64>,
    discovery_description: Option<String>,
    tap_exit_status: Option<i64>,
    tap_description: Option<String>,
    target_exit_status: Option<i64>,
    target_description: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainLoad {
    stitch_client_id: i64,
    source_name: String,
    stream_name: String,
    last_batch_loaded_at: Option<String>,
    error_state: Option<serde_json::Map<String, Value>>,
}

#[divan::bench(sample_size = 100)]
fn extractions_page_typed(bencher: Bencher<'_, '_>) {
    let input = extractions();
    bencher.bench(|| {
        serde_json::from_slice::<Page<Extraction>>(black_box(&input))
            .unwrap()
            .data
            .len()
    });
}

#[divan::bench(sample_size = 100)]
fn extractions_page_plain(bencher: Bencher<'_, '_>) {
    let input = extractions();
    bencher.bench(|| {
        serde_json::from_slice::<PlainPage<PlainExtraction>>(black_box(&input))
            .unwrap()
            .data
            .len()
    });
}

#[divan::bench(sample_size = 100)]
fn loads_page_typed(bencher: Bencher<'_, '_>) {
    let input = loads();
    bencher.bench(|| {
        serde_json::from_slice::<Page<Load>>(black_box(&input))
            .unwrap()
            .data
            .len()
    });
}

#[divan::bench(sample_size = 100)]
fn loads_page_plain(bencher: Bencher<'_, '_>) {
    let input = loads();
    bencher.bench(|| {
        serde_json::from_slice::<PlainPage<PlainLoad>>(black_box(&input))
            .unwrap()
            .data
            .len()
    });
}
