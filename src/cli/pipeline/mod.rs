//! The `check` run: resolve what governs each input, lint in parallel chunks
//! through [`crate::workspace::lint_file`], apply the baseline, stream every
//! report in path order, compute the exit code.

mod guard;
mod inputs;
mod sinks;
mod workers;

use super::check::{parse_targets, CheckArgs, FailOn, Target};
use super::files::io_reason;
use super::out::{self, Written};
use super::{error, EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK};
use crate::diagnostics::Suppression;
use crate::output::Summary;
use crate::settings::Selection;
use crate::workspace::allows::{self, AllowUse};
use crate::workspace::baseline::{Baseline, BaselineEntry, BaselineFile};
use crate::workspace::config::Config;
use crate::workspace::paths::display_path;
use crate::workspace::{ConfigSource, Linted, Resolver};
use crate::{FileReport, Settings};
use inputs::{Configs, Input, Source};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use workers::Outcome;

/// The command line's rule options, checked; they beat each config's
/// (see `Settings::is_enabled`).
fn selection(args: &CheckArgs) -> Result<Selection, String> {
    crate::workspace::selection::checked_for_check(&args.select, &args.ignore, &args.severity)
}

/// The state of a run between files.
#[derive(Default)]
struct Run {
    failed: bool,
    failing: bool,
    checked: bool,
    would_fix: bool,
    fixed_stdin: Option<String>,
    /// Standard output's reader went away (or writing failed): nothing more
    /// is written there.
    stdout_done: bool,
    /// Per config: the config, what its `[[allow]]` entries did, its settings.
    allow_use: HashMap<PathBuf, (Arc<Config>, AllowUse, Arc<Settings>)>,
    new_baseline: Vec<BaselineEntry>,
    /// Where the new baseline's paths are relative to (found once).
    baseline_root: Option<crate::workspace::paths::SourceRoot>,
    summary: Summary,
}

/// `check`: the reports it writes are checked first, then every input is
/// linted and reported.
pub fn run(args: CheckArgs) -> u8 {
    match parse_targets(&args) {
        Ok(targets) => run_with(args, targets),
        Err(e) => failed(&args, e),
    }
}

/// Arguments the command line parser refused (said on stderr already): for
/// a `check` that asked for a github report, the job summary's one line,
/// the formats read from the raw arguments.
pub fn failed_arguments(why: &str) {
    let args: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
    if args.get(1).map(String::as_str) != Some("check") {
        return;
    }
    let mut formats = Vec::new();
    let mut rest = args.iter().skip(2);
    while let Some(a) = rest.next() {
        if a == "--" {
            break;
        }
        if a == "--format" {
            formats.extend(rest.next().cloned());
        } else if let Some(v) = a.strip_prefix("--format=") {
            formats.push(v.to_string());
        }
    }
    guard::failed_run_summary(&formats, why);
}

/// A run that fails before linting: said on stderr and, for a CI run
/// with a job summary, there (exit 2, no report file written).
fn failed(args: &CheckArgs, why: impl Into<String>) -> u8 {
    let why = why.into();
    error(&why);
    guard::failed_run_summary(&args.format, &why);
    EXIT_FAILURE
}

fn run_with(mut args: CheckArgs, targets: Vec<Target>) -> u8 {
    if args.exit_zero {
        args.fail_on = Some(FailOn::Never);
    }
    if args.unsafe_fixes && !(args.fix || args.diff) {
        return failed(&args, "--unsafe-fixes goes with --fix or --diff");
    }
    if let Some(why) = guard::diff_writes(&targets, &args) {
        return failed(&args, why);
    }
    let overrides = match selection(&args) {
        Ok(o) => o,
        Err(e) => return failed(&args, e),
    };
    if args.threads.is_some_and(|n| n > workers::MAX_THREADS) {
        return failed(
            &args,
            format!("--threads takes 0 (the available cores) to {}", workers::MAX_THREADS),
        );
    }
    let mut baseline = match &args.baseline {
        None => None,
        Some(path) => match crate::workspace::paths::read_small(path)
            .map_err(|e| io_reason(&e))
            .and_then(|bytes| BaselineFile::parse_bytes(&bytes))
        {
            Ok(b) => Some(Baseline::new(b)),
            Err(e) => return failed(&args, format!("baseline {}: {e}", display_path(path))),
        },
    };
    let source = ConfigSource::from_flags(args.config.as_deref(), args.no_config);
    let mut configs = Configs::new(Resolver::new(source, overrides));
    if let Some(p) = &args.config {
        if let Err(e) = configs.resolver.load(p) {
            configs.report(&e);
            guard::failed_run_summary(&args.format, &format!("the config {} is invalid", display_path(p)));
            return EXIT_FAILURE;
        }
    }
    let collected = inputs::collect(&args, &mut configs);
    let mut inputs = collected.inputs;
    // A named path that cannot be checked, or a bad config (said on stderr
    // already): the run fails. The other files are still reported on
    // standard output, but no report file is written or replaced and the
    // job summary gets one line saying why.
    let fatal = collected.fatal.or_else(|| configs.fatal());
    let targets: Vec<Target> = match &fatal {
        Some(_) => targets.into_iter().filter(|t| t.file.is_none()).collect(),
        None => targets,
    };
    if fatal.is_some() {
        args.write_baseline = None;
    }
    if let Some(refusal) = guard::outputs(&targets, &args, &mut inputs, &configs.resolver) {
        if refusal.job_summary {
            error(&refusal.why);
            return EXIT_FAILURE;
        }
        return failed(&args, refusal.why);
    }
    let mut state = Run {
        failed: !collected.failures.is_empty() || fatal.is_some(),
        ..Run::default()
    };
    let mut failures = collected.failures;
    failures.append(&mut configs.failures);
    state.summary.failed = guard::failures(failures, fatal.as_deref());
    // Never more workers than files (a thread costs its stack and start-up).
    let threads = workers::requested_threads(&args).min(inputs.len().max(1));
    let excluded_stdin = collected.excluded_stdin;
    let fixing_stdin =
        args.fix && (excluded_stdin.is_some() || inputs.iter().any(|i| matches!(i.source, Source::Stdin(_))));
    // A `--diff` run reports no findings: no job summary either.
    let job_summary = fatal.is_none() && !args.diff;
    let mut sinks = match sinks::open(&args, targets, fixing_stdin, job_summary, &mut state.failed) {
        Ok(sinks) => sinks,
        Err(why) => return failed(&args, why),
    };
    if fatal.is_some() {
        guard::failed_run_summary(&args.format, &guard::listed(&state.summary.failed));
    }

    let today = allows::today();
    let emit = |input: &Input, outcome: Outcome| match outcome {
        Outcome::Skipped => {}
        Outcome::Failed(reason) => {
            let failure = crate::output::Failure {
                path: Some(input.shown.clone()),
                error: reason,
            };
            error(failure.message());
            state.failed = true;
            state.summary.failed.push(failure);
        }
        Outcome::Linted(linted) => {
            if let Some(r) = state.take(input, *linted, &args, &mut baseline, &today) {
                sinks::emit(&r, &mut sinks, &mut state.summary);
            }
        }
    };
    workers::lint(&inputs, threads, &args, &today, emit);
    state.finish(&args, &mut sinks, baseline.as_ref());
    let nothing = !state.checked;
    if !sinks::close(sinks, &state.summary, nothing) {
        state.failed = true;
    }
    state.write_stdin(&args, &inputs, excluded_stdin);
    if nothing && !state.failed && !args.quiet {
        super::say("no manifest files found");
    }
    state.exit_code(&args)
}

impl Run {
    /// Take one file's result: write or print its fixes, apply the baseline,
    /// record it for the new baseline and the exit code. The report to emit,
    /// if any (`--diff` emits none).
    fn take(
        &mut self,
        input: &Input,
        linted: Linted,
        args: &CheckArgs,
        baseline: &mut Option<Baseline>,
        today: &str,
    ) -> Option<FileReport> {
        self.checked = true;
        let Linted {
            mut report,
            fixed,
            mut allow_use,
            ..
        } = linted;
        if let Some(f) = fixed {
            for d in &f.dropped {
                error(format!("{}: {d}", input.shown));
            }
            let changed = f.text != f.original;
            if args.diff {
                if changed {
                    self.would_fix = true;
                    let (diff, masks_a_line) =
                        crate::fix::patch(&crate::workspace::paths::unescaped(&input.shown), &f.original, &f.text);
                    self.print_stdout("the diff", &diff);
                    if masks_a_line {
                        crate::cli::note(format!("{}: the diff masks a secret in a line it shows, so git apply and patch will not take it: run --fix instead", input.shown));
                    }
                }
                return None;
            }
            if changed {
                match &input.source {
                    Source::Stdin(_) => self.fixed_stdin = Some(f.text),
                    Source::File { path, .. } => {
                        if let Err(e) = super::write_fixed(path, f.text.as_bytes()) {
                            error(format!("{}: cannot write the fixes: {}", input.shown, io_reason(&e)));
                            self.failed = true;
                            // The file is as it was: its report says what it
                            // still holds, not what the fixes would have left.
                            let unfixed = workers::unfixed(input, f.original, today)?;
                            report = unfixed.report;
                            allow_use = unfixed.allow_use;
                        }
                    }
                }
            }
        }
        let config = input.resolved.config.as_ref();
        if let Some(c) = config {
            self.allow_use
                .entry(c.path.clone())
                .or_insert_with(|| (c.clone(), AllowUse::default(), input.resolved.settings.clone()))
                .1
                .merge(&allow_use);
        }
        if let Some(b) = baseline {
            b.apply(&mut report);
        }
        // The new baseline records what is not accepted otherwise: active
        // findings and those the old baseline still matches (its stale
        // entries drop out), so `--baseline B --write-baseline B` refreshes
        // B instead of emptying it.
        if args.write_baseline.is_some() {
            let recorded = report
                .diagnostics
                .iter()
                .filter(|d| matches!(d.suppressed.as_deref(), None | Some(Suppression::Baseline)));
            let root = self
                .baseline_root
                .get_or_insert_with(crate::workspace::baseline::key_root);
            self.new_baseline
                .extend(recorded.map(|d| Baseline::entry(root, &report, d)));
        }
        let fail_on = args
            .fail_on
            .or_else(|| config.and_then(|c| c.fail_on).map(FailOn::from))
            .unwrap_or(FailOn::Error);
        if let Some(t) = fail_on.threshold() {
            self.failing |= report.diagnostics.iter().any(|d| d.is_active() && d.severity >= t);
        }
        report.compact();
        Some(report)
    }

    /// After the last file: X001 for risk acceptances that matched nothing
    /// (each failing the run by its config's own `fail-on` unless the
    /// command line gives one), stale baseline entries, the new baseline.
    fn finish(&mut self, args: &CheckArgs, sinks: &mut [sinks::Sink], baseline: Option<&Baseline>) {
        let mut audits: Vec<(FileReport, FailOn)> = self
            .allow_use
            .values()
            .filter_map(|(c, u, s)| {
                let fail_on = args.fail_on.or(c.fail_on.map(FailOn::from)).unwrap_or(FailOn::Error);
                allows::unused_allows(c, u, s).map(|r| (r, fail_on))
            })
            .collect();
        audits.sort_by(|a, b| a.0.path.cmp(&b.0.path));
        for (r, fail_on) in &audits {
            self.failing |= fail_on
                .threshold()
                .is_some_and(|t| r.diagnostics.iter().any(|d| d.severity >= t));
            sinks::emit(r, sinks, &mut self.summary);
        }
        if let Some(b) = baseline {
            self.summary.stale_baseline = b.stale();
            sinks::say_stale(sinks, args, &self.summary.stale_baseline);
        }
        if let Some(path) = &args.write_baseline {
            let mut entries = std::mem::take(&mut self.new_baseline);
            entries.extend(baseline.map(Baseline::unchecked).unwrap_or_default());
            // One entry per finding: two findings of one key are two.
            entries.sort();
            let recorded = entries.len();
            let file = BaselineFile { version: 1, entries };
            let text = serde_json::to_string_pretty(&file).unwrap_or_default() + "\n";
            match super::write_output(path, text.as_bytes()) {
                Ok(()) => super::say(&format!(
                    "procore-manifest: recorded {recorded} finding{} in {}",
                    if recorded == 1 { "" } else { "s" },
                    display_path(path)
                )),
                Err(e) => {
                    error(format!("cannot write {}: {}", display_path(path), io_reason(&e)));
                    self.failed = true;
                }
            }
        }
    }

    /// Write to standard output unless its reader went away.
    fn print_stdout(&mut self, what: &str, text: &str) {
        self.bytes_to_stdout(what, text.as_bytes());
    }

    fn bytes_to_stdout(&mut self, what: &str, bytes: &[u8]) {
        if self.stdout_done {
            return;
        }
        match out::write_bytes(what, bytes) {
            Written::Ok => {}
            Written::Closed => self.stdout_done = true,
            Written::Failed => {
                self.stdout_done = true;
                self.failed = true;
            }
        }
    }

    /// `--fix` on standard input prints the fixed text (or the input
    /// unchanged when nothing needed fixing, or it was `--force-exclude`d).
    fn write_stdin(&mut self, args: &CheckArgs, inputs: &[Input], excluded: Option<Vec<u8>>) {
        if let Some(text) = self.fixed_stdin.take() {
            self.print_stdout("the fixed text", &text);
        } else if args.fix {
            let stdin = inputs.iter().filter_map(|i| match &i.source {
                Source::Stdin(bytes) => Some(bytes.as_slice()),
                _ => None,
            });
            for bytes in stdin.chain(excluded.as_deref()) {
                self.bytes_to_stdout("the text", bytes);
            }
        }
    }

    fn exit_code(&self, args: &CheckArgs) -> u8 {
        // A written baseline is the job done: `--write-baseline f && git add f`.
        let findings = if args.diff {
            self.would_fix
        } else {
            self.failing && args.write_baseline.is_none()
        };
        if self.failed {
            EXIT_FAILURE
        } else if findings {
            EXIT_FINDINGS
        } else {
            EXIT_OK
        }
    }
}
