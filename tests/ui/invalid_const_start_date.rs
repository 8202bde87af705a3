// 2024 has no February 30th: the literal fails to compile in a const context.
use stitch_connect_schema::common::StartDate;

const START: StartDate = StartDate::from_static("2024-02-30T00:00:00Z");

fn main() {
    let _ = START;
}
