//! Seeded JSON values aimed at one JSON Schema: the schema's own literals, numbers at and
//! around its bounds (as integers and as floats), strings around its lengths, objects with
//! its property names, arrays with repeated items, and the generic values of
//! [`crate::values`]. Used with an oracle: the values land on both sides of each keyword.

use serde_json::{Map, Number, Value, json};

use crate::Rng;
use crate::values;

/// What a schema mentions, harvested once.
pub struct Harvest {
    /// Every value of `enum` and `const`, anywhere in the schema.
    literals: Vec<Value>,
    /// Every number in the schema, and small ones.
    numbers: Vec<f64>,
    /// Every string in the schema, and short ones.
    strings: Vec<String>,
    /// Every property name the schema mentions, and a few it does not.
    keys: Vec<String>,
}

impl Harvest {
    /// What `schema` mentions.
    pub fn of(schema: &Value) -> Harvest {
        let mut harvest = Harvest {
            literals: Vec::new(),
            numbers: vec![0.0, 1.0, -1.0, 2.0, 0.5],
            strings: [
                "", "a", "ab", "abc", "abcd", "x1", "1", "12", "10.0.0.1", "::1",
            ]
            .map(str::to_owned)
            .to_vec(),
            keys: ["a", "b", "c", "k", "x1", "xy", "ay", "ab", "abc", "zz"]
                .map(str::to_owned)
                .to_vec(),
        };
        harvest.walk(schema, None);
        harvest
    }

    fn walk(&mut self, value: &Value, key: Option<&str>) {
        match value {
            Value::Object(map) => {
                for (name, inner) in map {
                    if matches!(
                        key,
                        Some("properties" | "patternProperties" | "dependencies")
                    ) {
                        self.keys.push(name.clone());
                    }
                    if matches!(name.as_str(), "enum" | "const" | "examples" | "default") {
                        match (name.as_str(), inner) {
                            ("enum" | "examples", Value::Array(items)) => {
                                self.literals.extend(items.iter().cloned());
                            }
                            _ => self.literals.push(inner.clone()),
                        }
                    }
                    self.walk(inner, Some(name));
                }
            }
            Value::Array(items) => {
                for item in items {
                    if matches!(key, Some("required"))
                        && let Some(name) = item.as_str()
                    {
                        self.keys.push(name.to_owned());
                    }
                    self.walk(item, key);
                }
            }
            Value::Number(n) => self.numbers.extend(n.as_f64()),
            Value::String(text) => self.strings.push(text.clone()),
            _ => {}
        }
    }

    /// A value for the schema.
    pub fn value(&self, rng: &mut Rng, depth: usize) -> Value {
        match rng.below(12) {
            0 | 1 if !self.literals.is_empty() => {
                let literal = rng.pick(&self.literals);
                if rng.chance(30) {
                    self.near(rng, &literal, depth)
                } else {
                    literal
                }
            }
            2 | 3 => self.number(rng),
            4 | 5 => Value::String(self.string(rng)),
            6 | 7 if depth < 3 => {
                let mut items: Vec<Value> = (0..rng.below(4))
                    .map(|_| self.value(rng, depth + 1))
                    .collect();
                if !items.is_empty() && rng.chance(25) {
                    let again = rng.pick(&items);
                    items.push(again);
                }
                Value::Array(items)
            }
            8 | 9 if depth < 3 => {
                let mut map = Map::new();
                for _ in 0..rng.below(4) {
                    map.insert(rng.pick(&self.keys), self.value(rng, depth + 1));
                }
                Value::Object(map)
            }
            _ => values::value(rng, depth.max(1)),
        }
    }

    /// A value like `literal`: one of its numbers moved, one of its members changed.
    fn near(&self, rng: &mut Rng, literal: &Value, depth: usize) -> Value {
        match literal {
            Value::Number(n) => match n.as_i64() {
                // The same number as a float, or a neighbour.
                Some(i) if rng.chance(50) => json!(i as f64),
                _ => self.number(rng),
            },
            Value::Array(items) if !items.is_empty() => {
                let mut items = items.clone();
                let at = rng.below(items.len());
                items[at] = self.near(rng, &items[at], depth + 1);
                Value::Array(items)
            }
            Value::Object(map) if !map.is_empty() => {
                let mut map = map.clone();
                let key = rng.pick(&map.keys().cloned().collect::<Vec<_>>());
                let inner = map[&key].clone();
                map.insert(key, self.near(rng, &inner, depth + 1));
                Value::Object(map)
            }
            Value::String(text) => Value::String(values::mutate(rng, text)),
            _ => self.value(rng, depth + 1),
        }
    }

    /// A number at or around one the schema mentions, as an integer or a float.
    fn number(&self, rng: &mut Rng) -> Value {
        let base = rng.pick(&self.numbers);
        let n = match rng.below(8) {
            0 | 1 => base,
            2 => base + 1.0,
            3 => base - 1.0,
            4 => base + 0.5,
            5 => base * f64::from(rng.range(2, 7)),
            6 => -base,
            _ => base * 0.25,
        };
        if n.fract() == 0.0 && n.abs() < 9.0e15 && rng.chance(70) {
            json!(n as i64)
        } else {
            Number::from_f64(n).map_or(Value::Null, Value::Number)
        }
    }

    /// A string the schema mentions, changed a little, or of a length around its bounds.
    fn string(&self, rng: &mut Rng) -> String {
        match rng.below(4) {
            0 => rng.pick(&self.strings),
            1 => {
                let base = rng.pick(&self.strings);
                values::mutate(rng, &base)
            }
            2 => rng.pick(&["a", "é", "😀", "1", "-"]).repeat(rng.below(7)),
            _ => values::seed_string(rng),
        }
    }
}
