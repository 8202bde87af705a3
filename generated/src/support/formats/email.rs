//! `email` (RFC 5321 mailbox, as the oracle reads it: the `email_address` crate's parser,
//! then the domain as a host name or an address literal).

use std::net::{Ipv4Addr, Ipv6Addr};

/// Whether `s` is an e-mail address (JSON Schema format `"email"`), as the oracle reads it:
/// - an optional display name: text up to the last `" <"`, the address then ending in `>`;
/// - a local part of 1-64 bytes, ASCII: a dot-atom (`a.b+c`) or a quoted string (`"a b"`,
///   with `\` escapes), split from the domain at the last `@`;
/// - a domain that is a host name (as [`super::is_hostname`]) or an address literal
///   `[1.2.3.4]` / `[IPv6:...]`.
///
/// Oracle: an empty quoted local part (`""@example.com`) is accepted; a display name is
/// never checked (`Any Name <a@example.com>` passes).
#[must_use]
pub fn is_email(s: &str) -> bool {
    if let Some(domain) = s.strip_prefix("\"\"@") {
        return is_email(&format!("\"a\"@{domain}"));
    }
    match parse_address(s) {
        Some((local, domain)) => local.is_ascii() && is_email_domain(domain, super::is_hostname),
        None => false,
    }
}

/// Whether `s` is an internationalized e-mail address (JSON Schema format `"idn-email"`, RFC
/// 6531), asserted with the `idn` feature: as [`is_email`], but the local part may hold any
/// non-ASCII characters (each read as a letter) and the domain is an internationalized host
/// name ([`super::is_idn_hostname`]). Without the feature every string passes, as in the oracle
/// built without its `idna` feature.
#[must_use]
pub fn is_idn_email(s: &str) -> bool {
    if !cfg!(feature = "idn") {
        return true;
    }
    if let Some(domain) = s.strip_prefix("\"\"@") {
        return is_idn_email(&format!("\"a\"@{domain}"));
    }
    if let Some((_, domain)) = parse_address(s) {
        return is_email_domain(domain, super::is_idn_hostname);
    }
    // Non-ASCII that the parser refuses: the structure is checked with a letter in place of
    // each such character, then the real domain (after the last `@`).
    if s.is_ascii() {
        return false;
    }
    let masked: String = s
        .chars()
        .map(|c| if c.is_ascii() { c } else { 'a' })
        .collect();
    if parse_address(&masked).is_none() {
        return false;
    }
    s.rsplit_once('@')
        .is_some_and(|(_, domain)| is_email_domain(domain, super::is_idn_hostname))
}

/// The local part and the domain of an address the parser accepts.
fn parse_address(text: &str) -> Option<(&str, &str)> {
    let (display, address) = match text.rsplit_once(" <") {
        None => ("", text),
        Some((left, right)) => {
            let right = right.trim();
            let address = right.strip_suffix('>')?;
            (left.trim(), address)
        }
    };
    let (local, domain) = address.rsplit_once('@')?;
    if display.is_empty() && local.starts_with('<') {
        return None;
    }
    (is_local_part(local) && is_domain_part(domain)).then_some((local, domain))
}

fn is_local_part(part: &str) -> bool {
    if part.is_empty() || part.len() > 64 {
        return false;
    }
    if part.starts_with('"') && part.ends_with('"') {
        return part.len() > 2 && is_quoted_content(&part[1..part.len() - 1]);
    }
    part.split('.').all(is_atom)
}

/// `qcontent`: quoted-pairs of a printable character, white space and `qtext`.
fn is_quoted_content(text: &str) -> bool {
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if !chars.next().is_some_and(|c| ('\x21'..='\x7E').contains(&c)) {
                return false;
            }
        } else if !(c == ' ' || c == '\t' || is_qtext(c)) {
            return false;
        }
    }
    true
}

fn is_qtext(c: char) -> bool {
    matches!(c, '\x21' | '\x23'..='\x5B' | '\x5D'..='\x7E') || is_utf8_non_ascii(c)
}

fn is_atom(text: &str) -> bool {
    !text.is_empty() && text.chars().all(is_atext)
}

fn is_atext(c: char) -> bool {
    c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c) || is_utf8_non_ascii(c)
}

/// Oracle: the parser tests the big-endian bytes of the code point's value, not its UTF-8,
/// against RFC 6532 `UTF8-non-ascii`; only the two-byte form can match a `char`.
fn is_utf8_non_ascii(c: char) -> bool {
    let c = c as u32;
    matches!(c >> 8, 0xC2..=0xDF) && matches!(c & 0xFF, 0x80..=0xBF)
}

fn is_domain_part(part: &str) -> bool {
    if part.is_empty() || part.len() > 254 {
        return false;
    }
    if let Some(literal) = part.strip_prefix('[').and_then(|p| p.strip_suffix(']')) {
        return literal
            .chars()
            .all(|c| matches!(c, '\x21'..='\x5A' | '\x5E'..='\x7E') || is_utf8_non_ascii(c));
    }
    part.split('.').all(|label| {
        label.starts_with(char::is_alphanumeric)
            && label.ends_with(char::is_alphanumeric)
            && label.len() <= 63
            && is_atom(label)
    })
}

/// The domain as the oracle checks it after parsing: an address literal (`IPv6:` in any case
/// before an IPv6 address) or a host name, as `is_host` reads it.
fn is_email_domain(domain: &str, is_host: fn(&str) -> bool) -> bool {
    match domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        Some(literal) => match literal.get(..5) {
            Some(tag) if tag.eq_ignore_ascii_case("IPv6:") => {
                literal[5..].parse::<Ipv6Addr>().is_ok()
            }
            _ => literal.parse::<Ipv4Addr>().is_ok(),
        },
        None => is_host(domain),
    }
}
