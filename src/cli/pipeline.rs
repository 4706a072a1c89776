//! The `check` run: resolve each input's config, lint in parallel chunks,
//! apply risk acceptances and the baseline, stream every report in path
//! order, compute the exit code.

use super::check::{io_reason, terminal_width, CheckArgs, FailOn, Format, Target};
use super::discover::{self, is_foreign};
use super::{display_path, error, AtomicFile, EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK};
use crate::config::{self, Config, ConfigError, Resolver};
use crate::diagnostics::Severity;
use crate::output::{EmitContext, Emitter, Summary};
use crate::settings::Selection;
use crate::suppress::{self, AllowUse, Baseline, BaselineFile};
use crate::{lint_parsed, FileReport, Parsed, Settings};
use std::collections::{BTreeMap, HashMap};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One thing to check, found before any file is read.
enum Source {
    File { path: PathBuf, walked: bool },
    Stdin(Vec<u8>),
}

struct Input {
    shown: String,
    source: Source,
    /// The config governing it (none with --no-config or when none is found).
    config: Option<Arc<Config>>,
    settings: Arc<Settings>,
    include_matched: Option<bool>,
}

/// What one input produced.
enum Outcome {
    Report(Box<FileReport>, Option<Fixed>),
    Skipped,
    Failed(String),
}

/// What `--fix` / `--diff` did to a file.
struct Fixed {
    original: String,
    text: String,
    applied: usize,
    dropped: Vec<String>,
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

/// The command line's rule options, checked; they beat each config's
/// (see `Settings::is_enabled`).
fn selection(args: &CheckArgs) -> Result<Selection, String> {
    for s in args.select.iter().chain(&args.ignore) {
        if !crate::settings::is_valid_selector(s) {
            return Err(format!(
                "`{s}` matches no rule: use a code (R001), a prefix (R, P00) or ALL"
            ));
        }
    }
    let mut severity = BTreeMap::new();
    for spec in &args.severity {
        let (code, level) = spec
            .split_once('=')
            .ok_or_else(|| format!("`--severity {spec}`: expected CODE=LEVEL, e.g. P002=error"))?;
        if !crate::settings::is_valid_selector(code) {
            return Err(format!("`--severity {spec}`: `{code}` matches no rule"));
        }
        let level = Severity::parse(level)
            .ok_or_else(|| format!("`--severity {spec}`: the level must be error, warning or info"))?;
        severity.insert(code.to_string(), level);
    }
    Ok(Selection {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        severity,
    })
}

/// Config lookups and per-config settings, shared by every input of a run.
struct Configs<'a> {
    args: &'a CheckArgs,
    overrides: Selection,
    resolver: Resolver,
    fixed: Option<Result<Arc<Config>, ConfigError>>,
    settings: HashMap<Option<PathBuf>, Arc<Settings>>,
    reported: std::collections::HashSet<PathBuf>,
    failed: bool,
}

impl Configs<'_> {
    /// The config for a path; a bad config is reported once, and the files
    /// it governs are not checked (`None` in the outer option).
    fn for_path(&mut self, path: &Path) -> Option<Option<Arc<Config>>> {
        if self.args.no_config {
            return Some(None);
        }
        let found = match &self.fixed {
            Some(f) => Some(f.clone()),
            None => self.resolver.for_file(path),
        };
        match found {
            None => Some(None),
            Some(Ok(c)) => Some(Some(c)),
            Some(Err(e)) => {
                if self.reported.insert(e.path.clone()) {
                    eprint!("{}", crate::output::human::render_config_error(&e, false));
                }
                self.failed = true;
                None
            }
        }
    }

    fn settings_for(&mut self, config: Option<&Arc<Config>>) -> Arc<Settings> {
        let key = config.map(|c| c.path.clone());
        let overrides = &self.overrides;
        self.settings
            .entry(key)
            .or_insert_with(|| {
                let base = config.map_or_else(Settings::default, |c| c.settings.clone());
                Arc::new(Settings {
                    cli: overrides.clone(),
                    ..base
                })
            })
            .clone()
    }
}

pub fn run(args: CheckArgs, targets: Vec<Target>) -> u8 {
    if args.unsafe_fixes && !(args.fix || args.diff) {
        error("--unsafe-fixes goes with --fix or --diff");
        return EXIT_FAILURE;
    }
    let overrides = match selection(&args) {
        Ok(o) => o,
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
    let mut baseline = match &args.baseline {
        None => None,
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| io_reason(&e))
            .and_then(|t| BaselineFile::parse(&t))
        {
            Ok(b) => Some(Baseline::new(b)),
            Err(e) => {
                error(format!("baseline {}: {e}", display_path(path)));
                return EXIT_FAILURE;
            }
        },
    };
    let fixed = args.config.as_ref().map(|p| config::Config::load(p).map(Arc::new));
    let mut configs = Configs {
        args: &args,
        overrides,
        resolver: Resolver::default(),
        fixed,
        settings: HashMap::new(),
        reported: Default::default(),
        failed: false,
    };
    if let Some(Err(e)) = &configs.fixed {
        eprint!("{}", crate::output::human::render_config_error(e, false));
        return EXIT_FAILURE;
    }
    let (inputs, mut failed) = collect_inputs(&args, &mut configs);
    failed |= configs.failed;

    let mut sinks = Vec::new();
    for t in targets {
        let fixing_stdin = args.fix && inputs.iter().any(|i| matches!(i.source, Source::Stdin(_)));
        let (out, file): (Box<dyn Write>, Option<AtomicFile>) = match &t.file {
            // --diff prints only the diff; --fix on stdin prints the fixed text.
            None if args.diff => (Box::new(std::io::sink()), None),
            None if fixing_stdin => (Box::new(std::io::stderr()), None),
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

    let today = config::today();
    let mut would_fix = false;
    let mut checked = false;
    let mut fixed_stdin: Option<String> = None;
    let mut usage: HashMap<PathBuf, (Arc<Config>, AllowUse, Arc<Settings>)> = HashMap::new();
    let mut new_baseline = Vec::new();
    let mut failing = false;
    let mut summary = Summary::default();
    for chunk in inputs.chunks(CHUNK) {
        let outcomes: Vec<Outcome> = pool.install(|| {
            use rayon::prelude::*;
            chunk.par_iter().map(|i| check_input(i, &args)).collect()
        });
        for (input, outcome) in chunk.iter().zip(outcomes) {
            match outcome {
                Outcome::Skipped => {}
                Outcome::Failed(e) => {
                    error(e);
                    failed = true;
                }
                Outcome::Report(mut r, fixed) => {
                    checked = true;
                    if let Some(f) = fixed {
                        for d in &f.dropped {
                            error(format!("{}: {d}", input.shown));
                        }
                        let changed = f.text != f.original;
                        if args.diff {
                            if changed {
                                would_fix = true;
                                print!("{}", crate::fix::unified_diff(&input.shown, &f.original, &f.text));
                            }
                            continue;
                        }
                        if changed {
                            match &input.source {
                                Source::Stdin(_) => fixed_stdin = Some(f.text.clone()),
                                Source::File { path, .. } => {
                                    if let Err(e) = super::write_atomic(path, f.text.as_bytes()) {
                                        error(format!("{}: cannot write the fixes: {}", input.shown, io_reason(&e)));
                                        failed = true;
                                        continue;
                                    }
                                }
                            }
                        }
                        r.fixed = f.applied;
                    }
                    if let Some(c) = &input.config {
                        let rel = match &input.source {
                            Source::File { path, .. } => c.relative(path),
                            Source::Stdin(_) => c.relative(Path::new(&input.shown)),
                        };
                        let entry = usage
                            .entry(c.path.clone())
                            .or_insert_with(|| (c.clone(), AllowUse::default(), input.settings.clone()));
                        suppress::apply_allows(&mut r, c, rel.as_deref(), &today, &mut entry.1);
                    }
                    if let Some(b) = &mut baseline {
                        b.apply(&mut r);
                    }
                    if args.write_baseline.is_some() {
                        new_baseline.extend(
                            r.diagnostics
                                .iter()
                                .filter(|d| d.is_active())
                                .map(|d| suppress::entry_of(&r, d)),
                        );
                    }
                    let fail_on = args
                        .fail_on
                        .or_else(|| input.config.as_ref().and_then(|c| c.fail_on).map(FailOn::from))
                        .unwrap_or(FailOn::Error);
                    if let Some(t) = fail_on.threshold() {
                        failing |= r.diagnostics.iter().any(|d| d.is_active() && d.severity >= t);
                    }
                    r.compact();
                    emit(&r, &mut sinks, &mut summary);
                }
            }
        }
    }
    // X001: risk acceptances that matched nothing in the files they cover.
    // Each fails the run by the config's own `fail-on` unless the command
    // line gives one, as for the manifests that config governs.
    let mut audits: Vec<(FileReport, FailOn)> = usage
        .values()
        .filter_map(|(c, u, s)| {
            let fail_on = args.fail_on.or(c.fail_on.map(FailOn::from)).unwrap_or(FailOn::Error);
            suppress::unused_allows(c, u, s).map(|r| (r, fail_on))
        })
        .collect();
    audits.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    for (r, fail_on) in &audits {
        failing |= fail_on
            .threshold()
            .is_some_and(|t| r.diagnostics.iter().any(|d| d.severity >= t));
        emit(r, &mut sinks, &mut summary);
    }
    if let Some(b) = &baseline {
        summary.stale_baseline = b.stale();
    }
    if let Some(path) = &args.write_baseline {
        new_baseline.sort();
        new_baseline.dedup();
        let file = BaselineFile {
            version: 1,
            entries: new_baseline,
        };
        let text = serde_json::to_string_pretty(&file).unwrap_or_default() + "\n";
        if let Err(e) = super::write_atomic(path, text.as_bytes()) {
            error(format!("cannot write {}: {}", display_path(path), io_reason(&e)));
            failed = true;
        }
    }

    let nothing = !checked;
    for mut s in sinks {
        let ok = !s.failed
            && (nothing && s.format == Format::Human && s.file.is_none()
                || s.emitter.end(&mut s.out, &summary, &s.cx).is_ok())
            && s.out.flush().is_ok();
        drop(s.out);
        match s.file {
            Some(f) => {
                let path = f.path.clone();
                let result = if ok {
                    f.commit()
                } else {
                    Err(std::io::Error::other("the report could not be written"))
                };
                if let Err(e) = result {
                    error(format!("cannot write {}: {}", display_path(&path), io_reason(&e)));
                    failed = true;
                }
            }
            // A closed pipe (e.g. `| head`) is not worth a message.
            None if !ok => failed = true,
            None => {}
        }
    }
    if let Some(text) = fixed_stdin {
        let mut out = std::io::stdout().lock();
        if out.write_all(text.as_bytes()).and_then(|_| out.flush()).is_err() {
            failed = true;
        }
    } else if args.fix {
        // Stdin that needed no fix is echoed unchanged.
        for i in &inputs {
            if let Source::Stdin(bytes) = &i.source {
                let _ = std::io::stdout().write_all(bytes);
            }
        }
    }
    if nothing && !failed && !args.quiet {
        eprintln!("no manifest files found");
    }
    if args.diff {
        return if failed {
            EXIT_FAILURE
        } else if would_fix {
            EXIT_FINDINGS
        } else {
            EXIT_OK
        };
    }
    if failed {
        EXIT_FAILURE
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// Send one file's report to every sink.
fn emit(r: &FileReport, sinks: &mut [Sink], summary: &mut Summary) {
    summary.add(r);
    for s in sinks.iter_mut().filter(|s| !s.failed) {
        s.failed = s.emitter.file(&mut s.out, r, &s.cx).is_err();
    }
}

/// Named paths and walked directories, in byte order of the shown paths.
fn collect_inputs(args: &CheckArgs, configs: &mut Configs) -> (Vec<Input>, bool) {
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
            let anchor = args
                .stdin_filename
                .as_ref()
                .map_or_else(|| PathBuf::from("stdin.json"), PathBuf::from);
            let Some(config) = configs.for_path(&anchor) else {
                continue;
            };
            let settings = configs.settings_for(config.as_ref());
            inputs.push(Input {
                shown,
                source: Source::Stdin(bytes),
                config,
                settings,
                include_matched: None,
            });
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
                for f in files {
                    let Some(config) = configs.for_path(&f) else { continue };
                    let rel = config.as_ref().and_then(|c| c.relative(&f));
                    let excluded = match (&config, &rel) {
                        (Some(c), Some(r)) => c.exclude.as_ref().is_some_and(|g| g.is_match(r)),
                        _ => false,
                    };
                    if excluded {
                        continue;
                    }
                    let include_matched = config
                        .as_ref()
                        .and_then(|c| c.include.as_ref())
                        .map(|g| rel.as_ref().is_some_and(|r| g.is_match(r)));
                    let settings = configs.settings_for(config.as_ref());
                    inputs.push(Input {
                        shown: display_path(&f),
                        source: Source::File { path: f, walked: true },
                        config,
                        settings,
                        include_matched,
                    });
                }
            }
            Ok(meta) if meta.is_file() => {
                let Some(config) = configs.for_path(path) else { continue };
                let settings = configs.settings_for(config.as_ref());
                inputs.push(Input {
                    shown: display_path(path),
                    source: Source::File {
                        path: path.clone(),
                        walked: false,
                    },
                    config,
                    settings,
                    include_matched: None,
                });
            }
            Ok(_) => {
                error(format!(
                    "{}: not a regular file (a FIFO, socket or device is never opened)",
                    display_path(path)
                ));
                failed = true;
            }
        }
    }
    inputs.sort_by(|a, b| a.shown.as_bytes().cmp(b.shown.as_bytes()));
    inputs.dedup_by(|a, b| a.shown == b.shown);
    (inputs, failed)
}

/// `std::fs::read` without its size query: one system call less per file,
/// which shows on runs over thousands of small files (manifests are a few
/// KB; bigger files grow the buffer as usual).
fn read_file(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut buf = Vec::with_capacity(16 * 1024);
    std::fs::File::open(path)?.read_to_end(&mut buf)?;
    Ok(buf)
}

fn check_input(input: &Input, args: &CheckArgs) -> Outcome {
    let (parsed, walked_path) = match &input.source {
        Source::Stdin(bytes) => (Parsed::from_bytes(bytes), None),
        Source::File { path, walked } => match read_file(path) {
            Ok(bytes) => (Parsed::from_bytes(&bytes), walked.then_some(path)),
            Err(e) => return Outcome::Failed(format!("{}: {}", input.shown, io_reason(&e))),
        },
    };
    let lint = match walked_path {
        Some(path) => discover::walked_is_manifest(path, &parsed, input.include_matched),
        None => !(args.skip_non_manifests && is_foreign(&parsed)),
    };
    if !lint {
        return Outcome::Skipped;
    }
    if (args.fix || args.diff) && parsed.tree.is_ok() {
        let min = if args.unsafe_fixes {
            crate::diagnostics::Applicability::Unsafe
        } else {
            crate::diagnostics::Applicability::Safe
        };
        let out = crate::fix::fix_source(&input.shown, &parsed.text, &input.settings, min);
        let fixed = Fixed {
            original: parsed.text,
            text: out.text,
            applied: out.applied,
            dropped: out.dropped,
        };
        return Outcome::Report(Box::new(out.report), Some(fixed));
    }
    Outcome::Report(Box::new(lint_parsed(&input.shown, parsed, &input.settings)), None)
}
