//! Rust names for wire names, by one predictable rule.
//!
//! - Modules and fields: snake_case of the wire name, every run of characters that cannot
//!   appear in an identifier (`.`, `-`, spaces) becoming one `_`: `platform.s3-csv` →
//!   `platform_s3_csv`, `platform.covid-19` → `platform_covid_19`.
//! - A name that would start with a digit gets a leading `n` (`3pl` → `n3pl`); module names of
//!   connection types start with their platform prefix, so this only concerns property names.
//! - A Rust keyword gets a trailing `_` (`type` → `type_`); serde keeps the wire name.
//! - Types: UpperCamelCase of the same words.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words Rust reserves (strict and reserved keywords of edition 2024), plus `self`-like names
/// that cannot be raw identifiers.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop",
    "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "self",
    "static", "struct", "super", "trait", "true", "try", "type", "typeof", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield", "abstract", "become", "Self",
];

/// Replaces every run of non-identifier characters with one `_`.
fn words(wire: &str) -> String {
    let mut out = String::with_capacity(wire.len());
    let mut gap = false;
    for c in wire.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('_');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    out
}

/// The snake_case identifier of a wire name (module, field, method).
pub fn snake(wire: &str) -> String {
    let mut name = words(wire).to_snake_case();
    if name.is_empty() {
        name.push_str("unnamed");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'n');
    }
    if KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// Names a shared type must not take: the prelude's and std's types that the emitted impls
/// name bare (`Result`, `Option`, `String`, `Cow`...), the crate's own that `common.rs`
/// imports (`InvalidValue`), and the helper types a shared type's module defines (`Digits`,
/// `IntegerOrText`, `Visitor`).
const TAKEN_TYPE_NAMES: &[&str] = &[
    // The type parameters of the emitted serde impls.
    "A",
    "D",
    "E",
    "S",
    "Result",
    "Option",
    "Some",
    "None",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Cow",
    "Self",
    "Default",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "Iterator",
    "InvalidValue",
    "Digits",
    "IntegerOrText",
    "Visitor",
];

/// The name of a shared type made from a wire name: [`camel`], and `Value` after a name the
/// type's module already uses (`result` gives `ResultValue`).
pub fn shared_type(wire: &str) -> String {
    let mut name = camel(wire);
    if TAKEN_TYPE_NAMES.contains(&name.as_str()) {
        name.push_str("Value");
    }
    name
}

/// The UpperCamelCase type name of a wire name.
pub fn camel(wire: &str) -> String {
    let mut name = words(wire).to_upper_camel_case();
    if name.is_empty() {
        name.push_str("Unnamed");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'N');
    }
    if KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// The variant name of an enum literal: its UpperCamelCase; a literal that starts with a digit
/// is prefixed with the last word of the enum's name (`FrequencyInMinutes` + `60` →
/// `Minutes60`).
pub fn variant(enum_name: &str, literal: &str) -> String {
    let name = words(literal).to_upper_camel_case();
    let starts_with_digit = name.starts_with(|c: char| c.is_ascii_digit());
    if name.is_empty() || starts_with_digit {
        let last_word_start = enum_name
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_ascii_uppercase())
            .map_or(0, |(i, _)| i);
        let prefix = &enum_name[last_word_start..];
        let prefix = if prefix.is_empty() { "V" } else { prefix };
        return format!("{prefix}{}", if name.is_empty() { "Empty" } else { &name });
    }
    if KEYWORDS.contains(&name.as_str()) {
        return format!("{name}_");
    }
    name
}

/// `text` with its first character in lower case (a sentence continued after a colon).
pub fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_types_give_readable_modules() {
        assert_eq!(snake("platform.3plcentral"), "platform_3plcentral");
        assert_eq!(snake("platform.s3-csv"), "platform_s3_csv");
        assert_eq!(snake("platform.covid-19"), "platform_covid_19");
        assert_eq!(snake("platform.cloudsql_pg"), "platform_cloudsql_pg");
        assert_eq!(snake("import_api"), "import_api");
    }

    #[test]
    fn keywords_and_digits_stay_valid() {
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("3pl_key"), "n3pl_key");
        assert_eq!(snake("--"), "unnamed");
        assert_eq!(camel("ssh_config"), "SshConfig");
        assert_eq!(camel("self"), "Self_");
    }

    #[test]
    fn variants() {
        assert_eq!(variant("FrequencyInMinutes", "60"), "Minutes60");
        assert_eq!(variant("EncryptionType", "ssh"), "Ssh");
        assert_eq!(variant("OutputFileFormat", "jsonl"), "Jsonl");
        assert_eq!(variant("Mode", ""), "ModeEmpty");
        assert_eq!(variant("Thing", "self"), "Self_");
    }
}
