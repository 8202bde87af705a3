//! `src/common.rs`: the shared field types, one per distinct constraint, each compiled only
//! when a connector that uses it is enabled.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::docs::{feature_gate, outer_doc};
use crate::error::SpecError;
use crate::normalize::ir::{Ir, SharedKind, SharedType, TypeId};
use crate::normalize::pattern;
use crate::normalize::value_types::canonical;
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
        let gate = feature_gate(&features);
        let item = shared_type(ir, ty)?;
        // One private module per type, so that one feature gate covers the type and all its
        // impls; the type is re-exported here.
        let module = ident(&crate::normalize::names::snake(&ty.name));
        let name = ident(&ty.name);
        items.push(quote! {
            #gate
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

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
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
    let debug_fmt = if matches!(ty.kind, SharedKind::StartDate) {
        format!("{name_str}({{}})")
    } else {
        format!("{name_str}({{:?}})")
    };
    Ok(match &ty.kind {
        SharedKind::StartDate => {
            let expected = "a calendar date at midnight UTC, YYYY-MM-DDT00:00:00Z";
            let doc = outer_doc(&format!(
                "A start date: a real calendar date at midnight UTC, written `YYYY-MM-DDT00:00:00Z`.\n\n\
                 Stricter than the report card's pattern, which accepts impossible dates such as\n\
                 `2024-02-30T00:00:00Z`; the API rejects those.\n\n\
                 ```\n\
                 use stitch_connect_schema::common::{name_str};\n\
                 const START: {name_str} = {name_str}::from_static(\"2024-02-29T00:00:00Z\");\n\
                 assert_eq!(START.to_string(), \"2024-02-29T00:00:00Z\");\n\
                 assert!(\"2023-02-29T00:00:00Z\".parse::<{name_str}>().is_err());\n\
                 assert!(\"2024-01-01T00:00:01Z\".parse::<{name_str}>().is_err());\n\
                 ```\n\n\
                 A bad literal in a const context does not compile:\n\n\
                 ```compile_fail\n\
                 use stitch_connect_schema::common::{name_str};\n\
                 const START: {name_str} = {name_str}::from_static(\"2024-02-30T00:00:00Z\");\n\
                 ```\n\n{schema_line}\n\n{users}"
            ));
            let panic_message = format!("{name_str}::from_static: not {expected}");
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
                    /// A date from a literal. Write it as `literal!(Type, "...")` (or in a
                    /// `const` item): the literal is then checked at compile time, and a bad one
                    /// does not compile.
                    ///
                    /// # Panics
                    /// When the literal is not a valid value and the call runs at run time.
                    #[allow(clippy::panic)]
                    pub const fn from_static(text: &'static str) -> Self {
                        match formats::parse_midnight_date(text) {
                            Some((year, month, day)) => Self { year, month, day },
                            None => panic!(#panic_message),
                        }
                    }
                    /// The year.
                    pub const fn year(self) -> u16 {
                        self.year
                    }
                    /// The month, 1 to 12.
                    pub const fn month(self) -> u8 {
                        self.month
                    }
                    /// The day of the month, from 1.
                    pub const fn day(self) -> u8 {
                        self.day
                    }
                    fn parse_str(text: &str) -> Result<Self, InvalidValue> {
                        match formats::parse_midnight_date(text) {
                            Some((year, month, day)) => Ok(Self { year, month, day }),
                            None => Err(InvalidValue::new(#name_str, #expected, text)),
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
                crate::support::string_traits!(#name, #expected, #schema_text);
            }
        }
        SharedKind::Enum(variants) => {
            let doc = outer_doc(&format!(
                "One of the literal values of the pattern `{}`; serializes to the exact string.\n\n{schema_line}\n\n{users}",
                ty.schema
                    .get("pattern")
                    .and_then(|p| p.as_str())
                    .unwrap_or_default()
            ));
            let literals: Vec<&str> = variants.iter().map(|(_, l)| l.as_str()).collect();
            let expected = format!("one of {}", literals.join(", "));
            let idents: Vec<Ident> = variants.iter().map(|(v, _)| ident(v)).collect();
            let docs: Vec<TokenStream> = variants
                .iter()
                .map(|(_, l)| outer_doc(&format!("`\"{l}\"`")))
                .collect();
            let count = variants.len();
            let debug_names: Vec<String> = variants
                .iter()
                .map(|(v, _)| format!("{name_str}::{}", v.trim_start_matches("r#")))
                .collect();
            quote! {
                #doc
                #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
                            _ => Err(InvalidValue::new(#name_str, #expected, text)),
                        }
                    }
                }
                impl fmt::Display for #name {
                    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(self.as_str())
                    }
                }
                crate::support::string_traits!(#name, #expected, #schema_text);
            }
        }
        SharedKind::Digits => {
            let expected = "a string of ASCII digits that fits in 64 bits";
            let doc = outer_doc(&format!(
                "A number that travels as a digit string (`\"5432\"`).\n\n\
                 Stricter than the pattern `^\\d+$` in one way: the value must fit in a `u64`.\n\
                 Leading zeros are accepted and dropped when written back.\n\n{schema_line}\n\n{users}"
            ));
            let panic_message = format!("{name_str}::from_static: not {expected}");
            quote! {
                #doc
                #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
                pub struct #name(u64);
                impl #name {
                    /// The value.
                    pub const fn new(value: u64) -> Self {
                        Self(value)
                    }
                    /// The value from a literal. Write it as `literal!(Type, "...")` (or in a
                    /// `const` item): the literal is then checked at compile time, and a bad one
                    /// does not compile.
                    ///
                    /// # Panics
                    /// When the literal is not a valid value and the call runs at run time.
                    #[allow(clippy::panic)]
                    pub const fn from_static(text: &'static str) -> Self {
                        match formats::parse_digits(text) {
                            Some(value) => Self(value),
                            None => panic!(#panic_message),
                        }
                    }
                    /// The number.
                    pub const fn get(self) -> u64 {
                        self.0
                    }
                    fn parse_str(text: &str) -> Result<Self, InvalidValue> {
                        match formats::parse_digits(text) {
                            Some(value) => Ok(Self(value)),
                            None => Err(InvalidValue::new(#name_str, #expected, text)),
                        }
                    }
                }
                impl From<u64> for #name {
                    fn from(value: u64) -> Self {
                        Self(value)
                    }
                }
                impl From<u32> for #name {
                    fn from(value: u32) -> Self {
                        Self(u64::from(value))
                    }
                }
                impl From<u16> for #name {
                    fn from(value: u16) -> Self {
                        Self(u64::from(value))
                    }
                }
                impl fmt::Display for #name {
                    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        fmt::Display::fmt(&self.0, f)
                    }
                }
                impl fmt::Debug for #name {
                    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        write!(f, #debug_fmt, self.0)
                    }
                }
                crate::support::string_traits!(#name, #expected, #schema_text);
            }
        }
        SharedKind::IntegerOrDigits => {
            integer_or_digits(&name, name_str, &schema_text, &schema_line, &users)
        }
        SharedKind::StringOrInteger => {
            string_or_integer(&name, name_str, &schema_text, &schema_line, &users)
        }
        SharedKind::Host => validated_string(
            &name,
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
        ),
        SharedKind::Timestamp => validated_string(
            &name,
            "an RFC 3339 date-time",
            quote! { formats::is_date_time(text) },
            &schema_text,
            &format!(
                "An RFC 3339 date-time (`format: date-time`), e.g. `2018-04-30T17:00:00Z`.\n\n{schema_line}\n\n{users}"
            ),
        ),
        SharedKind::Uri => validated_string(
            &name,
            "an absolute URI (RFC 3986)",
            quote! { formats::is_uri(text) },
            &schema_text,
            &format!("An absolute URI (`format: uri`, RFC 3986).\n\n{schema_line}\n\n{users}"),
        ),
        SharedKind::Pattern(source) => {
            let compiled = pattern::compile(source).map_err(|why| {
                SpecError::file(
                    std::path::Path::new("spec"),
                    format!("the pattern {source:?} of {name_str} is not supported: {why}"),
                )
            })?;
            let matcher = compiled.matcher_tokens();
            let expected = format!("a string matching the pattern {source}");
            validated_string(
                &name,
                &expected,
                // A constant: the matcher is built once, at compile time.
                quote! {{
                    const MATCHER: crate::support::pattern::Matcher = #matcher;
                    MATCHER.matches(text)
                }},
                &schema_text,
                &format!(
                    "A string matching the pattern `{source}` (checked without a regex engine; also\n\
                     in const contexts).\n\n{schema_line}\n\n{users}"
                ),
            )
        }
        SharedKind::Schedule {
            frequency,
            anchor_time,
        } => schedule(ir, &name, *frequency, *anchor_time, &users),
    })
}

fn validated_string(
    name: &Ident,
    expected: &str,
    check: TokenStream,
    schema_text: &str,
    doc: &str,
) -> TokenStream {
    let doc = outer_doc(doc);
    quote! {
        #doc
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct #name(Cow<'static, str>);
        impl #name {
            /// Whether `text` is a valid value.
            pub const fn is_valid(text: &str) -> bool {
                #check
            }
        }
        crate::support::validated_string!(#name, #expected, #schema_text);
    }
}

fn integer_or_digits(
    name: &Ident,
    name_str: &str,
    schema_text: &str,
    schema_line: &str,
    users: &str,
) -> TokenStream {
    let expected = "a non-negative integer, or a string of ASCII digits, that fits in 64 bits";
    let debug_fmt = format!("{name_str}({{}})");
    let debug_string_fmt = format!("{name_str}(\"{{}}\")");
    let doc = outer_doc(&format!(
        "A number given either as a JSON integer or as a digit string, written back in the form it\n\
         came in; [`{name_str}::new`] makes a JSON integer.\n\n\
         Stricter than the report card in two ways: the integer must be non-negative, and the\n\
         string must be all digits (the card's `^\\d+` only requires it to start with one).\n\n\
         ```\n\
         use stitch_connect_schema::common::{name_str};\n\
         let from_string: {name_str} = serde_json::from_str(\"\\\"100\\\"\").unwrap();\n\
         assert_eq!(from_string.get(), 100);\n\
         assert_eq!(serde_json::to_string(&from_string).unwrap(), \"\\\"100\\\"\");\n\
         assert_eq!(serde_json::to_string(&{name_str}::new(100)).unwrap(), \"100\");\n\
         ```\n\n{schema_line}\n\n{users}"
    ));
    quote! {
        #doc
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        pub struct #name {
            value: u64,
            as_string: bool,
        }
        impl #name {
            /// The value, written as a JSON integer.
            pub const fn new(value: u64) -> Self {
                Self { value, as_string: false }
            }
            /// The value, written as a digit string.
            pub const fn digits(value: u64) -> Self {
                Self { value, as_string: true }
            }
            /// The number.
            pub const fn get(self) -> u64 {
                self.value
            }
            /// Whether it is written as a digit string.
            pub const fn is_string(self) -> bool {
                self.as_string
            }
            fn parse_str(text: &str) -> Result<Self, InvalidValue> {
                match formats::parse_digits(text) {
                    Some(value) => Ok(Self::digits(value)),
                    None => Err(InvalidValue::new(#name_str, #expected, text)),
                }
            }
        }
        impl From<u64> for #name {
            fn from(value: u64) -> Self {
                Self::new(value)
            }
        }
        impl fmt::Display for #name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.value, f)
            }
        }
        impl fmt::Debug for #name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                if self.as_string {
                    write!(f, #debug_string_fmt, self.value)
                } else {
                    write!(f, #debug_fmt, self.value)
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
                if self.as_string {
                    serializer.collect_str(&self.value)
                } else {
                    serializer.serialize_u64(self.value)
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
                        u64::try_from(value)
                            .map(#name::new)
                            .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(value), &self))
                    }
                    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<#name, E> {
                        #name::parse_str(text).map_err(E::custom)
                    }
                }
                deserializer.deserialize_any(Visitor)
            }
        }
        impl schemars::JsonSchema for #name {
            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed(#name_str)
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                crate::support::schema_from_json(#schema_text)
            }
        }
    }
}

fn string_or_integer(
    name: &Ident,
    name_str: &str,
    schema_text: &str,
    schema_line: &str,
    users: &str,
) -> TokenStream {
    let doc = outer_doc(&format!(
        "A value the reference documents as `STRING/INTEGER`: a JSON string or integer, kept as\n\
         given.\n\n{schema_line}\n\n{users}"
    ));
    quote! {
        #doc
        #[derive(Clone, PartialEq, Eq, Hash, Debug)]
        pub enum #name {
            /// A JSON string.
            String(String),
            /// A JSON integer.
            Integer(i64),
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
                Self::Integer(value)
            }
        }
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    Self::String(text) => serializer.serialize_str(text),
                    Self::Integer(value) => serializer.serialize_i64(*value),
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
                        Ok(#name::Integer(value))
                    }
                    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<#name, E> {
                        i64::try_from(value)
                            .map(#name::Integer)
                            .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(value), &self))
                    }
                    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<#name, E> {
                        Ok(#name::String(text.to_owned()))
                    }
                }
                deserializer.deserialize_any(Visitor)
            }
        }
        impl schemars::JsonSchema for #name {
            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed(#name_str)
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                crate::support::schema_from_json(#schema_text)
            }
        }
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
         are each optional on the report card, but one schedule is required, so sources take one\n\
         `Schedule` value instead of the three.\n\n\
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
