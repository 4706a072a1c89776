//! The command line: a thin front-end over the library.

mod check;

mod diff;
mod files;
mod out;
mod permissions;
mod pipeline;
mod rules;
mod usage;

use crate::output::formats;
use crate::workspace::paths::display_path;
use crate::workspace::{lint_file, FileInput, Recognize, Resolved};
use crate::{FileReport, Parsed};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::Path;
use std::process::ExitCode;

/// Exit codes: 0 clean, 1 findings at or above --fail-on, 2 the run failed.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_FAILURE: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "procore-manifest",
    version,
    about = "Validate Procore App manifests: structure, data connection, permissions, risk, embedded components"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Lint manifest files and directories (default: the current directory).
    Check(Box<check::CheckArgs>),
    /// The permission matrix a manifest requests, with risk marks and the rating.
    Permissions(permissions::PermissionsArgs),
    /// What a new manifest version changes: access added or raised, grant
    /// types, URLs and hosts, views; flags escalations.
    Diff(diff::DiffArgs),
    /// Least privilege from real traffic: the grants against Procore's API Call Activity Report.
    Usage(Box<usage::UsageArgs>),
    /// A language server on stdio for editors.
    Lsp,
    /// Print a rule's documentation (by code or name).
    Explain {
        /// A rule code (e.g. R001) or name (e.g. admin-on-company-directory).
        code: String,
    },
    /// List every rule: code, name, default severity, summary.
    Rules {
        #[arg(long, default_value = "text", value_parser = clap::builder::PossibleValuesParser::new(formats::names_of(formats::RULE_LISTS)))]
        format: String,
    },
    /// Print the JSON Schema the structural check uses.
    Schema {
        /// 4.1 or 3; without it, the combined schema that picks by schema_version.
        #[arg(long = "version", value_name = "VERSION", value_parser = ["4.1", "3"])]
        schema_version: Option<String>,
        /// The schema of procore-manifest.toml instead (for taplo / Even Better TOML).
        #[arg(long, conflicts_with = "schema_version")]
        config: bool,
    },
}

/// `--color`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Colour for a stream: `auto` means a terminal and no `NO_COLOR`.
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        // Help and version go to stdout as clap writes them; an error
        // echoes arguments, so it goes through the one sanitizer.
        Err(e) if e.use_stderr() => {
            let text = e.to_string();
            say(text.trim_end());
            // A `check` that asked for a github report: the job summary
            // says the run failed, as for any other wrong argument.
            let why = text.lines().next().unwrap_or_default();
            pipeline::failed_arguments(why.strip_prefix("error: ").unwrap_or(why));
            return ExitCode::from(EXIT_FAILURE);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(EXIT_OK);
        }
    };
    let code = match cli.command {
        Command::Check(args) => pipeline::run(*args),
        Command::Permissions(args) => permissions::run(&args),
        Command::Diff(args) => diff::run(args),
        Command::Usage(args) => usage::run(*args),
        Command::Lsp => crate::lsp::run(),
        Command::Explain { code } => rules::explain(&code),
        Command::Rules { format } => rules::list(&format),
        Command::Schema { config: true, .. } => out::print("the schema", &crate::workspace::config::schema_text()),
        Command::Schema { schema_version, .. } => {
            use crate::model::SchemaFamily;
            let kind = match schema_version.as_deref() {
                Some(v) if SchemaFamily::of_version(v) == Some(SchemaFamily::V4_1) => crate::schema::SchemaKind::V4_1,
                Some(_) => crate::schema::SchemaKind::V3,
                None => crate::schema::SchemaKind::Combined,
            };
            out::print("the schema", &crate::schema::schema_text(kind))
        }
    };
    ExitCode::from(code)
}

/// A file named on the command line must be a regular file: a FIFO or a
/// device is refused before it is opened, so nothing hangs on it. The
/// message names the file.
pub(crate) fn regular_file(path: &std::path::Path) -> Result<(), String> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Ok(()),
        Ok(_) => Err(format!("{}: not a regular file", display_path(path))),
        Err(e) => Err(format!("{}: {}", display_path(path), files::io_reason(&e))),
    }
}

/// The settings for a file named on the command line, under `--config`,
/// `--no-config` or the nearest config above `anchor`; `None` when the
/// config is bad, said on stderr (the caller goes on reading its other
/// inputs, so every failure is said).
pub(crate) fn resolve_named(config: Option<&Path>, no_config: bool, anchor: &Path) -> Option<Resolved> {
    let source = crate::workspace::ConfigSource::from_flags(config, no_config);
    crate::workspace::Resolver::new(source, Default::default())
        .resolve(anchor)
        .map_err(|e| eprint!("{}", crate::output::human::render_config_error(&e, false)))
        .ok()
}

/// The bytes of a file named on the command line ([`regular_file`] first).
pub(crate) fn read_named(path: &std::path::Path) -> Result<Vec<u8>, String> {
    regular_file(path)?;
    std::fs::read(path).map_err(|e| format!("{}: {}", display_path(path), files::io_reason(&e)))
}

/// `permissions FILE`: exit 0 when printed, 2 when the file cannot be read or parsed.
/// Lint one named file through the workspace pipeline (`permissions`,
/// `diff`): the same findings `check` reports for it, allows applied; and
/// the parsed file back, for the tree those commands render.
pub(crate) fn lint_one(
    shown: &str,
    path: &Path,
    parsed: Parsed,
    resolved: &Resolved,
) -> Result<(FileReport, Option<Parsed>), String> {
    if !shows_procore_evidence(path, &parsed, resolved) {
        return Err(foreign_note(shown));
    }
    let input = FileInput {
        shown,
        path: Some(path),
        parsed,
        recognize: Recognize::Named {
            skip_non_manifests: false,
        },
        keep_tree: true,
        cancel: None,
    };
    let today = crate::workspace::allows::today();
    Ok(match lint_file(input, resolved, None, &today) {
        Some(linted) => (linted.report, linted.parsed),
        // A named file is always a manifest; an empty report keeps the type total.
        None => (
            FileReport::other_file(shown.to_string(), String::new(), Vec::new()),
            None,
        ),
    })
}

/// The one message of `permissions`, `diff` and `usage` about a named file
/// that does not parse: `PATH:LINE:COL: S001 MESSAGE`, at the position
/// `check` reports (`None` when it parses).
pub(crate) fn unparsable(shown: &str, parsed: &Parsed) -> Option<String> {
    let e = parsed.tree().as_ref().err()?;
    let lines = crate::source::LineIndex::new(parsed.text());
    let pos = lines.position(parsed.text(), e.span.start as usize);
    Some(format!("{shown}:{}:{}: S001 {}", pos.line, pos.column, e.message))
}

/// Does a named file look like a Procore App manifest (a file that does
/// not parse is given the benefit of the doubt)? A file the config's
/// `include` names counts; one it does not name still
/// counts when it shows Procore evidence (the note and the refusal of
/// `permissions`, `diff` and `usage` say "no evidence": they must be true).
pub(crate) fn shows_procore_evidence(path: &Path, parsed: &Parsed, resolved: &Resolved) -> bool {
    let config = resolved.config.as_deref();
    crate::workspace::discover::include_matched(config, path) == Some(true)
        || parsed
            .tree()
            .as_ref()
            .map_or(true, crate::workspace::discover::has_procore_evidence)
}

/// What is said of a named file that shows no Procore evidence.
pub(crate) fn foreign_note(shown: &str) -> String {
    format!(
        "{shown} shows no Procore evidence (no schema_version of the 3.x or 4.x form, no app_manifest, sidepanel or fullscreen object, no components with oauth or iframe, no permissions with company or project): \
         it does not look like a Procore App manifest (another product's manifest.json?)"
    )
}

pub(crate) use files::{write_fixed, write_output, Output};

/// Print an error of the run itself on stderr.
pub(crate) fn error(msg: impl std::fmt::Display) {
    say(&format!("procore-manifest: error: {msg}"));
}

/// A note on stderr (the run goes on).
pub(crate) fn note(msg: impl std::fmt::Display) {
    say(&format!("procore-manifest: note: {msg}"));
}

/// One message on stderr, through the one sanitizer every stream uses
/// (`text::sanitize_lines`): a path or argument cannot move the cursor,
/// reorder text or start a GitHub workflow command.
pub(crate) fn say(msg: &str) {
    use std::io::Write;
    // A credential pasted into an argument or a config value is not echoed.
    let msg = crate::secrets::without_secrets(msg);
    let _ = writeln!(std::io::stderr().lock(), "{}", crate::text::sanitize_lines(&msg));
}

#[cfg(test)]
mod tests {
    #[test]
    fn clap_definition_is_valid() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
