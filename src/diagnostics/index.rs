//! Findings looked up by place: the codes of a report's findings by the
//! pointer they are at and by their related spans, built once. A command
//! that shows each grant's findings (`permissions`, `diff`) looks them up
//! instead of searching all findings per grant (20,000 grants took 31 s).

use super::Diagnostic;
use crate::span::Span;
use std::collections::HashMap;

#[derive(Default)]
pub struct Index {
    /// By pointer: each finding's code and span.
    at: HashMap<String, Vec<(&'static str, Span)>>,
    related: HashMap<Span, Vec<&'static str>>,
}

impl Index {
    /// The findings that `keep` keeps, indexed.
    pub fn new<'d>(findings: impl IntoIterator<Item = &'d Diagnostic>, keep: impl Fn(&Diagnostic) -> bool) -> Index {
        let mut index = Index::default();
        for d in findings.into_iter().filter(|d| keep(d)) {
            index
                .at
                .entry(d.pointer.clone())
                .or_default()
                .push((d.rule.code, d.span));
            for r in &d.related {
                index.related.entry(r.span).or_default().push(d.rule.code);
            }
        }
        index
    }

    /// The codes of the findings at `pointer`.
    pub fn at(&self, pointer: &str) -> impl Iterator<Item = &'static str> + '_ {
        self.at.get(pointer).into_iter().flatten().map(|(code, _)| *code)
    }

    /// The codes of the findings about the member `member` (its key to the
    /// end of its value) at `pointer`, whose value is at `value`, as
    /// [`Diagnostic::covers`] decides it: sorted, once each. A finding at
    /// the pointer counts only within the member: two members whose keys
    /// are both masked credentials share a masked pointer.
    pub fn covering(&self, pointer: &str, member: Span, value: Span) -> Vec<&'static str> {
        let within = |s: &Span| s.start >= member.start && s.end <= member.end;
        let mut codes: Vec<&'static str> = self
            .at
            .get(pointer)
            .into_iter()
            .flatten()
            .filter(|(_, s)| within(s))
            .map(|(code, _)| *code)
            .collect();
        codes.extend(self.related.get(&value).into_iter().flatten());
        codes.sort_unstable();
        codes.dedup();
        codes
    }
}
