//! `src/objects.rs`: the Connect API's objects ([`ApiIr`]) as Rust types: identifier
//! newtypes, enums of the listed values (keeping unknown ones), and one struct per object and
//! structure, each keeping the keys it does not document in `extra`. Each struct's
//! `Deserialize` is generated: one pass over the keys (`object_deserialize`), or, for a struct
//! holding a connection's properties, typed by its `type` (`by_type_deserialize`). A test per
//! struct reads each of its page's examples and writes it back.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{documented, outer_doc};
use super::{ident, inner_doc, map_visitor_impl, rust_file};
use crate::error::SpecError;
use crate::model::api_types::PropertiesUse;
use crate::model::reference::Kind;
use crate::normalize::api_ir::{ApiEnum, ApiField, ApiId, ApiIr, ApiStruct, ApiType};
use crate::output::OutputFile;

/// The file, relative to `generated/`.
pub const OBJECTS_FILE: &str = "src/objects.rs";

/// `src/objects.rs`.
///
/// # Errors
/// Emitted code that does not parse (a generator bug).
pub fn objects_rs(api: &ApiIr) -> Result<OutputFile, SpecError> {
    let module_doc = inner_doc(&format!(
        "The Connect API's objects and data structures, generated from the API reference \
         (`spec/api/`) and its recorded decisions (`spec/api-types.json`): {} structs, {} enums \
         of documented values, {} identifier types.\n\n\
         Every struct keeps the keys the reference does not document in `extra`, so a body the \
         API grows still reads (and writes back whole); every enum keeps a value it does not \
         list in `Unknown`. Secrets (access and ephemeral tokens, partner secrets) are \
         [`Secret`]s, which never print.",
        api.structs.len(),
        api.enums.len(),
        api.ids.len()
    ));
    let ids = api.ids.iter().map(id_item);
    let enums = api.enums.iter().map(enum_item);
    let bodies: Vec<&str> = api
        .endpoints
        .iter()
        .filter_map(|e| e.body.as_deref())
        .collect();
    let structs = api
        .structs
        .iter()
        .map(|s| struct_item(s, bodies.contains(&s.name.as_str())));
    let aliases = api.aliases.iter().map(|alias| {
        let name = ident(&alias.name);
        let target = ident(&alias.target);
        let doc = outer_doc(&format!(
            "The reference's {} object: a [`{}`]. {}",
            alias.name,
            alias.target,
            documented(&alias.doc, true)
        ));
        quote! { #doc pub type #name = #target; }
    });
    let tests = tests(api);
    let tokens = quote! {
        #module_doc
        #![allow(clippy::doc_markdown)]
        use serde::{Deserialize, Serialize};
        use serde_json::{Map, Value};
        #[allow(unused_imports)]
        use crate::Secret;
        #[allow(unused_imports)]
        use crate::common::Timestamp;
        #(#ids)*
        #(#enums)*
        #(#structs)*
        #(#aliases)*
        #tests
    };
    rust_file(OBJECTS_FILE, tokens)
}

fn id_item(id: &ApiId) -> TokenStream {
    let name = ident(&id.name);
    let doc = outer_doc(&format!(
        "An identifier: {}.\n\nHeld by {}.",
        documented(&id.doc, true).trim_end_matches('.'),
        id.holders
            .iter()
            .map(|h| format!("`{h}`"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    if id.integer {
        quote! { crate::support::api_types::integer_id! { #doc #name } }
    } else {
        quote! { crate::support::api_types::string_id! { #doc #name } }
    }
}

fn enum_item(e: &ApiEnum) -> TokenStream {
    let name = ident(&e.name);
    let doc = outer_doc(&format!(
        "The values the reference lists for {}.",
        e.used_by
            .iter()
            .map(|u| format!("`{u}`"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    let variants = e.values.iter().map(|v| {
        let variant = ident(&v.variant);
        let wire = &v.wire;
        let text = if v.doc.is_empty() {
            format!("`{wire}`.")
        } else {
            format!("`{wire}`: {}", documented(&v.doc, true))
        };
        let doc = outer_doc(&text);
        quote! { #doc #variant => #wire, }
    });
    quote! {
        crate::support::api_types::string_enum! {
            #doc
            #name {
                #(#variants)*
            }
        }
    }
}

/// The field's Rust type, without `Option`.
pub(crate) fn field_type(ty: &ApiType) -> TokenStream {
    match ty {
        ApiType::String => quote! { String },
        ApiType::Integer => quote! { i64 },
        ApiType::Number => quote! { f64 },
        ApiType::Boolean => quote! { bool },
        ApiType::Timestamp => quote! { Timestamp },
        ApiType::Map => quote! { Map<String, Value> },
        ApiType::Id(name) | ApiType::Enum(name) | ApiType::Struct(name) => {
            let name = ident(name);
            quote! { #name }
        }
        ApiType::List(item) => {
            let item = field_type(item);
            quote! { Vec<#item> }
        }
        ApiType::Properties(kind, used) => {
            let name = ident(&properties_enum(*kind, *used));
            quote! { crate::api::#name }
        }
        ApiType::Null => quote! { () },
    }
}

/// The enum of the `api` module holding a kind's properties for a use.
fn properties_enum(kind: Kind, used: PropertiesUse) -> String {
    let kind = match kind {
        Kind::Source => "Source",
        Kind::Destination => "Destination",
    };
    let used = match used {
        PropertiesUse::Response => "Response",
        PropertiesUse::Create => "",
        PropertiesUse::Update => "Update",
    };
    format!("{kind}{used}Properties")
}

pub(crate) fn full_type(field: &ApiField) -> TokenStream {
    let mut ty = field_type(&field.ty);
    if field.secret {
        ty = quote! { Secret<#ty> };
    }
    if field.optional {
        ty = quote! { Option<#ty> };
    }
    if field.absent_or_null {
        ty = quote! { Option<#ty> };
    }
    ty
}

fn field_doc(field: &ApiField) -> TokenStream {
    let mut text = format!("`{}`", field.key);
    if field.doc.is_empty() {
        text.push('.');
    } else {
        text.push_str(": ");
        text.push_str(&documented(&field.doc, true));
    }
    if field.absent_or_null {
        text.push_str("\n\nSome bodies leave it out (`None`), others write `null` (`Some(None)`).");
    }
    outer_doc(&text)
}

fn struct_item(s: &ApiStruct, is_body: bool) -> TokenStream {
    let name = ident(&s.name);
    let mut text = format!("The reference's {}", s.title);
    if s.doc.is_empty() {
        text.push('.');
    } else {
        text.push_str(": ");
        text.push_str(&documented(&s.doc, true));
    }
    let doc = outer_doc(&text);
    let by_type = s.properties_field().is_some();
    let fields = s.fields.iter().map(|field| {
        let doc = field_doc(field);
        let field_ident = ident(&field.ident);
        let ty = full_type(field);
        let key = &field.key;
        let mut attributes = Vec::new();
        if field.ident != field.key {
            attributes.push(quote! { rename = #key });
        }
        if field.optional && !field.always_written {
            attributes.push(quote! { skip_serializing_if = "Option::is_none" });
        }
        if field.absent_or_null {
            attributes.push(
                quote! { serialize_with = "crate::support::api_types::absent_or_null::serialize" },
            );
        }
        let serde = if attributes.is_empty() {
            quote! {}
        } else {
            quote! { #[serde(#(#attributes),*)] }
        };
        quote! { #doc #serde pub #field_ident: #ty, }
    });
    let deserialize = if by_type {
        by_type_deserialize(s)
    } else {
        object_deserialize(s)
    };
    let constructors = is_body.then(|| body_constructors(s));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            /// The keys the reference does not document, kept as written.
            #[serde(flatten)]
            pub extra: Map<String, Value>,
        }
        #deserialize
        #constructors
    }
}

/// `Deserialize` for a struct: one pass over the object's keys, each documented key read into
/// its field, the others kept in `extra` (what `#[serde(flatten)]` would do, without
/// buffering every value first). A required key missing or any key given twice is refused;
/// an error in a value names its key.
fn object_deserialize(s: &ApiStruct) -> TokenStream {
    let name = ident(&s.name);
    let expecting = format!("the reference's {} object", s.title);
    let mut locals = Vec::new();
    let mut arms = Vec::new();
    let mut inits = Vec::new();
    for field in &s.fields {
        let field_ident = ident(&field.ident);
        let local = ident(&format!("v_{}", field.ident));
        let key = &field.key;
        let mut base = field_type(&field.ty);
        if field.secret {
            base = quote! { Secret<#base> };
        }
        // What the value reads as, what the local holds (`None`: not given) and the field.
        let (read, init) = if field.absent_or_null {
            // `Some(None)`: written `null`.
            (quote! { Option<#base> }, quote! { #field_ident: #local })
        } else if field.optional {
            (
                quote! { Option<#base> },
                quote! { #field_ident: #local.flatten() },
            )
        } else {
            (
                base,
                quote! { #field_ident: #local.ok_or_else(|| A::Error::missing_field(#key))? },
            )
        };
        locals.push(quote! { let mut #local: Option<#read> = None; });
        arms.push(quote! { #key => read_field(&mut map, &mut #local, #key)?, });
        inits.push(init);
    }
    let unknown = quote! {
        let value = map.next_value::<Value>()?;
        extra.insert(key.into_owned(), value);
    };
    let dispatch = if arms.is_empty() {
        unknown
    } else {
        quote! {
            match &*key {
                #(#arms)*
                _ => {
                    #unknown
                }
            }
        }
    };
    let body = quote! {
        use serde::de::Error as _;
        use crate::support::read_field;
        #(#locals)*
        let mut extra = Map::new();
        while let Some(crate::support::Key(key)) = map.next_key()? {
            #dispatch
        }
        Ok(#name {
            #(#inits,)*
            extra,
        })
    };
    map_visitor_impl(&name, &expecting, &body)
}

/// A request body's `new` (its required fields) and a `with_…` per optional field. Typed
/// properties carry their connection type: a create body's `type` is set from them.
pub(crate) fn body_constructors(s: &ApiStruct) -> TokenStream {
    let name = ident(&s.name);
    let typed_create = s
        .properties_field()
        .filter(|p| matches!(p.ty, ApiType::Properties(_, PropertiesUse::Create)));
    let type_from_properties = typed_create.is_some_and(|p| !p.optional);
    let mut params = Vec::new();
    let mut lets = Vec::new();
    let mut inits = Vec::new();
    let mut withs = Vec::new();
    // For `from_properties`: `new`'s parameters but `type`, and `new`'s arguments.
    let mut typed_params = Vec::new();
    let mut typed_args = Vec::new();
    for field in &s.fields {
        let field_ident = ident(&field.ident);
        let is_type = typed_create.is_some() && field.key == "type";
        if is_type && type_from_properties {
            let properties = ident(&typed_create.map(|p| p.ident.clone()).unwrap_or_default());
            inits.push(quote! { #field_ident: #properties.connection_type().to_owned() });
            continue;
        }
        if field.ty == ApiType::Null && !field.optional {
            inits.push(quote! { #field_ident: () });
            continue;
        }
        let mut ty = field_type(&field.ty);
        if field.secret {
            ty = quote! { Secret<#ty> };
        }
        let by_into = field.secret || matches!(field.ty, ApiType::String | ApiType::Properties(..));
        let param_ty = if by_into {
            quote! { impl Into<#ty> }
        } else {
            ty.clone()
        };
        let value = if by_into {
            quote! { #field_ident.into() }
        } else {
            quote! { #field_ident }
        };
        if !field.optional {
            params.push(quote! { #field_ident: #param_ty });
            if is_type {
                typed_args.push(quote! { String::new() });
            } else {
                typed_params.push(quote! { #field_ident: #param_ty });
                typed_args.push(quote! { #field_ident });
            }
            if matches!(field.ty, ApiType::Properties(..)) {
                lets.push(quote! { let #field_ident: #ty = #value; });
                inits.push(quote! { #field_ident });
            } else if by_into {
                inits.push(quote! { #field_ident: #value });
            } else {
                inits.push(quote! { #field_ident });
            }
            continue;
        }
        inits.push(quote! { #field_ident: None });
        let with = ident(&format!("with_{}", field.ident));
        let type_field = s.fields.iter().find(|f| f.key == "type");
        let sets_type =
            type_field.is_some() && typed_create.is_some_and(|p| p.ident == field.ident);
        let doc = outer_doc(&if sets_type {
            format!("Sets `{}`, and `type` to their connection type.", field.key)
        } else {
            format!("Sets `{}`.", field.key)
        });
        let set = match type_field {
            // Typed properties set the body's `type` too.
            Some(t) if sets_type => {
                let type_ident = ident(&t.ident);
                let connection_type = if t.optional {
                    quote! { Some(#field_ident.connection_type().to_owned()) }
                } else {
                    quote! { #field_ident.connection_type().to_owned() }
                };
                quote! {
                    let #field_ident: #ty = #value;
                    self.#type_ident = #connection_type;
                    self.#field_ident = Some(#field_ident);
                }
            }
            _ if field.absent_or_null && by_into => {
                quote! { self.#field_ident = Some(#field_ident.map(Into::into)); }
            }
            _ if field.absent_or_null => quote! { self.#field_ident = Some(#field_ident); },
            _ => quote! { self.#field_ident = Some(#value); },
        };
        let param = if field.absent_or_null {
            quote! { #field_ident: Option<#param_ty> }
        } else {
            quote! { #field_ident: #param_ty }
        };
        withs.push(quote! {
            #doc
            #[must_use]
            pub fn #with(mut self, #param) -> Self {
                #set
                self
            }
        });
    }
    let new_doc = outer_doc(if type_from_properties {
        "A body of its required fields (its `type` is its properties' connection type); the \
         optional ones are left out."
    } else {
        "A body of its required fields; the optional ones are left out."
    });
    // Optional typed properties: `new` takes the type, `from_properties` takes them instead.
    let from_properties = typed_create
        .filter(|p| p.optional && s.fields.iter().any(|f| f.key == "type" && !f.optional))
        .map(|p| {
            let properties = ident(&p.ident);
            let ty = field_type(&p.ty);
            let with = ident(&format!("with_{}", p.ident));
            quote! {
                /// A body of its required fields and typed properties (its `type` is their
                /// connection type).
                pub fn from_properties(#(#typed_params,)* #properties: impl Into<#ty>) -> Self {
                    Self::new(#(#typed_args),*).#with(#properties)
                }
            }
        });
    let allow = params
        .is_empty()
        .then(|| quote! { #[allow(clippy::new_without_default)] });
    quote! {
        impl #name {
            #new_doc
            #allow
            pub fn new(#(#params),*) -> Self {
                #(#lets)*
                #name {
                    #(#inits,)*
                    extra: Map::new(),
                }
            }
            #from_properties
            #(#withs)*
        }
    }
}

/// `Deserialize` for a struct with a connection's properties, typed by its `type` (read
/// first). An update body does not say its type: deserialized, its properties stay raw, and
/// `from_json` types them by the type the caller gives.
fn by_type_deserialize(s: &ApiStruct) -> TokenStream {
    let name = ident(&s.name);
    let update = s
        .properties_field()
        .is_some_and(|p| matches!(p.ty, ApiType::Properties(_, PropertiesUse::Update)));
    let inits = s.fields.iter().map(|field| {
        let field_ident = ident(&field.ident);
        let key = &field.key;
        match &field.ty {
            ApiType::Properties(_, PropertiesUse::Update) if field.optional => {
                quote! { #field_ident: take_update(&mut map, #key, connection_type)?, }
            }
            ApiType::Properties(_, PropertiesUse::Update) => quote! {
                #field_ident: take_update(&mut map, #key, connection_type)?
                    .ok_or_else(|| E::custom(concat!("missing `", #key, "`")))?,
            },
            ApiType::Properties(..) if field.optional => {
                quote! { #field_ident: take_optional_properties(&mut map, #key, &connection_type)?, }
            }
            ApiType::Properties(_, used) => {
                // A response may leave its properties out (read as `{}`); a request may not.
                let required = *used == PropertiesUse::Create;
                quote! { #field_ident: take_properties(&mut map, #key, &connection_type, #required)?, }
            }
            _ if field.key == "type" && field.optional => {
                quote! { #field_ident: Some(connection_type.clone()), }
            }
            _ if field.key == "type" => quote! { #field_ident: connection_type.clone(), },
            _ if field.absent_or_null => quote! {
                #field_ident: map.contains_key(#key).then(|| take(&mut map, #key)).transpose()?,
            },
            _ if field.optional => quote! { #field_ident: take(&mut map, #key)?, },
            _ => quote! { #field_ident: take_required(&mut map, #key)?, },
        }
    });
    let uses = quote! {
        #[allow(unused_imports)]
        use crate::support::bodies::{
            take, take_optional_properties, take_properties, take_required, take_update,
        };
    };
    let read_body = quote! {
        Ok(#name {
            #(#inits)*
            extra: map,
        })
    };
    if update {
        quote! {
            impl #name {
                /// Reads the body of an update of a connection of `connection_type`: its
                /// properties typed (and validated) by that type's update properties.
                /// Deserializing without it keeps them raw (`TypeNotGiven`), since the body
                /// does not say its type.
                ///
                /// # Errors
                /// When the body is not an object of the documented keys, or its properties do
                /// not read as the type's update properties.
                pub fn from_json(connection_type: &str, body: Value) -> Result<Self, serde_json::Error> {
                    Self::read(Map::deserialize(body)?, Some(connection_type))
                }

                fn read<E: serde::de::Error>(
                    mut map: Map<String, Value>,
                    connection_type: Option<&str>,
                ) -> Result<Self, E> {
                    #uses
                    #read_body
                }
            }
            impl<'de> Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    Self::read(Map::deserialize(deserializer)?, None)
                }
            }
        }
    } else {
        quote! {
            impl<'de> Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    #uses
                    let mut map = Map::deserialize(deserializer)?;
                    let connection_type: String = take_required(&mut map, "type")?;
                    #read_body
                }
            }
        }
    }
}

/// For a struct with secrets: each is a `Secret` (checked by the compiler), and no example's
/// value of one shows in `Debug`.
fn secret_test(s: &ApiStruct) -> Option<TokenStream> {
    let secrets: Vec<&ApiField> = s.fields.iter().filter(|f| f.secret).collect();
    if secrets.is_empty() {
        return None;
    }
    let name = ident(&s.name);
    let test = ident(&format!(
        "{}_secrets_never_show",
        crate::normalize::names::snake(&s.name)
    ));
    let name = &name;
    let types: Vec<TokenStream> = secrets
        .iter()
        .map(|field| {
            let field_ident = ident(&field.ident);
            if field.optional {
                quote! { let _ = |value: &#name| value.#field_ident.as_ref().map(is_secret); }
            } else {
                quote! { let _ = |value: &#name| is_secret(&value.#field_ident); }
            }
        })
        .collect();
    let secrets = &secrets;
    let shown: Vec<TokenStream> = s
        .page_examples
        .iter()
        .flat_map(|example| {
            let text =
                Literal::string(&serde_json::to_string(&sorted_keys(example)).unwrap_or_default());
            secrets.iter().filter_map(move |field| {
                let secret = example.get(&field.key)?.as_str()?;
                let secret = Literal::string(secret);
                let text = text.clone();
                Some(quote! {
                    let value: #name = serde_json::from_str(#text).unwrap();
                    let shown = format!("{value:?} {value:#?}");
                    assert!(!shown.contains(#secret), "{shown}");
                })
            })
        })
        .collect();
    Some(quote! {
        #[test]
        fn #test() {
            #(#types)*
            #(#shown)*
        }
    })
}

/// `value` with every object's keys in order, so that the emitted text does not depend on the
/// order the spec writes them in.
pub(crate) fn sorted_keys(value: &serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            serde_json::Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), sorted_keys(&map[k])))
                    .collect(),
            )
        }
        serde_json::Value::Array(items) => {
            serde_json::Value::Array(items.iter().map(sorted_keys).collect())
        }
        other => other.clone(),
    }
}

/// One test per struct with page examples: each reads into the struct and writes back equal.
fn tests(api: &ApiIr) -> TokenStream {
    let tests = api
        .structs
        .iter()
        .filter(|s| !s.page_examples.is_empty())
        .map(|s| {
            let name = ident(&s.name);
            let test = ident(&format!(
                "{}_examples_read_and_write_back",
                crate::normalize::names::snake(&s.name)
            ));
            let examples = s.page_examples.iter().map(|e| {
                let text = serde_json::to_string(&sorted_keys(e)).unwrap_or_default();
                Literal::string(&text)
            });
            quote! {
                #[test]
                fn #test() {
                    #(round_trip::<#name>(#examples);)*
                }
            }
        });
    let secrets = api.structs.iter().filter_map(secret_test);
    quote! {
        #[cfg(test)]
        mod tests {
            #![allow(clippy::unwrap_used, clippy::panic)]
            use super::*;

            /// Compiles only for a `Secret`.
            #[allow(dead_code)]
            fn is_secret<T>(_: &Secret<T>) {}

            #(#secrets)*

            /// Reads `example` into `T` and writes it back: the same JSON.
            fn round_trip<T: serde::de::DeserializeOwned + Serialize + std::fmt::Debug>(example: &str) {
                let value: Value = serde_json::from_str(example).unwrap();
                let typed: T = serde_json::from_value(value.clone())
                    .unwrap_or_else(|e| panic!("{e}: {example}"));
                assert_eq!(serde_json::to_value(&typed).unwrap(), value, "{typed:?}");
            }

            #(#tests)*
        }
    }
}
