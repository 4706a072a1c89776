//! The command line's rule options (`--select`, `--ignore`, `--severity`),
//! checked once for every front end.

use crate::diagnostics::Severity;
use crate::settings::Selection;
use std::collections::BTreeMap;

/// Rule options given on the command line (or the playground's fields),
/// checked: an empty selector, one that matches no rule, or a malformed
/// `CODE=LEVEL` is an error naming the flag. They beat each config's (see
/// `Settings::is_enabled`).
pub fn checked(select: &[String], ignore: &[String], severity_specs: &[String]) -> Result<Selection, String> {
    let canonical = |flag: &str, list: &[String]| -> Result<Vec<String>, String> {
        list.iter()
            .map(|s| {
                if s.trim().is_empty() {
                    return Err(format!(
                        "`{flag}` has an empty selector (a trailing comma, or an empty variable?): it would turn every rule {}",
                        if flag == "--ignore" { "off" } else { "on" }
                    ));
                }
                crate::rules::registry::canonical_selector(s).ok_or_else(|| {
                    format!(
                        "`{flag} {}` matches no rule: use a code (R001), a prefix (R, P00), a rule's name or ALL",
                        crate::text::echo(s)
                    )
                })
            })
            .collect()
    };
    let select = canonical("--select", select)?;
    let ignore = canonical("--ignore", ignore)?;
    let mut severity = BTreeMap::new();
    for spec in severity_specs {
        let (code, level) = spec
            .split_once('=')
            .ok_or_else(|| format!("`--severity {spec}`: expected CODE=LEVEL, e.g. P002=error"))?;
        let code = crate::rules::registry::canonical_selector(code).ok_or_else(|| {
            format!(
                "`--severity {}`: `{}` matches no rule (an empty code would set every rule's severity)",
                crate::text::echo(spec),
                crate::text::echo(code)
            )
        })?;
        let level = Severity::parse(level)
            .ok_or_else(|| format!("`--severity {spec}`: the level must be error, warning or info"))?;
        severity.insert(code, level);
    }
    Ok(Selection {
        select,
        ignore,
        severity,
    })
}

/// [`checked`], for `check`: a selection that leaves `check` no rule that
/// looks at a manifest (`--select U`, the rules of `usage --activity`;
/// `X002`, an editor's; `X001` alone, which only audits the config's
/// `[[allow]]` entries; `--ignore ALL`) is an error too: every file would
/// pass unchecked. Judged against the default config here; a config's own
/// selection is judged with the command line's when it is read.
pub fn checked_for_check(select: &[String], ignore: &[String], severity: &[String]) -> Result<Selection, String> {
    let selection = checked(select, ignore, severity)?;
    let settings = crate::Settings {
        cli: selection.clone(),
        ..Default::default()
    };
    if !crate::rules::registry::checks_manifests(&settings) {
        let mut flags = Vec::new();
        if !select.is_empty() {
            flags.push(format!("--select {}", crate::text::echo(&select.join(","))));
        }
        if !ignore.is_empty() {
            flags.push(format!("--ignore {}", crate::text::echo(&ignore.join(","))));
        }
        return Err(format!(
            "`{}` leaves no rule that checks a manifest (the U rules run in `usage --activity`; X002 in editors; X001 only audits the config's [[allow]] entries): every file would pass unchecked",
            flags.join(" ")
        ));
    }
    Ok(selection)
}
