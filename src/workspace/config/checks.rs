//! The config's values checked past their types: selectors, the catalog's
//! additions, and the messages of the TOML parser made helpful.

use super::{CatalogConfig, KNOWN_KEYS};
use crate::model::Level;
use crate::span::Span;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

/// What is wrong with a value: where (a byte range of the config), what,
/// and a hint.
type Problem = (Option<Range<usize>>, String, Option<String>);

/// Is `key` written as the Permission Builder writes tool keys
/// (`daily_log`, `rfi`: lower case, digits, underscores)?
fn is_tool_key(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Is `key` written as a side panel view key (`rfis.detail`,
/// `budgeting.budget_changes.list`: tool keys joined by dots, at least
/// two)?
fn is_view_key(key: &str) -> bool {
    let parts: Vec<&str> = key.split('.').collect();
    parts.len() >= 2 && parts.iter().all(|p| is_tool_key(p))
}

/// `[catalog]` as the run's catalog additions: every tool key written as
/// one and not a built-in tool's, offering at least one level past `none`,
/// each once; every view key written as one.
pub(super) fn catalog(c: &CatalogConfig) -> Result<crate::catalog::Extras, Problem> {
    let none = crate::catalog::Extras::default();
    let builtin = crate::catalog::Catalog::new(&none);
    let tools = |table: &str, scope: crate::catalog::Scope, map: &BTreeMap<Spanned<String>, Spanned<Vec<Level>>>| {
        let mut out = BTreeMap::new();
        for (key, levels) in map {
            let k = key.get_ref();
            // An entry would replace the tool's levels and name unsaid, or
            // hide that a tool of the other scope is granted in the wrong
            // one (P003): `[catalog]` adds the tools the catalog lacks.
            let other = match scope {
                crate::catalog::Scope::Company => crate::catalog::Scope::Project,
                crate::catalog::Scope::Project => crate::catalog::Scope::Company,
            };
            let known = builtin
                .tool(scope, k)
                .map(|t| (scope, t))
                .or_else(|| builtin.tool(other, k).map(|t| (other, t)));
            if let Some((at, t)) = known {
                let offered: Vec<&str> = t.levels.iter().map(|l| l.as_str()).collect();
                return Err((
                    Some(key.span()),
                    format!(
                        "[catalog] {table}: `{k}` is a built-in {} tool ({}, levels {})",
                        at.as_str(),
                        t.name,
                        offered.join(", ")
                    ),
                    Some(if at == scope {
                        "[catalog] adds the tools the built-in catalog lacks: remove this entry".into()
                    } else {
                        format!("[catalog] adds the tools the built-in catalog lacks: remove this entry, and grant `{k}` under `{}`", at.as_str())
                    }),
                ));
            }
            if !is_tool_key(k) {
                return Err((
                    Some(key.span()),
                    format!(
                        "[catalog] {table}: `{}` is not a tool key",
                        crate::text::echo(k)
                    ),
                    Some("tool keys are lower case letters, digits and underscores, as the Permission Builder writes them (e.g. daily_log)".into()),
                ));
            }
            let list = levels.get_ref();
            if !list.iter().any(|l| *l != Level::None) {
                return Err((
                    Some(levels.span()),
                    format!("[catalog] {table}: `{k}` offers no level but none: a tool no grant could use"),
                    Some("list the levels the Permission Builder offers for it, e.g. [\"none\", \"readonly\", \"standard\"]".into()),
                ));
            }
            if let Some(twice) = list.iter().enumerate().find(|(i, l)| list[..*i].contains(l)) {
                return Err((
                    Some(levels.span()),
                    format!("[catalog] {table}: `{k}` lists `{}` twice", twice.1.as_str()),
                    None,
                ));
            }
            out.insert(k.clone(), list.clone());
        }
        Ok(out)
    };
    let mut views = Vec::new();
    for v in &c.views {
        if !is_view_key(v.get_ref()) {
            return Err((
                Some(v.span()),
                format!(
                    "[catalog] views: `{}` is not a side panel view key",
                    crate::text::echo(v.get_ref())
                ),
                Some("view keys name a tool and a page, joined by dots (e.g. rfi.detail, budgeting.list)".into()),
            ));
        }
        views.push(v.get_ref().clone());
    }
    Ok(crate::catalog::Extras {
        company_tools: tools("company-tools", crate::catalog::Scope::Company, &c.company_tools)?,
        project_tools: tools("project-tools", crate::catalog::Scope::Project, &c.project_tools)?,
        views,
    })
}

/// The line with the most nesting characters (`.` of dotted keys, `[`, `{`).
/// `[usage] routes` as routes: each key `METHOD /route` with an HTTP
/// method, each tool one the catalog knows in its scope (the built-in one
/// or `[catalog]`'s), at a level past `none` that the tool offers. A typo
/// in a tool's key would send the calls to a tool nothing grants: the
/// advice would be to remove the grant the app uses.
pub(super) fn routes(
    u: &super::UsageConfig,
    extras: &crate::catalog::Extras,
) -> Result<Vec<crate::usage::routes::Route>, (Span, String, Option<String>)> {
    use crate::catalog::Scope;
    const METHODS: &[&str] = &["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
    let catalog = crate::catalog::Catalog::new(extras);
    let mut out = Vec::new();
    let mut seen: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for (key, r) in &u.routes {
        let shown = crate::text::echo(key.get_ref());
        let at = |s: std::ops::Range<usize>| Span::new(s.start, s.end);
        let scope = match r.scope {
            super::ScopeSetting::Company => Scope::Company,
            super::ScopeSetting::Project => Scope::Project,
        };
        let (tool_key, level) = (r.tool.get_ref(), *r.level.get_ref());
        let route = crate::usage::routes::from_config(key.get_ref(), scope, tool_key, level).ok_or_else(|| {
            (
                at(key.span()),
                format!("[usage] routes: `{shown}` is not `METHOD /route` (a method, a space, a path from `/` without spaces)"),
                Some("e.g. \"GET /v1.0/projects/:project_id/my_items\" (a parameter as `:name`, `{name}` or `*`)".into()),
            )
        })?;
        // Two keys for one route (`GET /x` and `get /x/`): which mapping
        // wins would be the file's order, unsaid.
        if let Some(first) = seen.insert(crate::usage::routes::identity(&route), shown.clone()) {
            return Err((
                at(key.span()),
                format!("[usage] routes: `{shown}` is the route `{first}` maps already"),
                Some("keep one mapping per route (case, slashes and parameter names do not tell routes apart)".into()),
            ));
        }
        if !route.methods.iter().all(|m| METHODS.contains(&m.as_str())) {
            return Err((
                at(key.span()),
                format!("[usage] routes: `{shown}` does not start with an HTTP method"),
                Some(format!("one of {}", METHODS.join(", "))),
            ));
        }
        let Some(tool) = catalog.tool(scope, tool_key) else {
            let hint = catalog
                .suggest_tool(scope, tool_key)
                .map(|t| {
                    format!(
                        "did you mean `{t}`? (a new tool goes under [catalog] {}-tools first)",
                        scope.as_str()
                    )
                })
                .or_else(|| Some(format!("add it under [catalog] {}-tools first", scope.as_str())));
            return Err((
                at(r.tool.span()),
                format!(
                    "[usage] routes: `{shown}` maps to `{}`, no {} tool the catalog knows",
                    crate::text::echo(tool_key),
                    scope.as_str()
                ),
                hint,
            ));
        };
        if level == Level::None || !tool.offers(level) {
            return Err((
                at(r.level.span()),
                if level == Level::None {
                    format!("[usage] routes: `{shown}` needs level `none`: a call needs at least readonly (leave out a route that needs no tool)")
                } else {
                    format!(
                        "[usage] routes: `{shown}` needs level `{}`, which `{}` does not offer",
                        level.as_str(),
                        tool.key
                    )
                },
                Some(format!(
                    "one of {}",
                    tool.levels
                        .iter()
                        .filter(|l| **l != Level::None)
                        .map(|l| l.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            ));
        }
        out.push(route);
    }
    Ok(out)
}

/// A glob as the config's folder reads it: `./apps/**` is `apps/**`
/// (paths are matched relative to the folder, without a `./`: the glob
/// matched nothing).
pub(super) fn relative_glob(glob: &str) -> &str {
    let mut g = glob;
    while let Some(rest) = g.strip_prefix("./") {
        g = rest.trim_start_matches('/');
    }
    g
}

pub(super) fn deepest_line(text: &str) -> Option<Span> {
    let mut offset = 0;
    let mut best: Option<(usize, usize, usize)> = None;
    for line in text.split_inclusive('\n') {
        let depth = line.bytes().filter(|b| matches!(b, b'.' | b'[' | b'{')).count();
        if depth > 0 && best.is_none_or(|(d, _, _)| depth > d) {
            best = Some((depth, offset, line.trim_end().len()));
        }
        offset += line.len();
    }
    best.map(|(_, start, len)| Span::new(start, start + len.max(1)))
}

pub(super) fn check_selector(s: &Spanned<String>) -> Result<String, (String, Option<String>)> {
    crate::rules::registry::check_selector(s.get_ref())
}

/// serde's "unknown field `x`, expected one of `a`, `b`" → did-you-mean.
pub(super) fn unknown_key_help(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let key = &rest[..rest.find('`')?];
    let expected: Vec<&str> = message
        .split("expected")
        .nth(1)
        .map(|e| e.split('`').skip(1).step_by(2).collect())
        .unwrap_or_default();
    let candidates: Vec<&str> = if expected.is_empty() {
        KNOWN_KEYS.to_vec()
    } else {
        expected
    };
    crate::text::closest(key, candidates).map(|s| format!("did you mean `{s}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_as_the_builder_writes_them() {
        assert!(is_tool_key("daily_log") && is_tool_key("rfi") && is_tool_key("tool2"));
        for bad in ["", "Daily", "daily log", "2x", "a-b", "a.b"] {
            assert!(!is_tool_key(bad), "{bad}");
        }
        assert!(is_view_key("rfis.detail") && is_view_key("budgeting.budget_changes.list"));
        for bad in ["rfi", "", "rfis.", ".detail", "RFIs.detail", "rfis detail"] {
            assert!(!is_view_key(bad), "{bad}");
        }
    }
}
