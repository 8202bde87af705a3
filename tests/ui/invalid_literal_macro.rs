// A bad literal written as the README writes literals fails to compile, under `cargo check`
// too.
use stitch_connect_schema::common::StartDate;
use stitch_connect_schema::literal;

fn main() {
    let start = literal!(StartDate, "2024-13-01T00:00:00Z");
    let _ = start;
}
