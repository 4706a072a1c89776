//! `procore-manifest.toml`: rule selection, severities, limits, catalog
//! extras, recorded risk acceptances. Parsed with serde + toml keeping spans,
//! so every error names the file, the line and the key. Its JSON Schema is
//! generated from [`ConfigFile`] (`schemas/procore-manifest-config.schema.json`).

mod checks;
mod date;
mod error;
mod exclude;
pub use date::is_iso_date;
pub use error::ConfigError;
pub use exclude::Exclude;
mod file;
mod shape;

pub use file::*;

use super::paths::absolute;
use crate::diagnostics::Severity;
use crate::settings::{ExpectedAuth, Settings};
use crate::span::Span;
use checks::{check_selector, deepest_line, unknown_key_help};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The config file's name, found by walking up from each checked file.
pub const FILE_NAME: &str = "procore-manifest.toml";

/// A matched allow entry, compiled.
#[derive(Debug, Clone)]
pub struct Allow {
    pub index: usize,
    pub rule: String,
    pub files: Option<globset::GlobMatcher>,
    pub files_text: Option<String>,
    pub pointer: Option<String>,
    pub reason: String,
    /// `YYYY-MM-DD`, valid through that day.
    pub expires: Option<String>,
    pub span: Span,
}

/// A loaded, validated config.
#[derive(Debug, Clone)]
pub struct Config {
    pub path: PathBuf,
    pub dir: PathBuf,
    pub text: String,
    pub settings: Settings,
    pub fail_on: Option<FailOnSetting>,
    pub include: Option<globset::GlobSet>,
    pub exclude: Option<Exclude>,
    pub allows: Vec<Allow>,
}

fn span_of(r: std::ops::Range<usize>) -> Span {
    Span::new(r.start, r.end)
}

fn compile_globs(path: &Path, text: &str, globs: &[Spanned<String>]) -> Result<globset::GlobSet, ConfigError> {
    let mut b = globset::GlobSetBuilder::new();
    for g in globs {
        b.add(glob_of(path, text, g)?);
    }
    b.build().map_err(|e| ConfigError {
        path: path.to_path_buf(),
        text: text.to_string(),
        span: None,
        message: format!("bad globs: {e}"),
        help: None,
    })
}

/// One glob of the config (relative to its directory), or the error that
/// names it: a bad pattern, or an empty one (it matches no file).
fn glob_of(path: &Path, text: &str, g: &Spanned<String>) -> Result<globset::Glob, ConfigError> {
    let error = |message: String, help: Option<String>| ConfigError {
        path: path.to_path_buf(),
        text: text.to_string(),
        span: Some(span_of(g.span())),
        message,
        help,
    };
    let relative = checks::relative_glob(g.get_ref());
    if relative.trim().trim_matches('/').is_empty() {
        return Err(error(
            "an empty glob matches no file".into(),
            Some("remove it, or write a pattern such as `apps/**/manifest.json`".into()),
        ));
    }
    // A leading `/` anchors a glob at the config's folder, as each is.
    globset::GlobBuilder::new(relative.trim_start_matches('/'))
        .literal_separator(true)
        .build()
        .map_err(|e| error(format!("bad glob `{}`: {}", g.get_ref(), e.kind()), None))
}

/// Is `p` a JSON pointer (RFC 6901): empty, or `/` and keys in which `~`
/// is only ever `~0` or `~1`?
fn is_json_pointer(p: &str) -> bool {
    (p.is_empty() || p.starts_with('/')) && p.split('~').skip(1).all(|rest| rest.starts_with(['0', '1']))
}

/// The top-level and table keys, for did-you-mean on unknown keys.
const KNOWN_KEYS: &[&str] = &[
    "usage",
    "routes",
    "scope",
    "tool",
    "level",
    "include",
    "exclude",
    "fail-on",
    "rules",
    "catalog",
    "allow",
    "select",
    "ignore",
    "severity",
    "max-admin-grants",
    "expected-auth",
    "company-tools",
    "project-tools",
    "views",
    "rule",
    "files",
    "pointer",
    "reason",
    "expires",
];

impl Config {
    /// Read and validate a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let err = |text: String, span: Option<Span>, message: String| ConfigError {
            path: path.to_path_buf(),
            text,
            span,
            message,
            help: None,
        };
        let bytes = super::paths::read_small(path)
            .map_err(|e| err(String::new(), None, format!("cannot read the config file: {e}")))?;
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                // Where the bad byte is, in a lossy copy for the position.
                let at = e.utf8_error().valid_up_to();
                let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let byte = e.as_bytes()[at];
                return Err(err(
                    lossy,
                    Some(Span::new(at, at + 1)),
                    format!("the config file is not valid UTF-8 (byte 0x{byte:02X})"),
                ));
            }
        };
        Config::parse(path, text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text))
    }

    /// Validate config text (the path names it in errors; globs are relative
    /// to its directory).
    pub fn parse(path: &Path, text: String) -> Result<Config, ConfigError> {
        let err = |span: Option<Span>, message: String, help: Option<String>| ConfigError {
            path: path.to_path_buf(),
            text: text.clone(),
            span,
            message,
            help,
        };
        shape::check(&text).map_err(|(span, message)| err(Some(span_of(span)), message, None))?;
        let file: ConfigFile = toml::from_str(&text).map_err(|e| {
            let mut message = e.message().trim().to_string();
            let help = unknown_key_help(&message);
            if message.contains("recursion") {
                message = format!("the config nests too deeply ({message})");
            }
            // The parser gives up on deep nesting without a position: point
            // at the most deeply nested line.
            let span = e.span().map(span_of).or_else(|| deepest_line(&text));
            err(span, message, help)
        })?;
        let mut settings = Settings::default();
        if let Some(rules) = &file.rules {
            for (list, target) in [
                (&rules.select, &mut settings.rules.select),
                (&rules.ignore, &mut settings.rules.ignore),
            ] {
                if let Some(list) = list {
                    *target = Vec::new();
                    for s in list.get_ref() {
                        target.push(check_selector(s).map_err(|(m, h)| err(Some(span_of(s.span())), m, h))?);
                    }
                }
            }
            // `select = []` would turn every rule off without a word: as
            // on the command line, that is refused.
            if let Some(list) = rules.select.as_ref().filter(|l| l.get_ref().is_empty()) {
                return Err(err(
                    Some(span_of(list.span())),
                    "`select = []` selects no rule: every rule would be off".to_string(),
                    Some("remove `select` to run every rule, or list codes (R001), prefixes (R, P00) or ALL".into()),
                ));
            }
            if rules.select.is_none() {
                settings.rules.select = vec!["ALL".into()];
            }
            if let Some(sev) = &rules.severity {
                for (k, v) in sev {
                    let code = check_selector(k).map_err(|(m, h)| err(Some(span_of(k.span())), m, h))?;
                    let s = match v {
                        SeveritySetting::Error => Severity::Error,
                        SeveritySetting::Warning => Severity::Warning,
                        SeveritySetting::Info => Severity::Info,
                    };
                    settings.rules.severity.insert(code, s);
                }
            }
            if let Some(m) = rules.max_admin_grants {
                settings.max_admin_grants = m;
            }
            if let Some(a) = rules.expected_auth {
                settings.expected_auth = match a {
                    ExpectedAuthSetting::ServiceAccount => ExpectedAuth::ServiceAccount,
                    ExpectedAuthSetting::User => ExpectedAuth::User,
                    ExpectedAuthSetting::Both => ExpectedAuth::Both,
                };
            }
        }
        if let Some(c) = &file.catalog {
            settings.catalog = checks::catalog(c).map_err(|(span, m, h)| err(span.map(span_of), m, h))?;
        }
        if let Some(u) = &file.usage {
            settings.extra_routes =
                checks::routes(u, &settings.catalog).map_err(|(span, m, h)| err(Some(span), m, h))?;
        }
        // No include glob (`include = []`): files are picked by their
        // content, as without the key.
        let include = file
            .include
            .as_deref()
            .filter(|g| !g.is_empty())
            .map(|g| compile_globs(path, &text, g))
            .transpose()?;
        let exclude = match file.exclude.as_deref() {
            Some(globs) => {
                let (paths, names) = exclude::split(globs);
                Some(Exclude::new(
                    compile_globs(path, &text, &paths)?,
                    compile_globs(path, &text, &names)?,
                ))
            }
            None => None,
        };
        let mut allows = Vec::new();
        for (index, entry) in file.allow.iter().flatten().enumerate() {
            let span = span_of(entry.span());
            let a = entry.get_ref();
            let rule = match crate::rules::registry::lookup(a.rule.get_ref()) {
                Some(r) => r.code.to_string(),
                None => {
                    let names = crate::rules::registry::RULES.iter().flat_map(|r| [r.code, r.name]);
                    let help = crate::text::closest(a.rule.get_ref(), names).map(|s| format!("did you mean `{s}`?"));
                    return Err(err(
                        Some(span_of(a.rule.span())),
                        format!("unknown rule `{}` in [[allow]]", a.rule.get_ref()),
                        help,
                    ));
                }
            };
            if a.reason.get_ref().trim().is_empty() {
                return Err(err(
                    Some(span_of(a.reason.span())),
                    "an [[allow]] entry needs a non-empty `reason`: say why the risk is accepted".into(),
                    Some(
                        "e.g. reason = \"Directory sync provisions users; approved in security review SR-142\"".into(),
                    ),
                ));
            }
            if let Some(p) = a.pointer.as_ref().filter(|p| !is_json_pointer(p.get_ref())) {
                return Err(err(
                    Some(span_of(p.span())),
                    format!(
                        "`pointer` {} is not a JSON pointer: it is empty or starts with `/`, and `~` is written `~0`, `/` in a key `~1`",
                        crate::text::code_span(p.get_ref())
                    ),
                    Some("e.g. pointer = \"/permissions/company/directory\" (the `pointer` of the finding in the JSON report)".into()),
                ));
            }
            let files = match &a.files {
                None => None,
                Some(g) => Some(glob_of(path, &text, g)?.compile_matcher()),
            };
            let expires = match &a.expires {
                None => None,
                Some(d) => {
                    let date = match d.get_ref() {
                        toml::Value::Datetime(dt) => match (dt.date, dt.time) {
                            (Some(date), None) => Some(format!("{:04}-{:02}-{:02}", date.year, date.month, date.day)),
                            _ => None,
                        },
                        toml::Value::String(s) => date::is_iso_date(s).then(|| s.clone()),
                        _ => None,
                    };
                    match date {
                        Some(date) => Some(date),
                        None => {
                            return Err(err(
                                Some(span_of(d.span())),
                                "`expires` must be a date such as 2027-06-30 (a TOML date, or the same in quotes)"
                                    .into(),
                                None,
                            ))
                        }
                    }
                }
            };
            allows.push(Allow {
                index,
                rule,
                files,
                files_text: a.files.as_ref().map(|f| f.get_ref().clone()),
                pointer: a.pointer.as_ref().map(|p| p.get_ref().clone()),
                // Shown in every report: a credential pasted into it is not.
                reason: crate::secrets::shown_parts(a.reason.get_ref()),
                expires,
                span,
            });
        }
        let dir = path
            .parent()
            .map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p })
            .unwrap_or(Path::new("."))
            .to_path_buf();
        Ok(Config {
            path: path.to_path_buf(),
            dir,
            settings,
            fail_on: file.fail_on,
            include,
            exclude,
            allows,
            text,
        })
    }

    /// A path relative to the config's directory (forward slashes), when the
    /// file is under it.
    pub fn relative(&self, file: &Path) -> Option<String> {
        let dir = absolute(&self.dir);
        let file = absolute(file);
        file.strip_prefix(&dir)
            .ok()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
    }
}

#[cfg(test)]
mod tests;
