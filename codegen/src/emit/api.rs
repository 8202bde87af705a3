//! `src/api.rs`: the properties of any source or destination as one enum each (a variant per
//! typed connector, behind its feature, plus a raw variant for every other type), used by the
//! request bodies in `support/bodies.rs`.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::connector::kind_dir;
use crate::error::SpecError;
use crate::model::reference::Kind;
use crate::normalize::ir::Ir;
use crate::normalize::names;
use crate::output::OutputFile;

fn properties_enum(ir: &Ir, kind: Kind) -> TokenStream {
    let (name, what) = match kind {
        Kind::Source => ("SourceProperties", "source"),
        Kind::Destination => ("DestinationProperties", "destination"),
    };
    let name = Ident::new(name, Span::call_site());
    let dir = Ident::new(kind_dir(kind), Span::call_site());
    let mut variants = Vec::new();
    let mut type_arms = Vec::new();
    let mut from_arms = Vec::new();
    let mut serialize_arms = Vec::new();
    let mut debug_arms = Vec::new();
    let mut from_impls = Vec::new();
    for connector in ir.connectors.iter().filter(|c| c.kind == kind) {
        let Some(form) = connector
            .structs
            .iter()
            .find(|s| s.step.as_deref() == Some("form"))
        else {
            continue;
        };
        let variant = Ident::new(&names::camel(&connector.api_type), Span::call_site());
        let module = Ident::new(&connector.module, Span::call_site());
        let form = Ident::new(&form.name, Span::call_site());
        let feature = connector.feature.as_str();
        let api_type = connector.api_type.as_str();
        let doc = format!(
            " `{api_type}`: [`{}::{}::{}`](crate::{}::{}::{}).",
            kind_dir(kind),
            connector.module,
            form,
            kind_dir(kind),
            connector.module,
            form
        );
        variants.push(quote! {
            #[doc = #doc]
            #[cfg(feature = #feature)]
            #variant(crate::#dir::#module::#form)
        });
        type_arms.push(quote! {
            #[cfg(feature = #feature)]
            Self::#variant(_) => #api_type
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
            impl From<crate::#dir::#module::#form> for #name {
                fn from(properties: crate::#dir::#module::#form) -> Self {
                    Self::#variant(properties)
                }
            }
        });
    }
    let doc = format!(
        " The properties of any {what}: typed for the connectors with a module (and their\n \
         feature enabled), raw JSON for every other connection type.",
    );
    quote! {
        #[doc = #doc]
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants,)*
            /// Any other connection type (untyped, unknown, or its feature disabled): the
            /// properties as JSON, unchecked.
            Raw {
                /// The API type.
                connection_type: String,
                /// The properties object.
                properties: serde_json::Value,
            },
        }
        impl #name {
            /// The API type, e.g. `platform.recurly`.
            pub fn connection_type(&self) -> &str {
                match self {
                    #(#type_arms,)*
                    Self::Raw { connection_type, .. } => connection_type,
                }
            }
            /// The properties of `connection_type`, typed (and validated) when the type has a
            /// typed module whose feature is enabled, else kept as raw JSON.
            ///
            /// # Errors
            /// When the type is typed and the properties do not deserialize into its struct.
            pub fn from_json(
                connection_type: &str,
                properties: serde_json::Value,
            ) -> Result<Self, serde_json::Error> {
                match connection_type {
                    #(#from_arms,)*
                    _ => Ok(Self::Raw {
                        connection_type: connection_type.to_owned(),
                        properties,
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
                    Self::Raw { connection_type, properties } => {
                        let names: Vec<&String> = properties
                            .as_object()
                            .map(|map| map.keys().collect())
                            .unwrap_or_default();
                        f.debug_struct("Raw")
                            .field("connection_type", connection_type)
                            .field("property_names", &names)
                            .finish()
                    }
                }
            }
        }
        #(#from_impls)*
    }
}

/// The module of the properties enums.
pub fn api_rs(ir: &Ir) -> Result<OutputFile, SpecError> {
    let sources = properties_enum(ir, Kind::Source);
    let destinations = properties_enum(ir, Kind::Destination);
    let doc = super::inner_doc(
        "Request and response bodies of the Sources and Destinations endpoints.\n\n\
         [`SourceProperties`] and [`DestinationProperties`] hold the properties of any\n\
         connection type; the bodies ([`CreateSource`], [`Source`], ...) are hand-written in\n\
         `support/bodies.rs`.",
    );
    super::rust_file(
        "src/api.rs",
        quote! {
            #doc
            #[allow(unused_imports)]
            use serde::Serialize as _;
            pub use crate::support::bodies::*;
            #sources
            #destinations
        },
    )
}
