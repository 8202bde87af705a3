//! How a JSON Schema's set of accepted values changed from one spec to the next: the same,
//! narrowed (every value the new schema accepts, the old one did: some values accepted before
//! may now be refused), loosened (the reverse: nothing accepted before is refused now), or
//! different (both may happen, or the change cannot be ordered, e.g. a new `pattern`).
//!
//! The answer is sound where it matters for users: `Same` and `Loosened` are said only when no
//! value the old schema accepted is refused by the new one. A change this module cannot order
//! is `Different`, which a release treats like a narrowing. Annotations (`title`,
//! `description`, ...) are not compared: they change no verdict.
//!
//! Rules, per keyword of the parsed model (`model::json_schema`):
//! - a keyword only the new schema has narrows (an added assertion), only the old one loosens;
//! - bounds (`minimum`, `maxLength`, ...) narrow when they tighten, loosen when they relax;
//! - `type`, `enum` and `required` compare as sets (`integer` is inside `number`), and so do
//!   two patterns that each match exactly a set of literals (`^(us|eu)$`);
//! - `items`, `contains`, `propertyNames`, `allOf` and `anyOf` members of equal count compare
//!   member by member; `not` reverses its member's change;
//! - each property name compares the schema its value meets on each side: its `properties`
//!   entry, else `additionalProperties` (`true` when absent), so a key added to an object that
//!   refuses unknown keys loosens it;
//! - `$ref` compares the schemas it points at, to a bounded depth;
//! - anything else that differs (`pattern`, `format`, `const`, `oneOf`, `if`, `dependencies`,
//!   `multipleOf`, tuples, `patternProperties` with differing names, other patterns) is
//!   `Different`.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Number, Value};

use crate::model::json_schema::{
    Assertion, Dependency, Document, Items, Keywords, Schema, SchemaType, Target,
};

/// How the accepted values changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaChange {
    /// Exactly the same values are accepted.
    Same,
    /// Only values accepted before are accepted now; some may be refused.
    Narrowed,
    /// Every value accepted before still is; more may be.
    Loosened,
    /// Some values accepted before may be refused, and others accepted.
    Different,
}

impl SchemaChange {
    /// Two changes of one schema's parts, together.
    #[must_use]
    pub fn and(self, other: SchemaChange) -> SchemaChange {
        use SchemaChange::{Different, Loosened, Narrowed, Same};
        match (self, other) {
            (Same, x) | (x, Same) => x,
            (Narrowed, Narrowed) => Narrowed,
            (Loosened, Loosened) => Loosened,
            _ => Different,
        }
    }

    /// The change of a negated schema (`not`).
    #[must_use]
    fn reversed(self) -> SchemaChange {
        match self {
            SchemaChange::Narrowed => SchemaChange::Loosened,
            SchemaChange::Loosened => SchemaChange::Narrowed,
            same_or_different => same_or_different,
        }
    }
}

/// How far `$ref`s are followed before a change is called `Different`.
const DEPTH: usize = 32;

/// How the values `new` accepts compare with those `old` accepts.
pub fn compare(old: &Document, new: &Document) -> SchemaChange {
    let pair = Pair {
        old,
        new,
        refs: RefCell::new(BTreeMap::new()),
    };
    pair.schemas(&old.root, &new.root, 0)
}

/// The two documents, for `$ref`s.
struct Pair<'a> {
    old: &'a Document,
    new: &'a Document,
    /// Each pair of `$ref` targets compared (old, new; the root is `usize::MAX`): its change,
    /// once known, else `Same` while it is being compared. Recursive schemas then end (a
    /// value is finite, so a comparison that meets itself again adds nothing), and each pair
    /// is compared once however many paths reach it.
    refs: RefCell<BTreeMap<(usize, usize), SchemaChange>>,
}

/// A `$ref` target as a number: its definition's index, the root `usize::MAX`.
fn target_key(target: &Target) -> usize {
    match target {
        Target::Root => usize::MAX,
        Target::Definition(index) => *index,
    }
}

/// Whether a schema refers to a definition anywhere inside: two such schemas of equal text
/// need not be equal (each side's definitions are its own).
fn has_ref(schema: &Schema) -> bool {
    let mut found = false;
    schema.each_assertion(&mut |assertion| found |= matches!(assertion, Assertion::Ref(_)));
    found
}

/// Whether two lists of subschemas are equal and free of `$ref`s (then they accept the same
/// values).
fn same_schemas<'s>(equal: bool, schemas: impl IntoIterator<Item = &'s Schema>) -> bool {
    equal && !schemas.into_iter().any(has_ref)
}

/// The schema `true`, as keywords: what an absent subschema means.
fn anything() -> Keywords {
    Keywords::default()
}

impl Pair<'_> {
    fn schemas(&self, old: &Schema, new: &Schema, depth: usize) -> SchemaChange {
        if depth > DEPTH {
            return SchemaChange::Different;
        }
        match (old, new) {
            (Schema::Bool(false), Schema::Bool(false)) => SchemaChange::Same,
            // Nothing was accepted: whatever is now, nothing accepted before is refused.
            (Schema::Bool(false), _) => SchemaChange::Loosened,
            (_, Schema::Bool(false)) => SchemaChange::Narrowed,
            (Schema::Bool(true), Schema::Bool(true)) => SchemaChange::Same,
            (Schema::Bool(true), Schema::Keywords(new)) => self.keywords(&anything(), new, depth),
            (Schema::Keywords(old), Schema::Bool(true)) => self.keywords(old, &anything(), depth),
            (Schema::Keywords(old), Schema::Keywords(new)) => self.keywords(old, new, depth),
        }
    }

    /// An optional subschema where absence means `true`.
    fn optional(&self, old: Option<&Schema>, new: Option<&Schema>, depth: usize) -> SchemaChange {
        let yes = Schema::Bool(true);
        self.schemas(old.unwrap_or(&yes), new.unwrap_or(&yes), depth)
    }

    fn keywords(&self, old: &Keywords, new: &Keywords, depth: usize) -> SchemaChange {
        // Beside `$ref`, the other keywords are annotations.
        match (&old.reference, &new.reference) {
            (Some(a), Some(b)) => {
                let key = (target_key(a), target_key(b));
                if let Some(known) = self.refs.borrow().get(&key) {
                    return *known;
                }
                self.refs.borrow_mut().insert(key, SchemaChange::Same);
                let change = self.schemas(self.old_target(a), self.new_target(b), depth + 1);
                self.refs.borrow_mut().insert(key, change);
                return change;
            }
            (Some(a), None) => {
                let old = self.old_target(a);
                return self.schemas(old, &Schema::Keywords(Box::new(new.clone())), depth + 1);
            }
            (None, Some(b)) => {
                let new = self.new_target(b);
                return self.schemas(&Schema::Keywords(Box::new(old.clone())), new, depth + 1);
            }
            (None, None) => {}
        }
        let next = depth + 1;
        let parts = [
            types(old.types.as_deref(), new.types.as_deref()),
            values(old.enumeration.as_deref(), new.enumeration.as_deref()),
            exact(&old.constant, &new.constant),
            exact(&old.multiple_of, &new.multiple_of),
            upper(old.maximum.as_ref(), new.maximum.as_ref()),
            upper(
                old.exclusive_maximum.as_ref(),
                new.exclusive_maximum.as_ref(),
            ),
            lower(old.minimum.as_ref(), new.minimum.as_ref()),
            lower(
                old.exclusive_minimum.as_ref(),
                new.exclusive_minimum.as_ref(),
            ),
            count_upper(old.max_length, new.max_length),
            count_lower(old.min_length, new.min_length),
            pattern(old.pattern.as_deref(), new.pattern.as_deref()),
            exact(&old.format, &new.format),
            self.items(old, new, next),
            count_upper(old.max_items, new.max_items),
            count_lower(old.min_items, new.min_items),
            flag(old.unique_items, new.unique_items),
            present(old.contains.as_ref(), new.contains.as_ref()),
            count_upper(old.max_properties, new.max_properties),
            count_lower(old.min_properties, new.min_properties),
            names(&old.required, &new.required),
            self.members(old, new, next),
            self.dependencies(old, new),
            self.optional(
                old.property_names.as_ref(),
                new.property_names.as_ref(),
                next,
            ),
            self.conditional(old, new),
            self.each(&old.all_of, &new.all_of, next),
            self.each(&old.any_of, &new.any_of, next),
            match exact_list(&old.one_of, &new.one_of) {
                SchemaChange::Same if !same_schemas(true, &old.one_of) => SchemaChange::Different,
                change => change,
            },
            present(old.not.as_ref(), new.not.as_ref()),
            self.on_both_sides(old, new, next),
        ];
        parts
            .into_iter()
            .fold(SchemaChange::Same, SchemaChange::and)
    }

    fn old_target(&self, target: &Target) -> &Schema {
        self.old.target(target)
    }

    fn new_target(&self, target: &Target) -> &Schema {
        self.new.target(target)
    }

    /// `items` and `additionalItems`.
    fn items(&self, old: &Keywords, new: &Keywords, depth: usize) -> SchemaChange {
        match (&old.items, &new.items) {
            (None | Some(Items::Each(_)), None | Some(Items::Each(_))) => {
                let each = |items: &Option<Items>| match items {
                    Some(Items::Each(schema)) => Some(schema.clone()),
                    _ => None,
                };
                self.optional(each(&old.items).as_ref(), each(&new.items).as_ref(), depth)
            }
            (Some(Items::Tuple(items)), _)
                if same_schemas(
                    old.items == new.items && old.additional_items == new.additional_items,
                    items.iter().chain(&old.additional_items),
                ) =>
            {
                SchemaChange::Same
            }
            _ => SchemaChange::Different,
        }
    }

    /// `contains` and `not` present on both sides (one side only is [`present`]'s).
    fn on_both_sides(&self, old: &Keywords, new: &Keywords, depth: usize) -> SchemaChange {
        let contains = match (&old.contains, &new.contains) {
            (Some(a), Some(b)) => self.schemas(a, b, depth),
            _ => SchemaChange::Same,
        };
        let not = match (&old.not, &new.not) {
            (Some(a), Some(b)) => self.schemas(a, b, depth).reversed(),
            _ => SchemaChange::Same,
        };
        contains.and(not)
    }

    /// `properties`, `patternProperties` and `additionalProperties`: each named key compares
    /// the schema its value meets on each side.
    fn members(&self, old: &Keywords, new: &Keywords, depth: usize) -> SchemaChange {
        let names = |k: &Keywords| -> BTreeSet<String> {
            k.properties.iter().map(|(name, _)| name.clone()).collect()
        };
        let (old_names, new_names) = (names(old), names(new));
        let patterns = old.pattern_properties.iter().map(|(_, schema)| schema);
        if !same_schemas(old.pattern_properties == new.pattern_properties, patterns)
            || (old_names != new_names && !old.pattern_properties.is_empty())
        {
            // A key's schema would depend on which patterns match it.
            return SchemaChange::Different;
        }
        let meets = |k: &Keywords, name: &str| -> Option<Schema> {
            k.properties
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, schema)| schema.clone())
                .or_else(|| k.additional_properties.clone())
        };
        let keys = old_names
            .union(&new_names)
            .map(|name| self.optional(meets(old, name).as_ref(), meets(new, name).as_ref(), depth))
            .fold(SchemaChange::Same, SchemaChange::and);
        let others = self.optional(
            old.additional_properties.as_ref(),
            new.additional_properties.as_ref(),
            depth,
        );
        keys.and(others)
    }

    /// `dependencies`: equal (and free of `$ref`s), added (narrows), removed (loosens), else
    /// `Different`.
    fn dependencies(&self, old: &Keywords, new: &Keywords) -> SchemaChange {
        let schemas = old.dependencies.iter().filter_map(|(_, d)| match d {
            Dependency::Schema(schema) => Some(schema),
            Dependency::Properties(_) => None,
        });
        match exact_list(&old.dependencies, &new.dependencies) {
            SchemaChange::Same if !same_schemas(true, schemas) => SchemaChange::Different,
            change => change,
        }
    }

    /// `if`, `then`, `else`: equal, or added (narrows), or removed (loosens).
    fn conditional(&self, old: &Keywords, new: &Keywords) -> SchemaChange {
        let parts = |k: &Keywords| (k.condition.clone(), k.then.clone(), k.otherwise.clone());
        let effective =
            |k: &Keywords| k.condition.is_some() && (k.then.is_some() || k.otherwise.is_some());
        match (effective(old), effective(new)) {
            (false, false) => SchemaChange::Same,
            (false, true) => SchemaChange::Narrowed,
            (true, false) => SchemaChange::Loosened,
            (true, true)
                if same_schemas(
                    parts(old) == parts(new),
                    [&old.condition, &old.then, &old.otherwise]
                        .into_iter()
                        .flatten(),
                ) =>
            {
                SchemaChange::Same
            }
            (true, true) => SchemaChange::Different,
        }
    }

    /// `allOf` or `anyOf` members: of equal count, member by member (both are monotone in
    /// each member); else equal or `Different` (one side empty: added narrows, removed loosens).
    fn each(&self, old: &[Schema], new: &[Schema], depth: usize) -> SchemaChange {
        if old.len() == new.len() {
            return old
                .iter()
                .zip(new)
                .map(|(a, b)| self.schemas(a, b, depth))
                .fold(SchemaChange::Same, SchemaChange::and);
        }
        match (old.is_empty(), new.is_empty()) {
            // A keyword appearing narrows, disappearing loosens (as any assertion).
            (true, false) => SchemaChange::Narrowed,
            (false, true) => SchemaChange::Loosened,
            _ => SchemaChange::Different,
        }
    }
}

/// A keyword whose absence is not `true` (`contains`, `not`), on one side only: added narrows,
/// removed loosens (on both sides, [`Pair::on_both_sides`] compares the members).
fn present(old: Option<&Schema>, new: Option<&Schema>) -> SchemaChange {
    match (old, new) {
        (None, Some(_)) => SchemaChange::Narrowed,
        (Some(_), None) => SchemaChange::Loosened,
        _ => SchemaChange::Same,
    }
}

/// Equal, added (narrows), removed (loosens), or changed (`Different`).
fn exact<T: PartialEq>(old: &Option<T>, new: &Option<T>) -> SchemaChange {
    match (old, new) {
        (None, None) => SchemaChange::Same,
        (None, Some(_)) => SchemaChange::Narrowed,
        (Some(_), None) => SchemaChange::Loosened,
        (Some(a), Some(b)) if a == b => SchemaChange::Same,
        _ => SchemaChange::Different,
    }
}

/// [`exact`] for a keyword whose empty list has no effect.
fn exact_list<T: PartialEq>(old: &[T], new: &[T]) -> SchemaChange {
    let some = |list: &[T]| (!list.is_empty()).then_some(());
    match (some(old), some(new)) {
        (Some(()), Some(())) if old != new => SchemaChange::Different,
        (a, b) => exact(&a, &b),
    }
}

/// A boolean keyword that asserts when `true` (`uniqueItems`).
fn flag(old: bool, new: bool) -> SchemaChange {
    match (old, new) {
        (false, true) => SchemaChange::Narrowed,
        (true, false) => SchemaChange::Loosened,
        _ => SchemaChange::Same,
    }
}

/// Two JSON numbers in order: exactly as integers when both are (beyond 2^53 too), else as
/// `f64`; `None` when either is not a number `f64` orders.
fn order(a: &Number, b: &Number) -> Option<Ordering> {
    let integer = |n: &Number| n.as_i64().map(i128::from).or(n.as_u64().map(i128::from));
    match (integer(a), integer(b)) {
        (Some(a), Some(b)) => Some(a.cmp(&b)),
        _ => a.as_f64()?.partial_cmp(&b.as_f64()?),
    }
}

/// An upper bound: lower now narrows.
fn upper(old: Option<&Number>, new: Option<&Number>) -> SchemaChange {
    bound(old, new, |a, b| order(b, a), Ordering::Less)
}

/// A lower bound: higher now narrows.
fn lower(old: Option<&Number>, new: Option<&Number>) -> SchemaChange {
    bound(old, new, |a, b| order(b, a), Ordering::Greater)
}

/// A count's upper bound (`maxLength`, ...): lower now narrows.
fn count_upper(old: Option<u64>, new: Option<u64>) -> SchemaChange {
    bound(old, new, |a: &u64, b: &u64| Some(b.cmp(a)), Ordering::Less)
}

/// A count's lower bound (`minLength`, ...): higher now narrows.
fn count_lower(old: Option<u64>, new: Option<u64>) -> SchemaChange {
    bound(
        old,
        new,
        |a: &u64, b: &u64| Some(b.cmp(a)),
        Ordering::Greater,
    )
}

/// A bound: added narrows, removed loosens; moved, it narrows when `new_vs_old(old, new)` is
/// `tighter` (the new bound below an upper bound, above a lower one) and loosens otherwise;
/// bounds that do not order are `Different`.
fn bound<T>(
    old: Option<T>,
    new: Option<T>,
    new_vs_old: impl Fn(&T, &T) -> Option<Ordering>,
    tighter: Ordering,
) -> SchemaChange {
    match (old, new) {
        (None, None) => SchemaChange::Same,
        (None, Some(_)) => SchemaChange::Narrowed,
        (Some(_), None) => SchemaChange::Loosened,
        (Some(a), Some(b)) => match new_vs_old(&a, &b) {
            Some(Ordering::Equal) => SchemaChange::Same,
            Some(ordering) if ordering == tighter => SchemaChange::Narrowed,
            Some(_) => SchemaChange::Loosened,
            None => SchemaChange::Different,
        },
    }
}

/// Two sets, the absent one being "everything": a smaller set narrows.
fn sets<T: Ord>(old: Option<BTreeSet<T>>, new: Option<BTreeSet<T>>) -> SchemaChange {
    match (old, new) {
        (None, None) => SchemaChange::Same,
        (None, Some(_)) => SchemaChange::Narrowed,
        (Some(_), None) => SchemaChange::Loosened,
        (Some(a), Some(b)) if a == b => SchemaChange::Same,
        (Some(a), Some(b)) if b.is_subset(&a) => SchemaChange::Narrowed,
        (Some(a), Some(b)) if a.is_subset(&b) => SchemaChange::Loosened,
        _ => SchemaChange::Different,
    }
}

/// `type`: `integer` is the whole numbers inside `number`, so `number` stands for both parts.
fn types(old: Option<&[SchemaType]>, new: Option<&[SchemaType]>) -> SchemaChange {
    let parts = |types: &[SchemaType]| -> BTreeSet<&'static str> {
        types
            .iter()
            .flat_map(|t| match t {
                SchemaType::Number => vec!["integer", "fraction"],
                other => vec![other.name()],
            })
            .collect()
    };
    sets(old.map(parts), new.map(parts))
}

/// `enum`: the allowed values, compared by their JSON text.
fn values(old: Option<&[Value]>, new: Option<&[Value]>) -> SchemaChange {
    let texts = |values: &[Value]| -> BTreeSet<String> {
        values
            .iter()
            .map(crate::normalize::field_types::canonical)
            .collect()
    };
    sets(old.map(texts), new.map(texts))
}

/// `pattern`: equal, added, removed; two patterns that each match exactly a set of literals
/// (`^(us|eu)$`) compare as those sets; any other two differ.
fn pattern(old: Option<&str>, new: Option<&str>) -> SchemaChange {
    let literals = |source: &str| -> Option<BTreeSet<String>> {
        let compiled = crate::normalize::pattern::compile(source).ok()?;
        Some(compiled.literals()?.iter().cloned().collect())
    };
    match (old, new) {
        (Some(a), Some(b)) if a != b => match (literals(a), literals(b)) {
            (Some(a), Some(b)) => sets(Some(a), Some(b)),
            _ => SchemaChange::Different,
        },
        _ => exact(&old, &new),
    }
}

/// `required`: more names narrow.
fn names(old: &[String], new: &[String]) -> SchemaChange {
    let set = |names: &[String]| -> BTreeSet<String> { names.iter().cloned().collect() };
    // Requiring more is the smaller set of objects: reverse the set order (an empty list is
    // the empty set of names, not "everything").
    sets(Some(set(new)), Some(set(old)))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::SchemaChange::{self, Different, Loosened, Narrowed, Same};
    use crate::model::json_schema::parse;
    use serde_json::{Value, json};

    fn change(old: Value, new: Value) -> SchemaChange {
        super::compare(&parse(&old).unwrap(), &parse(&new).unwrap())
    }

    /// Each kind of keyword change, and its reverse.
    #[test]
    fn changes_order_the_accepted_values() {
        let cases = [
            (
                json!({"type": "string"}),
                json!({"type": "string", "description": "x"}),
                Same,
            ),
            (
                json!({"type": "string"}),
                json!({"type": "string", "pattern": "^a"}),
                Narrowed,
            ),
            (
                json!({"pattern": "^a"}),
                json!({"pattern": "^b"}),
                Different,
            ),
            (
                json!({"pattern": "^(us|eu)$"}),
                json!({"pattern": "^(us|eu|ap)$"}),
                Loosened,
            ),
            (
                json!({"pattern": "^(us|eu)$"}),
                json!({"pattern": "^(us|ap)$"}),
                Different,
            ),
            (
                json!({"enum": ["a", "b"]}),
                json!({"enum": ["a"]}),
                Narrowed,
            ),
            (
                json!({"enum": ["a", "b"]}),
                json!({"enum": ["a", "c"]}),
                Different,
            ),
            (
                json!({"type": "integer"}),
                json!({"type": "number"}),
                Loosened,
            ),
            (
                json!({"type": ["string", "integer"]}),
                json!({"type": "string"}),
                Narrowed,
            ),
            (json!({"minimum": 1}), json!({"minimum": 2}), Narrowed),
            (json!({"maxLength": 5}), json!({"maxLength": 9}), Loosened),
            (
                json!({"required": ["a"]}),
                json!({"required": ["a", "b"]}),
                Narrowed,
            ),
            (
                json!({"type": "object"}),
                json!({"type": "object", "required": ["a"]}),
                Narrowed,
            ),
            (
                json!({"maximum": 9007199254740993_u64}),
                json!({"maximum": 9007199254740992_u64}),
                Narrowed,
            ),
            (json!({"minimum": -1}), json!({"minimum": 0.5}), Narrowed),
            // Equal text, but the definition a `$ref` inside points at narrowed.
            (
                json!({"definitions": {"d": {"type": "string"}}, "oneOf": [{"$ref": "#/definitions/d"}, {"type": "null"}]}),
                json!({"definitions": {"d": {"type": "string", "maxLength": 3}}, "oneOf": [{"$ref": "#/definitions/d"}, {"type": "null"}]}),
                Different,
            ),
            (json!({"format": "ipv4"}), json!({}), Loosened),
            (
                json!({"items": {"type": "string"}}),
                json!({"items": {"type": "string", "enum": ["x"]}}),
                Narrowed,
            ),
            // Keyword by keyword: a type dropped and an enum added cannot be ordered.
            (json!({"type": "string"}), json!({"enum": ["x"]}), Different),
            (
                json!({"not": {"enum": ["x"]}}),
                json!({"not": {"enum": ["x", "y"]}}),
                Narrowed,
            ),
            (
                json!({"minimum": 1, "maximum": 5}),
                json!({"minimum": 2, "maximum": 9}),
                Different,
            ),
            (json!(true), json!({"type": "string"}), Narrowed),
            (json!(false), json!({"type": "string"}), Loosened),
            (json!({"type": "string"}), json!(false), Narrowed),
            (
                json!({"anyOf": [{"type": "integer"}, {"pattern": "^\\d+$"}]}),
                json!({"anyOf": [{"type": "number"}, {"pattern": "^\\d+$"}]}),
                Loosened,
            ),
            (
                json!({"properties": {"a": {"type": "string"}}, "additionalProperties": false}),
                json!({"properties": {"a": {"type": "string"}, "b": {}}, "additionalProperties": false}),
                Loosened,
            ),
            (
                json!({"properties": {"a": {"type": "string"}}}),
                json!({"properties": {"a": {"type": "string"}, "b": {"type": "string"}}}),
                Narrowed,
            ),
            (
                json!({"definitions": {"d": {"type": "string"}}, "$ref": "#/definitions/d"}),
                json!({"definitions": {"d": {"type": ["string", "null"]}}, "$ref": "#/definitions/d"}),
                Loosened,
            ),
        ];
        for (old, new, expected) in cases {
            let reverse = match expected {
                Narrowed => Loosened,
                Loosened => Narrowed,
                other => other,
            };
            assert_eq!(change(old.clone(), new.clone()), expected, "{old} -> {new}");
            assert_eq!(change(new.clone(), old.clone()), reverse, "{new} -> {old}");
        }
    }

    /// A schema that recurses through four members per level compares, and orders its
    /// change: each pair of `$ref` targets is compared once (without that, every path to the
    /// depth limit: 4^32 comparisons, a hang rather than a failure).
    #[test]
    fn schemas_recursing_through_many_members_compare() {
        let tree = |leaf: Value| {
            json!({
                "definitions": {"node": {"type": "object", "properties": {
                    "a": {"$ref": "#/definitions/node"}, "b": {"$ref": "#/definitions/node"},
                    "c": {"$ref": "#/definitions/node"}, "d": {"$ref": "#/definitions/node"},
                    "leaf": leaf
                }}},
                "$ref": "#/definitions/node"
            })
        };
        let string = json!({"type": "string"});
        assert_eq!(change(tree(string.clone()), tree(string.clone())), Same);
        assert_eq!(
            change(
                tree(string.clone()),
                tree(json!({"type": "string", "minLength": 1}))
            ),
            Narrowed
        );
        assert_eq!(
            change(tree(json!({"enum": ["x"]})), tree(json!({}))),
            Loosened
        );
    }
}
