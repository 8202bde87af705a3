// A source with schedule properties must be given a replication schedule.
use stitch_connect_schema::common::{IntegerOrDigits, StartDate};
use stitch_connect_schema::sources::platform_recurly::{FormProperties, FormRequired};

fn main() {
    let _properties = FormProperties::new(FormRequired {
        start_date: StartDate::from_static("2024-01-01T00:00:00Z"),
        api_key: "key".into(),
        subdomain: "example".to_owned(),
        quota_limit: IntegerOrDigits::new(50),
    });
}
