//! `usage MANIFEST --activity REPORT.csv`: least privilege from real
//! traffic ("usage").

use super::check::FailOn;
use super::files::io_reason;
use super::{error, EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK};
use crate::diagnostics::Applicability;
use crate::output::formats;
use crate::output::usage::UsageReport;
use crate::workspace::paths::display_path;
use crate::workspace::{lint_file, FileInput, Recognize, Resolved};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct UsageArgs {
    /// The manifest.
    #[arg(value_name = "MANIFEST")]
    manifest: PathBuf,
    /// The API Call Activity Report (CSV) from the Developer Portal's Metrics tab (`-`: standard input).
    #[arg(long, value_name = "REPORT.csv")]
    activity: PathBuf,
    #[arg(long, default_value = "human", value_parser = clap::builder::PossibleValuesParser::new(formats::names_of(formats::USAGE)))]
    format: String,
    /// The lowest severity that makes the exit code 1 [default: the
    /// config's `fail-on`, else error].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Apply the suggestions to the manifest (they are unsafe: with --unsafe-fixes).
    #[arg(long)]
    fix: bool,
    /// With --fix: apply the unsafe fixes (remove unused grants, lower levels).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Use this config file (rules, severities, fail-on, [[allow]], route
    /// map additions, catalog extras) [default: the nearest
    /// procore-manifest.toml above the manifest].
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Use no config file.
    #[arg(long)]
    no_config: bool,
}

pub fn run(args: UsageArgs) -> u8 {
    // Every input is read before the run gives up: each failure is said
    // (a bad config, the manifest, the report), not only the first.
    let resolved = super::resolve_named(args.config.as_deref(), args.no_config, &args.manifest);
    let shown = display_path(&args.manifest);
    let parsed = match super::read_named(&args.manifest).map(crate::Parsed::from_vec) {
        Ok(p) => match super::unparsable(&shown, &p) {
            None => Some(p),
            Some(e) => {
                error(e);
                None
            }
        },
        Err(e) => {
            error(e);
            None
        }
    };
    // Least privilege means nothing for another product's file: said, and
    // refused, as `permissions` and `diff` do.
    let parsed = match (parsed, &resolved) {
        (Some(p), Some(r)) if !super::shows_procore_evidence(&args.manifest, &p, r) => {
            error(super::foreign_note(&shown));
            None
        }
        (p, _) => p,
    };
    let activity = read_activity(&args.activity).map_err(error).ok();
    let (Some(resolved), Some(parsed), Some(activity)) = (resolved, parsed, activity) else {
        return EXIT_FAILURE;
    };
    // The one per-file pipeline, with the report among the settings: the
    // U rules, the config's `[[allow]]`, the final redaction and the one
    // fix engine, as for `check`.
    let mut settings = (*resolved.settings).clone();
    let config = resolved.config.as_deref();
    select_usage_rules(&mut settings, config);
    let fail_on = args
        .fail_on
        .or_else(|| config.and_then(|c| c.fail_on).map(FailOn::from))
        .unwrap_or(FailOn::Error);
    settings.activity = Some(std::sync::Arc::new(crate::usage::calls::Input::new(activity)));
    let resolved = Resolved {
        config: resolved.config,
        settings: std::sync::Arc::new(settings),
    };
    let today = crate::workspace::allows::today();
    let text = parsed.text().to_string();
    let input = |parsed| FileInput {
        shown: &shown,
        path: Some(&args.manifest),
        parsed,
        recognize: Recognize::Named {
            skip_non_manifests: false,
        },
        keep_tree: false,
        cancel: None,
    };
    let fix = args.fix.then_some(if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    });
    let Some(linted) = lint_file(input(parsed), &resolved, fix, &today) else {
        return EXIT_FAILURE; // not reached: a named file is always linted
    };
    // The risk once every suggestion is applied: the report on the fixed
    // text when the run applied them all, else the fix engine on a copy.
    let risk_after = if fix == Some(Applicability::Unsafe) {
        linted.report.risk
    } else {
        let after = crate::Parsed::from_text(text);
        lint_file(input(after), &resolved, Some(Applicability::Unsafe), &today).and_then(|l| l.report.risk)
    };
    if let Some(fixed) = &linted.fixed {
        if fixed.applied > 0 {
            if let Err(e) = super::write_fixed(&args.manifest, fixed.text.as_bytes()) {
                error(format!("{shown}: cannot write the fixes: {}", io_reason(&e)));
                return EXIT_FAILURE;
            }
            super::say(&format!("procore-manifest: applied {} fixes to {shown}", fixed.applied));
        } else if !args.unsafe_fixes && linted.report.diagnostics.iter().any(|d| d.fix.is_some()) {
            super::say("procore-manifest: the usage fixes are unsafe (they change what the app can do): add --unsafe-fixes to apply them");
        }
    }
    let report = &linted.report;
    let facts = report.usage.as_deref().cloned().unwrap_or_default();
    let risk_before = report.risk.unwrap_or(crate::risk::Risk::None);
    // Every suggestion: the removals and lowerings (the fix engine's), and
    // the grants U003 asks for.
    let asked = facts.asked.iter().map(|(scope, tool, level)| {
        crate::risk::grant_risk(crate::risk::Grant {
            scope: *scope,
            tool,
            level: *level,
        })
    });
    let risk_after = asked.fold(risk_after.unwrap_or(risk_before), Ord::max);
    let view = UsageReport::new(report, &facts, risk_after);
    let render = formats::pick(formats::USAGE, &args.format);
    let written = {
        use std::io::Write;
        let mut stdout = std::io::stdout().lock();
        render(&view, &mut stdout).and_then(|()| stdout.flush())
    };
    if let Err(e) = written {
        if super::out::report_failure("the usage report", &e) == super::out::Written::Failed {
            return EXIT_FAILURE;
        }
    }
    match fail_on.threshold() {
        Some(t) if view.findings.iter().any(|d| d.severity >= t) => EXIT_FINDINGS,
        _ => EXIT_OK,
    }
}

/// The activity report, streamed from its file or, named `-`, from
/// standard input; why not, with the file and line.
fn read_activity(path: &std::path::Path) -> Result<crate::usage::activity::Activity, String> {
    use crate::usage::activity::read;
    let (shown, read) = if path.as_os_str() == "-" {
        ("-".to_string(), read(std::io::stdin().lock()))
    } else {
        super::regular_file(path)?;
        let shown = display_path(path);
        match std::fs::File::open(path) {
            Ok(f) => (shown, read(std::io::BufReader::new(f))),
            Err(e) => return Err(format!("{shown}: {}", io_reason(&e))),
        }
    };
    read.map_err(|e| format!("{shown}:{}: {}", e.line, e.message))
}

/// The U rules run only here: a config whose `select` names none of them
/// (written for `check`: `select = ["P", "R"]`) does not turn them off;
/// its `ignore` still turns off the ones it names (`ignore = ["U001"]`:
/// U001 alone). When none is left on, the run says so (a selector never
/// turns every rule off unsaid).
fn select_usage_rules(settings: &mut crate::settings::Settings, config: Option<&crate::workspace::config::Config>) {
    use crate::rules::usage::{U001, U002, U003, U004};
    let rules = &mut settings.rules;
    if !rules.select.iter().any(|s| s.starts_with('U')) {
        rules.select.push("U".into());
    }
    if ![&U001, &U002, &U003, &U004].iter().any(|r| settings.is_enabled(r)) {
        let from = config.map_or("the selection".to_string(), |c| display_path(&c.path));
        super::note(format!(
            "{from} turns every usage rule (U001-U004) off: the report lists the calls and no finding"
        ));
    }
}
