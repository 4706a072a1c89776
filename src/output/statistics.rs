//! `--statistics`: instead of the findings, one line per rule with its
//! count and how many of them a fix could resolve, most frequent first
//! (code order on a tie); `--format json` gives
//! `{ "version": 1, "statistics": [ { "code", "name", "count", "fixable" } ] }`.

use super::{EmitContext, Emitter, Summary};
use crate::rules::RuleMeta;
use crate::FileReport;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Counts per rule over a run.
#[derive(Default)]
pub struct Statistics {
    json: bool,
    counts: BTreeMap<&'static str, (&'static RuleMeta, usize, usize)>,
}

impl Statistics {
    pub fn new(json: bool) -> Self {
        Statistics {
            json,
            counts: BTreeMap::new(),
        }
    }
}

impl Emitter for Statistics {
    fn file(&mut self, _w: &mut dyn Write, r: &FileReport, _cx: &EmitContext) -> io::Result<()> {
        for d in r.diagnostics.iter().filter(|d| d.is_active()) {
            let e = self.counts.entry(d.rule.code).or_insert((d.rule, 0, 0));
            e.1 += 1;
            e.2 += usize::from(d.fix.is_some());
        }
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary, _cx: &EmitContext) -> io::Result<()> {
        let mut rows: Vec<_> = self.counts.values().collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.code.cmp(b.0.code)));
        if self.json {
            let stats: Vec<_> = rows
                .iter()
                .map(|(r, n, f)| serde_json::json!({ "code": r.code, "name": r.name, "count": n, "fixable": f }))
                .collect();
            let mut doc = serde_json::json!({ "version": 1, "statistics": stats });
            if !summary.failed.is_empty() {
                doc["failed"] = serde_json::to_value(&summary.failed).map_err(io::Error::other)?;
            }
            return w.write_all(super::pretty::document(&doc).as_bytes());
        }
        for (r, n, f) in rows {
            let fixable = if *f > 0 {
                format!(" ({f} fixable)")
            } else {
                String::new()
            };
            writeln!(w, "{n:>6}  {:<5} {}{fixable}", r.code, r.name)?;
        }
        for f in &summary.failed {
            writeln!(
                w,
                "could not be checked: {}",
                crate::text::sanitize_inline(&f.message())
            )?;
        }
        Ok(())
    }
}
