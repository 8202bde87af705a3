//! Deserializing a properties object from bytes into the typed (validating) struct, against the
//! same bytes into a plain serde struct with `String` fields — the floor for parsing. Run with
//! `cargo bench -p stitch-tests --bench parsing`; see BENCHMARKS.md.
//!
//! Every bench takes samples of 1,000 iterations (see `validation.rs` for why).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/inputs.rs"]
#[allow(dead_code)] // The parsing benchmark uses only the valid objects.
mod inputs;

use divan::{Bencher, black_box};
use serde::Deserialize;
use stitch_connect_schema::destinations::{postgres, s3};
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
