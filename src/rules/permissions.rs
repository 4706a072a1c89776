//! P: permissions, checked against what the Permission Builder can produce
//! (the catalog in `data/tools.json`).

use super::edits::remove_item;
use super::Checker;
use crate::catalog::{Catalog, Confidence, Scope};
use crate::declare_rule;
use crate::diagnostics::{Diagnostic, Edit, Fix};
use crate::model::view;
use crate::model::Level;
use crate::secrets::quote;
use crate::syntax::escape_pointer_segment;
use crate::text::closest;
use crate::text::json_string;

declare_rule! {
    /// ## What it checks
    /// A permission level that is not `none`, `readonly`, `standard` or
    /// `admin`. Known spellings (`"read_only"`, `"Read Only"`,
    /// `"read-only"`, `"Standard"`, `"ADMIN"`, …) get a fix to the
    /// canonical token; other values (`"full"`, a number) get none.
    ///
    /// ## Why
    /// The Permission Builder writes exactly these tokens; the Portal
    /// rejects anything else, or reads it as no access.
    ///
    /// ## Example
    /// ```json
    /// { "project": { "rfi": "Read Only" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "project": { "rfi": "readonly" } }
    /// ```
    /// ## Fix safety
    /// Safe: the fix writes the token the spelling already means.
    pub static P001 = ("P001", "invalid-permission-level", Error, Safe,
        "value is not none/readonly/standard/admin; known spellings get a safe fix to the canonical token");
}

declare_rule! {
    /// ## What it checks
    /// A tool key that is not a known tool of its scope, with a
    /// did-you-mean from the catalog. The catalog is known to be incomplete,
    /// so this is a warning; declare tools it lacks in `procore-manifest.toml`
    /// (`[catalog] company-tools` / `project-tools`).
    ///
    /// ## Why
    /// A misspelt key grants nothing: the app fails at run time with a
    /// permission error the admin cannot explain.
    ///
    /// ## Example
    /// ```json
    /// { "project": { "daily_logs": "readonly" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "project": { "daily_log": "readonly" } }
    /// ```
    pub static P002 = ("P002", "unknown-tool", Warning, None,
        "key is not a known tool of that scope; did-you-mean from the catalog");
}

declare_rule! {
    /// ## What it checks
    /// A key that is no tool of this scope but a high- or medium-confidence
    /// tool of the other scope, e.g. `budgeting` (a project tool) under
    /// `company`.
    ///
    /// ## Why
    /// Company and project tools are separate tabs of the Permission
    /// Builder; under the wrong scope the grant does not exist.
    ///
    /// ## Example
    /// ```json
    /// { "company": { "budgeting": "readonly" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "project": { "budgeting": "readonly" } }
    /// ```
    pub static P003 = ("P003", "tool-in-wrong-scope", Error, None,
        "the key is no tool of this scope but a high- or medium-confidence tool of the other scope");
}

declare_rule! {
    /// ## What it checks
    /// A level the Permission Builder does not offer for that tool and scope,
    /// e.g. Read-Only on the company Admin tool (it offers only None or
    /// Admin). An error for tools whose catalog confidence is high or
    /// medium, a warning for low-confidence ones (e.g. company `concierge`,
    /// which has no Read-Only cell in recent builders).
    ///
    /// ## Why
    /// The builder cannot produce the grant, so the Portal will not accept
    /// it, or will grant something else.
    ///
    /// ## Example
    /// ```json
    /// { "company": { "admin": "readonly" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "company": {} }
    /// ```
    pub static P004 = ("P004", "level-not-offered", Error, None,
        "the Permission Builder does not offer that level for that tool and scope");
}

declare_rule! {
    /// ## What it checks
    /// A key under `permissions` other than `company` and `project`, with a
    /// did-you-mean.
    ///
    /// ## Why
    /// The builder writes only these two scopes; grants under any other key
    /// do not exist.
    ///
    /// ## Example
    /// ```json
    /// { "permissions": { "compnay": { "documents": "readonly" } } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "permissions": { "company": { "documents": "readonly" } } }
    /// ```
    pub static P005 = ("P005", "unknown-permission-scope", Error, None,
        "a key under permissions other than company/project; did-you-mean");
}

declare_rule! {
    /// ## What it checks
    /// An explicit `"none"`. The builder leaves tools at None out of the
    /// manifest; whether the Portal accepts an explicit `"none"` is not
    /// documented.
    ///
    /// ## Why
    /// It grants nothing and may not be accepted; removing it changes no
    /// access.
    ///
    /// ## Example
    /// ```json
    /// { "project": { "rfi": "readonly", "photos": "none" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "project": { "rfi": "readonly" } }
    /// ```
    /// ## Fix safety
    /// Safe: removing a None grant changes no access.
    pub static P006 = ("P006", "redundant-none-grant", Info, Safe,
        "an explicit \"none\"; the builder omits such tools");
}

declare_rule! {
    /// ## What it checks
    /// A key that only old builders wrote: `portfolio` (company) for `home`,
    /// `budget` (project) for `budgeting` (2021 screenshots; the 2023 ones
    /// use the new keys).
    ///
    /// ## Why
    /// Current builders write the new keys; an old key may not be read.
    ///
    /// ## Example
    /// ```json
    /// { "company": { "portfolio": "standard" }, "project": { "budget": "readonly" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "company": { "home": "standard" }, "project": { "budgeting": "readonly" } }
    /// ```
    /// ## Fix safety
    /// Unsafe: whether the Portal still reads the old key is not
    /// documented, so the rename is yours to confirm.
    pub static P007 = ("P007", "legacy-tool-key", Warning, Unsafe,
        "a key that only old builders wrote (portfolio for home, budget for budgeting); unsafe fix: rename");
}

const SCOPES: [&str; 2] = ["company", "project"];

pub fn check(cx: &mut Checker) {
    let catalog = Catalog::new(cx.settings);
    let root = cx.root;
    let mut out = Vec::new();
    for block in view::permission_blocks(root) {
        for scope in block.scopes() {
            if !SCOPES.contains(&&*scope.key) {
                let mut d = Diagnostic::new(
                    &P005,
                    scope.key_span,
                    format!("{}/{}", block.pointer, escape_pointer_segment(&scope.key)),
                    format!(
                        "unknown permission scope `{}`: the Permission Builder writes only `company` and `project`",
                        crate::text::sanitize_inline(&scope.key)
                    ),
                );
                if let Some(s) = closest(&scope.key, SCOPES) {
                    d = d.with_help(format!("did you mean `{s}`?"));
                }
                out.push(d);
            }
        }
        for entry in view::entries(&block) {
            let Some(scope) = Scope::parse(entry.scope) else {
                continue;
            };
            check_entry(&catalog, scope, &entry, cx, &mut out);
        }
    }
    cx.diagnostics.extend(out);
}

fn check_entry(catalog: &Catalog, scope: Scope, entry: &view::Entry, cx: &Checker, out: &mut Vec<Diagnostic>) {
    let key = entry.key();
    let shown_key = crate::text::sanitize_inline(key);
    let value = entry.value();
    let level = match value.as_str() {
        Some(raw) => match Level::from_canonical(raw) {
            Some(l) => Some(l),
            None => {
                let normalized = Level::normalize(raw);
                let mut d = Diagnostic::new(
                    &P001,
                    value.span,
                    entry.pointer(),
                    format!(
                        "invalid permission level {} for `{shown_key}`: use \"none\", \"readonly\", \"standard\" or \"admin\"",
                        quote(raw)
                    ),
                );
                if let Some(l) = normalized {
                    d = d
                        .with_help(format!("the Permission Builder writes \"{}\"", l.as_str()))
                        .with_fix(Fix::safe(
                            format!("replace with \"{}\"", l.as_str()),
                            vec![Edit::replace(value.span, json_string(l.as_str()))],
                        ));
                } else {
                    d = d.with_help("choose the lowest level that works: \"readonly\" to read data, \"standard\" to create and edit");
                }
                out.push(d);
                normalized
            }
        },
        None => {
            out.push(
                Diagnostic::new(
                    &P001,
                    value.span,
                    entry.pointer(),
                    format!(
                        "the level of `{shown_key}` must be a string (\"none\", \"readonly\", \"standard\" or \"admin\"), found {}",
                        value.type_name()
                    ),
                )
                .with_help("write the level as one of the four strings the Permission Builder uses"),
            );
            None
        }
    };

    match catalog.tool(scope, key) {
        None => {
            let other = catalog
                .tool(scope.other(), key)
                .filter(|t| t.confidence >= Confidence::Medium);
            if let Some(t) = other {
                out.push(
                    Diagnostic::new(
                        &P003,
                        entry.key_span(),
                        entry.pointer(),
                        format!(
                            "`{shown_key}` ({}) is a {}-level tool, not a {}-level one",
                            t.name,
                            scope.other().as_str(),
                            scope.as_str()
                        ),
                    )
                    .with_help(format!("move it under `{}`", scope.other().as_str())),
                );
            } else {
                let keys: Vec<&str> = catalog.tools(scope).map(|t| t.key.as_str()).collect();
                let mut d = Diagnostic::new(
                    &P002,
                    entry.key_span(),
                    entry.pointer(),
                    format!("unknown {} tool `{shown_key}`", scope.as_str()),
                );
                d = match closest(key, keys) {
                    Some(s) => d.with_help(format!(
                        "did you mean `{s}`? (if the tool is real, declare it in procore-manifest.toml under [catalog] {}-tools)",
                        scope.as_str()
                    )),
                    None => d.with_help(format!(
                        "the catalog is incomplete: declare the tool in procore-manifest.toml under [catalog] {}-tools",
                        scope.as_str()
                    )),
                };
                out.push(d);
            }
        }
        Some(tool) => {
            if let Some(new_key) = tool.legacy_of.as_deref() {
                let block_scope = cx.root.pointer(&entry.scope_pointer).map(|r| r.node);
                let successor_present = block_scope.is_some_and(|s| s.get(new_key).is_some());
                let mut d = Diagnostic::new(
                    &P007,
                    entry.key_span(),
                    entry.pointer(),
                    format!("legacy tool key `{shown_key}`: current Permission Builders write `{new_key}`"),
                );
                if successor_present {
                    d = d.with_help(format!("`{new_key}` is already granted here; remove `{shown_key}`"));
                } else {
                    d = d
                        .with_help(format!("rename `{shown_key}` to `{new_key}`"))
                        .with_fix(Fix::unsafe_(
                            format!("rename to `{new_key}`"),
                            vec![Edit::replace(entry.key_span(), json_string(new_key))],
                        ));
                }
                out.push(d);
            }
            if let Some(l) = level {
                if l != Level::None && !tool.offers(l) {
                    let offered: Vec<&str> = tool.levels.iter().map(|l| l.title()).collect();
                    let mut d = Diagnostic::new(
                        &P004,
                        value.span,
                        entry.pointer(),
                        format!(
                            "the Permission Builder does not offer {} for the {} {} tool (it offers {})",
                            l.title(),
                            scope.as_str(),
                            tool.name,
                            offered.join(", ")
                        ),
                    );
                    if tool.confidence == Confidence::Low {
                        d.severity = crate::diagnostics::Severity::Warning;
                        d = d.with_help("the catalog is not sure of this tool (low confidence): check the builder");
                    } else {
                        d = d.with_help("pick one of the levels it offers; ask for the lowest that works");
                    }
                    out.push(d);
                }
            }
        }
    }

    if level == Some(Level::None) && value.as_str() == Some("none") {
        let parent = cx.root.pointer(&entry.scope_pointer).map(|r| r.node);
        let fix = parent.and_then(|p| {
            let members = p.as_object()?;
            let idx = members.iter().position(|m| std::ptr::eq(m, entry.member))?;
            let spans: Vec<_> = members.iter().map(|m| m.span()).collect();
            remove_item(p.span, &spans, idx)
        });
        let mut d = Diagnostic::new(
            &P006,
            entry.member.span(),
            entry.pointer(),
            format!("`{shown_key}` is granted \"none\": the Permission Builder leaves such tools out"),
        )
        .with_help("remove the entry; it grants nothing");
        d.unnecessary = true;
        if let Some(edit) = fix {
            d = d.with_fix(Fix::safe("remove the \"none\" entry", vec![edit]));
        }
        out.push(d);
    }
}
