//! Linting a run's inputs in chunks: in parallel on a pool while the
//! previous chunk's reports are written, or in turn on one thread.

use super::super::check::CheckArgs;
use super::super::files::io_reason;
use super::inputs::{self, Input, Source};
use crate::diagnostics::Applicability;
use crate::workspace::{lint_file, FileInput, Linted, Recognize};
use crate::Parsed;

/// What one input produced.
pub(super) enum Outcome {
    Linted(Box<Linted>),
    Skipped,
    Failed(String),
}

/// Files are linted in chunks and emitted in order: output is the same
/// whatever the thread count, and memory holds a few chunks at most.
const CHUNK: usize = 256;

/// Lint `inputs` chunk by chunk and give each chunk's outcomes, in order, to
/// `emit`. With a pool, the workers lint the next chunk while `emit` writes
/// the reports of the previous one (a findings-heavy run spends a third of
/// its time writing): at most three chunks are held, the one being linted,
/// one waiting and the one being written. Without one, this thread does
/// everything in turn (`--threads 1` is one thread).
pub(super) fn lint(
    inputs: &[Input],
    pool: Option<rayon::ThreadPool>,
    args: &CheckArgs,
    today: &str,
    mut emit: impl FnMut(&[Input], Vec<Outcome>),
) {
    let Some(pool) = pool else {
        for chunk in inputs.chunks(CHUNK) {
            emit(chunk, chunk.iter().map(|i| check_input(i, args, today)).collect());
        }
        return;
    };
    let (done, linted) = std::sync::mpsc::sync_channel::<Vec<Outcome>>(1);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for chunk in inputs.chunks(CHUNK) {
                let outcomes: Vec<Outcome> = pool.install(|| {
                    use rayon::prelude::*;
                    chunk.par_iter().map(|i| check_input(i, args, today)).collect()
                });
                if done.send(outcomes).is_err() {
                    break;
                }
            }
        });
        for (chunk, outcomes) in inputs.chunks(CHUNK).zip(linted) {
            emit(chunk, outcomes);
        }
    });
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
