//! Tests of the ordered workers (`workers.rs`).

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
        // The first item is held until the others are well ahead (at
        // most 10 s): on a loaded machine a fixed pause let the test
        // end before any worker got there.
        if i == 0 {
            let start = std::time::Instant::now();
            while furthest.load(Ordering::SeqCst) <= WINDOW / 2 && start.elapsed() < Duration::from_secs(10) {
                std::thread::sleep(Duration::from_millis(1));
            }
        }
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
