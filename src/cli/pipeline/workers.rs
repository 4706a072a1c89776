//! Linting a run's inputs on worker threads while this one writes their
//! reports in order, or in turn on one thread.

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
    Failed(String),
}

/// How many inputs may be linted ahead of the one being written: the
/// memory a run holds is this many files' reports at most, whatever a slow
/// file does to the order in which the others finish.
const WINDOW: usize = 512;

/// Lint `inputs` and give each one's outcome, in order, to `emit`, on
/// `threads` workers ([`ordered`]).
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
/// With `threads` > 1, that many workers take the next index from a shared
/// counter, one at a time, and hand back what they produced; this thread
/// emits the results in order as they arrive (a findings-heavy run spends a
/// third of its time writing reports). No worker waits for another: a slow
/// input holds back only the emitting, and a worker goes no further than
/// [`WINDOW`] indices past the one emitted last. With one thread (or when
/// the system starts none), this thread does everything in turn.
///
/// The previous design linted chunks of 256 files with rayon, each chunk a
/// barrier: both workers waited for the chunk's slowest file, and two
/// threads took 0.6x to 0.8x of one thread's time where the work allows
/// 0.5x.
fn ordered<T: Send>(n: usize, threads: usize, work: impl Fn(usize) -> T + Sync, mut emit: impl FnMut(usize, T)) {
    let in_turn = |emit: &mut dyn FnMut(usize, T)| (0..n).for_each(|i| emit(i, work(i)));
    if threads <= 1 {
        return in_turn(&mut emit);
    }
    let next = AtomicUsize::new(0);
    let window = Window::default();
    let (done, results) = crossbeam_channel::unbounded::<(usize, T)>();
    std::thread::scope(|scope| {
        let mut started = 0;
        for _ in 0..threads {
            let (next, window, done, work) = (&next, &window, done.clone(), &work);
            let worker = std::thread::Builder::new().spawn_scoped(scope, move || {
                // A worker that panics stops the others (which would wait
                // for its index's turn forever); the scope re-raises it.
                let _stop = Closing(window, true);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n || !window.wait_below(i) || done.send((i, work(i))).is_err() {
                        break;
                    }
                }
            });
            // Fewer workers than asked (the system refused a thread): the
            // ones started do the work, or this thread alone.
            if worker.is_err() {
                break;
            }
            started += 1;
        }
        drop(done);
        if started == 0 {
            return in_turn(&mut emit);
        }
        let _stop = Closing(&window, false);
        // Results that came before their turn, by index.
        let mut early = std::collections::BTreeMap::new();
        let mut turn = 0;
        for (i, result) in &results {
            if i != turn {
                early.insert(i, result);
                continue;
            }
            emit(i, result);
            turn += 1;
            while let Some(result) = early.remove(&turn) {
                emit(turn, result);
                turn += 1;
            }
            window.advance(turn);
        }
    });
}

/// Closes the window when dropped: always for the writer (its loop ended,
/// or it panicked), on a panic only for a worker.
struct Closing<'a>(&'a Window, bool);

impl Drop for Closing<'_> {
    fn drop(&mut self) {
        if !self.1 || std::thread::panicking() {
            self.0.close();
        }
    }
}

/// How far the writing has come, for the workers to stay within
/// [`WINDOW`] of it.
#[derive(Default)]
struct Window {
    /// Emitted so far as the workers see it, and whether emitting stopped.
    written: Mutex<(usize, bool)>,
    moved: Condvar,
    /// The last count published, read by the emitting thread alone.
    published: AtomicUsize,
}

impl Window {
    /// Wait until input `i` is within the window; false when the writing
    /// stopped (the workers then stop too).
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
    /// (the lock is not taken per result): a worker may wait on a value up
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

fn check_input(input: &Input, args: &CheckArgs, today: &str) -> Outcome {
    let (parsed, walked) = match &input.source {
        Source::Stdin(bytes) => (Parsed::from_bytes(bytes), false),
        Source::File { path, walked } => match inputs::read_file(path) {
            Ok(bytes) => (Parsed::from_vec(bytes), *walked),
            Err(e) => return Outcome::Failed(format!("{}: {}", input.shown, io_reason(&e))),
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
