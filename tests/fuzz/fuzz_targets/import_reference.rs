//! The reference importer never panics: any text gives structured files or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = stitch_codegen::import::reference::import_reference(
        std::path::Path::new("reference.txt"),
        text,
    );
});
