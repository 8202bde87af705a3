// `image_version` is read-only on the HubSpot report card: a request never sends it, so the
// form struct has no such field, and the setter a newcomer looks for says why.
use stitch_connect_schema::common::{FrequencyInMinutes, Schedule, StartDate};
use stitch_connect_schema::sources::platform_hubspot::{FormProperties, FormRequired};

fn main() {
    let mut properties = FormProperties::new(FormRequired {
        schedule: Schedule::every(FrequencyInMinutes::Minutes30),
        start_date: StartDate::from_static("2024-01-01T00:00:00Z"),
    });
    properties.image_version = Some(serde_json::json!("1"));
    let _properties = properties.with_image_version(serde_json::json!("1"));
}
