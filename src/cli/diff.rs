//! `diff OLD NEW` and `diff --base REF FILE`.

use super::{error, lint_one, ColorChoice, EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK};
use crate::diff::{compare, Side};
use crate::output::formats;
use crate::workspace::paths::display_path;
use crate::workspace::Resolved;
use crate::Parsed;
use clap::Args;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// OLD and NEW manifests; with --base, the files and directories to compare with REV.
    #[arg(value_name = "PATH", num_args = 1.., required = true)]
    files: Vec<PathBuf>,
    /// Compare each PATH (every manifest under a directory) with its version at this git revision.
    #[arg(long, value_name = "GIT_REF")]
    base: Option<String>,
    #[arg(long, default_value = "human", value_parser = clap::builder::PossibleValuesParser::new(formats::names_of(formats::DIFF)))]
    format: String,
    /// Exit 1 when any access is added or raised.
    #[arg(long)]
    fail_on_escalation: bool,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Use this config file (catalog extras, limits).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Use no config file.
    #[arg(long)]
    no_config: bool,
}

/// One side read and linted.
struct Loaded {
    name: String,
    /// The file parsed (for its tree) and its report.
    parsed: Option<(Parsed, crate::FileReport)>,
}

fn load(name: String, path: &Path, bytes: Option<Vec<u8>>, resolved: &Resolved) -> Result<Loaded, String> {
    let Some(bytes) = bytes else {
        return Ok(Loaded { name, parsed: None });
    };
    let parsed = Parsed::from_bytes(&bytes);
    if let Some(e) = super::unparsable(&name, &parsed) {
        return Err(e);
    }
    // Always there: a named file is linted as a manifest, its tree kept.
    let (report, Some(kept)) = lint_one(&name, path, parsed, resolved)? else {
        return Err(format!("{name}: not linted as a manifest"));
    };
    Ok(Loaded {
        name,
        parsed: Some((kept, report)),
    })
}

/// A named file read, parsed and linted; `None` without a config to lint
/// it under (the config's failure is said already), once it parses.
fn load_named(path: &Path, resolved: Option<&Resolved>) -> Result<Option<Loaded>, String> {
    let bytes = super::read_named(path)?;
    let name = display_path(path);
    match resolved {
        Some(r) => load(name, path, Some(bytes), r).map(Some),
        None => super::unparsable(&name, &Parsed::from_bytes(&bytes)).map_or(Ok(None), Err),
    }
}

/// Where git runs for `path`: the nearest directory of it that exists
/// now (a file removed along with its folder is looked up from above it),
/// and `path` relative to that directory, `/`-separated, for `REV:./PATH`.
fn git_place(path: &Path) -> (PathBuf, String) {
    let mut rel: Vec<String> = Vec::new();
    let mut at = path;
    loop {
        let parent = at.parent().filter(|p| !p.as_os_str().is_empty());
        match at.file_name() {
            Some(name) => rel.push(name.to_string_lossy().into_owned()),
            None => {
                // `..` or a root: run there, nothing below it.
                if at.is_dir() {
                    break;
                }
            }
        }
        match parent {
            Some(p) if p.is_dir() => {
                at = p;
                break;
            }
            Some(p) => at = p,
            None => {
                at = Path::new(".");
                break;
            }
        }
    }
    rel.reverse();
    (at.to_path_buf(), rel.join("/"))
}

/// Run git in `dir` with `args`.
fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output, String> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))
}

/// A revision as `diff --base` reads it: each folder's repository is asked
/// once whether `rev` names a commit (a walk's files share their folders).
struct Revision<'r> {
    rev: &'r str,
    verified: std::collections::HashSet<PathBuf>,
}

impl Revision<'_> {
    /// Does `rev` name a commit, seen from `dir`?
    fn verify(&mut self, dir: &Path) -> Result<(), String> {
        if self.verified.contains(dir) {
            return Ok(());
        }
        let rev = self.rev;
        if !git(dir, &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])?
            .status
            .success()
        {
            return Err(format!(
                "git revision `{rev}` does not exist (or {} is not in a git repository)",
                display_path(dir)
            ));
        }
        self.verified.insert(dir.to_path_buf());
        Ok(())
    }

    /// The mode of `path`'s entry at the revision (`100644`, `120000` for a
    /// symlink, `040000` for a folder, `160000` for a submodule), `None`
    /// when there is none; and where git runs for it.
    fn mode(&mut self, path: &Path) -> Result<(Option<Vec<u8>>, PathBuf, String), String> {
        let (dir, rel) = git_place(path);
        self.verify(&dir)?;
        let out = git(&dir, &["ls-tree", "-z", self.rev, "--", &format!("./{rel}")])?;
        let mode = out
            .stdout
            .split(|&b| b == b' ')
            .next()
            .filter(|m| out.status.success() && !m.is_empty());
        Ok((mode.map(<[u8]>::to_vec), dir, rel))
    }

    /// The file at the revision: `Ok(None)` when the revision exists but
    /// the file did not exist there, or was no regular file (a folder, a
    /// submodule, a symlink: the walk does not follow symlinks, and a named
    /// one is read through its target now).
    fn file(&mut self, path: &Path) -> Result<Option<Vec<u8>>, String> {
        let (mode, dir, rel) = self.mode(path)?;
        if !matches!(mode.as_deref(), Some(b"100644" | b"100755")) {
            return Ok(None);
        }
        let show = git(&dir, &["show", &format!("{}:./{rel}", self.rev)])?;
        Ok(show.status.success().then_some(show.stdout))
    }

    /// Was `path` a folder at the revision (one removed since, named on the
    /// command line)?
    fn was_dir(&mut self, path: &Path) -> Result<bool, String> {
        Ok(self.mode(path)?.0.as_deref() == Some(b"040000"))
    }
}

fn side(l: &Loaded) -> Side<'_> {
    Side {
        name: l.name.clone(),
        root: l.parsed.as_ref().and_then(|(p, _)| p.tree().as_ref().ok()),
        report: l.parsed.as_ref().map(|(_, r)| r),
    }
}

pub fn run(args: DiffArgs) -> u8 {
    let anchor = args.files.last().map_or(Path::new("."), |p| p.as_path());
    // Every input is read before the run gives up: each failure is said
    // (the config, either file), not only the first.
    let resolved = super::resolve_named(args.config.as_deref(), args.no_config, anchor);
    let pairs = match (&args.base, args.files.as_slice(), &resolved) {
        (Some(rev), paths, Some(resolved)) => at_base(rev, paths, resolved),
        (None, [old, new], _) => {
            let (o, n) = (load_named(old, resolved.as_ref()), load_named(new, resolved.as_ref()));
            match (o, n) {
                (Ok(Some(o)), Ok(Some(n))) => Ok(vec![(o, n)]),
                (o, n) => {
                    [o.err(), n.err()].into_iter().flatten().for_each(error);
                    return EXIT_FAILURE;
                }
            }
        }
        (None, _, _) => Err("give OLD and NEW, or --base GIT_REF PATH...".into()),
        (Some(_), _, None) => return EXIT_FAILURE,
    };
    let Some(resolved) = resolved else {
        return EXIT_FAILURE;
    };
    let settings = &resolved.settings;
    let pairs = match pairs {
        Ok(p) if p.is_empty() => {
            error("no manifest found under the paths given (now or at the revision)");
            return EXIT_FAILURE;
        }
        Ok(p) => p,
        Err(e) => {
            error(e);
            return EXIT_FAILURE;
        }
    };
    let color = args.color.enabled(std::io::stdout().is_terminal());
    let render = formats::pick(formats::DIFF, &args.format);
    let reports: Vec<_> = pairs
        .iter()
        .map(|(old, new)| compare(&side(old), &side(new), settings))
        .collect();
    let escalation = reports.iter().any(|r| r.escalation);
    // `--base` in JSON: one object holding every manifest's diff (its shape
    // is the form's, not the count's); otherwise each report, one after
    // the other.
    let text = if args.base.is_some() && args.format == "json" {
        crate::output::diff::json_many(&reports)
    } else {
        reports.iter().map(|r| render(r, color)).collect::<Vec<_>>().join("\n")
    };
    if super::out::write("the diff", &text) == super::out::Written::Failed {
        return EXIT_FAILURE;
    }
    if args.fail_on_escalation && escalation {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// Every manifest under `paths` paired with its version at `rev`: a named
/// file (also one removed since), and under a directory every `*.json`
/// file there now or at `rev` that shows Procore evidence on either side.
/// A directory is never read as a file.
fn at_base(rev: &str, paths: &[PathBuf], resolved: &Resolved) -> Result<Vec<(Loaded, Loaded)>, String> {
    let mut pairs = Vec::new();
    let mut at = Revision {
        rev,
        verified: Default::default(),
    };
    for path in paths {
        // A folder, or one removed since `rev` (its manifests all removed).
        let gone = !path.exists() && at.was_dir(path)?;
        if path.is_dir() || gone {
            let now = if gone {
                Vec::new()
            } else {
                let (now, errors) = crate::workspace::discover::walk(path);
                if let Some(e) = errors.into_iter().next() {
                    return Err(e.message());
                }
                now
            };
            let mut files: Vec<PathBuf> = now.into_iter().chain(tracked_at(&mut at, path)?).collect();
            files.sort();
            files.dedup();
            for f in files {
                let old = at.file(&f)?;
                let new = if f.is_file() {
                    Some(super::read_named(&f)?)
                } else {
                    None
                };
                // The walk's test of a manifest: a file that does not parse
                // and is named `*manifest*` is a broken manifest (it fails
                // the run, as naming it does), not another product's file.
                let name = f
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let shows = |b: &Option<Vec<u8>>| {
                    b.as_deref().is_some_and(|b| {
                        crate::workspace::discover::is_manifest(&name, &Parsed::from_bytes(b), None, false)
                    })
                };
                // A side that is no manifest (another product's file then or
                // now) compares as absent: the other side is added or
                // removed, and the run goes on.
                let (old_shows, new_shows) = (shows(&old), shows(&new));
                if old_shows || new_shows {
                    let foreign = (old.is_some() && !old_shows, new.is_some() && !new_shows);
                    let old = old.filter(|_| old_shows);
                    let new = new.filter(|_| new_shows);
                    pairs.push(pair(rev, &f, (old, new), foreign, resolved)?);
                }
            }
        } else {
            let old = at.file(path)?;
            let new = if path.exists() {
                Some(super::read_named(path)?)
            } else {
                None
            };
            if old.is_none() && new.is_none() {
                return Err(format!("{}: no such file, now or at {rev}", display_path(path)));
            }
            pairs.push(pair(rev, path, (old, new), (false, false), resolved)?);
        }
    }
    Ok(pairs)
}

/// One file at `rev` and now, either side possibly absent (added or
/// removed since, or no manifest on that side: `foreign`), said on stderr.
fn pair(
    rev: &str,
    file: &Path,
    (old, new): (Option<Vec<u8>>, Option<Vec<u8>>),
    foreign: (bool, bool),
    resolved: &Resolved,
) -> Result<(Loaded, Loaded), String> {
    let shown = display_path(file);
    match (&old, &new, foreign) {
        (None, _, (true, _)) => super::say(&format!(
            "procore-manifest: {shown} was no Procore manifest at {rev} (no Procore evidence): every grant is reported as added"
        )),
        (None, _, _) => super::say(&format!(
            "procore-manifest: {shown} did not exist at {rev}: every grant is reported as added"
        )),
        (_, None, (_, true)) => super::say(&format!(
            "procore-manifest: {shown} is no Procore manifest now (no Procore evidence): every grant is reported as removed"
        )),
        (_, None, _) => super::say(&format!(
            "procore-manifest: {shown} was removed since {rev}: every grant is reported as removed"
        )),
        _ => {}
    }
    Ok((
        load(format!("{rev}:{}", display_path(file)), file, old, resolved)?,
        load(display_path(file), file, new, resolved)?,
    ))
}

/// The `*.json` files under `dir` at `rev` (paths under `dir`), skipped as
/// the walk skips now: only regular files (no symlink, no submodule), none
/// under a hidden folder or a folder of dependencies or build output
/// ([`crate::workspace::discover::SKIPPED_DIRS`]).
fn tracked_at(revision: &mut Revision, dir: &Path) -> Result<Vec<PathBuf>, String> {
    let rev = revision.rev;
    let (at, rel) = git_place(dir);
    revision.verify(&at)?;
    let out = git(&at, &["ls-tree", "-r", "-z", rev, "--", &format!("./{rel}")])?;
    if !out.status.success() {
        return Err(format!(
            "git revision `{rev}` does not exist (or {} is not in a git repository)",
            display_path(dir)
        ));
    }
    let skipped = |folder: &str| {
        (folder.starts_with('.') && folder != "." && folder != "..")
            || crate::workspace::discover::SKIPPED_DIRS.contains(&folder)
    };
    Ok(out
        .stdout
        .split(|&b| b == 0)
        .filter_map(|entry| {
            // `MODE TYPE OBJECT<TAB>PATH`, PATH relative to `at`.
            let tab = entry.iter().position(|&b| b == b'\t')?;
            let (meta, name) = (&entry[..tab], String::from_utf8_lossy(&entry[tab + 1..]));
            if !(meta.starts_with(b"100644 ") || meta.starts_with(b"100755 ")) {
                return None;
            }
            let below = if rel.is_empty() {
                name.as_ref()
            } else {
                name.strip_prefix(rel.as_str())?.strip_prefix('/')?
            };
            let mut folders: Vec<&str> = below.split('/').collect();
            folders.pop();
            if folders.iter().any(|f| skipped(f)) {
                return None;
            }
            let p = dir.join(below);
            crate::workspace::discover::is_json_name(&p).then_some(p)
        })
        .collect())
}
