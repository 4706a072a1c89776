//! `check`: collect files, lint them, emit the reports, compute the exit code.

use super::discover::{self, is_foreign};
use super::{display_path, error, AtomicFile, ColorChoice, EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK};
use crate::output::{self, EmitContext, Emitter, Summary};
use crate::{lint_parsed, FileReport, Parsed, Settings, Severity};
use clap::{Args, ValueEnum};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

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
    /// Worker threads (default: the available cores); output is the same whatever N is.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
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
            Format::Human => Box::new(output::human::Human::new(quiet)),
            Format::Json => Box::new(output::json::Json::default()),
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

/// One thing to check, found before any file is read.
enum Input {
    File { path: PathBuf, shown: String, walked: bool },
    Stdin { shown: String, bytes: Vec<u8> },
}

impl Input {
    fn shown(&self) -> &str {
        match self {
            Input::File { shown, .. } | Input::Stdin { shown, .. } => shown,
        }
    }
}

/// What one input produced.
enum Outcome {
    Report(Box<FileReport>),
    Skipped,
    Failed(String),
}

/// A report being written: to stdout, or to a file replaced atomically at
/// the end of the run.
struct Sink {
    format: Format,
    emitter: Box<dyn Emitter>,
    out: Box<dyn Write>,
    file: Option<AtomicFile>,
    cx: EmitContext,
    failed: bool,
}

/// Files are linted in chunks, each in parallel, then emitted in order:
/// output is the same whatever the thread count, and memory holds one chunk.
const CHUNK: usize = 256;

pub fn run(args: CheckArgs) -> u8 {
    let targets = match parse_targets(&args) {
        Ok(t) => t,
        Err(e) => {
            error(e);
            return EXIT_FAILURE;
        }
    };
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            error(format!("cannot start worker threads: {e}"));
            return EXIT_FAILURE;
        }
    };
    let settings = Settings::default();
    let (inputs, mut failed) = collect_inputs(&args);

    let mut sinks = Vec::new();
    for t in targets {
        let (out, file): (Box<dyn Write>, Option<AtomicFile>) = match &t.file {
            None => (Box::new(std::io::BufWriter::new(std::io::stdout())), None),
            Some(path) => match AtomicFile::create(path) {
                Ok((f, w)) => (Box::new(w), Some(f)),
                Err(e) => {
                    error(format!("cannot write {}: {}", display_path(path), io_reason(&e)));
                    failed = true;
                    continue;
                }
            },
        };
        let stdout_is_terminal = t.file.is_none() && std::io::stdout().is_terminal();
        sinks.push(Sink {
            format: t.format,
            emitter: t.format.emitter(args.quiet),
            out,
            file,
            cx: EmitContext {
                color: t.format == Format::Human && args.color.enabled(stdout_is_terminal),
                width: terminal_width(),
            },
            failed: false,
        });
    }
    for s in &mut sinks {
        s.failed = s.emitter.begin(&mut s.out, &s.cx).is_err();
    }

    let threshold = args.fail_on.threshold();
    let mut failing = false;
    let mut summary = Summary::default();
    for chunk in inputs.chunks(CHUNK) {
        let outcomes: Vec<Outcome> = pool.install(|| {
            use rayon::prelude::*;
            chunk.par_iter().map(|i| check_input(i, &args, &settings)).collect()
        });
        for outcome in outcomes {
            match outcome {
                Outcome::Skipped => {}
                Outcome::Failed(e) => {
                    error(e);
                    failed = true;
                }
                Outcome::Report(r) => {
                    summary.add(&r);
                    if let Some(t) = threshold {
                        failing |= r.diagnostics.iter().any(|d| d.is_active() && d.severity >= t);
                    }
                    for s in sinks.iter_mut().filter(|s| !s.failed) {
                        s.failed = s.emitter.file(&mut s.out, &r, &s.cx).is_err();
                    }
                }
            }
        }
    }

    let nothing = summary.files == 0;
    for mut s in sinks {
        let ok = !s.failed
            && (nothing && s.format == Format::Human && s.file.is_none()
                || s.emitter.end(&mut s.out, &summary, &s.cx).is_ok())
            && s.out.flush().is_ok();
        drop(s.out);
        match s.file {
            Some(f) => {
                let path = f.path.clone();
                if let Err(e) = if ok {
                    f.commit()
                } else {
                    Err(std::io::Error::other("the report could not be written"))
                } {
                    error(format!("cannot write {}: {}", display_path(&path), io_reason(&e)));
                    failed = true;
                }
            }
            // A closed pipe (e.g. `| head`) is not worth a message.
            None if !ok => failed = true,
            None => {}
        }
    }
    if nothing && !failed && !args.quiet {
        eprintln!("no manifest files found");
    }
    if failed {
        EXIT_FAILURE
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// Named paths and walked directories, in byte order of the shown paths.
fn collect_inputs(args: &CheckArgs) -> (Vec<Input>, bool) {
    let mut failed = false;
    let mut inputs = Vec::new();
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
            let shown = args.stdin_filename.clone().unwrap_or_else(|| "-".into());
            inputs.push(Input::Stdin { shown, bytes });
            continue;
        }
        // `metadata` follows symlinks but never opens the file: a FIFO or a
        // device is refused before anything could block on it.
        match std::fs::metadata(path) {
            Err(e) => {
                error(format!("{}: {}", display_path(path), io_reason(&e)));
                failed = true;
            }
            Ok(meta) if meta.is_dir() => {
                let (files, errors) = discover::walk(path);
                for e in errors {
                    error(e.0);
                    failed = true;
                }
                inputs.extend(files.into_iter().map(|f| Input::File {
                    shown: display_path(&f),
                    path: f,
                    walked: true,
                }));
            }
            Ok(meta) if meta.is_file() => inputs.push(Input::File {
                shown: display_path(path),
                path: path.clone(),
                walked: false,
            }),
            Ok(_) => {
                error(format!(
                    "{}: not a regular file (a FIFO, socket or device is never opened)",
                    display_path(path)
                ));
                failed = true;
            }
        }
    }
    inputs.sort_by(|a, b| a.shown().as_bytes().cmp(b.shown().as_bytes()));
    inputs.dedup_by(|a, b| a.shown() == b.shown());
    (inputs, failed)
}

fn check_input(input: &Input, args: &CheckArgs, settings: &Settings) -> Outcome {
    let (shown, parsed, walked) = match input {
        Input::Stdin { shown, bytes } => (shown, Parsed::from_bytes(bytes), false),
        Input::File { path, shown, walked } => match std::fs::read(path) {
            Ok(bytes) => (shown, Parsed::from_bytes(&bytes), *walked),
            Err(e) => return Outcome::Failed(format!("{shown}: {}", io_reason(&e))),
        },
    };
    let lint = match input {
        Input::File { path, .. } if walked => discover::walked_is_manifest(path, &parsed, None),
        _ => !(args.skip_non_manifests && is_foreign(&parsed)),
    };
    if !lint {
        return Outcome::Skipped;
    }
    let mut report = lint_parsed(shown, parsed, settings);
    report.compact();
    Outcome::Report(Box::new(report))
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
