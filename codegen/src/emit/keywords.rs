//! A schema of the one model (`model/json_schema.rs`) as the runtime evaluator's static data
//! (`support/keywords.rs`): one `Keyword` per [`Assertion`], in the model's order; a `$ref` as a
//! reference to a `static` (the schema itself for `#`, one per definition it reaches), so that
//! a recursive schema is finite data.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::{Number, Value};

use super::matchers::Matchers;
use crate::model::json_schema::{
    Assertion, Dependency, Document, Format, Schema, SchemaType, Target,
};

/// A document compiled: the expression of its root (`&[...]`, a `Schema`) and the `static`s
/// of the definitions it reaches.
pub(super) struct Compiled {
    /// The root's keywords, an expression of type `Schema`.
    pub root: TokenStream,
    /// `static {name}_D{i}: Schema = ...;` for each definition a `$ref` reaches.
    pub statics: Vec<TokenStream>,
}

/// Compiles `document`; `name` is the `static` the root will be stored in (what `#` refers
/// to).
///
/// # Errors
/// A pattern the matcher does not support.
pub(super) fn compile(
    document: &Document,
    name: &Ident,
    matchers: &mut Matchers,
) -> Result<Compiled, String> {
    let mut compiler = Compiler {
        name,
        matchers,
        wanted: BTreeSet::new(),
    };
    let root = compiler.schema(&document.root)?;
    let mut statics = Vec::new();
    let mut done = BTreeSet::new();
    while let Some(&index) = compiler.wanted.iter().find(|i| !done.contains(*i)) {
        done.insert(index);
        let (definition, schema) = &document.definitions[index];
        let keywords = compiler.schema(schema)?;
        let constant = definition_name(name, index);
        let doc = format!(" `#/definitions/{definition}` of [`{name}`].");
        statics.push(quote! {
            #[doc = #doc]
            static #constant: Schema = #keywords;
        });
    }
    Ok(Compiled { root, statics })
}

fn definition_name(name: &Ident, index: usize) -> Ident {
    format_ident!("{name}_D{index}")
}

struct Compiler<'a> {
    name: &'a Ident,
    matchers: &'a mut Matchers,
    /// The definitions a `$ref` reached, by index.
    wanted: BTreeSet<usize>,
}

impl Compiler<'_> {
    /// `&[keyword, ...]`.
    fn schema(&mut self, schema: &Schema) -> Result<TokenStream, String> {
        let keywords = schema
            .assertions()
            .into_iter()
            .map(|assertion| self.keyword(assertion))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(quote! { &[#(#keywords),*] })
    }

    fn schemas(&mut self, schemas: &[Schema]) -> Result<TokenStream, String> {
        let compiled = schemas
            .iter()
            .map(|schema| self.schema(schema))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(quote! { &[#(#compiled),*] })
    }

    fn keyword(&mut self, assertion: Assertion<'_>) -> Result<TokenStream, String> {
        Ok(match assertion {
            Assertion::Ref(target) => {
                let target = match target {
                    Target::Root => self.name.clone(),
                    Target::Definition(index) => {
                        self.wanted.insert(*index);
                        definition_name(self.name, *index)
                    }
                };
                quote! { Keyword::Ref(Reference(&#target)) }
            }
            Assertion::AdditionalProperties {
                named,
                patterns,
                schema,
            } => {
                let named = named.iter().map(|(name, _)| name.as_str());
                let patterns = patterns
                    .iter()
                    .map(|(source, _)| Ok(self.matchers.compile(source)?.constant))
                    .collect::<Result<Vec<_>, String>>()?;
                let schema = self.schema(schema)?;
                quote! {
                    Keyword::AdditionalProperties {
                        named: &[#(#named),*],
                        patterns: &[#(#patterns),*],
                        schema: #schema,
                    }
                }
            }
            Assertion::AllOf(schemas) => {
                let schemas = self.schemas(schemas)?;
                quote! { Keyword::AllOf(#schemas) }
            }
            Assertion::AnyOf(schemas) => {
                let schemas = self.schemas(schemas)?;
                quote! { Keyword::AnyOf(#schemas) }
            }
            Assertion::Const(value) => {
                let value = literal(value);
                quote! { Keyword::Const(#value) }
            }
            Assertion::Contains(schema) => {
                let schema = self.schema(schema)?;
                quote! { Keyword::Contains(#schema) }
            }
            Assertion::Dependencies(entries) => {
                let mut compiled = Vec::new();
                for (name, dependency) in entries {
                    let dependency = match dependency {
                        Dependency::Properties(names) => {
                            quote! { Dependency::Required(&[#(#names),*]) }
                        }
                        Dependency::Schema(schema) => {
                            let schema = self.schema(schema)?;
                            quote! { Dependency::Schema(#schema) }
                        }
                    };
                    compiled.push(quote! { (#name, #dependency) });
                }
                quote! { Keyword::Dependencies(&[#(#compiled),*]) }
            }
            Assertion::Enum(values) => {
                let values = values.iter().map(literal);
                quote! { Keyword::Enum(&[#(#values),*]) }
            }
            Assertion::ExclusiveMaximum(n) => numeric("ExclusiveMaximum", n),
            Assertion::ExclusiveMinimum(n) => numeric("ExclusiveMinimum", n),
            Assertion::Format(format) => {
                let variant = format_variant(format);
                quote! { Keyword::Format(Format::#variant) }
            }
            Assertion::If {
                condition,
                then,
                otherwise,
            } => {
                let condition = self.schema(condition)?;
                let then = self.optional(then)?;
                let otherwise = self.optional(otherwise)?;
                quote! { Keyword::If { condition: #condition, then: #then, otherwise: #otherwise } }
            }
            Assertion::Items(schema) => {
                let schema = self.schema(schema)?;
                quote! { Keyword::Items(#schema) }
            }
            Assertion::Tuple { items, additional } => {
                let items = self.schemas(items)?;
                let additional = self.optional(additional)?;
                quote! { Keyword::Tuple { items: #items, additional: #additional } }
            }
            Assertion::MaxItems(n) => count("MaxItems", n),
            Assertion::MaxLength(n) => count("MaxLength", n),
            Assertion::MaxProperties(n) => count("MaxProperties", n),
            Assertion::Maximum(n) => numeric("Maximum", n),
            Assertion::MinItems(n) => count("MinItems", n),
            Assertion::MinLength(n) => count("MinLength", n),
            Assertion::MinProperties(n) => count("MinProperties", n),
            Assertion::Minimum(n) => numeric("Minimum", n),
            Assertion::MultipleOf(n) => numeric("MultipleOf", n),
            Assertion::Not(schema) => {
                let schema = self.schema(schema)?;
                quote! { Keyword::Not(#schema) }
            }
            Assertion::OneOf(schemas) => {
                let schemas = self.schemas(schemas)?;
                quote! { Keyword::OneOf(#schemas) }
            }
            Assertion::Pattern(source) => {
                let matcher = self.matchers.compile(source)?.constant;
                quote! { Keyword::Pattern { matcher: #matcher, source: #source } }
            }
            Assertion::PatternProperties(patterns) => {
                let mut compiled = Vec::new();
                for (source, schema) in patterns {
                    let matcher = self.matchers.compile(source)?.constant;
                    let schema = self.schema(schema)?;
                    compiled.push(quote! { (#matcher, #source, #schema) });
                }
                quote! { Keyword::PatternProperties(&[#(#compiled),*]) }
            }
            Assertion::Properties(properties) => {
                let mut compiled = Vec::new();
                for (name, schema) in properties {
                    let schema = self.schema(schema)?;
                    compiled.push(quote! { (#name, #schema) });
                }
                quote! { Keyword::Properties(&[#(#compiled),*]) }
            }
            Assertion::PropertyNames(schema) => {
                let schema = self.schema(schema)?;
                quote! { Keyword::PropertyNames(#schema) }
            }
            Assertion::Required(names) => quote! { Keyword::Required(&[#(#names),*]) },
            Assertion::Type(types) => {
                let types = types.iter().map(|t| type_variant(*t));
                quote! { Keyword::Type(&[#(JsonType::#types),*]) }
            }
            Assertion::UniqueItems => quote! { Keyword::UniqueItems },
            Assertion::False => quote! { Keyword::False },
        })
    }

    fn optional(&mut self, schema: Option<&Schema>) -> Result<TokenStream, String> {
        Ok(match schema {
            Some(schema) => {
                let schema = self.schema(schema)?;
                quote! { Some(#schema) }
            }
            None => quote! { None },
        })
    }
}

/// `Keyword::{variant}(n)` for a numeric keyword.
fn numeric(variant: &str, n: &Number) -> TokenStream {
    let variant = format_ident!("{variant}");
    let n = number_tokens(n);
    quote! { Keyword::#variant(#n) }
}

/// `Keyword::{variant}(n)` for a keyword that counts.
fn count(variant: &str, n: u64) -> TokenStream {
    let variant = format_ident!("{variant}");
    let n = Literal::u64_unsuffixed(n);
    quote! { Keyword::#variant(#n) }
}

/// The runtime's `JsonType` variant of a type name.
pub(super) fn type_variant(t: SchemaType) -> Ident {
    format_ident!(
        "{}",
        match t {
            SchemaType::Null => "Null",
            SchemaType::Boolean => "Boolean",
            SchemaType::Object => "Object",
            SchemaType::Array => "Array",
            SchemaType::Number => "Number",
            SchemaType::Integer => "Integer",
            SchemaType::String => "String",
        }
    )
}

/// The runtime's `Format` variant of a format.
pub(super) fn format_variant(format: Format) -> Ident {
    format_ident!("{}", format.variant_name())
}

/// A number as the runtime's `Num`.
pub(super) fn number_tokens(n: &Number) -> TokenStream {
    if let Some(n) = n.as_u64() {
        let n = Literal::u64_unsuffixed(n);
        quote! { Num::Unsigned(#n) }
    } else if let Some(n) = n.as_i64() {
        let n = Literal::i64_unsuffixed(n);
        quote! { Num::Signed(#n) }
    } else {
        // JSON numbers are finite.
        let n = Literal::f64_unsuffixed(n.as_f64().unwrap_or_default());
        quote! { Num::Float(#n) }
    }
}

/// A JSON value as the runtime's `Json`.
fn literal(value: &Value) -> TokenStream {
    match value {
        Value::Null => quote! { Json::Null },
        Value::Bool(b) => quote! { Json::Bool(#b) },
        Value::Number(n) => {
            let n = number_tokens(n);
            quote! { Json::Number(#n) }
        }
        Value::String(text) => quote! { Json::String(#text) },
        Value::Array(items) => {
            let items = items.iter().map(literal);
            quote! { Json::Array(&[#(#items),*]) }
        }
        Value::Object(members) => {
            let members = members.iter().map(|(key, value)| {
                let value = literal(value);
                quote! { (#key, #value) }
            });
            quote! { Json::Object(&[#(#members),*]) }
        }
    }
}
