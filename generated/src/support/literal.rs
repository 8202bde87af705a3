//! JSON values as static data (the values of `enum` and `const`, the limits of numeric
//! keywords), and JSON Schema's equality and order of numbers: exact, whatever the numbers'
//! representations (`1`, `1.0` and `1e0` are one number; `9007199254740993` is not
//! `9007199254740992.0`).

use std::cmp::Ordering;
use std::fmt;

use serde_json::{Number, Value};

/// A JSON number as the generator wrote it.
#[derive(Debug, Clone, Copy, PartialEq)]
#[allow(dead_code)] // The evaluator is general; today's spec does not use every keyword.
pub enum Num {
    /// A non-negative integer.
    Unsigned(u64),
    /// A negative integer.
    Signed(i64),
    /// Any other number.
    Float(f64),
}

/// A JSON value as static data.
#[derive(Debug, Clone, Copy, PartialEq)]
#[allow(dead_code)] // The evaluator is general; today's spec does not use every keyword.
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Num),
    /// A string.
    String(&'static str),
    /// An array.
    Array(&'static [Json]),
    /// An object, its members in document order.
    Object(&'static [(&'static str, Json)]),
}

/// A number in the form exact comparison needs: a whole number (any integer, or a float
/// without a fraction below 2^127 in magnitude) or a float with a fraction (or too large).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Exact {
    Whole(i128),
    Float(f64),
}

/// 2^127, the first magnitude an `i128` cannot hold.
const LIMIT: f64 = 170_141_183_460_469_231_731_687_303_715_884_105_728.0;

fn exact_float(f: f64) -> Exact {
    if f.fract() == 0.0 && f.abs() < LIMIT {
        // Whole and in range: the conversion is exact.
        Exact::Whole(f as i128)
    } else {
        Exact::Float(f)
    }
}

impl Num {
    fn exact(self) -> Exact {
        match self {
            Num::Unsigned(n) => Exact::Whole(i128::from(n)),
            Num::Signed(n) => Exact::Whole(i128::from(n)),
            Num::Float(f) => exact_float(f),
        }
    }
}

fn exact(number: &Number) -> Exact {
    if let Some(n) = number.as_u64() {
        Exact::Whole(i128::from(n))
    } else if let Some(n) = number.as_i64() {
        Exact::Whole(i128::from(n))
    } else {
        exact_float(number.as_f64().unwrap_or(f64::NAN))
    }
}

/// The exact order of two numbers (`None` only for NaN, which JSON cannot hold).
fn compare(a: Exact, b: Exact) -> Option<Ordering> {
    match (a, b) {
        (Exact::Whole(a), Exact::Whole(b)) => Some(a.cmp(&b)),
        (Exact::Float(a), Exact::Float(b)) => a.partial_cmp(&b),
        (Exact::Whole(a), Exact::Float(b)) => whole_float(a, b),
        (Exact::Float(a), Exact::Whole(b)) => whole_float(b, a).map(Ordering::reverse),
    }
}

/// The order of a whole number and a float that is not (a fraction, or beyond 2^127).
fn whole_float(a: i128, b: f64) -> Option<Ordering> {
    if b.is_nan() {
        return None;
    }
    if b >= LIMIT {
        return Some(Ordering::Less);
    }
    if b <= -LIMIT {
        return Some(Ordering::Greater);
    }
    // `b` has a fraction: `a` is at most its floor, or above it.
    let floor = b.floor() as i128;
    Some(if a <= floor {
        Ordering::Less
    } else {
        Ordering::Greater
    })
}

/// The order of a value's number and a limit.
pub fn order(value: &Number, limit: Num) -> Option<Ordering> {
    compare(exact(value), limit.exact())
}

/// Whether two numbers are the same number.
pub fn same_number(a: &Number, b: &Number) -> bool {
    compare(exact(a), exact(b)) == Some(Ordering::Equal)
}

/// A finite float as the decimal it prints as (the shortest that reads back the same):
/// `mantissa × 10^-decimals`.
fn decimal_parts(value: f64) -> Option<(i128, i32)> {
    let text = format!("{value:e}");
    let (digits, exponent) = text.split_once('e')?;
    let exponent: i32 = exponent.parse().ok()?;
    let (negative, digits) = match digits.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, digits),
    };
    let mut mantissa: i128 = 0;
    let mut decimals: i32 = 0;
    let mut fractional = false;
    for byte in digits.bytes() {
        if byte == b'.' {
            fractional = true;
            continue;
        }
        mantissa = mantissa
            .checked_mul(10)?
            .checked_add(i128::from(byte.checked_sub(b'0')?))?;
        decimals += i32::from(fractional);
    }
    Some((
        if negative { -mantissa } else { mantissa },
        decimals - exponent,
    ))
}

/// Whether `value / divisor` is whole in the decimals both print as (`19.99` is a multiple of
/// `0.01`, although the floats stored for them are not), exactly at any magnitude: with
/// `value = v × 10^-a` and `divisor = d × 10^-b`, the quotient is `v × 10^(b-a) / d`.
fn decimal_multiple(value: f64, divisor: f64) -> bool {
    let (Some((v, a)), Some((d, b))) = (decimal_parts(value), decimal_parts(divisor)) else {
        return false;
    };
    // At most 17 significant digits each: products of two stay inside `u128`.
    let (v, d) = (v.unsigned_abs(), d.unsigned_abs());
    if d == 0 {
        return false;
    }
    let k = b - a;
    if k >= 0 {
        ((v % d) * pow10_mod(k.unsigned_abs(), d)).is_multiple_of(d)
    } else {
        // `d × 10^-k` must divide `v`.
        match 10u128.checked_pow((-k).unsigned_abs()) {
            Some(p) => v.is_multiple_of(p) && (v / p).is_multiple_of(d),
            None => v == 0,
        }
    }
}

/// `10^k mod m` (`m` below 10^17).
fn pow10_mod(k: u32, m: u128) -> u128 {
    let (mut result, mut base, mut k) = (1 % m, 10 % m, k);
    while k > 0 {
        if k & 1 == 1 {
            result = result * base % m;
        }
        base = base * base % m;
        k >>= 1;
    }
    result
}

/// Whether `value` is a multiple of `divisor` (greater than 0), as the oracle decides it:
/// - a whole divisor: integers by integer remainder, other numbers when whole and with no
///   remainder as floats (exact for floats);
/// - a fractional divisor: zero always; a smaller magnitude never; else in the decimals both
///   numbers print as.
pub fn is_multiple(value: &Number, divisor: Num) -> bool {
    let divisor = match divisor {
        Num::Unsigned(n) => n as f64,
        Num::Signed(n) => n as f64,
        Num::Float(f) => f,
    };
    if divisor.fract() == 0.0 {
        if divisor <= 9_007_199_254_740_992.0 {
            if let Some(v) = value.as_u64() {
                return v % (divisor as u64) == 0;
            }
            if let Some(v) = value.as_i64() {
                return v % (divisor as i64) == 0;
            }
        }
        let v = value.as_f64().unwrap_or(f64::NAN);
        return v.fract() == 0.0 && v % divisor == 0.0;
    }
    let v = value.as_f64().unwrap_or(f64::NAN);
    if v == 0.0 {
        return true;
    }
    if v.abs() < divisor {
        return false;
    }
    decimal_multiple(v, divisor)
}

/// Whether `value` equals the literal, as JSON Schema compares (numbers by value, objects
/// whatever their key order).
pub fn equals(literal: &Json, value: &Value) -> bool {
    match (literal, value) {
        (Json::Null, Value::Null) => true,
        (Json::Bool(a), Value::Bool(b)) => a == b,
        (Json::Number(a), Value::Number(b)) => {
            compare(a.exact(), exact(b)) == Some(Ordering::Equal)
        }
        (Json::String(a), Value::String(b)) => *a == b,
        (Json::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| equals(a, b))
        }
        (Json::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(key, a)| b.get(*key).is_some_and(|b| equals(a, b)))
        }
        _ => false,
    }
}

/// Whether two values are equal as JSON Schema compares them.
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::Number(a), Value::Number(b)) => same_number(a, b),
        (Value::String(a), Value::String(b)) => a == b,
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_value(a, b))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(key, a)| b.get(key).is_some_and(|b| same_value(a, b)))
        }
        _ => false,
    }
}

/// Whether no two items are equal.
pub fn all_different(items: &[Value]) -> bool {
    items
        .iter()
        .enumerate()
        .all(|(i, a)| items[i + 1..].iter().all(|b| !same_value(a, b)))
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Num::Unsigned(n) => write!(f, "{n}"),
            Num::Signed(n) => write!(f, "{n}"),
            Num::Float(n) => write!(f, "{n}"),
        }
    }
}

impl fmt::Display for Json {
    /// As JSON, except that a string at the top is written bare (`csv`, not `"csv"`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Json::String(text) => f.write_str(text),
            other => write!(f, "{}", Quoted(*other)),
        }
    }
}

/// A literal written as JSON text.
struct Quoted(Json);

impl fmt::Display for Quoted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => write!(f, "{b}"),
            Json::Number(n) => write!(f, "{n}"),
            Json::String(text) => write!(f, "{}", Value::String(text.to_owned())),
            Json::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{}", Quoted(*item))?;
                }
                f.write_str("]")
            }
            Json::Object(members) => {
                f.write_str("{")?;
                for (i, (key, item)) in members.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{}:{}", Value::String((*key).to_owned()), Quoted(*item))?;
                }
                f.write_str("}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use serde_json::json;

    use super::*;

    fn number(value: Value) -> Number {
        match value {
            Value::Number(n) => n,
            _ => unreachable!(),
        }
    }

    #[test]
    fn numbers_compare_exactly() {
        let n = |v: Value| number(v);
        assert!(same_number(&n(json!(1)), &n(json!(1.0))));
        assert!(!same_number(
            &n(json!(9_007_199_254_740_993_u64)),
            &n(json!(9_007_199_254_740_992.0))
        ));
        assert_eq!(
            order(&n(json!(2)), Num::Float(1.5)),
            Some(Ordering::Greater)
        );
        assert_eq!(order(&n(json!(1)), Num::Float(1.5)), Some(Ordering::Less));
        assert_eq!(order(&n(json!(-2)), Num::Float(-1.5)), Some(Ordering::Less));
        assert_eq!(
            order(&n(json!(u64::MAX)), Num::Float(1e300)),
            Some(Ordering::Less)
        );
        assert_eq!(
            order(&n(json!(1.5)), Num::Signed(-1)),
            Some(Ordering::Greater)
        );
    }

    #[test]
    fn multiples_are_read_in_decimals() {
        let n = |v: Value| number(v);
        assert!(is_multiple(&n(json!(10)), Num::Unsigned(5)));
        assert!(!is_multiple(&n(json!(11)), Num::Unsigned(5)));
        assert!(is_multiple(&n(json!(0)), Num::Float(0.7)));
        assert!(is_multiple(&n(json!(1.5)), Num::Float(0.5)));
        assert!(!is_multiple(&n(json!(1.5)), Num::Float(1.0)));
        assert!(is_multiple(&n(json!(-6)), Num::Float(1.5)));
        // As written, not as stored: 0.3, 1 and 19.99 are multiples of 0.1 or 0.01.
        assert!(is_multiple(&n(json!(0.3)), Num::Float(0.1)));
        assert!(is_multiple(&n(json!(1)), Num::Float(0.1)));
        assert!(is_multiple(&n(json!(19.99)), Num::Float(0.01)));
        assert!(is_multiple(&n(json!(0.0075)), Num::Float(0.0001)));
        assert!(!is_multiple(&n(json!(1_070_468.145)), Num::Float(0.01)));
        assert!(!is_multiple(&n(json!(0.05)), Num::Float(0.1)));
        assert!(is_multiple(&n(json!(1e300)), Num::Unsigned(1)));
        assert!(is_multiple(&n(json!(1e300)), Num::Float(0.1)));
        assert!(!is_multiple(&n(json!(1e-300)), Num::Float(0.3)));
        assert!(is_multiple(&n(json!(3e-300)), Num::Float(1e-300)));
    }

    #[test]
    fn literals_equal_as_json_schema_says() {
        assert!(equals(&Json::Number(Num::Unsigned(1)), &json!(1.0)));
        assert!(equals(
            &Json::Object(&[("a", Json::Null), ("b", Json::Bool(true))]),
            &json!({"b": true, "a": null})
        ));
        assert!(!equals(
            &Json::Array(&[Json::String("a")]),
            &json!(["a", "b"])
        ));
        assert!(!equals(&Json::Bool(false), &json!(0)));
        assert!(all_different(&[json!(1), json!("1"), json!([1])]));
        assert!(!all_different(&[json!({"a": [1]}), json!({"a": [1.0]})]));
        assert_eq!(
            Json::Array(&[Json::String("a\""), Json::Number(Num::Float(0.5))]).to_string(),
            r#"["a\"",0.5]"#
        );
        assert_eq!(Json::String("csv").to_string(), "csv");
    }
}
