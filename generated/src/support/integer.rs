//! [`Integer`]: a JSON Schema `integer`, exactly as draft 7 takes it.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde_json::Number;

/// A JSON Schema `integer`: any JSON number without a fractional part, as the validator takes
/// it, so `-5`, `18446744073709551615`, `1.0` and `1e30` too. Kept as written (`1.0` writes
/// back `1.0`); [`as_i64`](Self::as_i64) and [`as_u64`](Self::as_u64) give the number when it
/// fits.
///
/// ```
/// use stitch_connect_schema::Integer;
/// let big: Integer = serde_json::from_str("1e30").unwrap();
/// assert_eq!(big.as_i64(), None);
/// assert_eq!(serde_json::to_value(&big).unwrap(), serde_json::json!(1e30));
/// assert_eq!(Integer::from(-5).as_i64(), Some(-5));
/// assert!(serde_json::from_str::<Integer>("1.5").is_err());
/// assert!(serde_json::from_str::<Integer>("\"1\"").is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Integer(Number);

impl Integer {
    /// The number, if it is a whole number as JSON Schema says (no fractional part).
    pub fn from_number(number: Number) -> Option<Self> {
        let whole = number.is_i64()
            || number.is_u64()
            || number
                .as_f64()
                .is_some_and(|f| f.is_finite() && f.fract() == 0.0);
        whole.then_some(Self(number))
    }

    /// The value, when it fits in an `i64` (a whole float within range too).
    pub fn as_i64(&self) -> Option<i64> {
        self.0.as_i64().or_else(|| {
            self.0
                .as_f64()
                .filter(|f| *f >= -9_223_372_036_854_775_808.0 && *f < 9_223_372_036_854_775_808.0)
                .map(|f| f as i64)
        })
    }

    /// The value, when it fits in a `u64` (a whole float within range too).
    pub fn as_u64(&self) -> Option<u64> {
        self.0.as_u64().or_else(|| {
            self.0
                .as_f64()
                .filter(|f| *f >= 0.0 && *f < 18_446_744_073_709_551_616.0)
                .map(|f| f as u64)
        })
    }

    /// The JSON number, as written.
    pub fn as_number(&self) -> &Number {
        &self.0
    }
}

impl From<i64> for Integer {
    fn from(value: i64) -> Self {
        Self(value.into())
    }
}

impl From<u64> for Integer {
    fn from(value: u64) -> Self {
        Self(value.into())
    }
}

impl From<i32> for Integer {
    fn from(value: i32) -> Self {
        Self(value.into())
    }
}

impl From<u32> for Integer {
    fn from(value: u32) -> Self {
        Self(value.into())
    }
}

impl fmt::Display for Integer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for Integer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Integer({})", self.0)
    }
}

impl serde::Serialize for Integer {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Integer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IntegerVisitor;
        impl Visitor<'_> for IntegerVisitor {
            type Value = Integer;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Integer, E> {
                Ok(Integer::from(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Integer, E> {
                Ok(Integer::from(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Integer, E> {
                Number::from_f64(v)
                    .and_then(Integer::from_number)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Float(v), &self))
            }
        }
        deserializer.deserialize_any(IntegerVisitor)
    }
}

impl schemars::JsonSchema for Integer {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("Integer")
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "integer"})
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use serde_json::json;

    use super::*;

    /// It takes what the validator's `integer` takes, and writes it back as it came.
    #[test]
    fn takes_every_whole_number_and_nothing_else() {
        for whole in [
            json!(0),
            json!(-5),
            json!(u64::MAX),
            json!(i64::MIN),
            json!(1.0),
            json!(-0.0),
            json!(1e300),
        ] {
            let read: Integer = serde_json::from_value(whole.clone()).unwrap();
            assert_eq!(serde_json::to_value(&read).unwrap(), whole);
        }
        for other in [json!(1.5), json!("1"), json!(true), json!(null), json!([1])] {
            assert!(
                serde_json::from_value::<Integer>(other.clone()).is_err(),
                "{other}"
            );
        }
        let read: Integer = serde_json::from_value(json!(3.0)).unwrap();
        assert_eq!((read.as_i64(), read.as_u64()), (Some(3), Some(3)));
        assert_eq!(Integer::from(-1).as_u64(), None);
    }
}
