//! What the generated crate offers its users, as plain data made from the IR: each listed
//! connection type, each typed connector's module, feature, structs and their public fields
//! with their Rust types, the shared value types of `common` (an enum's variants, a struct's
//! fields), and what `validate_properties` checks of each property. Two surfaces compared say
//! what a spec refresh does to users (`classify`).
//!
//! Rust types are written as the emitter writes them (`emit::connector`), so a surface names
//! the same items a user's code does.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::emit::api_endpoints::response_type;
use crate::emit::api_objects::{body_constructors, field_type, full_type};
use crate::emit::catalog::{checked_fields, required_in_validation};
use crate::emit::connector::{Slot, held_type, kind_dir, slots, value_tokens};
use crate::emit::schemas::field_schema;
use crate::model::reference::Kind;
use crate::normalize::api_ir::ApiIr;
use crate::normalize::build_ir::SCHEDULE_FIELD;
use crate::normalize::ir::{Access, Connector, Ir, SharedKind, Struct};

/// The whole surface.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Surface {
    /// Every connection type the registry lists, by API type.
    pub listed: BTreeMap<String, Listed>,
    /// Every typed connector, by API type.
    pub connectors: BTreeMap<String, ConnectorSurface>,
    /// Every shared value type of `common`, by name.
    pub shared: BTreeMap<String, SharedSurface>,
    /// The Connect API's objects, enums and endpoints.
    #[serde(default)]
    pub api: ApiSurface,
}

/// The API's items (`objects`, `endpoints`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ApiSurface {
    /// Each object (struct) of `objects`: its fields, by Rust name.
    pub objects: BTreeMap<String, BTreeMap<String, ApiFieldSurface>>,
    /// The constructors and setters of each request body (`new(required…)`, `with_*`, ...):
    /// each function's signature as written, in order.
    #[serde(default)]
    pub constructors: BTreeMap<String, Vec<String>>,
    /// Each enum of `objects`: the values the reference lists, as the API writes them.
    pub enums: BTreeMap<String, Vec<String>>,
    /// Each endpoint of `endpoints`, by its type's name.
    pub endpoints: BTreeMap<String, EndpointSurface>,
}

/// A field of an API object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiFieldSurface {
    /// Its key in JSON.
    pub key: String,
    /// Its Rust type, as written in the struct.
    pub rust_type: String,
    /// A digest of its documentation.
    pub doc: String,
}

/// An endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndpointSurface {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path, with its parameters in braces.
    pub path: String,
    /// Its path parameters (Rust name: type), in order: the constructor's arguments.
    pub params: Vec<String>,
    /// Its body's type, if it has one.
    pub body: Option<String>,
    /// What a success reads as.
    pub response: String,
}

/// A listed connection type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Listed {
    /// `source` or `destination`.
    pub kind: String,
}

/// A typed connector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConnectorSurface {
    /// Its module's path in the crate (`sources::platform_hubspot`).
    pub module: String,
    /// Its Cargo feature.
    pub feature: String,
    /// Its structs, by name.
    pub structs: BTreeMap<String, StructSurface>,
    /// Whether `validate_properties` checks its properties (`false` when its card says
    /// nothing of them: any object passes).
    pub checked: bool,
    /// What `validate_properties` checks, by property (wire) name; empty when not `checked`.
    pub rules: BTreeMap<String, RuleSurface>,
}

/// A struct of a connector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StructSurface {
    /// Its step, for a step's struct.
    pub step: Option<String>,
    /// Its fields, by Rust name.
    pub fields: BTreeMap<String, FieldSurface>,
    /// The name of its required-fields struct (`FormRequired`), when it has one, whose fields
    /// are those of `fields` marked `required`.
    pub required_struct: Option<String>,
}

/// One field of a struct.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldSurface {
    /// The property's wire name (`schedule` for the schedule made of three properties).
    pub wire: String,
    /// The field's Rust type, as written in the struct.
    pub rust_type: String,
    /// Whether it is public (a property read but never set has a getter instead).
    pub public: bool,
    /// Whether the required-fields struct has it.
    pub required: bool,
    /// A digest of its description ([`digest`]): a release record keeps only whether it
    /// changed, not the text.
    pub description: Option<String>,
}

/// What `validate_properties` checks of one property.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleSurface {
    /// Its step.
    pub step: String,
    /// The JSON Schema its value must satisfy.
    pub schema: Value,
    /// Whether a create must give it.
    pub required: bool,
    /// Whether requests must leave it out.
    pub read_only: bool,
    /// Whether an update may not send it.
    pub immutable: bool,
    /// Whether it is a credential.
    pub credential: bool,
}

/// A shared value type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedSurface {
    /// What it is, in words (`enum`, `struct`, `start date`, ...).
    pub kind: String,
    /// An enum's variants: (Rust name, wire literal).
    pub variants: Vec<(String, String)>,
    /// A struct's fields: Rust name → (Rust type, required).
    pub fields: BTreeMap<String, (String, bool)>,
    /// The JSON Schema it enforces.
    pub schema: Value,
}

/// The surface of the crate generated from `ir` and `api`.
pub fn surface(ir: &Ir, api: &ApiIr) -> Surface {
    let listed = ir
        .catalog
        .iter()
        .map(|entry| {
            let kind = match entry.kind {
                Kind::Source => "source",
                Kind::Destination => "destination",
            };
            let kind = kind.to_owned();
            (entry.api_type.clone(), Listed { kind })
        })
        .collect();
    let connectors = ir
        .connectors
        .iter()
        .map(|c| (c.api_type.clone(), connector(ir, c)))
        .collect();
    let shared = ir
        .types
        .iter()
        .map(|t| {
            let (kind, variants, fields) = match &t.kind {
                SharedKind::Enum(variants) => {
                    ("enum".to_owned(), variants.clone(), BTreeMap::new())
                }
                SharedKind::Object { fields, .. } => (
                    "struct".to_owned(),
                    Vec::new(),
                    fields
                        .iter()
                        .map(|f| {
                            let rust_type = rust_text(&value_tokens(ir, &f.value).to_string());
                            (f.rust.clone(), (rust_type, f.required))
                        })
                        .collect(),
                ),
                other => (shared_kind(other).to_owned(), Vec::new(), BTreeMap::new()),
            };
            let surface = SharedSurface {
                kind,
                variants,
                fields,
                schema: t.schema.clone(),
            };
            (t.name.clone(), surface)
        })
        .collect();
    Surface {
        listed,
        connectors,
        shared,
        api: api_surface(api),
    }
}

fn api_surface(api: &ApiIr) -> ApiSurface {
    let objects = api
        .structs
        .iter()
        .map(|s| {
            let fields = s
                .fields
                .iter()
                .map(|f| {
                    let field = ApiFieldSurface {
                        key: f.key.clone(),
                        rust_type: rust_text(&full_type(f).to_string()),
                        doc: digest(&f.doc),
                    };
                    (f.ident.clone(), field)
                })
                .collect();
            (s.name.clone(), fields)
        })
        .collect();
    let enums = api
        .enums
        .iter()
        .map(|e| {
            (
                e.name.clone(),
                e.values.iter().map(|v| v.wire.clone()).collect(),
            )
        })
        .collect();
    let endpoints = api
        .endpoints
        .iter()
        .map(|e| {
            let endpoint = EndpointSurface {
                method: e.method.clone(),
                path: e.path.clone(),
                params: e
                    .params
                    .iter()
                    .map(|p| format!("{}: {}", p.ident, rust_text(&field_type(&p.ty).to_string())))
                    .collect(),
                body: e.body.clone(),
                response: rust_text(&response_type(&e.response).to_string()),
            };
            (e.name.clone(), endpoint)
        })
        .collect();
    let bodies: Vec<&str> = api
        .endpoints
        .iter()
        .filter_map(|e| e.body.as_deref())
        .collect();
    let constructors = api
        .structs
        .iter()
        .filter(|s| bodies.contains(&s.name.as_str()))
        .map(|s| (s.name.clone(), signatures(&body_constructors(s))))
        .collect();
    ApiSurface {
        objects,
        constructors,
        enums,
        endpoints,
    }
}

/// The signature of every function of the `impl` blocks in `tokens`, in order, as written
/// (whitespace removed: token spacing is not part of a signature).
fn signatures(tokens: &proc_macro2::TokenStream) -> Vec<String> {
    let Ok(file) = syn::parse2::<syn::File>(tokens.clone()) else {
        // Emitted tokens that do not parse fail regen first (`emit::rust_file`).
        return vec![compact(&tokens.to_string())];
    };
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(block) => Some(block),
            _ => None,
        })
        .flat_map(|block| &block.items)
        .filter_map(|item| match item {
            syn::ImplItem::Fn(function) => {
                let signature = &function.sig;
                Some(compact(&quote::quote!(#signature).to_string()))
            }
            _ => None,
        })
        .collect()
}

/// Text without whitespace: the same tokens give the same text whatever their spacing.
fn compact(text: &str) -> String {
    text.split_whitespace().collect()
}

/// A shared type's kind in words.
fn shared_kind(kind: &SharedKind) -> &'static str {
    match kind {
        SharedKind::StartDate => "start date",
        SharedKind::Enum(_) => "enum",
        SharedKind::Digits => "digit string",
        SharedKind::IntegerOrDigits => "integer or digit string",
        SharedKind::StringOrInteger => "string or integer",
        SharedKind::Host => "host",
        SharedKind::Timestamp => "date-time",
        SharedKind::Uri => "URI",
        SharedKind::FormatString(_) => "formatted string",
        SharedKind::Pattern(_) => "pattern string",
        SharedKind::Object { .. } => "struct",
        SharedKind::Validated(_) => "checked JSON",
        SharedKind::Schedule { .. } => "schedule",
    }
}

fn connector(ir: &Ir, c: &Connector) -> ConnectorSurface {
    let structs = c
        .structs
        .iter()
        .chain(&c.update)
        .chain(&c.response)
        .map(|s| (s.name.clone(), struct_surface(ir, s)))
        .collect();
    let checked = !c.says_nothing_of_properties();
    let rules = if !checked {
        BTreeMap::new()
    } else {
        checked_fields(c)
            .into_iter()
            .map(|(s, field)| {
                let rule = RuleSurface {
                    step: s.step.clone().unwrap_or_default(),
                    schema: field_schema(ir, c, field),
                    required: required_in_validation(s, field),
                    read_only: field.is_read_only(),
                    immutable: field.is_immutable(),
                    credential: field.credential.is_some(),
                };
                (field.wire.clone(), rule)
            })
            .collect()
    };
    ConnectorSurface {
        module: format!("{}::{}", kind_dir(c.kind), c.module),
        feature: c.feature.clone(),
        structs,
        checked,
        rules,
    }
}

fn struct_surface(ir: &Ir, s: &Struct) -> StructSurface {
    let mut fields = BTreeMap::new();
    for slot in slots(s) {
        match slot {
            Slot::Schedule => {
                let field = FieldSurface {
                    wire: SCHEDULE_FIELD.to_owned(),
                    rust_type: "crate::common::Schedule".to_owned(),
                    public: true,
                    required: true,
                    description: None,
                };
                fields.insert(SCHEDULE_FIELD.to_owned(), field);
            }
            Slot::Field(f) => {
                let held = rust_text(&held_type(ir, f).to_string());
                let required = f.access == Access::Required;
                let field = FieldSurface {
                    wire: f.wire.clone(),
                    rust_type: if required {
                        held
                    } else {
                        format!("Option<{held}>")
                    },
                    public: !matches!(f.access, Access::NotSettable(_)),
                    required,
                    description: f.description.as_deref().map(digest),
                };
                fields.insert(f.rust.clone(), field);
            }
        }
    }
    for carried in &s.carries {
        let field = FieldSurface {
            wire: carried.step.clone(),
            rust_type: format!("Option<{}>", carried.struct_name),
            public: true,
            required: false,
            description: None,
        };
        fields.insert(carried.field.clone(), field);
    }
    let required_struct = fields
        .values()
        .any(|f| f.required)
        .then(|| s.required_name.clone());
    StructSurface {
        step: s.step.clone(),
        fields,
        required_struct,
    }
}

/// A type's tokens as a user writes them: `crate::common::Host`, `Option<String>`: without
/// whitespace (types need none between their tokens), so that the text does not depend on how
/// tokens are spaced when printed.
fn rust_text(tokens: &str) -> String {
    compact(tokens)
}

/// A digest of `text` that stays the same across builds and platforms (64-bit FNV-1a, in hex):
/// what a surface keeps of a description.
pub fn digest(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    /// The digest is FNV-1a: its published test vectors.
    #[test]
    fn digest_is_fnv_1a() {
        assert_eq!(super::digest(""), "cbf29ce484222325");
        assert_eq!(super::digest("a"), "af63dc4c8601ec8c");
        assert_eq!(super::digest("foobar"), "85944171f73967e8");
    }
}
