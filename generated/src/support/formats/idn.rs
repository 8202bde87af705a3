//! `idn-hostname` (RFC 5890-5892), asserted with the `idn` feature.
//!
//! Without the feature the format is an annotation and every string passes, as in the oracle
//! (`jsonschema`) built without its `idna` feature: the check needs the UTS 46 mapping tables,
//! which only the feature's dependency (`idna`) carries.

/// Whether `s` is an internationalized host name (JSON Schema format `"idn-hostname"`):
/// - UTS 46 processing to ASCII (the `idna` crate) succeeds with the STD3 rules, the hyphen
///   checks (no `-` first or last in a label, none in its third and fourth places), the DNS
///   lengths, and the bidi and joiner (CONTEXTJ) rules;
/// - the ASCII form is a host name ([`super::is_hostname`]), which decodes each A-label and
///   holds its code points to RFC 5892 (their general categories, the exceptions and the
///   CONTEXTO rules), as the oracle does.
#[cfg(feature = "idn")]
#[must_use]
pub fn is_idn_hostname(s: &str) -> bool {
    use idna::uts46::{AsciiDenyList, DnsLength, Hyphens, Uts46};

    Uts46::new()
        .to_ascii(
            s.as_bytes(),
            AsciiDenyList::STD3,
            Hyphens::Check,
            DnsLength::Verify,
        )
        .is_ok_and(|ascii| super::is_hostname(&ascii))
}

/// Without the `idn` feature, `idn-hostname` is an annotation: every string passes.
#[cfg(not(feature = "idn"))]
#[must_use]
pub fn is_idn_hostname(_s: &str) -> bool {
    true
}
