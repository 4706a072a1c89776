//! A manifest's grants set against the calls of the run's API Call
//! Activity Report (mapped once per run, `usage::calls`): what every U rule
//! reads.

use crate::catalog::{Catalog, Confidence, Scope};
use crate::model::view::{self, Entry};
use crate::model::{Level, SchemaFamily};
use crate::rules::Checker;
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
    pub fn new(
        root: &'a Node<'a>,
        family: SchemaFamily,
        input: &'a Input,
        settings: &'a Settings,
        catalog: &'a Catalog<'a>,
    ) -> Analysis<'a> {
        let map = RouteMap::new(&settings.extra_routes);
        let calls = input.mapped(catalog, &map);
        // Legacy keys as their tools (the route map's keys), only the
        // blocks the service account receives (a misplaced one explains no
        // call), only levels (a value that is no level explains no 403).
        let granted = crate::risk::received(root, family, catalog);
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

    /// What U003 reports, its one test: each tool whose 403 calls need
    /// more than its grant, with the level they need and the grant, if any.
    pub fn missing(&self) -> impl Iterator<Item = Missing<'_, 'a>> + '_ {
        self.calls.used.iter().filter_map(|(key, t)| {
            let need = t.needed_403?;
            let grant = self.granted.get(key);
            (grant.map_or(Level::None, |(l, _)| *l) < need).then_some(Missing {
                key,
                tally: t,
                need,
                grant,
            })
        })
    }

    /// The grants U003 asks for: (scope, tool, level).
    pub fn asked(&self) -> Vec<(Scope, String, Level)> {
        self.missing().map(|m| (m.key.0, m.key.1.clone(), m.need)).collect()
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
                let granted = self.granted.get(k).map(|(l, _)| *l);
                ToolUse {
                    verdict: verdict(granted, t, self.map.knows(k.0, &k.1)),
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
            asked: Vec::new(),
        }
    }
}

/// A tool U003 reports ([`Analysis::missing`]).
pub struct Missing<'s, 'a> {
    pub key: &'a (Scope, String),
    pub tally: &'a Tally,
    /// The level its 403 calls need.
    pub need: Level,
    /// Its grant (below `need`), if any.
    pub grant: Option<&'s (Level, Entry<'a>)>,
}

/// A tool's verdict, by the rules' own tests (whether or not the config
/// turns a rule off: the table shows the facts): "missing" where U003
/// reports (403s needing more than the grant), "unused?" where U001 may
/// (a grant with no mapped call), "over-granted" where U002 does.
fn verdict(granted: Option<Level>, t: Option<&Tally>, mapped: bool) -> &'static str {
    let granted = granted.unwrap_or(Level::None);
    let (needed, needed_403) = (t.and_then(|t| t.needed), t.and_then(|t| t.needed_403));
    match needed {
        // U003's test, as `Analysis::missing` applies it.
        _ if needed_403.is_some_and(|n| granted < n) => "missing",
        None if t.is_some_and(|t| t.other_methods > 0) && granted == Level::None => {
            "not granted (a method the map does not list)"
        }
        None if t.is_some_and(|t| t.other_methods > 0) => "used (a method the map does not list)",
        None if !mapped => "no known routes",
        None if granted > Level::None => "unused?",
        None => "not granted",
        Some(_) if granted == Level::None && t.is_some_and(|t| t.ok > 0) => "not granted (calls succeed)",
        Some(_) if granted == Level::None => "not granted",
        Some(n) if granted > n && t.is_some_and(|t| t.other_methods == 0) => "over-granted",
        // A call that needs more than the grant succeeded with it.
        Some(n) if granted < n && t.and_then(|t| t.needed_ok).is_some_and(|k| k > granted) => {
            "ok (below the map's level)"
        }
        // Below what the calls need, and none of the calls that need more
        // succeeded (500s, 404s; a GET's success says nothing of a failed
        // POST): no 403 says it is the grant, no success says it is enough.
        Some(n) if granted < n => "below the map's level (no call succeeded)",
        Some(_) => "ok",
    }
}

/// Where a missing grant of `scope` belongs: the scope object of the first
/// block the service account receives, or that block; in 3.x without one,
/// the first client_credentials instance (its permissions go there); else
/// the root's opening brace (after any BOM).
pub fn scope_place(cx: &Checker, scope: Scope) -> (Span, String) {
    let blocks = view::service_account_blocks(cx.root, cx.family);
    if let Some(b) = blocks.first() {
        if let Some(m) = b.node().member(scope.as_str()) {
            return (m.key_span, format!("{}/{}", b.pointer, scope.as_str()));
        }
        return (b.member.key_span, b.pointer.clone());
    }
    if cx.family == SchemaFamily::V3 {
        let instances = view::oauth_instances(cx.root);
        let cc = instances.iter().find(|(_, inst, _)| view::is_client_credentials(inst));
        if let Some((_, inst, pointer)) = cc {
            return (cx.missing_span(inst), pointer.clone());
        }
    }
    (cx.missing_span(cx.root), String::new())
}
