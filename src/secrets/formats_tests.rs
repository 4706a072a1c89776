use super::*;

/// A PEM header in prose, or followed by its END line, holds no key; a
/// token of one repeated character is a placeholder; real-looking
/// ones of the same formats are found.
#[test]
fn headers_in_prose_and_filler_tokens_are_no_credentials() {
    for t in [
        "Never paste your -----BEGIN RSA PRIVATE KEY----- block here",
        "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----",
        &format!("ghp_{}", "x".repeat(36)),
        "AKIAXXXXXXXXXXXXXXXX",
        "Bearer xxxxxxxxxxxxxxxxxxxxxxxx",
        &format!("sk_live_{}", "0".repeat(24)),
    ] {
        assert!(find_all(t).is_empty(), "{t}");
    }
    // Nor by the distinctive-prefix test, in a sentence.
    for t in [
        format!("Create a token like ghp_{} in GitHub", "x".repeat(36)),
        format!("use glpat-{} here", "x".repeat(20)),
        format!("sk_live_{}", "0".repeat(24)),
    ] {
        assert!(crate::secrets::hits(&t).is_empty(), "{t}");
    }
    for t in [
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq9\n-----END RSA PRIVATE KEY-----",
        "-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEA7bq9\\n-----END RSA PRIVATE KEY-----",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n",
        "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\nlQOYBF0aQ8sBCADN\n-----END PGP PRIVATE KEY BLOCK-----",
        "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
        "AKIAIOSFODNN7EXAMPLE",
    ] {
        assert_eq!(find_all(t).len(), 1, "{t}");
    }
}

#[test]
fn the_catalogue_compiles_and_finds_its_own_kind() {
    assert!(CATALOGUE.formats.len() > 100);
    // Compiled lazily at run time: every one must compile.
    for f in &CATALOGUE.formats {
        assert!(Regex::new(&f.pattern).is_ok(), "{}", f.id);
    }
    let found = find_all("deploy key ghp_0123456789abcdefghijABCDEFGHIJ0123456789 and Basic dXNlcjpwYXNzd29yZA==");
    let ids: Vec<&str> = found.iter().map(|m| m.format.id.as_str()).collect();
    assert_eq!(ids, ["github-pat", "http-basic"]);
    assert!(find_all("Basic authentication is not supported").is_empty());
    assert!(
        find_all("an account AC0123456789abcdef0123456789abcdef").is_empty(),
        "an identifier"
    );
    let pem = "k\": \"-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAabc\n-----END RSA PRIVATE KEY-----\"";
    let m = find_all(pem);
    assert_eq!(
        &pem[m[0].start..m[0].end],
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAabc\n-----END RSA PRIVATE KEY-----"
    );
}

/// The NFA a set of prefixes starts with and the DFA it switches to
/// find the same matches (every prefix of the catalogue at the start,
/// middle and end of a text, overlapping ones, text without any), and
/// the switch comes after [`DFA_AFTER`] of work, not before.
#[test]
fn the_dfa_after_enough_searching_finds_what_the_nfa_finds() {
    let c = &*CATALOGUE;
    for set in [&c.prefilter, &c.weak] {
        let fresh = Prefixes::new(set.patterns.clone());
        let dfa = automaton(&set.patterns, aho_corasick::AhoCorasickKind::DFA);
        let mut texts: Vec<String> = set
            .patterns
            .iter()
            .flat_map(|p| [p.clone(), format!("x {p} y"), format!("{p}{p}"), format!("ab{p}")])
            .collect();
        texts.push("a manifest's prose, with no prefix in it at all".into());
        texts.push(set.patterns.concat());
        let matches = |a: &AhoCorasick, t: &str| -> Vec<(usize, usize, usize)> {
            a.find_overlapping_iter(t)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect()
        };
        for t in &texts {
            assert_eq!(matches(&fresh.nfa, t), matches(&dfa, t), "{t:?}");
            let any_prefix = set.patterns.iter().any(|p| t.contains(&p[..]));
            assert_eq!(!matches(&fresh.nfa, t).is_empty(), any_prefix, "{t:?}");
        }
        // Below the threshold the NFA searches; past it, the DFA.
        let small = "a".repeat(DFA_AFTER / 2);
        fresh.for_text(&small);
        assert!(fresh.dfa.get().is_none());
        fresh.for_text(&small);
        assert!(fresh.dfa.get().is_some(), "no DFA after {} bytes", DFA_AFTER);
        for t in &texts {
            assert_eq!(matches(fresh.for_text(t), t), matches(&fresh.nfa, t), "{t:?}");
        }
        // Short searches count by their number: a thousand or so.
        let short = Prefixes::new(set.patterns.clone());
        let before = DFA_AFTER / (SEARCH_COST + 1);
        for _ in 0..before {
            short.for_text("x");
        }
        assert!(short.dfa.get().is_none(), "a DFA after {before} short searches");
        short.for_text("x");
        assert!(short.dfa.get().is_some(), "no DFA after {} short searches", before + 1);
    }
}
