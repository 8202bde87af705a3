//! `src/catalog.rs`: the registry's data. Every connection type (the reference's table and the
//! captured cards) with its kind, steps and details, and for documented types the rules
//! `validate_properties` applies: each property's step, flags and JSON Schema compiled to
//! static keywords; the generated `match` that finds a type by name (`string_switch`); and the
//! generated functions of `predicates`: per schema one that decides a value and one that names
//! the keywords it fails, and per type one that decides a whole object and one that finds a
//! property by name. Compiled with the `validation` feature.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use super::connector::kind_dir;
use super::matchers::Matchers;
use super::predicates::{
    PropertyCheck, failing, fails_name, holds_name, object_check, position_of, predicate,
};
use super::schemas::field_schema;
use super::string_switch::switch;
use crate::error::SpecError;
use crate::model::reference::Kind;
use crate::normalize::ir::{Access, Connector, Ir, NotSettable, ValueType};
use crate::normalize::value_types::canonical;
use crate::output::OutputFile;

/// Annotation keywords: they do not constrain values.
const ANNOTATIONS: &[&str] = &[
    "title",
    "description",
    "readOnly",
    "writeOnly",
    "$comment",
    "default",
    "examples",
];

/// Compiled schemas, one constant per distinct schema, and for those a property check uses, a
/// function deciding it and one telling which keywords fail.
#[derive(Default)]
struct Schemas {
    by_text: BTreeMap<String, usize>,
    items: Vec<TokenStream>,
    /// How many keywords each constant has, by index.
    keyword_counts: Vec<usize>,
    holds: BTreeMap<usize, TokenStream>,
    fails: BTreeMap<usize, TokenStream>,
    matchers: Matchers,
}

impl Schemas {
    /// The constant holding `schema`, compiling it on first use.
    fn constant(&mut self, schema: &Value) -> Result<proc_macro2::Ident, String> {
        let text = canonical(schema);
        if let Some(&index) = self.by_text.get(&text) {
            return Ok(format_ident!("S{index}"));
        }
        let keywords = keywords(schema, &mut self.matchers)?;
        let index = self.items.len();
        self.keyword_counts.push(keywords.len());
        let name = format_ident!("S{index}");
        let doc = format!(" `{text}`");
        self.items.push(quote! {
            #[doc = #doc]
            const #name: &[Keyword] = &[#(#keywords),*];
        });
        self.by_text.insert(text, index);
        Ok(name)
    }

    /// The function deciding `schema`, emitting it on first use.
    fn holds(&mut self, schema: &Value) -> Result<proc_macro2::Ident, String> {
        let constant = self.constant(schema)?;
        let index = self.by_text[&canonical(schema)];
        let name = holds_name(index);
        if !self.holds.contains_key(&index) {
            let body = match predicate(schema, &mut self.matchers)? {
                Some(test) => test,
                None => quote! { crate::support::check::is_valid(#constant, value) },
            };
            let doc = format!(" Whether a value satisfies [`{constant}`].");
            let function = value_function(&name, &doc, body, quote! { bool });
            self.holds.insert(index, function);
        }
        Ok(name)
    }

    /// The function telling which keywords of `schema` a value fails, emitted on first use.
    fn fails(&mut self, schema: &Value) -> Result<proc_macro2::Ident, String> {
        let constant = self.constant(schema)?;
        let index = self.by_text[&canonical(schema)];
        let name = fails_name(index);
        if !self.fails.contains_key(&index) {
            let count = self.keyword_counts[index];
            let body = failing(schema, &constant, count, &mut self.matchers)?;
            let doc = format!(
                " Which keywords of [`{constant}`] a value fails: bit `k` for `{constant}[k]`."
            );
            let function = value_function(&name, &doc, body, quote! { u8 });
            self.fails.insert(index, function);
        }
        Ok(name)
    }
}

/// An inlined function of one `value: &Value`, unnamed when `body` is a constant that reads
/// nothing (`true`, `0`).
fn value_function(
    name: &proc_macro2::Ident,
    doc: &str,
    body: TokenStream,
    output: TokenStream,
) -> TokenStream {
    let text = body.to_string();
    let parameter = if text == "true" || text == "0" {
        quote! { _: &Value }
    } else {
        quote! { value: &Value }
    };
    quote! {
        #[doc = #doc]
        #[inline]
        fn #name(#parameter) -> #output {
            #body
        }
    }
}

/// The `JsonType` variants of a `type` keyword's value (one name or an array of names).
pub(super) fn type_variants(value: &Value) -> Result<Vec<proc_macro2::Ident>, String> {
    let names: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        one => vec![one],
    };
    let mut variants = Vec::new();
    for name in names {
        let variant = match name.as_str() {
            Some("string") => "String",
            Some("integer") => "Integer",
            Some("number") => "Number",
            Some("boolean") => "Boolean",
            Some("object") => "Object",
            Some("array") => "Array",
            Some("null") => "Null",
            _ => return Err(format!("unknown type {name}")),
        };
        variants.push(format_ident!("{variant}"));
    }
    Ok(variants)
}

/// The `Format` variant of a `format` keyword's value; the formats the evaluator asserts.
pub(super) fn format_variant(value: &Value) -> Result<proc_macro2::Ident, String> {
    let variant = match value.as_str() {
        Some("ipv4") => "Ipv4",
        Some("ipv6") => "Ipv6",
        Some("hostname") => "Hostname",
        Some("date-time") => "DateTime",
        Some("uri") => "Uri",
        _ => return Err(format!("the format {value} is not supported")),
    };
    Ok(format_ident!("{variant}"))
}

/// The keywords of a schema; anything the evaluator cannot assert faithfully is refused.
fn keywords(schema: &Value, matchers: &mut Matchers) -> Result<Vec<TokenStream>, String> {
    let Value::Object(map) = schema else {
        return Err(format!("a schema must be an object, found {schema}"));
    };
    let mut out = Vec::new();
    // Keyword order follows the keys' sorted order, never the capture's key order.
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    for (key, value) in entries {
        match key.as_str() {
            "type" => {
                let types = type_variants(value)?;
                out.push(quote! { Keyword::Type(&[#(JsonType::#types),*]) });
            }
            "pattern" => {
                let source = value
                    .as_str()
                    .ok_or_else(|| format!("pattern must be a string, found {value}"))?;
                let matcher = matchers.compile(source)?.constant;
                out.push(quote! {
                    Keyword::Pattern { matcher: #matcher, source: #source }
                });
            }
            "format" => {
                let format = format_variant(value)?;
                out.push(quote! { Keyword::Format(Format::#format) });
            }
            "anyOf" => {
                let Value::Array(branches) = value else {
                    return Err(format!("anyOf must be an array, found {value}"));
                };
                let mut compiled = Vec::new();
                for branch in branches {
                    let branch = keywords(branch, matchers)?;
                    compiled.push(quote! { &[#(#branch),*] });
                }
                out.push(quote! { Keyword::AnyOf(&[#(#compiled),*]) });
            }
            "properties" => {
                let Value::Object(properties) = value else {
                    return Err(format!("properties must be an object, found {value}"));
                };
                let mut compiled = Vec::new();
                let mut properties: Vec<(&String, &Value)> = properties.iter().collect();
                properties.sort_by(|a, b| a.0.cmp(b.0));
                for (name, schema) in properties {
                    let schema = keywords(schema, matchers)?;
                    compiled.push(quote! { (#name, &[#(#schema),*]) });
                }
                out.push(quote! { Keyword::Properties(&[#(#compiled),*]) });
            }
            "required" => {
                let names: Vec<&str> = value
                    .as_array()
                    .map(|items| items.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                if !names.is_empty() {
                    out.push(quote! { Keyword::Required(&[#(#names),*]) });
                }
            }
            "items" => {
                let schema = keywords(value, matchers)?;
                out.push(quote! { Keyword::Items(&[#(#schema),*]) });
            }
            annotation if ANNOTATIONS.contains(&annotation) => {}
            other => {
                return Err(format!(
                    "the keyword \"{other}\" cannot be validated by the generated crate"
                ));
            }
        }
    }
    Ok(out)
}

/// Whether a value type holds a secret anywhere inside.
fn holds_secret(connector: &Connector, value: &ValueType) -> bool {
    match value {
        ValueType::Nested(name) => connector
            .structs
            .iter()
            .find(|s| s.name == *name)
            .is_some_and(|s| {
                s.fields
                    .iter()
                    .any(|f| f.credential.is_some() || holds_secret(connector, &f.value))
            }),
        ValueType::List(item) => holds_secret(connector, item),
        _ => false,
    }
}

/// The `Rules` of a documented connector; its generated functions (the object check and the
/// property lookup) go to `functions`, shared with every type that has the same ones.
fn rules(
    ir: &Ir,
    connector: &Connector,
    schemas: &mut Schemas,
    functions: &mut Functions,
) -> Result<TokenStream, SpecError> {
    // Each property: its `PropertyRule` and what the object check needs of it.
    let mut properties: Vec<(TokenStream, PropertyCheck)> = Vec::new();
    let mut schedule = false;
    for s in connector.structs.iter().filter(|s| s.step.is_some()) {
        let step = s.step.as_deref().unwrap_or_default();
        schedule |= s.schedule.is_some();
        for field in &s.fields {
            if properties.iter().any(|(_, check)| check.name == field.wire) {
                // The same name in two steps: the first step's rule stands (a value is checked
                // once; both steps take the same property).
                continue;
            }
            let schema = field_schema(ir, connector, field);
            let refused = |why: String| {
                SpecError::file(
                    std::path::Path::new("spec"),
                    format!("{} property \"{}\": {why}", connector.api_type, field.wire),
                )
            };
            let constant = schemas.constant(&schema).map_err(refused)?;
            let holds = schemas.holds(&schema).map_err(refused)?;
            let fails = schemas.fails(&schema).map_err(refused)?;
            let read_only = field.access == Access::NotSettable(NotSettable::ReadOnly);
            let name = field.wire.as_str();
            let required = field.access == Access::Required && step == "form";
            let credential = field.credential.is_some();
            let redact = credential || holds_secret(connector, &field.value);
            let schedules = s.schedule.as_ref().is_some_and(|parts| {
                field.wire == s.fields[parts.frequency].wire
                    || field.wire == s.fields[parts.cron_expression].wire
            });
            let text = canonical(&schema);
            properties.push((
                quote! {
                    PropertyRule {
                        name: #name,
                        step: #step,
                        required: #required,
                        read_only: #read_only,
                        credential: #credential,
                        redact: #redact,
                        schedules: #schedules,
                        schema: #constant,
                        holds: #holds,
                        failing: #fails,
                        schema_text: #text,
                    }
                },
                PropertyCheck {
                    name: field.wire.clone(),
                    holds,
                    required,
                    schedules,
                    read_only,
                },
            ));
        }
    }
    properties.sort_by(|a, b| a.1.name.cmp(&b.1.name));
    let names: Vec<&str> = properties.iter().map(|(_, c)| c.name.as_str()).collect();
    let checks: Vec<&PropertyCheck> = properties.iter().map(|(_, c)| c).collect();
    let api_type = connector.api_type.as_str();
    let check = functions.intern("valid", api_type, |name| {
        object_check(name, &checks, schedule)
    });
    let position = functions.intern("position", api_type, |name| position_of(name, &names));
    let required = checks
        .iter()
        .enumerate()
        .filter(|(_, check)| check.required)
        .map(|(index, _)| u16::try_from(index))
        .collect::<Result<Vec<u16>, _>>()
        .map_err(|_| {
            SpecError::file(
                std::path::Path::new("spec"),
                format!("{api_type}: more than {} properties", u16::MAX),
            )
        })?;
    let required = required
        .into_iter()
        .map(proc_macro2::Literal::u16_unsuffixed);
    let properties = properties.iter().map(|(tokens, _)| tokens);
    Ok(quote! {
        Some(Rules {
            properties: &[#(#properties),*],
            required: &[#(#required),*],
            schedule: #schedule,
            valid: #check,
            position: #position,
        })
    })
}

/// The generated per-type functions, each emitted once however many types share it (types with
/// the same properties and schemas, like the MySQL family, have the same check).
#[derive(Default)]
struct Functions {
    /// The index in `items` of each function, by its tokens under a placeholder name.
    by_body: std::collections::HashMap<String, usize>,
    /// Each function: its name, the types that use it, and its tokens.
    items: Vec<(proc_macro2::Ident, Vec<String>, TokenStream)>,
}

impl Functions {
    /// The name of the function `make` writes (given its name), for `api_type`; `prefix` is
    /// `valid` (an object check) or `position` (a property lookup).
    fn intern(
        &mut self,
        prefix: &str,
        api_type: &str,
        make: impl Fn(&proc_macro2::Ident) -> TokenStream,
    ) -> proc_macro2::Ident {
        let key = format!("{prefix} {}", make(&format_ident!("placeholder")));
        if let Some(&index) = self.by_body.get(&key) {
            self.items[index].1.push(api_type.to_owned());
            return self.items[index].0.clone();
        }
        let count = self
            .items
            .iter()
            .filter(|(name, _, _)| name.to_string().starts_with(prefix))
            .count();
        let name = format_ident!("{prefix}_{count}");
        self.by_body.insert(key, self.items.len());
        self.items
            .push((name.clone(), vec![api_type.to_owned()], make(&name)));
        name
    }

    /// Every function, with docs naming the types that use it.
    fn tokens(self) -> impl Iterator<Item = TokenStream> {
        self.items.into_iter().map(|(name, types, function)| {
            let types: Vec<String> = types.iter().map(|t| format!("`{t}`")).collect();
            let doc = if name.to_string().starts_with("valid") {
                format!(
                    " Whether a properties object of {} is valid.",
                    types.join(", ")
                )
            } else {
                format!(
                    " The position of a property of {} among its rules, by name.",
                    types.join(", ")
                )
            };
            quote! {
                #[doc = #doc]
                #function
            }
        })
    }
}

fn option_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(text) => quote! { Some(#text) },
        None => quote! { None },
    }
}

/// The catalog module.
pub fn catalog_rs(ir: &Ir) -> Result<OutputFile, SpecError> {
    let mut schemas = Schemas::default();
    let mut entries = Vec::new();
    let by_type: std::collections::HashMap<&str, &Connector> = ir
        .connectors
        .iter()
        .map(|c| (c.api_type.as_str(), c))
        .collect();
    let mut sorted: Vec<_> = ir.catalog.iter().collect();
    sorted.sort_by(|a, b| a.api_type.cmp(&b.api_type));
    let names: Vec<&str> = sorted.iter().map(|e| e.api_type.as_str()).collect();
    let subject = format_ident!("api_type");
    let arms: Vec<(&str, TokenStream)> = names
        .iter()
        .enumerate()
        .map(|(position, name)| {
            let position = Literal::usize_unsuffixed(position);
            (*name, quote! { Some(#position) })
        })
        .collect();
    let type_switch = switch(&subject, &arms, &quote! { None });
    let mut functions = Functions::default();
    for entry in sorted {
        let connector = by_type.get(entry.api_type.as_str()).copied();
        let api_type = entry.api_type.as_str();
        let display_name = option_str(entry.display_name.as_deref());
        let kind = match entry.kind {
            Kind::Source => quote! { Kind::Source },
            Kind::Destination => quote! { Kind::Destination },
        };
        let (typed_module, steps, details, rules) = match connector {
            Some(c) => {
                let module = format!("{}::{}", kind_dir(c.kind), c.module);
                let steps: Vec<String> = if c.card_steps.is_empty() {
                    c.structs.iter().filter_map(|s| s.step.clone()).collect()
                } else {
                    c.card_steps.clone()
                };
                let details = match &c.details {
                    Some(d) => {
                        let pricing_tier = option_str(d.pricing_tier.as_deref());
                        let pipeline_state = option_str(d.pipeline_state.as_deref());
                        let default_start_date = option_str(d.default_start_date.as_deref());
                        let protocol = option_str(d.protocol.as_deref());
                        let interval = match d.default_scheduling_interval {
                            Some(minutes) => quote! { Some(#minutes) },
                            None => quote! { None },
                        };
                        let access = match d.access {
                            Some(access) => quote! { Some(#access) },
                            None => quote! { None },
                        };
                        quote! {
                            Some(Details {
                                pricing_tier: #pricing_tier,
                                pipeline_state: #pipeline_state,
                                default_start_date: #default_start_date,
                                default_scheduling_interval: #interval,
                                protocol: #protocol,
                                access: #access,
                            })
                        }
                    }
                    None => quote! { None },
                };
                let rules = rules(ir, c, &mut schemas, &mut functions)?;
                (quote! { Some(#module) }, steps, details, rules)
            }
            None => (
                quote! { None },
                Vec::new(),
                quote! { None },
                quote! { None },
            ),
        };
        entries.push(quote! {
            ConnectionType {
                api_type: #api_type,
                display_name: #display_name,
                kind: #kind,
                typed_module: #typed_module,
                steps: &[#(#steps),*],
                details: #details,
                rules: #rules,
            }
        });
    }
    let matchers = schemas.matchers.into_items();
    let constants = schemas.items;
    let holds = schemas.holds.into_values();
    let fails = schemas.fails.into_values();
    let checks = functions.tokens();
    let doc = super::inner_doc(
        "The registry's data: every connection type, sorted by API type, and for documented\n\
         types the rules `validate_properties` applies. Each distinct JSON Schema is compiled\n\
         once (`S0`, `S1`, ...; the schema text is in each constant's docs).",
    );
    super::rust_file(
        "src/catalog.rs",
        quote! {
            #doc
            #[allow(unused_imports)]
            use crate::support::check::{Format, JsonType, Keyword};
            use serde_json::{Map, Value};
            use crate::support::registry::{ConnectionType, Details, Kind, PropertyRule, Rules};
            #(#matchers)*
            #(#constants)*
            #(#holds)*
            #(#fails)*
            #(#checks)*
            /// Every connection type, sorted by API type.
            pub(crate) static CONNECTION_TYPES: &[ConnectionType] = &[#(#entries),*];
            /// The position of a type in [`CONNECTION_TYPES`], by API type.
            pub(crate) fn type_position(api_type: &str) -> Option<usize> {
                #type_switch
            }
        },
    )
}
