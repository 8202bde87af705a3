// A Recurly source without its required `api_key` does not compile.
use stitch_connect_schema::common::{FrequencyInMinutes, IntegerOrDigits, Schedule, StartDate};
use stitch_connect_schema::sources::platform_recurly::{FormProperties, FormRequired};

fn main() {
    let _properties = FormProperties::new(FormRequired {
        schedule: Schedule::every(FrequencyInMinutes::Minutes60),
        start_date: StartDate::from_static("2024-01-01T00:00:00Z"),
        subdomain: "example".to_owned(),
        quota_limit: IntegerOrDigits::new(50),
    });
}
