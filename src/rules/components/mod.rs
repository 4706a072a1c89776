//! C: embedded components (4.1 `fullscreen` / `sidepanel`, 3.x
//! `components.iframe.instances[]`): URLs, placeholders, configuration
//! fields, side panel views, sample content, identifiers.
//!
//! One walk per component calls each rule's check when the rule is on; one
//! file per rule holds its documentation and its check.

pub mod c001_insecure_url;
pub mod c002_invalid_url;
pub mod c003_undefined_url_parameter;
pub mod c004_unknown_builtin_variable;
pub mod c005_malformed_interpolation;
pub mod c006_required_parameter_undeclared;
pub mod c007_unused_configuration_property;
pub mod c008_unknown_sidepanel_view;
pub mod c009_sidepanel_without_views;
pub mod c010_duplicate_view;
pub mod c011_views_on_fullscreen;
pub mod c012_placeholder_value;
pub mod c013_invalid_uuid;
pub mod c014_duplicate_uuid;
pub mod c015_builtin_variable_outside_query;
pub mod c016_parameter_shadows_builtin;
pub mod c017_sidepanel_needs_3_2;
mod url;

pub use c001_insecure_url::C001;
pub use c002_invalid_url::C002;
pub use c003_undefined_url_parameter::C003;
pub use c004_unknown_builtin_variable::C004;
pub use c005_malformed_interpolation::C005;
pub use c006_required_parameter_undeclared::C006;
pub use c007_unused_configuration_property::C007;
pub use c008_unknown_sidepanel_view::C008;
pub use c009_sidepanel_without_views::C009;
pub use c010_duplicate_view::C010;
pub use c011_views_on_fullscreen::C011;
pub use c012_placeholder_value::C012;
pub use c013_invalid_uuid::C013;
pub use c014_duplicate_uuid::C014;
pub use c015_builtin_variable_outside_query::C015;
pub use c016_parameter_shadows_builtin::C016;
pub use c017_sidepanel_needs_3_2::C017;

use super::interpolation;
use super::Checker;
use crate::catalog::Catalog;
use crate::diagnostics::Diagnostic;
use crate::model::view::{self, Component, ComponentKind};
use crate::span::Span;
use crate::syntax::{Node, Ptr};
use url::{Properties, UrlFacts};

pub fn check(cx: &mut Checker) {
    let catalog = Catalog::new(&cx.settings.catalog);
    // Pushed onto the file's findings in place (no copy of millions of them).
    let mut out = std::mem::take(&mut cx.diagnostics);
    for c in &view::components(cx.root, cx.family) {
        component(cx, &catalog, c, &mut out);
    }
    // Other URL members: the post-install page.
    if let Some(page_url) = cx
        .root
        .get("post_installation_instruction")
        .and_then(|p| p.get("page"))
        .and_then(|p| p.get("url"))
    {
        plain_url(
            cx,
            page_url,
            &Ptr::Base("/post_installation_instruction/page/url"),
            "the post-install page URL",
            &mut out,
        );
    }
    if cx.enabled(&C013) || cx.enabled(&C014) {
        uuids(cx, &mut out);
    }
    if cx.enabled(&C012) {
        // In text: found by the shared walk (`lint`).
        out.append(&mut cx.walked.take(&C012));
    }
    cx.diagnostics = out;
}

/// The URL rules every URL gets: C001, C002 and C012 on the host.
fn url_rules(cx: &Checker, url: &Node, pointer: &Ptr, facts: &UrlFacts, out: &mut Vec<Diagnostic>) {
    if cx.enabled(&C001) {
        c001_insecure_url::check(url, pointer, facts, out);
    }
    if cx.enabled(&C002) {
        c002_invalid_url::check(url, pointer, facts, out);
    }
    if cx.enabled(&C012) {
        c012_placeholder_value::check_host(url, pointer, facts, out);
    }
}

/// A URL outside a component's `source_url` / `iframe_src` (`what`: which
/// one): nothing interpolates its placeholders.
fn plain_url(cx: &Checker, url: &Node, pointer: &Ptr, what: &str, out: &mut Vec<Diagnostic>) {
    if url.as_str().is_some_and(|s| !s.trim().is_empty()) {
        let (placeholders, malformed) = interpolation::parse(url, cx.text);
        if cx.enabled(&C005) {
            c005_malformed_interpolation::check(malformed, pointer, out);
        }
        if cx.enabled(&C003) {
            for p in &placeholders {
                c003_undefined_url_parameter::check_not_interpolated(p, pointer, what, out);
            }
        }
        if let Some(facts) = UrlFacts::of(url, &placeholders) {
            url_rules(cx, url, pointer, &facts, out);
        }
    }
}

fn component(cx: &Checker, catalog: &Catalog, c: &Component, out: &mut Vec<Diagnostic>) {
    let props = Properties {
        node: c
            .node
            .get(c.config_key)
            .and_then(|u| u.get("schema"))
            .and_then(|s| s.get("properties")),
        config_key: c.config_key,
    };
    let mut used: Vec<String> = Vec::new();
    let base = Ptr::Base(&c.pointer);
    if let Some(url) = c.node.get(c.url_key) {
        let pointer = base.key(c.url_key);
        let (placeholders, malformed) = interpolation::parse(url, cx.text);
        let any_malformed = !malformed.is_empty();
        if cx.enabled(&C005) {
            c005_malformed_interpolation::check(malformed, &pointer, out);
        }
        let facts = UrlFacts::of(url, &placeholders);
        if let Some(facts) = &facts {
            url_rules(cx, url, &pointer, facts, out);
        }
        // A malformed placeholder (C005: `{{région}}`, `{{region}`,
        // `{region}}`) still names the property it means: no second
        // finding calls it unused. A declared name against a brace counts.
        if let Some(s) = url.as_str().filter(|_| any_malformed) {
            let inner = s
                .split("{{")
                .skip(1)
                .filter_map(|t| t.split_once("}}").map(|(n, _)| n.trim()));
            used.extend(inner.map(str::to_string));
            for m in props.node.map(Node::effective_members).unwrap_or_default() {
                let braced = |at: usize| {
                    s[..at].trim_end().ends_with('{') || s[at + m.key.len()..].trim_start().starts_with('}')
                };
                if !m.key.is_empty() && s.match_indices(m.key).any(|(at, _)| braced(at)) {
                    used.push(m.key.to_string());
                }
            }
        }
        for p in &placeholders {
            used.push(p.name.clone());
            if cx.enabled(&C004) {
                c004_unknown_builtin_variable::check(p, &pointer, out);
            }
            if let (true, Some(facts)) = (cx.enabled(&C015), &facts) {
                c015_builtin_variable_outside_query::check(p, &pointer, facts, out);
            }
            if cx.enabled(&C003) {
                c003_undefined_url_parameter::check(p, &pointer, &props, out);
            }
        }
    }
    // The configuration schema: C006, C007 and support links.
    if let Some(schema) = c.node.get(c.config_key).and_then(|u| u.get("schema")) {
        let config = base.key(c.config_key);
        let schema_pointer = config.key("schema");
        let properties = schema_pointer.key("properties");
        if cx.enabled(&C006) {
            c006_required_parameter_undeclared::check(schema, &schema_pointer, &props, out);
        }
        for m in props.node.map(Node::effective_members).unwrap_or_default() {
            let ptr = properties.key(m.key);
            if c.node.get(c.url_key).is_some() && cx.enabled(&C007) {
                c007_unused_configuration_property::check(m, &ptr, &used, c.url_key, out);
            }
            if cx.enabled(&C016) {
                c016_parameter_shadows_builtin::check(m, &ptr, out);
            }
            if let Some(u) = m.value.get("support_link").and_then(|l| l.get("url")) {
                let link = ptr.key("support_link");
                plain_url(cx, u, &link.key("url"), "a configuration field's support link", out);
            }
        }
    }
    let views = c.node.member("views");
    match (c.kind, views) {
        (Some(ComponentKind::Fullscreen), Some(v)) if cx.enabled(&C011) => {
            c011_views_on_fullscreen::check(c, v, out);
        }
        (Some(ComponentKind::Sidepanel), v) => {
            if cx.family == crate::model::SchemaFamily::V3 && cx.enabled(&C017) {
                c017_sidepanel_needs_3_2::check(cx.root, c, out);
            }
            if cx.enabled(&C009) {
                c009_sidepanel_without_views::check(cx, c, v, out);
            }
            if let Some((v, items)) = v.and_then(|v| Some((v, v.value.as_array()?))) {
                view_items(cx, catalog, &v.value, items, &base.key("views"), out);
            }
        }
        _ => {}
    }
}

/// Each item of a side panel's `views`: a repeat is C010 (and nothing
/// else), an undocumented key C008.
fn view_items(cx: &Checker, catalog: &Catalog, views: &Node, items: &[Node], pointer: &Ptr, out: &mut Vec<Diagnostic>) {
    let mut seen: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    let spans: Vec<Span> = items.iter().map(|n| n.span).collect();
    for (i, item) in items.iter().enumerate() {
        let Some(key) = item.as_str() else { continue };
        let ptr = pointer.index(i);
        if let Some(&first) = seen.get(key) {
            if cx.enabled(&C010) {
                c010_duplicate_view::check(views, &spans, i, first, key, &ptr, out);
            }
            continue;
        }
        seen.insert(key, i);
        if cx.enabled(&C008) {
            c008_unknown_sidepanel_view::check(catalog, item, key, &ptr, out);
        }
    }
}

/// Every uuid of a component (and, in 3.x, of an oauth instance), in source
/// order: C013 on each, C014 on each repeat.
fn uuids(cx: &Checker, out: &mut Vec<Diagnostic>) {
    let components = view::components(cx.root, cx.family);
    let instances = match cx.family {
        crate::model::SchemaFamily::V3 => view::oauth_instances(cx.root),
        _ => Vec::new(),
    };
    // The pointer of the object holding each uuid.
    let mut all: Vec<(&str, &Node)> = Vec::new();
    for c in &components {
        if let Some(u) = c.node.get("uuid") {
            all.push((&c.pointer, u));
        }
    }
    for (_, inst, pointer) in &instances {
        if let Some(u) = inst.get("uuid") {
            all.push((pointer, u));
        }
    }
    all.sort_by_key(|(_, n)| n.span.start);
    let mut seen: Vec<(String, &Node)> = Vec::new();
    for (holder, node) in all {
        let Some(s) = node.as_str() else { continue };
        let holder = Ptr::Base(holder);
        let ptr = holder.key("uuid");
        if cx.enabled(&C013) {
            c013_invalid_uuid::check(node, s, &ptr, out);
        }
        let folded = s.to_ascii_lowercase();
        match seen.iter().find(|(u, _)| *u == folded) {
            Some((_, first)) if cx.enabled(&C014) => c014_duplicate_uuid::check(cx, node, s, &ptr, first, out),
            Some(_) => {}
            None => seen.push((folded, node)),
        }
    }
}
