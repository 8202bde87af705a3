//! A compiled pattern written out as the runtime matcher the generated code holds
//! (`crate::support::pattern::{Matcher, Regular}`): the [`Plan`] that `normalize::pattern`
//! chose, as tokens.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::normalize::pattern::vm::Affix;
use crate::normalize::pattern::{CompiledPattern, Inst, ItemSpec, Plan, ascii_bits};

/// An expression of type `crate::support::pattern::Matcher`.
pub(super) fn matcher(compiled: &CompiledPattern) -> TokenStream {
    if let Some(regular) = regular(compiled) {
        return quote!(crate::support::pattern::Matcher::Regular(#regular));
    }
    let program = program(compiled.program());
    if compiled.backtracks() {
        quote!(crate::support::pattern::Matcher::Backtrack(#program))
    } else {
        quote!(crate::support::pattern::Matcher::Large(#program))
    }
}

/// An expression of type `crate::support::pattern::Regular`, which runs in const context: the
/// literals, the shape or the program. `None` for a pattern the backtracking matcher or the
/// heap automaton runs.
pub(super) fn regular(compiled: &CompiledPattern) -> Option<TokenStream> {
    Some(match compiled.plan() {
        Plan::Backtrack | Plan::Large => return None,
        Plan::Literals(literals) => {
            quote!(crate::support::pattern::Regular::Literals(&[#(#literals),*]))
        }
        Plan::Affixes(affixes) => {
            let affixes = affixes.iter().map(|(literal, affix)| {
                let affix = match affix {
                    Affix::Whole => quote!(Whole),
                    Affix::Prefix => quote!(Prefix),
                    Affix::Suffix => quote!(Suffix),
                    Affix::Anywhere => quote!(Anywhere),
                };
                quote!((#literal, crate::support::pattern::Affix::#affix))
            });
            quote!(crate::support::pattern::Regular::Affixes(&[#(#affixes),*]))
        }
        Plan::Shape(shape) => {
            let prefix = shape.prefix.iter().map(item);
            let tail = match &shape.tail {
                Some((one, min)) => {
                    let one = item(one);
                    let min = Literal::u32_unsuffixed(*min);
                    quote!(Some((#one, #min)))
                }
                None => quote!(None),
            };
            let end = shape.end;
            quote!(crate::support::pattern::Regular::Shape(
                crate::support::pattern::Shape::new(&[#(#prefix),*], #tail, #end)
            ))
        }
        Plan::Program => {
            let program = program(compiled.program());
            quote!(crate::support::pattern::Regular::Program(#program))
        }
    })
}

/// An expression of type `crate::support::pattern::Item`.
fn item(item: &ItemSpec) -> TokenStream {
    match item {
        ItemSpec::Char(c) => quote!(crate::support::pattern::Item::Char(#c)),
        ItemSpec::Literal(text) => quote!(crate::support::pattern::Item::Literal(#text)),
        ItemSpec::Class { negated, ranges } => {
            let ascii = Literal::u128_unsuffixed(ascii_bits(*negated, ranges));
            let ranges = ranges.iter().map(|(lo, hi)| quote!((#lo, #hi)));
            quote!(crate::support::pattern::Item::Class {
                negated: #negated,
                ranges: &[#(#ranges),*],
                ascii: #ascii,
            })
        }
    }
}

/// An expression of type `&'static [crate::support::pattern::Inst]`.
fn program(program: &[Inst]) -> TokenStream {
    let insts = program.iter().map(|inst| match *inst {
        Inst::Char(c) => quote!(crate::support::pattern::Inst::Char(#c)),
        Inst::Class { negated, len } => {
            let len = Literal::u16_unsuffixed(len);
            quote!(crate::support::pattern::Inst::Class { negated: #negated, len: #len })
        }
        Inst::Range(lo, hi) => quote!(crate::support::pattern::Inst::Range(#lo, #hi)),
        Inst::Split(first, second) => {
            let first = Literal::u16_unsuffixed(first);
            let second = Literal::u16_unsuffixed(second);
            quote!(crate::support::pattern::Inst::Split(#first, #second))
        }
        Inst::Jump(target) => {
            let target = Literal::u16_unsuffixed(target);
            quote!(crate::support::pattern::Inst::Jump(#target))
        }
        Inst::AssertStart => quote!(crate::support::pattern::Inst::AssertStart),
        Inst::AssertEnd => quote!(crate::support::pattern::Inst::AssertEnd),
        Inst::WordBoundary(boundary) => {
            quote!(crate::support::pattern::Inst::WordBoundary(#boundary))
        }
        Inst::Look {
            behind,
            negated,
            len,
        } => {
            let len = Literal::u16_unsuffixed(len);
            quote!(crate::support::pattern::Inst::Look {
                behind: #behind,
                negated: #negated,
                len: #len,
            })
        }
        Inst::Save(n) => quote!(crate::support::pattern::Inst::Save(#n)),
        Inst::Backref(n) => quote!(crate::support::pattern::Inst::Backref(#n)),
        Inst::Reset(from, to) => quote!(crate::support::pattern::Inst::Reset(#from, #to)),
        Inst::Mark(n) => quote!(crate::support::pattern::Inst::Mark(#n)),
        Inst::Progress(n) => quote!(crate::support::pattern::Inst::Progress(#n)),
        Inst::Match => quote!(crate::support::pattern::Inst::Match),
    });
    quote!(&[#(#insts),*])
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::{matcher, regular};
    use crate::normalize::pattern::compile;

    /// The tokens of a pattern's matcher, `crate::support::pattern::` left out.
    fn written(pattern: &str) -> (String, bool) {
        let compiled = compile(pattern).unwrap();
        let text = matcher(&compiled)
            .to_string()
            .replace("crate :: support :: pattern :: ", "");
        (text, regular(&compiled).is_some())
    }

    #[test]
    fn each_plan_is_written_as_its_matcher() {
        let (literals, regular) = written("^(ssh|none)$");
        let expected = r#"Matcher :: Regular (Regular :: Literals (& ["ssh" , "none"]))"#;
        assert_eq!(literals, expected);
        assert!(regular);
        let (shape, regular) = written(r"^\d+$");
        let expected = "Matcher :: Regular (Regular :: Shape (Shape :: new (& [] , Some ((";
        assert!(shape.starts_with(expected), "{shape}");
        assert!(shape.contains("ranges : & [('0' , '9')]"), "{shape}");
        assert!(regular);
        let (program, regular) = written(r"^(ab)*c$");
        let expected = "Matcher :: Regular (Regular :: Program (& [Inst :: AssertStart , ";
        assert!(program.starts_with(expected), "{program}");
        assert!(regular);
        let (large, regular) = written(r"^.{1,5000}$");
        assert!(
            large.starts_with("Matcher :: Large (& [Inst :: AssertStart"),
            "{large}"
        );
        assert!(!regular);
        let (backtrack, regular) = written(r"^(a)\1$");
        assert!(
            backtrack.starts_with("Matcher :: Backtrack (& ["),
            "{backtrack}"
        );
        assert!(backtrack.contains("Inst :: Backref (0u16)"), "{backtrack}");
        assert!(!regular);
    }
}
