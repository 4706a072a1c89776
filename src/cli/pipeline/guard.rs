//! Run integrity before anything is written: no report file, `--output` or
//! `--write-baseline` may be one of the files being checked, or another
//! output of the same run; and a run that fails before linting writes no
//! report, only one line in the job summary saying why.

use super::inputs::{Input, Source};
use crate::workspace::paths::display_path;
use std::path::{Path, PathBuf};

/// What makes two paths one file: the device and inode of an existing file
/// (any path, symlink or hard link to it), else the canonical folder and
/// the file name of one that does not exist yet. A device or FIFO
/// (`/dev/null`, a pipe) is written through, never replaced: no identity,
/// it clashes with nothing.
#[derive(Debug, PartialEq, Eq)]
enum Identity {
    Node(u64, u64),
    Path(PathBuf),
    Stream(usize),
}

fn identity(path: &Path, n: usize) -> Identity {
    identity_within(path, n, 8)
}

/// [`identity`], following at most `links` dangling symlinks (a link to a
/// file not created yet is that file).
fn identity_within(path: &Path, n: usize, links: usize) -> Identity {
    if let Ok(meta) = std::fs::metadata(path) {
        if !meta.is_file() {
            return Identity::Stream(n);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            return Identity::Node(meta.dev(), meta.ino());
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            if let Ok(p) = std::fs::canonicalize(path) {
                return Identity::Path(p);
            }
        }
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if let Some(target) = std::fs::read_link(path).ok().filter(|_| links > 0) {
        return identity_within(&parent.join(target), n, links - 1);
    }
    let folder = std::fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf());
    Identity::Path(path.file_name().map_or(folder.clone(), |n| folder.join(n)))
}

/// Does the file at `path` show Procore evidence (a manifest, not a
/// report a previous run wrote where this one walks)?
fn is_manifest_file(path: &Path) -> bool {
    crate::workspace::paths::read_small(path).map_or(true, |bytes| {
        crate::Parsed::from_vec(bytes)
            .tree()
            .as_ref()
            .map_or(true, crate::workspace::discover::has_procore_evidence)
    })
}

/// Every file the run writes (report files, `--write-baseline`, the job
/// summary a github report appends to) checked against what it reads: not
/// a manifest being checked (a walked report of an earlier run is dropped
/// from `inputs` instead), not another output, not a config the run read,
/// not the `--baseline` file (which `--write-baseline` may refresh: it is
/// read first and replaced whole). The refusal, if any, naming both files.
pub(super) fn outputs(
    targets: &[crate::cli::check::Target],
    args: &crate::cli::check::CheckArgs,
    inputs: &mut Vec<Input>,
    resolver: &crate::workspace::Resolver,
) -> Option<Refusal> {
    let reports: Vec<(String, PathBuf)> = targets
        .iter()
        .filter_map(|t| Some((format!("the {} report", t.format.name), t.file.clone()?)))
        .collect();
    let mut outputs = reports.clone();
    outputs.extend(
        args.write_baseline
            .iter()
            .map(|p| ("the baseline".to_string(), p.clone())),
    );
    let configs: Vec<(String, PathBuf)> = resolver.loaded_paths().map(|p| ("the config".to_string(), p)).collect();
    let baseline: Vec<(String, PathBuf)> = args
        .baseline
        .iter()
        .map(|p| ("the baseline read with --baseline".to_string(), p.clone()))
        .collect();
    let mut refused = |outputs: &[(String, PathBuf)]| {
        clobbered(outputs, inputs)
            .or_else(|| overwrites_read(outputs, &configs))
            .or_else(|| overwrites_read(&reports, &baseline))
    };
    if let Some(why) = refused(&outputs) {
        return Some(Refusal {
            why,
            job_summary: false,
        });
    }
    // The job summary last: a refusal that only it causes appends nothing
    // there either.
    let github = targets.iter().any(|t| *t.format == crate::output::formats::GITHUB);
    let summary = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| github && !p.is_empty())?;
    outputs.push(("the job summary".to_string(), PathBuf::from(summary)));
    refused(&outputs).map(|why| Refusal { why, job_summary: true })
}

/// Why [`outputs`] refuses the run, and whether the job summary is the file
/// at stake (then the run's one failure line is not appended to it).
pub(super) struct Refusal {
    pub why: String,
    pub job_summary: bool,
}

/// `--diff` changes nothing: a report file would hold no findings (an
/// empty SARIF closes open code-scanning alerts) and a baseline would
/// record none. The refusal, naming them.
pub(super) fn diff_writes(
    targets: &[crate::cli::check::Target],
    args: &crate::cli::check::CheckArgs,
) -> Option<String> {
    if !args.diff {
        return None;
    }
    let written: Vec<String> = targets
        .iter()
        .filter_map(|t| t.file.as_deref())
        .chain(args.write_baseline.as_deref())
        .map(display_path)
        .collect();
    (!written.is_empty()).then(|| {
        format!(
            "--diff prints only the diff and writes nothing: it does not go with report files or --write-baseline ({})",
            written.join(", ")
        )
    })
}

fn clobbered(outputs: &[(String, PathBuf)], inputs: &mut Vec<Input>) -> Option<String> {
    if outputs.is_empty() {
        return None;
    }
    let ids: Vec<Identity> = outputs.iter().enumerate().map(|(n, (_, p))| identity(p, n)).collect();
    for (i, (what, path)) in outputs.iter().enumerate() {
        if let Some(j) = (0..i).find(|&j| ids[j] == ids[i]) {
            return Some(format!(
                "{} ({}) and {} ({}) are the same file: give each output its own file",
                outputs[j].0,
                display_path(&outputs[j].1),
                what,
                display_path(path)
            ));
        }
    }
    let mut drop = Vec::new();
    for (n, input) in inputs.iter().enumerate() {
        let Source::File {
            path: input_path,
            walked,
        } = &input.source
        else {
            continue;
        };
        let id = identity(input_path, usize::MAX);
        if let Some(k) = ids.iter().position(|o| *o == id) {
            if *walked && !is_manifest_file(input_path) {
                drop.push(n);
                continue;
            }
            return Some(format!(
                "{} ({}) is {}, one of the files being checked: it would be overwritten; write it elsewhere",
                outputs[k].0,
                display_path(&outputs[k].1),
                input.shown
            ));
        }
    }
    for n in drop.into_iter().rev() {
        inputs.remove(n);
    }
    None
}

/// The first output that is a file the run reads besides the manifests
/// (`read`: what each is, "the config", and its path), as a message naming
/// both: a report written over the baseline or a config would lose it.
fn overwrites_read(outputs: &[(String, PathBuf)], read: &[(String, PathBuf)]) -> Option<String> {
    // Streams never clash: each its own number, outputs from 0, reads from
    // the top.
    let ids: Vec<Identity> = read
        .iter()
        .enumerate()
        .map(|(k, (_, p))| identity(p, usize::MAX - k))
        .collect();
    outputs.iter().enumerate().find_map(|(n, (what, path))| {
        let id = identity(path, n);
        let k = ids.iter().position(|r| *r == id)?;
        Some(format!(
            "{what} ({}) is {} ({}), which this run reads: it would be overwritten; write it elsewhere",
            display_path(path),
            read[k].0,
            display_path(&read[k].1)
        ))
    })
}

/// A run that failed before any report was written: with a `github`
/// report asked for and `GITHUB_STEP_SUMMARY` set, one line appended to
/// the job summary saying so (a report is never written: an empty SARIF
/// uploaded by CI would close open code-scanning alerts).
pub(super) fn failed_run_summary(formats: &[String], why: &str) {
    let github = formats
        .iter()
        .any(|f| f.split_once('=').map_or(f.as_str(), |(n, _)| n) == crate::output::formats::GITHUB.name);
    let Some(Ok((mut file, shown))) = github.then(super::sinks::open_job_summary).flatten() else {
        return;
    };
    let line = format!(
        "**procore-manifest: the run failed** (exit 2, no report file written): {}\n",
        crate::output::md::text(&crate::text::sanitize_inline(why))
    );
    if let Err(e) = std::io::Write::write_all(&mut file, line.as_bytes()) {
        super::error(format!("cannot write {shown}: {}", super::io_reason(&e)));
    }
}

/// Every failure in one line for the job summary: the first ten, then
/// how many more.
pub(super) fn listed(failures: &[crate::output::Failure]) -> String {
    let mut line: Vec<String> = failures.iter().take(10).map(crate::output::Failure::message).collect();
    if failures.len() > 10 {
        line.push(format!("and {} more", failures.len() - 10));
    }
    line.join("; ")
}

/// What every report names as failed: the walk's failures and the fatal
/// problem too (a SARIF with no result and no failure reads as a clean
/// run).
pub(super) fn failures(walk: Vec<crate::output::Failure>, fatal: Option<&str>) -> Vec<crate::output::Failure> {
    // The fatal problem is one of those (said once), or on its own; a path
    // named twice that cannot be read is one failure.
    let fatal = fatal.map(|f| crate::output::Failure {
        path: None,
        error: f.to_string(),
    });
    let mut seen = std::collections::HashSet::new();
    walk.into_iter()
        .chain(fatal)
        .filter(|f| seen.insert(f.message()))
        .collect()
}
