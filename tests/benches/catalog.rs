//! The whole catalog: for every carded type with a documented example its card accepts, that
//! example (valid) and the same with three faults (invalid), `validate_properties` against
//! the `jsonschema` crate compiled once per type from the same card. Run with
//! `cargo bench -p stitch-tests --bench catalog`; `tests/benches/ratios.sh catalog 5` reads the
//! medians and gives each type's ratios and their geometric means. See BENCHMARKS.md.
//!
//! Every bench takes samples of 1,000 iterations (see `validation.rs` for why).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/inputs.rs"]
#[allow(dead_code)] // The catalog benchmark reads only the catalog's inputs.
mod inputs;

use divan::{Bencher, black_box};
use inputs::{CATALOG, catalog_input, peer};
use stitch_connect_schema::validate_properties;

fn main() {
    // The two validators must agree on every input before their speed means anything.
    for input in CATALOG.iter() {
        let oracle = peer(&input.schema);
        let name = input.api_type;
        assert!(oracle.is_valid(&input.valid), "{name}");
        assert!(validate_properties(name, &input.valid).is_ok(), "{name}");
        assert!(!oracle.is_valid(&input.invalid), "{name}");
        let errors = validate_properties(name, &input.invalid).unwrap_err();
        assert!(errors.len() >= 2, "{name}: {errors}");
    }
    println!("{} carded types with a documented example", CATALOG.len());
    divan::main();
}

fn types() -> impl Iterator<Item = &'static str> {
    CATALOG.iter().map(|i| i.api_type)
}

#[divan::bench(args = types(), sample_size = 1000)]
fn ours_valid(bencher: Bencher<'_, '_>, connection_type: &str) {
    let input = &catalog_input(connection_type).valid;
    bencher.bench(|| validate_properties(black_box(connection_type), black_box(input)).is_ok());
}

#[divan::bench(args = types(), sample_size = 1000)]
fn jsonschema_valid(bencher: Bencher<'_, '_>, connection_type: &str) {
    let input = catalog_input(connection_type);
    let validator = peer(&input.schema);
    bencher.bench(|| validator.is_valid(black_box(&input.valid)));
}

/// Every problem, collected with its pointer, property and kind; no message is rendered.
#[divan::bench(args = types(), sample_size = 1000)]
fn ours_invalid(bencher: Bencher<'_, '_>, connection_type: &str) {
    let input = &catalog_input(connection_type).invalid;
    bencher.bench(|| {
        validate_properties(black_box(connection_type), black_box(input))
            .err()
            .map_or(0, |e| e.len())
    });
}

/// Every problem, as `jsonschema` collects them; no message is rendered.
#[divan::bench(args = types(), sample_size = 1000)]
fn jsonschema_invalid(bencher: Bencher<'_, '_>, connection_type: &str) {
    let input = catalog_input(connection_type);
    let validator = peer(&input.schema);
    bencher.bench(|| validator.iter_errors(black_box(&input.invalid)).count());
}
