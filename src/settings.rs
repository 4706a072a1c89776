//! What a lint run is configured with: rule selection, severities, limits,
//! catalog extras. Built from defaults, the config file and the command line.

use crate::diagnostics::Severity;
use crate::rules::registry;
use crate::rules::RuleMeta;
use std::collections::BTreeMap;

/// How the app authenticates (config `expected-auth`, rule A001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExpectedAuth {
    /// Every 3.x oauth instance must be client_credentials (default).
    #[default]
    ServiceAccount,
    /// authorization_code apps: A001 off.
    User,
    /// One client_credentials instance required; authorization_code allowed beside it.
    Both,
}

/// A rule selector: a code, a code prefix (`R`, `P00`), or `ALL`.
pub fn selector_matches(selector: &str, code: &str) -> bool {
    selector == "ALL" || code.starts_with(selector)
}

/// Is `s` a selector that matches at least one rule?
pub fn is_valid_selector(s: &str) -> bool {
    registry::RULES.iter().any(|r| selector_matches(s, r.code))
}

#[derive(Debug, Clone)]
pub struct Settings {
    /// Selectors in the order they apply: `(selector, enabled)`; later
    /// entries win over earlier ones when equally specific, more specific
    /// selectors (longer prefixes) win over less specific ones.
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub severity: BTreeMap<String, Severity>,
    pub max_admin_grants: usize,
    pub expected_auth: ExpectedAuth,
    pub extra_company_tools: BTreeMap<String, Vec<crate::model::Level>>,
    pub extra_project_tools: BTreeMap<String, Vec<crate::model::Level>>,
    pub extra_views: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            select: vec!["ALL".into()],
            ignore: Vec::new(),
            severity: BTreeMap::new(),
            max_admin_grants: 3,
            expected_auth: ExpectedAuth::ServiceAccount,
            extra_company_tools: BTreeMap::new(),
            extra_project_tools: BTreeMap::new(),
            extra_views: Vec::new(),
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

impl Settings {
    /// Is the rule on? The most specific matching selector decides; on a
    /// tie, `ignore` wins.
    pub fn is_enabled(&self, rule: &RuleMeta) -> bool {
        let best_select = self
            .select
            .iter()
            .filter(|s| selector_matches(s, rule.code))
            .map(|s| specificity(s))
            .max();
        let best_ignore = self
            .ignore
            .iter()
            .filter(|s| selector_matches(s, rule.code))
            .map(|s| specificity(s))
            .max();
        match (best_select, best_ignore) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(s), Some(i)) => s > i,
        }
    }

    /// A configured severity for a rule (most specific selector wins), if any.
    pub fn severity_override(&self, rule: &RuleMeta) -> Option<Severity> {
        self.severity
            .iter()
            .filter(|(s, _)| selector_matches(s, rule.code))
            .max_by_key(|(s, _)| specificity(s))
            .map(|(_, sev)| *sev)
    }
}
