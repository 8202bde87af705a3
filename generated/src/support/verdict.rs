//! One verdict for a request struct (a step's properties, an update): deserializing it accepts
//! exactly what the validator accepts, and refuses with every problem the validator lists.
//!
//! Each property's value is read as its type ([`Checked`]) or, when the type refuses it, kept
//! as it came; unknown and read-only properties, and in an update those that cannot change
//! once set, are kept aside too ([`Reading`]). An object
//! with nothing aside and nothing missing becomes the struct, at the cost of the typed read
//! alone. Otherwise the whole object is put back together and the validator says what is
//! wrong: the error lists what `validate_properties` (or `validate_update_properties`) lists,
//! in its words. Without the `validation` feature, the error names every property at fault.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{
    BoolDeserializer, BorrowedStrDeserializer, F64Deserializer, I64Deserializer, StrDeserializer,
    U64Deserializer, UnitDeserializer,
};
use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// A property's value: typed, or as it came when its type refuses it. Reading it never fails
/// on a value (only on malformed input), so one bad value does not hide the next.
pub enum Checked<T> {
    /// The type took it.
    Valid(T),
    /// The type refused it; here is the value.
    Invalid(Value),
}

impl<'de, T: DeserializeOwned> de::Deserialize<'de> for Checked<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CheckedVisitor(PhantomData))
    }
}

struct CheckedVisitor<T>(PhantomData<T>);

/// The value as `T` from a deserializer of one scalar, or the scalar as JSON.
#[inline(always)]
fn scalar<'a, T: DeserializeOwned>(
    typed: impl Deserializer<'a, Error = de::value::Error>,
    value: impl FnOnce() -> Value,
) -> Checked<T> {
    match T::deserialize(typed) {
        Ok(typed) => Checked::Valid(typed),
        Err(_) => Checked::Invalid(value()),
    }
}

/// The value as `T` from its JSON (arrays and objects: nested structs, lists).
fn compound<T: DeserializeOwned>(value: Value) -> Checked<T> {
    match T::deserialize(&value) {
        Ok(typed) => Checked::Valid(typed),
        Err(_) => Checked::Invalid(value),
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for CheckedVisitor<T> {
    type Value = Checked<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Checked<T>, E> {
        Ok(scalar(BoolDeserializer::new(v), || Value::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Checked<T>, E> {
        Ok(scalar(I64Deserializer::new(v), || Value::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Checked<T>, E> {
        Ok(scalar(U64Deserializer::new(v), || Value::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Checked<T>, E> {
        Ok(scalar(F64Deserializer::new(v), || Value::from(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Checked<T>, E> {
        Ok(scalar(StrDeserializer::new(v), || Value::from(v)))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Checked<T>, E> {
        Ok(scalar(BorrowedStrDeserializer::new(v), || Value::from(v)))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Checked<T>, E> {
        // The text is lent to the type, so that it can still be kept if the type refuses it.
        Ok(
            match T::deserialize(StrDeserializer::<de::value::Error>::new(&v)) {
                Ok(typed) => Checked::Valid(typed),
                Err(_) => Checked::Invalid(Value::String(v)),
            },
        )
    }

    fn visit_unit<E: de::Error>(self) -> Result<Checked<T>, E> {
        Ok(scalar(UnitDeserializer::new(), || Value::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<Checked<T>, E> {
        self.visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Checked<T>, A::Error> {
        let value = de::Deserialize::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        Ok(compound(value))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Checked<T>, A::Error> {
        let value = de::Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(compound(value))
    }
}

/// A type made from a JSON string and from nothing else, as its `Deserialize` does: plain text,
/// string booleans, the checked string types, secrets of those. Reading it skips the
/// generic [`Checked`] round trip.
pub trait FromText: Sized {
    /// The value of the JSON string `text`, `None` when the type refuses it.
    fn from_text(text: &str) -> Option<Self>;
}

impl FromText for String {
    #[inline]
    fn from_text(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
}

impl FromText for super::BoolString {
    #[inline]
    fn from_text(text: &str) -> Option<Self> {
        match text {
            "true" => Some(super::BoolString(true)),
            "false" => Some(super::BoolString(false)),
            _ => None,
        }
    }
}

impl<T: FromText> FromText for crate::Secret<T> {
    #[inline]
    fn from_text(text: &str) -> Option<Self> {
        T::from_text(text).map(crate::Secret::new)
    }
}

/// A string-made value: typed, or as it came (any JSON) when it is not a string the type
/// takes.
struct CheckedText<T>(Checked<T>);

impl<'de, T: FromText> de::Deserialize<'de> for CheckedText<T> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(TextVisitor(PhantomData))
            .map(CheckedText)
    }
}

struct TextVisitor<T>(PhantomData<T>);

impl<'de, T: FromText> Visitor<'de> for TextVisitor<T> {
    type Value = Checked<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    #[inline]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Checked<T>, E> {
        Ok(match T::from_text(v) {
            Some(typed) => Checked::Valid(typed),
            None => Checked::Invalid(Value::from(v)),
        })
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Checked<T>, E> {
        Ok(match T::from_text(&v) {
            Some(typed) => Checked::Valid(typed),
            None => Checked::Invalid(Value::String(v)),
        })
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Checked<T>, E> {
        Ok(Checked::Invalid(Value::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Checked<T>, E> {
        Ok(Checked::Invalid(Value::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Checked<T>, E> {
        Ok(Checked::Invalid(Value::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Checked<T>, E> {
        Ok(Checked::Invalid(Value::from(v)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Checked<T>, E> {
        Ok(Checked::Invalid(Value::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<Checked<T>, E> {
        self.visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Checked<T>, A::Error> {
        let value = de::Deserialize::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        Ok(Checked::Invalid(value))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Checked<T>, A::Error> {
        let value = de::Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(Checked::Invalid(value))
    }
}

/// Why a property was kept aside.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Aside {
    /// Its type refused the value.
    Invalid,
    /// The struct has no such property.
    Unknown,
    /// Stitch sets it; a request never sends it.
    ReadOnly,
    /// Its value cannot change once set; an update never sends it.
    Immutable,
    /// A property of another step, given to a step's struct read alone.
    OtherStep,
}

/// What reading a request struct kept aside: on refusal, the object put back together for the
/// validator.
#[derive(Default)]
pub struct Reading {
    /// The values kept aside, then (once refused) the typed ones put back.
    object: Map<String, Value>,
    /// The properties kept aside and why, in reading order.
    aside: Vec<(String, Aside)>,
    /// Required properties found missing.
    missing: Vec<&'static str>,
    /// Whether a property of another step was given (it is in `aside`, not in `object`: the
    /// validator would take it).
    other_step: bool,
    /// Whether a schedule was required and not given.
    missing_schedule: bool,
}

impl Reading {
    /// Nothing read yet.
    pub fn new() -> Self {
        Self::default()
    }

    fn keep<E: de::Error>(&mut self, key: Cow<'_, str>, value: Value, why: Aside) -> Result<(), E> {
        if self.object.contains_key(&*key) {
            return Err(super::duplicate(&key));
        }
        self.aside.push((key.clone().into_owned(), why));
        self.object.insert(key.into_owned(), value);
        Ok(())
    }

    /// A property of the struct: its typed value into `slot`, or its value kept aside.
    #[inline]
    pub fn value<'de, A: MapAccess<'de>, T: DeserializeOwned>(
        &mut self,
        map: &mut A,
        slot: &mut Option<T>,
        key: Cow<'_, str>,
    ) -> Result<(), A::Error> {
        let value: Checked<T> = map.next_value()?;
        self.place(slot, key, value)
    }

    /// A property made from a string ([`FromText`]): as [`Reading::value`], one step shorter.
    #[inline]
    pub fn text<'de, A: MapAccess<'de>, T: FromText>(
        &mut self,
        map: &mut A,
        slot: &mut Option<T>,
        key: Cow<'_, str>,
    ) -> Result<(), A::Error> {
        let CheckedText(value) = map.next_value()?;
        self.place(slot, key, value)
    }

    /// A value read for `slot`: typed into it, or kept aside; a second one is a duplicate.
    #[inline]
    fn place<T, E: de::Error>(
        &mut self,
        slot: &mut Option<T>,
        key: Cow<'_, str>,
        value: Checked<T>,
    ) -> Result<(), E> {
        // The object holds only what was kept aside, usually nothing.
        if slot.is_some() || (!self.object.is_empty() && self.object.contains_key(&*key)) {
            return Err(super::duplicate(&key));
        }
        match value {
            Checked::Valid(typed) => *slot = Some(typed),
            Checked::Invalid(value) => self.keep(key, value, Aside::Invalid)?,
        }
        Ok(())
    }

    /// A read-only property: refused.
    pub fn read_only<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        key: Cow<'_, str>,
    ) -> Result<(), A::Error> {
        let value: Value = map.next_value()?;
        self.keep(key, value, Aside::ReadOnly)
    }

    /// A property whose value cannot change once set, in an update: refused.
    pub fn immutable<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        key: Cow<'_, str>,
    ) -> Result<(), A::Error> {
        let value: Value = map.next_value()?;
        self.keep(key, value, Aside::Immutable)
    }

    /// A property of another step given to a step's struct read alone: refused, and listed
    /// after what the validator finds.
    pub fn other_step<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        key: Cow<'_, str>,
    ) -> Result<(), A::Error> {
        let _: de::IgnoredAny = map.next_value()?;
        if self.aside.iter().any(|(name, _)| *name == *key) {
            return Err(super::duplicate(&key));
        }
        self.other_step = true;
        self.aside.push((key.into_owned(), Aside::OtherStep));
        Ok(())
    }

    /// A property of another step, gathered for that step's struct.
    pub fn carried<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        step: &mut Map<String, Value>,
        key: Cow<'_, str>,
    ) -> Result<(), A::Error> {
        let value: Value = map.next_value()?;
        if step.contains_key(&*key) {
            return Err(super::duplicate(&key));
        }
        step.insert(key.into_owned(), value);
        Ok(())
    }

    /// A property the struct does not have: kept in `extra` when asked to, refused otherwise.
    pub fn unknown<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        key: Cow<'_, str>,
        extra: &mut crate::ExtraProperties,
        keep_unknown: bool,
    ) -> Result<(), A::Error> {
        let value: Value = map.next_value()?;
        if keep_unknown {
            if extra.get(&key).is_some() {
                return Err(super::duplicate(&key));
            }
            extra.insert_unknown(key.into_owned(), value);
            Ok(())
        } else {
            self.keep(key, value, Aside::Unknown)
        }
    }

    /// Whether every property read was typed.
    pub fn is_clean(&self) -> bool {
        self.aside.is_empty()
    }

    /// On refusal: a typed value put back, or a required one noted missing.
    pub fn typed<T: serde::Serialize>(
        &mut self,
        wire: &'static str,
        value: &Option<T>,
        required: bool,
    ) {
        match value {
            Some(value) => {
                // A value that was read serializes back (secrets too: this object is only
                // validated, never shown).
                if let Ok(value) = serde_json::to_value(value) {
                    self.object.insert(wire.to_owned(), value);
                }
            }
            None if required => self.missing.push(wire),
            None => {}
        }
    }

    /// On refusal: whether the schedule a create needs was given.
    pub fn schedule(&mut self, given: bool) {
        self.missing_schedule = !given;
    }

    /// On refusal: another step's properties put back.
    pub fn carried_back(&mut self, step: Map<String, Value>) {
        self.object.extend(step);
    }

    /// The error of a refused object of `connection_type`: the validator's list (as a create,
    /// or as an update when `update`), or without `validation`, every property at fault.
    #[cold]
    #[inline(never)]
    pub fn refuse<E: de::Error>(self, connection_type: &str, update: bool) -> E {
        #[cfg(feature = "validation")]
        {
            let object = Value::Object(self.object);
            let verdict = if update {
                super::validate_update_properties(connection_type, &object)
            } else {
                super::validate_properties(connection_type, &object)
            };
            match verdict {
                Err(errors) if !self.other_step => return E::custom(errors),
                Err(errors) => {
                    return E::custom(WithOtherSteps {
                        errors: &errors,
                        aside: &self.aside,
                    });
                }
                Ok(()) => {}
            }
        }
        #[cfg(not(feature = "validation"))]
        let _ = update;
        E::custom(Refusal {
            connection_type,
            aside: &self.aside,
            missing: &self.missing,
            missing_schedule: self.missing_schedule,
        })
    }
}

impl Aside {
    /// What is wrong, after the property's name.
    fn message(self) -> &'static str {
        match self {
            Aside::Invalid => "not a valid value for this property",
            Aside::Unknown => "not a property of this object",
            Aside::ReadOnly => "read-only: Stitch sets it, a request never sends it",
            Aside::Immutable => "cannot change once set: an update never sends it",
            Aside::OtherStep => "a property of another step, not of this one",
        }
    }
}

/// One line of a list of problems: the property's JSON pointer, its name, what is wrong.
fn write_line(f: &mut fmt::Formatter<'_>, name: &str, what: &str) -> fmt::Result {
    f.write_str("\n  /")?;
    stitch_connect_runtime::json::write_pointer_escaped(f, name)?;
    write!(f, ": `{name}`: {what}")
}

/// The validator's list, then the properties of other steps that a step's struct refused.
#[cfg(feature = "validation")]
struct WithOtherSteps<'a> {
    errors: &'a super::ValidationErrors,
    aside: &'a [(String, Aside)],
}

#[cfg(feature = "validation")]
impl fmt::Display for WithOtherSteps<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let others = self
            .aside
            .iter()
            .filter(|(_, why)| *why == Aside::OtherStep);
        let count = self.errors.len() + others.clone().count();
        write!(
            f,
            "{count} problem{} with the properties of {}:",
            if count == 1 { "" } else { "s" },
            self.errors.connection_type()
        )?;
        for error in self.errors.iter() {
            let pointer = match error.pointer() {
                "" => "/",
                pointer => pointer,
            };
            write!(f, "\n  {pointer}: {error}")?;
        }
        for (name, why) in others {
            write_line(f, name, why.message())?;
        }
        Ok(())
    }
}

/// Every property at fault, by name: what the typed layer knows without the validator (a
/// build without `validation`, or a property of another step in a step's struct).
struct Refusal<'a> {
    connection_type: &'a str,
    aside: &'a [(String, Aside)],
    missing: &'a [&'static str],
    missing_schedule: bool,
}

impl fmt::Display for Refusal<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.aside.len() + self.missing.len() + usize::from(self.missing_schedule);
        write!(
            f,
            "{count} problem{} with the properties of {}:",
            if count == 1 { "" } else { "s" },
            self.connection_type
        )?;
        let mut line = |name: &str, what: &str| write_line(f, name, what);
        for (name, why) in self.aside {
            line(name, why.message())?;
        }
        for name in self.missing {
            line(name, "missing required property")?;
        }
        if self.missing_schedule {
            f.write_str(
                "\n  /: missing replication schedule: give `frequency_in_minutes` (optionally with `anchor_time`) or `cron_expression`",
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use serde_json::json;

    use super::*;

    fn checked<T: DeserializeOwned>(text: &str) -> Checked<T> {
        serde_json::from_str(text).unwrap()
    }

    /// A value its type refuses is kept as it came, whatever its JSON type; one it takes is
    /// typed, borrowed or owned.
    #[test]
    fn checked_keeps_what_the_type_refuses() {
        assert!(matches!(checked::<String>(r#""text""#), Checked::Valid(t) if t == "text"));
        assert!(
            matches!(checked::<String>(r#""esc\"aped""#), Checked::Valid(t) if t == "esc\"aped")
        );
        assert!(matches!(checked::<bool>("true"), Checked::Valid(true)));
        assert!(matches!(checked::<f64>("5"), Checked::Valid(f) if f == 5.0));
        for (text, value) in [
            ("5", json!(5)),
            ("-5", json!(-5)),
            ("1.5", json!(1.5)),
            ("true", json!(true)),
            ("null", Value::Null),
            (r#"["a", {"b": 1}]"#, json!(["a", {"b": 1}])),
            (r#"{"k": [1]}"#, json!({"k": [1]})),
        ] {
            assert!(
                matches!(checked::<String>(text), Checked::Invalid(v) if v == value),
                "{text}"
            );
        }
        // An owned string (from a `Value`) is kept too.
        let owned: Checked<bool> = serde_json::from_value(json!("yes")).unwrap();
        assert!(matches!(owned, Checked::Invalid(v) if v == json!("yes")));
        // Malformed input is still an error.
        assert!(serde_json::from_str::<Checked<String>>("[1,").is_err());
    }

    /// Without the validator's words, the refusal names every property at fault and why.
    #[test]
    fn the_refusal_names_every_property_at_fault() {
        let aside = [
            ("port".to_owned(), Aside::Invalid),
            ("passwrod".to_owned(), Aside::Unknown),
            ("a/b".to_owned(), Aside::ReadOnly),
        ];
        let text = Refusal {
            connection_type: "postgres",
            aside: &aside,
            missing: &["host"],
            missing_schedule: true,
        }
        .to_string();
        assert_eq!(
            text,
            "5 problems with the properties of postgres:\n  \
             /port: `port`: not a valid value for this property\n  \
             /passwrod: `passwrod`: not a property of this object\n  \
             /a~1b: `a/b`: read-only: Stitch sets it, a request never sends it\n  \
             /host: `host`: missing required property\n  \
             /: missing replication schedule: give `frequency_in_minutes` (optionally with `anchor_time`) or `cron_expression`"
        );
    }
}
