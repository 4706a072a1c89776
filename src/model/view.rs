//! Tolerant views over the span tree: where each version keeps its
//! permissions, components and URLs. Wrong shapes yield nothing here (the
//! schema check reports them), so rules run on what can be read.

use crate::model::SchemaFamily;
use crate::span::Span;
use crate::syntax::{Member, Node};

/// Where a permissions block sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Top-level `permissions`.
    TopLevel,
    /// `components.oauth.instances[i].permissions`.
    OauthInstance(usize),
}

/// One permissions block.
#[derive(Debug, Clone)]
pub struct PermBlock<'a> {
    pub pointer: String,
    pub member: &'a Member<'a>,
    pub placement: Placement,
}

impl<'a> PermBlock<'a> {
    pub fn node(&self) -> &'a Node<'a> {
        &self.member.value
    }

    /// The scope members (`company`, `project`, or anything else written
    /// there), duplicates resolved to the later one.
    pub fn scopes(&self) -> Vec<&'a Member<'a>> {
        self.member.value.effective_members()
    }
}

/// One `tool: level` entry of a scope.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub scope: &'a str,
    pub member: &'a Member<'a>,
    /// The pointer of the scope object holding the entry (shared by its
    /// entries: the entry's own pointer is built only when a finding needs it).
    pub scope_pointer: std::rc::Rc<str>,
}

impl<'a> Entry<'a> {
    /// The entry's JSON pointer, e.g. `/permissions/company/directory`.
    pub fn pointer(&self) -> String {
        let mut out = String::with_capacity(self.scope_pointer.len() + 1 + self.member.key.len());
        out.push_str(&self.scope_pointer);
        crate::syntax::push_key_segment(&mut out, self.member.key);
        out
    }
    pub fn key(&self) -> &'a str {
        self.member.key
    }
    pub fn value(&self) -> &'a Node<'a> {
        &self.member.value
    }
    pub fn key_span(&self) -> Span {
        self.member.key_span
    }
}

/// The 3.x oauth instances: `(index, instance node, pointer)`.
pub fn oauth_instances<'a>(root: &'a Node<'a>) -> Vec<(usize, &'a Node<'a>, String)> {
    root.get("components")
        .and_then(|c| c.get("oauth"))
        .and_then(|o| o.get("instances"))
        .and_then(Node::as_array)
        .map(|items| {
            items
                .iter()
                .enumerate()
                .map(|(i, n)| (i, n, format!("/components/oauth/instances/{i}")))
                .collect()
        })
        .unwrap_or_default()
}

/// Every permissions block the manifest carries, in source order: the
/// top-level one and each oauth instance's (whatever the version: misplaced
/// blocks count for the risk rating too).
pub fn permission_blocks<'a>(root: &'a Node<'a>) -> Vec<PermBlock<'a>> {
    let mut out = Vec::new();
    if let Some(m) = root.member("permissions") {
        out.push(PermBlock {
            pointer: "/permissions".into(),
            member: m,
            placement: Placement::TopLevel,
        });
    }
    for (i, inst, pointer) in oauth_instances(root) {
        if let Some(m) = inst.member("permissions") {
            out.push(PermBlock {
                pointer: format!("{pointer}/permissions"),
                member: m,
                placement: Placement::OauthInstance(i),
            });
        }
    }
    out.sort_by_key(|b| b.member.key_span.start);
    out
}

/// Is this oauth instance a client_credentials one (a DMSA data
/// connection)?
pub fn is_client_credentials(inst: &Node) -> bool {
    inst.get("grant_type").and_then(Node::as_str) == Some("client_credentials")
}

/// The blocks the app's service account receives: 4.1's top-level block,
/// 3.x's blocks inside client_credentials instances. A block elsewhere is
/// misplaced (A007, A005): the Portal ignores or rejects it, so it grants
/// the app nothing, whatever the risk rating counts.
pub fn service_account_blocks<'a>(root: &'a Node<'a>, family: SchemaFamily) -> Vec<PermBlock<'a>> {
    let client_credentials: Vec<usize> = oauth_instances(root)
        .into_iter()
        .filter(|(_, inst, _)| is_client_credentials(inst))
        .map(|(i, _, _)| i)
        .collect();
    let mut blocks = permission_blocks(root);
    blocks.retain(|b| match (family, b.placement) {
        (SchemaFamily::V4_1, p) => p == Placement::TopLevel,
        (SchemaFamily::V3, Placement::TopLevel) => false,
        (SchemaFamily::V3, Placement::OauthInstance(i)) => client_credentials.contains(&i),
    });
    blocks
}

/// A permissions block with the entries of its scopes.
#[derive(Debug, Clone)]
pub struct Granted<'a> {
    pub block: PermBlock<'a>,
    pub entries: Vec<Entry<'a>>,
}

/// Every permissions block ([`permission_blocks`]) with its entries
/// ([`entries`]): read once per document and shared by the rules and the
/// rating that walk the grants.
pub fn granted<'a>(root: &'a Node<'a>) -> Vec<Granted<'a>> {
    permission_blocks(root)
        .into_iter()
        .map(|block| Granted {
            entries: entries(&block),
            block,
        })
        .collect()
}

/// The entries of the `company` and `project` scopes of a block.
pub fn entries<'a>(block: &PermBlock<'a>) -> Vec<Entry<'a>> {
    let mut out = Vec::new();
    for scope in block.scopes() {
        if !matches!(scope.key, "company" | "project") {
            continue;
        }
        let scope_name: &'a str = scope.key;
        let scope_pointer: std::rc::Rc<str> = format!("{}/{}", block.pointer, scope_name).into();
        for m in scope.value.effective_members() {
            out.push(Entry {
                scope: scope_name,
                member: m,
                scope_pointer: scope_pointer.clone(),
            });
        }
    }
    out
}

/// An embedded component (4.1 `fullscreen`/`sidepanel`, 3.x iframe instance).
#[derive(Debug, Clone)]
pub struct Component<'a> {
    pub node: &'a Node<'a>,
    pub pointer: String,
    /// `fullscreen` or `sidepanel` (3.x: the instance's `type`, when valid).
    pub kind: Option<ComponentKind>,
    /// `source_url` (4.1) or `iframe_src` (3.x).
    pub url_key: &'static str,
    /// `user_configuration` (4.1) or `configuration` (3.x).
    pub config_key: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComponentKind {
    Fullscreen,
    Sidepanel,
}

impl ComponentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ComponentKind::Fullscreen => "fullscreen",
            ComponentKind::Sidepanel => "sidepanel",
        }
    }
}

/// The embedded components of the layout being checked, in source order.
pub fn components<'a>(root: &'a Node<'a>, family: SchemaFamily) -> Vec<Component<'a>> {
    let mut out = Vec::new();
    match family {
        SchemaFamily::V4_1 => {
            for (key, kind) in [
                ("fullscreen", ComponentKind::Fullscreen),
                ("sidepanel", ComponentKind::Sidepanel),
            ] {
                if let Some(node) = root.get(key).filter(|n| n.as_object().is_some()) {
                    out.push(Component {
                        node,
                        pointer: format!("/{key}"),
                        kind: Some(kind),
                        url_key: "source_url",
                        config_key: "user_configuration",
                    });
                }
            }
            out.sort_by_key(|c| c.node.span.start);
        }
        SchemaFamily::V3 => {
            let items = root
                .get("components")
                .and_then(|c| c.get("iframe"))
                .and_then(|o| o.get("instances"))
                .and_then(Node::as_array)
                .unwrap_or_default();
            for (i, node) in items.iter().enumerate() {
                if node.as_object().is_none() {
                    continue;
                }
                // No `type`: a full-screen iframe (the 2021 examples have none).
                let kind = match node.get("type").map(Node::as_str) {
                    None | Some(Some("fullscreen")) => Some(ComponentKind::Fullscreen),
                    Some(Some("sidepanel")) => Some(ComponentKind::Sidepanel),
                    _ => None,
                };
                out.push(Component {
                    node,
                    pointer: format!("/components/iframe/instances/{i}"),
                    kind,
                    url_key: "iframe_src",
                    config_key: "configuration",
                });
            }
        }
    }
    out
}
