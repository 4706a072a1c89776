//! The reports of a `check` run: each to standard output or to a file
//! replaced atomically at the end of the run, fed file by file.

use super::super::check::{CheckArgs, Format, Target};
use super::super::files::io_reason;
use super::super::out::{report_failure, terminal_width, Written};
use super::super::{error, Output};
use crate::output::{formats, EmitContext, Emitter, Summary};
use crate::workspace::paths::display_path;
use crate::FileReport;
use std::io::{IsTerminal, Write};

/// A report being written.
pub(super) struct Sink {
    format: Format,
    emitter: Box<dyn Emitter>,
    out: Box<dyn Write>,
    file: Option<Output>,
    /// Where the report goes when it is not a replaced file (`None`:
    /// standard output).
    appended: Option<String>,
    cx: EmitContext,
    /// The first write error; nothing more is written to this sink.
    error: Option<std::io::Error>,
}

/// Open every report; a report file that cannot be created fails the run
/// before anything is linted or written (`Err`, naming it: the files
/// opened so far are dropped, their temporary files removed), as a run
/// that fails writes no report file. A job summary that cannot be opened
/// is said on stderr and sets `failed`. `job_summary`: the run has not
/// failed already (a failed run's job summary says only that, `guard`).
pub(super) fn open(
    args: &CheckArgs,
    targets: Vec<Target>,
    fixing_stdin: bool,
    job_summary: bool,
    failed: &mut bool,
) -> Result<Vec<Sink>, String> {
    let mut sinks = Vec::new();
    let mut targets = targets;
    // `--statistics` with every report in a file: the counts asked for go
    // to stdout all the same.
    if args.statistics && targets.iter().all(|t| t.file.is_some()) {
        targets.push(super::super::check::Target {
            format: &formats::HUMAN,
            file: None,
        });
    }
    for t in targets {
        let (out, file): (Box<dyn Write>, Option<Output>) = match &t.file {
            // --diff prints only the diff; --fix on stdin prints the fixed text.
            None if args.diff => (Box::new(std::io::sink()), None),
            None if fixing_stdin => (Box::new(std::io::stderr()), None),
            // --write-baseline says one line (how many it recorded).
            None if args.write_baseline.is_some() => (Box::new(std::io::sink()), None),
            None => (
                Box::new(std::io::BufWriter::with_capacity(
                    super::super::files::REPORT_BUFFER,
                    std::io::stdout(),
                )),
                None,
            ),
            Some(path) => match Output::create(path) {
                Ok((f, w)) => (Box::new(w), Some(f)),
                Err(e) => return Err(format!("cannot write {}: {}", display_path(path), io_reason(&e))),
            },
        };
        let stdout_is_terminal = t.file.is_none() && std::io::stdout().is_terminal();
        let mut sink = Sink {
            format: t.format,
            emitter: t.format.emitter(&args.emit_options()),
            out,
            file,
            appended: None,
            cx: EmitContext {
                color: *t.format == formats::HUMAN && args.color.enabled(stdout_is_terminal),
                width: terminal_width(),
            },
            error: None,
        };
        sink.error = sink.emitter.begin(&mut sink.out, &sink.cx).err();
        sinks.push(sink);
    }
    // On GitHub Actions, a github report also goes to the job summary as
    // Markdown (annotations beyond GitHub's limits are not shown).
    let github = job_summary && sinks.iter().any(|s| *s.format == formats::GITHUB);
    match github.then(open_job_summary).flatten() {
        Some(Ok((f, shown))) => {
            let mut sink = Sink {
                format: &formats::MARKDOWN,
                emitter: Box::new(crate::output::markdown::Markdown::job_summary()),
                out: Box::new(std::io::BufWriter::new(f)),
                file: None,
                appended: Some(shown),
                cx: EmitContext::default(),
                error: None,
            };
            sink.error = sink.emitter.begin(&mut sink.out, &sink.cx).err();
            sinks.push(sink);
        }
        Some(Err(())) => *failed = true,
        None => {}
    }
    Ok(sinks)
}

/// The GitHub job summary (`GITHUB_STEP_SUMMARY`, when set), opened to
/// append, with how messages name it; `Err` when it cannot be opened
/// (said on stderr).
pub(super) fn open_job_summary() -> Option<Result<(std::fs::File, String), ()>> {
    let path = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty())?;
    let shown = format!("the job summary {}", display_path(std::path::Path::new(&path)));
    Some(
        match std::fs::OpenOptions::new().create(true).append(true).open(&path) {
            Ok(f) => Ok((f, shown)),
            Err(e) => {
                error(format!("cannot write {shown}: {}", io_reason(&e)));
                Err(())
            }
        },
    )
}

/// Send one file's report to every sink.
pub(super) fn emit(r: &FileReport, sinks: &mut [Sink], summary: &mut Summary) {
    summary.add(r);
    for s in sinks.iter_mut().filter(|s| s.error.is_none()) {
        s.error = s.emitter.file(&mut s.out, r, &s.cx).err();
    }
}

/// Finish every report and put report files in place; false when one could
/// not be written (said on stderr, naming it). A reader of standard output
/// that went away is not a failure. `nothing`: no file was checked (the
/// human report to the terminal then says nothing at all).
pub(super) fn close(sinks: Vec<Sink>, summary: &Summary, nothing: bool) -> bool {
    let mut all_ok = true;
    for mut s in sinks {
        if s.error.is_none() && !(nothing && *s.format == formats::HUMAN && s.file.is_none()) {
            s.error = s.emitter.end(&mut s.out, summary, &s.cx).err();
        }
        if s.error.is_none() {
            s.error = s.out.flush().err();
        }
        drop(s.out);
        let what = format!("the {} report", s.format.name);
        match (s.file, s.error) {
            (Some(f), None) => {
                let path = f.path.clone();
                if let Err(e) = f.commit() {
                    error(format!("cannot write {}: {}", display_path(&path), io_reason(&e)));
                    all_ok = false;
                }
            }
            (Some(f), Some(e)) => {
                error(format!(
                    "cannot write {} to {}: {}",
                    what,
                    display_path(&f.path),
                    io_reason(&e)
                ));
                all_ok = false;
            }
            (None, Some(e)) => match &s.appended {
                Some(place) => {
                    error(format!("cannot write {what} to {place}: {}", io_reason(&e)));
                    all_ok = false;
                }
                None => all_ok &= report_failure(&what, &e) != Written::Failed,
            },
            (None, None) => {}
        }
    }
    all_ok
}

/// Stale baseline entries on stderr, unless a report on the screen shows
/// them (the human report, unless quiet, and the JSON and SARIF ones list
/// them; the other formats have no place for them, and a report written to
/// a file is not what the person at the terminal reads).
pub(super) fn say_stale(sinks: &[Sink], args: &CheckArgs, stale: &[crate::workspace::baseline::StaleEntry]) {
    // `--statistics` prints counts per rule in every format: no entry.
    let quiet = args.quiet || args.statistics;
    let shown = sinks.iter().any(|s| {
        s.file.is_none()
            && s.appended.is_none()
            && !args.statistics
            && (matches!(s.format.name, "json" | "sarif") || (*s.format == formats::HUMAN && !quiet))
    });
    if shown {
        return;
    }
    for e in stale {
        super::super::note(format!(
            "{} (remove it, or rewrite the baseline with --write-baseline)",
            e.describe()
        ));
    }
}
