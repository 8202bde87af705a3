//! `src/js_client.rs`: the JavaScript client's functions ([`JsFunctionIr`](crate::normalize::api_ir::JsFunctionIr)) as their option
//! structs (generated with the objects) implementing the hand-written `JsFunction` trait, and
//! its error codes as an enum that keeps unknown codes (`FromStr`).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::api_objects::sorted_keys;
use super::docs::{documented, outer_doc};
use super::{ident, inner_doc, rust_file};
use crate::error::SpecError;
use crate::normalize::api_ir::ApiIr;
use crate::output::OutputFile;

/// The file, relative to `generated/`.
pub const JS_CLIENT_FILE: &str = "src/js_client.rs";

/// `src/js_client.rs`.
///
/// # Errors
/// Emitted code that does not parse (a generator bug).
pub fn js_client_rs(api: &ApiIr) -> Result<OutputFile, SpecError> {
    let module_doc = inner_doc(&format!(
        "The JavaScript client (Stitch.js), from the server side: the options of its {} \
         functions, typed ([`JsFunction`] names the function and writes the call), and its \
         error codes ([`JsErrorCode`]). Generated from the client's reference (`spec/api/js`).",
        api.js_functions.len()
    ));
    let functions = api.js_functions.iter().map(|f| {
        let options = ident(&f.options);
        let name = &f.function;
        quote! {
            impl JsFunction for #options {
                const NAME: &'static str = #name;
            }
        }
    });
    let reexports = api.js_functions.iter().map(|f| {
        let options = ident(&f.options);
        let doc = outer_doc(&format!(
            "The options of `Stitch.{}` ({}): {}",
            f.function,
            f.title,
            documented(&f.doc, true)
        ));
        quote! { #doc pub use crate::objects::#options; }
    });
    let codes = api.js_errors.iter().map(|value| {
        let variant = ident(&value.variant);
        let wire = &value.wire;
        let doc = outer_doc(&documented(&value.doc, true));
        quote! { #doc #variant => #wire, }
    });
    let tests = js_tests(api);
    let tokens = quote! {
        #module_doc
        #![allow(clippy::doc_markdown)]
        pub use crate::support::js_client::JsFunction;
        #(#reexports)*
        #(#functions)*
        crate::support::api_types::string_enum! {
            /// The error codes Stitch.js rejects its promise with.
            JsErrorCode {
                #(#codes)*
            }
        }
        #tests
    };
    rust_file(JS_CLIENT_FILE, tokens)
}

fn js_tests(api: &ApiIr) -> TokenStream {
    // Each documented call: its options read into the struct, and the call written back is
    // the documented one (`Stitch.addSource({...})`, the same JSON).
    let calls = api.js_functions.iter().flat_map(|f| {
        let options = ident(&f.options);
        let prefix = format!("Stitch.{}(", f.function);
        let examples = api
            .structs
            .iter()
            .find(|s| s.name == f.options)
            .map(|s| s.page_examples.clone())
            .unwrap_or_default();
        examples.into_iter().map(move |example| {
            let text =
                Literal::string(&serde_json::to_string(&sorted_keys(&example)).unwrap_or_default());
            let prefix = prefix.clone();
            quote! {
                let options: #options = serde_json::from_str(#text).unwrap();
                let call = options.call();
                let json = call.strip_prefix(#prefix).and_then(|c| c.strip_suffix(')')).unwrap();
                assert_eq!(
                    serde_json::from_str::<serde_json::Value>(json).unwrap(),
                    serde_json::from_str::<serde_json::Value>(#text).unwrap()
                );
            }
        })
    });
    let codes = api.js_errors.iter().map(|value| {
        let variant = ident(&value.variant);
        let wire = &value.wire;
        quote! { assert_eq!(#wire.parse::<JsErrorCode>().unwrap(), JsErrorCode::#variant); }
    });
    quote! {
        #[cfg(test)]
        mod tests {
            #![allow(clippy::unwrap_used)]
            use super::*;

            #[test]
            fn functions_and_error_codes() {
                #(#calls)*
                #(#codes)*
                assert!(matches!("SomethingNew".parse::<JsErrorCode>().unwrap(), JsErrorCode::Unknown(_)));
            }
        }
    }
}
