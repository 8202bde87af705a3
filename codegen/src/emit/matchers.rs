//! The catalog's compiled patterns: each distinct `pattern` compiled once, into a named constant
//! (`P0`, `P1`, ...) that the schema constants and the generated checks share, so that no
//! matcher is written out twice.

use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::normalize::pattern;

/// A pattern's constant and, when the pattern is an alternation of literals, the literals.
#[derive(Clone)]
pub(super) struct Compiled {
    /// The constant holding its `Matcher`.
    pub constant: Ident,
    /// The literals it matches exactly, if that is all it does.
    pub literals: Option<Vec<String>>,
}

/// The patterns compiled so far, in first-use order.
#[derive(Default)]
pub(super) struct Matchers {
    by_source: BTreeMap<String, Compiled>,
    items: Vec<TokenStream>,
}

impl Matchers {
    /// `source` compiled, its constant emitted on first use.
    ///
    /// # Errors
    /// A pattern the matcher does not support.
    pub(super) fn compile(&mut self, source: &str) -> Result<Compiled, String> {
        if let Some(compiled) = self.by_source.get(source) {
            return Ok(compiled.clone());
        }
        let program = pattern::compile(source)
            .map_err(|why| format!("the pattern {source:?} cannot be checked: {why}"))?;
        let constant = format_ident!("P{}", self.items.len());
        let matcher = program.matcher_tokens();
        let doc = format!(" `{source}`");
        self.items.push(quote! {
            #[doc = #doc]
            const #constant: crate::support::pattern::Matcher = #matcher;
        });
        let compiled = Compiled {
            constant,
            literals: program.literals().map(<[String]>::to_vec),
        };
        self.by_source.insert(source.to_owned(), compiled.clone());
        Ok(compiled)
    }

    /// The constants, in the order they were compiled.
    pub(super) fn into_items(self) -> Vec<TokenStream> {
        self.items
    }
}
