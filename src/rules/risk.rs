//! R: risk. Least privilege for the Developer Managed Service Account, and
//! no credentials in the manifest. Procore's DMSA best practices: do not
//! grant the service account admin-level access to the company Directory; it
//! can change users and permissions across projects and tools.

use super::Checker;
use crate::catalog::{Catalog, Scope};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::model::view;
use crate::model::Level;

declare_rule! {
    /// ## What it checks
    /// Admin on the company-level Directory tool.
    ///
    /// ## Why
    /// Company Directory Admin lets the app add and remove users, change
    /// their permissions and permission templates, and change project
    /// membership across the whole company. Procore's DMSA best practices
    /// say it plainly: do not grant the service account admin-level access
    /// to the company-level Directory. An app that looks users up needs
    /// Read-Only; one that keeps a user list in sync needs Standard.
    ///
    /// ## Example
    /// ```json
    /// { "company": { "directory": "admin" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "company": { "directory": "readonly" } }
    /// ```
    /// Lowering access changes what the app can do, so there is no automatic
    /// fix. If the app truly provisions users, record the decision as a risk
    /// acceptance (`[[allow]]` with a reason) in procore-manifest.toml.
    pub static R001 = ("R001", "admin-on-company-directory", Error, None,
        "Admin on the company-level Directory tool: the app can change users, permissions and project membership company-wide");
}

declare_rule! {
    /// ## What it checks
    /// Admin on the company-level Admin tool.
    ///
    /// ## Why
    /// The company Admin tool controls the company account itself: company
    /// settings, tool configuration, permission templates, and the
    /// installed apps. Granted to a service account, it is full control of
    /// the company; almost no integration needs it.
    ///
    /// ## Example
    /// ```json
    /// { "company": { "admin": "admin" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "company": { "documents": "readonly" } }
    /// ```
    /// Ask for the specific tools the app uses instead; there is no
    /// automatic fix because it changes what the app can do.
    pub static R002 = ("R002", "admin-on-company-admin-tool", Error, None,
        "Admin on the company-level Admin tool: full control of the company account");
}

declare_rule! {
    /// ## What it checks
    /// Admin on any other company-level tool.
    ///
    /// ## Why
    /// Company-level Admin is control of that tool across every project of
    /// the company, including its settings and who may use it. Most
    /// integrations need Read-Only (to read) or Standard (to create and
    /// edit).
    ///
    /// ## Example
    /// ```json
    /// { "company": { "documents": "admin" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "company": { "documents": "standard" } }
    /// ```
    pub static R003 = ("R003", "company-level-admin", Warning, None,
        "Admin on any other company-level tool: company-wide control of that tool across all projects");
}

declare_rule! {
    /// ## What it checks
    /// Admin on the project-level Directory tool.
    ///
    /// ## Why
    /// Project Directory Admin can add and remove project users and change
    /// their permissions in every project the app is enabled on. To look up
    /// people and companies, Read-Only is enough.
    ///
    /// ## Example
    /// ```json
    /// { "project": { "directory": "admin" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "project": { "directory": "readonly" } }
    /// ```
    pub static R004 = ("R004", "admin-on-project-directory", Warning, None,
        "Admin on the project-level Directory tool: can add and remove project users and change their permissions");
}

declare_rule! {
    /// ## What it checks
    /// Any access (Read-Only or more) to the company App Management tool.
    ///
    /// ## Why
    /// App Management shows and changes the installed apps and the
    /// permissions they hold: an app with access can see other apps'
    /// configuration or change what they may do. Integrations do not need it.
    ///
    /// ## Example
    /// ```json
    /// { "company": { "app_management": "readonly" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "company": {} }
    /// ```
    pub static R005 = ("R005", "app-management-access", Warning, None,
        "any access to the company App Management tool: the app can see or change installed apps and their permissions");
}

declare_rule! {
    /// ## What it checks
    /// Admin on more tools than the configured maximum (`max-admin-grants`
    /// in procore-manifest.toml, default 3), across both scopes and every
    /// permissions block.
    ///
    /// ## Why
    /// Each Admin grant is a tool the app fully controls; many of them
    /// usually mean the permissions were copied rather than chosen. Company
    /// admins are asked to approve all of it at install.
    ///
    /// ## Example
    /// ```json
    /// { "project": { "rfi": "admin", "daily_log": "admin", "commitments": "admin", "budgeting": "admin" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "project": { "rfi": "standard", "daily_log": "standard", "commitments": "readonly", "budgeting": "readonly" } }
    /// ```
    pub static R006 = ("R006", "excessive-admin", Warning, None,
        "Admin on more tools than the configured maximum (default 3) across both scopes");
}

declare_rule! {
    /// ## What it checks
    /// Credentials in the manifest: a member named `client_secret`,
    /// `secret`, `access_token`, `refresh_token`, `password` or `api_key`
    /// (any case, `-` or `_`), or a string that is a JWT (three base64url
    /// segments, the first starting `eyJ`) or starts with `Bearer `. Members
    /// named `uid` and `uuid` are Portal-generated identifiers and never
    /// secrets. The value is never shown in any output.
    ///
    /// ## Why
    /// Procore's shared-responsibility model leaves credential handling
    /// (client_id, client_secret) to the developer: they never belong in a
    /// manifest, which is pasted into the Portal, reviewed by others and
    /// kept in repositories.
    ///
    /// ## Example
    /// ```json
    /// { "app_manifest": { "name": "Sync" }, "client_secret": "…" }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "app_manifest": { "name": "Sync" } }
    /// ```
    /// Rotate the credential: it has been exposed.
    pub static R007 = ("R007", "secret-in-manifest", Error, None,
        "credentials in the manifest (secret-named members, JWTs, Bearer tokens); the secret is never echoed");
}

fn r_message(scope: Scope, tool: &str, name: &str) -> Option<(&'static crate::rules::RuleMeta, String, String)> {
    match (scope, tool) {
        (Scope::Company, "directory") => Some((
            &R001,
            "Admin on the company Directory: the app could add and remove users, change their permissions and project membership across the whole company".into(),
            "ask for Read-Only to look users up, or Standard to keep a user list in sync; Procore's DMSA best practices advise against Directory Admin".into(),
        )),
        (Scope::Company, "admin") => Some((
            &R002,
            "Admin on the company Admin tool: full control of the company account, its settings, permission templates and installed apps".into(),
            "ask for the specific tools the app uses instead".into(),
        )),
        (Scope::Project, "directory") => Some((
            &R004,
            "Admin on the project Directory: the app could add and remove project users and change their permissions in every project it is enabled on".into(),
            "ask for Read-Only to look people and companies up".into(),
        )),
        (Scope::Company, _) => Some((
            &R003,
            format!("company-level Admin on {name}: control of the tool and its settings across every project of the company"),
            "ask for Read-Only to read, or Standard to create and edit".into(),
        )),
        (Scope::Project, _) => None,
    }
}

pub fn check(cx: &mut Checker) {
    let catalog = Catalog::new(cx.settings);
    let mut out = Vec::new();
    let mut admin_grants: Vec<(String, crate::span::Span, String)> = Vec::new();
    for block in view::permission_blocks(cx.root) {
        for entry in view::entries(&block) {
            let Some(scope) = Scope::parse(entry.scope) else {
                continue;
            };
            let Some(level) = entry.value().as_str().and_then(Level::normalize) else {
                continue; // P001: not a level at all
            };
            let tool = catalog.canonical_key(scope, entry.key());
            let name = catalog.tool(scope, tool).map_or_else(
                || format!("`{}`", crate::text::sanitize_inline(tool)),
                |t| t.name.clone(),
            );
            if scope == Scope::Company && tool == "app_management" && level != Level::None {
                out.push(
                    Diagnostic::new(
                        &R005,
                        entry.value().span,
                        entry.pointer(),
                        format!(
                            "{} access to company App Management: the app could see or change the installed apps and the permissions they hold",
                            level.title()
                        ),
                    )
                    .with_help("remove this grant; integrations do not need App Management (lowering access is never an automatic fix)"),
                );
            }
            if level != Level::Admin {
                continue;
            }
            admin_grants.push((
                entry.pointer(),
                entry.value().span,
                format!("{} {}", scope.as_str(), tool),
            ));
            if let Some((rule, msg, help)) = r_message(scope, tool, &name) {
                out.push(
                    Diagnostic::new(rule, entry.value().span, entry.pointer(), msg).with_help(format!(
                        "{help} (lowering access is never an automatic fix: it changes what the app can do)"
                    )),
                );
            }
        }
    }
    let max = cx.settings.max_admin_grants;
    if admin_grants.len() > max {
        if let Some((pointer, span, _)) = admin_grants.get(max) {
            let tools: Vec<&str> = admin_grants.iter().map(|(_, _, t)| t.as_str()).collect();
            out.push(
                Diagnostic::new(
                    &R006,
                    *span,
                    pointer.clone(),
                    format!(
                        "Admin on {} tools ({}), more than the maximum of {max}",
                        admin_grants.len(),
                        tools.join(", ")
                    ),
                )
                .with_help("ask for the lowest level each tool needs; raise `max-admin-grants` in procore-manifest.toml only after review"),
            );
        }
    }
    for found in crate::secrets::find(cx.root) {
        let msg = match &found.name {
            Some(n) => format!(
                "`{}` holds a credential: secrets never belong in a manifest",
                crate::text::sanitize_inline(n)
            ),
            None => {
                "a token-shaped value (a JWT or a Bearer token) is in the manifest: secrets never belong in it".into()
            }
        };
        out.push(
            Diagnostic::new(&R007, found.report_span, found.pointer.clone(), msg).with_help(
                "remove it and rotate the credential; keep client_id and client_secret in your app's secret store",
            ),
        );
    }
    cx.diagnostics.extend(out);
}
