//! Doc comments and feature gates as tokens.

use proc_macro2::TokenStream;
use quote::quote;

/// `///` lines: one `#[doc]` attribute per line, so prettyplease prints line comments.
pub fn outer_doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote! { #[doc = #line] }
    });
    quote! { #(#lines)* }
}

/// The condition "one of these features", or `None` for no feature (always compiled).
fn features_condition(features: &[&str]) -> Option<TokenStream> {
    match features {
        [] => None,
        [one] => Some(quote! { feature = #one }),
        many => Some(quote! { any(#(feature = #many),*) }),
    }
}

/// `#[cfg(any(feature = ...))]` for the features that need a private item; nothing when the
/// list is empty (the item is then always compiled).
pub fn cfg_gate(features: &[&str]) -> TokenStream {
    features_condition(features)
        .map(|condition| quote! { #[cfg(#condition)] })
        .unwrap_or_default()
}

/// [`cfg_gate`] for a public item, with the same condition shown in the docs of a docs.rs
/// build (`doc(cfg)`).
pub fn feature_gate(features: &[&str]) -> TokenStream {
    features_condition(features)
        .map(|condition| {
            quote! {
                #[cfg(#condition)]
                #[cfg_attr(docsrs, doc(cfg(#condition)))]
            }
        })
        .unwrap_or_default()
}

/// Escapes plain text for Markdown inside doc comments: brackets would become intra-doc links.
pub fn prose(text: &str) -> String {
    super::doc_text::plain(text)
}

/// A connector's documented prose for a doc comment: a connector page's Markdown made safe for
/// rustdoc, or the reference's plain text escaped.
pub fn documented(text: &str, markdown: bool) -> String {
    if markdown {
        super::doc_text::page(text)
    } else {
        prose(text)
    }
}
