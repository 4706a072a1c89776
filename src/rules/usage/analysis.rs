//! The calls of an API Call Activity Report set against a manifest's
//! grants, through the route map: what every U rule reads.

use crate::catalog::{Catalog, Confidence, Scope};
use crate::model::view::Entry;
use crate::model::Level;
use crate::settings::Settings;
use crate::span::Span;
use crate::syntax::Node;
use crate::usage::activity::Activity;
use crate::usage::routes::RouteMap;
use crate::usage::{Facts, ToolUse, Unmapped};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A route of the report: (method, route).
pub type RouteKey = (Arc<str>, Arc<str>);

/// The calls mapped to one (scope, tool).
#[derive(Default)]
pub struct Tally {
    pub needed: Option<Level>,
    pub needed_403: Option<Level>,
    pub ok: u64,
    pub forbidden: u64,
    pub confidence: Option<Confidence>,
}

/// A manifest's grants against a report's calls.
pub struct Analysis<'a> {
    /// Calls per (scope, tool).
    pub used: BTreeMap<(Scope, String), Tally>,
    /// Grants, one per (scope, tool): the highest level, the first entry.
    pub granted: BTreeMap<(Scope, String), (Level, Entry<'a>)>,
    /// Routes the map does not know: (method, route) -> calls.
    pub unmapped: BTreeMap<RouteKey, u64>,
    pub map: RouteMap<'a>,
    pub activity: &'a Activity,
}

impl<'a> Analysis<'a> {
    pub fn new(
        root: &'a Node<'a>,
        activity: &'a Activity,
        settings: &'a Settings,
        catalog: &'a Catalog<'a>,
    ) -> Analysis<'a> {
        let map = RouteMap::new(&settings.extra_routes);
        let mut used: BTreeMap<(Scope, String), Tally> = BTreeMap::new();
        let mut unmapped: BTreeMap<RouteKey, u64> = BTreeMap::new();
        let map_index = map.index();
        for ((method, route, status), calls) in &activity.totals {
            let Some(r) = map_index.find(method, route) else {
                let u = unmapped.entry((method.clone(), route.clone())).or_insert(0);
                *u = u.saturating_add(*calls);
                continue;
            };
            let tool = catalog.canonical_key(r.scope, &r.tool).to_string();
            let t = used.entry((r.scope, tool)).or_default();
            let need = r.needed(method);
            t.needed = t.needed.max(Some(need));
            t.confidence = Some(t.confidence.map_or(r.confidence, |c| c.min(r.confidence)));
            match status {
                200..=399 => t.ok = t.ok.saturating_add(*calls),
                403 => {
                    t.forbidden = t.forbidden.saturating_add(*calls);
                    t.needed_403 = t.needed_403.max(Some(need));
                }
                _ => {}
            }
        }
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
            used,
            granted,
            unmapped,
            map,
            activity,
        }
    }

    /// Every unmapped call (no overflow: each is part of the report's
    /// checked total).
    pub fn unmapped_calls(&self) -> u64 {
        self.unmapped.values().fold(0u64, |a, c| a.saturating_add(*c))
    }

    /// The unmapped routes, most calls first (ties in route order).
    pub fn unmapped_by_calls(&self) -> Vec<(&RouteKey, u64)> {
        let mut all: Vec<_> = self.unmapped.iter().map(|(k, c)| (k, *c)).collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        all
    }

    /// The tool table and the unmapped routes.
    pub fn facts(&self) -> Facts {
        let mut keys: Vec<&(Scope, String)> = self.granted.keys().chain(self.used.keys()).collect();
        keys.sort();
        keys.dedup();
        let tools = keys
            .into_iter()
            .map(|k| {
                let t = self.used.get(k);
                ToolUse {
                    scope: k.0.as_str(),
                    key: crate::secrets::key(&k.1),
                    granted: self.granted.get(k).map(|(l, _)| l.as_str()),
                    needed: t.and_then(|t| t.needed).map(Level::as_str),
                    calls_ok: t.map_or(0, |t| t.ok),
                    calls_403: t.map_or(0, |t| t.forbidden),
                    confidence: t.and_then(|t| t.confidence).map(Confidence::as_str),
                }
            })
            .collect();
        Facts {
            tools,
            unmapped: self
                .unmapped
                .iter()
                .map(|((method, route), calls)| Unmapped {
                    method: method.clone(),
                    route: route.clone(),
                    calls: *calls,
                })
                .collect(),
            rows: self.activity.rows,
            days: self.activity.days,
            calls: self.activity.calls,
        }
    }
}

/// Where a missing grant of `scope` belongs: the scope object of the first
/// permissions block, or that block, or the root.
pub fn scope_place(root: &Node, scope: Scope) -> (Span, String) {
    let blocks = crate::model::view::permission_blocks(root);
    if let Some(b) = blocks.first() {
        if let Some(m) = b.node().member(scope.as_str()) {
            return (m.key_span, format!("{}/{}", b.pointer, scope.as_str()));
        }
        return (b.member.key_span, b.pointer.clone());
    }
    (Span::new(0, 0), String::new())
}
