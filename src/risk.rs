//! The overall risk rating of what a manifest asks for, computed
//! from the grants themselves: independent of rule selection, suppressions
//! and baselines.

use crate::catalog::{Catalog, Scope};
use crate::model::view::{self, Entry};
use crate::model::Level;
use crate::syntax::Node;

/// Ordered: `None < Low < Medium < High < Critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Risk {
    #[default]
    None,
    Low,
    Medium,
    High,
    Critical,
}

impl Risk {
    pub fn as_str(self) -> &'static str {
        match self {
            Risk::None => "none",
            Risk::Low => "low",
            Risk::Medium => "medium",
            Risk::High => "high",
            Risk::Critical => "critical",
        }
    }
}

/// The level a grant counts as: known spellings normalised, anything that
/// is no level at all (a number, an object, "full") counts as admin.
pub fn effective_level(value: &Node) -> Level {
    value.as_str().and_then(Level::normalize).unwrap_or(Level::Admin)
}

/// A grant as the rating sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grant<'k> {
    pub scope: Scope,
    /// The tool key, legacy keys resolved to the tool they stand for.
    pub tool: &'k str,
    pub level: Level,
}

/// The risk of a single grant.
pub fn grant_risk(g: Grant<'_>) -> Risk {
    use Level::*;
    match (g.scope, g.tool, g.level) {
        (_, _, None) => Risk::None,
        (Scope::Company, "directory" | "admin", Admin) => Risk::Critical,
        (Scope::Company, "app_management", _) => Risk::High,
        (Scope::Company, _, Admin) => Risk::High,
        (Scope::Project, "directory", Admin) => Risk::High,
        (Scope::Company, _, Standard) | (Scope::Project, _, Admin) => Risk::Medium,
        _ => Risk::Low,
    }
}

/// Every grant of every permissions block (4.1 top level, each oauth
/// instance, misplaced blocks too), with the entry it comes from.
pub fn grants<'a>(root: &'a Node, catalog: &'a Catalog<'_>) -> Vec<(Entry<'a>, Grant<'a>)> {
    grants_of(&view::permission_blocks(root), catalog)
}

/// The grants of some blocks, in their order.
pub fn grants_of<'a>(blocks: &[view::PermBlock<'a>], catalog: &'a Catalog<'_>) -> Vec<(Entry<'a>, Grant<'a>)> {
    let mut out = Vec::new();
    for block in blocks {
        for e in view::entries(block) {
            if let Some(g) = grant(&e, catalog) {
                out.push((e, g));
            }
        }
    }
    out
}

/// What the app's service account is granted, per (scope, tool): the
/// highest level written in the blocks it receives
/// ([`view::service_account_blocks`]), with the first entry of that level;
/// a legacy key counts as the tool it stands for. A value that is no level
/// (`null`, `"read"`: P001) grants nothing here, where the rating reads it
/// as the worst case. What `usage` and `diff` compare.
pub fn received<'a>(
    root: &'a Node<'a>,
    family: crate::model::SchemaFamily,
    catalog: &'a Catalog<'_>,
) -> std::collections::BTreeMap<(Scope, String), (Level, Entry<'a>)> {
    let mut out: std::collections::BTreeMap<(Scope, String), (Level, Entry<'a>)> = std::collections::BTreeMap::new();
    for (entry, g) in grants_of(&view::service_account_blocks(root, family), catalog) {
        let Some(level) = entry.value().as_str().and_then(Level::normalize) else {
            continue;
        };
        let key = (g.scope, g.tool.to_string());
        if out.get(&key).is_none_or(|(l, _)| *l < level) {
            out.insert(key, (level, entry));
        }
    }
    out
}

/// An entry as a grant (none outside the `company` and `project` scopes).
fn grant<'a>(e: &Entry<'a>, catalog: &'a Catalog<'_>) -> Option<Grant<'a>> {
    let scope = Scope::parse(e.scope)?;
    Some(Grant {
        scope,
        tool: catalog.canonical_key(scope, e.key()),
        level: effective_level(e.value()),
    })
}

/// The manifest's rating.
pub fn rate(root: &Node, catalog: &Catalog<'_>, has_secret: bool) -> Risk {
    rate_granted(&view::granted(root), catalog, has_secret)
}

/// The rating of the grants of [`view::granted`].
pub fn rate_granted(granted: &[view::Granted<'_>], catalog: &Catalog<'_>, has_secret: bool) -> Risk {
    if has_secret {
        return Risk::Critical;
    }
    granted
        .iter()
        .flat_map(|g| &g.entries)
        .filter_map(|e| grant(e, catalog).map(grant_risk))
        .max()
        .unwrap_or(Risk::None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rating(json: &str) -> Risk {
        let arena = crate::syntax::Arena::default();
        let root = crate::syntax::parse(json, &arena).unwrap();
        let extras = crate::catalog::Extras::default();
        let c = Catalog::new(&extras);
        rate(&root, &c, !crate::secrets::find(&root).is_empty())
    }

    #[test]
    fn ratings() {
        let cases = [
            (
                r#"{"permissions": {"company": {"directory": "ADMIN"}}}"#,
                Risk::Critical,
            ),
            (r#"{"permissions": {"company": {"documents": "admin"}}}"#, Risk::High),
            (
                r#"{"permissions": {"company": {"app_management": "readonly"}}}"#,
                Risk::High,
            ),
            (r#"{"permissions": {"project": {"directory": "admin"}}}"#, Risk::High),
            (
                r#"{"permissions": {"company": {"documents": "Standard"}}}"#,
                Risk::Medium,
            ),
            (r#"{"permissions": {"project": {"rfi": "admin"}}}"#, Risk::Medium),
            (
                r#"{"permissions": {"project": {"rfi": "standard", "x": "Read Only"}}}"#,
                Risk::Low,
            ),
            (r#"{"permissions": {"project": {"rfi": "none"}}}"#, Risk::None),
            (r#"{"permissions": {}}"#, Risk::None),
            // no level at all counts as admin
            (r#"{"permissions": {"company": {"directory": "full"}}}"#, Risk::Critical),
            // duplicate key: the later value counts
            (
                r#"{"permissions": {"company": {"directory": "admin", "directory": "readonly"}}}"#,
                Risk::Low,
            ),
            // every block counts, misplaced ones too
            (
                r#"{"components": {"oauth": {"instances": [{"permissions": {"company": {"admin": "admin"}}}]}}}"#,
                Risk::Critical,
            ),
            (r#"{"x": {"client_secret": "abc"}}"#, Risk::Critical),
        ];
        for (json, expected) in cases {
            assert_eq!(rating(json), expected, "{json}");
        }
    }
}
