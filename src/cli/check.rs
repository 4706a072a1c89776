//! `check`: collect files, lint them, emit the reports, compute the exit code.

use super::discover::{self, is_foreign};
use super::{display_path, error, write_atomic, ColorChoice, EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK};
use crate::output::{self, EmitContext, Emitter, Summary};
use crate::{lint_parsed, FileReport, Parsed, Settings, Severity};
use clap::{Args, ValueEnum};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files and directories to check; `-` reads standard input.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Report format; repeat for several reports, `FORMAT=FILE` writes one to a file.
    #[arg(long, value_name = "FORMAT[=FILE]", default_value = "human")]
    format: Vec<String>,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Print nothing but the findings (no summary, no "no manifest files found").
    #[arg(long, short)]
    quiet: bool,
    /// Colour in the human report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Write the report (the one without `=FILE`) to this file.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The name of standard input in reports.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Apply the skip test to named files too (for pre-commit hooks).
    #[arg(long)]
    skip_non_manifests: bool,
}

/// `--fail-on`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// One report to write: its format and where.
struct Target {
    format: Format,
    file: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Human,
    Json,
}

impl Format {
    fn parse(s: &str) -> Option<Format> {
        match s {
            "human" => Some(Format::Human),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    fn emitter(self, quiet: bool) -> Box<dyn Emitter> {
        match self {
            Format::Human => Box::new(output::human::Human { quiet }),
            Format::Json => Box::new(output::json::Json),
        }
    }
}

fn parse_targets(args: &CheckArgs) -> Result<Vec<Target>, String> {
    let mut targets = Vec::new();
    for spec in &args.format {
        let (name, file) = match spec.split_once('=') {
            Some((n, f)) if !f.is_empty() => (n, Some(PathBuf::from(f))),
            Some((n, _)) => return Err(format!("`--format {n}=` needs a file name after `=`")),
            None => (spec.as_str(), None),
        };
        let format =
            Format::parse(name).ok_or_else(|| format!("unknown format `{name}`; expected one of: human, json"))?;
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

/// What one input produced.
enum Outcome {
    Report(Box<FileReport>),
    Skipped,
}

pub fn run(args: CheckArgs) -> u8 {
    let targets = match parse_targets(&args) {
        Ok(t) => t,
        Err(e) => {
            error(e);
            return EXIT_FAILURE;
        }
    };
    let settings = Settings::default();
    let mut failed = false;
    let mut reports: Vec<FileReport> = Vec::new();
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };

    for path in &paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
                error(format!("cannot read standard input: {e}"));
                failed = true;
                continue;
            }
            let name = args.stdin_filename.clone().unwrap_or_else(|| "-".into());
            let parsed = Parsed::from_bytes(&bytes);
            if args.skip_non_manifests && is_foreign(&parsed) {
                continue;
            }
            reports.push(lint_parsed(&name, parsed, &settings));
            continue;
        }
        // `metadata` follows symlinks but never opens the file: a FIFO or a
        // device is refused before anything could block on it.
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                error(format!("{}: {}", display_path(path), io_reason(&e)));
                failed = true;
                continue;
            }
        };
        if meta.is_dir() {
            let (files, errors) = discover::walk(path);
            for e in errors {
                error(e.0);
                failed = true;
            }
            for f in files {
                match check_file(&f, true, &args, &settings) {
                    Ok(Outcome::Report(r)) => reports.push(*r),
                    Ok(Outcome::Skipped) => {}
                    Err(e) => {
                        error(e);
                        failed = true;
                    }
                }
            }
        } else if meta.is_file() {
            match check_file(path, false, &args, &settings) {
                Ok(Outcome::Report(r)) => reports.push(*r),
                Ok(Outcome::Skipped) => {}
                Err(e) => {
                    error(e);
                    failed = true;
                }
            }
        } else {
            error(format!(
                "{}: not a regular file (a FIFO, socket or device is never opened)",
                display_path(path)
            ));
            failed = true;
        }
    }

    reports.sort_by(|a, b| a.path.as_bytes().cmp(b.path.as_bytes()));
    reports.dedup_by(|a, b| a.path == b.path);

    if reports.is_empty() && !failed {
        if !args.quiet {
            eprintln!("no manifest files found");
        }
        return EXIT_OK;
    }

    let summary = Summary::of(&reports);
    for t in &targets {
        let stdout_is_terminal = t.file.is_none() && std::io::stdout().is_terminal();
        let cx = EmitContext {
            color: t.format == Format::Human && args.color.enabled(stdout_is_terminal) && t.file.is_none(),
            width: terminal_width(),
            summary: summary.clone(),
        };
        let mut buf = Vec::new();
        let result = t.format.emitter(args.quiet).emit(&mut buf, &reports, &cx);
        if let Err(e) = result {
            error(format!("cannot render the report: {e}"));
            failed = true;
            continue;
        }
        match &t.file {
            Some(file) => {
                if let Err(e) = write_atomic(file, &buf) {
                    error(format!("cannot write {}: {}", display_path(file), io_reason(&e)));
                    failed = true;
                }
            }
            None => {
                let mut out = std::io::stdout().lock();
                if out.write_all(&buf).and_then(|_| out.flush()).is_err() {
                    // A closed pipe (e.g. `| head`) is not worth a message.
                    failed = true;
                }
            }
        }
    }

    if failed {
        return EXIT_FAILURE;
    }
    let Some(threshold) = args.fail_on.threshold() else {
        return EXIT_OK;
    };
    let failing = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.is_active() && d.severity >= threshold);
    if failing {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn check_file(path: &Path, walked: bool, args: &CheckArgs, settings: &Settings) -> Result<Outcome, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {}", display_path(path), io_reason(&e)))?;
    let parsed = Parsed::from_bytes(&bytes);
    let lint = if walked {
        discover::walked_is_manifest(path, &parsed, None)
    } else {
        !(args.skip_non_manifests && is_foreign(&parsed))
    };
    if !lint {
        return Ok(Outcome::Skipped);
    }
    Ok(Outcome::Report(Box::new(lint_parsed(
        &display_path(path),
        parsed,
        settings,
    ))))
}

/// An I/O error in plain words.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or directory".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "is a directory".into(),
        _ => e.to_string(),
    }
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}
