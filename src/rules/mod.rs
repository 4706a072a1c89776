//! Rules: the registry of codes, the one engine that runs them
//! ([`engine`]), and the context every rule reports through.
//!
//! Each rule lives in its own file, `<group>/<code>_<name>.rs`: its
//! declaration with [`declare_rule!`] (the doc comment *is* its
//! documentation: `explain`, `rules`, SARIF help and LSP hover all read it)
//! and its check. A group's `mod.rs` walks the part of the manifest its
//! rules share (every permission entry, every component) once and calls
//! each enabled rule's check.

pub mod audit;
pub mod auth;
pub mod components;
pub mod edits;
pub mod engine;
pub mod install;
pub mod interpolation;
pub mod permissions;
pub mod registry;
pub mod risk;
pub mod structure;
pub mod usage;

use crate::diagnostics::Diagnostic;
use crate::model::SchemaFamily;
pub use crate::rule::{FixAvailability, RuleMeta};
use crate::settings::Settings;
use crate::span::Span;
use crate::syntax::Node;

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
    /// pointer even when the rule itself is turned off.
    pub claims_needed: bool,
    /// What `usage` found besides its findings (the U group sets it).
    pub usage: Option<Box<crate::usage::Facts>>,
    /// Every permissions block and its entries, read on first use.
    pub granted: std::cell::OnceCell<Vec<crate::model::view::Granted<'a>>>,
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
pub struct Walked(pub Vec<(&'static RuleMeta, Vec<Diagnostic>)>);

impl Walked {
    /// The findings `rule`'s visitor made (once: they are moved out).
    pub fn take(&mut self, rule: &RuleMeta) -> Vec<Diagnostic> {
        self.0
            .iter_mut()
            .find(|(r, _)| *r == rule)
            .map(|(_, found)| std::mem::take(found))
            .unwrap_or_default()
    }
}

/// A rule that looks at every value: its visitor in the one walk, and
/// what it found.
pub trait WalkedRule<'t> {
    fn visitor(&mut self) -> &mut dyn crate::syntax::Visit<'t>;
    fn found(self: Box<Self>) -> (&'static RuleMeta, Vec<Diagnostic>);
}

impl<'a> Checker<'a> {
    /// Every permissions block and its entries ([`crate::model::view::granted`]),
    /// read once for every rule that walks the grants and for the rating.
    pub fn granted(&self) -> &[crate::model::view::Granted<'a>] {
        self.granted.get_or_init(|| crate::model::view::granted(self.root))
    }

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

    /// Report many at once: taken as they are when nothing was reported
    /// before (a million findings are not copied into a second vector).
    pub fn report_all(&mut self, mut found: Vec<Diagnostic>) {
        if self.diagnostics.is_empty() {
            self.diagnostics = found;
        } else {
            self.diagnostics.append(&mut found);
        }
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

/// Is `d` about a secret value (R007)? Its value is never hashed.
pub fn is_secret_finding(d: &Diagnostic) -> bool {
    d.rule == &risk::R007
}
