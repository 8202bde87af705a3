//! `validate_properties` never panics, for any connection type (known or not) and any JSON, and
//! its error display works.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stitch_connect_schema::{ConnectionType, validate_properties};

fuzz_target!(|data: &[u8]| {
    let Some((&choice, json)) = data.split_first() else { return };
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(json) else { return };
    let all = ConnectionType::all();
    let connection_type = if usize::from(choice) < all.len() {
        all[usize::from(choice)].api_type()
    } else {
        "platform.unknown-to-fuzz"
    };
    if let Err(errors) = validate_properties(connection_type, &value) {
        assert!(!errors.is_empty());
        let _ = errors.to_string();
    }
});
