// A start date is checked when it is made: a string does not convert to one, and the compiler
// points to `literal!` and `.parse()`.
use stitch_connect_schema::sources::platform_hubspot::UpdateProperties;

fn main() {
    let _update = UpdateProperties::new().with_start_date("2024-01-01T00:00:00Z");
}
