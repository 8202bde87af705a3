//! `src/common.rs`: the shared field types, one per distinct constraint, each compiled only
//! when a connector that uses it is enabled.

use super::ident;
use super::schemas::json_schema_impl;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::docs::{cfg_gate, feature_gate, outer_doc};
use super::keywords;
use super::matchers::Matchers;
use crate::error::SpecError;
use crate::model::json_schema::{Document, Format};
use crate::normalize::field_types::canonical;
use crate::normalize::ir::{Ir, ObjectField, SharedKind, SharedType, TypeId};
use crate::normalize::pattern;
use crate::output::OutputFile;

/// The module of shared types.
pub fn common_rs(ir: &Ir) -> Result<OutputFile, SpecError> {
    let mut items = Vec::new();
    for (index, ty) in ir.types.iter().enumerate() {
        let mut features: Vec<&str> = ir
            .connectors
            .iter()
            .filter(|c| c.uses.contains(&TypeId(index)))
            .map(|c| c.feature.as_str())
            .collect();
        if ir.api_uses.contains(&TypeId(index)) {
            features.insert(0, "api");
        }
        // The private module needs the `cfg` alone; the re-export shows it in the docs too.
        let module_gate = cfg_gate(&features);
        let gate = feature_gate(&features);
        let item = shared_type(ir, ty)?;
        // One private module per type, so that one feature gate covers the type and all its
        // impls; the type is re-exported here.
        let module = ident(&crate::normalize::names::snake(&ty.name));
        let name = ident(&ty.name);
        items.push(quote! {
            #module_gate
            mod #module {
                #[allow(unused_imports)]
                use super::*;
                #item
            }
            #gate
            pub use #module::#name;
        });
    }
    let doc = super::inner_doc(
        "The shared field types: one type per distinct constraint of the report cards, shared by\n\
         every property with that constraint. Each type is compiled when a connector using it is.",
    );
    super::rust_file(
        "src/common.rs",
        quote! {
            #doc
            #[allow(unused_imports)]
            use std::borrow::Cow;
            #[allow(unused_imports)]
            use std::fmt;
            #[allow(unused_imports)]
            use crate::support::{formats, InvalidValue};
            #(#items)*
        },
    )
}

fn users_doc(ty: &SharedType) -> String {
    let shown: Vec<String> = ty.users.iter().take(8).map(|u| format!("`{u}`")).collect();
    let more = ty.users.len().saturating_sub(shown.len());
    let mut text = format!("Used by {}", shown.join(", "));
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text.push('.');
    text
}

fn schema_doc(ty: &SharedType) -> String {
    format!("JSON Schema: `{}`", canonical(&ty.schema))
}

fn shared_type(ir: &Ir, ty: &SharedType) -> Result<TokenStream, SpecError> {
    let name = ident(&ty.name);
    let name_str = ty.name.as_str();
    let schema_text = canonical(&ty.schema);
    let users = users_doc(ty);
    let schema_line = schema_doc(ty);
    // A type a credential holds never quotes a refused value.
    let shows = !ty.holds_credentials;
    let format_docs = format!("{schema_line}\n\n{users}");
    let debug_fmt = if matches!(ty.kind, SharedKind::StartDate) {
        format!("{name_str}({{}})")
    } else {
        format!("{name_str}({{:?}})")
    };
    Ok(match &ty.kind {
        SharedKind::StartDate => {
            let expected = "a date at midnight UTC, YYYY-MM-DDT00:00:00Z";
            let reject = rejection(ty, expected, quote!(text));
            let literal = "a calendar date at midnight UTC, YYYY-MM-DDT00:00:00Z";
            let doc = outer_doc(&format!(
                "A start date at midnight UTC, written `YYYY-MM-DDT00:00:00Z`.\n\n\
                 Parsing and deserializing take what the report card's pattern takes: four, two and\n\
                 two digits, so a date that does not exist (`2024-02-30`) too, as the validator\n\
                 does; [`{name_str}::is_calendar_date`] tells. What you write yourself is held to\n\
                 the calendar: [`{name_str}::new`] and literals (`from_static`, `literal!`) take\n\
                 real dates only.\n\n\
                 ```\n\
                 use stitch_connect_schema::common::{name_str};\n\
                 const START: {name_str} = {name_str}::from_static(\"2024-02-29T00:00:00Z\");\n\
                 assert_eq!(START.to_string(), \"2024-02-29T00:00:00Z\");\n\
                 let parsed: {name_str} = \"2023-02-29T00:00:00Z\".parse().unwrap();\n\
                 assert!(!parsed.is_calendar_date());\n\
                 assert!(\"2024-01-01T00:00:01Z\".parse::<{name_str}>().is_err());\n\
                 ```\n\n\
                 A bad literal in a const context does not compile:\n\n\
                 ```compile_fail\n\
                 use stitch_connect_schema::common::{name_str};\n\
                 const START: {name_str} = {name_str}::from_static(\"2024-02-30T00:00:00Z\");\n\
                 ```\n\n{schema_line}\n\n{users}"
            ));
            let panic_message = format!("{name_str}::from_static: not {literal}");
            quote! {
                #doc
                #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
                pub struct #name {
                    year: u16,
                    month: u8,
                    day: u8,
                }
                impl #name {
                    /// The date, if it is a real calendar date (years 0000 to 9999).
                    pub const fn new(year: u16, month: u8, day: u8) -> Option<Self> {
                        if year <= 9999 && month >= 1 && month <= 12 && day >= 1
                            && day <= formats::days_in_month(year, month)
                        {
                            Some(Self { year, month, day })
                        } else {
                            None
                        }
                    }
                    /// A date from a literal, which must be a real calendar date. Write it as
                    /// `literal!(Type, "...")` (or in a `const` item): the literal is then
                    /// checked at compile time, and a bad one does not compile.
                    ///
                    /// # Panics
                    /// When the literal is not a valid value and the call runs at run time.
                    #[allow(clippy::panic)]
                    pub const fn from_static(text: &'static str) -> Self {
                        match formats::parse_midnight_date(text) {
                            Some((year, month, day)) => Self { year, month, day },
                            None => panic!("{}", #panic_message),
                        }
                    }
                    /// The year.
                    pub const fn year(self) -> u16 {
                        self.year
                    }
                    /// The month as written: 1 to 12 for a calendar date.
                    pub const fn month(self) -> u8 {
                        self.month
                    }
                    /// The day of the month as written: from 1 for a calendar date.
                    pub const fn day(self) -> u8 {
                        self.day
                    }
                    /// Whether the date exists in the (proleptic Gregorian) calendar.
                    pub const fn is_calendar_date(self) -> bool {
                        Self::new(self.year, self.month, self.day).is_some()
                    }
                    fn parse_str(text: &str) -> Result<Self, InvalidValue> {
                        match formats::parse_midnight_pattern(text) {
                            Some((year, month, day)) => Ok(Self { year, month, day }),
                            None => Err(#reject),
                        }
                    }
                }
                impl fmt::Display for #name {
                    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        write!(f, "{:04}-{:02}-{:02}T00:00:00Z", self.year, self.month, self.day)
                    }
                }
                impl fmt::Debug for #name {
                    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        write!(f, #debug_fmt, self)
                    }
                }
                crate::support::string_traits!(#name, #expected, #schema_text, shows_value: #shows);
            }
        }
        SharedKind::Enum(variants) => {
            // The literals come from a pattern of alternatives or from `enum`.
            let source = match ty.schema.get("pattern").and_then(|p| p.as_str()) {
                Some(pattern) => format!("of the pattern `{pattern}`"),
                None => "its schema lists (`enum`)".to_owned(),
            };
            let doc = outer_doc(&format!(
                "One of the literal values {source}; serializes to the exact string.\n\n{schema_line}\n\n{users}"
            ));
            let literals: Vec<&str> = variants.iter().map(|(_, l)| l.as_str()).collect();
            let expected = format!("one of {}", literals.join(", "));
            let reject = rejection(ty, &expected, quote!(text));
            let idents: Vec<Ident> = variants.iter().map(|(v, _)| ident(v)).collect();
            let docs: Vec<TokenStream> = variants
                .iter()
                .map(|(_, l)| outer_doc(&format!("`\"{l}\"`")))
                .collect();
            let count = variants.len();
            let debug_names: Vec<String> = variants
                .iter()
                .map(|(v, _)| format!("{name_str}::{v}"))
                .collect();
            quote! {
                #doc
                #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
                #[non_exhaustive]
                pub enum #name {
                    #( #docs #idents, )*
                }
                /// The qualified variant, `EncryptionType::None`: a variant named `None` must not
                /// read as `Option::None`.
                impl fmt::Debug for #name {
                    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(match self {
                            #( Self::#idents => #debug_names, )*
                        })
                    }
                }
                impl #name {
                    /// Every value, in the pattern's order.
                    pub const ALL: [Self; #count] = [#(Self::#idents),*];
                    /// The wire string.
                    pub const fn as_str(self) -> &'static str {
                        match self {
                            #( Self::#idents => #literals, )*
                        }
                    }
                    fn parse_str(text: &str) -> Result<Self, InvalidValue> {
                        match text {
                            #( #literals => Ok(Self::#idents), )*
                            _ => Err(#reject),
                        }
                    }
                }
                impl fmt::Display for #name {
                    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(self.as_str())
                    }
                }
                crate::support::string_traits!(#name, #expected, #schema_text, shows_value: #shows);
            }
        }
        SharedKind::Digits => {
            let expected = "a string of ASCII digits";
            let reject = rejection(ty, expected, quote!(text));
            let doc = outer_doc(&format!(
                "A number that travels as a digit string (`\"5432\"`): one or more ASCII digits, as the\n\
                 pattern `^\\d+$` says, of any length, written back as given (leading zeros too).\n\n\
                 ```\n\
                 use stitch_connect_schema::common::{name_str};\n\
                 let port = {name_str}::from(5432_u16);\n\
                 assert_eq!((port.to_string(), port.as_u64()), (\"5432\".to_owned(), Some(5432)));\n\
                 let long: {name_str} = \"99999999999999999999\".parse().unwrap();\n\
                 assert_eq!(long.as_u64(), None);\n\
                 ```\n\n{schema_line}\n\n{users}"
            ));
            let panic_message = format!("{name_str}::from_static: not {expected}");
            let debug_fmt = format!("{name_str}(\"{{}}\")");
            quote! {
                #doc
                #[derive(Clone, PartialEq, Eq, Hash)]
                pub struct #name(Digits);
                /// A digit string: as its number when it is that number's decimal form (no
                /// allocation), else as written.
                #[derive(Clone, PartialEq, Eq, Hash)]
                enum Digits {
                    Number(u64),
                    Text(Cow<'static, str>),
                }
                impl #name {
                    /// The number as a digit string.
                    pub const fn new(value: u64) -> Self {
                        Self(Digits::Number(value))
                    }
                    /// The value from a literal. Write it as `literal!(Type, "...")` (or in a
                    /// `const` item): the literal is then checked at compile time, and a bad one
                    /// does not compile.
                    ///
                    /// # Panics
                    /// When the literal is not a valid value and the call runs at run time.
                    #[allow(clippy::panic)]
                    pub const fn from_static(text: &'static str) -> Self {
                        match formats::parse_canonical_digits(text) {
                            Some(value) => Self(Digits::Number(value)),
                            None if formats::is_digits(text) => Self(Digits::Text(Cow::Borrowed(text))),
                            None => panic!("{}", #panic_message),
                        }
                    }
                    /// The number, when it fits in a `u64`.
                    pub fn as_u64(&self) -> Option<u64> {
                        match &self.0 {
                            Digits::Number(value) => Some(*value),
                            Digits::Text(text) => formats::parse_digits(text),
                        }
                    }
                    fn parse_str(text: &str) -> Result<Self, InvalidValue> {
                        match formats::parse_canonical_digits(text) {
                            Some(value) => Ok(Self(Digits::Number(value))),
                            None if formats::is_digits(text) => Ok(Self(Digits::Text(Cow::Owned(text.to_owned())))),
                            None => Err(#reject),
                        }
                    }
                }
                impl crate::support::IntoChecked<#name> for u64 {
                    fn into_checked(self) -> #name {
                        #name::new(self)
                    }
                }
                impl crate::support::IntoChecked<#name> for u32 {
                    fn into_checked(self) -> #name {
                        #name::new(u64::from(self))
                    }
                }
                impl crate::support::IntoChecked<#name> for u16 {
                    fn into_checked(self) -> #name {
                        #name::new(u64::from(self))
                    }
                }
                impl From<u64> for #name {
                    fn from(value: u64) -> Self {
                        Self::new(value)
                    }
                }
                impl From<u32> for #name {
                    fn from(value: u32) -> Self {
                        Self::new(u64::from(value))
                    }
                }
                impl From<u16> for #name {
                    fn from(value: u16) -> Self {
                        Self::new(u64::from(value))
                    }
                }
                impl fmt::Display for #name {
                    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        match &self.0 {
                            Digits::Number(value) => fmt::Display::fmt(value, f),
                            Digits::Text(text) => f.write_str(text),
                        }
                    }
                }
                impl fmt::Debug for #name {
                    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        write!(f, #debug_fmt, self)
                    }
                }
                crate::support::string_traits!(#name, #expected, #schema_text, shows_value: #shows);
            }
        }
        SharedKind::IntegerOrDigits => {
            integer_or_digits(ty, &name, name_str, &schema_text, &schema_line, &users)
        }
        SharedKind::StringOrInteger => string_or_integer(&name, &schema_text, &schema_line, &users),
        SharedKind::Host => string_newtype(
            ty,
            "an IPv4 address, an IPv6 address or a hostname",
            quote! { formats::is_ipv4(text) || formats::is_ipv6(text) || formats::is_hostname(text) },
            &schema_text,
            &format!(
                "A host: an IPv4 address, an IPv6 address or a hostname (RFC 1123), as the report\n\
                 card's `anyOf` of the three formats.\n\n\
                 ```\n\
                 use stitch_connect_schema::common::{name_str};\n\
                 const HOST: {name_str} = {name_str}::from_static(\"db.example.com\");\n\
                 assert_eq!(HOST.as_str(), \"db.example.com\");\n\
                 assert!(\"::1\".parse::<{name_str}>().is_ok());\n\
                 assert!(\"-bad-.example.com\".parse::<{name_str}>().is_err());\n\
                 ```\n\n{schema_line}\n\n{users}"
            ),
            true,
        ),
        // Every format string, `date-time` and `uri` included, is made by one table.
        SharedKind::Timestamp => format_string(ty, Format::DateTime, &schema_text, &format_docs),
        SharedKind::Uri => format_string(ty, Format::Uri, &schema_text, &format_docs),
        SharedKind::FormatString(format) => format_string(ty, *format, &schema_text, &format_docs),
        SharedKind::Pattern(source) => {
            let compiled = pattern::compile(source).map_err(|why| {
                SpecError::file(
                    std::path::Path::new("spec"),
                    format!("the pattern {source:?} of {name_str} cannot be checked: {why}"),
                )
            })?;
            let expected = format!("a string matching the pattern {source}");
            // Most patterns are checked in const contexts too; one with back-references (the
            // backtracking matcher) or too long for the const automaton allocates, at run time.
            let (check, how, constant) = match super::pattern_tokens::regular(&compiled) {
                Some(regular) => (
                    quote! {{
                        const MATCHER: crate::support::pattern::Regular = #regular;
                        MATCHER.matches(text)
                    }},
                    "checked without a regex engine; also\nin const contexts",
                    true,
                ),
                None => {
                    let matcher = super::pattern_tokens::matcher(&compiled);
                    (
                        quote! {{
                            const MATCHER: crate::support::pattern::Matcher = #matcher;
                            MATCHER.matches(text)
                        }},
                        if compiled.backtracks() {
                            "it has back-references: checked by\nbacktracking, at run time only"
                        } else {
                            "its program is too long for the const matcher:\nchecked at run time only"
                        },
                        false,
                    )
                }
            };
            string_newtype(
                ty,
                &expected,
                // A constant: the matcher is built once, at compile time.
                check,
                &schema_text,
                &format!(
                    "A string matching the pattern `{source}` ({how}).\n\n{schema_line}\n\n{users}"
                ),
                constant,
            )
        }
        SharedKind::Object { fields, closed } => {
            let doc = format!(
                "An object of the properties its report card's JSON Schema names{}.\n\n\
                 {schema_line}\n\n{users}",
                if *closed {
                    ", and no others"
                } else {
                    "; other keys are kept in `additional_properties`"
                }
            );
            object_struct(ir, ty, fields, *closed, &schema_text, &doc)
        }
        SharedKind::Validated(document) => {
            let doc = format!(
                "A JSON value valid against its report card's JSON Schema, checked when it is made\n\
                 and when it is deserialized (the schema has no narrower Rust type).\n\n\
                 {schema_line}\n\n{users}"
            );
            validated_json(ty, document, &schema_text, &doc).map_err(|why| {
                SpecError::file(
                    std::path::Path::new("spec"),
                    format!("the schema of {name_str} cannot be checked: {why}"),
                )
            })?
        }
        SharedKind::Schedule {
            frequency,
            anchor_time,
        } => schedule(ir, &name, *frequency, *anchor_time, &users),
    })
}

/// A newtype over a JSON value that the runtime evaluator checks against `document`, compiled
/// into the type's module as `SCHEMA` (its patterns and definitions beside it).
fn validated_json(
    ty: &SharedType,
    document: &Document,
    schema_text: &str,
    doc: &str,
) -> Result<TokenStream, String> {
    let name = &ident(&ty.name);
    let mut matchers = Matchers::default();
    let schema = format_ident!("SCHEMA");
    let compiled = keywords::compile(document, &schema, &mut matchers)?;
    let root = compiled.root;
    let definitions = compiled.statics;
    let patterns = matchers.into_items();
    let doc = outer_doc(doc);
    let expected = "valid against the type's JSON Schema";
    let reject = rejection(ty, expected, quote!(value.to_string()));
    let json_schema = json_schema_impl(name, schema_text);
    Ok(quote! {
        /// The schema compiled for the evaluator, apart from the type: no name of the spec can
        /// meet the names the compiled data uses.
        mod compiled {
            #[allow(unused_imports)]
            use crate::support::keywords::{Dependency, Format, JsonType, Keyword, Reference, Schema};
            #[allow(unused_imports)]
            use crate::support::literal::{Json, Num};
            #(#patterns)*
            /// The schema.
            pub(super) static SCHEMA: Schema = #root;
            #(#definitions)*
        }
        #doc
        #[derive(Clone, PartialEq)]
        pub struct #name(serde_json::Value);
        impl #name {
            /// The value, if the schema accepts it.
            ///
            /// # Errors
            /// [`InvalidValue`](crate::InvalidValue) when the schema refuses it.
            pub fn new(value: serde_json::Value) -> ::std::result::Result<Self, crate::InvalidValue> {
                if crate::support::keywords::is_valid(compiled::SCHEMA, &value) {
                    Ok(Self(value))
                } else {
                    Err(#reject)
                }
            }
            /// The value.
            pub fn as_json(&self) -> &serde_json::Value {
                &self.0
            }
            /// The value, taken out.
            pub fn into_json(self) -> serde_json::Value {
                self.0
            }
        }
        impl ::std::convert::TryFrom<serde_json::Value> for #name {
            type Error = crate::InvalidValue;
            fn try_from(value: serde_json::Value) -> ::std::result::Result<Self, crate::InvalidValue> {
                Self::new(value)
            }
        }
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_tuple(stringify!(#name)).field(&self.0).finish()
            }
        }
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                ::serde::Serialize::serialize(&self.0, serializer)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                Self::new(value).map_err(::serde::de::Error::custom)
            }
        }
        #json_schema
    })
}

/// A struct of an object schema's named properties: required ones as values, optional ones
/// as `Option`s (absent; a present `null` is read by the property's own type), and, when the
/// schema lets other keys in, those kept in `additional_properties`. It reads exactly the
/// objects the schema accepts, each property through its own type.
fn object_struct(
    ir: &Ir,
    ty: &SharedType,
    fields: &[ObjectField],
    closed: bool,
    schema_text: &str,
    doc: &str,
) -> TokenStream {
    let name = &ident(&ty.name);
    let doc = outer_doc(doc);
    let expecting = format!("an object of the properties of {name}");
    // A type a credential holds says what is wrong, never the value (serde's own messages
    // quote it).
    let hide_errors = ty.holds_credentials.then(|| {
        let message = format!(
            "invalid {name}: the value (not shown: the type holds credentials) is not {expecting}"
        );
        quote! { .map_err(|_| ::serde::de::Error::custom(#message)) }
    });
    let idents: Vec<Ident> = fields.iter().map(|f| ident(&f.rust)).collect();
    let slots: Vec<Ident> = (0..fields.len())
        .map(|i| format_ident!("slot_{i}"))
        .collect();
    let wires: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
    let mut declarations = Vec::new();
    let mut builds = Vec::new();
    let mut writes = Vec::new();
    // The constructor's parameters (the required fields), its field values, and a setter per
    // optional field: the struct is `#[non_exhaustive]`, so that a new optional property is an
    // addition, not a break.
    let mut parameters = Vec::new();
    let mut values = Vec::new();
    let mut setters = Vec::new();
    for ((field, id), slot) in fields.iter().zip(&idents).zip(&slots) {
        let ty = super::connector::value_tokens(ir, &field.value);
        let wire = field.wire.as_str();
        let field_doc = outer_doc(&match &field.description {
            Some(text) => format!("`{wire}`: {}", super::docs::prose(text)),
            None => format!("`{wire}`."),
        });
        if field.required {
            declarations.push(quote! { #field_doc pub #id: #ty, });
            builds.push(quote! { #id: #slot.ok_or_else(|| crate::support::missing(#wire))?, });
            writes.push(quote! { map.serialize_entry(#wire, &self.#id)?; });
            parameters.push(quote! { #id: impl Into<#ty> });
            values.push(quote! { #id: #id.into(), });
        } else {
            let setter = format_ident!("with_{}", field.rust.trim_end_matches('_'));
            let setter_doc = outer_doc(&format!("Sets `{wire}`."));
            setters.push(quote! {
                #setter_doc
                #[must_use]
                pub fn #setter(mut self, value: impl Into<#ty>) -> Self {
                    self.#id = Some(value.into());
                    self
                }
            });
            values.push(quote! { #id: None, });
            declarations.push(quote! { #field_doc pub #id: Option<#ty>, });
            builds.push(quote! { #id: #slot, });
            writes.push(quote! {
                if let Some(value) = &self.#id {
                    map.serialize_entry(#wire, value)?;
                }
            });
        }
    }
    let additional = format_ident!("{}", crate::normalize::field_types::ADDITIONAL_FIELD);
    let (other_field, other_key, other_build, other_write, other_init) = if closed {
        (
            quote! {},
            quote! {
                other => {
                    return Err(::serde::de::Error::custom(format_args!(
                        "property `{other}` is not one of {}", stringify!(#name)
                    )));
                }
            },
            quote! {},
            quote! {},
            quote! {},
        )
    } else {
        (
            quote! {
                /// The keys the schema does not name, kept as given and written back (a key
                /// the schema names is written from its field, never from here).
                pub #additional: serde_json::Map<String, serde_json::Value>,
            },
            quote! {
                _ => {
                    if additional.contains_key(&key) {
                        return Err(crate::support::duplicate(&key));
                    }
                    let value = map.next_value::<serde_json::Value>()?;
                    additional.insert(key, value);
                }
            },
            quote! { #additional: additional, },
            quote! {
                for (key, value) in &self.#additional {
                    if !matches!(key.as_str(), #(#wires)|*) {
                        map.serialize_entry(key, value)?;
                    }
                }
            },
            quote! { let mut additional = serde_json::Map::new(); },
        )
    };
    let json_schema = json_schema_impl(name, schema_text);
    let other_value = (!closed).then(|| quote! { #additional: serde_json::Map::new(), });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#declarations)*
            #other_field
        }
        impl #name {
            /// A value of the required properties; the optional ones have `with_` setters.
            #[allow(clippy::new_without_default)]
            pub fn new(#(#parameters),*) -> Self {
                Self {
                    #(#values)*
                    #other_value
                }
            }
            #(#setters)*
        }
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(None)?;
                #(#writes)*
                #other_write
                map.end()
            }
        }
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct Visitor;
                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<#name, A::Error> {
                        #(let mut #slots = None;)*
                        #other_init
                        while let Some(key) = map.next_key::<String>()? {
                            match key.as_str() {
                                #(
                                    #wires => {
                                        if #slots.is_some() {
                                            return Err(crate::support::duplicate(#wires));
                                        }
                                        #slots = Some(map.next_value()?);
                                    }
                                )*
                                #other_key
                            }
                        }
                        Ok(#name {
                            #(#builds)*
                            #other_build
                        })
                    }
                }
                deserializer.deserialize_map(Visitor) #hide_errors
            }
        }
        #json_schema
    }
}

/// A string in a draft-7 format: its check is the evaluator's (`support::formats`), `const`
/// (with `from_static` and `literal!`) for every format but `email` and `regex`.
fn format_string(ty: &SharedType, format: Format, schema_text: &str, docs: &str) -> TokenStream {
    let (check, expected, words, constant) = match format {
        Format::DateTime => (
            "is_date_time",
            "an RFC 3339 date-time",
            "An RFC 3339 date-time, e.g. `2018-04-30T17:00:00Z`",
            true,
        ),
        Format::Date => (
            "is_date",
            "an RFC 3339 full-date",
            "An RFC 3339 full-date, `YYYY-MM-DD`",
            true,
        ),
        Format::Time => (
            "is_time",
            "an RFC 3339 full-time",
            "An RFC 3339 full-time, `hh:mm:ss` with an offset",
            true,
        ),
        Format::Email => (
            "is_email",
            "an e-mail address",
            "An e-mail address (RFC 5321)",
            false,
        ),
        Format::Hostname => ("is_hostname", "a hostname", "A hostname (RFC 1123)", true),
        Format::IdnEmail => (
            "is_idn_email",
            "an internationalized e-mail address (RFC 6531)",
            "An internationalized e-mail address (RFC 6531; checked with the `idn` feature, any\n\
             string without it)",
            false,
        ),
        Format::IdnHostname => (
            "is_idn_hostname",
            "an internationalized host name (RFC 5890)",
            "An internationalized host name (RFC 5890; checked with the `idn` feature, any\n\
             string without it)",
            false,
        ),
        Format::Ipv4 => ("is_ipv4", "an IPv4 address", "An IPv4 address", true),
        Format::Ipv6 => ("is_ipv6", "an IPv6 address", "An IPv6 address", true),
        Format::Uri => (
            "is_uri",
            "an absolute URI (RFC 3986)",
            "An absolute URI (RFC 3986)",
            true,
        ),
        Format::UriReference => (
            "is_uri_reference",
            "a URI reference (RFC 3986)",
            "A URI reference (RFC 3986)",
            true,
        ),
        Format::Iri => (
            "is_iri",
            "an IRI (RFC 3987)",
            "An absolute IRI (RFC 3987)",
            true,
        ),
        Format::IriReference => (
            "is_iri_reference",
            "an IRI reference (RFC 3987)",
            "An IRI reference (RFC 3987)",
            true,
        ),
        Format::UriTemplate => (
            "is_uri_template",
            "a URI template (RFC 6570)",
            "A URI template (RFC 6570)",
            true,
        ),
        Format::JsonPointer => (
            "is_json_pointer",
            "a JSON pointer (RFC 6901)",
            "A JSON pointer (RFC 6901)",
            true,
        ),
        Format::RelativeJsonPointer => (
            "is_relative_json_pointer",
            "a relative JSON pointer",
            "A relative JSON pointer",
            true,
        ),
        Format::Regex => (
            "is_regex",
            "an ECMA-262 regular expression",
            "An ECMA-262 regular expression",
            false,
        ),
    };
    let check_fn = format_ident!("{check}");
    let check = quote! { formats::#check_fn(text) };
    let name_text = format.name();
    let doc =
        format!("{words}; `format: {name_text}`, checked as the validator checks it.\n\n{docs}");
    let doc = if constant {
        doc
    } else {
        format!(
            "{doc}\n\nIts check is not a `const fn`: make values by parsing (`\"...\".parse()`)."
        )
    };
    string_newtype(ty, expected, check, schema_text, &doc, constant)
}

/// The error for `text` refused by `ty`: without the value when `ty` holds credentials.
fn rejection(ty: &SharedType, expected: &str, text: TokenStream) -> TokenStream {
    let name = ty.name.as_str();
    if ty.holds_credentials {
        quote!(crate::InvalidValue::hiding_value(#name, #expected))
    } else {
        quote!(crate::InvalidValue::new(#name, #expected, #text))
    }
}

/// A string newtype checked by `check` (of `text`): with a `const fn` check and
/// `from_static` when `constant`, else parsed only.
fn string_newtype(
    ty: &SharedType,
    expected: &str,
    check: TokenStream,
    schema_text: &str,
    doc: &str,
    constant: bool,
) -> TokenStream {
    let name = ident(&ty.name);
    let doc = outer_doc(doc);
    let shows = !ty.holds_credentials;
    let (constness, traits) = if constant {
        (quote!(const), quote!(crate::support::validated_string!))
    } else {
        (quote!(), quote!(crate::support::checked_string!))
    };
    quote! {
        #doc
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct #name(Cow<'static, str>);
        impl #name {
            /// Whether `text` is a valid value.
            pub #constness fn is_valid(text: &str) -> bool {
                #check
            }
        }
        #traits(#name, #expected, #schema_text, shows_value: #shows);
    }
}

fn integer_or_digits(
    ty: &SharedType,
    name: &Ident,
    name_str: &str,
    schema_text: &str,
    schema_line: &str,
    users: &str,
) -> TokenStream {
    let expected = "an integer, or a string that starts with an ASCII digit";
    let reject = rejection(ty, expected, quote!(text));
    let doc = outer_doc(&format!(
        "A number given either as a JSON integer or as a string that starts with a digit, written\n\
         back in the form it came in; [`{name_str}::new`] makes a JSON integer.\n\n\
         It takes exactly what the report card takes: any integer (a JSON number without a\n\
         fractional part, negative or beyond 64 bits too), or a string matching `^\\d+` (which only\n\
         asks that it start with a digit). [`{name_str}::as_u64`] gives the number when there is\n\
         one that fits.\n\n\
         ```\n\
         use stitch_connect_schema::common::{name_str};\n\
         let from_string: {name_str} = serde_json::from_str(\"\\\"100\\\"\").unwrap();\n\
         assert_eq!(from_string.as_u64(), Some(100));\n\
         assert_eq!(serde_json::to_string(&from_string).unwrap(), \"\\\"100\\\"\");\n\
         assert_eq!(serde_json::to_string(&{name_str}::new(100)).unwrap(), \"100\");\n\
         ```\n\n{schema_line}\n\n{users}"
    ));
    let debug_number = format!("{name_str}({{}})");
    let debug_text = format!("{name_str}({{:?}})");
    let json_schema = json_schema_impl(name, schema_text);
    quote! {
        #doc
        #[derive(Clone, PartialEq, Eq, Hash)]
        pub struct #name(IntegerOrText);
        /// The two forms, as they came.
        #[derive(Clone, PartialEq, Eq, Hash)]
        enum IntegerOrText {
            Integer(crate::Integer),
            /// A digit string that is its number's decimal form (no allocation).
            Digits(u64),
            Text(Cow<'static, str>),
        }
        impl #name {
            /// The value, written as a JSON integer.
            pub fn new(value: u64) -> Self {
                Self(IntegerOrText::Integer(value.into()))
            }
            /// The value, written as a digit string.
            pub const fn digits(value: u64) -> Self {
                Self(IntegerOrText::Digits(value))
            }
            /// The number, when it is a non-negative integer (or a string of digits only) that
            /// fits in a `u64`.
            pub fn as_u64(&self) -> Option<u64> {
                match &self.0 {
                    IntegerOrText::Integer(number) => number.as_u64(),
                    IntegerOrText::Digits(value) => Some(*value),
                    IntegerOrText::Text(text) => formats::parse_digits(text),
                }
            }
            /// Whether it is written as a string.
            pub fn is_string(&self) -> bool {
                !matches!(self.0, IntegerOrText::Integer(_))
            }
            fn parse_str(text: &str) -> Result<Self, InvalidValue> {
                if let Some(value) = formats::parse_canonical_digits(text) {
                    Ok(Self::digits(value))
                } else if text.as_bytes().first().is_some_and(u8::is_ascii_digit) {
                    Ok(Self(IntegerOrText::Text(Cow::Owned(text.to_owned()))))
                } else {
                    Err(#reject)
                }
            }
            fn from_f64(value: f64) -> Option<Self> {
                serde_json::Number::from_f64(value)
                    .and_then(crate::Integer::from_number)
                    .map(|n| Self(IntegerOrText::Integer(n)))
            }
        }
        impl crate::support::IntoChecked<#name> for u64 {
                    fn into_checked(self) -> #name {
                        self.into()
                    }
                }
                impl From<u64> for #name {
            fn from(value: u64) -> Self {
                Self::new(value)
            }
        }
        impl crate::support::IntoChecked<#name> for i64 {
                    fn into_checked(self) -> #name {
                        self.into()
                    }
                }
                impl From<i64> for #name {
            fn from(value: i64) -> Self {
                Self(IntegerOrText::Integer(value.into()))
            }
        }
        impl fmt::Display for #name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match &self.0 {
                    IntegerOrText::Integer(number) => fmt::Display::fmt(number, f),
                    IntegerOrText::Digits(value) => fmt::Display::fmt(value, f),
                    IntegerOrText::Text(text) => f.write_str(text),
                }
            }
        }
        impl fmt::Debug for #name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match &self.0 {
                    IntegerOrText::Integer(number) => write!(f, #debug_number, number),
                    IntegerOrText::Digits(value) => write!(f, #debug_text, value.to_string()),
                    IntegerOrText::Text(text) => write!(f, #debug_text, text),
                }
            }
        }
        impl std::str::FromStr for #name {
            type Err = InvalidValue;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::parse_str(text)
            }
        }
        impl TryFrom<&str> for #name {
            type Error = InvalidValue;
            fn try_from(text: &str) -> Result<Self, Self::Error> {
                Self::parse_str(text)
            }
        }
        impl TryFrom<String> for #name {
            type Error = InvalidValue;
            fn try_from(text: String) -> Result<Self, Self::Error> {
                Self::parse_str(&text)
            }
        }
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match &self.0 {
                    IntegerOrText::Integer(number) => number.serialize(serializer),
                    IntegerOrText::Digits(value) => serializer.collect_str(value),
                    IntegerOrText::Text(text) => serializer.serialize_str(text),
                }
            }
        }
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl serde::de::Visitor<'_> for Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(#expected)
                    }
                    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<#name, E> {
                        Ok(#name::new(value))
                    }
                    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<#name, E> {
                        Ok(#name::from(value))
                    }
                    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<#name, E> {
                        #name::from_f64(value)
                            .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Float(value), &self))
                    }
                    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<#name, E> {
                        #name::parse_str(text).map_err(E::custom)
                    }
                }
                deserializer.deserialize_any(Visitor)
            }
        }
        #json_schema
    }
}

fn string_or_integer(
    name: &Ident,
    schema_text: &str,
    schema_line: &str,
    users: &str,
) -> TokenStream {
    let doc = outer_doc(&format!(
        "A value the reference documents as `STRING/INTEGER`: a JSON string or integer, kept as\n\
         given.\n\n{schema_line}\n\n{users}"
    ));
    let json_schema = json_schema_impl(name, schema_text);
    quote! {
        #doc
        #[derive(Clone, PartialEq, Eq, Hash, Debug)]
        pub enum #name {
            /// A JSON string.
            String(String),
            /// A JSON integer: a number without a fractional part, as given (negative, beyond
            /// 64 bits, or written `1.0`, as the schema's `integer` takes them).
            Integer(serde_json::Number),
        }
        impl From<String> for #name {
            fn from(value: String) -> Self {
                Self::String(value)
            }
        }
        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                Self::String(value.to_owned())
            }
        }
        impl From<i64> for #name {
            fn from(value: i64) -> Self {
                Self::Integer(value.into())
            }
        }
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    Self::String(text) => serializer.serialize_str(text),
                    Self::Integer(value) => value.serialize(serializer),
                }
            }
        }
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl serde::de::Visitor<'_> for Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a string or an integer")
                    }
                    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<#name, E> {
                        Ok(#name::Integer(value.into()))
                    }
                    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<#name, E> {
                        Ok(#name::Integer(value.into()))
                    }
                    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<#name, E> {
                        if value.fract() == 0.0
                            && let Some(number) = serde_json::Number::from_f64(value)
                        {
                            return Ok(#name::Integer(number));
                        }
                        Err(E::invalid_value(serde::de::Unexpected::Float(value), &self))
                    }
                    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<#name, E> {
                        Ok(#name::String(text.to_owned()))
                    }
                }
                deserializer.deserialize_any(Visitor)
            }
        }
        #json_schema
    }
}

fn schedule(
    ir: &Ir,
    name: &Ident,
    frequency: TypeId,
    anchor_time: TypeId,
    users: &str,
) -> TokenStream {
    let frequency = ident(&ir.shared(frequency).name);
    let anchor = ident(&ir.shared(anchor_time).name);
    let doc = outer_doc(&format!(
        "The replication schedule of a source: a frequency (optionally anchored at a time) or a\n\
         Quartz cron expression. The create-source guide: \"you must provide a replication\n\
         schedule\"; the properties `frequency_in_minutes`, `anchor_time` and `cron_expression`\n\
         are each optional on the report card, but one schedule is required, so sources whose card\n\
         types the three as a schedule take one `Schedule` value instead of the three.\n\n\
         ```\n\
         use stitch_connect_schema::common::{{{frequency}, Schedule, Timestamp}};\n\
         let hourly = Schedule::every({frequency}::Minutes60)\n    \
             .anchored_at(stitch_connect_schema::literal!(Timestamp, \"2018-04-30T17:00:00Z\"));\n\
         assert_eq!(hourly.frequency_in_minutes(), Some({frequency}::Minutes60));\n\
         let weekdays = Schedule::cron(\"0 0 12 ? * MON-FRI *\");\n\
         assert_eq!(weekdays.cron_expression(), Some(\"0 0 12 ? * MON-FRI *\"));\n\
         ```\n\n{users}"
    ));
    quote! {
        #doc
        #[derive(Clone, PartialEq, Debug)]
        pub struct #name {
            frequency_in_minutes: Option<#frequency>,
            anchor_time: Option<#anchor>,
            cron_expression: Option<String>,
        }
        impl #name {
            /// Replicate every `frequency` minutes.
            pub const fn every(frequency: #frequency) -> Self {
                Self { frequency_in_minutes: Some(frequency), anchor_time: None, cron_expression: None }
            }
            /// Replicate on a Quartz cron expression.
            pub fn cron(expression: impl Into<String>) -> Self {
                Self { frequency_in_minutes: None, anchor_time: None, cron_expression: Some(expression.into()) }
            }
            /// Anchors the frequency at a time (`anchor_time`).
            pub fn anchored_at(mut self, anchor_time: #anchor) -> Self {
                self.anchor_time = Some(anchor_time);
                self
            }
            /// Also sends a cron expression (`cron_expression`) next to the frequency.
            pub fn with_cron_expression(mut self, expression: impl Into<String>) -> Self {
                self.cron_expression = Some(expression.into());
                self
            }
            /// `frequency_in_minutes`, when given.
            pub fn frequency_in_minutes(&self) -> Option<#frequency> {
                self.frequency_in_minutes
            }
            /// `anchor_time`, when given.
            pub fn anchor_time(&self) -> Option<&#anchor> {
                self.anchor_time.as_ref()
            }
            /// `cron_expression`, when given.
            pub fn cron_expression(&self) -> Option<&str> {
                self.cron_expression.as_deref()
            }
            /// The schedule from its three wire properties; `None` when neither a frequency
            /// nor a cron expression is given.
            pub fn from_parts(
                frequency_in_minutes: Option<#frequency>,
                anchor_time: Option<#anchor>,
                cron_expression: Option<String>,
            ) -> Option<Self> {
                if frequency_in_minutes.is_none() && cron_expression.is_none() {
                    return None;
                }
                Some(Self { frequency_in_minutes, anchor_time, cron_expression })
            }
        }
    }
}
