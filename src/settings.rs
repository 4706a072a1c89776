//! What a lint run is configured with: rule selection, severities, limits,
//! catalog extras. Built from defaults, the config file and the command line.

use crate::rule::{RuleMeta, Severity};
use std::collections::BTreeMap;

/// How the app authenticates (config `expected-auth`, rule A001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExpectedAuth {
    /// Every 3.x oauth instance must be client_credentials (a strict policy).
    ServiceAccount,
    /// authorization_code apps: A001 off.
    User,
    /// One client_credentials instance required; authorization_code allowed
    /// beside it (default: Procore's Data Connector model, where Service
    /// Account Authentication "is added on top of User Level Authentication").
    #[default]
    Both,
}

/// A rule selector: a code, a code prefix (`R`, `P00`), or `ALL`.
pub fn selector_matches(selector: &str, code: &str) -> bool {
    selector == "ALL" || code.starts_with(selector)
}

#[derive(Debug, Clone)]
pub struct Settings {
    /// The config's rule selection (every rule when it has none).
    pub rules: Selection,
    /// The command line's, which beats the config's.
    pub cli: Selection,
    pub max_admin_grants: usize,
    pub expected_auth: ExpectedAuth,
    /// `[catalog]`: tools and views added to the built-in catalog.
    pub catalog: crate::catalog::Extras,
    /// `[usage] routes`: route map additions for `usage`.
    pub extra_routes: Vec<crate::usage::routes::Route>,
    /// `usage --activity`: the API Call Activity Report the run sets
    /// against the grants. With one, the engine runs the U rules in place
    /// of the manifest's own checks.
    pub activity: Option<std::sync::Arc<crate::usage::calls::Input>>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            rules: Selection {
                select: vec!["ALL".into()],
                ..Selection::default()
            },
            cli: Selection::default(),
            max_admin_grants: 3,
            expected_auth: ExpectedAuth::Both,
            catalog: Default::default(),
            extra_routes: Vec::new(),
            activity: None,
        }
    }
}

fn specificity(selector: &str) -> usize {
    if selector == "ALL" {
        0
    } else {
        selector.len()
    }
}

/// One layer of rule selection: the config's `[rules]`, or `--select`,
/// `--ignore` and `--severity` on the command line. Within a layer, more
/// specific selectors (longer prefixes) win, and `ignore` wins a tie.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub severity: BTreeMap<String, Severity>,
}

/// Within one layer: the most specific matching selector decides, `ignore`
/// winning a tie; `None` when no selector of the layer matches.
fn decide(select: &[String], ignore: &[String], code: &str) -> Option<bool> {
    let best = |list: &[String]| {
        list.iter()
            .filter(|s| selector_matches(s, code))
            .map(|s| specificity(s))
            .max()
    };
    match (best(select), best(ignore)) {
        (None, None) => None,
        (Some(_), None) => Some(true),
        (None, Some(_)) => Some(false),
        (Some(s), Some(i)) => Some(s > i),
    }
}

fn most_specific(severity: &BTreeMap<String, Severity>, code: &str) -> Option<Severity> {
    severity
        .iter()
        .filter(|(s, _)| selector_matches(s, code))
        .max_by_key(|(s, _)| specificity(s))
        .map(|(_, sev)| *sev)
}

impl Settings {
    /// Is the rule on? The command line beats the config: `--select`
    /// starts the selection afresh (with `--ignore`), `--ignore` alone turns
    /// rules off on top of the config's selection. Within a layer the most
    /// specific selector decides.
    pub fn is_enabled(&self, rule: &RuleMeta) -> bool {
        let code = rule.code;
        // Asked hundreds of times per file: the usual case (no command-line
        // selection, the config selecting ALL and ignoring nothing) without
        // comparing selectors.
        if self.cli.select.is_empty()
            && self.cli.ignore.is_empty()
            && self.rules.ignore.is_empty()
            && self.rules.select.iter().any(|s| s == "ALL")
        {
            return true;
        }
        if !self.cli.select.is_empty() {
            return decide(&self.cli.select, &self.cli.ignore, code).unwrap_or(false);
        }
        if decide(&[], &self.cli.ignore, code) == Some(false) {
            return false;
        }
        decide(&self.rules.select, &self.rules.ignore, code).unwrap_or(false)
    }

    /// The severity set for a rule, if any: the command line's most
    /// specific matching `--severity`, else the config's.
    pub fn severity_override(&self, rule: &RuleMeta) -> Option<Severity> {
        most_specific(&self.cli.severity, rule.code).or_else(|| most_specific(&self.rules.severity, rule.code))
    }
}
