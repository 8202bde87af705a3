//! A generated `match` that finds a string among a fixed set (the runtime's `switch_word` module
//! explains the lookup): the plan (for each length, the 8-byte window read and the strings
//! behind each word) and its tokens.

use std::collections::BTreeMap;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use stitch_connect_runtime::switch_word::word;

/// The strings of one length.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Group<'a> {
    /// Their length.
    pub len: usize,
    /// Where the window read as a word starts.
    pub at: usize,
    /// The strings by the word at `at`, in the order given.
    pub buckets: BTreeMap<u64, Vec<&'a str>>,
}

/// The plan for `names` (distinct), by length. Within a length, the window is the one that
/// leaves the fewest strings behind one word, the last window first among equals.
pub(super) fn plan<'a>(names: &[&'a str]) -> Vec<Group<'a>> {
    let mut by_len: BTreeMap<usize, Vec<&'a str>> = BTreeMap::new();
    for name in names {
        by_len.entry(name.len()).or_default().push(name);
    }
    by_len
        .into_iter()
        .map(|(len, names)| {
            // Under eight bytes the word at 0 is the whole string.
            let windows = (0..=len.saturating_sub(8)).rev();
            let bucket = |at: usize| {
                let mut buckets: BTreeMap<u64, Vec<&'a str>> = BTreeMap::new();
                for name in &names {
                    buckets
                        .entry(word(name.as_bytes(), at))
                        .or_default()
                        .push(name);
                }
                buckets
            };
            let largest = |buckets: &BTreeMap<u64, Vec<&str>>| {
                buckets.values().map(Vec::len).max().unwrap_or(0)
            };
            let mut best = (len.saturating_sub(8), bucket(len.saturating_sub(8)));
            for at in windows {
                if largest(&best.1) == 1 {
                    break;
                }
                let buckets = bucket(at);
                if largest(&buckets) < largest(&best.1) {
                    best = (at, buckets);
                }
            }
            Group {
                len,
                at: best.0,
                buckets: best.1,
            }
        })
        .collect()
}

/// The expression finding `subject` (a `&str` variable) among the strings of `arms`: the body
/// of the string's arm, or `default` for any other string.
pub(super) fn switch(
    subject: &Ident,
    arms: &[(&str, TokenStream)],
    default: &TokenStream,
) -> TokenStream {
    let bodies: BTreeMap<&str, &TokenStream> =
        arms.iter().map(|(name, body)| (*name, body)).collect();
    let names: Vec<&str> = arms.iter().map(|(name, _)| *name).collect();
    let groups = plan(&names).into_iter().map(|group| {
        let len = Literal::usize_unsuffixed(group.len);
        let at = Literal::usize_unsuffixed(group.at);
        let words = group.buckets.iter().map(|(word, names)| {
            let word = Literal::u64_unsuffixed(*word);
            let chain = names.iter().rev().fold(default.clone(), |otherwise, name| {
                let body = bodies[name];
                quote! { if #subject == #name { #body } else { #otherwise } }
            });
            quote! { #word => #chain, }
        });
        quote! {
            #len => match crate::support::switch_word::word(#subject.as_bytes(), #at) {
                #(#words)*
                _ => #default,
            },
        }
    });
    quote! {
        match #subject.len() {
            #(#groups)*
            _ => #default,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The string a plan finds for `text`: its group, its word's bucket, then equality.
    fn find<'a>(plan: &[Group<'a>], text: &str) -> Option<&'a str> {
        let group = plan.iter().find(|g| g.len == text.len())?;
        let bucket = group.buckets.get(&word(text.as_bytes(), group.at))?;
        bucket.iter().copied().find(|name| *name == text)
    }

    /// Every string is found, and no string one byte away from one is, whatever the set: here
    /// names that share long prefixes and suffixes and differ in one middle byte, so that no
    /// window tells all of one length apart.
    #[test]
    fn finds_every_string_and_nothing_else() {
        let mut names: Vec<String> = Vec::new();
        for i in 0..30 {
            names.push(format!("platform.x-{i}-copy{}", i % 7));
            names.push(format!(
                "platform.same-prefix-and-suffix-{}-end-of-it",
                i % 10
            ));
            names.push("k".repeat(i % 9 + 1));
        }
        names.sort();
        names.dedup();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let plan = plan(&names);
        for name in &names {
            assert_eq!(find(&plan, name), Some(*name));
            for at in 0..name.len() {
                let mut near = name.as_bytes().to_vec();
                near[at] ^= 0x20;
                if let Ok(near) = String::from_utf8(near) {
                    assert_eq!(
                        find(&plan, &near) == Some(near.as_str()),
                        names.contains(&near.as_str()),
                        "{near}"
                    );
                }
            }
            assert_eq!(
                find(&plan, &format!("{name}x")).is_some(),
                names.contains(&format!("{name}x").as_str())
            );
        }
        // Windows are chosen so that buckets stay small: one string each where a window allows.
        let one_each = plan
            .iter()
            .filter(|g| g.buckets.values().all(|b| b.len() == 1))
            .count();
        assert!(one_each >= plan.len() - 1, "{plan:?}");
    }

    /// A group's buckets with their names sorted.
    fn sorted<'a>(group: &Group<'a>) -> Vec<(u64, Vec<&'a str>)> {
        group
            .buckets
            .iter()
            .map(|(word, names)| {
                let mut names = names.clone();
                names.sort_unstable();
                (*word, names)
            })
            .collect()
    }

    /// The same names give the same plan, in any order.
    #[test]
    fn plans_are_deterministic() {
        let names = [
            "s3",
            "postgres",
            "platform.recurly",
            "platform.hubspot",
            "platform.x",
        ];
        let mut reversed = names;
        reversed.reverse();
        let (a, b) = (plan(&names), plan(&reversed));
        assert_eq!(a.len(), b.len());
        for (a, b) in a.iter().zip(&b) {
            assert_eq!((a.len, a.at), (b.len, b.at));
            assert_eq!(sorted(a), sorted(b));
        }
    }
}
