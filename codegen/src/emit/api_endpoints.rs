//! `src/endpoints.rs`: one type per endpoint of the Connect API ([`ApiEndpointIr`]), carrying
//! its path parameters, page and body, implementing the hand-written sans-IO `Endpoint`
//! trait (`support/endpoint.rs`): method, path, body bytes, success status, access token,
//! rate limit, and the reading of a response into its type or an `ApiError`. Tests read every
//! documented response example and error body, and build every documented request path.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::api_objects::{field_type, sorted_keys};
use super::docs::{documented, outer_doc};
use super::{ident, inner_doc, rust_file};
use crate::error::SpecError;
use crate::normalize::api_ir::{ApiEndpointIr, ApiIr, ApiResponse, ApiType};
use crate::normalize::names::snake;
use crate::output::OutputFile;

/// The file, relative to `generated/`.
pub const ENDPOINTS_FILE: &str = "src/endpoints.rs";

/// `src/endpoints.rs`.
///
/// # Errors
/// Emitted code that does not parse (a generator bug).
pub fn endpoints_rs(api: &ApiIr) -> Result<OutputFile, SpecError> {
    let module_doc = inner_doc(&format!(
        "The Connect API's {} endpoints, generated from the API reference (`spec/api/`): a \
         value of each type is one request, as data. [`Endpoint`] says its method, path, body, \
         success status, whether it sends the access token and the rate limit it counts \
         against, and reads a response (status and bytes) into its type or an [`ApiError`]. No \
         HTTP client is needed: send the request with any, and hand the response back.\n\n\
         The endpoints whose lists come in pages ([`Page`]) implement [`Paginated`]: \
         `next_request` builds the request for the page after one.",
        api.endpoints.len()
    ));
    let items = api.endpoints.iter().map(endpoint_item);
    let tests = tests(api);
    let tokens = quote! {
        #module_doc
        #![allow(clippy::doc_markdown)]
        pub use crate::support::endpoint::{
            ApiError, ApiErrorKind, Endpoint, HttpResponse, Method, NoContent, Page, PageLinks,
            Paginated, RateLimit, Redirect,
        };
        #[cfg(feature = "http")]
        pub use crate::support::http::{BASE_URL, HttpEndpoint};
        #[allow(unused_imports)]
        use crate::objects::*;
        use crate::support::endpoint::{encode_segment, parse_json, parse_redirect};
        #(#items)*
        #tests
    };
    rust_file(ENDPOINTS_FILE, tokens)
}

fn method(name: &str) -> TokenStream {
    match name {
        "GET" => quote! { Method::Get },
        "POST" => quote! { Method::Post },
        "PUT" => quote! { Method::Put },
        _ => quote! { Method::Delete },
    }
}

fn body_type(body: &str) -> TokenStream {
    let name = ident(body);
    quote! { crate::objects::#name }
}

pub(crate) fn response_type(response: &ApiResponse) -> TokenStream {
    match response {
        ApiResponse::Json(ty) => field_type(ty),
        ApiResponse::Page(ty) => {
            let ty = field_type(ty);
            quote! { Page<#ty> }
        }
        ApiResponse::Empty => quote! { NoContent },
        ApiResponse::Redirect => quote! { Redirect },
    }
}

fn endpoint_doc(e: &ApiEndpointIr) -> String {
    let mut text = format!("{}: `{} {}`.", e.title, e.method, e.path);
    if !e.doc.is_empty() {
        text.push_str("\n\n");
        text.push_str(&documented(&e.doc, true));
    }
    if let Some(limit) = &e.rate_limit {
        text.push_str(&format!(
            "\n\nRate limited (`{}`): {} requests per {} seconds per client account, with the \
             other endpoints of its class.",
            limit.class, limit.requests, limit.window_seconds
        ));
    }
    if !e.access_token {
        text.push_str("\n\nSent without the API access token.");
    }
    if !e.errors.is_empty() {
        text.push_str("\n\nDocumented errors:");
        for error in &e.errors {
            text.push_str(&format!(
                "\n- {}: {}",
                error.status,
                documented(&error.condition, true).replace('\n', " ")
            ));
        }
    }
    text
}

fn endpoint_item(e: &ApiEndpointIr) -> TokenStream {
    let name = ident(&e.name);
    let doc = outer_doc(&endpoint_doc(e));
    let mut fields = Vec::new();
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for param in &e.params {
        let field = ident(&param.ident);
        let ty = field_type(&param.ty);
        let text = if param.doc.is_empty() {
            format!("`{{{}}}` of the path.", param.key)
        } else {
            format!("`{{{}}}`: {}", param.key, documented(&param.doc, true))
        };
        let doc = outer_doc(&text);
        fields.push(quote! { #doc pub #field: #ty, });
        args.push(quote! { #field: #ty });
        inits.push(quote! { #field });
    }
    if e.page_query {
        fields.push(quote! {
            /// The page to read (`?page=`), from 1; the first when `None`.
            pub page: Option<u32>,
        });
        inits.push(quote! { page: None });
    }
    if let Some(body) = &e.body {
        let ty = body_type(body);
        fields.push(quote! {
            /// The body.
            pub body: #ty,
        });
        args.push(quote! { body: #ty });
        inits.push(quote! { body });
    }
    let method = method(&e.method);
    let success = Literal::u16_unsuffixed(e.success_status);
    let access_token = e.access_token;
    let title = &e.title;
    let rate_limit = match &e.rate_limit {
        Some(limit) => {
            let class = &limit.class;
            let requests = Literal::u32_unsuffixed(limit.requests);
            let window = Literal::u32_unsuffixed(limit.window_seconds);
            quote! { Some(RateLimit { class: #class, requests: #requests, window_seconds: #window }) }
        }
        None => quote! { None },
    };
    // The path: each `{name}` a percent-encoded parameter.
    let mut template = String::new();
    let mut values = Vec::new();
    let mut rest = e.path.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        template.push_str(&rest[..open].replace('{', "{{").replace('}', "}}"));
        template.push_str("{}");
        let key = &rest[open + 1..open + close];
        let field = ident(&snake(key));
        values.push(quote! { encode_segment(&self.#field.to_string()) });
        rest = &rest[open + close + 1..];
    }
    template.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    let path_expr = if values.is_empty() {
        quote! { String::from(#template) }
    } else {
        quote! { format!(#template, #(#values),*) }
    };
    let path_body = if e.page_query {
        quote! {
            let path = #path_expr;
            match self.page {
                Some(page) => format!("{path}?page={page}"),
                None => path,
            }
        }
    } else {
        path_expr
    };
    let body = match &e.body {
        // Serializing the crate's bodies cannot fail: their maps have string keys.
        Some(_) => quote! { Some(serde_json::to_vec(&self.body).unwrap_or_default()) },
        None => quote! { None },
    };
    let response = response_type(&e.response);
    let parse = match &e.response {
        ApiResponse::Redirect => quote! { parse_redirect(Self::SUCCESS_STATUS, response) },
        _ => quote! { parse_json(Self::SUCCESS_STATUS, response) },
    };
    let paginated = e.page_query.then(|| {
        quote! {
            impl Paginated for #name {
                fn with_page(&self, page: u32) -> Self {
                    #name { page: Some(page), ..self.clone() }
                }
            }
        }
    });
    let derives = quote! { #[derive(Debug, Clone, PartialEq)] };
    quote! {
        #doc
        #derives
        pub struct #name {
            #(#fields)*
        }
        impl #name {
            /// The request, of its path parameters and body.
            #[allow(clippy::new_without_default)]
            pub fn new(#(#args),*) -> Self {
                #name { #(#inits),* }
            }
        }
        impl Endpoint for #name {
            type Response = #response;
            const METHOD: Method = #method;
            const SUCCESS_STATUS: u16 = #success;
            const ACCESS_TOKEN: bool = #access_token;
            const RATE_LIMIT: Option<RateLimit> = #rate_limit;
            const TITLE: &'static str = #title;

            fn path(&self) -> String {
                #path_body
            }

            fn body(&self) -> Option<Vec<u8>> {
                #body
            }

            fn parse_response(response: HttpResponse<'_>) -> Result<Self::Response, ApiError> {
                #parse
            }
        }
        #paginated
    }
}

/// Tests: each documented response reads (and, for JSON, writes back equal); each documented
/// error body is an `ApiError` of a documented shape; each documented request path is what
/// `path()` builds (for endpoints without a body).
fn tests(api: &ApiIr) -> TokenStream {
    let tests = api.endpoints.iter().map(|e| {
        let name = ident(&e.name);
        let test = ident(&format!("{}_reads_its_documented_responses", snake(&e.name)));
        let success = Literal::u16_unsuffixed(e.success_status);
        let responses = e.response_examples.iter().map(|example| {
            let text = Literal::string(&serde_json::to_string(&sorted_keys(example)).unwrap_or_default());
            if example.get("error").is_some() && example.as_object().is_some_and(|m| m.len() == 1) {
                // An error body under the success status.
                quote! {
                    let error = #name::parse_response(HttpResponse::new(#success, #text.as_bytes())).unwrap_err();
                    assert!(!matches!(error.kind(), ApiErrorKind::Unexpected(_)), "{error}");
                }
            } else if matches!(e.response, ApiResponse::Empty) {
                quote! {
                    #name::parse_response(HttpResponse::new(#success, #text.as_bytes())).unwrap();
                }
            } else {
                quote! {
                    let read = #name::parse_response(HttpResponse::new(#success, #text.as_bytes()))
                        .unwrap_or_else(|e| panic!("{e}"));
                    let expected: serde_json::Value = serde_json::from_str(#text).unwrap();
                    assert_eq!(serde_json::to_value(&read).unwrap(), expected);
                }
            }
        });
        let errors = e.errors.iter().filter_map(|error| {
            let body = error.body.as_ref()?;
            let status = Literal::u16_unsuffixed(error.status);
            let text = Literal::string(body);
            Some(quote! {
                let error = #name::parse_response(HttpResponse::new(#status, #text.as_bytes())).unwrap_err();
                assert_eq!(error.status(), #status);
                assert!(!matches!(error.kind(), ApiErrorKind::Unexpected(_)), "{error}");
                assert_eq!(error.body(), #text.as_bytes());
            })
        });
        let redirect = matches!(e.response, ApiResponse::Redirect).then(|| {
            quote! {
                let read = #name::parse_response(HttpResponse { status: #success, location: Some("https://example.com/logs"), body: b"" })
                    .unwrap();
                assert_eq!(read.location, "https://example.com/logs");
            }
        });
        let paths = if e.body.is_none() {
            e.request_urls
                .iter()
                .filter_map(|url| path_test(e, url, &name))
                .collect::<Vec<_>>()
        } else {
            Vec::new()
        };
        let requests = request_tests(e);
        quote! {
            #[test]
            fn #test() {
                #requests
                #(#responses)*
                #(#errors)*
                #redirect
                #(#paths)*
            }
        }
    });
    quote! {
        #[cfg(test)]
        mod tests {
            #![allow(clippy::unwrap_used, clippy::panic)]
            use super::*;

            #(#tests)*
        }
    }
}

/// Each documented request body reads into the endpoint's body type and writes back equal,
/// and the request built with it sends those bytes.
fn request_tests(e: &ApiEndpointIr) -> TokenStream {
    let Some(body) = &e.body else {
        return quote! {};
    };
    let ty = body_type(body);
    if !e.refused_request.is_empty() {
        let pointers = &e.refused_request;
        let checks = e.request_bodies.iter().map(|example| {
            let text =
                Literal::string(&serde_json::to_string(&sorted_keys(example)).unwrap_or_default());
            quote! {
                let refused = serde_json::from_str::<#ty>(#text).unwrap_err().to_string();
                #(assert!(refused.contains(#pointers), "{refused}");)*
            }
        });
        return quote! { #(#checks)* };
    }
    let checks = e.request_bodies.iter().map(|example| {
        let text = Literal::string(&serde_json::to_string(&sorted_keys(example)).unwrap_or_default());
        quote! {
            let body: #ty = serde_json::from_str(#text).unwrap_or_else(|e| panic!("{e}: {}", #text));
            let expected: serde_json::Value = serde_json::from_str(#text).unwrap();
            assert_eq!(serde_json::to_value(&body).unwrap(), expected);
        }
    });
    quote! { #(#checks)* }
}

/// A test that the endpoint built with the parameters of a documented request URL has that
/// path.
fn path_test(e: &ApiEndpointIr, url: &str, name: &proc_macro2::Ident) -> Option<TokenStream> {
    let (path, query) = match url.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (url, None),
    };
    let template: Vec<&str> = e.path.split('/').collect();
    let actual: Vec<&str> = path.split('/').collect();
    if template.len() != actual.len() {
        return None;
    }
    let mut inits = Vec::new();
    for (t, a) in template.iter().zip(&actual) {
        if let Some(key) = t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
            if a.contains('{') {
                // The example shows the template itself.
                return None;
            }
            let param = e.params.iter().find(|p| p.key == key)?;
            let field = ident(&param.ident);
            let value = Literal::string(a);
            inits.push(match &param.ty {
                ApiType::Id(id) => {
                    let id = ident(id);
                    quote! { #field: #value.parse::<#id>().unwrap() }
                }
                _ => quote! { #field: String::from(#value) },
            });
        }
    }
    if e.page_query {
        let page = query
            .and_then(|q| q.strip_prefix("page="))
            .and_then(|p| p.parse::<u32>().ok());
        inits.push(match page {
            Some(page) => quote! { page: Some(#page) },
            None => quote! { page: None },
        });
    }
    let url = Literal::string(url);
    Some(quote! {
        assert_eq!(#name { #(#inits),* }.path(), #url);
    })
}
