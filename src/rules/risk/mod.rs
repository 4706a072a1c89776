//! R: risky grants and leaked secrets. One walk over every permission
//! entry calls each rule's check when the rule is on.

pub mod r001_admin_on_company_directory;
pub mod r002_admin_on_company_admin_tool;
pub mod r003_company_level_admin;
pub mod r004_admin_on_project_directory;
pub mod r005_app_management_access;
pub mod r006_excessive_admin;
pub mod r007_secret_in_manifest;

pub use r001_admin_on_company_directory::R001;
pub use r002_admin_on_company_admin_tool::R002;
pub use r003_company_level_admin::R003;
pub use r004_admin_on_project_directory::R004;
pub use r005_app_management_access::R005;
pub use r006_excessive_admin::R006;
pub use r007_secret_in_manifest::R007;

use super::{Checker, RuleMeta};
use crate::catalog::{Catalog, Scope};
use crate::diagnostics::Diagnostic;
use crate::model::view::{self, Entry};
use crate::model::Level;
use r006_excessive_admin::AdminGrant;

/// An Admin finding: lowering access is never an automatic fix.
fn admin_finding(rule: &'static RuleMeta, entry: &Entry, message: String, help: &str) -> Diagnostic {
    Diagnostic::new(rule, entry.value().span, entry.pointer(), message).with_help(format!(
        "{help} (lowering access is never an automatic fix: it changes what the app can do)"
    ))
}

/// The finding each rule gave each (scope, tool): its index in the
/// findings. A map: a file of 80,000 Admin grants made a list's search
/// quadratic (16 s).
type Firsts<'c> = std::collections::HashMap<(&'static str, Scope, &'c str), usize>;

/// One cause, one finding: `rule` reports a (scope, tool) once, at its first
/// grant (`report` pushes that finding); a later grant of the same tool (its
/// legacy key, another 3.x instance, a misplaced block) becomes a related
/// location of that finding.
#[allow(clippy::too_many_arguments)]
fn once<'c>(
    firsts: &mut Firsts<'c>,
    out: &mut Vec<Diagnostic>,
    rule: &'static RuleMeta,
    scope: Scope,
    tool: &'c str,
    entry: &Entry,
    level: Level,
    report: impl FnOnce(&mut Vec<Diagnostic>),
) {
    match firsts.get(&(rule.code, scope, tool)).and_then(|&at| out.get_mut(at)) {
        Some(d) => d.related.push(crate::diagnostics::Related {
            message: format!(
                "the same tool also granted {} here, as {}",
                level.title(),
                crate::text::code_span(entry.key())
            ),
            span: entry.value().span,
        }),
        None => {
            let at = out.len();
            report(out);
            if out.len() > at {
                firsts.insert((rule.code, scope, tool), at);
            }
        }
    }
}

pub fn check(cx: &mut Checker) {
    let catalog = Catalog::new(&cx.settings.catalog);
    // Pushed onto the file's findings in place (no copy of millions of them).
    let mut out = std::mem::take(&mut cx.diagnostics);
    let mut admin_grants: Vec<AdminGrant> = Vec::new();
    let mut firsts = Firsts::new();
    let mut counted = std::collections::HashSet::new();
    for view::Granted { entries, .. } in cx.granted() {
        for entry in entries {
            let Some(scope) = Scope::parse(entry.scope) else {
                continue;
            };
            let Some(level) = entry.value().as_str().and_then(Level::normalize) else {
                continue; // P001: not a level at all
            };
            let tool = catalog.canonical_key(scope, entry.key());
            let mut fire = |rule, report: &dyn Fn(&mut Vec<Diagnostic>)| {
                once(&mut firsts, &mut out, rule, scope, tool, entry, level, report)
            };
            if scope == Scope::Company && tool == "app_management" && level != Level::None && cx.enabled(&R005) {
                fire(&R005, &|o| r005_app_management_access::check(entry, level, o));
            }
            if level != Level::Admin {
                continue;
            }
            match (scope, tool) {
                (Scope::Company, "directory") if cx.enabled(&R001) => {
                    fire(&R001, &|o| r001_admin_on_company_directory::check(entry, o))
                }
                (Scope::Company, "admin") if cx.enabled(&R002) => {
                    fire(&R002, &|o| r002_admin_on_company_admin_tool::check(entry, o))
                }
                (Scope::Project, "directory") if cx.enabled(&R004) => {
                    fire(&R004, &|o| r004_admin_on_project_directory::check(entry, o))
                }
                // One cause, one finding: Admin on App Management is R005's
                // (any access to it), not R003's too.
                (Scope::Company, "directory" | "admin" | "app_management") | (Scope::Project, _) => {}
                (Scope::Company, _) if cx.enabled(&R003) => {
                    let name = catalog
                        .tool(scope, tool)
                        .map_or_else(|| crate::text::code_span(tool), |t| t.name.clone());
                    fire(&R003, &|o| r003_company_level_admin::check(entry, &name, o));
                }
                (Scope::Company, _) => {}
            }
            // One tool counts once: a legacy key (`portfolio`) is the tool it
            // stands for, and a tool granted in two blocks (two 3.x
            // instances) is still one tool.
            let name = format!("{} {}", scope.as_str(), tool);
            if counted.insert(name.clone()) {
                admin_grants.push(AdminGrant {
                    pointer: entry.pointer(),
                    span: entry.value().span,
                    tool: name,
                });
            }
        }
    }
    if admin_grants.len() > cx.settings.max_admin_grants && cx.enabled(&R006) {
        r006_excessive_admin::check(&admin_grants, cx.settings.max_admin_grants, &mut out);
    }
    if cx.enabled(&R007) {
        r007_secret_in_manifest::check(cx.secrets, &mut out);
    }
    cx.diagnostics = out;
}
