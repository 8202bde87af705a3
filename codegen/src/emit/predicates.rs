//! Straight-line Rust for `validate_properties`' success path: one boolean function per distinct
//! schema, and one per connection type that walks a properties object once and matches each
//! name with a `match` on strings. They decide validity only; when they say "invalid", the
//! keyword evaluator (`support/check.rs`) runs over the same schemas to explain why, so the
//! two must agree: `tests/tests/validation_oracle.rs` holds both to `jsonschema`.
//!
//! The functions call the same matchers and format validators as the evaluator
//! (`Matcher::matches`, `Format::matches`, `JsonType::matches`); only the dispatch is compiled.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use super::catalog::{format_variant, type_variants};
use crate::normalize::pattern;

/// The boolean expression "`value` satisfies `schema`" over the identifier `value`, or `None`
/// when the schema has keywords of nested objects or arrays (`properties`, `required`,
/// `items`): those are left to the evaluator.
///
/// # Errors
/// What `keywords` in the catalog refuses; it runs first, so these are not reached in practice.
pub(super) fn predicate(schema: &Value) -> Result<Option<TokenStream>, String> {
    Ok(expression(schema)?.map(|expr| expr.render(false)))
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
fn expression(schema: &Value) -> Result<Option<Expr>, String> {
    let Value::Object(map) = schema else {
        return Err(format!("a schema must be an object, found {schema}"));
    };
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    let mut conjuncts = Vec::new();
    for (key, value) in entries {
        match key.as_str() {
            "type" => {
                let types = type_variants(value)?
                    .into_iter()
                    .map(|variant| Expr::Atom(quote! { JsonType::#variant.matches(value) }));
                conjuncts.push(Expr::Or(types.collect()));
            }
            "pattern" => {
                let source = value
                    .as_str()
                    .ok_or_else(|| format!("pattern must be a string, found {value}"))?;
                let compiled = pattern::compile(source)
                    .map_err(|why| format!("the pattern {source:?} is not supported: {why}"))?;
                let test = match compiled.literals() {
                    Some([]) => quote! { false },
                    Some(literals) => quote! { matches!(text, #(#literals)|*) },
                    None => {
                        let matcher = compiled.matcher_tokens();
                        quote! {{
                            const MATCHER: crate::support::pattern::Matcher = #matcher;
                            MATCHER.matches(text)
                        }}
                    }
                };
                conjuncts.push(Expr::Atom(quote! {
                    value.as_str().is_none_or(|text| #test)
                }));
            }
            "format" => {
                let format = format_variant(value)?;
                conjuncts.push(Expr::Atom(quote! {
                    value.as_str().is_none_or(|text| Format::#format.matches(text))
                }));
            }
            "anyOf" => {
                let Value::Array(branches) = value else {
                    return Err(format!("anyOf must be an array, found {value}"));
                };
                let mut disjuncts = Vec::new();
                for branch in branches {
                    match expression(branch)? {
                        Some(test) => disjuncts.push(test),
                        None => return Ok(None),
                    }
                }
                // No branch: nothing holds (`false`, the empty disjunction).
                conjuncts.push(Expr::Or(disjuncts));
            }
            "properties" | "required" | "items" => return Ok(None),
            _ => {}
        }
    }
    Ok(Some(Expr::And(conjuncts)))
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
