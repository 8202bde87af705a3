//! Seeded JSON values for the differential tests: strings shaped like every constraint in the
//! spec (dates, digits, enums, hosts, URIs...), their near misses, and every other JSON type.

use serde_json::{Map, Value, json};

use crate::Rng;

const ALPHABET: &[char] = &[
    '0', '1', '2', '5', '9', 'a', 'z', 'A', 'Z', '-', '.', ':', '/', '_', ' ', 'T', 'Z', '+', '@',
    '?', '#', '%', '[', ']', '\n', 'é', '日', '٣', '😀', '\u{2028}', '~', 't', 'f',
];

/// Valid-looking strings for every kind of constraint in the spec.
pub fn seed_string(rng: &mut Rng) -> String {
    let y = rng.below(10_000);
    let m = rng.below(14);
    let d = rng.below(33);
    match rng.below(24) {
        0 => format!("{y:04}-{m:02}-{d:02}T00:00:00Z"),
        1 => format!(
            "{:04}-02-{:02}T00:00:00Z",
            [1900, 2000, 2023, 2024][rng.below(4)],
            28 + rng.below(3)
        ),
        2 => format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}{}",
            rng.below(25),
            rng.below(61),
            rng.below(62),
            rng.pick(&["Z", "z", "+02:00", "-07:30", ".123Z", "", "+0100", "+24:00"])
        ),
        3 => rng.below(100_000).to_string(),
        4 => format!("{}abc", rng.below(1000)),
        5 => rng
            .pick(&[
                "1", "30", "60", "360", "720", "1440", "45", "3600", "01", "60 ",
            ])
            .to_string(),
        6 => rng
            .pick(&["true", "false", "True", "FALSE", "yes", ""])
            .to_string(),
        7 => rng
            .pick(&["ssh", "none", "SSH", "csv", "jsonl", "json"])
            .to_string(),
        8 => format!(
            "{}.{}.{}.{}",
            rng.below(300),
            rng.below(256),
            rng.below(256),
            rng.below(256)
        ),
        9 => rng
            .pick(&[
                "::1",
                "::",
                "fe80::1",
                "2001:db8::8a2e:370:7334",
                "::ffff:1.2.3.4",
                "1::2::3",
                "1:2:3:4:5:6:7:8:9",
                "[::1]",
            ])
            .to_string(),
        10 => {
            let labels = 1 + rng.below(4);
            (0..labels)
                .map(|_| {
                    let len = 1 + rng.below(12);
                    (0..len)
                        .map(|_| rng.pick(&['a', 'b', '0', '-', 'x']))
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join(".")
        }
        11 => format!("{}.com", "a".repeat(60 + rng.below(8))),
        12 => rng
            .pick(&[
                "https://example.com/x?y=1#z",
                "mailto:a@b",
                "urn:isbn:1",
                "http://",
                "example.com",
                "https://exa mple.com",
                "http://[::1]:80/",
                "ht%tp://x",
            ])
            .to_string(),
        13 => format!("stitch-challenge-file-{}", rng.below(1000)),
        14 => rng
            .pick(&[
                "stitch-challenge-file-",
                "stitch-challenge-file-a\nb",
                "xstitch-challenge-file-1",
                "Stitch-challenge-file-1",
            ])
            .to_string(),
        15 => String::new(),
        16 => "9".repeat(1 + rng.below(25)),
        17 => "x".repeat(10_000),
        18 => "日本語のホスト".to_owned(),
        19 => format!("xn--{}", rng.pick(&["bcher-kva", "example", "-", "zz"])),
        _ => {
            let len = rng.below(16);
            (0..len).map(|_| rng.pick(ALPHABET)).collect()
        }
    }
}

/// A near miss: one character inserted, deleted or replaced.
pub fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let at = if chars.is_empty() {
        0
    } else {
        rng.below(chars.len())
    };
    match rng.below(3) {
        0 => chars.insert(at, rng.pick(ALPHABET)),
        1 if !chars.is_empty() => {
            chars.remove(at);
        }
        _ if !chars.is_empty() => chars[at] = rng.pick(ALPHABET),
        _ => chars.push(rng.pick(ALPHABET)),
    }
    chars.into_iter().collect()
}

/// A JSON value of any type, mostly strings shaped like what the report cards constrain.
pub fn value(rng: &mut Rng, depth: usize) -> Value {
    match rng.below(20) {
        0..=7 => Value::String(seed_string(rng)),
        8..=10 => {
            let base = seed_string(rng);
            Value::String(mutate(rng, &base))
        }
        11 => json!(rng.below(100_000)),
        12 => json!(-(rng.below(1000) as i64)),
        13 => rng
            .pick(&[
                json!(1.0),
                json!(1.5),
                json!(-0.0),
                json!(1e300),
                json!(0.1),
                json!(u64::MAX),
            ])
            .clone(),
        14 => json!(rng.chance(50)),
        15 => Value::Null,
        16 if depth < 2 => {
            let len = rng.below(3);
            Value::Array((0..len).map(|_| value(rng, depth + 1)).collect())
        }
        17 | 18 if depth < 2 => {
            let keys = [
                "ssh",
                "ssh_host",
                "ssh_port",
                "ssh_user",
                "name",
                "id",
                "scheme",
                "bucket_name",
                "type",
                "private_key",
                "project_id",
                "other",
            ];
            let mut map = Map::new();
            for _ in 0..rng.below(5) {
                map.insert(rng.pick(&keys).to_string(), value(rng, depth + 1));
            }
            Value::Object(map)
        }
        _ => Value::String(seed_string(rng)),
    }
}

/// A value `accepts` takes, when one of a few hundred candidates is.
pub fn accepted_value(rng: &mut Rng, accepts: impl Fn(&Value) -> bool) -> Option<Value> {
    (0..400)
        .map(|_| value(rng, 0))
        .find(|candidate| accepts(candidate))
}
