//! The file's shape: serde types for `procore-manifest.toml`, the source
//! of its generated JSON Schema (`schemas/procore-manifest-config.schema.json`).

use crate::model::Level;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// `procore-manifest.toml`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "procore-manifest configuration")]
pub struct ConfigFile {
    /// Directory-walk globs (relative to this file's directory): when any
    /// is given, a walked `*.json` file is linted exactly when it matches
    /// one (an empty list gives none: files are picked by their content).
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub include: Option<Vec<Spanned<String>>>,
    /// Globs (relative to this file's directory) of walked files to leave
    /// out: a file goes when its path or a folder above it matches
    /// (`fixtures` leaves out all it holds); a glob without `/` also
    /// matches a file or folder name at any depth (`*.draft.json`).
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub exclude: Option<Vec<Spanned<String>>>,
    /// The lowest severity that makes the exit code 1.
    #[serde(default)]
    pub fail_on: Option<FailOnSetting>,
    /// Rule selection, severities and limits.
    #[serde(default)]
    pub rules: Option<RulesConfig>,
    /// Tools and view keys the built-in catalog lacks.
    #[serde(default)]
    pub catalog: Option<CatalogConfig>,
    /// Recorded risk acceptances: findings they match are reported as
    /// suppressed with their reason.
    #[serde(default)]
    #[schemars(with = "Option<Vec<AllowEntry>>")]
    pub allow: Option<Vec<Spanned<AllowEntry>>>,
    /// `usage`: route map additions and corrections.
    #[serde(default)]
    pub usage: Option<UsageConfig>,
}

/// `[usage]`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct UsageConfig {
    /// Routes the built-in map lacks or maps otherwise, checked first:
    /// `"METHOD /v1.0/route/:param" = { scope, tool, level }`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, RouteSetting>")]
    pub routes: BTreeMap<Spanned<String>, RouteSetting>,
}

/// One route of `[usage] routes`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RouteSetting {
    /// `company` or `project`.
    pub scope: ScopeSetting,
    /// The tool key the route needs.
    #[schemars(with = "String")]
    pub tool: Spanned<String>,
    /// The level a call of that method needs.
    #[schemars(with = "Level")]
    pub level: Spanned<Level>,
}

/// A permission scope.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ScopeSetting {
    Company,
    Project,
}

/// `fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FailOnSetting {
    /// Errors fail the run.
    Error,
    /// Warnings and errors fail the run.
    Warning,
    /// Any finding fails the run.
    Info,
    /// Nothing fails the run.
    Never,
}

/// A severity in `[rules] severity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SeveritySetting {
    /// Error.
    Error,
    /// Warning.
    Warning,
    /// Info.
    Info,
}

/// `expected-auth`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ExpectedAuthSetting {
    /// Every 3.x oauth instance must be client_credentials (a strict policy).
    ServiceAccount,
    /// The app acts as its users (authorization_code): A001 off.
    User,
    /// One client_credentials instance required; authorization_code allowed beside it (default).
    Both,
}

/// `[rules]`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RulesConfig {
    /// Rules to run: codes, prefixes (`R` = every R rule), rule names or
    /// `ALL`; at least one (leave it out to run every rule).
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub select: Option<Spanned<Vec<Spanned<String>>>>,
    /// Rules not to run: codes, prefixes, rule names or `ALL`.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub ignore: Option<Spanned<Vec<Spanned<String>>>>,
    /// Severity overrides: code, prefix or rule name → error, warning or
    /// info.
    #[serde(default)]
    #[schemars(with = "Option<BTreeMap<String, SeveritySetting>>")]
    pub severity: Option<BTreeMap<Spanned<String>, SeveritySetting>>,
    /// R006: the most Admin grants allowed across both scopes (default 3).
    #[serde(default)]
    pub max_admin_grants: Option<usize>,
    /// A001: how the app authenticates.
    #[serde(default)]
    pub expected_auth: Option<ExpectedAuthSetting>,
}

/// `[catalog]`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CatalogConfig {
    /// Company-level tools: key (lower case, digits, underscores) → the
    /// levels the Permission Builder offers (at least one past `none`).
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<Level>>")]
    pub company_tools: BTreeMap<Spanned<String>, Spanned<Vec<Level>>>,
    /// Project-level tools: key (lower case, digits, underscores) → the
    /// levels the Permission Builder offers (at least one past `none`).
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<Level>>")]
    pub project_tools: BTreeMap<Spanned<String>, Spanned<Vec<Level>>>,
    /// Extra side panel view keys (`tool.page`, e.g. `my_tool.detail`).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub views: Vec<Spanned<String>>,
}

/// `[[allow]]`: a recorded risk acceptance.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AllowEntry {
    /// The rule accepted: a code (e.g. R001) or a name.
    #[schemars(with = "String")]
    pub rule: Spanned<String>,
    /// Glob of the files it covers, relative to this file's directory (default: all).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub files: Option<Spanned<String>>,
    /// JSON pointer of the finding (default: any): empty, or `/` and the
    /// keys, `~0` for `~` and `~1` for `/`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub pointer: Option<Spanned<String>>,
    /// Why the risk is accepted (required, not empty).
    #[schemars(with = "String")]
    pub reason: Spanned<String>,
    /// Last day (UTC) the acceptance holds, e.g. 2027-06-30.
    #[serde(default)]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    /// A TOML date or a `"YYYY-MM-DD"` string (a common habit).
    pub expires: Option<Spanned<toml::Value>>,
}

/// The config's JSON Schema (for taplo / Even Better TOML).
pub fn schema_text() -> String {
    let v = crate::schema::generate_with_id::<ConfigFile>(
        "https://raw.githubusercontent.com/procore-manifest/procore-manifest/main/schemas/procore-manifest-config.schema.json"
            .into(),
    );
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}
