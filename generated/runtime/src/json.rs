//! JSON words both sides print: a value's type in the words a reader expects, and keys escaped
//! for JSON pointers (RFC 6901). The generator names them in its errors and generated tests;
//! the crate in its validation errors.

use std::fmt;

use serde_json::Value;

/// The JSON type of a value, in the words a reader expects: `null`, `a boolean`, `a number`,
/// `a string`, `an array`, `an object`.
#[must_use]
#[inline]
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Writes `key` escaped for a JSON pointer (`~` as `~0`, `/` as `~1`), without allocating.
///
/// # Errors
/// The writer's.
pub fn write_pointer_escaped(out: &mut impl fmt::Write, key: &str) -> fmt::Result {
    let mut rest = key;
    while let Some(at) = rest.find(['~', '/']) {
        out.write_str(&rest[..at])?;
        out.write_str(if rest.as_bytes()[at] == b'~' {
            "~0"
        } else {
            "~1"
        })?;
        rest = &rest[at + 1..];
    }
    out.write_str(rest)
}

/// `key` escaped for a JSON pointer.
#[must_use]
pub fn pointer_escaped(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    // Writing to a `String` cannot fail.
    let _ = write_pointer_escaped(&mut out, key);
    out
}

/// The bytes of `key` escaped for a JSON pointer, for comparing pointers without building them.
pub fn pointer_escaped_bytes(key: &str) -> impl Iterator<Item = u8> + '_ {
    key.bytes().flat_map(|byte| {
        let (pair, len) = match byte {
            b'~' => ([b'~', b'0'], 2),
            b'/' => ([b'~', b'1'], 2),
            other => ([other, 0], 1),
        };
        pair.into_iter().take(len)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_escape_as_rfc_6901_says() {
        for (key, escaped) in [
            ("a", "a"),
            ("a/b", "a~1b"),
            ("~", "~0"),
            ("~1/", "~01~1"),
            ("", ""),
        ] {
            assert_eq!(pointer_escaped(key), escaped);
            assert_eq!(
                pointer_escaped_bytes(key).collect::<Vec<u8>>(),
                escaped.as_bytes()
            );
        }
    }

    #[test]
    fn types_are_named_with_their_article() {
        let names: Vec<&str> = [
            Value::Null,
            Value::Bool(true),
            serde_json::json!(1),
            serde_json::json!("x"),
            serde_json::json!([]),
            serde_json::json!({}),
        ]
        .iter()
        .map(type_name)
        .collect();
        assert_eq!(
            names,
            [
                "null",
                "a boolean",
                "a number",
                "a string",
                "an array",
                "an object"
            ]
        );
    }
}
