//! `src/api.rs`: the properties of any source or destination as one enum each, for creates
//! (the form struct) and for updates (the update struct): a variant per typed connector,
//! behind its feature, plus a raw variant for every other type. The request bodies in
//! `support/bodies.rs` carry them.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::connector::kind_dir;
use crate::error::SpecError;
use crate::model::reference::Kind;
use crate::normalize::ir::{Connector, Ir, Struct};
use crate::normalize::names;
use crate::output::OutputFile;

/// Which request an enum is for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Request {
    Create,
    Update,
}

impl Request {
    /// The struct of `connector` that the enum's variant holds.
    fn struct_of(self, connector: &Connector) -> Option<&Struct> {
        match self {
            Request::Create => connector
                .structs
                .iter()
                .find(|s| s.step.as_deref() == Some("form")),
            Request::Update => connector.update.as_ref(),
        }
    }

    fn enum_name(self, kind: Kind) -> &'static str {
        match (self, kind) {
            (Request::Create, Kind::Source) => "SourceProperties",
            (Request::Create, Kind::Destination) => "DestinationProperties",
            (Request::Update, Kind::Source) => "SourceUpdateProperties",
            (Request::Update, Kind::Destination) => "DestinationUpdateProperties",
        }
    }
}

fn properties_enum(ir: &Ir, kind: Kind, request: Request) -> TokenStream {
    let what = match kind {
        Kind::Source => "source",
        Kind::Destination => "destination",
    };
    let name = Ident::new(request.enum_name(kind), Span::call_site());
    let dir = Ident::new(kind_dir(kind), Span::call_site());
    let mut variants = Vec::new();
    let mut type_arms = Vec::new();
    let mut from_arms = Vec::new();
    let mut serialize_arms = Vec::new();
    let mut debug_arms = Vec::new();
    let mut from_impls = Vec::new();
    for connector in ir.connectors.iter().filter(|c| c.kind == kind) {
        let Some(held) = request.struct_of(connector) else {
            continue;
        };
        let variant = Ident::new(&names::camel(&connector.api_type), Span::call_site());
        let module = Ident::new(&connector.module, Span::call_site());
        let held = Ident::new(&held.name, Span::call_site());
        let feature = connector.feature.as_str();
        let api_type = connector.api_type.as_str();
        let doc = format!(
            " `{api_type}`: [`{}::{}::{}`](crate::{}::{}::{}).",
            kind_dir(kind),
            connector.module,
            held,
            kind_dir(kind),
            connector.module,
            held
        );
        variants.push(quote! {
            #[doc = #doc]
            #[cfg(feature = #feature)]
            #variant(crate::#dir::#module::#held)
        });
        type_arms.push(match request {
            Request::Create => quote! {
                #[cfg(feature = #feature)]
                Self::#variant(_) => #api_type
            },
            Request::Update => quote! {
                #[cfg(feature = #feature)]
                Self::#variant(_) => Some(#api_type)
            },
        });
        from_arms.push(quote! {
            #[cfg(feature = #feature)]
            #api_type => serde_json::from_value(properties).map(Self::#variant)
        });
        serialize_arms.push(quote! {
            #[cfg(feature = #feature)]
            Self::#variant(properties) => properties.serialize(serializer)
        });
        debug_arms.push(quote! {
            #[cfg(feature = #feature)]
            Self::#variant(properties) => f.debug_tuple(#api_type).field(properties).finish()
        });
        from_impls.push(quote! {
            #[cfg(feature = #feature)]
            impl From<crate::#dir::#module::#held> for #name {
                fn from(properties: crate::#dir::#module::#held) -> Self {
                    Self::#variant(properties)
                }
            }
        });
    }
    let (doc, raw_type, raw_doc, type_doc, type_ret, raw_type_arm, raw_new) = match request {
        Request::Create => (
            format!(
                " The properties of any {what}: typed for the connectors with a module (and their\n \
                 feature enabled), raw JSON for every other connection type."
            ),
            quote! { String },
            " The API type.",
            " The API type, e.g. `platform.recurly`.",
            quote! { &str },
            quote! { Self::Raw { connection_type, .. } => connection_type },
            quote! { connection_type.to_owned() },
        ),
        Request::Update => (
            format!(
                " The properties of an update of any {what} (`PUT`): any subset of the settable\n \
                 properties, typed for the connectors with a module (and their feature enabled),\n \
                 raw JSON for every other connection type."
            ),
            quote! { Option<String> },
            " The API type, when known: a `PUT` body does not carry it.",
            " The API type, e.g. `platform.recurly`, when known: a `PUT` body does not carry it.",
            quote! { Option<&str> },
            quote! { Self::Raw { connection_type, .. } => connection_type.as_deref() },
            quote! { Some(connection_type.to_owned()) },
        ),
    };
    quote! {
        #[doc = #doc]
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants,)*
            /// Any other connection type (untyped, unknown, or its feature disabled): the
            /// properties as JSON, unchecked; `Debug` shows their names only.
            Raw {
                #[doc = #raw_doc]
                connection_type: #raw_type,
                /// The properties object.
                properties: crate::RawProperties,
            },
        }
        impl #name {
            #[doc = #type_doc]
            pub fn connection_type(&self) -> #type_ret {
                match self {
                    #(#type_arms,)*
                    #raw_type_arm,
                }
            }
            /// The properties of `connection_type`, typed (and validated) when the type has a
            /// typed module whose feature is enabled, else kept as raw JSON.
            ///
            /// # Errors
            /// When the properties are not a JSON object, or the type is typed and the
            /// properties do not deserialize into its struct.
            pub fn from_json(
                connection_type: &str,
                properties: serde_json::Value,
            ) -> Result<Self, serde_json::Error> {
                match connection_type {
                    #(#from_arms,)*
                    _ => Ok(Self::Raw {
                        connection_type: #raw_new,
                        properties: serde_json::from_value(properties)?,
                    }),
                }
            }
        }
        /// Serializes the properties object alone.
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#serialize_arms,)*
                    Self::Raw { properties, .. } => properties.serialize(serializer),
                }
            }
        }
        /// Typed properties print as their struct (secrets redacted); raw ones print their
        /// property names only, since any of them may be a secret.
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    #(#debug_arms,)*
                    Self::Raw { connection_type, properties } => f
                        .debug_struct("Raw")
                        .field("connection_type", connection_type)
                        .field("properties", properties)
                        .finish(),
                }
            }
        }
        #(#from_impls)*
    }
}

/// The module of the properties enums.
pub fn api_rs(ir: &Ir) -> Result<OutputFile, SpecError> {
    let enums = [Kind::Source, Kind::Destination]
        .into_iter()
        .flat_map(|kind| {
            [Request::Create, Request::Update]
                .into_iter()
                .map(move |request| properties_enum(ir, kind, request))
        });
    let doc = super::inner_doc(
        "Request and response bodies of the Sources and Destinations endpoints.\n\n\
         [`SourceProperties`] and [`DestinationProperties`] hold the properties of a create of\n\
         any connection type, [`SourceUpdateProperties`] and [`DestinationUpdateProperties`]\n\
         those of an update; the bodies ([`CreateSource`], [`UpdateSource`], [`Source`], ...)\n\
         are hand-written in `support/bodies.rs`.",
    );
    super::rust_file(
        "src/api.rs",
        quote! {
            #doc
            #[allow(unused_imports)]
            use serde::Serialize as _;
            pub use crate::support::bodies::*;
            #(#enums)*
        },
    )
}
