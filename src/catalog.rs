//! The Permission Builder's tool catalog (`data/tools.json`) and the side
//! panel view keys (`data/sidepanel-views.json`), embedded and parsed once.
//! Config extras are merged in through [`Catalog::tool`].

use crate::model::Level;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// How sure the catalog is of a tool key (see `data/README.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// One tool of one scope.
#[derive(Debug, Clone, Deserialize)]
pub struct Tool {
    pub key: String,
    pub name: String,
    pub levels: Vec<Level>,
    pub confidence: Confidence,
    #[serde(default)]
    pub evidence: String,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub legacy_of: Option<String>,
}

impl Tool {
    pub fn offers(&self, level: Level) -> bool {
        self.levels.contains(&level)
    }
}

#[derive(Debug, Deserialize)]
struct ToolsFile {
    company: Vec<Tool>,
    project: Vec<Tool>,
}

#[derive(Debug, Deserialize)]
struct ViewsFile {
    documented: Vec<String>,
    formerly_documented: BTreeMap<String, String>,
    documentation_examples_only: BTreeMap<String, String>,
}

/// The two permission scopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Company,
    Project,
}

impl Scope {
    pub fn parse(s: &str) -> Option<Scope> {
        match s {
            "company" => Some(Scope::Company),
            "project" => Some(Scope::Project),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Company => "company",
            Scope::Project => "project",
        }
    }
    pub fn other(self) -> Scope {
        match self {
            Scope::Company => Scope::Project,
            Scope::Project => Scope::Company,
        }
    }
}

static TOOLS: LazyLock<ToolsFile> = LazyLock::new(|| {
    // ok: embedded data, parsed by a unit test on every build
    serde_json::from_str(include_str!("../data/tools.json")).expect("data/tools.json is valid")
});

static VIEWS: LazyLock<ViewsFile> = LazyLock::new(|| {
    // ok: embedded data, parsed by a unit test on every build
    serde_json::from_str(include_str!("../data/sidepanel-views.json")).expect("data/sidepanel-views.json is valid")
});

static DOCUMENTED_VIEWS: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| VIEWS.documented.iter().map(String::as_str).collect());

/// Did-you-mean answers by (kind, key).
type Suggestions = std::collections::HashMap<(&'static str, String), Option<String>>;

/// Suggestions shared by the threads of a run; bounded.
static SUGGESTIONS: LazyLock<std::sync::Mutex<Suggestions>> = LazyLock::new(Default::default);

fn cached(kind: &'static str, key: &str, compute: impl FnOnce() -> Option<String>) -> Option<String> {
    let lookup = (kind, key.to_string());
    if let Some(hit) = SUGGESTIONS.lock().ok().and_then(|m| m.get(&lookup).cloned()) {
        return hit;
    }
    let answer = compute();
    if let Ok(mut m) = SUGGESTIONS.lock() {
        if m.len() >= 100_000 {
            m.clear();
        }
        m.insert(lookup, answer.clone());
    }
    answer
}

/// The config's additions to the catalog (`[catalog]`): tool keys with the
/// levels they offer, and side panel view keys.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    pub company_tools: BTreeMap<String, Vec<Level>>,
    pub project_tools: BTreeMap<String, Vec<Level>>,
    pub views: Vec<String>,
}

/// The catalog as one run sees it: built-in tools plus the config's extras.
pub struct Catalog<'a> {
    extras: &'a Extras,
    extra_company: Vec<Tool>,
    extra_project: Vec<Tool>,
}

fn tools_of(map: &BTreeMap<String, Vec<Level>>) -> Vec<Tool> {
    map.iter()
        .map(|(k, levels)| Tool {
            key: k.clone(),
            name: k.clone(),
            levels: levels.clone(),
            confidence: Confidence::High,
            evidence: "declared in procore-manifest.toml [catalog]".into(),
            note: None,
            legacy_of: None,
        })
        .collect()
}

impl<'a> Catalog<'a> {
    pub fn new(extras: &'a Extras) -> Self {
        Catalog {
            extras,
            extra_company: tools_of(&extras.company_tools),
            extra_project: tools_of(&extras.project_tools),
        }
    }

    /// The built-in catalog alone (no tool or view declared in a config):
    /// its answers are the same in every run.
    pub fn is_builtin(&self) -> bool {
        self.extra_company.is_empty() && self.extra_project.is_empty() && self.extras.views.is_empty()
    }

    /// Every tool of a scope: config extras first (they override a built-in
    /// entry of the same key), then the built-in ones.
    pub fn tools(&self, scope: Scope) -> impl Iterator<Item = &Tool> {
        let (extra, builtin) = match scope {
            Scope::Company => (&self.extra_company, &TOOLS.company),
            Scope::Project => (&self.extra_project, &TOOLS.project),
        };
        extra
            .iter()
            .chain(builtin.iter().filter(move |t| !extra.iter().any(|e| e.key == t.key)))
    }

    pub fn tool(&self, scope: Scope, key: &str) -> Option<&Tool> {
        self.tools(scope).find(|t| t.key == key)
    }

    /// The tool a key stands for: a legacy key resolves to its successor.
    pub fn canonical_key<'k>(&'k self, scope: Scope, key: &'k str) -> &'k str {
        match self.tool(scope, key).and_then(|t| t.legacy_of.as_deref()) {
            Some(new) => new,
            None => key,
        }
    }

    pub fn is_documented_view(&self, key: &str) -> bool {
        DOCUMENTED_VIEWS.contains(key) || self.extras.views.iter().any(|v| v == key)
    }

    /// Did-you-mean for an unknown tool key of `scope`. Without config
    /// extras the answer depends on the key alone, so it is computed once
    /// per distinct key for the whole run (a corpus repeats its typos).
    pub fn suggest_tool(&self, scope: Scope, key: &str) -> Option<String> {
        let compute = || crate::text::closest(key, self.tools(scope).map(|t| t.key.as_str())).map(str::to_string);
        if self.extra_company.is_empty() && self.extra_project.is_empty() {
            cached(scope.as_str(), key, compute)
        } else {
            compute()
        }
    }

    /// Did-you-mean for an unknown view key (cached like [`Catalog::suggest_tool`]).
    pub fn suggest_view(&self, key: &str) -> Option<String> {
        let compute = || crate::text::closest(key, self.views()).map(str::to_string);
        if self.extras.views.is_empty() {
            cached("view", key, compute)
        } else {
            compute()
        }
    }

    /// Documented keys plus config extras.
    pub fn views(&self) -> impl Iterator<Item = &str> {
        VIEWS
            .documented
            .iter()
            .map(String::as_str)
            .chain(self.extras.views.iter().map(String::as_str))
    }

    pub fn formerly_documented_view(&self, key: &str) -> Option<&'static str> {
        VIEWS.formerly_documented.get(key).map(String::as_str)
    }

    pub fn example_only_view(&self, key: &str) -> Option<&'static str> {
        VIEWS.documentation_examples_only.get(key).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalogs_parse() {
        assert!(TOOLS.company.len() > 10);
        assert!(TOOLS.project.len() > 10);
        assert!(VIEWS.documented.iter().any(|v| v == "rfi.detail"));
    }

    #[test]
    fn company_admin_offers_only_none_and_admin() {
        let s = Extras::default();
        let c = Catalog::new(&s);
        let admin = c.tool(Scope::Company, "admin").unwrap();
        assert_eq!(admin.levels, vec![Level::None, Level::Admin]);
        assert_eq!(c.canonical_key(Scope::Company, "portfolio"), "home");
        assert_eq!(c.canonical_key(Scope::Project, "budget"), "budgeting");
    }

    #[test]
    fn extras_merge() {
        let mut s = Extras::default();
        s.company_tools
            .insert("my_tool".into(), vec![Level::None, Level::Readonly]);
        let c = Catalog::new(&s);
        assert!(c.tool(Scope::Company, "my_tool").is_some());
        assert!(c.tool(Scope::Project, "my_tool").is_none());
    }
}
