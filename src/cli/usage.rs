//! `usage MANIFEST --activity REPORT.csv`: least privilege from real
//! traffic (CLI.md "usage").

use super::check::{io_reason, FailOn};
use super::{error, EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK};
use crate::workspace::paths::display_path;
use crate::workspace::{ConfigSource, Resolver};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct UsageArgs {
    /// The manifest.
    #[arg(value_name = "MANIFEST")]
    manifest: PathBuf,
    /// The API Call Activity Report (CSV) from the Developer Portal's Metrics tab.
    #[arg(long, value_name = "REPORT.csv")]
    activity: PathBuf,
    #[arg(long, value_enum, default_value_t = UsageFormat::Human)]
    format: UsageFormat,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Apply the suggestions to the manifest (they are unsafe: with --unsafe-fixes).
    #[arg(long)]
    fix: bool,
    /// With --fix: apply the unsafe fixes (remove unused grants, lower levels).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Use this config file (route map additions, catalog extras).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Use no config file.
    #[arg(long)]
    no_config: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum UsageFormat {
    Human,
    Json,
    Markdown,
}

pub fn run(args: UsageArgs) -> u8 {
    let source = ConfigSource::from_flags(args.config.as_deref(), args.no_config);
    let resolved = match Resolver::new(source, Default::default()).resolve(&args.manifest) {
        Ok(r) => r,
        Err(e) => {
            eprint!("{}", crate::output::human::render_config_error(&e, false));
            return EXIT_FAILURE;
        }
    };
    // The activity report is streamed: here it is only checked.
    let bytes = super::read_named(&args.manifest).and_then(|b| super::regular_file(&args.activity).map(|()| b));
    let shown = display_path(&args.manifest);
    let parsed = match bytes.map(crate::Parsed::from_vec) {
        Ok(p) => match p.tree() {
            Ok(_) => p,
            Err(e) => {
                error(format!(
                    "{shown}: S001 {} (fix the JSON first: `procore-manifest check {shown}`)",
                    e.message
                ));
                return EXIT_FAILURE;
            }
        },
        Err(e) => {
            error(e);
            return EXIT_FAILURE;
        }
    };
    let (text, Ok(root)) = (parsed.text(), parsed.tree()) else {
        return EXIT_FAILURE; // not reached: checked above
    };
    let activity = match std::fs::File::open(&args.activity) {
        Ok(f) => match crate::usage::activity::read(std::io::BufReader::new(f)) {
            Ok(a) => a,
            Err(e) => {
                error(format!("{}:{}: {}", display_path(&args.activity), e.line, e.message));
                return EXIT_FAILURE;
            }
        },
        Err(e) => {
            error(format!("{}: {}", display_path(&args.activity), io_reason(&e)));
            return EXIT_FAILURE;
        }
    };
    let report = crate::usage::analyze(&shown, text, root, &activity, &resolved.settings);
    if args.fix {
        let min = if args.unsafe_fixes {
            crate::diagnostics::Applicability::Unsafe
        } else {
            crate::diagnostics::Applicability::Safe
        };
        let edits: Vec<crate::diagnostics::Edit> = report
            .findings
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .filter(|f| f.applicability >= min)
            .flat_map(|f| f.edits.iter().cloned())
            .collect();
        if !edits.is_empty() {
            let fixed = match crate::diagnostics::apply_edits(text, &edits) {
                Ok(t) => t,
                Err(e) => {
                    error(format!("{shown}: the fixes overlap and were not applied: {e:?}"));
                    return EXIT_FAILURE;
                }
            };
            if let Err(e) = super::write_fixed(&args.manifest, fixed.as_bytes()) {
                error(format!("{shown}: cannot write the fixes: {}", io_reason(&e)));
                return EXIT_FAILURE;
            }
            eprintln!("procore-manifest: applied {} fixes to {shown}", edits.len());
        } else if !args.unsafe_fixes {
            eprintln!("procore-manifest: the usage fixes are unsafe (they change what the app can do): add --unsafe-fixes to apply them");
        }
    }
    let out = match args.format {
        UsageFormat::Human => crate::output::usage::human(&report),
        UsageFormat::Json => crate::output::usage::json(&report),
        UsageFormat::Markdown => crate::output::usage::markdown(&report),
    };
    if super::out::write("the usage report", &out) == super::out::Written::Failed {
        return EXIT_FAILURE;
    }
    match args.fail_on.threshold() {
        Some(t) if report.findings.iter().any(|d| d.severity >= t) => EXIT_FINDINGS,
        _ => EXIT_OK,
    }
}
