//! `src/api.rs`: the properties of any source or destination as one enum each, for creates
//! (the form struct) and for updates (the update struct): a variant per typed connector,
//! behind its feature, plus a raw variant for every other type. The bodies and objects of
//! `objects.rs` carry them.

use super::ident;
use proc_macro2::TokenStream;
use quote::quote;

use super::connector::kind_dir;
use super::docs::feature_gate;
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
    Response,
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
            Request::Response => connector.response.as_ref(),
        }
    }

    fn enum_name(self, kind: Kind) -> &'static str {
        match (self, kind) {
            (Request::Create, Kind::Source) => "SourceProperties",
            (Request::Create, Kind::Destination) => "DestinationProperties",
            (Request::Update, Kind::Source) => "SourceUpdateProperties",
            (Request::Update, Kind::Destination) => "DestinationUpdateProperties",
            (Request::Response, Kind::Source) => "SourceResponseProperties",
            (Request::Response, Kind::Destination) => "DestinationResponseProperties",
        }
    }
}

fn properties_enum(ir: &Ir, kind: Kind, request: Request) -> TokenStream {
    let what = match kind {
        Kind::Source => "source",
        Kind::Destination => "destination",
    };
    let name = ident(request.enum_name(kind));
    let dir = ident(kind_dir(kind));
    let mut variants = Vec::new();
    let mut type_arms = Vec::new();
    let mut from_arms = Vec::new();
    let mut serialize_arms = Vec::new();
    let mut debug_arms = Vec::new();
    let mut from_impls = Vec::new();
    let mut schema_arms = Vec::new();
    let mut unexpected_arms = Vec::new();
    for connector in ir.connectors.iter().filter(|c| c.kind == kind) {
        let Some(held) = request.struct_of(connector) else {
            continue;
        };
        let variant = ident(&names::camel(&connector.api_type));
        let module = ident(&connector.module);
        let held = ident(&held.name);
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
        let gate = feature_gate(&[feature]);
        variants.push(quote! {
            #[doc = #doc]
            #gate
            #variant(crate::#dir::#module::#held)
        });
        type_arms.push(match request {
            Request::Create | Request::Response => quote! {
                #[cfg(feature = #feature)]
                Self::#variant(_) => #api_type
            },
            Request::Update => quote! {
                #[cfg(feature = #feature)]
                Self::#variant(_) => Some(#api_type)
            },
        });
        // Requests refuse unknown properties unless asked to keep them; responses keep them.
        let read = match request {
            Request::Response => quote! { serde_json::from_value(properties) },
            Request::Create | Request::Update => quote! {
                if keep_unknown {
                    crate::#dir::#module::#held::deserialize_keeping_unknown(properties)
                } else {
                    serde_json::from_value(properties)
                }
            },
        };
        from_arms.push(quote! {
            #[cfg(feature = #feature)]
            #api_type => #read
                .map(Self::#variant)
                .map_err(|error| crate::support::PropertiesError::invalid(connection_type, error))
        });
        unexpected_arms.push(quote! {
            #[cfg(feature = #feature)]
            Self::#variant(properties) => Some(properties.unexpected_properties())
        });
        schema_arms.push(quote! {
            #[cfg(feature = #feature)]
            #api_type => Some(schemars::schema_for!(crate::#dir::#module::#held))
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
            #gate
            impl From<crate::#dir::#module::#held> for #name {
                fn from(properties: crate::#dir::#module::#held) -> Self {
                    Self::#variant(properties)
                }
            }
        });
    }
    // Every documented type of this kind, sorted, and whether it has a typed variant.
    let known = ir
        .catalog
        .iter()
        .filter(|entry| entry.kind == kind)
        .map(|entry| {
            let api_type = entry.api_type.as_str();
            let typed = ir
                .connectors
                .iter()
                .any(|c| c.api_type == entry.api_type && request.struct_of(c).is_some());
            quote! { (#api_type, #typed) }
        });
    let (expected, other_kind) = match kind {
        Kind::Source => ("source", "destination"),
        Kind::Destination => ("destination", "source"),
    };
    let other = ident(request.enum_name(match kind {
        Kind::Source => Kind::Destination,
        Kind::Destination => Kind::Source,
    }));
    let doc = match request {
        Request::Create => format!(
            " The properties of a create of any {what}: typed for the connectors with a module\n \
             (and their feature enabled), raw JSON for the other documented types."
        ),
        Request::Update => format!(
            " The properties of an update of any {what} (`PUT`): any subset of the settable\n \
             properties, typed for the connectors with a module (and their feature enabled), raw\n \
             JSON for the other documented types and for a body read without its type."
        ),
        Request::Response => format!(
            " The properties of a {what} object as the API returns them: typed for the connectors\n \
             with a module (and their feature enabled), raw JSON for the other types, including\n \
             types the crate has never heard of (a response is never refused for its type)."
        ),
    };
    let (type_ret, not_given_variant, not_given_type, not_given_arms) = match request {
        Request::Create => (quote! { &str }, quote! {}, quote! {}, quote! {}),
        Request::Response => (
            quote! { &str },
            quote! {
                /// A type the crate has never heard of (newer than the crate, or of the other
                /// kind): kept as the API sent it; `Debug` shows the property names only.
                Unknown {
                    /// The API type.
                    connection_type: String,
                    /// The properties object.
                    properties: crate::RawProperties,
                },
            },
            quote! { Self::Unknown { connection_type, .. } => connection_type, },
            quote! {
                Self::Unknown { connection_type, properties } => f
                    .debug_struct("Unknown")
                    .field("connection_type", connection_type)
                    .field("properties", properties)
                    .finish(),
            },
        ),
        Request::Update => (
            quote! { Option<&str> },
            quote! {
                /// Properties read from a `PUT` body alone, which does not say its type:
                /// unchecked. Read the body with its type (`UpdateSource::from_json`) to type them.
                TypeNotGiven {
                    /// The properties object.
                    properties: crate::RawProperties,
                },
            },
            quote! { Self::TypeNotGiven { .. } => None, },
            quote! {
                Self::TypeNotGiven { properties } => f
                    .debug_struct("TypeNotGiven")
                    .field("properties", properties)
                    .finish(),
            },
        ),
    };
    let raw_type_arm = match request {
        Request::Create | Request::Response => quote! {
            Self::Untyped { connection_type, .. } | Self::FeatureDisabled { connection_type, .. } => connection_type,
        },
        Request::Update => quote! {
            Self::Untyped { connection_type, .. } | Self::FeatureDisabled { connection_type, .. } => Some(connection_type),
        },
    };
    let serialize_not_given = match request {
        Request::Create => quote! {},
        Request::Response => {
            quote! { Self::Unknown { properties, .. } => properties.serialize(serializer), }
        }
        Request::Update => {
            quote! { Self::TypeNotGiven { properties } => properties.serialize(serializer), }
        }
    };
    let keep_unknown = request == Request::Response;
    let keeping_fn = match request {
        Request::Response => quote! {},
        Request::Create | Request::Update => quote! {
            /// As [`from_json`](Self::from_json), but properties the crate does not know are
            /// kept in the typed struct's `extra_properties` (and sent back) instead of
            /// refused: for bodies newer than the crate's spec.
            ///
            /// # Errors
            /// As [`from_json`](Self::from_json), unknown properties aside.
            pub fn from_json_keeping_unknown(
                connection_type: &str,
                properties: serde_json::Value,
            ) -> Result<Self, crate::support::PropertiesError> {
                Self::read(connection_type, properties, true)
            }
        },
    };
    let unexpected_fn = if keep_unknown {
        quote! {
            /// The properties whose value their type did not take (kept as they came), when
            /// the properties are typed.
            pub fn unexpected_properties(&self) -> Option<&crate::RawProperties> {
                match self {
                    #(#unexpected_arms,)*
                    _ => None,
                }
            }
        }
    } else {
        quote! {}
    };
    let unknown_arm = if keep_unknown {
        quote! {
            crate::support::Untyped::Unknown(properties) => Self::Unknown {
                connection_type: connection_type.to_owned(),
                properties,
            },
        }
    } else {
        quote! {
            crate::support::Untyped::Unknown(properties) => Self::Untyped {
                connection_type: connection_type.to_owned(),
                properties,
            },
        }
    };
    quote! {
        #[doc = #doc]
        ///
        /// Reading properties never falls back silently: a type nobody documents is an
        /// error that suggests the closest ones, a type of the other kind is an error, and the
        /// raw variants say why they are raw.
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants,)*
            /// A documented type whose properties the crate does not type (none are
            /// documented), or one newer than the crate, built by hand: unchecked; `Debug`
            /// shows the property names only.
            Untyped {
                /// The API type.
                connection_type: String,
                /// The properties object.
                properties: crate::RawProperties,
            },
            /// A type the crate types, read while its Cargo feature is disabled: unchecked;
            /// `Debug` shows the property names only. Enable the feature named after the type
            /// to type it.
            FeatureDisabled {
                /// The API type.
                connection_type: String,
                /// The properties object.
                properties: crate::RawProperties,
            },
            #not_given_variant
        }
        impl #name {
            /// Every documented type of this kind, sorted, and whether it has a typed variant.
            const KNOWN: &'static [(&'static str, bool)] = &[#(#known),*];
            /// The API type, e.g. `platform.recurly`.
            pub fn connection_type(&self) -> #type_ret {
                match self {
                    #(#type_arms,)*
                    #raw_type_arm
                    #not_given_type
                }
            }
            #unexpected_fn
            /// The JSON Schema of the typed properties of `connection_type`, ready to drive a
            /// form: titles, descriptions and examples from the reference, `enum` for choices,
            /// `writeOnly` credentials, no unknown properties; it accepts what
            /// `validate_properties` accepts. `None` when the type has no typed variant (or its
            /// feature is off).
            pub fn json_schema(connection_type: &str) -> Option<schemars::Schema> {
                match connection_type {
                    #(#schema_arms,)*
                    _ => None,
                }
            }
            /// The properties of `connection_type`: typed (and validated) when the type has a
            /// typed module whose feature is enabled, else kept as raw JSON in the variant that
            /// says why.
            ///
            /// # Errors
            /// [`PropertiesError`]: the type is not documented
            /// (with the closest known types), is of the other kind, the properties are not an
            /// object, or they do not deserialize into the type's struct.
            pub fn from_json(
                connection_type: &str,
                properties: serde_json::Value,
            ) -> Result<Self, crate::support::PropertiesError> {
                Self::read(connection_type, properties, false)
            }
            #keeping_fn
            #[allow(unused_variables)]
            fn read(
                connection_type: &str,
                properties: serde_json::Value,
                keep_unknown: bool,
            ) -> Result<Self, crate::support::PropertiesError> {
                match connection_type {
                    #(#from_arms,)*
                    _ => Ok(
                        match crate::support::untyped(
                            connection_type,
                            properties,
                            Self::KNOWN,
                            #other::KNOWN,
                            #expected,
                            #other_kind,
                            #keep_unknown,
                        )? {
                            crate::support::Untyped::FeatureDisabled(properties) => Self::FeatureDisabled {
                                connection_type: connection_type.to_owned(),
                                properties,
                            },
                            crate::support::Untyped::Untyped(properties) => Self::Untyped {
                                connection_type: connection_type.to_owned(),
                                properties,
                            },
                            #unknown_arm
                        },
                    ),
                }
            }
        }
        /// Serializes the properties object alone.
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#serialize_arms,)*
                    Self::Untyped { properties, .. } | Self::FeatureDisabled { properties, .. } => {
                        properties.serialize(serializer)
                    }
                    #serialize_not_given
                }
            }
        }
        /// Typed properties print as their struct (secrets redacted); raw ones print their
        /// property names only, since any of them may be a secret.
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    #(#debug_arms,)*
                    Self::Untyped { connection_type, properties } => f
                        .debug_struct("Untyped")
                        .field("connection_type", connection_type)
                        .field("properties", properties)
                        .finish(),
                    Self::FeatureDisabled { connection_type, properties } => f
                        .debug_struct("FeatureDisabled")
                        .field("connection_type", connection_type)
                        .field("properties", properties)
                        .finish(),
                    #not_given_arms
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
            [Request::Create, Request::Update, Request::Response]
                .into_iter()
                .map(move |request| properties_enum(ir, kind, request))
        });
    let doc = super::inner_doc(
        "Request and response bodies of the Sources and Destinations endpoints.\n\n\
         [`SourceProperties`] and [`DestinationProperties`] hold the properties of a create of\n\
         any connection type, [`SourceUpdateProperties`] and [`DestinationUpdateProperties`]\n\
         those of an update, [`SourceResponseProperties`] and [`DestinationResponseProperties`]\n\
         those the API returns. The bodies and objects that hold them (`CreateSourceBody`,\n\
         `UpdateSourceBody`, `Source`, `Destination`, ...) are in the `objects` module, generated\n\
         from the API reference.",
    );
    super::rust_file(
        "src/api.rs",
        quote! {
            #doc
            // The enums hold every connector's types, deprecated ones too: the user who names a
            // deprecated connector's module is warned, not the enums that list it.
            #![allow(deprecated)]
            #[allow(unused_imports)]
            use serde::Serialize as _;
            pub use crate::support::PropertiesError;
            #(#enums)*
        },
    )
}
