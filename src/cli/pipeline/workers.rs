//! Linting a run's inputs on this thread and helper threads, this one
//! writing their reports in order between its own; or in turn on one thread.

use super::super::check::CheckArgs;
use super::super::files::io_reason;
use super::inputs::{self, Input, Source};
use crate::diagnostics::Applicability;
use crate::workspace::{lint_file, FileInput, Linted, Recognize};
use crate::Parsed;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

/// What one input produced.
pub(super) enum Outcome {
    Linted(Box<Linted>),
    Skipped,
    /// The file could not be read: why.
    Failed(String),
}

/// How many inputs may be linted ahead of the one being written: the
/// memory a run holds is this many files' reports at most, whatever a slow
/// file does to the order in which the others finish.
const WINDOW: usize = 512;

/// Lint `inputs` and give each one's outcome, in order, to `emit`, on
/// `threads` threads, this one among them ([`ordered`]).
pub(super) fn lint(
    inputs: &[Input],
    threads: usize,
    args: &CheckArgs,
    today: &str,
    mut emit: impl FnMut(&Input, Outcome),
) {
    ordered(
        inputs.len(),
        threads,
        |i| check_input(&inputs[i], args, today),
        |i, outcome| emit(&inputs[i], outcome),
    );
}

/// Run `work` on `0..n` and give each result to `emit` in index order.
///
/// With `threads` > 1, this thread and `threads - 1` helpers take the next
/// index from a shared counter, one at a time. The helpers hand back what
/// they produced; this thread, between its own items, emits every result
/// whose turn has come (a findings-heavy run spends a third of its time
/// writing reports). No one waits for another: a slow input holds back only
/// the emitting, and no one goes further than [`WINDOW`] indices past the
/// one emitted last. With one thread (or when the system starts no helper),
/// this thread does everything in turn.
///
/// This thread works too, rather than only writing: a writer beside
/// `threads` workers was one thread more than the cores asked for, and it
/// slept and woke for every result (two threads took 0.57x of one
/// thread's time, with 8-20% more CPU). Before that, rayon chunks of 256
/// files were each a barrier: both workers waited for the chunk's slowest
/// file.
fn ordered<T: Send>(n: usize, threads: usize, work: impl Fn(usize) -> T + Sync, mut emit: impl FnMut(usize, T)) {
    if threads <= 1 {
        return (0..n).for_each(|i| emit(i, work(i)));
    }
    let next = AtomicUsize::new(0);
    let window = Window::default();
    let (done, results) = crossbeam_channel::unbounded::<(usize, T)>();
    std::thread::scope(|scope| {
        for _ in 1..threads {
            let (next, window, done, work) = (&next, &window, done.clone(), &work);
            let helper = std::thread::Builder::new().spawn_scoped(scope, move || {
                // A helper that panics stops the others (which would wait
                // for its index's turn forever); the scope re-raises it.
                let _stop = Closing(window, true);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n || !window.wait_below(i) || done.send((i, work(i))).is_err() {
                        break;
                    }
                }
            });
            // Fewer helpers than asked (the system refused a thread): the
            // ones started and this thread do the work.
            if helper.is_err() {
                break;
            }
        }
        drop(done);
        let _stop = Closing(&window, false);
        let mut turn = Turn {
            early: std::collections::BTreeMap::new(),
            next: 0,
        };
        while turn.next < n {
            // What the helpers finished, without waiting.
            while let Ok((i, result)) = results.try_recv() {
                turn.take(i, result, &mut emit);
            }
            window.advance(turn.next);
            // An item of its own while it is within the window (with room
            // for the ones the helpers may be taking meanwhile), and always
            // when nothing is outstanding.
            let ahead = next.load(Ordering::Relaxed).saturating_sub(turn.next);
            if ahead == 0 || ahead + threads < WINDOW {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i < n {
                    turn.take(i, work(i), &mut emit);
                    continue;
                }
            }
            if turn.next >= n {
                break;
            }
            // Nothing left to take, or the window is full: the item whose
            // turn it is is a helper's.
            match results.recv() {
                Ok((i, result)) => turn.take(i, result, &mut emit),
                // Every helper stopped (one panicked: the scope re-raises it).
                Err(_) => break,
            }
        }
        // `_stop` closes the window: a helper waiting at its edge stops.
    });
}

/// Results in index order: the next index to emit, and the results that
/// came before their turn.
struct Turn<T> {
    early: std::collections::BTreeMap<usize, T>,
    next: usize,
}

impl<T> Turn<T> {
    fn take(&mut self, i: usize, result: T, emit: &mut impl FnMut(usize, T)) {
        if i != self.next {
            self.early.insert(i, result);
            return;
        }
        emit(i, result);
        self.next += 1;
        while let Some(result) = self.early.remove(&self.next) {
            emit(self.next, result);
            self.next += 1;
        }
    }
}

/// Closes the window when dropped: always for the thread that emits (its
/// loop ended, or it panicked), on a panic only for a helper.
struct Closing<'a>(&'a Window, bool);

impl Drop for Closing<'_> {
    fn drop(&mut self) {
        if !self.1 || std::thread::panicking() {
            self.0.close();
        }
    }
}

/// How far the emitting has come, for the helpers to stay within
/// [`WINDOW`] of it.
#[derive(Default)]
struct Window {
    /// Emitted so far as the helpers see it, and whether emitting stopped.
    written: Mutex<(usize, bool)>,
    moved: Condvar,
    /// The last count published, read by the emitting thread alone.
    published: AtomicUsize,
}

impl Window {
    /// Wait until input `i` is within the window; false when the emitting
    /// stopped (the helpers then stop too).
    fn wait_below(&self, i: usize) -> bool {
        let Ok(mut state) = self.written.lock() else {
            return false;
        };
        while i >= state.0 + WINDOW && !state.1 {
            state = match self.moved.wait(state) {
                Ok(s) => s,
                Err(_) => return false,
            };
        }
        !state.1
    }

    /// `written` results are emitted. Published a quarter window at a time
    /// (the lock is not taken per result): a helper may wait on a value up
    /// to a quarter window old, never on the index being emitted.
    fn advance(&self, written: usize) {
        if written >= self.published.load(Ordering::Relaxed) + WINDOW / 4 {
            self.published.store(written, Ordering::Relaxed);
            if let Ok(mut state) = self.written.lock() {
                state.0 = written;
            }
            self.moved.notify_all();
        }
    }

    fn close(&self) {
        if let Ok(mut state) = self.written.lock() {
            state.1 = true;
        }
        self.moved.notify_all();
    }
}

/// The lint of a file's text as it stays on disk when its fixes could not
/// be written: the report must show what the file still holds.
pub(super) fn unfixed(input: &Input, original: String, today: &str) -> Option<Linted> {
    let file = FileInput {
        shown: &input.shown,
        path: Some(&input.anchor),
        parsed: Parsed::from_text(original),
        recognize: Recognize::Named {
            skip_non_manifests: false,
        },
        keep_tree: false,
        cancel: None,
    };
    lint_file(file, &input.resolved, None, today)
}

fn check_input(input: &Input, args: &CheckArgs, today: &str) -> Outcome {
    let (parsed, walked) = match &input.source {
        Source::Stdin(bytes) => (Parsed::from_bytes(bytes), false),
        Source::File { path, walked } => match inputs::read_file(path) {
            Ok(bytes) => (Parsed::from_vec(bytes), *walked),
            Err(e) => return Outcome::Failed(io_reason(&e)),
        },
    };
    if !walked && !args.skip_non_manifests && !args.quiet {
        let path = input.anchor.as_path();
        if !super::super::shows_procore_evidence(path, &parsed, &input.resolved) {
            super::super::note(format!(
                "{}; it is checked because it was named: pass --skip-non-manifests to skip such files",
                super::super::foreign_note(&input.shown)
            ));
        }
    }
    let recognize = if walked {
        Recognize::Walked
    } else {
        Recognize::Named {
            skip_non_manifests: args.skip_non_manifests,
        }
    };
    let fix = (args.fix || args.diff).then_some(if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    });
    let file = FileInput {
        shown: &input.shown,
        path: Some(&input.anchor),
        parsed,
        recognize,
        keep_tree: false,
        cancel: None,
    };
    match lint_file(file, &input.resolved, fix, today) {
        Some(linted) => Outcome::Linted(Box::new(linted)),
        None => Outcome::Skipped,
    }
}

/// The threads `--threads` asks for (0 or none: the available cores).
pub(super) fn requested_threads(args: &CheckArgs) -> usize {
    match args.threads.unwrap_or(0) {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    }
}

/// The most `--threads` accepts.
pub(super) const MAX_THREADS: usize = 256;

#[cfg(test)]
#[path = "workers_tests.rs"]
mod tests;
