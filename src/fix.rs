//! Applying fixes: text edits on the original source (never a
//! re-serialisation, so key order, spacing, line ends and a BOM stay as they
//! were), re-linted after each pass until nothing changes.

use crate::diagnostics::{apply_edits, Applicability, Fix};
use crate::{lint_source, FileReport, Settings};

/// Passes before giving up: each pass re-lints and applies every fix that
/// does not overlap another; real manifests settle in one or two.
pub const MAX_PASSES: usize = 10;

/// What fixing a file did.
#[derive(Debug, Clone)]
pub struct FixOutcome {
    /// The fixed text (the original when nothing applied).
    pub text: String,
    /// How many fixes were applied.
    pub applied: usize,
    /// Fixes that were dropped, with the reason (never written).
    pub dropped: Vec<String>,
    /// The report on the final text.
    pub report: FileReport,
}

fn parses(text: &str) -> bool {
    crate::syntax::parse(text, &crate::syntax::Arena::default()).is_ok()
}

/// Fix `text` with every fix at or above `min` applicability.
pub fn fix_source(path: &str, text: &str, settings: &Settings, min: Applicability) -> FixOutcome {
    fix_source_except(path, text, settings, min, &|_| false)
}

/// [`fix_source`], leaving alone the fixes of the findings `accepted`
/// says were accepted on purpose (a risk acceptance, `[[allow]]`).
pub fn fix_source_except(
    path: &str,
    text: &str,
    settings: &Settings,
    min: Applicability,
    accepted: &dyn Fn(&crate::Diagnostic) -> bool,
) -> FixOutcome {
    let mut current = text.to_string();
    let mut applied = 0;
    let mut dropped = Vec::new();
    let mut report = lint_source(path, &current, settings);
    for _ in 0..MAX_PASSES {
        // A file that does not parse: only S001's own fix (typographic
        // quotes straightened) applies, and only when the result parses.
        if let Some(s001) = report
            .diagnostics
            .iter()
            .find(|d| d.rule == &crate::rules::structure::S001)
        {
            match s001
                .fix
                .as_deref()
                .filter(|f| f.applicability >= min && !accepted(s001))
            {
                Some(fix) => match apply_edits(&current, &fix.edits) {
                    Ok(t) if parses(&t) => {
                        current = t;
                        applied += 1;
                        report = lint_source(path, &current, settings);
                        continue;
                    }
                    _ => break,
                },
                None => break,
            }
        }
        let mut candidates: Vec<(&Fix, String)> = report
            .diagnostics
            .iter()
            .filter(|d| !accepted(d))
            .filter_map(|d| {
                d.fix
                    .as_deref()
                    .map(|f| (f, format!("{} at `{}`", d.rule.code, d.pointer)))
            })
            .filter(|(f, _)| f.applicability >= min)
            .collect();
        candidates.sort_by_key(|(f, _)| f.edits.iter().map(|e| e.span.start).min());
        // Non-overlapping fixes together, tried at once: one edit and one
        // parse of the file per pass, not one per fix (thousands of fixes
        // in one file took a minute). Only when together they fail is each
        // tried on its own, and the ones that fail alone are dropped.
        let together = non_overlapping(candidates.iter().map(|(f, _)| *f));
        let edits: Vec<_> = together.iter().flat_map(|f| f.edits.iter().cloned()).collect();
        let next = match apply_edits(&current, &edits) {
            Ok(t) if !together.is_empty() && parses(&t) => Some((t, together.len())),
            _ => {
                // Each fix must apply on its own and leave valid JSON.
                let mut valid: Vec<&Fix> = Vec::new();
                for (fix, what) in candidates {
                    match apply_edits(&current, &fix.edits) {
                        Err(_) => dropped.push(format!(
                            "fix for {what} dropped: its edits overlap or fall outside the file"
                        )),
                        Ok(t) if !parses(&t) => {
                            dropped.push(format!("fix for {what} dropped: it would make invalid JSON"))
                        }
                        Ok(_) => valid.push(fix),
                    }
                }
                let chosen = non_overlapping(valid.into_iter());
                if chosen.is_empty() {
                    break;
                }
                let edits: Vec<_> = chosen.iter().flat_map(|f| f.edits.iter().cloned()).collect();
                match apply_edits(&current, &edits) {
                    Ok(t) if parses(&t) => Some((t, chosen.len())),
                    // Together they break something: take the first alone.
                    _ => apply_edits(&current, &chosen[0].edits).ok().map(|t| (t, 1)),
                }
            }
        };
        let Some((next, n)) = next else { break };
        if next == current {
            break;
        }
        current = next;
        applied += n;
        report = lint_source(path, &current, settings);
    }
    dropped.sort();
    dropped.dedup();
    FixOutcome {
        text: current,
        applied,
        dropped,
        report,
    }
}

/// Fixes in start order, each kept when it starts past the end of the
/// last one kept (overlapping ones wait for the next pass).
fn non_overlapping<'f>(fixes: impl Iterator<Item = &'f Fix>) -> Vec<&'f Fix> {
    let mut chosen: Vec<&Fix> = Vec::new();
    let mut end = 0u32;
    for fix in fixes {
        let start = fix.edits.iter().map(|e| e.span.start).min().unwrap_or(0);
        if chosen.is_empty() || start >= end {
            end = fix.edits.iter().map(|e| e.span.end).max().unwrap_or(start);
            chosen.push(fix);
        }
    }
    chosen
}

/// A unified diff of a fix (`--diff`), with `a/` and `b/` headers. Secret
/// values are masked on both sides (never in `--diff` output).
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    patch(path.as_bytes(), old, new).0
}

/// [`unified_diff`], and whether masking a secret changed a line it shows:
/// then `git apply` and `patch` cannot take it (its lines are not the
/// file's), and the run says so. `path`: the file's real name, its bytes
/// (not a display form: the headers must name the file on disk).
pub fn patch(path: &[u8], old: &str, new: &str) -> (String, bool) {
    let (masked_old, masked_new) = (crate::secrets::masked(old), crate::secrets::masked(new));
    let diff = diff_of(path, &masked_old, &masked_new);
    let masks_a_line = (masked_old != old || masked_new != new) && diff != diff_of(path, old, new);
    (diff, masks_a_line)
}

fn diff_of(path: &[u8], old: &str, new: &str) -> String {
    // What the terminal or log shows: control, bidi, zero-width and tag
    // characters escaped in every line (the fix itself writes the bytes
    // unchanged); line ends and tabs kept.
    let (old, new) = (shown_lines(old), shown_lines(new));
    // Lines end at LF only, as git and patch read them: a bare CR is a
    // character of its line. similar ends a line at a CR too (the patch ran
    // its lines together, and a last line ending in CR lost its "No newline
    // at end of file"): a bare CR stands in as U+0001 while diffing, a
    // character no shown line holds (shown_lines escapes it).
    const CR: &str = "\u{1}";
    let bare = |t: &str| {
        t.replace("\r\n", "\n\u{2}")
            .replace('\r', CR)
            .replace("\n\u{2}", "\r\n")
    };
    let (old, new) = if old.contains('\r') || new.contains('\r') {
        (bare(&old), bare(&new))
    } else {
        (old, new)
    };
    similar::TextDiff::from_lines(&old, &new)
        .unified_diff()
        .context_radius(3)
        .header(&header_name("a/", path), &header_name("b/", path))
        .to_string()
        .replace(CR, "\r")
}

/// A header's file name as git writes it, so `git apply` and `patch -p1`
/// both read it back: C-quoted when it holds a quote, a backslash or a
/// control character; followed by a tab when it holds a space (where
/// `patch` would otherwise end the name).
fn header_name(side: &str, path: &[u8]) -> String {
    let name = [side.as_bytes(), path].concat();
    let octal = |quoted: &mut String, bytes: &[u8]| {
        for b in bytes {
            quoted.push_str(&format!("\\{b:03o}"));
        }
    };
    let plain = std::str::from_utf8(&name)
        .ok()
        .filter(|n| !n.chars().any(|c| c == '"' || c == '\\' || c.is_control()));
    let Some(name) = plain else {
        let mut quoted = String::from("\"");
        for chunk in name.utf8_chunks() {
            for c in chunk.valid().chars() {
                match c {
                    '"' => quoted.push_str("\\\""),
                    '\\' => quoted.push_str("\\\\"),
                    '\t' => quoted.push_str("\\t"),
                    '\n' => quoted.push_str("\\n"),
                    '\r' => quoted.push_str("\\r"),
                    c if c.is_control() => octal(&mut quoted, c.encode_utf8(&mut [0; 4]).as_bytes()),
                    c => quoted.push(c),
                }
            }
            // A byte that is not UTF-8, as git writes it.
            octal(&mut quoted, chunk.invalid());
        }
        quoted.push('"');
        return quoted;
    };
    if name.contains(' ') {
        return format!("{name}\t");
    }
    name.to_string()
}

#[cfg(test)]
mod header_tests {
    #[test]
    fn names_as_git_writes_them() {
        let name = |side: &str, path: &str| super::header_name(side, path.as_bytes());
        assert_eq!(name("a/", "m.json"), "a/m.json");
        assert_eq!(name("a/", "sub/a b.json"), "a/sub/a b.json\t");
        assert_eq!(name("b/", "q\"u\\o\tte.json"), r#""b/q\"u\\o\tte.json""#);
        assert_eq!(name("a/", "c\u{85}.json"), r#""a/c\302\205.json""#);
        assert_eq!(super::header_name("a/", b"x\xFFy\x7F.json"), r#""a/x\377y\177.json""#);
    }
}

/// `text` with every unsafe character but tabs and line ends escaped
/// (`\u{202e}`), as `text::sanitize_inline` does on one line. A byte order
/// mark that starts the file is kept: it is no character of the text but
/// its encoding's mark, and `git apply` and `patch` match the file's bytes
/// (escaped, the patch no longer applies).
fn shown_lines(text: &str) -> String {
    if let Some(rest) = text.strip_prefix('\u{feff}') {
        return format!("\u{feff}{}", shown_lines(rest));
    }
    if !text
        .chars()
        .any(|c| crate::text::is_unsafe_char(c) && !matches!(c, '\t' | '\n' | '\r'))
    {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let body = body.strip_suffix('\r').unwrap_or(body);
        for c in body.chars() {
            if crate::text::is_unsafe_char(c) && c != '\t' {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            } else {
                out.push(c);
            }
        }
        out.push_str(&line[body.len()..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_diff_escapes_what_a_terminal_would_obey() {
        let old = "{\r\n  \"a\": \"x\u{202e}y\u{85}\",\r\n\t\"b\": 1\r\n}\r\n";
        let new = old.replace("1", "2");
        let d = unified_diff("m.json", old, &new);
        assert!(
            d.contains("\\u{202e}") && d.contains("\\u{85}") && !d.contains('\u{202e}') && !d.contains('\u{85}'),
            "{d}"
        );
        assert!(d.contains("\t\"b\": 2\r\n"), "{d}");
    }

    #[test]
    fn fixes_several_in_one_pass_and_keeps_crlf_and_bom() {
        let text = "\u{feff}{\r\n  \"schema_version\": \"4.1\",\r\n  \"permissions\": { \"project\": { \"rfi\": \"Read Only\", \"photos\": \"none\", \"daily_log\": \"STANDARD\" } }\r\n}\r\n";
        let out = fix_source("m.json", text, &Settings::default(), Applicability::Safe);
        assert_eq!(out.applied, 3);
        assert!(out.text.starts_with('\u{feff}'));
        assert!(
            out.text.contains("\"rfi\": \"readonly\", \"daily_log\": \"standard\""),
            "{}",
            out.text
        );
        assert_eq!(out.text.matches("\r\n").count(), 4);
        let again = fix_source("m.json", &out.text, &Settings::default(), Applicability::Safe);
        assert_eq!(again.applied, 0);
        assert_eq!(again.text, out.text);
    }

    #[test]
    fn unsafe_fixes_only_when_asked() {
        let text = r#"{"schema_version": "4.1", "permissions": {"project": {"budget": "readonly"}}}"#;
        let safe = fix_source("m.json", text, &Settings::default(), Applicability::Safe);
        assert_eq!(safe.applied, 0);
        let all = fix_source("m.json", text, &Settings::default(), Applicability::Unsafe);
        assert_eq!(all.applied, 1);
        assert!(all.text.contains("\"budgeting\": \"readonly\""));
    }

    #[test]
    fn nothing_on_invalid_json() {
        let out = fix_source(
            "m.json",
            "{\"a\": \"Read Only\",}",
            &Settings::default(),
            Applicability::Unsafe,
        );
        assert_eq!(out.applied, 0);
    }
}
