//! `diff`: every change kind in the three formats, a 3.x → 4.1 migration,
//! `--base` in a temporary git repository, and bad input.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

fn bin() -> Command {
    let mut c = Command::cargo_bin("procore-manifest").expect("binary");
    c.env_remove("NO_COLOR");
    c
}

fn data(name: &str) -> String {
    format!("{}/tests/data/diff/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin().args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).replace(env!("CARGO_MANIFEST_DIR"), "[ROOT]"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_change_kind_in_three_formats() {
    for format in ["human", "markdown", "json"] {
        let (code, out, _) = run(&[
            "diff",
            "--no-config",
            "--color",
            "never",
            "--format",
            format,
            &data("old.json"),
            &data("new.json"),
        ]);
        assert_eq!(code, 0);
        insta::assert_snapshot!(format!("diff_all_kinds_{format}"), out);
    }
    let (_, out, _) = run(&[
        "diff",
        "--no-config",
        "--format",
        "json",
        &data("old.json"),
        &data("new.json"),
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let kinds: std::collections::BTreeSet<&str> = v["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter_map(|c| c["kind"].as_str())
        .collect();
    for k in [
        "tool-added",
        "level-raised",
        "level-lowered",
        "tool-removed",
        "url-added",
        "url-changed",
        "view-added",
        "view-removed",
    ] {
        assert!(kinds.contains(k), "missing {k}: {kinds:?}");
    }
    // CLI.md's shape, with its top-level version.
    let keys: Vec<&str> = v.as_object().expect("an object").keys().map(String::as_str).collect();
    assert_eq!(keys, ["version", "old", "new", "risk", "escalation", "changes"]);
    assert_eq!(v["version"], 1);
    assert_eq!(v["escalation"], true);
    assert_eq!(v["risk"]["before"], "medium");
    assert_eq!(v["risk"]["after"], "critical");
    let added = v["changes"]
        .as_array()
        .expect("c")
        .iter()
        .find(|c| c["key"] == "directory")
        .expect("directory");
    assert_eq!(added["rules"][0], "R001");
}

#[test]
fn fail_on_escalation() {
    let (code, _, _) = run(&[
        "diff",
        "--no-config",
        "--fail-on-escalation",
        &data("old.json"),
        &data("new.json"),
    ]);
    assert_eq!(code, 1);
    let (code, _, _) = run(&[
        "diff",
        "--no-config",
        "--fail-on-escalation",
        &data("new.json"),
        &data("old.json"),
    ]);
    assert_eq!(code, 1, "the way back adds back the tools the new version dropped");
    let (code, out, _) = run(&[
        "diff",
        "--no-config",
        "--fail-on-escalation",
        &data("old.json"),
        &data("old.json"),
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("No changes"));
}

#[test]
fn migration_3x_to_41_moves_permissions_and_changes_grant_type() {
    for format in ["human", "markdown", "json"] {
        let (_, out, _) = run(&[
            "diff",
            "--no-config",
            "--color",
            "never",
            "--format",
            format,
            &data("v3-client-credentials.json"),
            &data("v41-migrated.json"),
        ]);
        insta::assert_snapshot!(format!("diff_migration_{format}"), out);
    }
    let (_, out, _) = run(&[
        "diff",
        "--no-config",
        "--format",
        "json",
        &data("v3-client-credentials.json"),
        &data("v41-migrated.json"),
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let kinds: Vec<&str> = v["changes"]
        .as_array()
        .expect("c")
        .iter()
        .filter_map(|c| c["kind"].as_str())
        .collect();
    assert!(
        kinds.iter().filter(|k| **k == "permissions-moved").count() == 3,
        "{kinds:?}"
    );
    assert!(
        !kinds.contains(&"tool-added") && !kinds.contains(&"tool-removed"),
        "{kinds:?}"
    );
    assert_eq!(v["escalation"], false);
    let (_, out, _) = run(&[
        "diff",
        "--no-config",
        "--format",
        "json",
        &data("v3.json"),
        &data("v3-client-credentials.json"),
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let changes = v["changes"].as_array().cloned().unwrap_or_default();
    let gt = changes
        .iter()
        .find(|c| c["kind"] == "grant-type-changed")
        .cloned()
        .unwrap_or_default();
    assert_eq!(gt["from"], "authorization_code", "{v}");
    assert_eq!(gt["to"], "client_credentials", "{v}");
    // The instance becomes the service account's: its permissions, which
    // granted nothing inside an authorization_code instance, are access
    // added (an escalation), not an unchanged grant.
    assert!(changes.iter().any(|c| c["kind"] == "tool-added"), "{v}");
    assert_eq!(v["escalation"], true, "{v}");
}

/// A grant moved out of a misplaced block into the one the service account
/// receives is access added: Directory Admin gained is an escalation.
#[test]
fn a_grant_moved_into_the_service_accounts_block_is_an_escalation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = dir.path().join("old.json");
    let new = dir.path().join("new.json");
    let manifest = |first: &str, second: &str| {
        format!(
            r#"{{"schema_version": "3.2", "components": {{"oauth": {{"instances": [
            {{"grant_type": "authorization_code"{first}}},
            {{"grant_type": "client_credentials"{second}}}]}}}}}}"#
        )
    };
    let grant = r#", "permissions": {"company": {"directory": "admin"}}"#;
    std::fs::write(&old, manifest(grant, "")).expect("write");
    std::fs::write(&new, manifest("", grant)).expect("write");
    let (code, out, _) = run(&[
        "diff",
        "--no-config",
        "--format",
        "json",
        "--fail-on-escalation",
        old.to_str().unwrap_or(""),
        new.to_str().unwrap_or(""),
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["escalation"], true, "{v}");
    assert_eq!(code, 1, "{v}");
}

fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@localhost"])
        .args(args)
        .status()
        .expect("git")
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn base_revision_in_a_git_repository() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    git(d, &["init", "-q"]);
    fs::write(d.join("other.json"), "{}").expect("write");
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "before the manifest"]);
    fs::copy(data("old.json"), d.join("manifest.json")).expect("copy");
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "manifest"]);
    fs::copy(data("new.json"), d.join("manifest.json")).expect("copy");
    let out = bin()
        .current_dir(d)
        .args([
            "diff",
            "--no-config",
            "--format",
            "json",
            "--base",
            "HEAD",
            "manifest.json",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    // `--base` gives one object with every manifest's diff, even for one.
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(all["version"], 1);
    assert_eq!(all["escalation"], true);
    assert_eq!(all["diffs"].as_array().map(Vec::len), Some(1));
    let v = &all["diffs"][0];
    assert_eq!(v["version"], 1);
    assert_eq!(v["old"], "HEAD:manifest.json");
    assert_eq!(v["escalation"], true);
    // At a revision without the file: it is new, every grant added.
    let out = bin()
        .current_dir(d)
        .args([
            "diff",
            "--no-config",
            "--format",
            "json",
            "--base",
            "HEAD~1",
            "manifest.json",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did not exist at HEAD~1"));
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let v = &all["diffs"][0];
    assert!(
        v["changes"]
            .as_array()
            .expect("c")
            .iter()
            .filter(|c| c["kind"] == "tool-added")
            .count()
            >= 4
    );
    assert_eq!(v["risk"]["before"], "none");
    // A revision that does not exist.
    let out = bin()
        .current_dir(d)
        .args(["diff", "--no-config", "--base", "no-such-branch", "manifest.json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`no-such-branch` does not exist"));
}

/// `--base DIR`: a file that is no manifest on one side (another
/// product's file then, a manifest now) compares as absent there: the
/// manifest is added, and the run goes on.
#[test]
fn base_folder_with_a_side_that_is_no_manifest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    git(d, &["init", "-q"]);
    fs::create_dir(d.join("apps")).expect("mkdir");
    fs::write(d.join("apps/pkg.json"), r#"{"name": "x", "version": "1.0.0"}"#).expect("write");
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "a package file"]);
    fs::copy(data("new.json"), d.join("apps/pkg.json")).expect("copy");
    let out = bin()
        .current_dir(d)
        .args(["diff", "--no-config", "--format", "json", "--base", "HEAD", "apps"])
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let v = &all["diffs"][0];
    assert_eq!(v["status"], "added", "{all}");
    assert!(err.contains("was no Procore manifest at HEAD"), "{err}");
}

#[test]
fn unparsable_or_missing_side_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.json");
    fs::write(&bad, "{\"schema_version\": \"4.1\",}").expect("write");
    let (code, _, err) = run(&["diff", "--no-config", &data("old.json"), bad.to_str().expect("utf-8")]);
    assert_eq!(code, 2);
    assert!(err.contains("S001") && err.contains(":1:25"), "{err}");
    let (code, _, err) = run(&["diff", "--no-config", &data("old.json"), "missing.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.json"), "{err}");
}

/// `--fail-on-escalation` is about access ("any access is added or
/// raised"): new URLs, hosts and views are reported but do not fail it, nor
/// does lowering a level.
#[test]
fn only_added_or_raised_access_is_an_escalation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, url: &str, level: &str| {
        let path = dir.path().join(name);
        let text = format!(
            r#"{{"schema_version": "4.1",
  "post_installation_instruction": {{ "notes": "Connect.", "page": {{ "url": "{url}", "label": "Setup" }} }},
  "permissions": {{ "project": {{ "rfi": "{level}" }} }} }}"#
        );
        fs::write(&path, text).expect("write");
        path.to_string_lossy().into_owned()
    };
    let base = write("base.json", "https://help.acme.io/setup", "standard");
    let moved = write("moved.json", "https://other-host.example/setup", "standard");
    let lowered = write("lowered.json", "https://help.acme.io/setup", "readonly");
    for (new, kind) in [(&moved, "url-changed"), (&lowered, "level-lowered")] {
        let (code, out, _) = run(&["diff", "--format", "json", "--fail-on-escalation", &base, new]);
        assert_eq!(code, 0, "{out}");
        let v: serde_json::Value = serde_json::from_str(&out).expect("json");
        assert_eq!(v["escalation"], false);
        assert_eq!(v["changes"][0]["kind"], kind, "{v}");
    }
    let (code, out, _) = run(&["diff", "--format", "json", "--fail-on-escalation", &lowered, &base]);
    assert_eq!(code, 1, "readonly -> standard raises access: {out}");
}

/// A tool granted in two blocks (two 3.x instances) or under a legacy key
/// and its tool holds the highest of its levels, wherever that grant
/// stands: an Admin grant before a Read-Only one is an escalation.
#[test]
fn a_tool_granted_twice_holds_its_highest_level() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let old = r#"{"schema_version":"3.2","components":{"oauth":{"instances":[
        {"uuid":"b5f1a2c4-3d6e-4f70-8a91-2b3c4d5e6f70","grant_type":"client_credentials","permissions":{"company":{"schedule":"readonly"}}}]}}}"#;
    let new = r#"{"schema_version":"3.2","components":{"oauth":{"instances":[
        {"uuid":"b5f1a2c4-3d6e-4f70-8a91-2b3c4d5e6f70","grant_type":"client_credentials","permissions":{"company":{"schedule":"admin"}}},
        {"uuid":"c5f1a2c4-3d6e-4f70-8a91-2b3c4d5e6f71","grant_type":"client_credentials","permissions":{"company":{"schedule":"readonly"}}}]}}}"#;
    let legacy_old = r#"{"schema_version":"4.1","permissions":{"company":{"home":"readonly"}}}"#;
    let legacy_new = r#"{"schema_version":"4.1","permissions":{"company":{"home":"admin","portfolio":"readonly"}}}"#;
    for (o, n) in [(old, new), (legacy_old, legacy_new)] {
        fs::write(d.join("old.json"), o).expect("write");
        fs::write(d.join("new.json"), n).expect("write");
        let old_path = d.join("old.json");
        let new_path = d.join("new.json");
        let (code, out, err) = run(&[
            "diff",
            "--no-config",
            "--format",
            "json",
            "--fail-on-escalation",
            old_path.to_str().expect("utf-8"),
            new_path.to_str().expect("utf-8"),
        ]);
        assert_eq!(code, 1, "an escalation: {out}{err}");
        let v: serde_json::Value = serde_json::from_str(&out).expect("json");
        let raised = v["changes"]
            .as_array()
            .expect("changes")
            .iter()
            .find(|c| c["kind"] == "level-raised")
            .unwrap_or_else(|| panic!("level-raised: {v}"));
        assert_eq!(raised["to"], "admin", "{v}");
        assert_eq!(v["risk"]["after"], "high", "{v}");
    }
}

/// An oauth instance added or removed is a grant type from or to none (a
/// client_credentials data connection created was no change at all); a
/// value that is no level grants nothing (it was shown as Admin).
#[test]
fn instances_added_or_removed_and_values_that_are_no_level() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).expect("write");
        p.to_str().unwrap_or("").to_string()
    };
    let one = write(
        "one.json",
        r#"{"schema_version": "3.2", "components": {"oauth": {"instances": [{"uuid": "a1", "grant_type": "authorization_code"}]}}}"#,
    );
    let two = write(
        "two.json",
        r#"{"schema_version": "3.2", "components": {"oauth": {"instances": [{"uuid": "a1", "grant_type": "authorization_code"}, {"uuid": "a2", "grant_type": "client_credentials"}]}}}"#,
    );
    let (_, out, _) = run(&["diff", "--no-config", "--format", "json", &one, &two]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let c = &v["changes"][0];
    assert_eq!(
        (c["kind"].as_str(), c["key"].as_str()),
        (Some("grant-type-changed"), Some("a2")),
        "{v}"
    );
    assert_eq!(
        (c["from"].is_null(), c["to"].as_str()),
        (true, Some("client_credentials")),
        "{v}"
    );
    let (_, out, _) = run(&["diff", "--no-config", &two, &one]);
    assert!(out.contains("a2: client_credentials → (no instance)"), "{out}");
    let readonly = write(
        "r1.json",
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly"}}}"#,
    );
    let read = write(
        "r2.json",
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "read"}}}"#,
    );
    let (code, out, _) = run(&[
        "diff",
        "--no-config",
        "--format",
        "json",
        "--fail-on-escalation",
        &readonly,
        &read,
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["changes"][0]["kind"], "tool-removed", "{v}");
    assert_eq!((v["escalation"].as_bool(), code), (Some(false), 0), "{v}");
}

/// 3.x instances without a uuid (Procore fills it in) pair by grant type
/// first, then in order: reordering them changes no grant type, and one
/// removed is said once.
#[test]
fn instances_without_uuid_pair_by_grant_type() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = |instances: &[&str]| {
        format!(
            r#"{{"schema_version": "3.2", "post_installation_instruction": {{"notes": "n"}}, "components": {{"oauth": {{"instances": [{}]}}}}}}"#,
            instances.join(", ")
        )
    };
    let user = r#"{"grant_type": "authorization_code"}"#;
    let dmsa = r#"{"grant_type": "client_credentials", "permissions": {"project": {"rfi": "readonly"}}}"#;
    let write = |name: &str, text: String| {
        let p = dir.path().join(name);
        fs::write(&p, text).expect("write");
        p.to_string_lossy().into_owned()
    };
    let old = write("old.json", doc(&[user, dmsa]));
    let swapped = write("swapped.json", doc(&[dmsa, user]));
    let one = write("one.json", doc(&[dmsa]));
    let changed = write("changed.json", doc(&[r#"{"grant_type": "client_credentials"}"#, dmsa]));
    let kinds = |new: &str| {
        let (_, out, err) = run(&["diff", "--no-config", "--format", "json", &old, new]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|_| panic!("{out}{err}"));
        v["changes"]
            .as_array()
            .expect("changes")
            .iter()
            .filter(|c| c["kind"] == "grant-type-changed")
            .map(|c| {
                (
                    c["from"].as_str().map(str::to_string),
                    c["to"].as_str().map(str::to_string),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(&swapped), vec![]);
    // A uuid added (Procore fills it in), or two instances of one uuid
    // reordered: nothing changed.
    let with_uuid = r#"{"uuid": "0b7c5a8e-1d2f-4a3b-9c4d-5e6f7a8b9c0d", "grant_type": "authorization_code"}"#;
    let added = write("added.json", doc(&[with_uuid, dmsa]));
    assert_eq!(kinds(&added), vec![]);
    let dup = |a: &str, b: &str| {
        let one = |gt: &str| format!(r#"{{"uuid": "u-1", "grant_type": "{gt}"}}"#);
        doc(&[&one(a), &one(b)])
    };
    let old_dup = write("dup-old.json", dup("client_credentials", "authorization_code"));
    let new_dup = write("dup-new.json", dup("authorization_code", "client_credentials"));
    let (_, out, err) = run(&["diff", "--no-config", "--format", "json", &old_dup, &new_dup]);
    assert!(!out.contains("grant-type-changed"), "{out}{err}");
    assert_eq!(kinds(&one), vec![(Some("authorization_code".into()), None)]);
    assert_eq!(
        kinds(&changed),
        vec![(Some("authorization_code".into()), Some("client_credentials".into()))]
    );
}

/// `diff` and `permissions` read every input before giving up: each
/// failure is said (both files, a bad config), not only the first.
#[test]
fn every_failure_is_said() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = |n: &str| dir.path().join(n).to_string_lossy().into_owned();
    fs::write(dir.path().join("bad.toml"), "[rules]\nnot-a-key = 1\n").expect("write");
    fs::write(dir.path().join("broken.json"), "{").expect("write");
    let (code, _, err) = run(&["diff", &p("nope1.json"), &p("nope2.json")]);
    assert_eq!(code, 2);
    assert!(err.contains("nope1.json") && err.contains("nope2.json"), "{err}");
    let (code, _, err) = run(&["diff", &p("broken.json"), &p("nope2.json"), "--config", &p("bad.toml")]);
    assert_eq!(code, 2);
    assert!(
        err.contains("broken.json") && err.contains("nope2.json") && err.contains("bad.toml"),
        "{err}"
    );
    let (code, _, err) = run(&["permissions", &p("nope.json"), "--config", &p("bad.toml")]);
    assert_eq!(code, 2);
    assert!(err.contains("nope.json") && err.contains("bad.toml"), "{err}");
}
