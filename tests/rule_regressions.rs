//! Regressions of single rules, each on small manifests written inline: the
//! class of each defect, its variants included.

mod common;

use procore_manifest::{lint_bytes, Settings};

fn findings(text: &str) -> Vec<(String, String)> {
    lint_bytes("m.json", text.as_bytes(), &Settings::default())
        .diagnostics
        .iter()
        .map(|d| (d.rule.code.to_string(), d.message.clone()))
        .collect()
}

fn of<'a>(found: &'a [(String, String)], code: &str) -> Vec<&'a str> {
    found
        .iter()
        .filter(|(c, _)| c == code)
        .map(|(_, m)| m.as_str())
        .collect()
}

const NOTES: &str = r#""post_installation_instruction": {"notes": "Connect your account.", "page": {"url": "https://help.acme-fieldsync.io/setup", "label": "Setup"}}"#;

fn v41(permissions: &str) -> String {
    format!(r#"{{"schema_version": "4.1", {NOTES}, "permissions": {permissions}}}"#)
}

fn v3_instances(instances: &[&str]) -> String {
    let uuids = [
        "b5f1a2c4-3d6e-4f70-8a91-2b3c4d5e6f70",
        "c6a2b3d5-4e7f-4a81-9b02-3c4d5e6f7a81",
        "d7b3c4e6-5f80-4b92-8c13-4d5e6f7a8b92",
    ];
    let list: Vec<String> = instances
        .iter()
        .zip(uuids)
        .map(|(p, u)| format!(r#"{{"uuid": "{u}", "grant_type": "client_credentials", "permissions": {p}}}"#))
        .collect();
    format!(
        r#"{{"schema_version": "3.2", {NOTES}, "components": {{"oauth": {{"instances": [{}]}}}}}}"#,
        list.join(", ")
    )
}

// R006 counts distinct (scope, tool) pairs: a legacy key is the tool it
// stands for, a tool granted in two blocks or spelled two ways is one tool.

#[test]
fn r006_a_legacy_key_counts_as_the_tool_it_stands_for() {
    let found = findings(&v41(
        r#"{"company": {"home": "admin", "portfolio": "admin", "schedule": "admin", "documents": "admin"}, "project": {"rfi": "readonly"}}"#,
    ));
    assert!(of(&found, "R006").is_empty(), "3 distinct tools: {found:?}");
    let found = findings(&v41(
        r#"{"company": {"home": "admin", "portfolio": "admin", "schedule": "admin", "documents": "admin"}, "project": {"rfi": "admin"}}"#,
    ));
    assert_eq!(
        of(&found, "R006"),
        ["Admin on 4 tools (company home, company schedule, company documents, project rfi), more than the maximum of 3"],
        "{found:?}"
    );
}

#[test]
fn r006_a_tool_in_two_oauth_instances_counts_once() {
    let both = r#"{"company": {"home": "admin", "schedule": "admin"}}"#;
    let found = findings(&v3_instances(&[both, both]));
    assert!(of(&found, "R006").is_empty(), "{found:?}");
    let found = findings(&v3_instances(&[
        both,
        r#"{"company": {"portfolio": "Admin", "schedule": "ADMIN"}}"#,
        r#"{"company": {"home": "admin"}}"#,
    ]));
    assert!(of(&found, "R006").is_empty(), "{found:?}");
}

#[test]
fn r006_the_same_tool_in_both_scopes_is_two_tools() {
    let found = findings(&v41(
        r#"{"company": {"directory": "admin", "documents": "admin"}, "project": {"directory": "admin", "documents": "admin"}}"#,
    ));
    assert_eq!(of(&found, "R006").len(), 1, "{found:?}");
    assert!(of(&found, "R006")[0].starts_with("Admin on 4 tools"), "{found:?}");
}

// A `permissions` value that is no object is a wrong type: S003, an error,
// in both layouts and whatever the instance's grant type; A006 and A007
// are about an object, and do not stand in for the error at its pointer.

#[test]
fn a_permissions_value_of_the_wrong_type_is_s003_in_both_layouts() {
    for (value, found_type) in [
        (r#"["directory"]"#, "an array"),
        ("null", "null"),
        (r#""directory""#, "a string"),
        ("5", "a number"),
        ("true", "a boolean"),
    ] {
        let v3 = v3_instances(&[value]);
        for (layout, text, message) in [
            (
                "3.x client_credentials",
                v3.clone(),
                format!("`components.oauth.instances[0].permissions` must be an object, found {found_type}"),
            ),
            (
                "3.x authorization_code",
                v3.replace("client_credentials", "authorization_code"),
                format!("`components.oauth.instances[0].permissions` must be an object, found {found_type}"),
            ),
            (
                "3.x no grant_type",
                v3.replace(r#""grant_type": "client_credentials", "#, ""),
                format!("`components.oauth.instances[0].permissions` must be an object, found {found_type}"),
            ),
            (
                "4.1",
                v41(value),
                format!("`permissions` must be an object, found {found_type}"),
            ),
        ] {
            let found = findings(&text);
            assert!(
                of(&found, "S003").contains(&message.as_str()),
                "{layout} {value}: {found:?}"
            );
            assert!(of(&found, "A006").is_empty(), "{layout} {value}: {found:?}");
            assert!(of(&found, "A007").is_empty(), "{layout} {value}: {found:?}");
        }
    }
}

#[test]
fn a006_and_a007_still_judge_permission_objects() {
    for value in [
        "{}",
        r#"{"company": {}, "project": {"rfi": "none"}}"#,
        r#"{"company": []}"#,
    ] {
        let found = findings(&v3_instances(&[value]));
        assert_eq!(of(&found, "A006").len(), 1, "{value}: {found:?}");
        let found = findings(&v41(value));
        assert_eq!(of(&found, "A006").len(), 1, "{value}: {found:?}");
    }
    // Beside a client_credentials instance (without one, A004 speaks).
    let grants = r#"{"project": {"rfi": "readonly"}}"#;
    let mut text = v3_instances(&[grants, grants]);
    if let Some(at) = text.rfind("client_credentials") {
        text.replace_range(at..at + "client_credentials".len(), "authorization_code");
    }
    let found = findings(&text);
    assert_eq!(of(&found, "A007").len(), 1, "{found:?}");
}

fn v41_fullscreen(source_url: &str, properties: &str) -> String {
    format!(
        r#"{{"schema_version": "4.1", {NOTES}, "fullscreen": {{"uuid": "0f8fad5b-d9cb-469f-a165-70867728950e", "source_url": "{source_url}", "user_configuration": {{"schema": {{"type": "object", "properties": {properties}}}}}}}, "permissions": {{"project": {{"rfi": "readonly"}}}}}}"#
    )
}

fn v3_iframe(iframe_src: &str, properties: &str) -> String {
    format!(
        r#"{{"schema_version": "3.2", {NOTES}, "components": {{"oauth": {{"instances": [{{"uuid": "b5f1a2c4-3d6e-4f70-8a91-2b3c4d5e6f70", "grant_type": "client_credentials", "permissions": {{"project": {{"rfi": "readonly"}}}}}}]}}, "iframe": {{"instances": [{{"type": "fullscreen", "uuid": "e4eaaaf2-d142-41e0-8a6f-0a5ea1b2c3d4", "iframe_src": "{iframe_src}", "configuration": {{"schema": {{"type": "object", "properties": {properties}}}}}}}]}}}}}}"#
    )
}

// C005: the braces of a run longer than a pair are unbalanced, beside a
// placeholder that is still read (C003 and C004 judge its name).

#[test]
fn c005_extra_braces_beside_a_placeholder() {
    let region = r#"{"region": {"name": "Region", "type": "string"}}"#;
    for url in [
        "https://app.acme-fieldsync.io/x?r={{region}}}",
        "https://app.acme-fieldsync.io/x?r={{region}}}}",
        "https://app.acme-fieldsync.io/x?r={{region}}}x",
        "https://app.acme-fieldsync.io/x?r={{{region}}",
        "https://app.acme-fieldsync.io/x?r={{{region}}}",
    ] {
        for text in [v41_fullscreen(url, region), v3_iframe(url, region)] {
            let found = findings(&text);
            let c005 = of(&found, "C005");
            assert!(!c005.is_empty(), "{url}: {found:?}");
            assert!(
                c005.iter().all(|m| m.starts_with("unbalanced braces")),
                "{url}: {found:?}"
            );
            // `region` is read and declared: no C003, and C007 sees it used.
            assert!(of(&found, "C003").is_empty(), "{url}: {found:?}");
            assert!(of(&found, "C007").is_empty(), "{url}: {found:?}");
        }
    }
    // The placeholder beside the extra brace is still judged.
    let found = findings(&v41_fullscreen(
        "https://app.acme-fieldsync.io/x?r={{regoin}}}&c={{procore.compny.id}}}",
        r#"{"region": {"name": "Region", "type": "string"}}"#,
    ));
    assert_eq!(of(&found, "C005").len(), 2, "{found:?}");
    assert_eq!(of(&found, "C003").len(), 1, "{found:?}");
    assert_eq!(of(&found, "C004").len(), 1, "{found:?}");
}

/// The help of every finding of `code`.
fn helps(text: &str, code: &str) -> Vec<String> {
    lint_bytes("m.json", text.as_bytes(), &Settings::default())
        .diagnostics
        .iter()
        .filter(|d| d.rule.code == code)
        .map(|d| d.help.as_deref().unwrap_or("").to_string())
        .collect()
}

// S004's help names the version of the layout the file was checked as,
// whatever number the value holds.

#[test]
fn s004_help_names_the_layout_version_for_a_number() {
    let v3_help =
        r#"write it as a string: "3.2" (the 3.x layout this file uses); migrating to 4.1 is a second step (see S005)"#;
    let v41_help = r#"write it as a string: "4.1""#;
    let oauth = v3_instances(&[r#"{"project": {"rfi": "readonly"}}"#]);
    let sidepanel_iframe = v3_iframe("https://app.acme-fieldsync.io/x", "{}").replace(
        r#""type": "fullscreen""#,
        r#""type": "sidepanel", "views": ["project.rfis.detail"]"#,
    );
    for (number, text, want) in [
        ("4.1", oauth.clone(), v3_help),
        ("3.1", oauth.clone(), v3_help),
        ("3", oauth.clone(), v3_help),
        ("3.2", oauth.clone(), v3_help),
        ("3.1", sidepanel_iframe.clone(), v3_help),
        ("4.1", v41(r#"{"project": {"rfi": "readonly"}}"#), v41_help),
        ("3.2", v41(r#"{"project": {"rfi": "readonly"}}"#), v41_help),
        ("3", format!("{{\"schema_version\": \"3.2\", {NOTES}}}"), v41_help),
    ] {
        let text = text
            .replacen(
                r#""schema_version": "3.2""#,
                &format!(r#""schema_version": {number}"#),
                1,
            )
            .replacen(
                r#""schema_version": "4.1""#,
                &format!(r#""schema_version": {number}"#),
                1,
            );
        assert!(text.contains(&format!(r#""schema_version": {number}"#)), "{text}");
        assert_eq!(helps(&text, "S004"), [want], "{number}: {text}");
        assert!(helps(&text, "C017").is_empty(), "{number}: {text}");
    }
}

// C016 names the built-in a `procore.` key stands for, and only then; a
// `procore.` key that names none is told the prefix is reserved.

#[test]
fn c016_names_the_matching_builtin_or_none() {
    let cases = [
        ("procore.tenant", None),
        ("Procore.Thing", None),
        ("procore.company", None),
        ("procore.project.id", Some("procore.project.id")),
        ("Procore.Project.Name", Some("procore.project.name")),
        ("procore.company_name", Some("procore.company.name")),
        ("procore.companyId", Some("procore.company.id")),
        ("project_id", Some("procore.project.id")),
    ];
    for (key, builtin) in cases {
        let property = format!(r#"{{"{key}": {{"name": "Thing", "type": "string"}}}}"#);
        for text in [
            v41_fullscreen("https://app.acme-fieldsync.io/x", &property),
            v3_iframe("https://app.acme-fieldsync.io/x", &property),
        ] {
            let report = lint_bytes("m.json", text.as_bytes(), &Settings::default());
            let c016: Vec<_> = report.diagnostics.iter().filter(|d| d.rule.code == "C016").collect();
            assert_eq!(c016.len(), 1, "{key}: {:?}", report.diagnostics);
            let (message, help) = (&c016[0].message, c016[0].help.as_deref().unwrap_or(""));
            assert!(message.contains(&format!("`{key}`")), "{key}: {message}");
            match builtin {
                Some(b) => {
                    assert!(
                        message.contains(&format!("stands for the built-in `{{{{{b}}}}}`")),
                        "{key}: {message}"
                    );
                    assert_eq!(
                        help,
                        format!("use `{{{{{b}}}}}` in the URL and drop the property"),
                        "{key}"
                    );
                }
                None => {
                    assert!(!message.contains("stands for"), "{key}: {message}");
                    assert!(message.contains("names none of them"), "{key}: {message}");
                    assert!(
                        help.starts_with("rename the property without the `procore.` prefix"),
                        "{key}: {help}"
                    );
                    assert!(!help.starts_with("use "), "{key}: {help}");
                }
            }
        }
    }
}

/// (code, pointer, spanned source text) of every finding of `code`.
fn located(text: &str, code: &str) -> Vec<(String, String)> {
    lint_bytes("m.json", text.as_bytes(), &Settings::default())
        .diagnostics
        .iter()
        .filter(|d| d.rule.code == code)
        .map(|d| (d.pointer.to_string(), text[d.span.range()].to_string()))
        .collect()
}

// I002 points at an empty member's value, and at `page` only for a
// missing member; a value that is no string is S003's.

#[test]
fn i002_points_at_the_empty_value() {
    let page = |members: &str| {
        format!(
            r#"{{"schema_version": "4.1", "post_installation_instruction": {{"notes": "Connect.", "page": {{{members}}}}}, "permissions": {{"project": {{"rfi": "readonly"}}}}}}"#
        )
    };
    let url = r#""url": "https://help.acme-fieldsync.io/setup""#;
    let at = |p: &str, t: &str| (p.to_string(), t.to_string());
    for (members, want) in [
        (
            format!(r#"{url}, "label": """#),
            vec![at("/post_installation_instruction/page/label", r#""""#)],
        ),
        (
            format!(r#"{url}, "label": "   ""#),
            vec![at("/post_installation_instruction/page/label", r#""   ""#)],
        ),
        (
            r#""url": "", "label": "Setup""#.to_string(),
            vec![at("/post_installation_instruction/page/url", r#""""#)],
        ),
        (
            r#""url": " ", "label": """#.to_string(),
            vec![
                at("/post_installation_instruction/page/url", r#"" ""#),
                at("/post_installation_instruction/page/label", r#""""#),
            ],
        ),
        // Missing: at the page, on its opening brace.
        (url.to_string(), vec![at("/post_installation_instruction/page", "{")]),
        (
            r#""url": """#.to_string(),
            vec![
                at("/post_installation_instruction/page/url", r#""""#),
                at("/post_installation_instruction/page", "{"),
            ],
        ),
        // The later of two keys counts.
        (
            format!(r#"{url}, "label": "Setup", "label": """#),
            vec![at("/post_installation_instruction/page/label", r#""""#)],
        ),
        (format!(r#"{url}, "label": "Setup""#), vec![]),
    ] {
        let text = page(&members);
        let mut got = located(&text, "I002");
        got.sort();
        let mut want = want;
        want.sort();
        assert_eq!(got, want, "{members}");
    }
    // Empty notes: at the value (as before), whitespace too.
    let text = page(&format!(r#"{url}, "label": "Setup""#)).replace(r#""Connect.""#, r#""  ""#);
    assert_eq!(
        located(&text, "I002"),
        [at("/post_installation_instruction/notes", r#""  ""#)]
    );
    // A label that is no string is a wrong type (S003), not an empty label.
    let text = page(&format!(r#"{url}, "label": 5"#));
    assert!(located(&text, "I002").is_empty(), "{:?}", findings(&text));
    assert_eq!(
        located(&text, "S003"),
        [at("/post_installation_instruction/page/label", "5")]
    );
    // 3.x: the same pointers.
    let text = v3_instances(&[r#"{"project": {"rfi": "readonly"}}"#]).replace(r#""label": "Setup""#, r#""label": """#);
    assert_eq!(
        located(&text, "I002"),
        [at("/post_installation_instruction/page/label", r#""""#)]
    );
}

// S006 and R007 on one unknown member are two problems: S006 gives way only
// to the rules that explain the member (A005, A007, C011, P002, P005), and
// no S003 or S006 gives way to a secret. No output shows the secret.

#[test]
fn s006_and_s003_stay_beside_r007() {
    let secret = "s3cr3t-v4lue";
    let fullscreen = |members: &str| {
        format!(
            r#"{{"schema_version": "4.1", {NOTES}, "fullscreen": {{"uuid": "0f8fad5b-d9cb-469f-a165-70867728950e", "source_url": "https://app.acme-fieldsync.io/f", {members}}}, "permissions": {{"project": {{"rfi": "readonly"}}}}}}"#
        )
    };
    let cases = [
        (
            fullscreen(&format!(r#""webhook_secret": "{secret}""#)),
            "S006",
            "unknown member `webhook_secret` in `fullscreen`",
        ),
        (
            fullscreen(r#""webhook_secret": "ghp_4Rz9bQ7mN2xK8vL5tY1wE6sD3fH0jG9aPc2B""#),
            "S006",
            "unknown member `webhook_secret` in `fullscreen`",
        ),
        (
            fullscreen(&format!(r#""config": {{"db_password": "{secret}"}}"#)),
            "S006",
            "unknown member `config` in `fullscreen`",
        ),
        // A near-typo of an allowed member: S003 stays too.
        (
            format!(
                r#"{{"schema_version": "4.1", {NOTES}, "fullscreen": {{"uuid": "0f8fad5b-d9cb-469f-a165-70867728950e", "source_urll": "https://app.acme-fieldsync.io/f?token={secret}"}}, "permissions": {{"project": {{"rfi": "readonly"}}}}}}"#
            ),
            "S003",
            "unknown member `source_urll` in `fullscreen`",
        ),
        (
            v3_iframe("https://app.acme-fieldsync.io/x", "{}").replace(
                r#""type": "fullscreen""#,
                &format!(r#""type": "fullscreen", "api_token": "{secret}""#),
            ),
            "S006",
            "unknown member `api_token` in `components.iframe.instances[0]`",
        ),
        (
            format!(
                r#"{{"schema_version": "4.1", {NOTES}, "webhook_secret": "{secret}", "permissions": {{"project": {{"rfi": "readonly"}}}}}}"#
            ),
            "S006",
            "unknown member `webhook_secret` at the top level of the manifest",
        ),
    ];
    for (text, code, message) in cases {
        let report = lint_bytes("m.json", text.as_bytes(), &Settings::default());
        let found: Vec<(String, String)> = report
            .diagnostics
            .iter()
            .map(|d| (d.rule.code.to_string(), d.message.clone()))
            .collect();
        assert_eq!(of(&found, "R007").len(), 1, "{text}: {found:?}");
        assert!(of(&found, code).contains(&message), "{text}: {found:?}");
        for out in [
            common::human(std::slice::from_ref(&report)),
            common::json(std::slice::from_ref(&report)),
        ] {
            assert!(!out.contains(secret) && !out.contains("ghp_4Rz9"), "{out}");
        }
    }
    // The rules that explain a member still stand in for S006.
    let text = v3_instances(&[r#"{"project": {"rfi": "readonly"}}"#]).replacen(
        r#""components""#,
        r#""permissions": {"project": {"rfi": "readonly"}}, "components""#,
        1,
    );
    let found = findings(&text);
    assert_eq!(of(&found, "A007").len(), 1, "{found:?}");
    assert!(of(&found, "S006").is_empty(), "{found:?}");
}

// C012: an IPv4-mapped IPv6 address is the IPv4 address it maps.

#[test]
fn c012_ipv4_mapped_local_addresses() {
    for host in [
        "[::ffff:127.0.0.1]",
        "[::ffff:10.0.0.1]",
        "[::ffff:192.168.0.7]",
        "[::1]",
        "[fd00::1]",
    ] {
        for text in [
            v41_fullscreen(&format!("https://{host}/x"), "{}"),
            v3_iframe(&format!("https://{host}/x"), "{}"),
        ] {
            let found = findings(&text);
            assert_eq!(of(&found, "C012").len(), 1, "{host}: {found:?}");
            assert!(
                of(&found, "C012")[0].contains("local or private address"),
                "{host}: {found:?}"
            );
        }
    }
    let found = findings(&v41_fullscreen("https://[::ffff:8.8.8.8]/x", "{}"));
    assert!(of(&found, "C012").is_empty(), "{found:?}");
}

// R001-R005: one cause, one finding. A (scope, tool) granted under two keys
// (its legacy key) or in two blocks (two 3.x instances) is one finding of
// each rule, at its first grant, the other grants its related locations.

/// The findings of `code`: (pointer, related count, related messages).
fn of_rule(text: &str, code: &str) -> Vec<(String, Vec<String>)> {
    lint_bytes("m.json", text.as_bytes(), &Settings::default())
        .diagnostics
        .iter()
        .filter(|d| d.rule.code == code)
        .map(|d| (d.pointer.clone(), d.related.iter().map(|r| r.message.clone()).collect()))
        .collect()
}

#[test]
fn risk_rules_report_one_tool_once() {
    let dir_admin = r#"{"company": {"directory": "admin"}}"#;
    let cases: Vec<(&str, String, &str, &str)> = vec![
        // R003: `home` and its legacy key `portfolio` (either order).
        (
            "R003",
            v41(r#"{"company": {"home": "admin", "portfolio": "ADMIN"}}"#),
            "/permissions/company/home",
            "`portfolio`",
        ),
        (
            "R003",
            v41(r#"{"company": {"portfolio": "admin", "home": "admin"}}"#),
            "/permissions/company/portfolio",
            "`home`",
        ),
        // R003 in two 3.x instances.
        (
            "R003",
            v3_instances(&[
                r#"{"company": {"documents": "admin"}}"#,
                r#"{"company": {"documents": "admin"}}"#,
            ]),
            "/components/oauth/instances/0/permissions/company/documents",
            "`documents`",
        ),
        // R001, R002, R004 in two instances.
        (
            "R001",
            v3_instances(&[dir_admin, dir_admin]),
            "/components/oauth/instances/0/permissions/company/directory",
            "`directory`",
        ),
        (
            "R002",
            v3_instances(&[
                r#"{"company": {"admin": "admin"}}"#,
                r#"{"company": {"admin": "Admin"}}"#,
            ]),
            "/components/oauth/instances/0/permissions/company/admin",
            "`admin`",
        ),
        (
            "R004",
            v3_instances(&[
                r#"{"project": {"directory": "admin"}}"#,
                r#"{"project": {"directory": "admin"}}"#,
            ]),
            "/components/oauth/instances/0/permissions/project/directory",
            "`directory`",
        ),
        // R005 at any level: the later grant's level is named.
        (
            "R005",
            v3_instances(&[
                r#"{"company": {"app_management": "readonly"}}"#,
                r#"{"company": {"app_management": "admin"}}"#,
            ]),
            "/components/oauth/instances/0/permissions/company/app_management",
            "Admin here, as `app_management`",
        ),
    ];
    for (code, text, pointer, related) in cases {
        let found = of_rule(&text, code);
        assert_eq!(found.len(), 1, "{code}: one finding for one tool: {found:?}\n{text}");
        let (at, rel) = &found[0];
        assert_eq!(at, pointer, "{code}: at the first grant");
        assert_eq!(rel.len(), 1, "{code}: the other grant is related: {rel:?}");
        assert!(rel[0].contains(related), "{code}: {rel:?}");
    }
    // Two different tools are still two findings.
    let found = of_rule(&v41(r#"{"company": {"home": "admin", "documents": "admin"}}"#), "R003");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|(_, rel)| rel.is_empty()));
    // Admin on App Management is R005's (any access to it), not R003's
    // too: one cause, one finding, as the Directory and the Admin tool.
    let text = v41(r#"{"company": {"app_management": "admin", "directory": "admin", "admin": "admin"}}"#);
    assert_eq!(of_rule(&text, "R005").len(), 1);
    assert_eq!(of_rule(&text, "R003"), []);
}

/// The finding of a tool granted twice still marks every grant of it: the
/// permission matrix's rows and the change `diff` reports (at the later
/// grant).
#[test]
fn a_tool_granted_twice_is_marked_at_every_grant() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let twice = v3_instances(&[
        r#"{"company": {"documents": "admin", "home": "admin"}}"#,
        r#"{"company": {"documents": "admin", "portfolio": "admin"}}"#,
    ]);
    std::fs::write(d.join("old.json"), v41(r#"{"company": {"rfi": "readonly"}}"#)).expect("write");
    std::fs::write(d.join("new.json"), &twice).expect("write");
    let run = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_procore-manifest"))
            .args(args)
            .current_dir(d)
            .output()
            .expect("run");
        serde_json::from_slice::<serde_json::Value>(&o.stdout).expect("json")
    };
    let m = run(&["permissions", "new.json", "--format", "json"]);
    let grants = m["grants"].as_array().expect("grants");
    assert_eq!(grants.len(), 4);
    for g in grants {
        assert!(g["rules"].as_array().expect("rules").contains(&"R003".into()), "{g}");
    }
    let diff = run(&["diff", "--no-config", "old.json", "new.json", "--format", "json"]);
    let changes = diff["changes"].as_array().expect("changes");
    for key in ["documents", "home"] {
        let c = changes.iter().find(|c| c["key"] == key).expect("a change");
        assert_eq!(c["rules"], serde_json::json!(["R003"]), "{c}");
    }
}

/// A finding's hover cites in words (editors.md): no rule's hover holds a
/// link (R001's Why quoted one; its hover was out of reach until the hover
/// on a level showed the finding there).
#[test]
fn hovers_hold_no_links() {
    for r in procore_manifest::rules::registry::RULES {
        let h = r.hover_text();
        assert!(!h.contains("http://") && !h.contains("https://"), "{}: {h}", r.code);
    }
}

/// A004 is about tool permissions a 3.x manifest declares with no service
/// account: a block that grants nothing (`{}`, `null`, only `none`) is no
/// such declaration wherever it sits (a top-level one was an error, the
/// same inside an authorization_code instance a warning); A007 says
/// where each sits.
#[test]
fn a004_needs_a_grant_wherever_the_block_sits() {
    let iframe = r#""iframe": {"instances": [{"uuid": "b5f1a2c4-3d6e-4f70-8a91-2b3c4d5e6f70", "type": "fullscreen", "iframe_src": "https://app.acme.io"}]}"#;
    for block in ["{}", "null", "[]", r#"{"project": {"rfi": "none"}}"#] {
        let top =
            format!(r#"{{"schema_version": "3.2", {NOTES}, "permissions": {block}, "components": {{{iframe}}}}}"#);
        let found = findings(&top);
        assert!(of(&found, "A004").is_empty(), "{block}: {found:?}");
        let both = format!(
            r#"{{"schema_version": "3.2", {NOTES}, "permissions": {block}, "components": {{{iframe}, "oauth": {{"instances": [{{"uuid": "c6a2b3d5-4e7f-4a81-9b02-3c4d5e6f7a81", "grant_type": "authorization_code", "permissions": {block}}}]}}}}}}"#
        );
        let found = findings(&both);
        assert!(of(&found, "A004").is_empty(), "{block}: {found:?}");
    }
    let granting = format!(
        r#"{{"schema_version": "3.2", {NOTES}, "permissions": {{"project": {{"rfi": "readonly"}}}}, "components": {{{iframe}}}}}"#
    );
    assert_eq!(of(&findings(&granting), "A004").len(), 1);
}

/// What a secret-named member holds is judged the same in a file that
/// parses and in one that does not (the lexical scan): null, booleans,
/// empty strings, placeholders and containers of nothing else hold no
/// credential; a literal anywhere inside does.
#[test]
fn a_secret_named_value_is_judged_alike_parsed_or_not() {
    for (value, secret) in [
        ("null", false),
        ("true", false),
        ("\"\"", false),
        ("\"{{token}}\"", false),
        ("[[]]", false),
        ("[\"\"]", false),
        ("{\"value\": \"\"}", false),
        ("{\"value\": null}", false),
        ("\"s3cr3t-value\"", true),
        ("[\"s3cr3t-value\"]", true),
        ("{\"value\": \"s3cr3t-value\"}", true),
        ("1234", true),
    ] {
        let valid = format!(
            r#"{{"schema_version": "4.1", {NOTES}, "app_manifest": {{"name": "A", "client_secret": {value}}}}}"#
        );
        let broken = format!("{},}}", &valid[..valid.len() - 1]);
        for text in [&valid, &broken] {
            let found = findings(text);
            assert_eq!(!of(&found, "R007").is_empty(), secret, "{text}: {found:?}");
        }
    }
}

/// A005's removal is safe when the leftover block grants nothing: empty,
/// scopes of nothing, every level `none` (null too); anything else in it
/// (a level, a value that is no level) makes it unsafe.
#[test]
fn a005_a_block_that_grants_nothing_is_removed_by_a_safe_fix() {
    let text = |inner: &str| {
        format!(
            r#"{{"schema_version": "4.1", {NOTES}, "components": {{"oauth": {{"instances": [{{"grant_type": "client_credentials", "permissions": {inner}}}]}}}}, "permissions": {{"project": {{"rfi": "readonly"}}}}}}"#
        )
    };
    let safety = |inner: &str| {
        let report = lint_bytes("m.json", text(inner).as_bytes(), &Settings::default());
        let d = report.diagnostics.iter().find(|d| d.rule.code == "A005").expect("A005");
        d.fix.as_ref().map(|f| f.applicability)
    };
    use procore_manifest::diagnostics::Applicability::{Safe, Unsafe};
    for inner in [
        "{}",
        r#"{"project": {}}"#,
        r#"{"project": {"rfi": "none"}, "company": {"directory": null}}"#,
    ] {
        assert_eq!(safety(inner), Some(Safe), "{inner}");
    }
    for inner in [
        r#"{"project": {"rfi": "readonly"}}"#,
        r#"{"company": {"directory": "owner"}}"#,
        r#"{"project": {"rfi": 1}}"#,
    ] {
        assert_eq!(safety(inner), Some(Unsafe), "{inner}");
    }
    // A level under any other name goes with the block too.
    let oauth = |block: &str| {
        let text = format!(
            r#"{{"schema_version": "4.1", {NOTES}, "permissions": {{"project": {{"rfi": "readonly"}}}}, "components": {{"oauth": {block}}}}}"#
        );
        let report = lint_bytes("m.json", text.as_bytes(), &Settings::default());
        let d = report.diagnostics.iter().find(|d| d.rule.code == "A005").expect("A005");
        d.fix.as_ref().map(|f| f.applicability)
    };
    for block in [
        r#"{"company_permissions": {"directory": "admin"}}"#,
        r#"{"grants": {"rfi": "Read-Only"}}"#,
        r#"{"instances": [{"scopes": ["ADMIN"]}]}"#,
    ] {
        assert_eq!(oauth(block), Some(Unsafe), "{block}");
    }
    assert_eq!(
        oauth(r#"{"instances": [{"grant_type": "client_credentials", "name": "Sync"}]}"#),
        Some(Safe)
    );
}

/// R006's message names at most twenty tools, then how many more: one
/// line however many Admin grants a manifest holds.
#[test]
fn r006_names_twenty_tools_then_a_count() {
    let grants: Vec<String> = (0..500).map(|i| format!(r#""tool_{i}": "admin""#)).collect();
    let found = findings(&v41(&format!(r#"{{"project": {{{}}}}}"#, grants.join(", "))));
    let r006 = of(&found, "R006");
    assert_eq!(r006.len(), 1);
    assert!(r006[0].contains("and 480 more") && r006[0].len() < 600, "{}", r006[0]);
}

fn fullscreen(url: &str, properties: &str) -> String {
    format!(
        r#"{{"schema_version": "4.1", {NOTES}, "fullscreen": {{"uuid": "0f8fad5b-d9cb-469f-a165-70867728950e", "source_url": "{url}", "user_configuration": {{"schema": {{"type": "object", "properties": {properties}}}}}}}}}"#
    )
}

/// Placeholders in URLs Procore does not interpolate (the post-install
/// page, a support link) are C003 saying so; their malformed braces C005.
#[test]
fn c003_c005_placeholders_in_urls_nothing_interpolates() {
    let text = r#"{"schema_version": "4.1", "post_installation_instruction": {"notes": "Connect.", "page": {"url": "https://help.acme.io/{{procore.company.id}}/{{x", "label": "Setup"}}, "fullscreen": {"uuid": "0f8fad5b-d9cb-469f-a165-70867728950e", "source_url": "https://app.acme.io/?r={{r}}", "user_configuration": {"schema": {"type": "object", "properties": {"r": {"name": "R", "type": "string", "support_link": {"url": "https://help.acme.io/{{r}}/{{}}", "label": "Help"}}}}}}}"#.to_string();
    let found = findings(&text);
    let c003 = of(&found, "C003");
    assert_eq!(c003.len(), 2, "{found:?}");
    assert!(
        c003.iter()
            .any(|m| m.contains("post-install page URL") && m.contains("never filled in")),
        "{c003:?}"
    );
    assert!(
        c003.iter().any(|m| m.contains("support link") && m.contains("`{{r}}`")),
        "{c003:?}"
    );
    assert_eq!(of(&found, "C005").len(), 2, "{found:?}");
}

/// C015 is about the host and path: a built-in in the fragment (a
/// single-page app's `#/panel?c=…`) is not in either.
#[test]
fn c015_the_fragment_is_not_the_path() {
    for url in [
        "https://app.acme.io/#company={{procore.company.id}}",
        "https://app.acme.io/#/panel?c={{procore.company.id}}",
        "https://app.acme.io/?a=1#c={{procore.company.id}}",
    ] {
        assert!(of(&findings(&fullscreen(url, "{}")), "C015").is_empty(), "{url}");
    }
    let found = findings(&fullscreen("https://app.acme.io/{{procore.company.id}}/#x", "{}"));
    assert_eq!(of(&found, "C015").len(), 1, "{found:?}");
}

/// `procore.` in any case claims a built-in: C004 with the built-in meant,
/// never C003.
#[test]
fn c004_a_built_in_in_another_case() {
    let found = findings(&fullscreen(
        "https://app.acme.io/?c={{Procore.Company.Id}}&p={{PROCORE.PROJECT.NAMES}}",
        "{}",
    ));
    assert!(of(&found, "C003").is_empty(), "{found:?}");
    let c004: Vec<&str> = of(&found, "C004");
    assert_eq!(c004.len(), 2, "{found:?}");
    let report = lint_bytes(
        "m.json",
        fullscreen("https://app.acme.io/?c={{Procore.Company.Id}}", "{}").as_bytes(),
        &Settings::default(),
    );
    let help = report
        .diagnostics
        .iter()
        .find(|d| d.rule.code == "C004")
        .and_then(|d| d.help.clone());
    assert!(help.is_some_and(|h| h.contains("{{procore.company.id}}")));
}

/// A placeholder C005 calls malformed (`{{région}}`) still names its
/// property: no C007 says it is unused; positions point at it through
/// escapes (`\/`, as PHP's json_encode writes URLs).
#[test]
fn c005_c007_and_positions_through_escapes() {
    let found = findings(&fullscreen(
        "https://app.acme.io/{{région}}",
        r#"{"région": {"name": "R", "type": "string"}}"#,
    ));
    assert_eq!(of(&found, "C005").len(), 1, "{found:?}");
    assert!(of(&found, "C005")[0].contains("ASCII letters"), "{found:?}");
    assert!(of(&found, "C007").is_empty(), "{found:?}");
    let text = fullscreen(r"https:\/\/app.acme.io\/panel?r={{region}}", "{}");
    let report = lint_bytes("m.json", text.as_bytes(), &Settings::default());
    let d = report.diagnostics.iter().find(|d| d.rule.code == "C003").expect("C003");
    assert_eq!(&text[d.span.range()], "{{region}}");
}

/// The C fixes' variants: a `#` or `?` inside braces is no query or
/// fragment for C015, which names the part it found (user info, port);
/// a single-brace typo still names its property for C007; a URL with
/// thousands of placeholders behind escapes is read once (a quadratic map
/// made this test take a minute).
#[test]
fn c015_c007_variants_and_escaped_urls_at_scale() {
    let c015 = |url: &str| {
        let found = findings(&fullscreen(url, "{}"));
        of(&found, "C015").iter().map(|m| m.to_string()).collect::<Vec<_>>()
    };
    assert_eq!(c015("https://a.io/{{a#b}}/{{procore.project.id}}").len(), 1);
    assert!(c015("https://u:{{procore.company.id}}@a.io/x")[0].contains("user info"));
    assert!(c015("https://a.io:{{procore.company.id}}/x")[0].contains("port"));
    assert!(c015("https://{{procore.company.id}}.a.io/x")[0].contains("host"));
    assert!(c015("https://a.io/{{procore.company.id}}/x")[0].contains("path"));
    for url in [
        "https://a.io/?r={{region}",
        "https://a.io/?r={region}}",
        "https://a.io/?r={{region}&s=1",
    ] {
        let found = findings(&fullscreen(url, r#"{"region": {"name": "R", "type": "string"}}"#));
        assert!(
            !of(&found, "C005").is_empty() && of(&found, "C007").is_empty(),
            "{url}: {found:?}"
        );
    }
    let query: Vec<String> = (0..20_000).map(|i| format!("a{i}={{{{procore.x}}}}")).collect();
    let url = format!(r"https:\/\/a.io\/?{}", query.join("&"));
    let found = findings(&fullscreen(&url, "{}"));
    assert_eq!(of(&found, "C004").len(), 20_000);
}
