//! `permissions FILE`: the permission matrix a manifest requests, per
//! scope, with risk marks and the rating.

use super::{error, formats, out, read_named, unparsable, EXIT_FAILURE};
use crate::workspace::paths::display_path;
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct PermissionsArgs {
    /// The manifest file (`-` for standard input).
    file: PathBuf,
    #[arg(long, default_value = "table", value_parser = clap::builder::PossibleValuesParser::new(formats::names_of(formats::MATRIX)))]
    format: String,
    /// Use this config file (catalog extras, limits, `[[allow]]`) [default:
    /// the nearest procore-manifest.toml above the file].
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Use no config file.
    #[arg(long)]
    no_config: bool,
    /// The path standard input stands for (`-`): its name in the report and
    /// where its config is found (an editor's unsaved buffer).
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
}

pub fn run(args: &PermissionsArgs) -> u8 {
    use crate::output::permissions as p;
    let stdin = args.file.as_os_str() == "-";
    // Every input is read before the run gives up: each failure is said
    // (the file, the config), not only the first.
    let bytes = if stdin {
        let mut b = Vec::new();
        match std::io::Read::read_to_end(&mut std::io::stdin(), &mut b) {
            Ok(_) => Some(b),
            Err(e) => {
                error(format!("cannot read standard input: {e}"));
                None
            }
        }
    } else {
        if args.stdin_filename.is_some() {
            super::note("--stdin-filename is ignored: no `-` (standard input) among the paths");
        }
        read_named(&args.file).map_err(error).ok()
    };
    // The config applies here as in `check` (catalog extras, limits,
    // acceptances): the nearest one above the file, or the named one.
    let anchor: &Path = match (stdin, &args.stdin_filename) {
        (true, Some(name)) => name,
        (true, None) => Path::new("stdin.json"),
        (false, _) => &args.file,
    };
    let shown = if stdin && args.stdin_filename.is_none() {
        "-".to_string()
    } else {
        display_path(anchor)
    };
    let resolved = super::resolve_named(args.config.as_deref(), args.no_config, anchor);
    let parsed = bytes
        .map(|b| crate::Parsed::from_bytes(&b))
        .filter(|p| match unparsable(&shown, p) {
            Some(e) => {
                error(e);
                false
            }
            None => true,
        });
    let (Some(resolved), Some(parsed)) = (resolved, parsed) else {
        return EXIT_FAILURE;
    };
    let (report, kept) = match super::lint_one(&shown, anchor, parsed, &resolved) {
        Ok(r) => r,
        Err(e) => {
            error(e);
            return EXIT_FAILURE;
        }
    };
    // Always there: a named file is linted as a manifest, its tree kept.
    let Some(root) = kept.as_ref().and_then(|k| k.tree().as_ref().ok()) else {
        error(format!("{shown}: not linted as a manifest"));
        return EXIT_FAILURE;
    };
    let m = p::matrix(root, &report, &resolved.settings);
    let text = formats::pick(formats::MATRIX, &args.format)(&m);
    out::print("the permissions", &text)
}
