//! The one diagnostic type every rule produces and every emitter reads.

pub mod fix;
mod index;
pub use index::Index;

pub use fix::{apply_edits, Applicability, Edit, Fix};

use crate::rule::RuleMeta;
pub use crate::rule::Severity;
use crate::span::Span;
use thin_vec::ThinVec;

/// Another place that belongs to a finding (e.g. the earlier key of S002).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub message: String,
    pub span: Span,
}

/// What a finding is about, for code that must tell findings apart beyond
/// their code and pointer (never by parsing the message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// S003: the object at the pointer lacks this required member.
    MissingMember(String),
}

/// Why a finding does not count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Suppression {
    /// A recorded risk acceptance (`[[allow]]` in the config).
    Allow { reason: String },
    /// Recorded in the baseline file.
    Baseline,
}

/// One finding.
///
/// 120 bytes (a test pins it): a file can hold millions of findings (a
/// member each), so what most findings lack is boxed (`fix`, `suppressed`,
/// `rare`) or a one-pointer vector (`related`).
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub message: String,
    /// JSON pointer of the key or value the finding is about (`""` = root).
    pub pointer: String,
    pub span: Span,
    pub help: Option<std::sync::Arc<str>>,
    pub fix: Option<Box<Fix>>,
    pub related: ThinVec<Related>,
    pub suppressed: Option<Box<Suppression>>,
    /// The span points at a member that could be removed (LSP `Unnecessary`).
    pub unnecessary: bool,
    /// What few findings have: a subject, an expired acceptance.
    pub rare: Option<Box<Rare>>,
}

/// The rarely present parts of a finding, boxed together.
#[derive(Debug, Clone, Default)]
pub struct Rare {
    pub subject: Option<Subject>,
    /// The `[[allow]]` that accepted this finding has expired: every
    /// format says so.
    pub expired: Option<Expired>,
    /// The most this finding may be, whatever a severity override asks: a
    /// finding resting on low confidence is at most a warning.
    pub ceiling: Option<Severity>,
    /// The order among findings of one rule at one place, where it means
    /// something (U004's routes, most calls first): it sorts before the
    /// message.
    pub rank: u32,
}

/// An expired risk acceptance: its last day and its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expired {
    pub date: String,
    pub reason: String,
}

impl Expired {
    /// `(acceptance expired 2027-06-30: REASON)`, for one-line formats.
    pub fn note(&self) -> String {
        // The reason comes from the config: cut like every echoed value.
        format!(
            "(acceptance expired {}: {})",
            self.date,
            crate::text::echo(&self.reason)
        )
    }
}

impl Diagnostic {
    pub fn new(rule: &'static RuleMeta, span: Span, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.severity,
            message: message.into(),
            pointer: pointer.into(),
            span,
            help: None,
            fix: None,
            related: ThinVec::new(),
            suppressed: None,
            unnecessary: false,
            rare: None,
        }
    }

    pub fn code(&self) -> &'static str {
        self.rule.code
    }

    pub fn with_help(mut self, help: impl Into<std::sync::Arc<str>>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(Box::new(fix));
        self
    }

    pub fn with_subject(mut self, subject: Subject) -> Self {
        self.rare.get_or_insert_with(Box::default).subject = Some(subject);
        self
    }

    /// At most `ceiling`, now and after any severity override
    /// ([`Diagnostic::ceiling`]).
    pub fn at_most(mut self, ceiling: Severity) -> Self {
        self.severity = self.severity.min(ceiling);
        self.rare.get_or_insert_with(Box::default).ceiling = Some(ceiling);
        self
    }

    /// The `n`th of its rule's findings at its place ([`Rare::rank`]).
    pub fn ranked(mut self, n: u32) -> Self {
        self.rare.get_or_insert_with(Box::default).rank = n;
        self
    }

    pub fn rank(&self) -> u32 {
        self.rare.as_ref().map_or(0, |r| r.rank)
    }

    pub fn ceiling(&self) -> Option<Severity> {
        self.rare.as_ref()?.ceiling
    }

    pub fn subject(&self) -> Option<&Subject> {
        self.rare.as_ref()?.subject.as_ref()
    }

    /// The expired acceptance of this finding, if any.
    pub fn expired(&self) -> Option<&Expired> {
        self.rare.as_ref()?.expired.as_ref()
    }

    /// The message with its expired acceptance's note, if any, for the
    /// formats that carry one text per finding (`… (acceptance expired
    /// 2027-06-30: REASON)`).
    pub fn message_with_expiry(&self) -> std::borrow::Cow<'_, str> {
        match self.expired() {
            Some(e) => format!("{} {}", self.message, e.note()).into(),
            None => self.message.as_str().into(),
        }
    }

    /// Is this finding about the value at `pointer` (whose span is `span`):
    /// at it, or at another grant of the same cause with it among its
    /// related locations (a risk rule reports a tool granted twice once)?
    pub fn covers(&self, pointer: &str, span: Span) -> bool {
        self.pointer == pointer || self.related.iter().any(|r| r.span == span)
    }

    pub fn set_expired(&mut self, expired: Expired) {
        self.rare.get_or_insert_with(Box::default).expired = Some(expired);
    }

    pub fn with_related(mut self, message: impl Into<String>, span: Span) -> Self {
        self.related.push(Related {
            message: message.into(),
            span,
        });
        self
    }

    /// The did-you-mean of the help (`did you mean `x`?`), if it has one.
    pub fn did_you_mean(&self) -> Option<&str> {
        let help = self.help.as_deref()?;
        let start = help.find("did you mean")?;
        let end = help[start..].find('?').map_or(help.len(), |i| start + i + 1);
        Some(&help[start..end])
    }

    pub fn is_active(&self) -> bool {
        self.suppressed.is_none()
    }
}

#[cfg(test)]
mod tests {
    /// A file can have a finding per member: what each costs is pinned (it
    /// was 216 bytes before the rare parts were boxed).
    #[test]
    fn a_diagnostic_is_120_bytes() {
        assert_eq!(std::mem::size_of::<super::Diagnostic>(), 120);
    }
}
