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
mod tests {
    use super::{ordered, WINDOW};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    /// Work whose time varies by index, the first item slowest: results
    /// finish out of order.
    fn uneven(i: usize) -> usize {
        let pause = if i == 0 { 30_000 } else { (i * 7919) % 13 * 20 };
        std::thread::sleep(Duration::from_micros(pause as u64));
        i * 3 + 1
    }

    #[test]
    fn results_come_in_index_order_on_any_thread_count() {
        for threads in [1, 2, 3, 8] {
            for n in [0, 1, 2, 700, 1500] {
                let mut seen = Vec::new();
                ordered(n, threads, uneven, |i, r| seen.push((i, r)));
                let expected: Vec<(usize, usize)> = (0..n).map(|i| (i, i * 3 + 1)).collect();
                assert_eq!(seen, expected, "{threads} threads, {n} items");
            }
        }
    }

    /// The calling thread lints too (a thread more than asked was the
    /// writer's), and so do the helpers.
    #[test]
    fn the_calling_thread_and_a_helper_both_work() {
        let caller = std::thread::current().id();
        let (mine, theirs) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let work = |i: usize| {
            let on = if std::thread::current().id() == caller {
                &mine
            } else {
                &theirs
            };
            on.fetch_add(1, Ordering::SeqCst);
            uneven(i)
        };
        let mut emitted = 0;
        ordered(400, 2, work, |i, _| {
            assert_eq!(i, emitted);
            emitted += 1;
        });
        assert_eq!(emitted, 400);
        let (mine, theirs) = (mine.into_inner(), theirs.into_inner());
        assert_eq!(mine + theirs, 400);
        assert!(mine > 0 && theirs > 0, "caller {mine}, helper {theirs}");
    }

    #[test]
    fn no_worker_runs_a_window_ahead_of_the_emitting() {
        let emitted = AtomicUsize::new(0);
        let furthest = AtomicUsize::new(0);
        let work = |i: usize| {
            let ahead = i - emitted.load(Ordering::SeqCst).min(i);
            furthest.fetch_max(ahead, Ordering::SeqCst);
            uneven(i)
        };
        ordered(3 * WINDOW, 4, work, |_, _| {
            emitted.fetch_add(1, Ordering::SeqCst);
        });
        let furthest = furthest.load(Ordering::SeqCst);
        assert!(furthest < WINDOW, "a worker ran {furthest} items ahead");
        // The slow first item did hold the others back at the window's edge.
        assert!(
            furthest > WINDOW / 2,
            "only {furthest} ahead: the window was never reached"
        );
    }

    /// While a helper holds the item whose turn it is, the calling thread
    /// takes items up to the window's edge and then waits for it.
    #[test]
    fn the_calling_thread_stays_within_the_window_too() {
        let caller = std::thread::current().id();
        let emitted = AtomicUsize::new(0);
        let furthest = AtomicUsize::new(0);
        let helper_started = std::sync::atomic::AtomicBool::new(false);
        let work = |i: usize| {
            if std::thread::current().id() == caller {
                // Not before the helper holds its slow item.
                while !helper_started.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_micros(100));
                }
                let ahead = i - emitted.load(Ordering::SeqCst).min(i);
                furthest.fetch_max(ahead, Ordering::SeqCst);
            } else if !helper_started.swap(true, Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(100));
            }
            i
        };
        ordered(4 * WINDOW, 2, work, |_, _| {
            emitted.fetch_add(1, Ordering::SeqCst);
        });
        let furthest = furthest.load(Ordering::SeqCst);
        assert!(furthest < WINDOW, "the calling thread ran {furthest} items ahead");
        assert!(
            furthest > WINDOW / 2,
            "only {furthest} ahead: the window was never reached"
        );
    }

    #[test]
    fn a_panicking_item_stops_the_run_instead_of_hanging_it() {
        let run = std::panic::catch_unwind(|| {
            ordered(
                4 * WINDOW,
                2,
                |i| if i == 5 { panic!("item {i}") } else { uneven(i) },
                |_, _| {},
            )
        });
        assert!(run.is_err());
    }
}
