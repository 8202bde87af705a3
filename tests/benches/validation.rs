//! `validate_properties` against the `jsonschema` crate compiled once from the same report card,
//! on the same valid and invalid objects (`tests/benches/inputs.rs`). Run with
//! `cargo bench -p stitch-tests --bench validation`; see BENCHMARKS.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/inputs.rs"]
mod inputs;

use divan::{Bencher, black_box};
use inputs::{TYPES, card_schema, invalid, valid};
use stitch_connect_schema::validate_properties;

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
        assert!(
            validate_properties(connection_type, &bad).is_err(),
            "{connection_type}"
        );
    }
    divan::main();
}

#[divan::bench(args = TYPES)]
fn ours_valid(bencher: Bencher<'_, '_>, connection_type: &str) {
    let input = valid(connection_type);
    bencher.bench(|| validate_properties(black_box(connection_type), black_box(&input)).is_ok());
}

#[divan::bench(args = TYPES)]
fn jsonschema_valid(bencher: Bencher<'_, '_>, connection_type: &str) {
    let validator = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&card_schema(connection_type))
        .unwrap();
    let input = valid(connection_type);
    bencher.bench(|| validator.is_valid(black_box(&input)));
}

/// Every problem, collected with its pointer, property and kind; no message is rendered.
#[divan::bench(args = TYPES)]
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
#[divan::bench(args = TYPES)]
fn jsonschema_invalid_errors(bencher: Bencher<'_, '_>, connection_type: &str) {
    let validator = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&card_schema(connection_type))
        .unwrap();
    let input = invalid(connection_type);
    bencher.bench(|| validator.iter_errors(black_box(&input)).count());
}

/// Every problem, each message rendered into a fresh `String`.
#[divan::bench(args = TYPES)]
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
#[divan::bench(args = TYPES)]
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

/// Only whether the object is valid.
#[divan::bench(args = TYPES)]
fn jsonschema_invalid_is_valid(bencher: Bencher<'_, '_>, connection_type: &str) {
    let validator = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&card_schema(connection_type))
        .unwrap();
    let input = invalid(connection_type);
    bencher.bench(|| validator.is_valid(black_box(&input)));
}

/// The floor of any validator of these objects: find the type, walk the object and read every
/// byte of every string value once (no checks at all).
#[divan::bench(args = TYPES)]
fn floor_read_every_byte(bencher: Bencher<'_, '_>, connection_type: &str) {
    let input = valid(connection_type);
    bencher.bench(|| {
        let object = black_box(&input).as_object().map_or(0, |map| {
            map.iter()
                .map(|(key, value)| {
                    key.len()
                        + value
                            .as_str()
                            .map_or(0, |s| s.bytes().fold(0usize, |a, b| a ^ usize::from(b)))
                })
                .sum::<usize>()
        });
        stitch_connect_schema::ConnectionType::find(black_box(connection_type)).is_ok() as usize
            + object
    });
}
