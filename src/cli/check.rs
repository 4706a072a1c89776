//! `check`: collect files, lint them, emit the reports, compute the exit code.

use super::ColorChoice;
use crate::output;
use crate::Severity;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Args, Debug)]
#[command(group = clap::ArgGroup::new("config-source").multiple(false))]
pub struct CheckArgs {
    /// Files and directories to check; `-` reads standard input.
    #[arg(value_name = "PATH")]
    pub(super) paths: Vec<PathBuf>,
    /// Report format; repeat for several reports, `FORMAT=FILE` writes one to a file.
    #[arg(long, value_name = "FORMAT[=FILE]", default_value = "human")]
    pub(super) format: Vec<String>,
    /// The lowest severity that makes the exit code 1 [default: error, or the config's fail-on].
    #[arg(long, value_enum)]
    pub(super) fail_on: Option<FailOn>,
    /// Exit 0 whatever is found (`--fail-on never`).
    #[arg(long, conflicts_with = "fail_on")]
    pub(super) exit_zero: bool,
    /// Instead of the findings, one line per rule with its count (most frequent first).
    #[arg(long)]
    pub(super) statistics: bool,
    /// The human report also lists each suppressed or baselined finding in one line.
    #[arg(long)]
    pub(super) show_suppressed: bool,
    /// Rules to run (codes, prefixes such as `R`, or ALL; comma-separated); beats the config.
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub(super) select: Vec<String>,
    /// Rules not to run (codes, prefixes or ALL; comma-separated); beats the config.
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub(super) ignore: Vec<String>,
    /// Severity overrides, e.g. `P002=error` (comma-separated); beat the config.
    #[arg(long, value_name = "CODE=LEVEL", value_delimiter = ',')]
    pub(super) severity: Vec<String>,
    /// Use this config file for every checked file.
    #[arg(long, value_name = "FILE", group = "config-source")]
    pub(super) config: Option<PathBuf>,
    /// Use no config file.
    #[arg(long, group = "config-source")]
    pub(super) no_config: bool,
    /// Findings recorded in this baseline are reported as baselined and do not fail the run.
    #[arg(long, value_name = "FILE")]
    pub(super) baseline: Option<PathBuf>,
    /// Record every active finding in a new baseline file.
    #[arg(long, value_name = "FILE")]
    pub(super) write_baseline: Option<PathBuf>,
    /// Apply safe fixes (with stdin: the fixed text to stdout, the report to stderr).
    #[arg(long, conflicts_with = "diff")]
    pub(super) fix: bool,
    /// With --fix or --diff: unsafe fixes too.
    #[arg(long)]
    pub(super) unsafe_fixes: bool,
    /// Print only a unified diff of what the fixes would change; write nothing.
    #[arg(long)]
    pub(super) diff: bool,
    /// Print nothing but the findings (no summary, no "no manifest files found").
    #[arg(long, short)]
    pub(super) quiet: bool,
    /// Colour in the human report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub(super) color: ColorChoice,
    /// Write the report (the one without `=FILE`) to this file.
    #[arg(long, value_name = "FILE")]
    pub(super) output: Option<PathBuf>,
    /// The name of standard input in reports and config matching; with no PATH, read standard input.
    #[arg(long, value_name = "NAME")]
    pub(super) stdin_filename: Option<String>,
    /// Apply the skip test to named files too (for pre-commit hooks).
    #[arg(long)]
    pub(super) skip_non_manifests: bool,
    /// Apply the config's `exclude` to named files (and `--stdin-filename`) too (for pre-commit hooks and editors).
    #[arg(long)]
    pub(super) force_exclude: bool,
    /// Threads that lint, the main one among them (default: the available cores); output is the same whatever N is.
    #[arg(long, value_name = "N")]
    pub(super) threads: Option<usize>,
}

/// `--fail-on`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl From<crate::workspace::config::FailOnSetting> for FailOn {
    fn from(f: crate::workspace::config::FailOnSetting) -> Self {
        use crate::workspace::config::FailOnSetting as F;
        match f {
            F::Error => FailOn::Error,
            F::Warning => FailOn::Warning,
            F::Info => FailOn::Info,
            F::Never => FailOn::Never,
        }
    }
}

impl FailOn {
    pub(super) fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// One report to write: its format and where.
pub(super) struct Target {
    pub(super) format: Format,
    pub(super) file: Option<PathBuf>,
}

/// A report format: one of `output::formats::FORMATS`.
pub(super) type Format = &'static output::formats::Format;

impl CheckArgs {
    /// What this run asks of every emitter.
    pub(super) fn emit_options(&self) -> output::formats::EmitOptions {
        output::formats::EmitOptions {
            quiet: self.quiet,
            show_suppressed: self.show_suppressed,
            statistics: self.statistics,
            job_summary: std::env::var_os("GITHUB_STEP_SUMMARY").is_some_and(|p| !p.is_empty()),
        }
    }
}

/// The reports a run writes (`--format`, `--output`), checked before
/// anything is read.
pub(super) fn parse_targets(args: &CheckArgs) -> Result<Vec<Target>, String> {
    let mut targets = Vec::new();
    for spec in &args.format {
        let (name, file) = match spec.split_once('=') {
            Some((n, f)) if !f.is_empty() => (n, Some(PathBuf::from(f))),
            Some((n, _)) => return Err(format!("`--format {n}=` needs a file name after `=`")),
            None => (spec.as_str(), None),
        };
        let format = output::formats::by_name(name).ok_or_else(|| {
            format!(
                "unknown format `{}`; expected one of: {}",
                crate::text::echo(name),
                output::formats::names()
            )
        })?;
        targets.push(Target { format, file });
    }
    let to_stdout = targets.iter().filter(|t| t.file.is_none()).count();
    if to_stdout > 1 {
        return Err(
            "more than one report would go to standard output; give the others a file (`--format FORMAT=FILE`)".into(),
        );
    }
    if let Some(out) = &args.output {
        match targets.iter_mut().find(|t| t.file.is_none()) {
            Some(t) => t.file = Some(out.clone()),
            None => return Err("`--output` names the report without `=FILE`, but every report has a file".into()),
        }
    }
    Ok(targets)
}
