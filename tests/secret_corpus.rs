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
