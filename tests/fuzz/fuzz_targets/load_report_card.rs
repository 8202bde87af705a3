//! Loading a report card never panics: any text gives a card or an error naming where.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut notices = Vec::new();
    let _ = stitch_codegen::model::report_card::parse_report_card(
        std::path::Path::new("fuzz.json"),
        text,
        &mut notices,
    );
});
