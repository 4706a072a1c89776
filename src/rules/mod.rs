//! Rules: one registry of codes, one check function per rule group, and the
//! context every rule reports through.
//!
//! A rule is declared with [`declare_rule!`]: its doc comment *is* its
//! documentation (`explain`, `rules`, SARIF help and LSP hover all read it).
//! Rules of a group live in one file because they share one walk over the
//! part of the manifest they check (every permission entry, every
//! component); each still has its own declaration, docs and fixtures.

pub mod audit;
pub mod auth;
pub mod components;
pub mod edits;
pub mod install;
pub mod interpolation;
pub mod permissions;
pub mod registry;
pub mod risk;
pub mod structure;
pub mod usage;

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::SchemaFamily;
use crate::settings::Settings;
use crate::span::Span;
use crate::syntax::Node;

/// Whether a rule can offer a fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    Safe,
    Unsafe,
    /// Safe in some cases, unsafe in others (the docs say when).
    Sometimes,
}

impl FixAvailability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::None => "none",
            FixAvailability::Safe => "safe",
            FixAvailability::Unsafe => "unsafe",
            FixAvailability::Sometimes => "safe",
        }
    }
}

/// Everything the registry knows about a rule.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    pub fix: FixAvailability,
    /// GitHub code scanning's `security-severity` (0.0 to 10.0), on the
    /// rules about what an app could do or leak; GitLab calls 9.0 and over
    /// critical.
    pub security_severity: Option<&'static str>,
    /// Markdown: what it checks, why, an example that fires, the fixed version.
    docs: &'static str,
}

impl RuleMeta {
    #[doc(hidden)]
    pub const fn new(
        code: &'static str,
        name: &'static str,
        severity: Severity,
        fix: FixAvailability,
        summary: &'static str,
        security_severity: Option<&'static str>,
        docs: &'static str,
    ) -> Self {
        RuleMeta {
            code,
            name,
            severity,
            summary,
            fix,
            security_severity,
            docs,
        }
    }

    /// The rule's group tags (SARIF `properties.tags`); GitHub reads
    /// `security-severity` only on rules tagged `security`.
    pub fn tags(&self) -> &'static [&'static str] {
        match self.code.as_bytes().first() {
            Some(b'S') => &["structure"],
            Some(b'A') => &["authentication"],
            Some(b'P') => &["permissions"],
            Some(b'R') => &["security", "risk"],
            Some(b'C') => &["components"],
            Some(b'I') => &["installation"],
            Some(b'X') => &["configuration"],
            _ => &[],
        }
    }

    /// A finding of this rule is critical (GitLab Code Quality) when it is
    /// an error: full control of the company, or a leaked credential.
    pub fn is_critical(&self) -> bool {
        self.security_severity
            .and_then(|s| s.parse::<f32>().ok())
            .is_some_and(|s| s >= 9.0)
    }

    /// The documentation as Markdown (doc-comment indentation removed).
    pub fn docs(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_string() + "\n"
    }
}

impl PartialEq for RuleMeta {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

/// Declare a rule: doc comment, code, name, severity, fix availability and
/// summary in one place.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $ident:ident = ($code:literal, $name:literal, $sev:ident, $fix:ident, $summary:literal $(, security_severity = $ss:literal)?);
    ) => {
        $vis static $ident: $crate::rules::RuleMeta = $crate::rules::RuleMeta::new(
            $code,
            $name,
            $crate::diagnostics::Severity::$sev,
            $crate::rules::FixAvailability::$fix,
            $summary,
            $crate::declare_rule!(@ss $($ss)?),
            concat!($($doc, "\n"),*),
        );
    };
    (@ss) => { None };
    (@ss $ss:literal) => { Some($ss) };
}

/// What a rule sees: the tree, the text, the settings, the layout; and where
/// it reports.
pub struct Checker<'a> {
    pub root: &'a Node<'a>,
    pub text: &'a str,
    /// Every secret in the document (`secrets::Finder`), found once per file.
    pub secrets: &'a [crate::secrets::Found],
    /// What the whole-tree rules found in the walk `lint` shares with the
    /// secret scan (`syntax::walk`), for their checks to report.
    pub walked: Walked,
    /// Built on first use (only a few rules name lines in messages).
    pub lines: std::cell::OnceCell<crate::source::LineIndex>,
    pub settings: &'a Settings,
    /// The layout rules apply (declared or, with S004, inferred).
    pub family: SchemaFamily,
    pub diagnostics: Vec<Diagnostic>,
    /// The schema found problems (S003): every rule then runs, enabled or
    /// not, because a specific rule's finding replaces the S003s at its
    /// pointer (RULES.md) even when the rule itself is turned off.
    pub claims_needed: bool,
}

/// The 1-based line of byte `offset` of `text`, from its line index
/// (built on first use: only a few rules name lines in messages).
pub fn line_in(lines: &std::cell::OnceCell<crate::source::LineIndex>, text: &str, offset: u32) -> u32 {
    lines
        .get_or_init(|| crate::source::LineIndex::new(text))
        .position(text, offset as usize)
        .line
}

/// The findings of the rules that look at every value, from the one walk
/// they share with the secret scan: each rule's check takes its own.
#[derive(Default)]
pub struct Walked {
    /// S002 (`structure::s002_duplicate_key::Duplicates`).
    pub duplicates: Vec<Diagnostic>,
    /// C012 in text (`components::c012_placeholder_value::SampleText`).
    pub samples: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    /// Does `rule` need to run? Rules that are not selected do not, unless
    /// their findings must claim S003s (see `claims_needed`).
    pub fn enabled(&self, rule: &RuleMeta) -> bool {
        self.claims_needed || self.settings.is_enabled(rule)
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: u32) -> u32 {
        line_in(&self.lines, self.text, offset)
    }

    pub fn report(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// The span of a missing member: the parent's opening brace, or the
    /// first character of the document for the root.
    pub fn missing_span(&self, parent: &Node) -> Span {
        if parent.span == self.root.span {
            let start = if self.text.starts_with('\u{feff}') { 3 } else { 0 };
            let first = self.text[start..]
                .char_indices()
                .find(|(_, c)| !c.is_whitespace())
                .map_or(start, |(i, _)| start + i);
            return Span::new(first, first + 1).first_char(self.text);
        }
        parent.span.first_char(self.text)
    }
}

/// A URL with every `{{placeholder}}` replaced by a sample value, and
/// whether it had any (for comparing hosts).
pub fn interpolation_free(url: &str) -> (String, bool) {
    let mut out = String::with_capacity(url.len());
    let mut rest = url;
    let mut any = false;
    while let Some(start) = rest.find("{{") {
        match rest[start..].find("}}") {
            Some(end) => {
                out.push_str(&rest[..start]);
                out.push_str("sample1");
                rest = &rest[start + end + 2..];
                any = true;
            }
            None => break,
        }
    }
    out.push_str(rest);
    (out, any)
}
