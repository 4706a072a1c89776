//! The secret detector measured like a secret scanner: a labelled corpus
//! (`tests/data/secrets-corpus/`, made by its `generate.py`) of planted
//! credentials in many forms and positions, and look-alikes that are not
//! credentials. A planted credential counts as found when the file gets an
//! R007 finding and the credential is masked (`secrets::mask` over the
//! report's secret spans leaves none of it); a look-alike counts as a false
//! alarm when the file gets any R007 finding or any masked span. Prints
//! recall and precision; holds recall >= 98% and precision >= 99%.

use procore_manifest::{lint_source, Settings};

struct Case {
    id: String,
    form: String,
    text: String,
    secret: Option<String>,
}

fn load(name: &str) -> Vec<Case> {
    let path = format!("{}/tests/data/secrets-corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("read the corpus");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a corpus line is JSON");
            Case {
                id: v["id"].as_str().unwrap_or_default().to_string(),
                form: v["form"].as_str().unwrap_or_default().to_string(),
                text: v["text"].as_str().unwrap_or_default().to_string(),
                secret: v["secret"].as_str().map(str::to_string),
            }
        })
        .collect()
}

/// (flagged with R007, every byte of `secret` masked).
fn detect(c: &Case) -> (bool, bool) {
    let r = lint_source("manifest.json", &c.text, &Settings::default());
    let flagged = r.diagnostics.iter().any(|d| d.rule.code == "R007");
    let masked = procore_manifest::secrets::mask(&c.text, &r.secret_spans);
    let covered = c.secret.as_deref().is_none_or(|s| !masked.contains(s));
    (flagged || !r.secret_spans.is_empty(), flagged && covered)
}

#[test]
fn recall_and_precision_on_the_labelled_corpus() {
    let planted = load("planted.jsonl");
    let lookalikes = load("lookalikes.jsonl");
    assert!(planted.len() >= 150 && lookalikes.len() >= 300);
    let mut missed = Vec::new();
    for c in &planted {
        if !detect(c).1 {
            missed.push(format!("{} ({})", c.id, c.form));
        }
    }
    let mut false_alarms = Vec::new();
    for c in &lookalikes {
        if detect(c).0 {
            false_alarms.push(format!("{} ({})", c.id, c.form));
        }
    }
    let found = planted.len() - missed.len();
    let recall = found as f64 / planted.len() as f64;
    let precision = found as f64 / (found + false_alarms.len()).max(1) as f64;
    println!(
        "secret detector: recall {:.1}% ({found}/{}), precision {:.1}% ({} false alarms on {} look-alikes)",
        recall * 100.0,
        planted.len(),
        precision * 100.0,
        false_alarms.len(),
        lookalikes.len()
    );
    println!("missed: {missed:?}");
    println!("false alarms: {false_alarms:?}");
    assert!(recall >= 0.98, "recall {recall:.3}; missed: {missed:?}");
    assert!(
        precision >= 0.99,
        "precision {precision:.3}; false alarms: {false_alarms:?}"
    );
}

/// Every output of every planted credential's file: each `check` format of
/// the format registry (also `--statistics` and `--show-suppressed`), the
/// baseline entries, the permission matrix in its four formats and the
/// `usage` report in its three; none holds the credential.
#[test]
fn no_output_holds_a_planted_credential() {
    use procore_manifest::output::{self, formats, EmitContext};
    use procore_manifest::workspace::baseline::BaselineEntry;
    let cx = EmitContext {
        color: false,
        width: 100,
    };
    let mut leaks = Vec::new();
    for c in load("planted.jsonl") {
        let secret = c.secret.as_deref().expect("planted");
        let settings = Settings::default();
        let report = lint_source("manifest.json", &c.text, &settings);
        let mut outputs: Vec<(String, String)> = Vec::new();
        for f in formats::FORMATS {
            for (mode, options) in [
                ("", formats::EmitOptions::default()),
                (
                    " --statistics",
                    formats::EmitOptions {
                        statistics: true,
                        ..Default::default()
                    },
                ),
                (
                    " --show-suppressed",
                    formats::EmitOptions {
                        show_suppressed: true,
                        ..Default::default()
                    },
                ),
            ] {
                let mut buf = Vec::new();
                f.emitter(&options)
                    .emit(&mut buf, std::slice::from_ref(&report), &cx)
                    .expect("emit");
                outputs.push((format!("{}{mode}", f.name), String::from_utf8_lossy(&buf).into_owned()));
            }
        }
        let entries: Vec<BaselineEntry> = report
            .diagnostics
            .iter()
            .map(|d| BaselineEntry::of(&report, d))
            .collect();
        outputs.push(("baseline".into(), serde_json::to_string(&entries).expect("baseline")));
        let arena = procore_manifest::syntax::Arena::default();
        if let Ok(tree) = procore_manifest::syntax::parse(&c.text, &arena) {
            let m = output::permissions::matrix(&tree, &report, &settings);
            outputs.push(("permissions table".into(), output::permissions::table(&m)));
            outputs.push(("permissions markdown".into(), output::permissions::markdown(&m)));
            outputs.push(("permissions json".into(), output::permissions::json(&m)));
            outputs.push(("permissions csv".into(), output::permissions::csv(&m)));
            let csv = "Date,Response Code,HTTP Method,Normalized Route,Count\n2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,3\n";
            let mut with = settings.clone();
            with.activity = Some(std::sync::Arc::new(procore_manifest::usage::calls::Input::new(
                procore_manifest::usage::activity::read(csv.as_bytes()).expect("report"),
            )));
            let u = lint_source("manifest.json", &c.text, &with);
            let facts = u.usage.as_deref().cloned().unwrap_or_default();
            let view = output::usage::UsageReport::new(&u, &facts, procore_manifest::risk::Risk::None);
            outputs.push(("usage human".into(), output::usage::human(&view)));
            outputs.push(("usage json".into(), output::usage::json(&view)));
            outputs.push(("usage markdown".into(), output::usage::markdown(&view)));
        }
        for (name, text) in outputs {
            if text.contains(secret) {
                leaks.push(format!("{} ({}): {name}", c.id, c.form));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "{} outputs hold a planted credential: {leaks:?}",
        leaks.len()
    );
}
