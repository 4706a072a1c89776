//! The reports of a `check` run: each to standard output or to a file
//! replaced atomically at the end of the run, fed file by file.

use super::super::check::{io_reason, terminal_width, CheckArgs, Format, Target};
use super::super::{error, AtomicFile};
use crate::output::{EmitContext, Emitter, Summary};
use crate::workspace::paths::display_path;
use crate::FileReport;
use std::io::{IsTerminal, Write};

/// A report being written.
pub(super) struct Sink {
    format: Format,
    emitter: Box<dyn Emitter>,
    out: Box<dyn Write>,
    file: Option<AtomicFile>,
    cx: EmitContext,
    failed: bool,
}

/// Open every report; a report file that cannot be created is said on
/// stderr and sets `failed`.
pub(super) fn open(args: &CheckArgs, targets: Vec<Target>, fixing_stdin: bool, failed: &mut bool) -> Vec<Sink> {
    let mut sinks = Vec::new();
    for t in targets {
        let (out, file): (Box<dyn Write>, Option<AtomicFile>) = match &t.file {
            // --diff prints only the diff; --fix on stdin prints the fixed text.
            None if args.diff => (Box::new(std::io::sink()), None),
            None if fixing_stdin => (Box::new(std::io::stderr()), None),
            None => (Box::new(std::io::BufWriter::new(std::io::stdout())), None),
            Some(path) => match AtomicFile::create(path) {
                Ok((f, w)) => (Box::new(w), Some(f)),
                Err(e) => {
                    error(format!("cannot write {}: {}", display_path(path), io_reason(&e)));
                    *failed = true;
                    continue;
                }
            },
        };
        let stdout_is_terminal = t.file.is_none() && std::io::stdout().is_terminal();
        let mut sink = Sink {
            format: t.format,
            emitter: t.format.emitter(args.quiet),
            out,
            file,
            cx: EmitContext {
                color: t.format == Format::Human && args.color.enabled(stdout_is_terminal),
                width: terminal_width(),
            },
            failed: false,
        };
        sink.failed = sink.emitter.begin(&mut sink.out, &sink.cx).is_err();
        sinks.push(sink);
    }
    sinks
}

/// Send one file's report to every sink.
pub(super) fn emit(r: &FileReport, sinks: &mut [Sink], summary: &mut Summary) {
    summary.add(r);
    for s in sinks.iter_mut().filter(|s| !s.failed) {
        s.failed = s.emitter.file(&mut s.out, r, &s.cx).is_err();
    }
}

/// Finish every report and put report files in place; false when one could
/// not be written. `nothing`: no file was checked (the human report to the
/// terminal then says nothing at all).
pub(super) fn close(sinks: Vec<Sink>, summary: &Summary, nothing: bool) -> bool {
    let mut all_ok = true;
    for mut s in sinks {
        let ok = !s.failed
            && (nothing && s.format == Format::Human && s.file.is_none()
                || s.emitter.end(&mut s.out, summary, &s.cx).is_ok())
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
                    all_ok = false;
                }
            }
            // A closed pipe (e.g. `| head`) is not worth a message.
            None if !ok => all_ok = false,
            None => {}
        }
    }
    all_ok
}
