//! A plain-struct baseline of the generated crate, for the compile-time benchmark: the same
//! connectors and fields as plain `#[derive(Serialize, Deserialize)]` structs (`String` for
//! every validated type, no secrets, builders, validation or docs), so that the cost of what
//! the real crate adds is visible. Written by `cargo xtask baseline <dir>`; never checked in.

use super::ident;
use quote::quote;

use crate::error::SpecError;
use crate::normalize::ir::{Access, Ir, ValueType};
use crate::output::OutputFile;

fn plain_type(value: &ValueType) -> proc_macro2::TokenStream {
    match value {
        ValueType::JsonBool => quote! { bool },
        ValueType::Integer => quote! { i64 },
        ValueType::Number => quote! { f64 },
        ValueType::Json | ValueType::Nested(_) => quote! { serde_json::Value },
        ValueType::List(_) => quote! { Vec<serde_json::Value> },
        _ => quote! { String },
    }
}

/// The files of the baseline crate.
pub fn baseline(ir: &Ir) -> Result<Vec<OutputFile>, SpecError> {
    let mut modules = Vec::new();
    for connector in &ir.connectors {
        let module = ident(&connector.module);
        let structs = connector
            .structs
            .iter()
            .filter(|s| s.step.is_some())
            .map(|s| {
                let name = ident(&s.name);
                let fields = s.fields.iter().map(|f| {
                let rust = ident(&f.rust);
                let wire = f.wire.as_str();
                let ty = plain_type(&f.value);
                match f.access {
                    Access::Required => quote! { #[serde(rename = #wire)] pub #rust: #ty },
                    _ => quote! {
                        #[serde(rename = #wire, default, skip_serializing_if = "Option::is_none")]
                        pub #rust: Option<#ty>
                    },
                }
            });
                quote! {
                    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
                    pub struct #name { #(#fields,)* }
                }
            });
        modules.push(quote! {
            pub mod #module { #(#structs)* }
        });
    }
    let lib = super::rust_file(
        "src/lib.rs",
        quote! {
            #![allow(missing_docs, clippy::all)]
            #(#modules)*
        },
    )?;
    let cargo = OutputFile {
        path: "Cargo.toml".into(),
        contents: "[package]\nname = \"stitch-baseline\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n\n[workspace]\n".to_owned(),
    };
    Ok(vec![cargo, lib])
}
