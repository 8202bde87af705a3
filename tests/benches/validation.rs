//! `validate_properties` against the `jsonschema` crate compiled once from the same report card,
//! on the same valid and invalid objects (`tests/benches/inputs.rs`). Run with
//! `cargo bench -p stitch-tests --bench validation`; see BENCHMARKS.md.
//!
//! Every bench, ours and the peer's alike, takes samples of 1,000 iterations. Left to choose,
//! divan took samples of 100 for some (after a slow first sample), and their medians sat up to
//! 20 ns above the steady state that larger samples agree on.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/inputs.rs"]
#[allow(dead_code)] // The catalog's own schemas are the catalog benchmark's.
mod inputs;

use divan::{Bencher, black_box};
use inputs::{TYPES, card_schema, invalid, valid};
use stitch_connect_schema::{ConnectionType, validate_properties};

fn main() {
    // The two validators must agree on every input before their speed means anything.
    for connection_type in TYPES {
        let oracle = jsonschema::draft7::options()
            .should_validate_formats(true)
            .build(&card_schema(connection_type))
            .unwrap();
        let good = valid(connection_type);
        let bad = invalid(connection_type);
        assert!(oracle.is_valid(&good), "{connection_type}");
        assert!(
            validate_properties(connection_type, &good).is_ok(),
            "{connection_type}"
        );
        assert!(!oracle.is_valid(&bad), "{connection_type}");
        let connection = ConnectionType::find(connection_type).unwrap();
        assert!(connection.is_valid(&good) && !connection.is_valid(&bad));
        assert!(
            validate_properties(connection_type, &bad).is_err(),
            "{connection_type}"
        );
    }
    divan::main();
}

#[divan::bench(args = TYPES, sample_size = 1000)]
fn ours_valid(bencher: Bencher<'_, '_>, connection_type: &str) {
    let input = valid(connection_type);
    bencher.bench(|| validate_properties(black_box(connection_type), black_box(&input)).is_ok());
}

#[divan::bench(args = TYPES, sample_size = 1000)]
fn jsonschema_valid(bencher: Bencher<'_, '_>, connection_type: &str) {
    let validator = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&card_schema(connection_type))
        .unwrap();
    let input = valid(connection_type);
    bencher.bench(|| validator.is_valid(black_box(&input)));
}

/// Every problem, collected with its pointer, property and kind; no message is rendered.
#[divan::bench(args = TYPES, sample_size = 1000)]
fn ours_invalid_errors(bencher: Bencher<'_, '_>, connection_type: &str) {
    let input = invalid(connection_type);
    bencher.bench(|| {
        validate_properties(black_box(connection_type), black_box(&input))
            .err()
            .map_or(0, |e| e.len())
    });
}

/// Every problem, as `jsonschema` collects them (each error's location paths and kind); no
/// message is rendered.
#[divan::bench(args = TYPES, sample_size = 1000)]
fn jsonschema_invalid_errors(bencher: Bencher<'_, '_>, connection_type: &str) {
    let validator = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&card_schema(connection_type))
        .unwrap();
    let input = invalid(connection_type);
    bencher.bench(|| validator.iter_errors(black_box(&input)).count());
}

/// Every problem, each message rendered into a fresh `String`.
#[divan::bench(args = TYPES, sample_size = 1000)]
fn ours_invalid_rendered(bencher: Bencher<'_, '_>, connection_type: &str) {
    let input = invalid(connection_type);
    bencher.bench(|| {
        validate_properties(black_box(connection_type), black_box(&input))
            .err()
            .map_or(0, |errors| {
                errors.iter().map(|e| e.to_string().len()).sum::<usize>()
            })
    });
}

/// Every problem, as `jsonschema` reports them, each message rendered into a fresh `String`.
#[divan::bench(args = TYPES, sample_size = 1000)]
fn jsonschema_invalid_rendered(bencher: Bencher<'_, '_>, connection_type: &str) {
    let validator = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&card_schema(connection_type))
        .unwrap();
    let input = invalid(connection_type);
    bencher.bench(|| {
        validator
            .iter_errors(black_box(&input))
            .map(|e| e.to_string().len())
            .sum::<usize>()
    });
}

/// Only whether the object is valid, the type found once (as the peer is compiled once).
#[divan::bench(args = TYPES, sample_size = 1000)]
fn ours_invalid_is_valid(bencher: Bencher<'_, '_>, connection_type: &str) {
    let connection = ConnectionType::find(connection_type).unwrap();
    let input = invalid(connection_type);
    bencher.bench(|| connection.is_valid(black_box(&input)));
}

/// Only whether the object is valid.
#[divan::bench(args = TYPES, sample_size = 1000)]
fn jsonschema_invalid_is_valid(bencher: Bencher<'_, '_>, connection_type: &str) {
    let validator = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&card_schema(connection_type))
        .unwrap();
    let input = invalid(connection_type);
    bencher.bench(|| validator.is_valid(black_box(&input)));
}

/// `ours_valid` with the type found once, as the peer is compiled once: what the lookup by name
/// costs is the difference.
#[divan::bench(args = TYPES, sample_size = 1000)]
fn ours_valid_type_found_once(bencher: Bencher<'_, '_>, connection_type: &str) {
    let connection = ConnectionType::find(connection_type).unwrap();
    let input = valid(connection_type);
    bencher.bench(|| connection.validate(black_box(&input)).is_ok());
}
/// The lookup of the type by name alone (`ConnectionType::find`).
#[divan::bench(args = TYPES, sample_size = 1000)]
fn ours_find_type(bencher: Bencher<'_, '_>, connection_type: &str) {
    bencher.bench(|| ConnectionType::find(black_box(connection_type)).is_ok());
}
