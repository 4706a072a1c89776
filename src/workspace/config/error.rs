//! A config problem: where and what, as every front end says it.

use super::Config;
use crate::span::Span;
use std::path::PathBuf;

/// A config problem: where and what.
#[derive(Debug, Clone)]
pub struct ConfigError {
    pub path: PathBuf,
    pub text: String,
    pub span: Option<Span>,
    pub message: String,
    pub help: Option<String>,
}

impl ConfigError {
    /// A config whose `[rules]` (with the command line's `--select` and
    /// `--ignore`) leave no rule that checks a manifest
    /// (`crate::rules::registry::checks_manifests`): `check` refuses it and
    /// the language server shows it as X002, or every file would pass
    /// unchecked.
    pub fn checks_nothing(config: &Config) -> ConfigError {
        ConfigError {
            path: config.path.clone(),
            text: config.text.clone(),
            span: None,
            message: "[rules] leaves no rule that checks a manifest (the U rules run in `usage --activity`; X001 only audits [[allow]] entries): every file would pass unchecked".into(),
            help: Some("select check rules too (e.g. select = [\"ALL\"]), or pass --select on the command line".into()),
        }
    }

    /// `path:line:col: message` (for one-line contexts such as the LSP).
    pub fn one_line(&self) -> String {
        let pos = self.span.map(|s| {
            let li = crate::source::LineIndex::new(&self.text);
            li.position(&self.text, s.start as usize)
        });
        match pos {
            Some(p) => format!(
                "{}:{}:{}: {}",
                crate::workspace::paths::display_path(&self.path),
                p.line,
                p.column,
                self.message
            ),
            None => format!(
                "{}: {}",
                crate::workspace::paths::display_path(&self.path),
                self.message
            ),
        }
    }
}
