//! `diff OLD NEW`: what a new manifest version changes in the access it asks
//! for (and in what it embeds), for pull-request review.

mod instances;

use crate::catalog::{Catalog, Scope};
use crate::model::view;
use crate::model::Level;
use crate::risk::Risk;
use crate::syntax::Node;
use crate::{FileReport, Settings};
use serde::Serialize;
use std::collections::BTreeMap;

/// One side of the comparison.
pub struct Side<'a> {
    /// How the side is named in the report (a path, or `REF:path`).
    pub name: String,
    /// `None`: the file does not exist on this side (`--base` at a revision
    /// without it): everything on the other side is new.
    pub root: Option<&'a Node<'a>>,
    pub report: Option<&'a FileReport>,
}

/// One change.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Change {
    pub kind: &'static str,
    pub scope: Option<String>,
    pub key: Option<String>,
    pub pointer: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub escalation: bool,
    /// Risk rules that fire on the new grant.
    pub rules: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RiskChange {
    pub before: Option<&'static str>,
    pub after: Option<&'static str>,
}

/// The whole comparison (the `diff --format json` shape).
#[derive(Debug, Clone, Serialize)]
pub struct DiffReport {
    pub version: u32,
    pub old: String,
    pub new: String,
    pub risk: RiskChange,
    pub escalation: bool,
    /// `"added"` (no file on the old side: `diff --base` at a revision
    /// without it) or `"removed"` (none on the new side); absent when both
    /// sides have the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
    pub changes: Vec<Change>,
}

#[derive(Clone)]
struct Grant {
    level: Level,
    pointer: String,
    /// The level's span in the new text (a risk finding's related span).
    span: crate::span::Span,
    /// The whole member, key to level.
    member: crate::span::Span,
}

/// Grants by (scope, tool): legacy keys count as the tool they stand for.
/// Only the blocks the service account receives grant it anything: a grant
/// moved out of a misplaced block (an authorization_code instance, a 3.x
/// top level, a 4.1 leftover oauth block) into a received one is access
/// added.
fn grants(root: Option<&Node>, catalog: &Catalog) -> BTreeMap<(Scope, String), Grant> {
    let mut out = BTreeMap::new();
    let Some(root) = root else { return out };
    let (family, _) = crate::rules::structure::detect_family(root);
    // A tool granted in several blocks (a legacy key and its tool, two 3.x
    // instances) holds the highest of its levels; a value that is no level
    // grants nothing (`risk::received`, as `usage` reads it).
    for (key, (level, e)) in crate::risk::received(root, family, catalog) {
        if level == Level::None {
            continue;
        }
        let grant = Grant {
            level,
            pointer: e.pointer(),
            span: e.value().span,
            member: crate::span::Span {
                start: e.key_span().start,
                end: e.value().span.end,
            },
        };
        out.insert(key, grant);
    }
    out
}

/// URLs by member pointer (component URLs by kind, so a 3.x → 4.1 move of
/// the same component compares as a change, not remove + add).
fn urls(root: Option<&Node>, family: Option<crate::model::SchemaFamily>) -> BTreeMap<String, (String, String)> {
    let mut out = BTreeMap::new();
    let (Some(root), Some(family)) = (root, family) else {
        return out;
    };
    for c in view::components(root, family) {
        if let Some(u) = c.node.get(c.url_key).and_then(Node::as_str) {
            let kind = c.kind.map_or("component", |k| k.as_str());
            let id = c.node.get("uuid").and_then(Node::as_str).unwrap_or(kind);
            out.insert(
                format!("{kind} {id}"),
                (u.to_string(), format!("{}/{}", c.pointer, c.url_key)),
            );
        }
    }
    if let Some(u) = root
        .get("post_installation_instruction")
        .and_then(|p| p.get("page"))
        .and_then(|p| p.get("url"))
        .and_then(Node::as_str)
    {
        out.insert(
            "post-install page".into(),
            (u.to_string(), "/post_installation_instruction/page/url".into()),
        );
    }
    out
}

fn views(root: Option<&Node>, family: Option<crate::model::SchemaFamily>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let (Some(root), Some(family)) = (root, family) else {
        return out;
    };
    for c in view::components(root, family) {
        for (i, v) in c
            .node
            .get("views")
            .and_then(Node::as_array)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            if let Some(s) = v.as_str() {
                out.entry(s.to_string())
                    .or_insert_with(|| format!("{}/views/{i}", c.pointer));
            }
        }
    }
    out
}

/// The new version's risk findings, looked up per grant.
fn risk_index(report: Option<&FileReport>) -> crate::diagnostics::Index {
    crate::diagnostics::Index::new(report.into_iter().flat_map(|r| &r.diagnostics), |d| {
        d.rule.is_in(crate::rule::GroupId::Risk)
    })
}

/// Compare two manifests.
pub fn compare(old: &Side, new: &Side, settings: &Settings) -> DiffReport {
    let catalog = Catalog::new(&settings.catalog);
    let mut changes = Vec::new();
    // Schema version.
    let sv = |s: &Side| s.report.and_then(|r| r.schema_version.clone());
    let (old_sv, new_sv) = (sv(old), sv(new));
    if old.root.is_some() && old_sv != new_sv {
        changes.push(Change {
            kind: "schema-version-changed",
            scope: None,
            key: None,
            pointer: "/schema_version".into(),
            from: old_sv.clone(),
            to: new_sv.clone(),
            escalation: false,
            rules: Vec::new(),
        });
    }
    // Grants.
    let (og, ng) = (grants(old.root, &catalog), grants(new.root, &catalog));
    let risks = risk_index(new.report);
    for ((scope, tool), n) in &ng {
        let rules = risks.covering(&crate::secrets::pointer(&n.pointer), n.member, n.span);
        let base = |kind, from: Option<String>, escalation| Change {
            kind,
            scope: Some(scope.as_str().into()),
            key: Some(crate::secrets::key(tool)),
            pointer: n.pointer.clone(),
            from,
            to: Some(n.level.as_str().into()),
            escalation,
            rules: rules.clone(),
        };
        match og.get(&(*scope, tool.clone())) {
            None => changes.push(base("tool-added", None, true)),
            Some(o) if n.level > o.level => changes.push(base("level-raised", Some(o.level.as_str().into()), true)),
            Some(o) if n.level < o.level => changes.push(base("level-lowered", Some(o.level.as_str().into()), false)),
            Some(o) if o.pointer != n.pointer => {
                // The same grant in another block: a 3.x → 4.1 migration moves it.
                let mut c = base("permissions-moved", Some(o.pointer.clone()), false);
                c.to = Some(n.pointer.clone());
                changes.push(c);
            }
            Some(_) => {}
        }
    }
    for ((scope, tool), o) in &og {
        if !ng.contains_key(&(*scope, tool.clone())) {
            changes.push(Change {
                kind: "tool-removed",
                scope: Some(scope.as_str().into()),
                key: Some(crate::secrets::key(tool)),
                pointer: o.pointer.clone(),
                from: Some(o.level.as_str().into()),
                to: None,
                escalation: false,
                rules: Vec::new(),
            });
        }
    }
    // Grant types (3.x), by instance uuid.
    // An instance added or removed between two 3.x versions is a grant
    // type from or to nothing: a client_credentials data connection created
    // is one. (A 3.x to 4.1 migration drops the oauth block by design.)
    let (ogt, ngt) = instances::grant_types(old.root, new.root);
    let v3 = |s: &Side| s.root.is_some() && s.report.and_then(|r| r.family) == Some(crate::model::SchemaFamily::V3);
    let both = v3(old) && v3(new);
    let gt_change = |id: &str, pointer: &str, from: Option<&String>, to: Option<&String>| Change {
        kind: "grant-type-changed",
        scope: None,
        key: Some(shown(id)),
        pointer: pointer.to_string(),
        from: from.map(|s| shown(s)),
        to: to.map(|s| shown(s)),
        escalation: false,
        rules: Vec::new(),
    };
    for (id, (gt, pointer)) in &ngt {
        match ogt.get(id) {
            Some((was, _)) if was != gt => changes.push(gt_change(id, pointer, Some(was), Some(gt))),
            None if both => changes.push(gt_change(id, pointer, None, Some(gt))),
            _ => {}
        }
    }
    for (id, (was, pointer)) in &ogt {
        if both && !ngt.contains_key(id) {
            changes.push(gt_change(id, pointer, Some(was), None));
        }
    }
    // URLs and hosts.
    let fam = |s: &Side| s.report.and_then(|r| r.family);
    let (ou, nu) = (urls(old.root, fam(old)), urls(new.root, fam(new)));
    for (what, (url, pointer)) in &nu {
        match ou.get(what) {
            None => changes.push(url_change("url-added", what, pointer, None, Some(url))),
            Some((was, _)) if was != url => {
                changes.push(url_change("url-changed", what, pointer, Some(was), Some(url)));
            }
            _ => {}
        }
    }
    for (what, (url, pointer)) in &ou {
        if !nu.contains_key(what) {
            changes.push(url_change("url-removed", what, pointer, Some(url), None));
        }
    }
    // Views.
    let (ov, nv) = (views(old.root, fam(old)), views(new.root, fam(new)));
    for (v, pointer) in &nv {
        if !ov.contains_key(v) {
            changes.push(view_change("view-added", v, pointer));
        }
    }
    for (v, pointer) in &ov {
        if !nv.contains_key(v) {
            changes.push(view_change("view-removed", v, pointer));
        }
    }
    // No value shows a secret of either side where its text stands again
    // (a password also written into a URL), and no pointer names a
    // credential written as a key.
    let texts = [old, new].into_iter().filter_map(|s| s.report).flat_map(|r| {
        r.secret_spans
            .iter()
            .filter_map(|sp| r.text.get(sp.start as usize..sp.end as usize))
            .map(|t| t.trim_matches(['"', '\'']).to_string())
    });
    let redactor = crate::secrets::Redactor::new(texts.collect::<Vec<_>>());
    let hide = |v: &mut Option<String>| {
        if let Some(t) = v {
            if let std::borrow::Cow::Owned(r) = redactor.text(t) {
                *t = r.replace(crate::secrets::REDACTED, crate::secrets::SHOWN_SECRET);
            }
        }
    };
    for c in &mut changes {
        hide(&mut c.key);
        hide(&mut c.from);
        hide(&mut c.to);
        c.pointer = crate::secrets::pointer(&c.pointer);
        if c.kind == "permissions-moved" {
            c.from = c.from.as_deref().map(crate::secrets::pointer);
            c.to = c.to.as_deref().map(crate::secrets::pointer);
        }
    }
    let rating = |s: &Side| s.report.and_then(|r| r.risk).map(Risk::as_str);
    let escalation = changes.iter().any(|c| c.escalation);
    DiffReport {
        version: 1,
        old: old.name.clone(),
        new: new.name.clone(),
        risk: RiskChange {
            before: if old.root.is_some() {
                rating(old)
            } else {
                Some(Risk::None.as_str())
            },
            after: if new.root.is_some() {
                rating(new)
            } else {
                Some(Risk::None.as_str())
            },
        },
        escalation,
        status: match (old.root, new.root) {
            (None, Some(_)) => Some("added"),
            (Some(_), None) => Some("removed"),
            _ => None,
        },
        changes,
    }
}

/// A manifest value as the report shows it: on one line, and never a secret
/// (secrets are not in `diff` output either).
fn shown(value: &str) -> String {
    crate::secrets::shown(None, value)
}

/// URLs are reported for review but are not escalations: `--fail-on-escalation`
/// is about access (tools added, levels raised).
fn url_change(kind: &'static str, what: &str, pointer: &str, from: Option<&String>, to: Option<&String>) -> Change {
    Change {
        kind,
        scope: None,
        key: Some(what.to_string()),
        pointer: pointer.to_string(),
        // A secret in a URL is masked, its host and path kept: a change of
        // host is what a review must see.
        from: from.map(|u| crate::secrets::shown_parts(u)),
        to: to.map(|u| crate::secrets::shown_parts(u)),
        escalation: false,
        rules: Vec::new(),
    }
}

fn view_change(kind: &'static str, v: &str, pointer: &str) -> Change {
    Change {
        kind,
        scope: None,
        key: Some(shown(v)),
        pointer: pointer.to_string(),
        from: None,
        to: None,
        escalation: false,
        rules: Vec::new(),
    }
}
