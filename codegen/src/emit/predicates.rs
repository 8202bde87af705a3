//! Straight-line Rust for `validate_properties`: per distinct schema, one boolean function (the
//! success path) and one telling which of its keywords a value fails (where the error path
//! starts); per connection type, one function that walks a properties object once and matches
//! each name with a `match` on strings, and one giving a property's position. The error path
//! then explains each failed keyword with the keyword evaluator (`support/check.rs`), which
//! also reads nested objects and arrays, so the two must agree: `tests/tests/validation_oracle.rs`
//! holds both to `jsonschema`.
//!
//! The functions call the same matchers and format validators as the evaluator
//! (`Matcher::matches`, `Format::matches`, `JsonType::matches`); only the dispatch is compiled.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use super::catalog::{format_variant, type_variants};
use super::matchers::Matchers;

/// The boolean expression "`value` satisfies `schema`" over the identifier `value`, or `None`
/// when the schema has keywords of nested objects or arrays (`properties`, `required`,
/// `items`): those are left to the evaluator.
///
/// # Errors
/// What `keywords` in the catalog refuses; it runs first, so these are not reached in practice.
pub(super) fn predicate(
    schema: &Value,
    matchers: &mut Matchers,
) -> Result<Option<TokenStream>, String> {
    Ok(expression(schema, matchers)?.map(|expr| expr.render(false)))
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
    /// The tokens; `in_and` when the expression is an operand of `&&` (a `||` then needs
    /// parentheses).
    fn render(self, in_and: bool) -> TokenStream {
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

/// [`predicate`] as an [`Expr`].
fn expression(schema: &Value, matchers: &mut Matchers) -> Result<Option<Expr>, String> {
    let mut conjuncts = Vec::new();
    for test in keyword_tests(schema, matchers)? {
        match test {
            Some(test) => conjuncts.push(test),
            None => return Ok(None),
        }
    }
    Ok(Some(Expr::And(conjuncts)))
}

/// One test per keyword the catalog compiles `schema` to, in the same order (sorted keys;
/// annotations and an empty `required` give none): `None` for a keyword of nested objects or
/// arrays, which only the evaluator reads.
fn keyword_tests(schema: &Value, matchers: &mut Matchers) -> Result<Vec<Option<Expr>>, String> {
    let Value::Object(map) = schema else {
        return Err(format!("a schema must be an object, found {schema}"));
    };
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    let mut tests = Vec::new();
    for (key, value) in entries {
        match key.as_str() {
            "type" => {
                let types = type_variants(value)?
                    .into_iter()
                    .map(|variant| Expr::Atom(quote! { JsonType::#variant.matches(value) }));
                tests.push(Some(Expr::Or(types.collect())));
            }
            "pattern" => {
                let source = value
                    .as_str()
                    .ok_or_else(|| format!("pattern must be a string, found {value}"))?;
                let compiled = matchers.compile(source)?;
                let test = match compiled.literals.as_deref() {
                    Some([]) => quote! { false },
                    Some(literals) => quote! { matches!(text, #(#literals)|*) },
                    None => {
                        let matcher = compiled.constant;
                        quote! { #matcher.matches(text) }
                    }
                };
                tests.push(Some(Expr::Atom(quote! {
                    value.as_str().is_none_or(|text| #test)
                })));
            }
            "format" => {
                let format = format_variant(value)?;
                tests.push(Some(Expr::Atom(quote! {
                    value.as_str().is_none_or(|text| Format::#format.matches(text))
                })));
            }
            "anyOf" => {
                let Value::Array(branches) = value else {
                    return Err(format!("anyOf must be an array, found {value}"));
                };
                let mut disjuncts = Some(Vec::new());
                for branch in branches {
                    match (expression(branch, matchers)?, disjuncts.as_mut()) {
                        (Some(test), Some(disjuncts)) => disjuncts.push(test),
                        _ => disjuncts = None,
                    }
                }
                // No branch: nothing holds (`false`, the empty disjunction).
                tests.push(disjuncts.map(Expr::Or));
            }
            "properties" | "items" => tests.push(None),
            "required" => {
                // As the catalog reads it: an empty list is no keyword.
                let names = value
                    .as_array()
                    .is_some_and(|items| items.iter().any(Value::is_string));
                if names {
                    tests.push(None);
                }
            }
            _ => {}
        }
    }
    Ok(tests)
}

/// The expression "which keywords of `schema` (compiled into the constant `constant`) `value`
/// fails", a `u8` with bit `k` for the `k`-th keyword: its inline test where there is one, the
/// evaluator's reading of that keyword otherwise. `keywords` is how many keywords the catalog
/// compiled, which the tests must match.
///
/// # Errors
/// When the count differs, or is above 8 (a schema has at most one keyword of each of the
/// seven kinds, so neither happens unless the two readings drift apart).
pub(super) fn failing(
    schema: &Value,
    constant: &Ident,
    keywords: usize,
    matchers: &mut Matchers,
) -> Result<TokenStream, String> {
    let tests = keyword_tests(schema, matchers)?;
    if tests.len() != keywords || keywords > 8 {
        return Err(format!(
            "internal: {} keyword tests for {keywords} compiled keywords (at most 8)",
            tests.len()
        ));
    }
    let bits = tests.into_iter().enumerate().map(|(k, test)| {
        let fails = match test {
            Some(test) => {
                let test = test.render(false);
                quote! { !(#test) }
            }
            None => {
                let k = proc_macro2::Literal::usize_unsuffixed(k);
                quote! { !crate::support::check::keyword_holds(&#constant[#k], value) }
            }
        };
        match k {
            0 => quote! { u8::from(#fails) },
            k => {
                let k = proc_macro2::Literal::usize_unsuffixed(k);
                quote! { (u8::from(#fails) << #k) }
            }
        }
    });
    if keywords == 0 {
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
}

/// The function `name(properties: &Map<String, Value>) -> bool`: every key known and settable,
/// every value valid, every required property present (keys are unique, so counting them while
/// walking the object suffices), and the schedule given when `schedule`.
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
    if outcome.is_empty() {
        outcome.push(quote! { true });
    }
    let walk = if properties.iter().all(|p| p.read_only) {
        // Nothing is settable: only the empty object is valid.
        quote! {
            if !properties.is_empty() {
                return false;
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
                    return false;
                }
            }
        }
    };
    quote! {
        fn #name(properties: &Map<String, Value>) -> bool {
            #counter
            #flag
            #walk
            #(#outcome)&&*
        }
    }
}

/// The name of a schema's function.
pub(super) fn holds_name(index: usize) -> Ident {
    format_ident!("holds_s{index}")
}

/// The name of the function telling which keywords of a schema a value fails.
pub(super) fn fails_name(index: usize) -> Ident {
    format_ident!("fails_s{index}")
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
