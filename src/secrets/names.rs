//! Secret-named and key-like member names, decided from the words of the
//! name (split on `_`, `-`, `.`, spaces and camelCase, any case).

/// Words that make a name secret-named, alone.
const SECRET_WORDS: &[&str] = &[
    "secret",
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "token",
    "apikey",
    "credential",
    "credentials",
    "dsn",
];

/// Pairs of neighbouring words that make a name secret-named.
const SECRET_PAIRS: &[(&str, &str)] = &[
    ("api", "key"),
    ("private", "key"),
    ("access", "key"),
    ("signing", "key"),
    ("session", "key"),
    ("secret", "key"),
    ("encryption", "key"),
    ("master", "key"),
    ("connection", "string"),
    ("conn", "str"),
    ("pass", "phrase"),
];

/// Endings that make one word a compound of a secret word (`clientsecret`,
/// `authtoken`, `dbpassword`, `privatekey`: a name written without
/// separators). Not `key` alone (`monkey`, `hockey`).
const SECRET_ENDINGS: &[&str] = &[
    "secret",
    "token",
    "password",
    "passwd",
    "passphrase",
    "apikey",
    "privatekey",
    "accesskey",
    "signingkey",
    "secretkey",
    "encryptionkey",
    "masterkey",
    "sessionkey",
];

/// A word as the lists read it: its trailing digits off (`password2`,
/// `dbPassword1`).
fn base(w: &str) -> &str {
    w.trim_end_matches(|c: char| c.is_ascii_digit())
}

/// Is word `w` in `list`, as it is or (`plurals`) as a plural (`secrets`,
/// `tokens`)?
fn word_in(list: &[&str], w: &str, plurals: bool) -> bool {
    let w = base(w);
    list.contains(&w) || (plurals && w.strip_suffix('s').is_some_and(|s| list.contains(&s)))
}

/// Is word `w` a compound ending in a secret word (`clientsecret`,
/// `authtokens`)?
fn compound(w: &str, plurals: bool) -> bool {
    let w = base(w);
    let w = if plurals { w.strip_suffix('s').unwrap_or(w) } else { w };
    SECRET_ENDINGS.iter().any(|e| w.ends_with(e))
}

/// A name whose last word is one of these names something else (a URL, a
/// type, an id...), whatever words come before: the catalogue's list, no
/// more (`header name` ends in `name`). A longer list would hide values
/// the catalogue calls secret (`api_key_header`, `db_password_version`).
const OTHER_LAST_WORDS: &[&str] = &[
    "url", "uri", "endpoint", "path", "type", "name", "id", "expires", "expiry", "length", "hint", "label", "field",
];

/// Words that make a name key-like (for the entropy test).
const KEY_WORDS: &[&str] = &[
    "key",
    "keys",
    "secret",
    "token",
    "auth",
    "credential",
    "credentials",
    "apikey",
];

/// The words of a name: split on anything not a letter or digit and on
/// camelCase (`privateKey`, `APIKey`, `x-api-key`, `Client Secret`), lower
/// case.
pub fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let chars: Vec<char> = name.chars().collect();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1);
        let boundary = c.is_uppercase()
            && (prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit())
                || prev.is_some_and(char::is_uppercase) && next.is_some_and(|n| n.is_lowercase()));
        if boundary && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A case-blind automaton over `stems` (one table step per byte).
fn stems(stems: &[&str]) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(stems)
        .expect("a few literal stems build an automaton")
}

/// The stems every secret word and pair starts with.
static SECRET_STEMS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| stems(&["secret", "pass", "pwd", "token", "key", "credential", "dsn", "conn"]));

/// The stems of the key-like words.
static KEY_STEMS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| stems(&["key", "secret", "token", "auth", "credential"]));

fn names_something_else(words: &[String]) -> bool {
    words.last().is_some_and(|w| OTHER_LAST_WORDS.contains(&w.as_str()))
}

const SECRET_NAME: u8 = 1;
const KEY_LIKE: u8 = 2;

/// Both answers about a name, remembered per thread ([`super::gate::Memo`]):
/// every key of every file is asked, and keys come from a small vocabulary
/// (`permissions`, `tool_name`, `level`...).
fn classify(key: &str) -> u8 {
    thread_local! {
        static MEMO: super::gate::Memo<u8> = super::gate::Memo::default();
    }
    MEMO.with(|memo| {
        memo.get(key, |key| {
            (if secret_name(key) { SECRET_NAME } else { 0 }) | if key_like(key) { KEY_LIKE } else { 0 }
        })
    })
}

/// Is a member named like a credential (`webhook_secret`, `DB_PASSWORD`,
/// `Client Secret`, `privateKey`, `x-api-key`, `authToken`,
/// `connectionString`, `token`), and not like something about one
/// (`token_url`, `token_type`, `password_hint`)? `uid` and `uuid` never are.
pub fn is_secret_name(key: &str) -> bool {
    classify(key) & SECRET_NAME != 0
}

/// Is a member named `uid` or `uuid` (any case)? Its own value is an
/// identifier, never a secret (docs/rules.md, R007), in a parsed file or not.
pub fn is_identifier_name(key: &str) -> bool {
    key.eq_ignore_ascii_case("uid") || key.eq_ignore_ascii_case("uuid")
}

/// [`is_secret_name`] and [`is_key_like`] of one name, in one reading.
pub fn secret_or_key_like(key: &str) -> (bool, bool) {
    let c = classify(key);
    (c & SECRET_NAME != 0, c & KEY_LIKE != 0)
}

/// Is a member name key-like (its words hold key, secret, token, auth or
/// credential), for the entropy test?
pub fn is_key_like(key: &str) -> bool {
    classify(key) & KEY_LIKE != 0
}

/// Is a URL parameter secret-named? As a member name, but a plural names
/// a list or a count (`?tokens=1`), not one credential.
pub fn is_secret_param_name(key: &str) -> bool {
    secret_name_with(key, false)
}

fn secret_name(key: &str) -> bool {
    secret_name_with(key, true)
}

fn secret_name_with(key: &str, plurals: bool) -> bool {
    // Cheap first: this runs on every key of every file, and most keys hold
    // none of the stems the secret words and pairs start with.
    if key.len() < 3 || !SECRET_STEMS.is_match(key) {
        return false;
    }
    let w = words(key);
    if names_something_else(&w) {
        return false;
    }
    w.iter()
        .any(|x| word_in(SECRET_WORDS, x, plurals) || compound(x, plurals))
        || w.windows(2).any(|p| {
            SECRET_PAIRS
                .iter()
                .any(|(a, b)| base(&p[0]) == *a && word_in(&[b], &p[1], plurals))
        })
}

fn key_like(key: &str) -> bool {
    if !KEY_STEMS.is_match(key) {
        return false;
    }
    let w = words(key);
    !names_something_else(&w) && w.iter().any(|x| word_in(KEY_WORDS, x, true) || compound(x, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_by_words() {
        for n in [
            "client_secret",
            "Client-Secret",
            "Client Secret",
            "webhook_secret",
            "DB_PASSWORD",
            "API_KEY",
            "apiKey",
            "x-api-key",
            "privateKey",
            "authToken",
            "connectionString",
            "token",
            "password",
            "refresh_token",
            "signing.key",
            "dsn",
            // Plurals, trailing digits, camelCase passphrase, compounds.
            "webhook_secrets",
            "access_tokens",
            "api_keys",
            "client_secrets",
            "password2",
            "dbPassword1",
            "sshPassPhrase",
            "authtoken",
            "privatekey",
            "clientsecret",
            "PASSWORD_2",
        ] {
            assert!(is_secret_name(n), "{n}");
        }
        for n in ["monkey", "tokenizer", "secretary", "passage", "authors", "tokens_url"] {
            assert!(!is_secret_name(n), "{n}");
        }
        assert!(is_key_like("auths") && is_key_like("refresh_tokens") && !is_key_like("authors"));
        for n in [
            "uid",
            "uuid",
            "secretariat",
            "token_url",
            "tokenUrl",
            "token_type",
            "client_id",
            "password_hint",
            "api_key_header_name",
            "keyboard",
        ] {
            assert!(!is_secret_name(n), "{n}");
        }
        // The catalogue's exceptions and no others, whatever the length.
        for n in [
            "api_key_header",
            "client_secret_description",
            "db_password_version",
            "webhook_token_policy",
            "password_format",
            "reporting_service_primary_replica_connection_for_nightly_sync_password",
            &format!("{}_secret", "x".repeat(5000)),
        ] {
            assert!(is_secret_name(n), "{n}");
        }
        for last in [
            "url", "uri", "endpoint", "path", "type", "name", "id", "expires", "expiry", "length", "hint", "label",
            "field",
        ] {
            assert!(!is_secret_name(&format!("client_secret_{last}")), "{last}");
        }
        assert_eq!(words("APIKeyValue"), ["api", "key", "value"]);
        assert!(is_key_like("auth") && is_key_like("secretKey") && !is_key_like("oauth_url") && !is_key_like("author"));
    }
}
