//! The catalog's compiled patterns: each distinct `pattern` compiled once, into a constant named
//! after the pattern's text (`PATTERN_3F9A12C4`, see `item_names`) that the schema constants
//! and the generated checks share, so that no matcher is written out twice. Each constant
//! remembers its users (the names a caller gives with `set_user`), so that a caller can compile
//! it only where they are.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::item_names::ContentNames;
use crate::normalize::pattern;

/// A pattern's constant and, when the pattern is an alternation of literals, the literals.
#[derive(Clone)]
pub(super) struct Compiled {
    /// The constant holding its `Matcher`.
    pub constant: Ident,
    /// The literals it matches exactly, if that is all it does.
    pub literals: Option<Vec<String>>,
}

/// The patterns compiled so far, by constant name.
#[derive(Default)]
pub(super) struct Matchers {
    by_source: BTreeMap<String, Compiled>,
    names: ContentNames,
    items: BTreeMap<String, TokenStream>,
    /// The user that patterns compiled from now on are noted for.
    user: Option<String>,
    /// The users of each constant, by constant name.
    users: BTreeMap<String, BTreeSet<String>>,
}

impl Matchers {
    /// `source` compiled, its constant emitted on first use.
    ///
    /// # Errors
    /// A pattern the matcher does not support.
    pub(super) fn compile(&mut self, source: &str) -> Result<Compiled, String> {
        let compiled = self.compiled(source)?;
        if let Some(user) = &self.user {
            self.users
                .entry(compiled.constant.to_string())
                .or_default()
                .insert(user.clone());
        }
        Ok(compiled)
    }

    /// `source` compiled, on first use.
    fn compiled(&mut self, source: &str) -> Result<Compiled, String> {
        if let Some(compiled) = self.by_source.get(source) {
            return Ok(compiled.clone());
        }
        let program = pattern::compile(source)
            .map_err(|why| format!("the pattern {source:?} cannot be checked: {why}"))?;
        let name = format!("PATTERN_{}", self.names.name(source));
        let constant = format_ident!("{name}");
        let matcher = super::pattern_tokens::matcher(&program);
        let doc = format!(" `{source}`");
        self.items.insert(
            name,
            quote! {
                #[doc = #doc]
                const #constant: crate::support::pattern::Matcher = #matcher;
            },
        );
        let compiled = Compiled {
            constant,
            literals: program.literals().map(<[String]>::to_vec),
        };
        self.by_source.insert(source.to_owned(), compiled.clone());
        Ok(compiled)
    }

    /// Notes `user` as a user of every pattern compiled from now on (until the next call).
    pub(super) fn set_user(&mut self, user: &str) {
        self.user = Some(user.to_owned());
    }

    /// The constants, sorted by name.
    pub(super) fn into_items(self) -> impl Iterator<Item = TokenStream> {
        self.items.into_values()
    }

    /// The constants, sorted by name, each with its users.
    pub(super) fn into_used_items(
        mut self,
    ) -> impl Iterator<Item = (BTreeSet<String>, TokenStream)> {
        self.items
            .into_iter()
            .map(move |(name, item)| (self.users.remove(&name).unwrap_or_default(), item))
    }
}
