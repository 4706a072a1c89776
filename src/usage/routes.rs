//! The route map: which tool (and scope) each Procore REST endpoint needs,
//! embedded from `data/routes.json` (see data/README.md for how it was made)
//! plus the config's `[usage] routes`, which come first.

use crate::catalog::{Confidence, Scope};
use crate::model::Level;
use serde::Deserialize;
use std::sync::LazyLock;

/// One mapped endpoint.
#[derive(Debug, Clone, Deserialize)]
pub struct Route {
    /// The normalized route, as the report writes it:
    /// `/v1.0/projects/:project_id/rfis`.
    pub route: String,
    pub methods: Vec<String>,
    pub scope: Scope,
    pub tool: String,
    /// Methods for which the endpoint needs Admin on the tool.
    #[serde(default)]
    pub admin_methods: Vec<String>,
    /// Methods that read although their verb writes (`POST .../budget_details`
    /// lists budget details).
    #[serde(default)]
    pub read_methods: Vec<String>,
    /// Methods whose level rests on Procore's words (a permission matrix
    /// row or a tutorial sentence, data/routes-sources.md): high level
    /// confidence, as a plain read has.
    #[serde(default)]
    pub level_sources: Vec<String>,
    pub confidence: Confidence,
    #[serde(default)]
    pub evidence: String,
    /// The level every call needs, when declared (a config route's
    /// `level`); otherwise it follows from the method.
    #[serde(default)]
    pub level: Option<Level>,
}

/// GET, HEAD and OPTIONS read.
fn is_read(method: &str) -> bool {
    ["GET", "HEAD", "OPTIONS"]
        .iter()
        .any(|m| m.eq_ignore_ascii_case(method))
}

#[derive(Deserialize)]
struct RoutesFile {
    routes: Vec<Route>,
}

static BUILTIN: LazyLock<Vec<Route>> = LazyLock::new(|| {
    serde_json::from_str::<RoutesFile>(include_str!("../../data/routes.json"))
        .map(|f| f.routes)
        .expect("data/routes.json is valid")
});

/// The embedded routes.
pub fn builtin() -> &'static [Route] {
    &BUILTIN
}

impl Route {
    /// The level a call of `method` needs: the declared level, else GET and
    /// HEAD read, the others write, Admin where the map says so.
    pub fn needed(&self, method: &str) -> Level {
        let method = self.as_listed(method);
        let listed = |methods: &[String]| methods.iter().any(|m| m.eq_ignore_ascii_case(method));
        if let Some(level) = self.level {
            level
        } else if listed(&self.admin_methods) {
            Level::Admin
        } else if listed(&self.read_methods) || is_read(method) {
            Level::Readonly
        } else {
            Level::Standard
        }
    }

    /// How sure the map is of the level a call of `method` needs: a
    /// declared level (a config route), a plain read or a level Procore
    /// documents is high; a write whose level follows from its verb alone
    /// is low (Procore's matrices make many writes Admin-only).
    pub fn level_confidence(&self, method: &str) -> Confidence {
        let method = self.as_listed(method);
        let documented = self.level_sources.iter().any(|m| m.eq_ignore_ascii_case(method));
        if self.level.is_some() || documented || (is_read(method) && self.needed(method) == Level::Readonly) {
            Confidence::High
        } else {
            Confidence::Low
        }
    }

    /// A call that needs no tool at all (`GET /v1.0/me`): the map knows
    /// it, so it is never an unmapped route.
    pub fn needs_no_tool(&self) -> bool {
        self.tool.is_empty()
    }

    pub fn has_method(&self, method: &str) -> bool {
        let method = self.as_listed(method);
        self.methods.iter().any(|m| m.eq_ignore_ascii_case(method))
    }

    /// The method as the route lists it: a HEAD is the GET of the same
    /// route without its body (RFC 9110, 9.3.2), the same permission,
    /// unless the route lists HEAD itself.
    fn as_listed<'m>(&self, method: &'m str) -> &'m str {
        if method.eq_ignore_ascii_case("HEAD") && !self.methods.iter().any(|m| m.eq_ignore_ascii_case("HEAD")) {
            "GET"
        } else {
            method
        }
    }

    /// Does a route of the report match this pattern? Segment by segment: a
    /// `:param` of the pattern matches any segment (the report may name its
    /// parameters otherwise), the rest must be equal; a trailing slash and
    /// a `/rest` prefix are ignored.
    pub fn matches(&self, route: &str) -> bool {
        Pattern::new(self).matches_segments(&segments(route))
    }
}

/// A pattern segment against a route segment: `:name` matches any segment,
/// `:name.pdf` any segment ending in `.pdf`, the rest must be equal (any
/// case).
fn segment_matches(pattern: &str, segment: &str) -> bool {
    match pattern.strip_prefix(':') {
        Some(param) => match param.find('.') {
            Some(dot) => {
                // Compared as bytes: a segment may end in any character
                // (the suffix is ASCII, so a match never splits one).
                let (suffix, seg) = (&param.as_bytes()[dot..], segment.as_bytes());
                seg.len() > suffix.len() && seg[seg.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
                    || seg.starts_with(b":") && seg.ends_with(suffix)
            }
            None => true,
        },
        None => pattern.eq_ignore_ascii_case(segment),
    }
}

/// A route's segments, without the `/rest` prefix and empty segments.
pub fn segments(route: &str) -> Vec<&str> {
    let route = route.trim();
    let route = route.split(['?', '#']).next().unwrap_or(route);
    let route = route
        .strip_prefix("/rest")
        .filter(|r| r.starts_with('/'))
        .unwrap_or(route);
    route.split('/').filter(|s| !s.is_empty()).collect()
}

/// What makes two config routes the same: the method and the segments,
/// any case, every parameter alike (`:id`, `{rfi_id}`, `*`), without the
/// `/rest` prefix and the slashes the matching ignores.
pub fn identity(route: &Route) -> String {
    // A parameter by its suffix alone (`:id.pdf` and `:file_id.pdf` match
    // the same segments).
    let segments = segments(&route.route).into_iter().map(|s| match s.strip_prefix(':') {
        Some(param) => format!(
            ":{}",
            param.find('.').map_or("", |dot| &param[dot..]).to_ascii_lowercase()
        ),
        None => s.to_ascii_lowercase(),
    });
    let method = route.methods.first().map_or("", String::as_str);
    std::iter::once(method.to_string())
        .chain(segments)
        .collect::<Vec<_>>()
        .join("/")
}

/// The routes a run uses: the config's first (they may correct the map),
/// then the embedded ones.
pub struct RouteMap<'a> {
    extra: &'a [Route],
}

/// A pattern split into segments once.
struct Pattern<'a> {
    route: &'a Route,
    segments: Vec<&'a str>,
    literals: usize,
}

impl<'a> Pattern<'a> {
    fn new(route: &'a Route) -> Pattern<'a> {
        let segments = segments(&route.route);
        let literals = segments.iter().filter(|s| !s.starts_with(':')).count();
        Pattern {
            route,
            segments,
            literals,
        }
    }

    fn matches_segments(&self, route: &[&str]) -> bool {
        self.segments.len() == route.len() && self.segments.iter().zip(route).all(|(p, r)| segment_matches(p, r))
    }
}

/// The embedded patterns by segment count, split once per process.
static BUILTIN_INDEX: LazyLock<std::collections::HashMap<usize, Vec<Pattern<'static>>>> = LazyLock::new(|| {
    let mut by_len: std::collections::HashMap<usize, Vec<Pattern<'static>>> = std::collections::HashMap::new();
    for r in builtin() {
        let p = Pattern::new(r);
        by_len.entry(p.segments.len()).or_default().push(p);
    }
    by_len
});

/// A route map ready for many look-ups (a report can hold a million
/// distinct routes): every pattern split once, the embedded ones indexed by
/// their segment count.
pub struct Index<'a> {
    extra: Vec<Pattern<'a>>,
}

impl<'a> Index<'a> {
    /// The route a call maps to, if any: the most literal of the config's
    /// patterns that match (the first on a tie), else the most literal of
    /// the map's.
    pub fn find(&self, method: &str, route: &str) -> Option<&'a Route> {
        self.lookup(method, route).0
    }

    /// [`Index::find`], and when it finds nothing, the route of the same
    /// path under another method, if the map has one (`PUT` on a path it
    /// lists for `GET` and `PATCH`): the calls are that tool's, at a level
    /// the map does not say. One pass over the patterns for both.
    pub fn lookup(&self, method: &str, route: &str) -> (Option<&'a Route>, Option<&'a Route>) {
        let route = segments(route);
        let builtin = BUILTIN_INDEX.get(&route.len()).map_or(&[][..], Vec::as_slice);
        let mut path: Option<&Pattern<'a>> = None;
        // The config's first, the first on a tie; the map's, the last.
        for (patterns, last_wins) in [(&self.extra[..], false), (builtin, true)] {
            let mut best: Option<&Pattern<'a>> = None;
            for p in patterns.iter().filter(|p| p.matches_segments(&route)) {
                if p.route.has_method(method) {
                    let wins = |b: &Pattern| p.literals > b.literals || (last_wins && p.literals == b.literals);
                    if best.is_none_or(wins) {
                        best = Some(p);
                    }
                } else if path.is_none_or(|b| p.literals > b.literals) {
                    path = Some(p);
                }
            }
            if let Some(p) = best {
                return (Some(p.route), None);
            }
        }
        (None, path.map(|p| p.route))
    }
}

impl<'a> RouteMap<'a> {
    pub fn new(extra: &'a [Route]) -> RouteMap<'a> {
        RouteMap { extra }
    }

    /// The map ready for many look-ups.
    pub fn index(&self) -> Index<'a> {
        Index {
            extra: self.extra.iter().map(Pattern::new).collect(),
        }
    }

    /// The route a call maps to, if any (see [`Index::find`]).
    pub fn find(&self, method: &str, route: &str) -> Option<&'a Route> {
        self.index().find(method, route)
    }

    /// Does the map know any route of this tool?
    pub fn knows(&self, scope: Scope, tool: &str) -> bool {
        self.extra
            .iter()
            .chain(builtin().iter())
            .any(|r| r.scope == scope && r.tool == tool)
    }
}

/// A config route (`"METHOD /route" = { scope, tool, level }`): `None`
/// unless the key is a method, one space or more, and a path from `/` with
/// no space in it. A parameter may be written `:name`, `{name}` (as the
/// endpoint list writes it) or `*`: each stands for any one segment, as
/// `:name` does.
pub fn from_config(key: &str, scope: Scope, tool: &str, level: Level) -> Option<Route> {
    let (method, route) = key.trim().split_once(' ')?;
    let method = method.trim().to_ascii_uppercase();
    let route = route.trim();
    if !route.starts_with('/') || route.chars().any(char::is_whitespace) {
        return None;
    }
    let route = route
        .split('/')
        .map(|s| match s.strip_prefix('{').and_then(|p| p.split_once('}')) {
            // `{id}` and `{id}.pdf` as `:id` and `:id.pdf`.
            Some((name, suffix)) if !name.is_empty() && !name.contains('{') => format!(":{name}{suffix}"),
            _ if s == "*" => ":any".to_string(),
            _ => s.to_string(),
        })
        .collect::<Vec<_>>()
        .join("/");
    Some(Route {
        route,
        admin_methods: Vec::new(),
        read_methods: Vec::new(),
        level_sources: Vec::new(),
        level: Some(level),
        methods: vec![method],
        scope,
        tool: tool.to_string(),
        confidence: Confidence::High,
        evidence: "declared in procore-manifest.toml [usage] routes".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching() {
        let r = from_config(
            "GET /v1.0/projects/:project_id/rfis/:id",
            Scope::Project,
            "rfi",
            Level::Readonly,
        )
        .expect("route");
        assert!(r.matches("/v1.0/projects/:project_id/rfis/:rfi_id"));
        assert!(r.matches("/rest/v1.0/projects/123/rfis/9/"));
        assert!(!r.matches("/v1.0/projects/:project_id/rfis"));
        assert!(!r.matches("/v1.1/projects/:project_id/rfis/:id"));
        // A config route declares its level; without one, the method decides.
        assert_eq!(r.needed("GET"), Level::Readonly);
        let by_method = Route {
            level: None,
            ..r.clone()
        };
        assert_eq!(by_method.needed("GET"), Level::Readonly);
        assert_eq!(by_method.needed("PATCH"), Level::Standard);
        // A HEAD is the route's GET.
        let get = Route {
            methods: vec!["GET".into()],
            admin_methods: vec!["GET".into()],
            ..by_method.clone()
        };
        assert!(get.has_method("HEAD") && get.has_method("head"));
        assert_eq!(get.needed("HEAD"), Level::Admin);
        let admin = Route {
            admin_methods: vec!["DELETE".into()],
            ..by_method
        };
        assert_eq!(admin.needed("delete"), Level::Admin);
        assert_eq!(admin.level_confidence("GET"), Confidence::High);
        assert_eq!(
            admin.level_confidence("DELETE"),
            Confidence::Low,
            "a write the map cannot source"
        );
        let sourced = Route {
            level_sources: vec!["DELETE".into()],
            read_methods: vec!["POST".into()],
            ..admin
        };
        assert_eq!(sourced.level_confidence("DELETE"), Confidence::High);
        assert_eq!(sourced.needed("POST"), Level::Readonly, "a read sent as POST");
    }

    proptest::proptest! {
        /// Any UTF-8 route, and any text as the last segment of a route of
        /// every shape the map has (where a `:file.pdf`-like suffix is
        /// compared), never panics the matcher.
        #[test]
        fn any_utf8_route_is_matched_without_panic(route in "\\PC*", tail in ".{0,6}", method in "[A-Za-z]{0,7}") {
            let extra = [from_config("GET /v1.0/x/:name.pdf", Scope::Project, "documents", Level::Readonly).expect("route")];
            let map = RouteMap::new(&extra);
            let index = map.index();
            let _ = index.find(&method, &route);
            for r in builtin().iter().take(80) {
                let prefix = r.route.rsplit_once('/').map_or("", |(p, _)| p);
                let _ = index.find("GET", &format!("{prefix}/{tail}"));
                let _ = index.find("GET", &format!("{prefix}/{tail}.pdf"));
            }
            let _ = index.find("GET", &format!("/v1.0/x/{tail}"));
        }
    }
}
