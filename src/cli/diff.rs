//! `diff OLD NEW` and `diff --base REF FILE`.

use super::{error, lint_one, ColorChoice, EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK};
use crate::diff::{compare, Side};
use crate::output::formats;
use crate::workspace::paths::display_path;
use crate::workspace::{ConfigSource, Resolved, Resolver};
use crate::Parsed;
use clap::Args;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// OLD and NEW manifests; with --base, only the file.
    #[arg(value_name = "FILE", num_args = 1..=2, required = true)]
    files: Vec<PathBuf>,
    /// Compare FILE with its version at this git revision.
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
    if let Err(e) = parsed.tree() {
        let lines = crate::source::LineIndex::new(parsed.text());
        let pos = lines.position(parsed.text(), e.span.start as usize);
        return Err(format!(
            "{name}:{}:{}: S001 invalid-json: {}",
            pos.line, pos.column, e.message
        ));
    }
    // Always there: a named file is linted as a manifest, its tree kept.
    let (report, Some(kept)) = lint_one(&name, path, parsed, resolved) else {
        return Err(format!("{name}: not linted as a manifest"));
    };
    Ok(Loaded {
        name,
        parsed: Some((kept, report)),
    })
}

/// The file at a git revision: `Ok(None)` when the revision exists but the
/// file did not exist there.
fn at_revision(rev: &str, path: &Path) -> Result<Option<Vec<u8>>, String> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let verify = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !verify.status.success() {
        return Err(format!(
            "git revision `{rev}` does not exist (or {} is not in a git repository)",
            dir.display()
        ));
    }
    let show = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["show", &format!("{rev}:./{name}")])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if show.status.success() {
        Ok(Some(show.stdout))
    } else {
        // The revision exists: the file did not, so everything in it is new.
        Ok(None)
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
    let source = ConfigSource::from_flags(args.config.as_deref(), args.no_config);
    let anchor = args.files.last().map_or(Path::new("."), |p| p.as_path());
    let resolved = match Resolver::new(source, Default::default()).resolve(anchor) {
        Ok(r) => r,
        Err(e) => {
            eprint!("{}", crate::output::human::render_config_error(&e, false));
            return EXIT_FAILURE;
        }
    };
    let settings = &resolved.settings;
    let sides = match (&args.base, args.files.as_slice()) {
        (Some(rev), [file]) => at_revision(rev, file).and_then(|old| {
            if old.is_none() {
                eprintln!(
                    "procore-manifest: {} did not exist at {rev}: every grant is reported as added",
                    display_path(file)
                );
            }
            let old = load(format!("{rev}:{}", display_path(file)), file, old, &resolved)?;
            let new = load(display_path(file), file, Some(super::read_named(file)?), &resolved)?;
            Ok((old, new))
        }),
        (None, [old, new]) => super::read_named(old)
            .and_then(|o| load(display_path(old), old, Some(o), &resolved))
            .and_then(|o| {
                Ok((
                    o,
                    load(display_path(new), new, Some(super::read_named(new)?), &resolved)?,
                ))
            }),
        (Some(_), _) => Err("with --base, give one FILE".into()),
        (None, _) => Err("give OLD and NEW, or --base GIT_REF FILE".into()),
    };
    let (old, new) = match sides {
        Ok(s) => s,
        Err(e) => {
            error(e);
            return EXIT_FAILURE;
        }
    };
    let report = compare(&side(&old), &side(&new), settings);
    let text = formats::pick(formats::DIFF, &args.format)(&report, args.color.enabled(std::io::stdout().is_terminal()));
    if super::out::write("the diff", &text) == super::out::Written::Failed {
        return EXIT_FAILURE;
    }
    if args.fail_on_escalation && report.escalation {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
