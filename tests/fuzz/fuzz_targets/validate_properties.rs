//! `validate_properties` never panics, for any connection type (known or not) and any JSON; its
//! error display works; and `ConnectionType::is_valid` (the generated check alone) agrees with it.
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
    let result = validate_properties(connection_type, &value);
    if let Ok(connection) = ConnectionType::find(connection_type) {
        assert_eq!(connection.is_valid(&value), result.is_ok());
    }
    if let Err(errors) = result {
        assert!(!errors.is_empty());
        let _ = errors.to_string();
    }
});
