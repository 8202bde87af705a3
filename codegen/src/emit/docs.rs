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

/// `#[cfg(any(feature = ...))]` for the features that need an item; nothing when every
/// feature list is empty (the item is then always compiled).
pub fn feature_gate(features: &[&str]) -> TokenStream {
    match features {
        [] => quote! {},
        [one] => quote! { #[cfg(feature = #one)] },
        many => quote! { #[cfg(any(#(feature = #many),*))] },
    }
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
