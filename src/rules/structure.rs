//! S: structure. Whether the file is JSON, has no duplicate keys, matches the
//! schema of its version, and declares a version we know.

use super::Checker;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::model::{is_v3_form, SchemaFamily};
use crate::syntax::{pointer_of, Node, NodeKind, Seg};

declare_rule! {
    /// ## What it checks
    /// The file must be strict JSON (RFC 8259): no comments, no trailing
    /// commas, no `NaN`/`Infinity`, no single quotes, only the escapes JSON
    /// knows, valid UTF-8, not empty, at most 128 levels of nesting.
    ///
    /// ## Why
    /// The Developer Portal, `JSON.parse` and every tool downstream reject
    /// such a file; nothing else in it can be checked until it parses.
    ///
    /// ## Example
    /// ```json
    /// { "schema_version": "4.1", }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "schema_version": "4.1" }
    /// ```
    pub static S001 = ("S001", "invalid-json", Error, None,
        "not parseable JSON (empty file, trailing comma, comment, NaN, bad escape, invalid UTF-8, ...)");
}

declare_rule! {
    /// ## What it checks
    /// An object repeats a key. The finding points at the later key and
    /// names the line of the earlier one.
    ///
    /// ## Why
    /// Parsers disagree about which value wins (most keep the later one,
    /// some the first, some reject the document), so the Portal may read a
    /// different permission than the one you reviewed. This tool, like
    /// serde_json and JavaScript, uses the later value for every other rule.
    ///
    /// ## Example
    /// ```json
    /// { "permissions": { "company": { "directory": "readonly", "directory": "admin" } } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "permissions": { "company": { "directory": "readonly" } } }
    /// ```
    pub static S002 = ("S002", "duplicate-key", Error, None,
        "an object repeats a key; points at the later one and names the earlier one");
}

declare_rule! {
    /// ## What it checks
    /// The manifest against the JSON Schema of its schema version
    /// (`procore-manifest schema --version 4.1|3` prints it): wrong types,
    /// missing required members, unknown members (with a did-you-mean),
    /// values outside an enumeration.
    ///
    /// Procore publishes no schema, so ours is strict about shapes and
    /// lenient about presence: required are `schema_version`; `uuid` and
    /// `source_url` of `fullscreen`/`sidepanel` (4.1); `uuid` of each oauth
    /// instance and `uuid`, `type`, `iframe_src` of each iframe instance
    /// (3.x); `type: "object"` of a configuration schema. Everything else is
    /// optional. Where a more specific rule explains a problem (P001 on a
    /// level, A007, A005, C011 on a member), it reports instead of S003.
    ///
    /// ## Why
    /// The Portal rejects or silently ignores members it does not know: a
    /// misspelt `permisions` block grants nothing.
    ///
    /// ## Example
    /// ```json
    /// { "schema_version": "4.1", "permisions": { "company": { "documents": "readonly" } } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "schema_version": "4.1", "permissions": { "company": { "documents": "readonly" } } }
    /// ```
    pub static S003 = ("S003", "schema-violation", Error, None,
        "does not match the JSON Schema of its schema_version: wrong type, missing required member, unknown member, bad enum value");
}

declare_rule! {
    /// ## What it checks
    /// `schema_version` is missing, not a string, or neither `"4.1"` nor a
    /// 3.x form (`"3"`, `"3.2"`, `"3.0.1"`: `^3(\.[0-9]+)*$`). The number
    /// `4.1` is not the string `"4.1"`.
    ///
    /// The other rules still run, on the layout the document looks like
    /// (`fullscreen`, `sidepanel` or a top-level `permissions`: 4.1;
    /// otherwise `components`: 3.x; neither: 4.1); the message says which.
    ///
    /// ## Why
    /// The Portal picks the format by this member; without a version it
    /// knows, the manifest is rejected.
    ///
    /// ## Example
    /// ```json
    /// { "schema_version": 4.1, "permissions": {} }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "schema_version": "4.1", "permissions": {} }
    /// ```
    pub static S004 = ("S004", "unsupported-schema-version", Error, None,
        "schema_version missing, not a string, or not \"4.1\" nor a 3.x form");
}

declare_rule! {
    /// ## What it checks
    /// The manifest uses the legacy 3.x format.
    ///
    /// ## Why
    /// Procore documents a migration to 4.1, the current format: in 4.1 the
    /// tool permissions move from `components.oauth.instances[i].permissions`
    /// to a top-level `permissions` block, the grant type is no longer
    /// declared (one set of credentials serves every grant type), and
    /// `components.iframe.instances[]` become the `fullscreen` and
    /// `sidepanel` members (`iframe_src` becomes `source_url`,
    /// `configuration` becomes `user_configuration`).
    ///
    /// ## Example
    /// ```json
    /// { "schema_version": "3.2", "components": { "oauth": { "instances": [] } } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "schema_version": "4.1", "permissions": { "company": {}, "project": {} } }
    /// ```
    pub static S005 = ("S005", "legacy-schema-version", Warning, None,
        "3.x manifest: legacy format; help says what moves where in 4.1");
}

/// The layout a document uses, and whether its `schema_version` declared it.
pub fn detect_family(root: &Node) -> (SchemaFamily, bool) {
    match root.get("schema_version").and_then(Node::as_str) {
        Some("4.1") => (SchemaFamily::V4_1, true),
        Some(v) if is_v3_form(v) => (SchemaFamily::V3, true),
        _ => (infer_family(root), false),
    }
}

fn infer_family(root: &Node) -> SchemaFamily {
    if ["fullscreen", "sidepanel", "permissions"]
        .iter()
        .any(|k| root.get(k).is_some())
    {
        SchemaFamily::V4_1
    } else if root.get("components").is_some() {
        SchemaFamily::V3
    } else {
        SchemaFamily::V4_1
    }
}

/// S002 over the whole tree.
pub fn duplicate_keys(cx: &mut Checker) {
    let mut out = Vec::new();
    walk_duplicates(cx, cx.root, &mut Vec::new(), &mut out);
    cx.diagnostics.extend(out);
}

fn walk_duplicates<'a>(cx: &Checker, node: &'a Node, path: &mut Vec<Seg<'a>>, out: &mut Vec<Diagnostic>) {
    match &node.kind {
        NodeKind::Object(members) => {
            // Small objects: a linear scan beats hashing; large ones hash.
            let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
            let large = members.len() > 16;
            for (i, m) in members.iter().enumerate() {
                let earlier = if large {
                    let e = index.get(&*m.key).map(|&j| &members[j]);
                    index.entry(&m.key).or_insert(i);
                    e
                } else {
                    members[..i].iter().find(|e| e.key == m.key)
                };
                if let Some(earlier) = earlier {
                    let line = cx.line_of(earlier.key_span.start);
                    path.push(Seg::Key(&m.key));
                    let key_pointer = pointer_of(path);
                    path.pop();
                    let shown = crate::text::sanitize_inline(&m.key);
                    out.push(
                        Diagnostic::new(
                            &S002,
                            m.key_span,
                            key_pointer,
                            format!("duplicate key `{shown}`: it is already defined on line {line}"),
                        )
                        .with_help("remove one of them; this tool, like most parsers, uses the later value")
                        .with_related(format!("`{shown}` first defined here"), earlier.key_span),
                    );
                }
            }
            for m in members {
                path.push(Seg::Key(&m.key));
                walk_duplicates(cx, &m.value, path, out);
                path.pop();
            }
        }
        NodeKind::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                walk_duplicates(cx, item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// S004 and S005.
pub fn schema_version(cx: &mut Checker, declared: bool) {
    let root = cx.root;
    if root.as_object().is_none() {
        return; // S003 says the manifest must be an object
    }
    let assumed = match cx.family {
        SchemaFamily::V4_1 => "checked as a 4.1 manifest (the layout it looks like)",
        SchemaFamily::V3 => "checked as a 3.x manifest (it has `components`)",
    };
    match root.member("schema_version") {
        None => {
            let span = cx.missing_span(root);
            cx.report(
                Diagnostic::new(&S004, span, "", format!("`schema_version` is missing; {assumed}"))
                    .with_help("add \"schema_version\": \"4.1\" (the current format)"),
            );
        }
        Some(m) if !declared => {
            let what = match m.value.as_str() {
                Some(_) => "is neither \"4.1\" nor a 3.x form such as \"3.2\"".to_string(),
                None => format!("must be a string, found {}", m.value.type_name()),
            };
            let help = match &m.value.kind {
                NodeKind::Number(n) if &**n == "4.1" || n.starts_with('3') => {
                    format!("write it as a string: \"{n}\"")
                }
                _ => "use \"4.1\" (current) or a 3.x form for legacy manifests".to_string(),
            };
            cx.report(
                Diagnostic::new(
                    &S004,
                    m.value.span,
                    "/schema_version",
                    format!("`schema_version` {what}; {assumed}"),
                )
                .with_help(help),
            );
        }
        Some(m) if cx.family == SchemaFamily::V3 => {
            cx.report(
                Diagnostic::new(
                    &S005,
                    m.value.span,
                    "/schema_version",
                    "legacy 3.x manifest: Procore's current format is 4.1",
                )
                .with_help(
                    "in 4.1, `components.oauth.instances[i].permissions` moves to a top-level `permissions` block \
                     and the grant type is no longer declared; `components.iframe.instances[]` become `fullscreen` \
                     and `sidepanel` (`iframe_src` → `source_url`, `configuration` → `user_configuration`); \
                     then set \"schema_version\": \"4.1\"",
                ),
            );
        }
        Some(_) => {}
    }
}
