//! The generator in process: load `spec/` and generate every file, for today's spec and for a
//! synthetic spec ten times larger (every connector, card and curation entry copied nine
//! times under new names). Linear growth means the 10x run takes at most ten times as long.
//! Run with `cargo bench -p stitch-tests --bench regen`; the process wall time of
//! `cargo xtask regen` is measured by `tests/benches/regen-wall.sh`. See BENCHMARKS.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use divan::{Bencher, black_box};
use stitch_codegen::generate;
use stitch_codegen::load_spec;
use stitch_codegen::spec::Spec;

fn main() {
    divan::main();
}

fn spec() -> Spec {
    load_spec(&stitch_tests::spec_root()).unwrap()
}

/// `spec` with every connection type copied `copies` more times, as `{type}-copy{n}`.
fn scaled(spec: &Spec, copies: usize) -> Spec {
    let mut out = spec.clone();
    for n in 1..=copies {
        let rename = |name: &str| format!("{name}-copy{n}");
        for row in &spec.connection_types {
            let mut row = row.clone();
            row.display_name = format!("{} copy {n}", row.display_name);
            row.api_type = rename(&row.api_type);
            out.connection_types.push(row);
        }
        for connector in &spec.connectors {
            let mut connector = connector.clone();
            connector.display_name = format!("{} copy {n}", connector.display_name);
            connector.api_type = rename(&connector.api_type);
            out.connectors.push(connector);
        }
        for capture in &spec.captures {
            let mut capture = capture.clone();
            capture.card.connection_type = rename(&capture.card.connection_type);
            out.captures.push(capture);
        }
        for resolution in &spec.resolutions.properties {
            let mut resolution = resolution.clone();
            resolution.connection_type = rename(&resolution.connection_type);
            out.resolutions.properties.push(resolution);
        }
        for resolution in &spec.resolutions.kinds {
            let mut resolution = resolution.clone();
            resolution.connection_type = rename(&resolution.connection_type);
            out.resolutions.kinds.push(resolution);
        }
        for fix in &spec.curation.examples {
            let mut fix = fix.clone();
            fix.connection_type = rename(&fix.connection_type);
            out.curation.examples.push(fix);
        }
    }
    out.connectors.sort_by(|a, b| a.api_type.cmp(&b.api_type));
    out.captures.sort_by(|a, b| {
        (a.kind, &a.card.connection_type, &a.name).cmp(&(b.kind, &b.card.connection_type, &b.name))
    });
    out
}

#[divan::bench]
fn load_and_generate_today(bencher: Bencher<'_, '_>) {
    bencher.bench(|| generate(&spec()).unwrap().len());
}

#[divan::bench]
fn generate_today(bencher: Bencher<'_, '_>) {
    let spec = spec();
    bencher.bench(|| generate(black_box(&spec)).unwrap().len());
}

#[divan::bench(sample_count = 10)]
fn generate_twenty_times_larger(bencher: Bencher<'_, '_>) {
    let spec = scaled(&spec(), 19);
    bencher.bench(|| generate(black_box(&spec)).unwrap().len());
}

#[divan::bench(sample_count = 20)]
fn generate_ten_times_larger(bencher: Bencher<'_, '_>) {
    let today = generate(&spec()).unwrap();
    let modules = today
        .iter()
        .filter(|f| {
            (f.path.starts_with("src/sources") || f.path.starts_with("src/destinations"))
                && f.path.file_name().is_some_and(|name| name != "mod.rs")
        })
        .count();
    let spec = scaled(&spec(), 9);
    // Nine more copies of every connector module, and the same shared files.
    assert_eq!(generate(&spec).unwrap().len(), today.len() + 9 * modules);
    bencher.bench(|| generate(black_box(&spec)).unwrap().len());
}
