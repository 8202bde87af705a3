//! `src/catalog.rs`: the registry's data. Every connection type (the reference's table and the
//! captured cards) with its kind, steps and details, and for documented types the rules
//! `validate_properties` applies: each property's step, flags and JSON Schema compiled to
//! static keywords; the generated `match` that finds a type by name (`string_switch`); and the
//! generated functions of `predicates`: per schema one that decides a value and one that names
//! the keywords it fails, and per type one that decides a whole object and one that finds a
//! property by name. Compiled with the `validation` feature; each type's rules and every item
//! they use only with the feature of a connector that needs them (the registry of names, kinds
//! and details is always there).

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use super::connector::kind_dir;
use super::docs::cfg_gate;
use super::item_names::{ContentNames, TypeNames};
use super::keywords;
use super::matchers::Matchers;
use super::predicates::{
    PropertyCheck, failing, fails_name, holds_name, object_check, position_of, predicate,
    reads_value,
};
use super::schemas::field_schema;
use super::string_switch::switch;
use crate::error::SpecError;
use crate::model::json_schema::{self, Document};
use crate::model::reference::Kind;
use crate::normalize::field_types::{canonical, sorted};
use crate::normalize::ir::{Access, Connector, Field, Ir, Struct, ValueType};
use crate::output::OutputFile;

/// Compiled schemas, one `static` per distinct schema (and one per definition it reaches), and
/// for each a function deciding it and one telling which keywords fail; each named after the
/// schema's text (`item_names`) and emitted in name order.
#[derive(Default)]
struct Schemas {
    /// Each schema's name, by its canonical text.
    by_text: BTreeMap<String, String>,
    names: ContentNames,
    /// Each schema's `static` (and its definitions'), by name.
    items: BTreeMap<String, TokenStream>,
    /// Each schema, parsed, by name.
    documents: BTreeMap<String, Document>,
    holds: BTreeMap<String, TokenStream>,
    fails: BTreeMap<String, TokenStream>,
    matchers: Matchers,
    /// The features of the connectors whose rules use each schema, by name.
    users: BTreeMap<String, BTreeSet<String>>,
}

impl Schemas {
    /// The name of `schema`, compiling it on first use.
    fn id(&mut self, schema: &Value) -> Result<String, String> {
        let text = canonical(schema);
        if let Some(id) = self.by_text.get(&text) {
            return Ok(id.clone());
        }
        // Keys sorted at every level, so that no output depends on a capture's key order.
        let document = json_schema::parse(&sorted(schema)).map_err(|error| {
            format!(
                "not a valid draft-7 schema at {}: {}",
                error.path, error.problem
            )
        })?;
        let id = self.names.name(&text);
        let name = constant_name(&id);
        self.matchers.set_user(&id);
        let compiled = keywords::compile(&document, &name, &mut self.matchers)?;
        let root = compiled.root;
        let definitions = compiled.statics;
        let doc = format!(" `{text}`");
        self.items.insert(
            id.clone(),
            quote! {
                #[doc = #doc]
                static #name: Schema = #root;
                #(#definitions)*
            },
        );
        self.documents.insert(id.clone(), document);
        self.by_text.insert(text, id.clone());
        Ok(id)
    }

    /// The `static` holding `schema`, which the rules of the connector of `feature` use.
    fn constant(&mut self, schema: &Value, feature: &str) -> Result<Ident, String> {
        let id = self.id(schema)?;
        self.users
            .entry(id.clone())
            .or_default()
            .insert(feature.to_owned());
        Ok(constant_name(&id))
    }

    /// Every item, each behind the features of the connectors whose rules use it: the
    /// matchers, the schema constants, the functions deciding them and those naming failed
    /// keywords, in that order.
    fn into_items(self) -> Vec<TokenStream> {
        let users = self.users;
        let features_of = |id: &String| users.get(id).into_iter().flatten();
        let mut out: Vec<TokenStream> = self
            .matchers
            .into_used_items()
            .map(|(schemas, item)| {
                let features: BTreeSet<&String> = schemas.iter().flat_map(features_of).collect();
                let gate = gate(features);
                quote! { #gate #item }
            })
            .collect();
        for items in [self.items, self.holds, self.fails] {
            out.extend(items.into_iter().map(|(id, item)| {
                let gate = gate(features_of(&id));
                quote! { #gate #item }
            }));
        }
        out
    }

    /// The function deciding `schema`, emitting it on first use.
    fn holds(&mut self, schema: &Value) -> Result<Ident, String> {
        self.function(schema, true)
    }

    /// The function telling which keywords of `schema` a value fails, emitted on first use.
    fn fails(&mut self, schema: &Value) -> Result<Ident, String> {
        self.function(schema, false)
    }

    /// The function deciding `schema` (`holds`) or naming the keywords it fails.
    fn function(&mut self, schema: &Value, holds: bool) -> Result<Ident, String> {
        let id = self.id(schema)?;
        let (name, emitted) = if holds {
            (holds_name(&id), &mut self.holds)
        } else {
            (fails_name(&id), &mut self.fails)
        };
        if emitted.contains_key(&id) {
            return Ok(name);
        }
        let constant = constant_name(&id);
        self.matchers.set_user(&id);
        let root = &self
            .documents
            .get(&id)
            .ok_or_else(|| format!("the schema {id} was not compiled"))?
            .root;
        let function = if holds {
            let body = predicate(root, &constant, &mut self.matchers)?;
            let doc = format!(" Whether a value satisfies [`{constant}`].");
            value_function(&name, &doc, body, quote! { bool })
        } else {
            let body = failing(root, &constant, &mut self.matchers)?;
            let doc = format!(
                " Which keywords of [`{constant}`] a value fails: bit `k` for `{constant}[k]`."
            );
            value_function(&name, &doc, body, quote! { u64 })
        };
        emitted.insert(id, function);
        Ok(name)
    }
}

/// `#[cfg]` for the items that the rules of the connectors of `features` use.
fn gate<'a>(features: impl IntoIterator<Item = &'a String>) -> TokenStream {
    let features: BTreeSet<&str> = features.into_iter().map(String::as_str).collect();
    match features.len() {
        // Used by no rules (not reached: a schema is compiled for a property's rule): never
        // compiled, rather than compiled unused.
        0 => quote! { #[cfg(any())] },
        _ => cfg_gate(&features.into_iter().collect::<Vec<_>>()),
    }
}

/// The name of a schema's `static`.
fn constant_name(id: &str) -> Ident {
    format_ident!("SCHEMA_{id}")
}

/// An inlined function of one `value: &Value`, the parameter unnamed when `body` does not
/// read it (`true`, `0`, the check of the schema `false`).
fn value_function(name: &Ident, doc: &str, body: TokenStream, output: TokenStream) -> TokenStream {
    let parameter = if reads_value(&body) {
        quote! { value: &Value }
    } else {
        quote! { _: &Value }
    };
    quote! {
        #[doc = #doc]
        #[inline]
        fn #name(#parameter) -> #output {
            #body
        }
    }
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

/// The properties `validate_properties` checks for a connector whose card says something of
/// them, with the step struct each belongs to: every step's fields, and for a name in two
/// steps the first step's (a value is checked once; both steps take the same property).
pub(crate) fn checked_fields(connector: &Connector) -> Vec<(&Struct, &Field)> {
    let mut out: Vec<(&Struct, &Field)> = Vec::new();
    for s in connector.structs.iter().filter(|s| s.step.is_some()) {
        for field in &s.fields {
            if !out.iter().any(|(_, seen)| seen.wire == field.wire) {
                out.push((s, field));
            }
        }
    }
    out
}

/// Whether a property is required by `validate_properties`: a required form property.
pub(crate) fn required_in_validation(s: &Struct, field: &Field) -> bool {
    field.access == Access::Required && s.step.as_deref() == Some("form")
}

/// The `checks` field of a documented connector's registry entry: its `Rules` with its
/// feature, `CompiledOut` without; its generated functions (the object check and the property
/// lookup) go to `functions`, shared with every type that has the same ones.
fn rules(
    ir: &Ir,
    connector: &Connector,
    type_name: &str,
    schemas: &mut Schemas,
    functions: &mut Functions,
) -> Result<TokenStream, SpecError> {
    // Each property: its `PropertyRule` and what the object check needs of it.
    let mut properties: Vec<(TokenStream, PropertyCheck)> = Vec::new();
    let schedule = connector
        .structs
        .iter()
        .any(|s| s.step.is_some() && s.schedule.is_some());
    for (s, field) in checked_fields(connector) {
        let step = s.step.as_deref().unwrap_or_default();
        let schema = field_schema(ir, connector, field);
        let refused = |why: String| {
            SpecError::file(
                std::path::Path::new("spec"),
                format!("{} property \"{}\": {why}", connector.api_type, field.wire),
            )
        };
        let constant = schemas
            .constant(&schema, &connector.feature)
            .map_err(refused)?;
        let holds = schemas.holds(&schema).map_err(refused)?;
        let fails = schemas.fails(&schema).map_err(refused)?;
        let read_only = field.is_read_only();
        let immutable = field.is_immutable();
        let name = field.wire.as_str();
        let required = required_in_validation(s, field);
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
                    immutable: #immutable,
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
                immutable,
            },
        ));
    }
    properties.sort_by(|a, b| a.1.name.cmp(&b.1.name));
    let names: Vec<&str> = properties.iter().map(|(_, c)| c.name.as_str()).collect();
    let checks: Vec<&PropertyCheck> = properties.iter().map(|(_, c)| c).collect();
    let api_type = connector.api_type.as_str();
    let feature = connector.feature.as_str();
    let check = functions.intern("valid", api_type, feature, type_name, |name| {
        object_check(name, &checks, schedule)
    });
    let position = functions.intern("position", api_type, feature, type_name, |name| {
        position_of(name, &names)
    });
    // The positions of the checks a flag marks, as `u16` literals (a card of more properties
    // than a `u16` counts is refused).
    let positions = |flag: fn(&_) -> bool| -> Result<Vec<proc_macro2::Literal>, SpecError> {
        checks
            .iter()
            .enumerate()
            .filter(|(_, check)| flag(check))
            .map(|(index, _)| {
                u16::try_from(index)
                    .map(proc_macro2::Literal::u16_unsuffixed)
                    .map_err(|_| {
                        SpecError::file(
                            std::path::Path::new("spec"),
                            format!("{api_type}: more than {} properties", u16::MAX),
                        )
                    })
            })
            .collect()
    };
    let required = positions(|check| check.required)?;
    let immutable = positions(|check| check.immutable)?;
    let properties = properties.iter().map(|(tokens, _)| tokens);
    // Two values of the field, one per side of the connector's feature.
    Ok(quote! {
        #[cfg(feature = #feature)]
        checks: Checks::Rules(Rules {
            properties: &[#(#properties),*],
            required: &[#(#required),*],
            immutable: &[#(#immutable),*],
            schedule: #schedule,
            valid: #check,
            position: #position,
        }),
        #[cfg(not(feature = #feature))]
        checks: Checks::CompiledOut(#feature),
    })
}

/// The generated per-type functions, each emitted once however many types share it (types with
/// the same properties and schemas, like the MySQL family, have the same check), named after
/// the first type (in API-type order) that has it and emitted in name order.
#[derive(Default)]
struct Functions {
    /// The name of each function, by its tokens under a placeholder name.
    by_body: std::collections::HashMap<String, Ident>,
    /// Each function by name: the types that use it, their connectors' features, and its
    /// tokens.
    items: BTreeMap<Ident, (Vec<String>, BTreeSet<String>, TokenStream)>,
}

impl Functions {
    /// The name of the function `make` writes (given its name), for `api_type` (whose
    /// per-type name is `type_name`, whose connector's feature is `feature`); `prefix` is
    /// `valid` (an object check) or `position` (a property lookup).
    fn intern(
        &mut self,
        prefix: &str,
        api_type: &str,
        feature: &str,
        type_name: &str,
        make: impl Fn(&Ident) -> TokenStream,
    ) -> Ident {
        let key = format!("{prefix} {}", make(&format_ident!("placeholder")));
        if let Some(name) = self.by_body.get(&key) {
            if let Some((types, features, _)) = self.items.get_mut(name) {
                types.push(api_type.to_owned());
                features.insert(feature.to_owned());
            }
            return name.clone();
        }
        // Unique: each type has one name and interns one function of each prefix.
        let name = format_ident!("{prefix}_{type_name}");
        self.by_body.insert(key, name.clone());
        let features = BTreeSet::from([feature.to_owned()]);
        self.items.insert(
            name.clone(),
            (vec![api_type.to_owned()], features, make(&name)),
        );
        name
    }

    /// Every function, with docs naming the types that use it, behind their features.
    fn tokens(self) -> impl Iterator<Item = TokenStream> {
        self.items
            .into_iter()
            .map(|(name, (types, features, function))| {
                let types: Vec<String> = types.iter().map(|t| format!("`{t}`")).collect();
                let doc = if name.to_string().starts_with("valid") {
                    format!(
                        " Whether a properties object of {} is valid: `usize::MAX` (`VALID`), else \
                     where the check stopped (`refused_at` the first refused key, or 0).",
                        types.join(", ")
                    )
                } else {
                    format!(
                        " The position of a property of {} among its rules, by name.",
                        types.join(", ")
                    )
                };
                let gate = gate(&features);
                quote! {
                    #[doc = #doc]
                    #gate
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
    let mut type_names = TypeNames::default();
    let mut arms: Vec<(&str, TokenStream)> = Vec::new();
    let mut statics = Vec::new();
    let mut functions = Functions::default();
    for entry in sorted {
        let type_name = type_names.name(&entry.api_type);
        let constant = format_ident!("TYPE_{}", type_name.to_ascii_uppercase());
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
                        let image_version = option_str(d.image_version.as_deref());
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
                                image_version: #image_version,
                            })
                        }
                    }
                    None => quote! { None },
                };
                // A card without steps (in the documented list: deprecated types and a few others) says nothing about properties: the
                // type's objects are not checked, as for a type without documented properties.
                let rules = if c.says_nothing_of_properties() {
                    quote! { checks: Checks::Unchecked, }
                } else {
                    rules(ir, c, &type_name, &mut schemas, &mut functions)?
                };
                (quote! { Some(#module) }, steps, details, rules)
            }
            None => (
                quote! { None },
                Vec::new(),
                quote! { None },
                quote! { checks: Checks::Unchecked, },
            ),
        };
        let doc = format!(" `{api_type}`.");
        entries.push(quote! {
            #[doc = #doc]
            static #constant: ConnectionType = ConnectionType {
                api_type: #api_type,
                display_name: #display_name,
                kind: #kind,
                typed_module: #typed_module,
                steps: &[#(#steps),*],
                details: #details,
                #rules
            };
        });
        arms.push((api_type, quote! { Some(&#constant) }));
        statics.push(constant);
    }
    let subject = format_ident!("api_type");
    let type_switch = switch(&subject, &arms, &quote! { None });
    let schema_items = schemas.into_items();
    let checks = functions.tokens();
    let doc = super::inner_doc(
        "The registry's data: every connection type, sorted by API type, and for documented\n\
         types the rules `validate_properties` applies. Each distinct JSON Schema is compiled\n\
         once, named after a hash of its text (`SCHEMA_3F9A12C4`; the text is in each constant's\n\
         docs); per-type items are named after their API type.",
    );
    super::rust_file(
        "src/catalog.rs",
        quote! {
            #doc
            #[allow(unused_imports)]
            use crate::support::keywords::{Dependency, Format, JsonType, Keyword, Reference, Schema};
            #[allow(unused_imports)]
            use crate::support::literal::{Json, Num};
            #[allow(unused_imports)]
            use serde_json::{Map, Value};
            #[allow(unused_imports)]
            use crate::support::registry::{Checks, ConnectionType, Details, Kind, PropertyRule, Rules};
            #(#schema_items)*
            #(#checks)*
            #(#entries)*
            /// Every connection type, sorted by API type.
            pub(crate) static CONNECTION_TYPES: &[&ConnectionType] = &[#(&#statics),*];
            /// The connection type with this API type.
            pub(crate) fn connection_type(api_type: &str) -> Option<&'static ConnectionType> {
                #type_switch
            }
        },
    )
}
