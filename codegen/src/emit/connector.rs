//! One module per typed connector: its properties structs, their required-fields structs,
//! setters, serde impls (deserializing validates every value), `Debug` that never prints a
//! secret, `JsonSchema`, and the reference's examples as doctests.

use super::schemas::json_schema_impl;
use super::{ident, map_visitor_impl};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use serde_json::Value;

use super::docs::{documented, outer_doc, prose};
use crate::error::SpecError;
use crate::model::reference::Kind;
use crate::normalize::build_ir::{EXTRA_FIELD, SCHEDULE_FIELD, UNEXPECTED_FIELD};
use crate::normalize::ir::{
    Access, Connector, Field, Ir, IrExample, SharedKind, Struct, ValueType, Verdict,
};
use crate::normalize::names::{self, lowercase_first};
use crate::output::OutputFile;

/// The module's path relative to `generated/`.
pub fn module_path(connector: &Connector) -> String {
    format!("src/{}/{}.rs", kind_dir(connector.kind), connector.module)
}

/// `sources` or `destinations`.
pub fn kind_dir(kind: Kind) -> &'static str {
    match kind {
        Kind::Source => "sources",
        Kind::Destination => "destinations",
    }
}

/// The module file of one connector.
pub fn connector_rs(ir: &Ir, connector: &Connector) -> Result<OutputFile, SpecError> {
    let doc = super::inner_doc(&module_doc(connector));
    // Requests never send read-only properties: the step structs refuse them.
    let connector = &crate::normalize::steps::request_view(connector);
    let mut items = Vec::new();
    let mut ordered: Vec<&Struct> = connector
        .structs
        .iter()
        .filter(|s| s.step.is_some())
        .collect();
    ordered.extend(connector.structs.iter().filter(|s| s.step.is_none()));
    for s in &ordered {
        items.push(struct_items(ir, connector, s));
    }
    for s in connector.update.iter().chain(&connector.response) {
        items.push(struct_items(ir, connector, s));
    }
    items.push(unit_tests(ir, connector, &ordered));
    super::rust_file(
        &module_path(connector),
        quote! {
            #doc
            #(#items)*
        },
    )
}

fn module_doc(connector: &Connector) -> String {
    let kind = connector.kind.as_str();
    let mut doc = format!(
        "{} (`{}`), a {kind}.\n\n",
        prose(&connector.display_name),
        connector.api_type
    );
    if let Some(intro) = &connector.intro {
        if connector.prose_is_markdown() {
            doc.push_str(&documented(intro, true));
        } else {
            // The scraped reference breaks lines where the page had inline code.
            doc.push_str(&prose(&intro.replace("\n.", ".").replace('\n', " ")));
        }
        doc.push_str("\n\n");
    }
    doc.push_str(&format!(
        "Cargo feature: `{}`. Properties from {}.\n\n",
        connector.feature,
        match (connector.basis, &connector.details, connector.documentation) {
            (crate::normalize::ir::Basis::Card, _, Some(documentation)) => format!(
                "its captured report card (the truth for wire constraints), documented by {}",
                documentation.words()
            ),
            (crate::normalize::ir::Basis::Card, _, None) =>
                "its captured report card (the truth for wire constraints)".to_owned(),
            (_, Some(_), documentation) => format!(
                "{}: its captured report card lists no steps (it gives the details below, not properties)",
                documentation.map_or("the documentation", |d| d.words())
            ),
            (_, None, documentation) => format!(
                "{} (no report card is captured for this type)",
                documentation.map_or("the documentation", |d| d.words())
            ),
        }
    ));
    if !connector.card_steps.is_empty() {
        doc.push_str(&format!(
            "Steps (report card): {}.\n\n",
            connector
                .card_steps
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(" → ")
        ));
    }
    if let Some(details) = &connector.details {
        let mut rows = Vec::new();
        let mut row = |name: &str, value: Option<String>| {
            if let Some(value) = value {
                rows.push(format!("| {name} | {value} |"));
            }
        };
        row("Pricing tier", details.pricing_tier.clone());
        row("Pipeline state", details.pipeline_state.clone());
        row("Default start date", details.default_start_date.clone());
        row(
            "Default scheduling interval",
            details
                .default_scheduling_interval
                .map(|m| format!("{m} minutes")),
        );
        row(
            "Protocol",
            details.protocol.clone().map(|p| format!("`{p}`")),
        );
        row("Access", details.access.map(|a| a.to_string()));
        row(
            "Image version",
            details.image_version.clone().map(|v| format!("`{v}`")),
        );
        if !rows.is_empty() {
            doc.push_str("| Detail | Value |\n|---|---|\n");
            doc.push_str(&rows.join("\n"));
            doc.push_str("\n\n");
        }
    }
    let steps: Vec<String> = connector
        .structs
        .iter()
        .filter(|s| s.step.is_some())
        .map(|s| {
            format!(
                "[`{}`] (`{}` step)",
                s.name,
                s.step.as_deref().unwrap_or_default()
            )
        })
        .collect();
    if let Some(replacement) = &connector.replaced_by {
        doc.push_str(&format!(
            "Its report card names the type that replaces it: `{replacement}`.\n\n"
        ));
    }
    if steps.is_empty() {
        doc.push_str("Its report card lists no steps: no request types.");
    } else {
        doc.push_str(&format!("Request types: {}.", steps.join(", ")));
    }
    for example in &connector.untyped_examples {
        // A fence longer than any run of backticks in the text.
        let fence = "`".repeat(
            (3..)
                .find(|n| !example.json.contains(&"`".repeat(*n)))
                .unwrap_or(3),
        );
        doc.push_str(&format!(
            "\n\n{} (from {}). The report card lists no properties for the `{}` \
             step, so no struct of this module types them; send such properties as JSON (the \
             `api` feature's `from_json_keeping_unknown` keeps keys the card does not list)",
            prose(&example.title),
            connector
                .documentation
                .map_or("the documentation", |d| d.words()),
            example.step,
        ));
        match untyped_example_test(connector, &example.json) {
            Some(test) => doc.push_str(&format!(":\n\n{fence}\n{test}{fence}")),
            None => doc.push_str(&format!(
                ":\n\n{fence}json\n{}\n{fence}",
                example.json.trim_end()
            )),
        }
    }
    doc
}

/// A doctest of an example for a step no struct types, when it is a JSON object and the
/// connector has an update struct: the struct refuses the keys the card does not list, and
/// keeps them all, sent back as given, when asked to (with every key known, it takes them).
fn untyped_example_test(connector: &Connector, json: &str) -> Option<String> {
    let Ok(Value::Object(object)) = serde_json::from_str::<Value>(json) else {
        return None;
    };
    let update = connector.update.as_ref()?;
    let path = format!(
        "stitch_connect_schema::{}::{}::{}",
        kind_dir(connector.kind),
        connector.module,
        update.name
    );
    let known = |key: &String| {
        update.fields.iter().any(|f| &f.wire == key)
            || update.refused.contains(key)
            || update.immutable.contains(key)
    };
    let all_known = object.keys().all(known);
    let hashes = raw_string_hashes(json);
    let text = json.trim_end().replace('\n', "\n    ");
    let mut test = format!(
        "let json: serde_json::Value = serde_json::from_str(r{hashes}\"\n    {text}\n    \"{hashes})?;\n"
    );
    if all_known {
        test.push_str(&format!(
            "let properties: {path} = serde_json::from_value(json.clone())?;\n\
             assert_eq!(serde_json::to_value(&properties)?, json);\n"
        ));
    } else {
        test.push_str(&format!(
            "// Not all are properties of the report card: a typed update refuses them...\n\
             assert!(serde_json::from_value::<{path}>(json.clone()).is_err());\n\
             // ...and keeps them, sent back as given, when asked to.\n\
             let kept = {path}::deserialize_keeping_unknown(json.clone())?;\n\
             assert_eq!(serde_json::to_value(&kept)?, json);\n"
        ));
    }
    test.push_str("# Ok::<(), serde_json::Error>(())\n");
    Some(test)
}

/// The `#`s of a raw string literal that can hold `text` (more than any `"#…` run in it).
fn raw_string_hashes(text: &str) -> String {
    "#".repeat(
        (1..)
            .find(|n| !text.contains(&format!("\"{}", "#".repeat(*n))))
            .unwrap_or(1),
    )
}

/// The Rust type of a value (without `Option`/`Secret`).
pub(crate) fn value_tokens(ir: &Ir, value: &ValueType) -> TokenStream {
    match value {
        ValueType::Text => quote! { String },
        ValueType::JsonBool | ValueType::BoolString => quote! { bool },
        ValueType::Integer => quote! { crate::Integer },
        ValueType::Number => quote! { f64 },
        ValueType::Shared(id) => {
            let name = ident(&ir.shared(*id).name);
            quote! { crate::common::#name }
        }
        ValueType::Nested(name) => {
            let name = ident(name);
            quote! { #name }
        }
        ValueType::List(item) => {
            let item = value_tokens(ir, item);
            quote! { Vec<#item> }
        }
        ValueType::Json => quote! { serde_json::Value },
    }
}

/// The value's type with `Secret` for credentials (what one property holds).
pub(crate) fn held_type(ir: &Ir, field: &Field) -> TokenStream {
    let value = value_tokens(ir, &field.value);
    if field.credential.is_some() {
        quote! { crate::Secret<#value> }
    } else {
        value
    }
}

/// Whether a field holds a checked shared type (not a secret) that is made from text, never
/// by a conversion: its setter takes `IntoChecked`, whose error points to `literal!` and
/// `.parse()`. Structs and checked JSON are built, not parsed: their setters take `Into`.
fn checked_value(ir: &Ir, field: &Field) -> bool {
    match (&field.value, &field.credential) {
        (ValueType::Shared(id), None) => !matches!(
            ir.shared(*id).kind,
            SharedKind::StringOrInteger
                | SharedKind::Schedule { .. }
                | SharedKind::Object { .. }
                | SharedKind::Validated(_)
        ),
        _ => false,
    }
}

/// Whether a field's value is made from a JSON string and nothing else (`support::FromText`):
/// text, string booleans, the checked string types, and secrets of those.
fn made_from_text(ir: &Ir, field: &Field) -> bool {
    match &field.value {
        ValueType::Text => true,
        // Read as `BoolString`, unless a secret (then as what the secret holds).
        ValueType::BoolString => bool_string(field),
        ValueType::Shared(id) => !matches!(
            ir.shared(*id).kind,
            SharedKind::StringOrInteger
                | SharedKind::IntegerOrDigits
                | SharedKind::Schedule { .. }
                | SharedKind::Object { .. }
                | SharedKind::Validated(_)
        ),
        _ => false,
    }
}

/// Whether a field travels as a "true"/"false" string (and is not a secret).
fn bool_string(field: &Field) -> bool {
    field.value == ValueType::BoolString && field.credential.is_none()
}

pub(crate) enum Slot<'a> {
    Schedule,
    Field(&'a Field),
}

pub(crate) fn slots(s: &Struct) -> Vec<Slot<'_>> {
    let mut out = Vec::new();
    let mut schedule_done = false;
    for (i, field) in s.fields.iter().enumerate() {
        if s.in_schedule(i) {
            if !schedule_done {
                out.push(Slot::Schedule);
                schedule_done = true;
            }
        } else {
            out.push(Slot::Field(field));
        }
    }
    out
}

fn field_doc(ir: &Ir, connector: &Connector, field: &Field) -> String {
    let mut doc = String::new();
    if let Some(description) = field.description.as_deref().map(str::trim)
        && !description.is_empty()
    {
        doc.push_str(&documented(description, connector.prose_is_markdown()));
        doc.push_str("\n\n");
    }
    doc.push_str(match field.access {
        Access::Required => "**Required.**",
        Access::Optional => "Optional.",
        Access::Provided => {
            "Optional: Stitch provides it when it performs this step; set it when you perform the step yourself."
        }
        Access::NotSettable(why) => why.describe(),
    });
    if let Access::NotSettable(_) = field.access {
        doc.push_str(". No setter: kept when read, never set.");
    }
    if let Some(why) = &field.credential {
        doc.push_str(&format!(
            " **Credential**: a [`Secret`](crate::Secret), never printed ({}).",
            prose(why)
        ));
    }
    doc.push_str(&format!(
        "\n\nWire name `{}`. Constraint: {}",
        field.wire,
        prose(&field.constraint_source)
    ));
    match (&field.schema, &field.value) {
        (Some(schema), _) => doc.push_str(&format!(
            ", `{}`",
            crate::normalize::field_types::canonical(schema)
        )),
        (None, ValueType::Shared(id)) => doc.push_str(&format!(
            ", `{}`",
            crate::normalize::field_types::canonical(&ir.shared(*id).schema)
        )),
        _ => {}
    }
    doc.push('.');
    // The documented example values (a credential's are placeholders, and none is shown).
    if field.credential.is_none() {
        let values: Vec<String> = super::schemas::example_values(connector, &field.wire, false)
            .iter()
            .map(Value::to_string)
            .filter(|text| text.len() <= MAX_EXAMPLE_IN_DOC)
            .map(|text| code_span(&text))
            .collect();
        if !values.is_empty() {
            doc.push_str(&format!(" Documented example: {}.", values.join(", ")));
        }
    }
    doc
}

/// The longest example value a field's doc shows inline (longer ones are in the struct's
/// examples).
const MAX_EXAMPLE_IN_DOC: usize = 120;

/// `text` as a Markdown code span, fenced by more backticks than it holds in a row.
fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

fn struct_items(ir: &Ir, connector: &Connector, s: &Struct) -> TokenStream {
    let name = ident(&s.name);
    let name_str = s.name.as_str();
    let owner = format!("{} {}", connector.api_type, s.name);
    let slots = slots(s);
    let has_required =
        s.schedule.is_some() || s.fields.iter().any(|f| f.access == Access::Required);
    let extra = ident(EXTRA_FIELD);
    let schedule_ident = ident(SCHEDULE_FIELD);

    // The struct and its required-fields struct.
    let mut fields = Vec::new();
    let mut required_fields = Vec::new();
    let mut required_idents = Vec::new();
    let mut defaults = Vec::new();
    let mut setters = Vec::new();
    let mut getters = Vec::new();
    let mut debug = Vec::new();
    let mut serialize = Vec::new();
    for slot in &slots {
        match slot {
            Slot::Schedule => {
                let doc = outer_doc(
                    "**Required.** The replication schedule: `frequency_in_minutes` (optionally with\n\
                     `anchor_time`) or `cron_expression`.",
                );
                fields.push(quote! { #doc pub #schedule_ident: crate::common::Schedule });
                required_fields.push(quote! { #doc pub #schedule_ident: crate::common::Schedule });
                required_idents.push(schedule_ident.clone());
                debug.push(quote! { .field(#SCHEDULE_FIELD, &self.#schedule_ident) });
                let mut parts: Vec<(usize, &str)> = s
                    .schedule
                    .as_ref()
                    .map(|p| {
                        vec![
                            (p.frequency, "frequency"),
                            (p.anchor_time, "anchor"),
                            (p.cron_expression, "cron"),
                        ]
                    })
                    .unwrap_or_default();
                parts.sort_unstable();
                for (index, part) in parts {
                    let wire = s.fields[index].wire.as_str();
                    serialize.push(match part {
                        "frequency" => quote! {
                            if let Some(value) = self.#schedule_ident.frequency_in_minutes() {
                                map.serialize_entry(#wire, &value)?;
                            }
                        },
                        "anchor" => quote! {
                            if let Some(value) = self.#schedule_ident.anchor_time() {
                                map.serialize_entry(#wire, value)?;
                            }
                        },
                        _ => quote! {
                            if let Some(value) = self.#schedule_ident.cron_expression() {
                                map.serialize_entry(#wire, value)?;
                            }
                        },
                    });
                }
            }
            Slot::Field(field) => {
                let rust = ident(&field.rust);
                let wire = field.wire.as_str();
                let held = held_type(ir, field);
                let doc = outer_doc(&field_doc(ir, connector, field));
                debug.push(quote! { .field(#wire, &self.#rust) });
                let entry = if bool_string(field) {
                    quote! { crate::support::bool_str(*value) }
                } else {
                    quote! { value }
                };
                match field.access {
                    Access::Required => {
                        fields.push(quote! { #doc pub #rust: #held });
                        required_fields.push(quote! { #doc pub #rust: #held });
                        required_idents.push(rust.clone());
                        serialize.push(quote! {
                            let value = &self.#rust;
                            map.serialize_entry(#wire, #entry)?;
                        });
                    }
                    Access::Optional | Access::Provided => {
                        fields.push(quote! { #doc pub #rust: Option<#held> });
                        defaults.push(quote! { #rust: None });
                        let setter = ident(&format!("with_{}", field.rust.trim_end_matches('_')));
                        let setter_doc = outer_doc(&format!("Sets `{wire}`."));
                        setters.push(if checked_value(ir, field) {
                            // A checked value is made by `literal!` or `.parse()`: where a
                            // string is passed, the compiler says so.
                            quote! {
                                #setter_doc
                                #[must_use]
                                pub fn #setter(mut self, value: impl crate::support::IntoChecked<#held>) -> Self {
                                    self.#rust = Some(value.into_checked());
                                    self
                                }
                            }
                        } else {
                            quote! {
                                #setter_doc
                                #[must_use]
                                pub fn #setter(mut self, value: impl Into<#held>) -> Self {
                                    self.#rust = Some(value.into());
                                    self
                                }
                            }
                        });
                        serialize.push(quote! {
                            if let Some(value) = &self.#rust {
                                map.serialize_entry(#wire, #entry)?;
                            }
                        });
                    }
                    Access::NotSettable(_) => {
                        fields.push(quote! { #doc #rust: Option<#held> });
                        defaults.push(quote! { #rust: None });
                        let getter_doc = outer_doc(&format!(
                            "`{wire}`, when it was read from JSON (no setter; {}).",
                            match field.access {
                                Access::NotSettable(why) => lowercase_first(why.describe()),
                                _ => String::new(),
                            }
                        ));
                        getters.push(quote! {
                            #getter_doc
                            pub fn #rust(&self) -> Option<&#held> {
                                self.#rust.as_ref()
                            }
                        });
                        // Where a newcomer looks for the setter, the compiler says why there
                        // is none: no type implements the sealed trait.
                        let setter = ident(&format!("with_{}", field.rust.trim_end_matches('_')));
                        getters.push(quote! {
                            #[doc(hidden)]
                            pub fn #setter<V: crate::support::NotSettable>(self, value: V) -> Self {
                                let _ = value;
                                self
                            }
                        });
                        serialize.push(quote! {
                            if let Some(value) = &self.#rust {
                                map.serialize_entry(#wire, #entry)?;
                            }
                        });
                    }
                }
            }
        }
    }
    // A read-only property the struct refuses: where a newcomer looks for its setter, the
    // compiler says why there is none.
    let taken: Vec<String> = s
        .fields
        .iter()
        .map(|f| format!("with_{}", f.rust.trim_end_matches('_')))
        .chain(
            s.carries
                .iter()
                .map(|c| format!("with_{}", c.field.trim_end_matches('_'))),
        )
        .collect();
    let mut refused_setters: Vec<String> = Vec::new();
    for wire in &s.refused {
        let name = format!("with_{}", names::snake(wire).trim_end_matches('_'));
        if taken.contains(&name) || refused_setters.contains(&name) {
            continue;
        }
        let setter = ident(&name);
        refused_setters.push(name);
        getters.push(quote! {
            #[doc(hidden)]
            pub fn #setter<V: crate::support::NotSettable>(self, value: V) -> Self {
                let _ = value;
                self
            }
        });
    }
    // The other steps this struct carries (the form carries OAuth's).
    for carried in &s.carries {
        let field = ident(&carried.field);
        let held = ident(&carried.struct_name);
        let name = carried.field.as_str();
        let step = carried.step.as_str();
        let doc = outer_doc(&format!(
            "The `{step}` step's properties, sent with these when you perform that step yourself
             (Stitch performs it otherwise)."
        ));
        fields.push(quote! { #doc pub #field: Option<#held> });
        defaults.push(quote! { #field: None });
        let setter = ident(&format!("with_{}", carried.field.trim_end_matches('_')));
        let setter_doc = outer_doc(&format!("Sends the `{step}` step's properties too."));
        setters.push(quote! {
            #setter_doc
            #[must_use]
            pub fn #setter(mut self, value: #held) -> Self {
                self.#field = Some(value);
                self
            }
        });
        debug.push(quote! { .field(#name, &self.#field) });
        serialize.push(quote! {
            if let Some(step) = &self.#field {
                step.serialize_entries(map)?;
            }
        });
    }
    if s.lenient {
        let unexpected = ident(UNEXPECTED_FIELD);
        fields.push(quote! { #unexpected: crate::RawProperties });
        defaults.push(quote! { #unexpected: crate::RawProperties::new() });
        getters.push(quote! {
            /// Properties whose value their type does not take (a placeholder, a drifted
            /// constraint), as they came; written back as they came.
            pub fn unexpected_properties(&self) -> &crate::RawProperties {
                &self.#unexpected
            }
        });
        debug.push(quote! { .field(#UNEXPECTED_FIELD, &self.#unexpected) });
        serialize.push(quote! {
            for (name, value) in self.#unexpected.iter() {
                map.serialize_entry(name, value)?;
            }
        });
    }
    let all_wire: Vec<&str> = s.fields.iter().map(|f| f.wire.as_str()).collect();
    // The names an extra property may not take: the struct's own, those it refuses, and those
    // of the steps it carries.
    let known = if s.refused.is_empty() && s.immutable.is_empty() && s.carries.is_empty() {
        quote! { Self::PROPERTIES }
    } else {
        let names = all_wire
            .iter()
            .copied()
            .chain(s.refused.iter().map(String::as_str))
            .chain(s.immutable.iter().map(String::as_str))
            .chain(
                s.carries
                    .iter()
                    .flat_map(|c| c.wires.iter().map(String::as_str)),
            );
        quote! { &[#(#names),*] }
    };

    let examples_doc = examples_doc(connector, s);
    let required_doc = if has_required {
        format!(
            " and a [`{}`] (a missing required property is a compile error)",
            s.required_name
        )
    } else {
        String::new()
    };
    let struct_doc = outer_doc(&format!(
        "{}\n\n\
         Build it with [`{name_str}::new`]{}; optional properties have `with_` setters.\n\
         {}{examples_doc}",
        s.summary,
        required_doc,
        match s.verdict {
            Some(verdict) => format!(
                "Deserializing accepts exactly what [`{}`](crate::{0}) accepts{} and refuses\n\
                 anything else with every problem it lists (the validator's messages, with the\n\
                 `validation` feature): unknown and read-only properties included (and, in an\n\
                 update, those that cannot change once set). To keep\n\
                 properties newer than this crate, use [`{name_str}::deserialize_keeping_unknown`].",
                match verdict {
                    Verdict::Create => "validate_properties",
                    Verdict::Update => "validate_update_properties",
                },
                if s.other_steps.is_empty() {
                    ""
                } else {
                    " of this step's properties (another step's are refused, and listed after)"
                }
            ),
            None => format!(
                "Deserializing validates every value and reports the property at fault. Properties the\n\
                 spec does not know are kept in [`{name_str}::extra_properties`] and sent back."
            ),
        },
    ));
    let required_item = if has_required {
        let required_name = ident(&s.required_name);
        let doc = outer_doc(&format!(
            "The required properties of [`{name_str}`]: every field must be given, so a missing\n\
             property is a compile error naming it."
        ));
        quote! {
            #doc
            pub struct #required_name {
                #(#required_fields,)*
            }
        }
    } else {
        quote! {}
    };
    let constructor = if has_required {
        let required_name = ident(&s.required_name);
        quote! {
            /// The properties from their required values; optional ones start unset.
            pub fn new(required: #required_name) -> Self {
                let #required_name { #(#required_idents),* } = required;
                Self {
                    #(#required_idents,)*
                    #(#defaults,)*
                    #extra: crate::ExtraProperties::default(),
                }
            }
        }
    } else {
        quote! {
            /// The properties, all unset.
            pub fn new() -> Self {
                Self {
                    #(#defaults,)*
                    #extra: crate::ExtraProperties::default(),
                }
            }
        }
    };
    let default_impl = if has_required {
        quote! {}
    } else {
        quote! {
            impl Default for #name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    };
    let deserialize = deserialize_impl(ir, connector, s, &slots);
    // Requests (steps and updates) export a schema for forms; nested objects their shape.
    let schema = if s.step.is_some() || connector.update.as_ref().is_some_and(|u| u.name == s.name)
    {
        super::schemas::request_schema(ir, connector, s)
    } else {
        super::schemas::struct_schema(ir, connector, s)
    };
    let json_schema = json_schema_impl(&name, &schema.to_string());
    quote! {
        #struct_doc
        #[derive(Clone, PartialEq)]
        pub struct #name {
            #(#fields,)*
            #extra: crate::ExtraProperties,
        }
        #required_item
        impl #name {
            /// Every property name this struct knows, in spec order.
            pub const PROPERTIES: &'static [&'static str] = &[#(#all_wire),*];
            #constructor
            #(#setters)*
            #(#getters)*
            /// Properties the spec does not know, sent after the known ones.
            pub fn extra_properties(&self) -> &crate::ExtraProperties {
                &self.#extra
            }
            /// Writes every property into `map`: what `Serialize` writes inside the object.
            pub(crate) fn serialize_entries<M: serde::ser::SerializeMap>(
                &self,
                map: &mut M,
            ) -> Result<(), M::Error> {
                #(#serialize)*
                for (name, value) in self.#extra.iter() {
                    map.serialize_entry(name, value)?;
                }
                Ok(())
            }
            /// Adds a property the spec does not know yet. It is sent after the known ones; reading
            /// it back takes `deserialize_keeping_unknown` where the struct refuses unknown
            /// properties (request structs).
            ///
            /// # Errors
            /// When `name` is one of [`Self::PROPERTIES`] (set it through its field instead), or
            /// a property the struct refuses (read-only, or in an update one that cannot change
            /// once set).
            pub fn try_with_extra_property(
                mut self,
                name: impl Into<String>,
                value: serde_json::Value,
            ) -> Result<Self, crate::ExtraPropertyError> {
                self.#extra.insert_checked(#owner, #known, name.into(), value)?;
                Ok(self)
            }
        }
        #default_impl
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#name_str)
                    #(#debug)*
                    .field(#EXTRA_FIELD, &self.#extra)
                    .finish()
            }
        }
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(None)?;
                self.serialize_entries(&mut map)?;
                map.end()
            }
        }
        #deserialize
        #json_schema
    }
}

fn deserialize_impl(ir: &Ir, connector: &Connector, s: &Struct, slots: &[Slot<'_>]) -> TokenStream {
    if let Some(verdict) = s.verdict {
        return request_deserialize_impl(ir, connector, s, slots, verdict);
    }
    let name = ident(&s.name);
    let extra = ident(EXTRA_FIELD);
    let expecting = match &s.step {
        Some(step) => format!("the `{step}` properties of {}", connector.api_type),
        None => format!("the `{}` object of {}", s.name, connector.api_type),
    };
    let mut locals = Vec::new();
    let mut arms = Vec::new();
    for field in &s.fields {
        let local = ident(&format!("v_{}", field.rust.trim_end_matches('_')));
        let wire = field.wire.as_str();
        let held = held_type(ir, field);
        locals.push(quote! { let mut #local: Option<#held> = None; });
        if s.lenient {
            let read = if bool_string(field) {
                quote! { crate::support::lenient::<crate::support::BoolString>(&value).map(|b| b.0) }
            } else {
                quote! { crate::support::lenient::<#held>(&value) }
            };
            arms.push(quote! {
                #wire => {
                    if #local.is_some() || unexpected.contains_key(#wire) {
                        return Err(duplicate(#wire));
                    }
                    let value = map.next_value::<serde_json::Value>()?;
                    match #read {
                        Some(read) => #local = Some(read),
                        None => {
                            unexpected.insert(key.into_owned(), value);
                        }
                    }
                }
            });
            continue;
        }
        let read = if bool_string(field) {
            quote! { map.next_value::<crate::support::BoolString>().map_err(|e| in_property(#wire, e))?.0 }
        } else {
            quote! { map.next_value::<#held>().map_err(|e| in_property(#wire, e))? }
        };
        arms.push(quote! {
            #wire => {
                if #local.is_some() {
                    return Err(duplicate(#wire));
                }
                #local = Some(#read);
            }
        });
    }
    // Nested objects and responses: only request structs refuse or carry properties
    // (`request_deserialize_impl`).
    let mut carried_inits = Vec::new();
    if s.lenient {
        let unexpected = ident(UNEXPECTED_FIELD);
        locals.push(if s.fields.is_empty() {
            quote! { let unexpected = crate::RawProperties::new(); }
        } else {
            quote! { let mut unexpected = crate::RawProperties::new(); }
        });
        carried_inits.push(quote! { #unexpected: unexpected });
    }
    let unknown = quote! {
        let value = map.next_value::<serde_json::Value>()?;
        #extra.insert_unknown(key.into_owned(), value);
    };
    let dispatch = if arms.is_empty() {
        unknown
    } else {
        quote! {
            match &*key {
                #(#arms)*
                _ => {
                    #unknown
                }
            }
        }
    };
    let mut inits = Vec::new();
    for slot in slots {
        match slot {
            Slot::Schedule => {
                let Some(parts) = &s.schedule else { continue };
                let local =
                    |i: usize| ident(&format!("v_{}", s.fields[i].rust.trim_end_matches('_')));
                let (f, a, c) = (
                    local(parts.frequency),
                    local(parts.anchor_time),
                    local(parts.cron_expression),
                );
                inits.push(quote! {
                    schedule: crate::common::Schedule::from_parts(#f, #a, #c).ok_or_else(|| {
                        <A::Error as serde::de::Error>::custom(
                            "missing replication schedule: give `frequency_in_minutes` (optionally with `anchor_time`) or `cron_expression`",
                        )
                    })?
                });
            }
            Slot::Field(field) => {
                let rust = ident(&field.rust);
                let local = ident(&format!("v_{}", field.rust.trim_end_matches('_')));
                let wire = field.wire.as_str();
                inits.push(match field.access {
                    Access::Required => quote! { #rust: #local.ok_or_else(|| missing(#wire))? },
                    _ => quote! { #rust: #local },
                });
            }
        }
    }
    let body = quote! {
        use crate::support::{duplicate, in_property, missing};
        #(#locals)*
        let mut #extra = crate::ExtraProperties::default();
        while let Some(crate::support::Key(key)) = map.next_key()? {
            #dispatch
        }
        Ok(#name {
            #(#inits,)*
            #(#carried_inits,)*
            #extra,
        })
    };
    map_visitor_impl(&name, &expecting, &body)
}

/// The `Deserialize` impl of a request struct, with one verdict: what the validator accepts
/// (`verdict` says as what) becomes the struct; anything else is refused with the validator's
/// list of every problem (`support::Reading`). Unknown properties are refused unless the caller
/// asks to keep them (`deserialize_keeping_unknown`).
fn request_deserialize_impl(
    ir: &Ir,
    connector: &Connector,
    s: &Struct,
    slots: &[Slot<'_>],
    verdict: Verdict,
) -> TokenStream {
    let name = ident(&s.name);
    let extra = ident(EXTRA_FIELD);
    let api_type = connector.api_type.as_str();
    let update = verdict == Verdict::Update;
    let expecting = match &s.step {
        Some(step) => format!("the `{step}` properties of {api_type}"),
        None => format!("the `{}` object of {api_type}", s.name),
    };
    let local = |field: &Field| ident(&format!("v_{}", field.rust.trim_end_matches('_')));
    let mut locals = Vec::new();
    let mut arms = Vec::new();
    let mut put_back = Vec::new();
    // What a complete object has: every required property, the schedule, the carried steps.
    let mut complete = Vec::new();
    for field in &s.fields {
        let v = local(field);
        let wire = field.wire.as_str();
        // A string boolean is read (and put back) as its wire form.
        let read = if bool_string(field) {
            quote! { crate::support::BoolString }
        } else {
            held_type(ir, field)
        };
        locals.push(quote! { let mut #v: Option<#read> = None; });
        arms.push(if made_from_text(ir, field) {
            quote! { #wire => reading.text(&mut map, &mut #v, key)?, }
        } else {
            quote! { #wire => reading.value(&mut map, &mut #v, key)?, }
        });
        let required = field.access == Access::Required;
        put_back.push(quote! { reading.typed(#wire, &#v, #required); });
        if required {
            complete.push(quote! { #v.is_some() });
        }
    }
    for wire in &s.refused {
        arms.push(quote! { #wire => reading.read_only(&mut map, key)?, });
    }
    for wire in &s.immutable {
        arms.push(quote! { #wire => reading.immutable(&mut map, key)?, });
    }
    for wire in &s.other_steps {
        arms.push(quote! { #wire => reading.other_step(&mut map, key)?, });
    }
    let mut carried_inits = Vec::new();
    for carried in &s.carries {
        let c = ident(&format!("c_{}", carried.field.trim_end_matches('_')));
        let field = ident(&carried.field);
        let held = ident(&carried.struct_name);
        locals.push(quote! { let mut #c = serde_json::Map::new(); });
        for wire in &carried.wires {
            arms.push(quote! { #wire => reading.carried(&mut map, &mut #c, key)?, });
        }
        complete.push(quote! { #c.is_ok() });
        put_back.push(quote! {
            if let Err(step) = #c {
                reading.carried_back(step);
            }
        });
        carried_inits.push((c.clone(), held, field));
    }
    let carried_reads = carried_inits.iter().map(|(c, held, _)| {
        quote! { let #c = crate::support::carried::<#held>(#c); }
    });
    let carried_fields = carried_inits.iter().map(|(c, _, field)| {
        quote! { #field: #c.ok().flatten() }
    });
    let mut inits = Vec::new();
    for slot in slots {
        match slot {
            Slot::Schedule => {
                let Some(parts) = &s.schedule else { continue };
                let (f, a, c) = (
                    local(&s.fields[parts.frequency]),
                    local(&s.fields[parts.anchor_time]),
                    local(&s.fields[parts.cron_expression]),
                );
                complete.push(quote! { (#f.is_some() || #c.is_some()) });
                put_back.push(quote! { reading.schedule(#f.is_some() || #c.is_some()); });
                inits.push(quote! {
                    schedule: crate::common::Schedule::from_parts(#f, #a, #c)
                        .ok_or_else(|| crate::support::missing::<A::Error>("frequency_in_minutes"))?
                });
            }
            Slot::Field(field) => {
                let rust = ident(&field.rust);
                let v = local(field);
                let wire = field.wire.as_str();
                let value = if bool_string(field) {
                    quote! { #v.map(|b| b.0) }
                } else {
                    quote! { #v }
                };
                inits.push(match field.access {
                    Access::Required => quote! {
                        #rust: #value.ok_or_else(|| crate::support::missing::<A::Error>(#wire))?
                    },
                    _ => quote! { #rust: #value },
                });
            }
        }
    }
    let complete = if complete.is_empty() {
        quote! { reading.is_clean() }
    } else {
        quote! { reading.is_clean() #(&& #complete)* }
    };
    let unknown = quote! { reading.unknown(&mut map, key, &mut #extra, self.keep_unknown)? };
    let dispatch = if arms.is_empty() {
        quote! { #unknown; }
    } else {
        quote! {
            match &*key {
                #(#arms)*
                _ => #unknown,
            }
        }
    };
    let keeping_doc = outer_doc(&format!(
        "Reads the properties as `Deserialize` does, but keeps properties this crate does not\n\
         know in [`{0}::extra_properties`] instead of refusing them (and sends them back):\n\
         for properties newer than the crate's spec.\n\n\
         # Errors\n\
         As `Deserialize`: every problem the validator finds, unknown properties aside.",
        s.name
    ));
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Self::read(deserializer, false)
            }
        }
        impl #name {
            #keeping_doc
            pub fn deserialize_keeping_unknown<'de, D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                Self::read(deserializer, true)
            }
            fn read<'de, D: serde::Deserializer<'de>>(
                deserializer: D,
                keep_unknown: bool,
            ) -> Result<Self, D::Error> {
                struct Visitor {
                    keep_unknown: bool,
                }
                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#name, A::Error> {
                        let mut reading = crate::support::Reading::new();
                        #(#locals)*
                        let mut #extra = crate::ExtraProperties::default();
                        while let Some(crate::support::Key(key)) = map.next_key()? {
                            #dispatch
                        }
                        #(#carried_reads)*
                        if !(#complete) {
                            #(#put_back)*
                            return Err(reading.refuse(#api_type, #update));
                        }
                        Ok(#name {
                            #(#inits,)*
                            #(#carried_fields,)*
                            #extra,
                        })
                    }
                }
                deserializer.deserialize_map(Visitor { keep_unknown })
            }
        }
    }
}

fn examples_doc(connector: &Connector, s: &Struct) -> String {
    let examples: Vec<&IrExample> = connector
        .examples
        .iter()
        .filter(|e| e.struct_name == s.name)
        .collect();
    if examples.is_empty() {
        return String::new();
    }
    let path = format!(
        "stitch_connect_schema::{}::{}::{}",
        kind_dir(connector.kind),
        connector.module,
        s.name
    );
    let mut doc = String::from("\n\n# Examples\n");
    for example in examples {
        let hashes = raw_string_hashes(&example.json);
        // A request never sends a read-only property: the example goes without them.
        let (json, stripped) = without_refused(&example.json, &s.refused);
        let text = json.replace('\n', "\n    ");
        doc.push_str(&format!(
            "\n{} (from {})",
            prose(&example.title),
            connector
                .documentation
                .map_or("the documentation", |d| d.words())
        ));
        if !stripped.is_empty() {
            doc.push_str(&format!(
                ", less the read-only {} (Stitch sets it; a request never sends it)",
                stripped
                    .iter()
                    .map(|name| format!("`{name}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        match (&example.repair, &example.rejected) {
            (_, Some((property, reason))) => {
                doc.push_str(&format!(
                    ": **rejected**, because {}\n\n\
                     ```\n\
                     let error = serde_json::from_str::<{path}>(r{hashes}\"\n    {text}\n    \"{hashes})\n    .unwrap_err()\n    .to_string();\n\
                     assert!(error.contains(\"`{property}`\"), \"{{error}}\");\n\
                     ```\n",
                    prose(&lowercase_first(reason))
                ));
            }
            (repair, None) => {
                if let Some(reason) = repair {
                    doc.push_str(&format!(", repaired: {}", prose(&lowercase_first(reason))));
                }
                doc.push_str(&format!(
                    ":\n\n\
                     ```\n\
                     let json: serde_json::Value = serde_json::from_str(r{hashes}\"\n    {text}\n    \"{hashes})?;\n\
                     let properties: {path} = serde_json::from_value(json.clone())?;\n\
                     assert_eq!(serde_json::to_value(&properties)?, json);\n\
                     # Ok::<(), serde_json::Error>(())\n\
                     ```\n"
                ));
            }
        }
    }
    doc
}

/// The example's JSON text without the `refused` properties, and the names taken out; the text
/// as it is when it has none (or is not a JSON object).
fn without_refused(json: &str, refused: &[String]) -> (String, Vec<String>) {
    let Ok(Value::Object(mut object)) = serde_json::from_str::<Value>(json) else {
        return (json.to_owned(), Vec::new());
    };
    let stripped: Vec<String> = refused
        .iter()
        .filter(|name| object.remove(name.as_str()).is_some())
        .cloned()
        .collect();
    if stripped.is_empty() {
        return (json.to_owned(), stripped);
    }
    let text = serde_json::to_string_pretty(&Value::Object(object)).unwrap_or_default();
    (text, stripped)
}

/// A unit test per top-level struct: a sample with every property round-trips, and no
/// credential marker appears in `Debug` (plain or pretty) while all of them reach the wire.
fn unit_tests(ir: &Ir, connector: &Connector, structs: &[&Struct]) -> TokenStream {
    let mut tests = Vec::new();
    let requests = structs
        .iter()
        .copied()
        .filter(|s| s.step.is_some())
        .chain(connector.update.as_ref());
    for s in requests {
        let Some((sample, markers)) = super::samples::sample_object(ir, connector, s) else {
            continue;
        };
        let name = ident(&s.name);
        let test = ident(&format!(
            "{}_round_trips_and_never_prints_secrets",
            crate::normalize::names::snake(&s.name)
        ));
        let marker_texts: Vec<&str> = markers
            .iter()
            .filter(|m| m.in_sample)
            .map(|m| m.text.as_str())
            .collect();
        // A sample with a placeholder is not valid: only the secrets audits use it.
        let valid = markers.iter().all(|m| !m.placeholder);
        let text = crate::model::reference::to_json_text(&sample);
        let text = text.trim_end();
        let doc = outer_doc(&format!(
            "Every property of [`{}`] with a valid value; the credentials hold markers.",
            s.name
        ));
        // The sample, less what Stitch sets, is what the report card accepts (the form's as a
        // whole request): `support::assert_sample` says exactly what is checked.
        let api_type = connector.api_type.as_str();
        let read_only: Vec<&str> = s
            .fields
            .iter()
            .filter(|f| f.is_read_only())
            .map(|f| f.wire.as_str())
            .collect();
        let whole = s.step.as_deref() == Some("form");
        if valid && !s.refused.is_empty() {
            let test = ident(&format!(
                "{}_refuses_read_only_properties",
                crate::normalize::names::snake(&s.name)
            ));
            let refused = &s.refused;
            let doc = outer_doc(&format!(
                "[`{}`] refuses the read-only properties, as `validate_update_properties` does.",
                s.name
            ));
            tests.push(quote! {
                #doc
                #[test]
                fn #test() {
                    crate::support::assert_refused::<#name>(#api_type, #text, &[#(#refused),*]);
                }
            });
        }
        if valid && !s.immutable.is_empty() {
            let test = ident(&format!(
                "{}_refuses_immutable_properties",
                crate::normalize::names::snake(&s.name)
            ));
            let immutable = &s.immutable;
            let doc = outer_doc(&format!(
                "[`{}`] refuses the properties whose value cannot change once set, as `validate_update_properties` does.",
                s.name
            ));
            tests.push(quote! {
                #doc
                #[test]
                fn #test() {
                    crate::support::assert_immutable_refused::<#name>(#api_type, #text, &[#(#immutable),*]);
                }
            });
        }
        let sample_test = |doc: TokenStream, test: Ident, text: &str, markers: &[&str]| {
            quote! {
                #doc
                #[test]
                fn #test() {
                    crate::support::assert_sample::<#name>(
                        #api_type,
                        #text,
                        &[#(#markers),*],
                        &[#(#read_only),*],
                        #whole,
                    );
                }
            }
        };
        if valid {
            tests.push(sample_test(doc, test, text, &marker_texts));
        }
        // With the steps it carries: one create request of form and OAuth properties.
        for carried in s.carries.iter().filter(|_| valid) {
            let Some(other) = connector
                .structs
                .iter()
                .find(|o| o.name == carried.struct_name)
            else {
                continue;
            };
            let Some((Value::Object(other_sample), other_markers)) =
                super::samples::sample_object(ir, connector, other)
            else {
                continue;
            };
            if other_markers.iter().any(|m| m.placeholder) {
                continue;
            }
            let mut merged = sample.clone();
            let mut marker_texts = marker_texts.clone();
            if let Value::Object(map) = &mut merged {
                for (key, value) in other_sample {
                    if carried.wires.contains(&key) {
                        map.insert(key, value);
                    }
                }
            }
            marker_texts.extend(
                other_markers
                    .iter()
                    .filter(|m| m.in_sample)
                    .filter(|m| {
                        carried.wires.iter().any(|w| {
                            m.pointer == format!("/{}", crate::normalize::pointer_escape(w))
                        })
                    })
                    .map(|m| m.text.as_str()),
            );
            let merged = crate::model::reference::to_json_text(&merged);
            let merged = merged.trim_end();
            let test = ident(&format!(
                "{}_with_{}_round_trips_and_never_prints_secrets",
                crate::normalize::names::snake(&s.name),
                carried.field.trim_end_matches('_')
            ));
            let doc = outer_doc(&format!(
                "[`{}`] carrying [`{}`]: one create request with both steps' properties.",
                s.name, carried.struct_name
            ));
            tests.push(sample_test(doc, test, merged, &marker_texts));
        }
        // The secrets audit: one test per credential property.
        for marker in &markers {
            let test = ident(&format!(
                "{}_never_shows_{}",
                crate::normalize::names::snake(&s.name),
                crate::normalize::names::snake(&marker.pointer.replace('/', "_"))
            ));
            let pointer = marker.pointer.as_str();
            let secret = marker.text.as_str();
            let takes_any = marker.takes_any;
            if marker.in_sample && valid {
                let doc = outer_doc(&format!(
                    "The credential at `{pointer}` never appears in `Debug`, in a deserialization error, or in validation errors, even when it is the invalid value."
                ));
                tests.push(quote! {
                    #doc
                    #[test]
                    fn #test() {
                        crate::support::assert_never_shown::<#name>(#api_type, #text, #pointer, #secret, #takes_any);
                    }
                });
            } else {
                let doc = outer_doc(&format!(
                    "The credential at `{pointer}`, whose type names no valid value that could carry a marker: values carrying it, accepted or refused, never show it in `Debug` or in an error."
                ));
                tests.push(quote! {
                    #doc
                    #[test]
                    fn #test() {
                        crate::support::assert_candidates_never_shown::<#name>(#api_type, #text, #pointer, #secret);
                    }
                });
            }
        }
    }
    if tests.is_empty() {
        return quote! {};
    }
    quote! {
        #[cfg(test)]
        mod tests {
            #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
            use super::*;
            #(#tests)*
        }
    }
}
