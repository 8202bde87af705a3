// A hostname label cannot start with a hyphen.
use stitch_connect_schema::common::Host;

const HOST: Host = Host::from_static("-db.example.com");

fn main() {
    let _ = HOST;
}
