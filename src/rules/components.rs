//! C: embedded components (4.1 `fullscreen` / `sidepanel`, 3.x
//! `components.iframe.instances[]`): URLs, placeholders, configuration
//! fields, side panel views, sample content, identifiers.

use super::edits::remove_item;
use super::interpolation::{self, Placeholder};
use super::Checker;
use crate::catalog::Catalog;
use crate::declare_rule;
use crate::diagnostics::{Diagnostic, Fix};
use crate::model::view::{self, Component, ComponentKind};
use crate::secrets::quote;
use crate::span::Span;
use crate::syntax::{escape_pointer_segment, pointer_of, Node, NodeKind, Seg};
use crate::text::closest;

declare_rule! {
    /// ## What it checks
    /// A URL that is not https: `source_url` (4.1), `iframe_src` (3.x), the
    /// post-install page `url`, and each configuration field's
    /// `support_link.url`.
    ///
    /// ## Why
    /// Procore is served over https; an http iframe is blocked as mixed
    /// content, and review rejects it.
    ///
    /// ## Example
    /// ```json
    /// { "source_url": "http://app.acme.io/procore" }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "source_url": "https://app.acme.io/procore" }
    /// ```
    pub static C001 = ("C001", "insecure-url", Error, None, "a URL (source_url, iframe_src, post-install page url, support_link url) is not https");
}

declare_rule! {
    /// ## What it checks
    /// A URL that does not parse once each `{{placeholder}}` is replaced by a
    /// sample value.
    ///
    /// ## Why
    /// Procore cannot load a component whose URL is malformed.
    ///
    /// ## Example
    /// ```json
    /// { "source_url": "https//app.acme.io" }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "source_url": "https://app.acme.io" }
    /// ```
    pub static C002 = ("C002", "invalid-url", Error, None, "a URL does not parse, once each {{placeholder}} is replaced by a sample value");
}

declare_rule! {
    /// ## What it checks
    /// A `{{name}}` in a component URL that is neither a built-in variable
    /// nor a configuration property the component declares
    /// (`user_configuration.schema.properties` in 4.1,
    /// `configuration.schema.properties` in 3.x).
    ///
    /// ## Why
    /// Nothing fills the placeholder in: the app receives the braces.
    ///
    /// ## Example
    /// ```json
    /// { "source_url": "https://{{subdomain}}.acme.io" }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "source_url": "https://{{subdomain}}.acme.io",
    ///   "user_configuration": { "schema": { "type": "object", "properties": { "subdomain": { "name": "Subdomain", "type": "string" } } } } }
    /// ```
    pub static C003 = ("C003", "undefined-url-parameter", Error, None, "a {{name}} in a URL is neither a built-in variable nor a declared configuration property");
}

declare_rule! {
    /// ## What it checks
    /// A `{{procore.…}}` that is not one of the built-ins
    /// `procore.company.id`, `procore.company.name`, `procore.project.id`,
    /// `procore.project.name`; with a did-you-mean.
    ///
    /// ## Why
    /// Procore fills in only these four.
    ///
    /// ## Example
    /// ```json
    /// { "source_url": "https://app.acme.io?c={{procore.company_id}}" }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "source_url": "https://app.acme.io?c={{procore.company.id}}" }
    /// ```
    pub static C004 = ("C004", "unknown-builtin-variable", Error, None, "a {{procore.*}} that is not procore.company.id / .company.name / .project.id / .project.name");
}

declare_rule! {
    /// ## What it checks
    /// Unbalanced braces, an empty `{{}}`, or a placeholder name with
    /// characters other than letters, digits, `_` and `.`.
    ///
    /// ## Why
    /// Such text is not interpolated: the braces reach the app as written.
    ///
    /// ## Example
    /// ```json
    /// { "source_url": "https://app.acme.io/{{region}/x" }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "source_url": "https://app.acme.io/{{region}}/x" }
    /// ```
    pub static C005 = ("C005", "malformed-interpolation", Error, None, "unbalanced braces, empty {{}}, or a placeholder name with characters other than letters, digits, _ and .");
}

declare_rule! {
    /// ## What it checks
    /// A name in the configuration schema's `required` that `properties`
    /// does not declare.
    ///
    /// ## Why
    /// The admin is asked for a field that has no definition; installs fail.
    ///
    /// ## Example
    /// ```json
    /// { "type": "object", "required": ["region"], "properties": {} }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "type": "object", "required": ["region"], "properties": { "region": { "name": "Region", "type": "string" } } }
    /// ```
    pub static C006 = ("C006", "required-parameter-undeclared", Error, None, "`required` names a property that `properties` does not declare");
}

declare_rule! {
    /// ## What it checks
    /// A declared configuration property that the component's URL never
    /// uses as `{{name}}`.
    ///
    /// ## Why
    /// The admin fills in a value that goes nowhere (it may be read by the
    /// app another way, hence only info).
    ///
    /// ## Example
    /// ```json
    /// { "source_url": "https://app.acme.io", "user_configuration": { "schema": { "type": "object", "properties": { "region": {} } } } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "source_url": "https://app.acme.io/{{region}}", "user_configuration": { "schema": { "type": "object", "properties": { "region": {} } } } }
    /// ```
    pub static C007 = ("C007", "unused-configuration-property", Info, None, "a declared property is never used in the component's URL");
}

declare_rule! {
    /// ## What it checks
    /// A side panel view key that is not among the documented keys
    /// (`data/sidepanel-views.json`, from Procore's Side Panel View Key
    /// Reference). `X.all` is accepted when documented keys start with
    /// `X.`. Keys that were documented once (e.g. `specifications.*`) and
    /// keys that appear only in documentation examples get their own
    /// message; others a did-you-mean. Declare keys the catalog lacks in
    /// `procore-manifest.toml` (`[catalog] views`).
    ///
    /// ## Why
    /// The side panel never opens on a page whose key Procore does not know.
    ///
    /// ## Example
    /// ```json
    /// { "views": ["rfis.detail"] }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "views": ["rfi.detail"] }
    /// ```
    pub static C008 = ("C008", "unknown-sidepanel-view", Warning, None, "a view key not among the documented keys of sidepanel-views.json");
}

declare_rule! {
    /// ## What it checks
    /// A side panel component (or 3.x iframe of type sidepanel) that lists
    /// no views.
    ///
    /// ## Why
    /// The views say where the panel may open; with none it never appears.
    ///
    /// ## Example
    /// ```json
    /// { "sidepanel": { "uuid": "…", "source_url": "https://app.acme.io/panel" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "sidepanel": { "uuid": "…", "source_url": "https://app.acme.io/panel", "views": ["rfi.detail"] } }
    /// ```
    pub static C009 = ("C009", "sidepanel-without-views", Error, None, "a side panel component (or 3.x iframe of type sidepanel) lists no views");
}

declare_rule! {
    /// ## What it checks
    /// The same view key twice in one component.
    ///
    /// ## Why
    /// The repeat does nothing and hides copy-paste mistakes.
    ///
    /// ## Example
    /// ```json
    /// { "views": ["rfi.detail", "rfi.detail"] }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "views": ["rfi.detail"] }
    /// ```
    /// ## Fix safety
    /// Safe: removing a repeated key changes nothing.
    pub static C010 = ("C010", "duplicate-view", Warning, Safe, "the same view key twice (safe fix: remove the repeat)");
}

declare_rule! {
    /// ## What it checks
    /// `views` on a fullscreen component.
    ///
    /// ## Why
    /// Full-screen components open from the app menu; views are ignored
    /// there (and 4.1's schema has no such member). Perhaps a side panel
    /// was meant.
    ///
    /// ## Example
    /// ```json
    /// { "fullscreen": { "uuid": "…", "source_url": "https://app.acme.io", "views": ["rfi.detail"] } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "fullscreen": { "uuid": "…", "source_url": "https://app.acme.io" } }
    /// ```
    pub static C011 = ("C011", "views-on-fullscreen", Warning, None, "views on a fullscreen component, where they are ignored");
}

declare_rule! {
    /// ## What it checks
    /// Sample content that marketplace review rejects: example.com / .net /
    /// .org hosts and their subdomains, localhost, 127.0.0.0/8 and private
    /// IPv4 ranges, the documentation's sample hosts (`myprocoreapplication`,
    /// `myprocoreapplication.com`, `domain.com` and its subdomains,
    /// `example-post-install-page.com`), the Portal's default notes text
    /// `these-are-post-installation-setup-notes`, the words TODO or TBD (any
    /// case, whole word), and lorem ipsum.
    ///
    /// ## Why
    /// Review rejects placeholder definitions in a production manifest, and
    /// installs would point admins at nothing.
    ///
    /// ## Example
    /// ```json
    /// { "post_installation_instruction": { "notes": "these-are-post-installation-setup-notes" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "post_installation_instruction": { "notes": "Open Acme and connect your projects." } }
    /// ```
    pub static C012 = ("C012", "placeholder-value", Warning, None, "sample content that marketplace review rejects");
}

declare_rule! {
    /// ## What it checks
    /// A component `uuid` (fullscreen, sidepanel, 3.x oauth or iframe
    /// instance) that is not canonical 8-4-4-4-12 hexadecimal.
    ///
    /// ## Why
    /// The Portal identifies components by uuid; documentation samples like
    /// `"123"` are not accepted.
    ///
    /// ## Example
    /// ```json
    /// { "uuid": "my-component-1" }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "uuid": "0f8fad5b-d9cb-469f-a165-70867728950e" }
    /// ```
    pub static C013 = ("C013", "invalid-uuid", Warning, None, "a uuid that is not canonical 8-4-4-4-12 hexadecimal");
}

declare_rule! {
    /// ## What it checks
    /// Two components with the same uuid (fullscreen, sidepanel, and every
    /// 3.x oauth or iframe instance).
    ///
    /// ## Why
    /// The Portal tells components apart by uuid; a copied one makes one of
    /// them disappear or overwrite the other.
    ///
    /// ## Example
    /// ```json
    /// { "fullscreen": { "uuid": "0f8fad5b-…" }, "sidepanel": { "uuid": "0f8fad5b-…" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "fullscreen": { "uuid": "0f8fad5b-…" }, "sidepanel": { "uuid": "7c9e6679-…" } }
    /// ```
    pub static C014 = ("C014", "duplicate-uuid", Error, None, "two components share a uuid");
}

declare_rule! {
    /// ## What it checks
    /// A `{{procore.…}}` built-in used in the host or the path of a URL.
    ///
    /// ## Why
    /// The documentation presents built-ins for query parameters; values are
    /// URI-encoded, so a name with spaces or `/` changes the path.
    ///
    /// ## Example
    /// ```json
    /// { "source_url": "https://app.acme.io/{{procore.company.id}}/panel" }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "source_url": "https://app.acme.io/panel?company={{procore.company.id}}" }
    /// ```
    pub static C015 = ("C015", "builtin-variable-outside-query", Info, None, "a procore.* built-in used in the host or path");
}

const BUILTINS: [&str; 4] = [
    "procore.company.id",
    "procore.company.name",
    "procore.project.id",
    "procore.project.name",
];

pub fn check(cx: &mut Checker) {
    let catalog = Catalog::new(cx.settings);
    let mut out = Vec::new();
    let components = view::components(cx.root, cx.family);
    for c in &components {
        check_component(cx, &catalog, c, &mut out);
    }
    // Other URL members: the post-install page.
    if let Some(page_url) = cx
        .root
        .get("post_installation_instruction")
        .and_then(|p| p.get("page"))
        .and_then(|p| p.get("url"))
    {
        check_plain_url(cx, page_url, "/post_installation_instruction/page/url", &mut out);
    }
    uuids(cx, &mut out);
    sample_text(cx.root, &mut Vec::new(), &mut out);
    cx.diagnostics.extend(out);
}

fn config_properties<'a>(c: &Component<'a>) -> Option<&'a Node> {
    c.node.get(c.config_key)?.get("schema")?.get("properties")
}

fn check_component(cx: &Checker, catalog: &Catalog, c: &Component, out: &mut Vec<Diagnostic>) {
    let props = config_properties(c);
    let declared = |name: &str| props.is_some_and(|p| p.get(name).is_some());
    let mut used: Vec<String> = Vec::new();
    if let Some(url) = c.node.get(c.url_key) {
        let pointer = format!("{}/{}", c.pointer, c.url_key);
        let (placeholders, malformed) = interpolation::parse(url, cx.text);
        for m in malformed {
            out.push(Diagnostic::new(&C005, m.span, pointer.clone(), m.message));
        }
        let parsed = check_url(url, &pointer, &placeholders, out);
        for p in &placeholders {
            used.push(p.name.clone());
            if p.name.starts_with("procore.") {
                if !BUILTINS.contains(&p.name.as_str()) {
                    let mut d = Diagnostic::new(
                        &C004,
                        p.span,
                        pointer.clone(),
                        format!(
                            "unknown built-in variable `{{{{{}}}}}`: Procore fills in procore.company.id, procore.company.name, procore.project.id and procore.project.name",
                            p.name
                        ),
                    );
                    if let Some(s) = closest(&p.name, BUILTINS) {
                        d = d.with_help(format!("did you mean `{{{{{s}}}}}`?"));
                    }
                    out.push(d);
                } else if let Some(query_start) = parsed.as_ref().map(|(_, q)| *q) {
                    if p.range.start < query_start {
                        out.push(
                            Diagnostic::new(
                                &C015,
                                p.span,
                                pointer.clone(),
                                format!("built-in `{{{{{}}}}}` in the host or path: the documentation presents built-ins for query parameters", p.name),
                            )
                            .with_help(format!("pass it as a query parameter, e.g. `?id={{{{{}}}}}`", p.name)),
                        );
                    }
                }
            } else if !declared(&p.name) {
                let names: Vec<&str> = props
                    .and_then(Node::as_object)
                    .map(|m| m.iter().map(|m| &*m.key).collect())
                    .unwrap_or_default();
                let mut d = Diagnostic::new(
                    &C003,
                    p.span,
                    pointer.clone(),
                    format!(
                        "`{{{{{}}}}}` is neither a built-in variable nor a declared configuration property",
                        p.name
                    ),
                );
                d = match closest(&p.name, names) {
                    Some(s) => d.with_help(format!("did you mean `{{{{{s}}}}}`?")),
                    None => d.with_help(format!(
                        "declare it under `{}.schema.properties`, or use a built-in such as `{{{{procore.project.id}}}}`",
                        c.config_key
                    )),
                };
                out.push(d);
            }
        }
    }
    // Configuration schema: C006, C007 and support links.
    if let Some(schema) = c.node.get(c.config_key).and_then(|u| u.get("schema")) {
        let schema_pointer = format!("{}/{}/schema", c.pointer, c.config_key);
        if let Some(required) = schema.get("required").and_then(Node::as_array) {
            for (i, r) in required.iter().enumerate() {
                if let Some(name) = r.as_str() {
                    if !declared(name) {
                        out.push(
                            Diagnostic::new(
                                &C006,
                                r.span,
                                format!("{schema_pointer}/required/{i}"),
                                format!("`required` names {}, which `properties` does not declare", quote(name)),
                            )
                            .with_help("declare it under `properties`, or remove it from `required`"),
                        );
                    }
                }
            }
        }
        {
            for m in props.map(Node::effective_members).unwrap_or_default() {
                let ptr = format!("{schema_pointer}/properties/{}", escape_pointer_segment(&m.key));
                if c.node.get(c.url_key).is_some() && !used.iter().any(|u| *u == *m.key) {
                    let mut d = Diagnostic::new(
                        &C007,
                        m.key_span,
                        ptr.clone(),
                        format!(
                            "configuration property `{}` is never used in the component's URL",
                            crate::text::sanitize_inline(&m.key)
                        ),
                    )
                    .with_help(format!(
                        "use it as `{{{{{}}}}}` in `{}`, or remove it",
                        m.key, c.url_key
                    ));
                    d.unnecessary = true;
                    out.push(d);
                }
                if let Some(u) = m.value.get("support_link").and_then(|l| l.get("url")) {
                    check_plain_url(cx, u, &format!("{ptr}/support_link/url"), out);
                }
            }
        }
    }
    // Views.
    let views = c.node.member("views");
    match (c.kind, views) {
        (Some(ComponentKind::Fullscreen), Some(v)) => {
            let mut d = Diagnostic::new(
                &C011,
                v.key_span,
                format!("{}/views", c.pointer),
                "`views` on a fullscreen component: full-screen components ignore them",
            )
            .with_help("remove `views`, or make this a side panel component if it should open beside Procore pages");
            d.unnecessary = true;
            out.push(d);
        }
        (Some(ComponentKind::Sidepanel), v) => {
            let items = v.and_then(|v| v.value.as_array());
            if v.is_none() || items.is_some_and(<[Node]>::is_empty) {
                let (span, ptr) = match v {
                    Some(v) => (v.value.span, format!("{}/views", c.pointer)),
                    None => (cx.missing_span(c.node), c.pointer.clone()),
                };
                out.push(
                    Diagnostic::new(&C009, span, ptr, "this side panel lists no views: it will never open")
                        .with_help("add the view keys of the Procore pages where it should open, e.g. \"rfi.detail\""),
                );
            }
            if let (Some(v), Some(items)) = (v, items) {
                check_views(catalog, &v.value, items, &format!("{}/views", c.pointer), out);
            }
        }
        _ => {}
    }
}

/// Check a URL with placeholders: C001, C002, C012 on the host. Returns the
/// parsed URL and where its query starts in the original string.
fn check_url(
    url: &Node,
    pointer: &str,
    placeholders: &[Placeholder],
    out: &mut Vec<Diagnostic>,
) -> Option<(url::Url, usize)> {
    let s = url.as_str()?;
    // Replace each placeholder by a sample value, left to right.
    let mut sample = String::with_capacity(s.len());
    let mut last = 0;
    for p in placeholders {
        sample.push_str(&s[last..p.range.start]);
        sample.push_str(if p.name.ends_with(".name") { "Acme" } else { "sample1" });
        last = p.range.end;
    }
    sample.push_str(&s[last..]);
    let query_start = s.find('?').unwrap_or(s.len());
    match url::Url::parse(sample.trim()) {
        Err(e) => {
            if !s.trim().to_ascii_lowercase().starts_with("https://")
                && s.trim().to_ascii_lowercase().starts_with("http://")
            {
                out.push(insecure(url, pointer));
            }
            out.push(
                Diagnostic::new(
                    &C002,
                    url.span,
                    pointer.to_string(),
                    format!("the URL does not parse: {e}"),
                )
                .with_help("write an absolute https URL, e.g. https://app.example-vendor.io/procore"),
            );
            None
        }
        Ok(parsed) => {
            if parsed.scheme() != "https" {
                out.push(insecure(url, pointer));
            }
            if let Some(host) = parsed.host_str() {
                if let Some(why) = sample_host(host) {
                    out.push(
                        Diagnostic::new(&C012, url.span, pointer.to_string(), format!("sample host: {why}"))
                            .with_help("use your production host; review rejects sample and local addresses"),
                    );
                }
            }
            Some((parsed, query_start))
        }
    }
}

fn insecure(url: &Node, pointer: &str) -> Diagnostic {
    Diagnostic::new(&C001, url.span, pointer.to_string(), "the URL is not https")
        .with_help("serve the app over https; Procore blocks http content")
}

fn check_plain_url(cx: &Checker, url: &Node, pointer: &str, out: &mut Vec<Diagnostic>) {
    if url.as_str().is_some_and(|s| !s.trim().is_empty()) {
        let (placeholders, _) = interpolation::parse(url, cx.text);
        check_url(url, pointer, &placeholders, out);
    }
}

/// Why a host is sample content, if it is (the message names the domain
/// that matched, not a sample value put in for a placeholder).
fn sample_host(host: &str) -> Option<String> {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    let is_or_under = |d: &str| h.strip_suffix(d).is_some_and(|p| p.is_empty() || p.ends_with('.'));
    for d in ["example.com", "example.net", "example.org"] {
        if is_or_under(d) {
            return Some(format!("`{d}` is reserved for documentation examples"));
        }
    }
    for d in [
        "myprocoreapplication.com",
        "domain.com",
        "example-post-install-page.com",
    ] {
        if is_or_under(d) {
            return Some(format!("`{d}` is a sample host from Procore's documentation"));
        }
    }
    if h == "myprocoreapplication" {
        return Some("`myprocoreapplication` is a sample host from Procore's documentation".into());
    }
    if h == "localhost" || h.ends_with(".localhost") {
        return Some("`localhost` is a local address".into());
    }
    let trimmed = h.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = trimmed.parse::<std::net::IpAddr>() {
        let local = match ip {
            std::net::IpAddr::V4(v4) => {
                v4.is_loopback() || v4.is_private() || v4.is_link_local() || v4.is_unspecified()
            }
            std::net::IpAddr::V6(v6) => v6.is_loopback() || v6.is_unspecified(),
        };
        if local {
            return Some(format!("`{trimmed}` is a local or private address"));
        }
    }
    None
}

fn check_views(catalog: &Catalog, views_node: &Node, items: &[Node], pointer: &str, out: &mut Vec<Diagnostic>) {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let spans: Vec<Span> = items.iter().map(|n| n.span).collect();
    for (i, item) in items.iter().enumerate() {
        let Some(key) = item.as_str() else { continue };
        let ptr = format!("{pointer}/{i}");
        if let Some(&first) = seen.get(key) {
            let mut d = Diagnostic::new(
                &C010,
                item.span,
                ptr.clone(),
                format!("view {} is listed twice (first at position {first})", quote(key)),
            )
            .with_help("remove the repeat");
            d.unnecessary = true;
            if let Some(edit) = remove_item(views_node.span, &spans, i) {
                d = d.with_fix(Fix::safe("remove the repeated view", vec![edit]));
            }
            out.push(d);
            continue;
        }
        seen.insert(key, i);
        if catalog.is_documented_view(key) {
            continue;
        }
        if let Some(prefix) = key.strip_suffix(".all") {
            if catalog.views().any(|v| v.starts_with(&format!("{prefix}."))) {
                continue;
            }
        }
        let msg = if let Some(note) = catalog.formerly_documented_view(key) {
            format!("view {} was documented once but no longer is ({note})", quote(key))
        } else if let Some(note) = catalog.example_only_view(key) {
            format!("view {} appears only in a documentation example ({note})", quote(key))
        } else {
            format!("unknown side panel view {}", quote(key))
        };
        let mut d = Diagnostic::new(&C008, item.span, ptr, msg);
        d = match closest(key, catalog.views()) {
            Some(s) => d.with_help(format!("did you mean \"{s}\"? (declare keys the catalog lacks in procore-manifest.toml under [catalog] views)")),
            None => d.with_help("see Procore's Side Panel View Key Reference; declare keys the catalog lacks in procore-manifest.toml under [catalog] views"),
        };
        out.push(d);
    }
}

/// Is `s` a canonical 8-4-4-4-12 hexadecimal uuid?
pub fn is_canonical_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 5
        && parts
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(p, n)| p.len() == n && p.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn uuids(cx: &Checker, out: &mut Vec<Diagnostic>) {
    let mut all: Vec<(String, &Node)> = Vec::new();
    for c in view::components(cx.root, cx.family) {
        if let Some(u) = c.node.get("uuid") {
            all.push((format!("{}/uuid", c.pointer), u));
        }
    }
    if cx.family == crate::model::SchemaFamily::V3 {
        for (_, inst, pointer) in view::oauth_instances(cx.root) {
            if let Some(u) = inst.get("uuid") {
                all.push((format!("{pointer}/uuid"), u));
            }
        }
    }
    all.sort_by_key(|(_, n)| n.span.start);
    let mut seen: Vec<(String, &Node)> = Vec::new();
    for (ptr, node) in all {
        let Some(s) = node.as_str() else { continue };
        if !is_canonical_uuid(s) {
            out.push(
                Diagnostic::new(
                    &C013,
                    node.span,
                    ptr.clone(),
                    format!("uuid {} is not canonical 8-4-4-4-12 hexadecimal", quote(s)),
                )
                .with_help("generate one (e.g. with `uuidgen`) or let the Portal assign it"),
            );
        }
        let folded = s.to_ascii_lowercase();
        if let Some((_, first)) = seen.iter().find(|(u, _)| *u == folded) {
            let line = cx.line_of(first.span.start);
            out.push(
                Diagnostic::new(
                    &C014,
                    node.span,
                    ptr.clone(),
                    format!("uuid {} is also used by the component on line {line}", quote(s)),
                )
                .with_help("give each component its own uuid")
                .with_related("first used here", first.span),
            );
        } else {
            seen.push((folded, node));
        }
    }
}

/// C012 in text: the Portal's sample notes, TODO/TBD, lorem ipsum.
fn sample_text<'a>(node: &'a Node, path: &mut Vec<Seg<'a>>, out: &mut Vec<Diagnostic>) {
    match &node.kind {
        NodeKind::Object(members) => {
            for m in members {
                // Permissions hold tool keys and levels, not prose.
                if path.is_empty() && &*m.key == "permissions" {
                    continue;
                }
                path.push(Seg::Key(&m.key));
                sample_text(&m.value, path, out);
                path.pop();
            }
        }
        NodeKind::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                sample_text(item, path, out);
                path.pop();
            }
        }
        NodeKind::String(s) => {
            if let Some(why) = sample_words(s) {
                out.push(
                    Diagnostic::new(&C012, node.span, pointer_of(path), why)
                        .with_help("replace sample content with the real text before submitting for review"),
                );
            }
        }
        _ => {}
    }
}

/// Sample text in one pass over the bytes: a candidate is checked only
/// where its first letter stands (this runs on every string of every file).
fn sample_words(s: &str) -> Option<String> {
    const NOTES: &[u8] = b"these-are-post-installation-setup-notes";
    let h = s.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let at = |i: usize, n: &[u8]| h.get(i..i + n.len()).is_some_and(|w| w.eq_ignore_ascii_case(n));
    let whole = |i: usize, n: &[u8]| {
        at(i, n) && (i == 0 || !is_word(h[i - 1])) && h.get(i + n.len()).is_none_or(|&b| !is_word(b))
    };
    let mut found: Option<&'static str> = None;
    for (i, &b) in h.iter().enumerate() {
        let first = b | 0x20;
        if first != b't' && first != b'l' {
            continue;
        }
        // The second letter picks the one candidate worth comparing.
        match (first, h.get(i + 1).map_or(0, |&c| c | 0x20)) {
            (b't', b'h') if at(i, NOTES) => {
                return Some(
                    "the Developer Portal's sample notes text `these-are-post-installation-setup-notes`".into(),
                )
            }
            (b'l', b'o') if at(i, b"lorem ipsum") => return Some("sample text \"lorem ipsum\"".into()),
            (b't', b'o') if found.is_none() && whole(i, b"todo") => found = Some("TODO"),
            (b't', b'b') if found.is_none() && whole(i, b"tbd") => found = Some("TBD"),
            _ => {}
        }
    }
    found.map(|w| format!("the word {w} marks unfinished content"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids() {
        assert!(is_canonical_uuid("0f8fad5b-d9cb-469f-a165-70867728950e"));
        assert!(!is_canonical_uuid("0f8fad5bd9cb469fa16570867728950e"));
        assert!(!is_canonical_uuid("123"));
    }

    #[test]
    fn hosts() {
        assert!(sample_host("api.example.com").is_some());
        assert!(sample_host("example.org").is_some());
        assert!(sample_host("myexample.com").is_none());
        assert!(sample_host("acme.domain.com").is_some());
        assert!(sample_host("127.0.0.5").is_some());
        assert!(sample_host("10.1.2.3").is_some());
        assert!(sample_host("172.20.0.1").is_some());
        assert!(sample_host("172.32.0.1").is_none());
        assert!(sample_host("localhost").is_some());
        assert!(sample_host("app.acme.io").is_none());
    }

    #[test]
    fn words() {
        assert!(sample_words("TODO: write notes").is_some());
        assert!(sample_words("Tbd").is_some());
        assert!(sample_words("todos are fine").is_none());
        assert!(sample_words("Lorem ipsum dolor").is_some());
    }
}
