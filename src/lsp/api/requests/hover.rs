//! `textDocument/hover`: a tool key or level (catalog entry, evidence,
//! risk), a `{{placeholder}}` (what it expands to), a diagnostic (its rule's
//! documentation). Reads the session's lint of the document.

use super::offset;
use crate::catalog::{Catalog, Scope};
use crate::lsp::convert::range;
use crate::lsp::session::Session;
use crate::model::Level;
use lsp_types as lsp;

fn markdown(value: String, range: Option<lsp::Range>) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value,
        }),
        range,
    }
}

pub(crate) fn level_meaning(l: Level) -> &'static str {
    match l {
        Level::None => "no access; the Permission Builder leaves such tools out of the manifest",
        Level::Readonly => "view the tool's data",
        Level::Standard => "create and edit within the tool",
        Level::Admin => "full control of the tool, including its settings and who may use it",
    }
}

/// The hover at the position, with every secret of the document masked
/// as the diagnostics mask it: a hover quotes the document's own text
/// (placeholder and configuration field names), which the secret room's
/// redactor never saw.
pub fn run(session: &mut Session, p: &lsp::HoverParams) -> Option<lsp::Hover> {
    let mut hover = answer(session, p)?;
    let lint = session.lint(p.text_document_position_params.text_document.uri.as_str())?;
    if let (Some(root), lsp::HoverContents::Markup(m)) = (lint.tree(), &mut hover.contents) {
        let redactor = crate::secrets::Redactor::new(crate::secrets::find(root).into_iter().flat_map(|f| f.texts));
        if let std::borrow::Cow::Owned(r) = redactor.text(&m.value) {
            m.value = r;
        }
    }
    Some(hover)
}

fn answer(session: &mut Session, p: &lsp::HoverParams) -> Option<lsp::Hover> {
    let uri = &p.text_document_position_params.text_document.uri;
    let pos = p.text_document_position_params.position;
    let lint = session.lint(uri.as_str())?;
    let doc = session.docs.get(uri.as_str())?;
    let at = offset(doc, Some(&lint.lines), pos);
    let catalog = Catalog::new(&lint.resolved.settings.catalog);
    let (text, lines) = (&lint.report.text, &lint.lines);
    let root = lint.tree();
    // A tool key or a level value under permissions.
    if let Some(root) = &root {
        let family = crate::rules::structure::detect_family(root).0;
        let received: Vec<String> = crate::model::view::service_account_blocks(root, family)
            .into_iter()
            .map(|b| b.pointer)
            .collect();
        for block in crate::model::view::permission_blocks(root) {
            for e in crate::model::view::entries(&block) {
                let Some(scope) = Scope::parse(e.scope) else { continue };
                let on_key = e.key_span().range().contains(&at);
                let on_value = e.value().span.range().contains(&at);
                if !on_key && !on_value {
                    continue;
                }
                let tool = catalog.tool(scope, e.key());
                let level = e.value().as_str().and_then(Level::normalize);
                let mut md = String::new();
                if on_key {
                    match tool {
                        Some(t) => {
                            let offered: Vec<&str> = t.levels.iter().map(|l| l.title()).collect();
                            md.push_str(&format!(
                                "**{}** (`{}`, {} level)\n\nLevels the Permission Builder offers: {}\n\nCatalog confidence: {}",
                                t.name,
                                t.key,
                                scope.as_str(),
                                offered.join(", "),
                                t.confidence.as_str()
                            ));
                            if let Some(note) = &t.note {
                                md.push_str(&format!(" — {note}"));
                            }
                            if !t.evidence.is_empty() {
                                md.push_str(&format!("\n\nEvidence: {}", t.evidence));
                            }
                        }
                        None => md.push_str(&format!(
                            "{}: not a known {} tool",
                            crate::text::code_span(&crate::secrets::key(e.key())),
                            scope.as_str()
                        )),
                    }
                }
                if let Some(l) = level {
                    let canonical = catalog.canonical_key(scope, e.key());
                    let risk = crate::risk::grant_risk(crate::risk::Grant {
                        scope,
                        tool: canonical,
                        level: l,
                    });
                    if !md.is_empty() {
                        md.push_str("\n\n");
                    }
                    md.push_str(&format!(
                        "**{}**: {}\n\nRisk of this grant: {}",
                        l.title(),
                        level_meaning(l),
                        risk.as_str()
                    ));
                }
                // A misplaced block grants the service account nothing:
                // said on each of its grants, as `permissions` shows them.
                if !received.contains(&block.pointer) {
                    if !md.is_empty() {
                        md.push_str("\n\n");
                    }
                    md.push_str(
                        "This block is misplaced: the app's service account does not receive it (the Portal ignores or rejects it; see the data connection finding on the block).",
                    );
                }
                // The findings on this key or level: their rule's
                // documentation, after what the catalog says (P and R
                // findings stand on permission entries; an invalid level
                // has nothing else to say).
                if let Some((_, found)) = findings_at(&lint.report.diagnostics, at) {
                    if !md.is_empty() {
                        md.push_str("\n\n---\n\n");
                    }
                    md.push_str(&found);
                }
                if md.is_empty() {
                    return None;
                }
                let span = if on_key { e.key_span() } else { e.value().span };
                return Some(markdown(md, Some(range(lines, text, span))));
            }
        }
        // A {{placeholder}} inside a URL.
        for c in crate::model::view::components(root, crate::rules::structure::detect_family(root).0) {
            let Some(url) = c.node.get(c.url_key) else { continue };
            if !url.span.range().contains(&at) {
                continue;
            }
            let (found, _) = crate::rules::interpolation::parse(url, text);
            for ph in found {
                if ph.span.range().contains(&at) && ph.span != url.span {
                    let n = ph.name.as_str();
                    let what = match crate::vocab::builtin_placeholder_meaning(n) {
                        Some(meaning) => meaning.to_string(),
                        None => match c
                            .node
                            .get(c.config_key)
                            .and_then(|u| u.get("schema"))
                            .and_then(|s| s.get("properties"))
                            .and_then(|p| p.get(n))
                        {
                            Some(prop) => format!(
                                "the value the company admin enters for the configuration field **{}** (URI-encoded)",
                                crate::output::md::text(prop.get("name").and_then(|n| n.as_str()).unwrap_or(n))
                            ),
                            // The finding on this placeholder says why (C003,
                            // C004 or another rule), in its own words.
                            None => match lint.report.diagnostics.iter().find(|d| {
                                d.rule.code.starts_with('C') && d.span.start < ph.span.end && ph.span.start < d.span.end
                            }) {
                                Some(d) => format!("nothing: {} ({})", d.message, d.rule.code),
                                None => {
                                    "nothing: it is neither a built-in nor a declared configuration property".into()
                                }
                            },
                        },
                    };
                    return Some(markdown(
                        format!(
                            "{} expands to {what}",
                            crate::text::code_span(&format!("{{{{{}}}}}", ph.name))
                        ),
                        Some(range(lines, text, ph.span)),
                    ));
                }
            }
        }
    }
    // A diagnostic's range: its documentation.
    let (span, found) = findings_at(&lint.report.diagnostics, at)?;
    Some(markdown(found, Some(range(lines, text, span))))
}

fn holds(d: &crate::Diagnostic, at: usize) -> bool {
    d.span.range().contains(&at) || (d.span.is_empty() && d.span.start as usize == at)
}

/// Every finding whose range holds `at` (an empty range: at its place),
/// each with its rule's documentation (one per rule), and the first one's
/// range.
fn findings_at(diagnostics: &[crate::Diagnostic], at: usize) -> Option<(crate::span::Span, String)> {
    let mut seen: Vec<&str> = Vec::new();
    let held: Vec<&crate::Diagnostic> = diagnostics.iter().filter(|d| holds(d, at)).collect();
    let parts: Vec<String> = held
        .iter()
        .filter(|d| {
            let new = !seen.contains(&d.rule.code);
            seen.push(d.rule.code);
            new
        })
        .map(|d| {
            format!(
                "**{} ({})**: {}\n\n{}",
                d.rule.code,
                d.rule.name,
                d.message,
                d.rule.hover_text()
            )
        })
        .collect();
    Some((held.first()?.span, parts.join("\n\n---\n\n")))
}
