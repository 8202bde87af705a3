// There is no 45-minute frequency.
use stitch_connect_schema::common::{FrequencyInMinutes, Schedule};

fn main() {
    let _schedule = Schedule::every(FrequencyInMinutes::Minutes45);
}
