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

/// A finite number as odd × 2^exponent (zero as `None`), with its sign.
fn odd_power(number: Exact) -> Option<(u128, i32)> {
    let (mut odd, mut exponent) = match number {
        Exact::Whole(0) => return None,
        Exact::Whole(n) => (n.unsigned_abs(), 0),
        Exact::Float(f) => {
            if f == 0.0 || !f.is_finite() {
                return None;
            }
            let bits = f.to_bits();
            let biased = ((bits >> 52) & 0x7ff) as i32;
            let fraction = u128::from(bits & ((1 << 52) - 1));
            if biased == 0 {
                (fraction, -1074)
            } else {
                (fraction | (1 << 52), biased - 1075)
            }
        }
    };
    let zeros = odd.trailing_zeros();
    odd >>= zeros;
    exponent += zeros as i32;
    Some((odd, exponent))
}

/// Whether `value` divided by `divisor` (greater than 0) is a whole number, computed exactly on
/// the numbers as stored: both are odd × a power of two, so the quotient is whole when the odd
/// part of the divisor divides the value's and no power of two is left in the denominator.
pub fn is_multiple(value: &Number, divisor: Num) -> bool {
    let Some((value_odd, value_exponent)) = odd_power(exact(value)) else {
        // Zero is a multiple of everything.
        return true;
    };
    let Some((divisor_odd, divisor_exponent)) = odd_power(divisor.exact()) else {
        return false;
    };
    value_exponent >= divisor_exponent && value_odd % divisor_odd == 0
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
    fn multiples_are_exact() {
        let n = |v: Value| number(v);
        assert!(is_multiple(&n(json!(10)), Num::Unsigned(5)));
        assert!(!is_multiple(&n(json!(11)), Num::Unsigned(5)));
        assert!(is_multiple(&n(json!(0)), Num::Float(0.7)));
        assert!(is_multiple(&n(json!(1.5)), Num::Float(0.5)));
        assert!(!is_multiple(&n(json!(1.5)), Num::Float(1.0)));
        assert!(is_multiple(&n(json!(-6)), Num::Float(1.5)));
        // 0.3 and 0.1 as stored are not multiples.
        assert!(!is_multiple(&n(json!(0.3)), Num::Float(0.1)));
        assert!(is_multiple(&n(json!(1e300)), Num::Unsigned(1)));
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
