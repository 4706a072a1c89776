//! The Markdown outputs, rendered by a real CommonMark + GFM renderer
//! (comrak: tables, autolinks, strikethrough, raw HTML allowed as GitHub
//! allows much of it): no manifest text becomes an element.

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_procore-manifest"))
}

/// Manifest text that would render as markup if it were not escaped.
const HOSTILE: &[&str] = &[
    "<img src=x onerror=alert(1)>",
    "[click](https://evil.example/x)",
    "![img](https://evil.example/i.png)",
    "**bold**",
    "_em_",
    "~~strike~~",
    "@admin",
    "https://evil.example/auto",
    "www.evil.example",
    "a|b",
    "``tick`s",
    "<script>x</script>",
    "# heading",
];

fn render(md: &str) -> String {
    let mut o = comrak::Options::default();
    o.extension.table = true;
    o.extension.autolink = true;
    o.extension.strikethrough = true;
    o.render.r#unsafe = true;
    comrak::markdown_to_html(md, &o)
}

/// The hostile manifest: the string as a tool key, a level, a view and in a URL.
fn manifest(i: usize) -> String {
    let h = HOSTILE[i];
    let mut company = serde_json::Map::new();
    company.insert(h.to_string(), serde_json::json!(h));
    company.insert("directory".into(), serde_json::json!("admin"));
    let v = serde_json::json!({
        "schema_version": "4.1",
        "sidepanel": {
            "uuid": "0f8fad5b-d9cb-469f-a165-70867728950e",
            "source_url": format!("https://app.acme.io/?x={h}"),
            "views": [h]
        },
        "permissions": { "company": company, "project": { h: "readonly" } }
    });
    serde_json::to_string_pretty(&v).expect("json")
}

fn assert_inert(html: &str, what: &str) {
    for tag in ["<img", "<a ", "<em>", "<del>", "<script", "<h1", "<h2"] {
        assert!(!html.contains(tag), "{what}: manifest text became {tag}:\n{html}");
    }
    // Mentions: GitHub links `@name` in text (not in code); a zero-width
    // space breaks it.
    let mut outside_code = String::new();
    for (i, part) in html.split("<code>").enumerate() {
        outside_code.push_str(if i == 0 {
            part
        } else {
            part.split_once("</code>").map_or("", |(_, rest)| rest)
        });
    }
    assert!(!outside_code.contains("@admin"), "{what}: a mention survived:\n{html}");
    // Every table row has as many cells as its header.
    for table in html.split("<table>").skip(1) {
        let table = &table[..table.find("</table>").unwrap_or(table.len())];
        let head = table.matches("<th>").count() + table.matches("<th ").count();
        for row in table.split("<tr>").skip(2) {
            assert_eq!(row.matches("<td").count(), head, "{what}: a row was split:\n{row}");
        }
    }
}

#[test]
fn permissions_and_diff_markdown_render_literally() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clean = dir.path().join("old.manifest.json");
    std::fs::write(
        &clean,
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly"}}}"#,
    )
    .expect("write");
    for (i, hostile) in HOSTILE.iter().enumerate() {
        let path = dir.path().join("new.manifest.json");
        std::fs::write(&path, manifest(i)).expect("write");
        let out = bin()
            .args(["permissions", "--format", "markdown"])
            .arg(&path)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let md = String::from_utf8(out.stdout).expect("utf-8");
        assert_inert(&render(&md), &format!("permissions with {hostile}"));
        let out = bin()
            .args(["diff", "--format", "markdown"])
            .arg(&clean)
            .arg(&path)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let md = String::from_utf8(out.stdout).expect("utf-8");
        let html = render(&md);
        assert_inert(&html, &format!("diff with {hostile}"));
        assert!(html.contains("<table>"), "{md}");
    }
}

#[test]
fn a_file_name_never_starts_a_workflow_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let name = "::error title=x::pwned.manifest.json";
    std::fs::write(
        dir.path().join(name),
        r#"{"schema_version": "4.1", "permissions": {"company": {"directory": "admin"}}}"#,
    )
    .expect("write");
    for format in ["human", "concise"] {
        let out = bin()
            .current_dir(dir.path())
            .args(["check", ".", "--color", "never", "--format", format])
            .output()
            .expect("run");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("./::error"), "{format}: {text}");
        for line in text.lines() {
            assert!(!line.starts_with("::"), "{format}: {line}");
        }
    }
}

/// The text a reader sees in HTML: tags dropped, entities decoded.
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The contents of every `<code>` element, decoded.
fn code_spans(html: &str) -> Vec<String> {
    html.split("<code>")
        .skip(1)
        .filter_map(|part| part.split_once("</code>").map(|(code, _)| visible(code)))
        .collect()
}

/// A key holding runs of one, two or three backticks, at its start, inside
/// and at its end, renders as itself in `check`'s markdown report and in the
/// GitHub job summary: in the message and the help of every finding that
/// names it, and a quoted level holding a backtick renders as itself too.
#[test]
fn check_markdown_renders_keys_with_backticks_literally() {
    let dir = tempfile::tempdir().expect("tempdir");
    let summary = dir.path().join("summary.md");
    let keys = [
        "`",
        "``",
        "`a",
        "a`",
        "a`b",
        "``a",
        "a``",
        "a``b",
        "```a",
        "a```",
        "a```b",
        "ev`il``tool",
        "` a `",
    ];
    for key in keys {
        let path = dir.path().join("m.manifest.json");
        let v = serde_json::json!({
            "schema_version": "4.1",
            "permissions": { "company": { key: "ADMIN", "documents": "ad`min" } }
        });
        std::fs::write(&path, v.to_string()).expect("write");
        let _ = std::fs::remove_file(&summary);
        let report = bin()
            .args(["check", "--no-config", "--format", "markdown"])
            .arg(&path)
            .output()
            .expect("run");
        let gh = bin()
            .args(["check", "--no-config", "--format", "github"])
            .arg(&path)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .output()
            .expect("run");
        assert_eq!(gh.status.code(), Some(1), "{}", String::from_utf8_lossy(&gh.stderr));
        let job_summary = std::fs::read_to_string(&summary).expect("job summary");
        for (what, md) in [
            ("markdown", String::from_utf8(report.stdout).expect("utf-8")),
            ("job summary", job_summary),
        ] {
            let html = render(&md);
            let text = visible(&html);
            for expected in [
                format!("unknown company tool {key}"),
                format!("invalid permission level \"ADMIN\" for {key}:"),
                "invalid permission level \"ad`min\" for documents:".to_string(),
                format!("company-level Admin on {key}:"),
            ] {
                assert!(
                    text.contains(&expected),
                    "{what}, {key:?}: no {expected:?} in\n{md}\n{html}"
                );
            }
            let named = code_spans(&html).iter().filter(|c| *c == key).count();
            assert_eq!(named, 3, "{what}, {key:?}: the key as code spans:\n{md}\n{html}");
        }
    }
}
