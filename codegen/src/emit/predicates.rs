//! Straight-line Rust for `validate_properties`: per distinct schema, one boolean function (the
//! success path) and one telling which of its keywords a value fails (where the error path
//! starts); per connection type, one function that walks a properties object once and matches
//! each name with a `match` on strings, and one giving a property's position. The error path
//! then explains each failed keyword with the keyword evaluator (`support/keywords.rs`), which
//! also reads nested objects and arrays, so the two must agree: `tests/tests/validation_oracle.rs`
//! holds both to `jsonschema`.
//!
//! The functions call the same matchers, format validators and number comparisons as the
//! evaluator (`Matcher::matches`, `Format::matches`, `JsonType::matches`, `literal::order`);
//! only the dispatch is compiled. Both are made from one list, [`Schema::assertions`].

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use serde_json::{Number, Value};

use super::keywords::{format_variant, number_tokens, type_variant};
use super::matchers::Matchers;
use crate::model::json_schema::{Assertion, Schema};

/// The boolean expression "`value` satisfies `schema`" over the identifier `value`: for each
/// keyword its inline test where there is one (`type`, `pattern`, `format`, `enum` and
/// `const` of scalars, numeric bounds, string lengths, `anyOf`, `items`, `properties`,
/// `required`, `additionalProperties` without `patternProperties`, `minItems`, `maxItems`,
/// when the schemas they hold have inline tests too), else the evaluator's reading of that
/// keyword of `constant` (the schema compiled by `emit/keywords.rs`).
///
/// # Errors
/// A pattern the matcher does not support (the catalog compiles the schema first, so this
/// is not reached in practice).
pub(super) fn predicate(
    schema: &Schema,
    constant: &Ident,
    matchers: &mut Matchers,
) -> Result<TokenStream, String> {
    // Every keyword inline: the whole schema as one expression, whose object keywords are one
    // walk over the keys ([`expression`]).
    if let Some(whole) = expression(schema, matchers)? {
        return Ok(whole.render(false));
    }
    let tests = keyword_tests(schema, matchers)?;
    let conjuncts = tests
        .into_iter()
        .enumerate()
        .map(|(k, test)| test.unwrap_or_else(|| evaluated(constant, k)))
        .collect();
    Ok(Expr::And(conjuncts).render(false))
}

/// "keyword `k` of `constant` holds", by the evaluator.
fn evaluated(constant: &Ident, k: usize) -> Expr {
    let k = proc_macro2::Literal::usize_unsuffixed(k);
    Expr::Atom(quote! { crate::support::keywords::keyword_holds(&#constant[#k], value) })
}

/// A boolean expression of conjunctions and disjunctions, rendered with the parentheses Rust
/// needs and no more.
enum Expr {
    /// A method call or literal.
    Atom(TokenStream),
    /// All hold (`true` when empty).
    And(Vec<Expr>),
    /// One holds (`false` when empty).
    Or(Vec<Expr>),
}

impl Expr {
    /// Whether this always holds (a conjunction of nothing that always holds).
    fn is_true(&self) -> bool {
        match self {
            Expr::And(items) => items.iter().all(Expr::is_true),
            _ => false,
        }
    }

    /// The tokens; `in_and` when the expression is an operand of `&&` (a `||` then needs
    /// parentheses).
    fn render(mut self, in_and: bool) -> TokenStream {
        if let Expr::And(items) = &mut self {
            items.retain(|item| !item.is_true());
        }
        match self {
            Expr::Atom(tokens) => tokens,
            Expr::And(mut items) if items.len() == 1 => items.remove(0).render(in_and),
            Expr::Or(mut items) if items.len() == 1 => items.remove(0).render(in_and),
            Expr::And(items) if items.is_empty() => quote! { true },
            Expr::Or(items) if items.is_empty() => quote! { false },
            Expr::And(items) => {
                let items = items.into_iter().map(|item| item.render(true));
                quote! { #(#items)&&* }
            }
            Expr::Or(items) => {
                let items = items.into_iter().map(|item| item.render(false));
                if in_and {
                    quote! { (#(#items)||*) }
                } else {
                    quote! { #(#items)||* }
                }
            }
        }
    }
}

/// The whole schema as one inline expression, or `None` when a keyword has no inline test.
/// `properties`, `required` and `additionalProperties` (without `patternProperties`) together
/// are one walk over the object ([`object_walk`]); the other keywords are their own tests.
fn expression(schema: &Schema, matchers: &mut Matchers) -> Result<Option<Expr>, String> {
    let mut named: Option<&[(String, Schema)]> = None;
    let mut required: Option<&[String]> = None;
    let mut additional: Option<&Schema> = None;
    let mut rest = Vec::new();
    for assertion in schema.assertions() {
        match assertion {
            Assertion::Properties(list) => named = Some(list),
            Assertion::Required(names) => required = Some(names),
            Assertion::AdditionalProperties {
                patterns: [],
                schema,
                ..
            } => additional = Some(schema),
            other => rest.push(other),
        }
    }
    let mut tests = Vec::new();
    if named.is_some() || required.is_some() || additional.is_some() {
        match object_walk(
            named.unwrap_or_default(),
            required.unwrap_or_default(),
            additional,
            matchers,
        )? {
            Some(walk) => tests.push(walk),
            None => return Ok(None),
        }
    }
    for assertion in rest {
        match test(assertion, matchers)? {
            Some(test) => tests.push(test),
            None => return Ok(None),
        }
    }
    Ok(Some(Expr::And(tests)))
}

/// One arm of a walk over an object's keys: the key, the test of its value, and whether
/// meeting it counts toward the required names.
struct Arm<'a> {
    name: &'a str,
    test: TokenStream,
    counts: bool,
}

/// One arm per property of `named`, its value's inline test (counting when `required` names
/// it); `None` when a property's schema has no inline test.
fn property_arms<'a>(
    named: &'a [(String, Schema)],
    required: &[&str],
    matchers: &mut Matchers,
) -> Result<Option<Vec<Arm<'a>>>, String> {
    let mut arms = Vec::new();
    for (name, schema) in named {
        let Some(test) = expression(schema, matchers)? else {
            return Ok(None);
        };
        let test = if test.is_true() {
            quote! { true }
        } else {
            test.render(false)
        };
        arms.push(Arm {
            name,
            test,
            counts: required.contains(&name.as_str()),
        });
    }
    Ok(Some(arms))
}

/// "every entry of `object` passes its arm's test, or `other` for a key without an arm", as
/// tokens over `object` (and `required`, which counting arms increment); `None` when it always
/// holds. A key whose test is `other` needs no arm unless it counts; when every test is `true`
/// or `false`, a `matches!` of the keys says it (clippy refuses a `match` of booleans).
fn key_dispatch(arms: Vec<Arm<'_>>, other: &TokenStream) -> Option<TokenStream> {
    let other_text = other.to_string();
    let arms: Vec<Arm<'_>> = arms
        .into_iter()
        .filter(|arm| arm.counts || arm.test.to_string() != other_text)
        .collect();
    let literal = |text: &str| text == "true" || text == "false";
    if arms.is_empty() {
        return match other_text.as_str() {
            "true" => None,
            "false" => Some(quote! { object.is_empty() }),
            _ => {
                let param = param_for(other);
                Some(quote! { object.values().all(|#param| #other) })
            }
        };
    }
    if literal(&other_text)
        && arms.iter().all(|arm| !arm.counts)
        && arms.iter().all(|arm| literal(&arm.test.to_string()))
    {
        // Every arm says the opposite of `other`.
        let names = arms.iter().map(|arm| arm.name);
        return Some(if other_text == "false" {
            quote! { object.keys().all(|key| matches!(key.as_str(), #(#names)|*)) }
        } else {
            quote! { !object.keys().any(|key| matches!(key.as_str(), #(#names)|*)) }
        });
    }
    let mut bodies = other.clone();
    let arms: Vec<TokenStream> = arms
        .into_iter()
        .map(|Arm { name, test, counts }| {
            bodies.extend(test.clone());
            if counts {
                quote! { #name => { required += 1; #test } }
            } else {
                quote! { #name => #test, }
            }
        })
        .collect();
    let param = param_for(&bodies);
    Some(quote! {
        object.iter().all(|(key, #param)| match key.as_str() {
            #(#arms)*
            _ => #other,
        })
    })
}

/// "`value`, if an object, has its `required` names, its `named` properties' values satisfy
/// their schemas and the other keys' values `additional`" as one walk over the object, each
/// key matched by a `match` on strings (no lookup by name: serde_json's map hashes each name
/// with SipHash when its `preserve_order` feature is on). Keys are distinct, so counting the
/// required names met tells whether all are there. `None` when a schema has no inline test.
fn object_walk(
    named: &[(String, Schema)],
    required: &[String],
    additional: Option<&Schema>,
    matchers: &mut Matchers,
) -> Result<Option<Expr>, String> {
    let other = match additional {
        Some(schema) => match expression(schema, matchers)? {
            Some(test) => test,
            None => return Ok(None),
        },
        None => Expr::And(Vec::new()),
    };
    let other = if other.is_true() {
        quote! { true }
    } else {
        other.render(false)
    };
    let mut distinct: Vec<&str> = Vec::new();
    for name in required {
        if !distinct.contains(&name.as_str()) {
            distinct.push(name);
        }
    }
    let Some(mut arms) = property_arms(named, &distinct, matchers)? else {
        return Ok(None);
    };
    // A required name that is not a property: its value is one of the others.
    for name in &distinct {
        if !named.iter().any(|(named, _)| named == name) {
            arms.push(Arm {
                name,
                test: other.clone(),
                counts: true,
            });
        }
    }
    let Some(walk) = key_dispatch(arms, &other) else {
        return Ok(Some(Expr::And(Vec::new())));
    };
    Ok(Some(Expr::Atom(if distinct.is_empty() {
        quote! { value.as_object().is_none_or(|object| #walk) }
    } else {
        let count = proc_macro2::Literal::usize_unsuffixed(distinct.len());
        quote! {
            value.as_object().is_none_or(|object| {
                let mut required = 0usize;
                #walk && required == #count
            })
        }
    })))
}

/// One test per assertion of `schema` ([`Schema::assertions`], the order the catalog compiles
/// them in): `None` where only the evaluator reads the keyword (the keywords [`test`] has no
/// inline test for, or whose nested schemas have none).
fn keyword_tests(schema: &Schema, matchers: &mut Matchers) -> Result<Vec<Option<Expr>>, String> {
    let mut tests = Vec::new();
    for assertion in schema.assertions() {
        tests.push(test(assertion, matchers)?);
    }
    Ok(tests)
}

/// The inline test of one assertion, if it has one.
fn test(assertion: Assertion<'_>, matchers: &mut Matchers) -> Result<Option<Expr>, String> {
    let number = |n: &Number, holds: TokenStream| {
        let n = number_tokens(n);
        Expr::Atom(quote! {
            value.as_number().is_none_or(|n| {
                let order = crate::support::literal::order(n, #n);
                #holds
            })
        })
    };
    Ok(Some(match assertion {
        Assertion::Type(types) => Expr::Or(
            types
                .iter()
                .map(|t| {
                    let variant = type_variant(*t);
                    Expr::Atom(quote! { JsonType::#variant.matches(value) })
                })
                .collect(),
        ),
        Assertion::Pattern(source) => {
            let compiled = matchers.compile(source)?;
            let test = match compiled.literals.as_deref() {
                Some(literals) => quote! { matches!(text, #(#literals)|*) },
                None => {
                    let matcher = compiled.constant;
                    quote! { #matcher.matches(text) }
                }
            };
            Expr::Atom(quote! { value.as_str().is_none_or(|text| #test) })
        }
        Assertion::Format(format) => {
            let format = format_variant(format);
            Expr::Atom(quote! {
                value.as_str().is_none_or(|text| Format::#format.matches(text))
            })
        }
        Assertion::Enum(values) if values.iter().all(Value::is_string) => {
            // Each once: a repeated value would be an unreachable pattern.
            let mut texts: Vec<&str> = Vec::new();
            for text in values.iter().filter_map(Value::as_str) {
                if !texts.contains(&text) {
                    texts.push(text);
                }
            }
            if texts.is_empty() {
                // `enum: []`: no value is one of none.
                Expr::Atom(quote! { false })
            } else {
                Expr::Atom(
                    quote! { value.as_str().is_some_and(|text| matches!(text, #(#texts)|*)) },
                )
            }
        }
        Assertion::Const(Value::String(text)) => {
            Expr::Atom(quote! { value.as_str() == Some(#text) })
        }
        Assertion::Const(Value::Bool(b)) => Expr::Atom(quote! { value.as_bool() == Some(#b) }),
        Assertion::Const(Value::Null) => Expr::Atom(quote! { value.is_null() }),
        Assertion::Maximum(n) => number(n, quote! { order != Some(std::cmp::Ordering::Greater) }),
        Assertion::ExclusiveMaximum(n) => {
            number(n, quote! { order == Some(std::cmp::Ordering::Less) })
        }
        Assertion::Minimum(n) => number(n, quote! { order != Some(std::cmp::Ordering::Less) }),
        Assertion::ExclusiveMinimum(n) => {
            number(n, quote! { order == Some(std::cmp::Ordering::Greater) })
        }
        Assertion::MaxLength(n) => {
            let n = proc_macro2::Literal::u64_unsuffixed(n);
            Expr::Atom(
                quote! { value.as_str().is_none_or(|text| text.chars().count() as u64 <= #n) },
            )
        }
        Assertion::MinLength(n) => {
            let n = proc_macro2::Literal::u64_unsuffixed(n);
            Expr::Atom(
                quote! { value.as_str().is_none_or(|text| text.chars().count() as u64 >= #n) },
            )
        }
        Assertion::AnyOf(branches) => {
            let mut disjuncts = Vec::new();
            for branch in branches {
                match expression(branch, matchers)? {
                    Some(test) => disjuncts.push(test),
                    None => return Ok(None),
                }
            }
            Expr::Or(disjuncts)
        }
        Assertion::False => Expr::Atom(quote! { false }),
        Assertion::Items(schema) => {
            let Some(each) = expression(schema, matchers)? else {
                return Ok(None);
            };
            if each.is_true() {
                return Ok(Some(Expr::And(Vec::new())));
            }
            let each = each.render(false);
            let param = param_for(&each);
            Expr::Atom(quote! {
                value.as_array().is_none_or(|items| items.iter().all(|#param| #each))
            })
        }
        // Objects are walked once, each key matched by a `match` on strings: no lookup by
        // name (serde_json's map hashes each name with SipHash when `preserve_order` is on).
        Assertion::Properties(named) => {
            let Some(arms) = property_arms(named, &[], matchers)? else {
                return Ok(None);
            };
            let Some(walk) = key_dispatch(arms, &quote! { true }) else {
                return Ok(Some(Expr::And(Vec::new())));
            };
            Expr::Atom(quote! { value.as_object().is_none_or(|object| #walk) })
        }
        Assertion::Required(names) => {
            let mut distinct: Vec<&str> = Vec::new();
            for name in names {
                if !distinct.contains(&name.as_str()) {
                    distinct.push(name);
                }
            }
            if distinct.is_empty() {
                return Ok(Some(Expr::And(Vec::new())));
            }
            let count = proc_macro2::Literal::usize_unsuffixed(distinct.len());
            Expr::Atom(quote! {
                value.as_object().is_none_or(|object| {
                    object.keys().filter(|key| matches!(key.as_str(), #(#distinct)|*)).count() == #count
                })
            })
        }
        Assertion::AdditionalProperties {
            named,
            patterns: [],
            schema,
        } => {
            let Some(other) = expression(schema, matchers)? else {
                return Ok(None);
            };
            if other.is_true() {
                return Ok(Some(Expr::And(Vec::new())));
            }
            let other = other.render(false);
            let names: Vec<&str> = named.iter().map(|(name, _)| name.as_str()).collect();
            let no_other = other.to_string() == "false";
            let test = if names.is_empty() && no_other {
                quote! { object.is_empty() }
            } else if names.is_empty() {
                let param = param_for(&other);
                quote! { object.values().all(|#param| #other) }
            } else if no_other {
                quote! { object.keys().all(|key| matches!(key.as_str(), #(#names)|*)) }
            } else {
                let param = param_for(&other);
                quote! {
                    object
                        .iter()
                        .all(|(key, #param)| matches!(key.as_str(), #(#names)|*) || #other)
                }
            };
            Expr::Atom(quote! { value.as_object().is_none_or(|object| #test) })
        }
        Assertion::MinItems(n) => {
            let n = proc_macro2::Literal::u64_unsuffixed(n);
            Expr::Atom(quote! { value.as_array().is_none_or(|items| items.len() as u64 >= #n) })
        }
        Assertion::MaxItems(n) => {
            let n = proc_macro2::Literal::u64_unsuffixed(n);
            Expr::Atom(quote! { value.as_array().is_none_or(|items| items.len() as u64 <= #n) })
        }
        _ => return Ok(None),
    }))
}

/// Whether the identifier `value` occurs in `tokens`.
pub(super) fn reads_value(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Ident(ident) => ident == "value",
        proc_macro2::TokenTree::Group(group) => reads_value(&group.stream()),
        _ => false,
    })
}

/// The parameter of a closure whose body is `body`: `value`, or `_` when the body does not
/// read it (a schema that no value satisfies).
fn param_for(body: &TokenStream) -> TokenStream {
    if reads_value(body) {
        quote! { value }
    } else {
        quote! { _ }
    }
}

/// The expression "which keywords of `schema` (compiled into `constant`) `value` fails", a
/// `u64` with bit `k` for the `k`-th keyword: its inline test where there is one, the
/// evaluator's reading of that keyword otherwise.
///
/// # Errors
/// More than 64 keywords (draft 7 has fewer than 40).
pub(super) fn failing(
    schema: &Schema,
    constant: &Ident,
    matchers: &mut Matchers,
) -> Result<TokenStream, String> {
    let tests = keyword_tests(schema, matchers)?;
    if tests.len() > 64 {
        return Err(format!("internal: {} keywords (at most 64)", tests.len()));
    }
    // A keyword that always holds never fails: no bit.
    let bits: Vec<TokenStream> = tests
        .into_iter()
        .enumerate()
        .filter_map(|(k, test)| {
            let test = test.unwrap_or_else(|| evaluated(constant, k));
            if test.is_true() {
                return None;
            }
            let test = test.render(false);
            let fails = quote! { !(#test) };
            Some(match k {
                0 => quote! { u64::from(#fails) },
                k => {
                    let k = proc_macro2::Literal::usize_unsuffixed(k);
                    quote! { (u64::from(#fails) << #k) }
                }
            })
        })
        .collect();
    if bits.is_empty() {
        return Ok(quote! { 0 });
    }
    Ok(quote! { #(#bits)|* })
}

/// One property as the object check sees it.
pub(super) struct PropertyCheck {
    /// The wire name.
    pub name: String,
    /// The function deciding its value.
    pub holds: Ident,
    /// Whether it counts toward the required properties.
    pub required: bool,
    /// Whether it gives the schedule.
    pub schedules: bool,
    /// Read-only: never valid in a request.
    pub read_only: bool,
    /// Whether its value cannot change once set (an update refuses it).
    pub immutable: bool,
}

/// The function `name(properties: &Map<String, Value>) -> usize`: `usize::MAX` when every key is
/// known and settable, every value valid, every required property present (keys are unique, so
/// counting them while walking the object suffices), and the schedule given when `schedule`;
/// else where the walk stopped (`support::registry::refused_at`): the address of the first refused key,
/// or 0 when every entry passed (a required property or the schedule is missing). The error
/// pass does not check again the values before that key. (One register and no counter: a
/// `Result<(), usize>` of the entries walked cost the success path 1 to 3 ns.)
pub(super) fn object_check(
    name: &Ident,
    properties: &[&PropertyCheck],
    schedule: bool,
) -> TokenStream {
    let required_count = properties
        .iter()
        .filter(|p| p.required && !p.read_only)
        .count();
    let arms = properties.iter().filter(|p| !p.read_only).map(|p| {
        let wire = p.name.as_str();
        let holds = &p.holds;
        let count = p.required.then(|| quote! { required += 1; });
        let schedules = p.schedules.then(|| quote! { scheduled = true; });
        quote! { #wire => { #count #schedules #holds(value) } }
    });
    let counter = (required_count > 0).then(|| quote! { let mut required = 0usize; });
    let flag = schedule.then(|| quote! { let mut scheduled = false; });
    let mut outcome = Vec::new();
    if required_count > 0 {
        outcome.push(quote! { required == #required_count });
    }
    if schedule {
        outcome.push(quote! { scheduled });
    }
    let walk = if properties.iter().all(|p| p.read_only) {
        // Nothing is settable: only the empty object is valid.
        quote! {
            if let Some((name, _)) = properties.iter().next() {
                return crate::support::registry::refused_at(name);
            }
        }
    } else {
        quote! {
            for (name, value) in properties {
                let valid = match name.as_str() {
                    #(#arms)*
                    _ => false,
                };
                if !valid {
                    return crate::support::registry::refused_at(name);
                }
            }
        }
    };
    let result = if outcome.is_empty() {
        quote! { usize::MAX }
    } else {
        quote! {
            if #(#outcome)&&* {
                usize::MAX
            } else {
                0
            }
        }
    };
    quote! {
        fn #name(properties: &Map<String, Value>) -> usize {
            #counter
            #flag
            #walk
            #result
        }
    }
}

/// The name of the function deciding the schema named `id` (see `item_names`).
pub(super) fn holds_name(id: &str) -> Ident {
    format_ident!("holds_{}", id.to_ascii_lowercase())
}

/// The name of the function telling which keywords of the schema named `id` a value fails.
pub(super) fn fails_name(id: &str) -> Ident {
    format_ident!("fails_{}", id.to_ascii_lowercase())
}

/// The function `name(property: &str) -> Option<usize>`: the position of each of `names` (the
/// rules, sorted), by a `match` on strings.
pub(super) fn position_of(name: &Ident, names: &[&str]) -> TokenStream {
    let arms = names.iter().enumerate().map(|(position, wire)| {
        let position = proc_macro2::Literal::usize_unsuffixed(position);
        quote! { #wire => Some(#position), }
    });
    if names.is_empty() {
        return quote! {
            fn #name(_: &str) -> Option<usize> {
                None
            }
        };
    }
    quote! {
        fn #name(property: &str) -> Option<usize> {
            match property {
                #(#arms)*
                _ => None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use quote::quote;

    use super::{Arm, key_dispatch};

    fn arm(name: &str, test: proc_macro2::TokenStream, counts: bool) -> Arm<'_> {
        Arm { name, test, counts }
    }

    /// Keys whose tests are all `true` or `false` are one `matches!`, not a `match` of
    /// booleans (clippy's `match_like_matches_macro`, which the generated crate is held to).
    #[test]
    fn boolean_arms_become_one_matches() {
        let allowed = key_dispatch(
            vec![
                arm("a", quote! { true }, false),
                arm("b", quote! { true }, false),
            ],
            &quote! { false },
        )
        .unwrap()
        .to_string();
        assert_eq!(
            allowed,
            quote! { object.keys().all(|key| matches!(key.as_str(), "a" | "b")) }.to_string()
        );
        let forbidden = key_dispatch(vec![arm("a", quote! { false }, false)], &quote! { true })
            .unwrap()
            .to_string();
        assert_eq!(
            forbidden,
            quote! { !object.keys().any(|key| matches!(key.as_str(), "a")) }.to_string()
        );
    }

    /// An arm that says what the other keys say is left out, unless it counts a required name;
    /// nothing left and every other key accepted: no test at all.
    #[test]
    fn arms_like_the_default_are_dropped() {
        assert!(key_dispatch(vec![arm("a", quote! { true }, false)], &quote! { true }).is_none());
        assert_eq!(
            key_dispatch(vec![arm("a", quote! { false }, false)], &quote! { false })
                .unwrap()
                .to_string(),
            quote! { object.is_empty() }.to_string()
        );
        let counted = key_dispatch(vec![arm("a", quote! { true }, true)], &quote! { true })
            .unwrap()
            .to_string();
        assert!(counted.contains("required += 1"), "{counted}");
        assert!(counted.contains("match key . as_str ()"), "{counted}");
    }
}
