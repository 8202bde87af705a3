// The s3 sentinel key must match `^stitch-challenge-file-.*$`.
use stitch_connect_schema::common::SentinelKey;

const KEY: SentinelKey = SentinelKey::from_static("challenge-file-1");

fn main() {
    let _ = KEY;
}
