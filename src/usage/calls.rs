//! The calls of a report mapped through the route map, once per run: they
//! do not depend on the manifest, so every lint of a run (the report, each
//! pass of the fix engine, the risk after the fixes) shares them.

use super::activity::Activity;
use super::routes::RouteMap;
use super::Unmapped;
use crate::catalog::{Catalog, Confidence, Scope};
use crate::model::Level;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// The calls mapped to one (scope, tool).
#[derive(Debug, Default, Clone)]
pub struct Tally {
    /// The highest level the calls need.
    pub needed: Option<Level>,
    /// The highest level the calls answered 403 need.
    pub needed_403: Option<Level>,
    /// Calls answered 2xx.
    pub ok: u64,
    /// The highest level a call answered 2xx needs: a grant below it was
    /// enough for that call, whatever the map says.
    pub needed_ok: Option<Level>,
    pub forbidden: u64,
    /// Calls on a path the map lists for the tool under other methods
    /// (`PUT` where it lists `GET` and `PATCH`): the tool is used, at a
    /// level the map does not say (they are U004's too).
    pub other_methods: u64,
    /// The lowest confidence of the route mappings the calls rest on.
    pub confidence: Option<Confidence>,
    /// The same, over the calls answered 403 alone (what U003 rests on: a
    /// low-confidence 200 elsewhere does not make its 403s less sure).
    pub confidence_403: Option<Confidence>,
    /// How sure the map is of `needed`: the lowest level confidence of the
    /// calls that need it (`Route::level_confidence`).
    pub needed_confidence: Option<Confidence>,
}

/// The report's calls, mapped.
#[derive(Debug, Default)]
pub struct Mapped {
    /// Calls per (scope, tool).
    pub used: BTreeMap<(Scope, String), Tally>,
    /// Routes the map does not know, in (method, route) order.
    pub unmapped: Arc<Vec<Unmapped>>,
    /// Every unmapped call.
    pub unmapped_calls: u64,
}

impl Mapped {
    /// The unmapped routes, most calls first (ties in route order).
    pub fn unmapped_by_calls(&self) -> Vec<&Unmapped> {
        let mut all: Vec<&Unmapped> = self.unmapped.iter().collect();
        all.sort_by(|a, b| {
            b.calls
                .cmp(&a.calls)
                .then_with(|| (&a.method, &a.route).cmp(&(&b.method, &b.route)))
        });
        all
    }
}

/// An API Call Activity Report as a run's input: the report, and its calls
/// mapped on first use.
#[derive(Debug, Default)]
pub struct Input {
    pub activity: Activity,
    mapped: OnceLock<Mapped>,
}

impl Input {
    pub fn new(activity: Activity) -> Input {
        Input {
            activity,
            mapped: OnceLock::new(),
        }
    }

    /// The calls mapped through `map`, tools named as `catalog` names them.
    /// Computed once: an input belongs to one run's settings, whose route
    /// map and catalog do not change.
    pub fn mapped(&self, catalog: &Catalog, map: &RouteMap) -> &Mapped {
        self.mapped.get_or_init(|| map_calls(&self.activity, catalog, map))
    }
}

fn map_calls(activity: &Activity, catalog: &Catalog, map: &RouteMap) -> Mapped {
    let index = map.index();
    let mut used: BTreeMap<(Scope, String), Tally> = BTreeMap::new();
    // At most one per distinct (method, route, status), reserved at once: a
    // report of a million unmapped routes grew it by doubling, each old
    // buffer freed where the next could not use it (~100 MB resident more).
    let mut unmapped: Vec<Unmapped> = Vec::with_capacity(activity.totals.len());
    let mut unmapped_calls = 0u64;
    // The last unmapped (method, route) as the report wrote it.
    let mut last: Option<(&Arc<str>, &Arc<str>)> = None;
    // The totals are in (method, route, status) order: a route's statuses
    // are neighbours, so an unmapped route is one entry.
    for ((method, route, status), calls) in &activity.totals {
        // A row of no calls (Count 0) is no call: neither a use nor a 403.
        if *calls == 0 {
            continue;
        }
        let (found, path) = index.lookup(method, route);
        // A path known to need no tool (`PATCH /v1.0/me`) names none.
        let path = path.filter(|p| !p.needs_no_tool());
        let Some(r) = found else {
            if let Some(p) = path {
                let tool = catalog.canonical_key(p.scope, &p.tool).to_string();
                let t = used.entry((p.scope, tool)).or_default();
                t.other_methods = t.other_methods.saturating_add(*calls);
            }
            unmapped_calls = unmapped_calls.saturating_add(*calls);
            let same = last == Some((method, route));
            last = Some((method, route));
            match unmapped.last_mut() {
                Some(u) if same => u.calls = u.calls.saturating_add(*calls),
                // Listed as it came, but a credential in it (a token pasted
                // into a path or query) is never echoed, as nowhere else.
                _ => unmapped.push(Unmapped {
                    method: masked(method),
                    route: masked(route),
                    calls: *calls,
                    listed: path.map(|p| Box::new((p.scope, p.tool.clone(), p.methods.join(", ")))),
                }),
            }
            continue;
        };
        // Known to need no tool (`GET /v1.0/me`): neither unmapped nor any
        // tool's.
        if r.needs_no_tool() {
            continue;
        }
        let tool = catalog.canonical_key(r.scope, &r.tool).to_string();
        let need = offered(catalog, r.scope, &tool, r.needed(method));
        let level_confidence = r.level_confidence(method);
        let t = used.entry((r.scope, tool)).or_default();
        match t.needed.cmp(&Some(need)) {
            std::cmp::Ordering::Less => t.needed_confidence = Some(level_confidence),
            std::cmp::Ordering::Equal => {
                t.needed_confidence = Some(
                    t.needed_confidence
                        .map_or(level_confidence, |c| c.min(level_confidence)),
                )
            }
            std::cmp::Ordering::Greater => {}
        }
        t.needed = t.needed.max(Some(need));
        t.confidence = Some(t.confidence.map_or(r.confidence, |c| c.min(r.confidence)));
        match status {
            // 2xx only: a redirect or a 304 says nothing of the grant.
            200..=299 => {
                t.ok = t.ok.saturating_add(*calls);
                t.needed_ok = t.needed_ok.max(Some(need));
            }
            403 => {
                t.forbidden = t.forbidden.saturating_add(*calls);
                t.needed_403 = t.needed_403.max(Some(need));
                t.confidence_403 = Some(t.confidence_403.map_or(r.confidence, |c| c.min(r.confidence)));
            }
            _ => {}
        }
    }
    Mapped {
        used,
        // Moved, not copied (a Vec into an `Arc<[_]>` is copied whole).
        unmapped: Arc::new(unmapped),
        unmapped_calls,
    }
}

/// `text` with any credential in it masked; the same shared string when
/// there is none (nearly always).
fn masked(text: &Arc<str>) -> Arc<str> {
    use std::borrow::Cow;
    let plain = crate::secrets::without_secrets(text);
    // A route is a URL's path: its query (`?access_token=…`) is read as a
    // URL's too, whose secret parts the scan knows (after the first pass:
    // a path may hold a token and the query another).
    if plain.starts_with('/') && plain.contains(['?', '#', ';']) {
        const HOST: &str = "https://route.invalid";
        if let Cow::Owned(m) = crate::secrets::without_secrets(&format!("{HOST}{plain}")) {
            return m.strip_prefix(HOST).map_or_else(|| Arc::from(m.as_str()), Arc::from);
        }
    }
    match plain {
        Cow::Borrowed(_) => text.clone(),
        Cow::Owned(m) => m.into(),
    }
}

/// The level a call needs on a tool, as the tool offers it: the lowest
/// level the catalog lists for the tool at or above `need` (the company
/// Admin tool offers None and Admin only: every call on it needs Admin).
/// A tool the catalog does not list keeps `need`.
pub fn offered(catalog: &Catalog, scope: Scope, tool: &str, need: Level) -> Level {
    catalog
        .tool(scope, tool)
        .and_then(|t| t.levels.iter().copied().filter(|l| *l >= need).min())
        .unwrap_or(need)
}
