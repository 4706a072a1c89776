//! Secrets in a parsed document.

use super::names::{is_key_like, is_secret_name};
use super::values::{hits, is_entropy_secret, is_placeholder_or_empty, Why};
use crate::span::Span;
use crate::syntax::{pointer_of, Member, Node, NodeKind, Seg, Visit};

/// A secret found in the tree: the member (if any) and the value's span.
#[derive(Debug, Clone)]
pub struct Found {
    pub pointer: String,
    /// The span to report: the member's key for a secret-named member, the
    /// value for a token-shaped value.
    pub report_span: Span,
    /// The span to mask in every snippet: the whole value (an object,
    /// array or number held by a secret-named member is masked whole).
    pub value_span: Span,
    pub by_name: bool,
    pub name: Option<String>,
    /// Which test found it.
    pub why: Why,
    /// The secret's texts (every scalar it holds, strings decoded), which
    /// no output may contain.
    pub texts: Vec<String>,
}

/// Every secret in the document, in source order.
pub fn find(root: &Node) -> Vec<Found> {
    let mut finder = Finder::default();
    crate::syntax::walk(root, &mut [&mut finder]);
    finder.found
}

/// The secret scan as a visitor of the walk every whole-tree check shares
/// (`syntax::walk`): what it found is in `found`, in source order.
#[derive(Default)]
pub struct Finder {
    pub found: Vec<Found>,
}

impl Finder {
    fn push(&mut self, path: &[Seg], report: Span, value: Span, name: Option<&str>, why: Why, texts: Vec<String>) {
        self.found.push(Found {
            pointer: pointer_of(path),
            report_span: report,
            value_span: value,
            by_name: matches!(why, Why::Name | Why::Entropy),
            name: name.map(str::to_string),
            why,
            texts,
        });
    }
}

/// What the walk asks about every member name: does it hold a credential
/// itself, is it secret-named, is it key-like.
const HOLDS: u8 = 1;
const SECRET_NAME: u8 = 2;
const KEY_LIKE: u8 = 4;

/// The three answers about a member name in one lookup, remembered per
/// thread ([`super::gate::Memo`]): names come from a small vocabulary.
fn key_class(key: &str) -> u8 {
    thread_local! {
        static MEMO: super::gate::Memo<u8> = super::gate::Memo::default();
    }
    let answer = |key: &str| {
        (if hits(key).is_empty() { 0 } else { HOLDS })
            | if is_secret_name(key) { SECRET_NAME } else { 0 }
            | if is_key_like(key) { KEY_LIKE } else { 0 }
    };
    MEMO.with(|memo| memo.get(key, answer))
}

impl<'t> Visit<'t> for Finder {
    fn member(&mut self, m: &Member<'t>, path: &[Seg<'t>]) -> bool {
        let class = key_class(m.key);
        if class & HOLDS != 0 {
            if let Some(h) = hits(m.key).first() {
                // A credential written as a key.
                self.push(path, m.key_span, m.key_span, None, h.why, vec![m.key.to_string()]);
            }
        }
        // A `uid`/`uuid` member's own value is an identifier; what is
        // nested below it is scanned like anything else.
        if super::names::is_identifier_name(m.key) && !matches!(m.value.kind, NodeKind::Object(_) | NodeKind::Array(_))
        {
            return false;
        }
        if class & SECRET_NAME != 0 && is_declaration(m, path) {
            // A configuration field declared `api_token` is a name, not a
            // secret; what it declares as its literal values is one.
            if let NodeKind::Object(members) = &m.value.kind {
                for d in members
                    .each()
                    .filter(|d| LITERALS.contains(&d.key) && has_content(&d.value))
                {
                    let mut texts = Vec::new();
                    scalars(&d.value, &mut texts);
                    let mut at = path.to_vec();
                    at.push(Seg::Key(d.key));
                    self.push(&at, d.key_span, d.value.span, Some(m.key), Why::Name, texts);
                }
            }
            return true;
        }
        if class & SECRET_NAME != 0 && has_content(&m.value) {
            let mut texts = Vec::new();
            scalars(&m.value, &mut texts);
            self.push(path, m.key_span, m.value.span, Some(m.key), Why::Name, texts);
            return false;
        }
        if class & KEY_LIKE == 0 {
            return true;
        }
        if let NodeKind::String(s) = &m.value.kind {
            if is_entropy_secret(m.key, s) {
                self.push(
                    path,
                    m.key_span,
                    m.value.span,
                    Some(m.key),
                    Why::Entropy,
                    vec![s.to_string()],
                );
                return false;
            }
            return true;
        }
        // A key-like name over a list (`"license_keys": ["…"]`), or
        // declaring a field whose literal values (`default`, `enum`, …)
        // are given: each such string is tested as the member's own value.
        let mut held = Vec::new();
        match &m.value.kind {
            NodeKind::Array(items) => items.each().for_each(|i| held.push(i)),
            NodeKind::Object(members) if is_declaration(m, path) => members
                .each()
                .filter(|d| LITERALS.contains(&d.key))
                .for_each(|d| match d.value.kind {
                    NodeKind::Array(items) => items.each().for_each(|i| held.push(i)),
                    _ => held.push(d.value),
                }),
            _ => {}
        }
        for node in held {
            if let NodeKind::String(s) = node.kind {
                if is_entropy_secret(m.key, &s) {
                    self.push(
                        path,
                        m.key_span,
                        node.span,
                        Some(m.key),
                        Why::Entropy,
                        vec![s.to_string()],
                    );
                }
            }
        }
        true
    }

    fn string(&mut self, node: &Node<'t>, s: &str, path: &[Seg<'t>]) {
        let found = hits(s);
        // A declaration's literal value is found once, by its name.
        let held = || {
            self.found
                .last()
                .is_some_and(|f| f.value_span.start <= node.span.start && node.span.end <= f.value_span.end)
        };
        if let Some(h) = found.first().filter(|_| !held()) {
            let texts = found
                .iter()
                .map(|h| s[h.start..h.end].to_string())
                .chain([s.to_string()])
                .collect();
            self.push(path, node.span, node.span, None, h.why, texts);
        }
    }
}

/// Every scalar a value holds, as text. Not the keys of its objects, which
/// are names (`"type"`, `"value"`: every output would lose each word that
/// is one), unless a key is a credential itself.
fn scalars(v: &Node, out: &mut Vec<String>) {
    match &v.kind {
        NodeKind::String(s) => out.push(s.to_string()),
        NodeKind::Number(s) => out.push(s.to_string()),
        NodeKind::Array(items) => items.each().for_each(|i| scalars(&i, out)),
        NodeKind::Object(members) => members.each().for_each(|m| {
            if key_class(m.key) & HOLDS != 0 {
                out.push(m.key.to_string());
            }
            scalars(&m.value, out)
        }),
        _ => {}
    }
}

/// The JSON Schema keywords of a property's declaration.
const KEYWORDS: &[&str] = &[
    "type",
    "name",
    "title",
    "description",
    "support_link",
    "default",
    "const",
    "enum",
    "examples",
    "example",
    "format",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "required",
    "readOnly",
    "writeOnly",
    "items",
    "properties",
    "$ref",
    "$comment",
    "deprecated",
    "nullable",
    "uniqueItems",
    "minItems",
    "maxItems",
    "additionalProperties",
];

/// The keywords of a declaration whose values are the field's literal
/// values.
const LITERALS: &[&str] = &["default", "const", "enum", "examples", "example"];

/// Is `m` a property declared in a schema's `properties` (a configuration
/// field: `"api_token": {"type": "string", "title": "API token"}`)? Its
/// value is an object of JSON Schema keywords only: `{"value": "..."}`
/// under `properties` is a value, and a secret when its name says so.
fn is_declaration(m: &Member, path: &[Seg]) -> bool {
    let under_properties = path.len() >= 2 && matches!(path[path.len() - 2], Seg::Key("properties"));
    under_properties
        && match &m.value.kind {
            NodeKind::Object(members) => {
                let mut any = false;
                members.each().all(|d| {
                    any = true;
                    KEYWORDS.contains(&d.key)
                }) && any
            }
            _ => false,
        }
}

/// A secret-named member only counts when it holds something: an empty
/// string or `{{placeholder}}`, null, true or false, or a container of
/// nothing else (`[[]]`, `[""]`, `{"value": ""}`: its member names are no
/// values) holds no credential. The lexical scan reads a file that does
/// not parse the same way.
fn has_content(v: &Node) -> bool {
    match &v.kind {
        NodeKind::Null | NodeKind::Bool(_) => false,
        NodeKind::String(s) => !is_placeholder_or_empty(s),
        NodeKind::Array(a) => a.each().any(|i| has_content(&i)),
        NodeKind::Object(o) => o.each().any(|m| has_content(&m.value)),
        _ => true,
    }
}
