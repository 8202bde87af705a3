//! Deserializing into each typed connector's properties never panics; what deserializes
//! serializes and deserializes again to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stitch_connect_schema::ConnectionType;
use stitch_connect_schema::api::{DestinationProperties, SourceProperties};

fuzz_target!(|data: &[u8]| {
    let Some((&choice, json)) = data.split_first() else { return };
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(json) else { return };
    let typed: Vec<&ConnectionType> = ConnectionType::all().iter().copied().filter(|t| t.is_typed()).collect();
    let connection = typed[usize::from(choice) % typed.len()];
    let api_type = connection.api_type();
    let source = SourceProperties::from_json(api_type, value.clone());
    let destination = DestinationProperties::from_json(api_type, value);
    if let Ok(properties) = source {
        let written = serde_json::to_value(&properties).unwrap_or_default();
        let again = SourceProperties::from_json(api_type, written)
            .unwrap_or_else(|e| panic!("{api_type}: written properties do not read back: {e}"));
        assert_eq!(again, properties, "{api_type}: round trip changed the properties");
        let _ = format!("{properties:?}");
    }
    if let Ok(properties) = destination {
        let written = serde_json::to_value(&properties).unwrap_or_default();
        let again = DestinationProperties::from_json(api_type, written)
            .unwrap_or_else(|e| panic!("{api_type}: written properties do not read back: {e}"));
        assert_eq!(again, properties, "{api_type}: round trip changed the properties");
        let _ = format!("{properties:?}");
    }
});
