// `frequency_in_minutes = "45"` cannot be written: the frequency is an enum, not a string.
use stitch_connect_schema::common::Schedule;

fn main() {
    let _schedule = Schedule::every("45");
}
