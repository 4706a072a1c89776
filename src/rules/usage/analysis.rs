//! A manifest's grants set against the calls of the run's API Call
//! Activity Report (mapped once per run, `usage::calls`): what every U rule
//! reads.

use crate::catalog::{Catalog, Confidence, Scope};
use crate::model::view::Entry;
use crate::model::Level;
use crate::settings::Settings;
use crate::span::Span;
use crate::syntax::Node;
use crate::usage::activity::Activity;
use crate::usage::calls::{Input, Mapped, Tally};
use crate::usage::routes::RouteMap;
use crate::usage::{Facts, ToolUse};
use std::collections::BTreeMap;

/// A manifest's grants against a report's calls.
pub struct Analysis<'a> {
    /// The calls, mapped.
    pub calls: &'a Mapped,
    /// Grants, one per (scope, tool): the highest level, the first entry.
    pub granted: BTreeMap<(Scope, String), (Level, Entry<'a>)>,
    pub map: RouteMap<'a>,
    pub activity: &'a Activity,
}

impl<'a> Analysis<'a> {
    pub fn new(root: &'a Node<'a>, input: &'a Input, settings: &'a Settings, catalog: &'a Catalog<'a>) -> Analysis<'a> {
        let map = RouteMap::new(&settings.extra_routes);
        let calls = input.mapped(catalog, &map);
        // A legacy key (`budget`) already stands for its successor
        // (`budgeting`), the key the route map uses: `risk::grants`
        // resolves it.
        let mut granted: BTreeMap<(Scope, String), (Level, Entry)> = BTreeMap::new();
        for (entry, g) in crate::risk::grants(root, catalog) {
            let key = (g.scope, g.tool.to_string());
            match granted.get(&key) {
                Some((l, _)) if *l >= g.level => {}
                _ => {
                    granted.insert(key, (g.level, entry));
                }
            }
        }
        Analysis {
            calls,
            granted,
            map,
            activity: &input.activity,
        }
    }

    /// The calls of a (scope, tool), if any were mapped to it.
    pub fn used(&self, scope: Scope, tool: &str) -> Option<&'a Tally> {
        self.calls.used.get(&(scope, tool.to_string()))
    }

    /// The tool table and the unmapped routes.
    pub fn facts(&self) -> Facts {
        let used = &self.calls.used;
        let mut keys: Vec<&(Scope, String)> = self.granted.keys().chain(used.keys()).collect();
        keys.sort();
        keys.dedup();
        let tools = keys
            .into_iter()
            .map(|k| {
                let t = used.get(k);
                ToolUse {
                    scope: k.0.as_str(),
                    key: crate::secrets::key(&k.1),
                    granted: self.granted.get(k).map(|(l, _)| l.as_str()),
                    needed: t.and_then(|t| t.needed).map(Level::as_str),
                    calls_ok: t.map_or(0, |t| t.ok),
                    calls_403: t.map_or(0, |t| t.forbidden),
                    confidence: t.and_then(|t| t.confidence).map(Confidence::as_str),
                    mapped: self.map.knows(k.0, &k.1),
                }
            })
            .collect();
        Facts {
            tools,
            unmapped: self.calls.unmapped.clone(),
            rows: self.activity.rows,
            days: self.activity.days,
            calls: self.activity.calls,
        }
    }
}

/// Where a missing grant of `scope` belongs: the scope object of the first
/// permissions block, or that block, or the root (`at_root`: its opening
/// brace, after any BOM).
pub fn scope_place(root: &Node, scope: Scope, at_root: Span) -> (Span, String) {
    let blocks = crate::model::view::permission_blocks(root);
    if let Some(b) = blocks.first() {
        if let Some(m) = b.node().member(scope.as_str()) {
            return (m.key_span, format!("{}/{}", b.pointer, scope.as_str()));
        }
        return (b.member.key_span, b.pointer.clone());
    }
    (at_root, String::new())
}
