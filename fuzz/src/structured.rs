//! Structure-aware inputs: a fixture manifest (fixtures/**/*.json that
//! parse) with `arbitrary`-generated JSON values spliced into it, so that
//! inputs get past the parser and the schema into the deeper rules.
//!
//! An input picks a fixture, then applies a few edits at nodes chosen by
//! index in document order: replace the node, add a member to an object
//! (keys mostly from the manifest vocabulary, so duplicates happen), add or
//! remove an item, remove a member. Values are built from the fixtures'
//! keys and strings, URLs with placeholders, secrets, control characters,
//! extreme numbers. The result is written compact or pretty, optionally
//! with a UTF-8 byte order mark and CRLF line ends.

use arbitrary::{Arbitrary, Result, Unstructured};
use std::sync::OnceLock;

/// A JSON value that keeps duplicate keys, member order and number text.
#[derive(Debug, Clone)]
pub enum J {
    Null,
    Bool(bool),
    /// The number's text, written as is (`1e999`, `-0`, 30 digits...).
    Num(String),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

impl J {
    fn from_value(v: &serde_json::Value) -> J {
        use serde_json::Value as V;
        match v {
            V::Null => J::Null,
            V::Bool(b) => J::Bool(*b),
            V::Number(n) => J::Num(n.to_string()),
            V::String(s) => J::Str(s.clone()),
            V::Array(items) => J::Arr(items.iter().map(J::from_value).collect()),
            V::Object(m) => J::Obj(m.iter().map(|(k, v)| (k.clone(), J::from_value(v))).collect()),
        }
    }

    /// Nodes in document order (pre-order), counted.
    fn count(&self) -> usize {
        1 + match self {
            J::Arr(items) => items.iter().map(J::count).sum(),
            J::Obj(members) => members.iter().map(|(_, v)| v.count()).sum(),
            _ => 0,
        }
    }

    /// The node at pre-order index `i` (0 = self).
    fn nth_mut(&mut self, i: usize) -> Option<&mut J> {
        if i == 0 {
            return Some(self);
        }
        let mut i = i - 1;
        let children: Vec<&mut J> = match self {
            J::Arr(items) => items.iter_mut().collect(),
            J::Obj(members) => members.iter_mut().map(|(_, v)| v).collect(),
            _ => return None,
        };
        for child in children {
            let n = child.count();
            if i < n {
                return child.nth_mut(i);
            }
            i -= n;
        }
        None
    }

    fn write(&self, out: &mut String, pretty: bool, indent: usize) {
        let newline = |out: &mut String, level: usize| {
            if pretty {
                out.push('\n');
                out.push_str(&"  ".repeat(level));
            }
        };
        match self {
            J::Null => out.push_str("null"),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Num(n) => out.push_str(n),
            J::Str(s) => out.push_str(&serde_json::to_string(s).expect("a string serializes")),
            J::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, indent + 1);
                    item.write(out, pretty, indent + 1);
                }
                if !items.is_empty() {
                    newline(out, indent);
                }
                out.push(']');
            }
            J::Obj(members) => {
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, indent + 1);
                    out.push_str(&serde_json::to_string(k).expect("a string serializes"));
                    out.push_str(if pretty { ": " } else { ":" });
                    v.write(out, pretty, indent + 1);
                }
                if !members.is_empty() {
                    newline(out, indent);
                }
                out.push('}');
            }
        }
    }
}

/// The fixtures that parse, and the vocabulary (keys, strings) found in them.
pub struct Seeds {
    pub manifests: Vec<J>,
    pub keys: Vec<String>,
    pub strings: Vec<String>,
}

/// Strings worth trying anywhere, besides the fixtures' own.
const EXTRA_STRINGS: &[&str] = &[
    "",
    " ",
    "4.1",
    "3",
    "3.0",
    "3.2.1",
    "4",
    "4.10",
    "none",
    "NONE",
    "read_only",
    "Read-Only",
    "readonly",
    "standard",
    "admin",
    "ADMIN",
    " admin ",
    "client_credentials",
    "authorization_code",
    "implicit",
    "fullscreen",
    "sidepanel",
    "string",
    "integer",
    "object",
    "https://app.example.com/x",
    "http://app.vendor.io/",
    "https://localhost:3000/",
    "https://10.0.0.1/",
    "https://[::1]/",
    "https://app.vendor.io/{{procore.project.id}}/{{procore.company.name}}",
    "https://{{subdomain}}.vendor.io/{{",
    "https://app.vendor.io/?a={{x}}&b={{ y }}",
    "{{}}",
    "{{procore.",
    "https://",
    "https://a b/",
    "mailto:x@y",
    "javascript:alert(1)",
    "sk_live_51HxQzTopSecretValue",
    "Bearer abc123SECRETTOKEN",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
    "AKIAsecretkeyvalue1234",
    "TODO",
    "tbd",
    "lorem ipsum dolor",
    "these-are-post-installation-setup-notes",
    "b5f1a2c4-3d6e-4f70-8a91-2b3c4d5e6f70",
    "B5F1A2C4-3D6E-4F70-8A91-2B3C4D5E6F70",
    "b5f1a2c43d6e4f708a912b3c4d5e6f70",
    "rfi.detail",
    "rfi.all",
    "commitments.all",
    "\u{1b}[31mred\u{1b}[0m",
    "\u{7}bell",
    "line\nbreak\r\n",
    "tab\there",
    "\u{202e}reversed",
    "\u{0}nul",
    "%0A::error::injected",
    "a,b:c",
    "é€😀",
    "\u{feff}bom",
    "~1/~0",
    "/",
    "..",
];

/// Keys worth trying anywhere, besides the fixtures' own.
const EXTRA_KEYS: &[&str] = &[
    "",
    "schema_version",
    "Schema_Version",
    "manifest_version",
    "permissions",
    "company",
    "project",
    "components",
    "oauth",
    "iframe",
    "instances",
    "grant_type",
    "fullscreen",
    "sidepanel",
    "views",
    "source_url",
    "iframe_src",
    "user_configuration",
    "configuration",
    "schema",
    "properties",
    "required",
    "type",
    "name",
    "description",
    "uuid",
    "uid",
    "client_secret",
    "clientSecret",
    "password",
    "api-key",
    "access_token",
    "post_installation_instruction",
    "app_manifest",
    "notes",
    "page",
    "url",
    "label",
    "\u{1b}[31m",
    "a/b~c",
    "\u{7}",
];

const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "4.1",
    "3",
    "1e999",
    "-1e999",
    "1e-999",
    "123456789012345678901234567890",
    "-123456789012345678901234567890",
    "18446744073709551616",
    "9223372036854775808",
    "1.7976931348623157e308",
    "0.0000000000000000000000001",
    "1E+2",
];

fn fixtures_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures")
}

/// Loaded once per process.
pub fn seeds() -> &'static Seeds {
    static SEEDS: OnceLock<Seeds> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut files = Vec::new();
        let mut stack = vec![fixtures_dir()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("fixtures/ is readable").flatten() {
                let p = entry.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "json") {
                    files.push(p);
                }
            }
        }
        files.sort();
        let mut manifests = Vec::new();
        let mut keys: Vec<String> = EXTRA_KEYS.iter().map(|s| s.to_string()).collect();
        let mut strings: Vec<String> = EXTRA_STRINGS.iter().map(|s| s.to_string()).collect();
        for f in files {
            let Ok(text) = std::fs::read_to_string(&f) else {
                continue;
            };
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) else {
                continue;
            };
            let j = J::from_value(&v);
            collect(&j, &mut keys, &mut strings);
            manifests.push(j);
        }
        assert!(!manifests.is_empty(), "no fixture parses");
        keys.sort();
        keys.dedup();
        strings.sort();
        strings.dedup();
        Seeds {
            manifests,
            keys,
            strings,
        }
    })
}

fn collect(j: &J, keys: &mut Vec<String>, strings: &mut Vec<String>) {
    match j {
        J::Str(s) => strings.push(s.clone()),
        J::Arr(items) => items.iter().for_each(|i| collect(i, keys, strings)),
        J::Obj(members) => {
            for (k, v) in members {
                keys.push(k.clone());
                collect(v, keys, strings);
            }
        }
        _ => {}
    }
}

fn pick<'a>(u: &mut Unstructured, from: &'a [String]) -> Result<&'a str> {
    Ok(&from[u.choose_index(from.len())?])
}

fn key(u: &mut Unstructured, seeds: &Seeds) -> Result<String> {
    Ok(match u.int_in_range(0..=7)? {
        0 => String::arbitrary(u)?,
        _ => pick(u, &seeds.keys)?.to_string(),
    })
}

fn string(u: &mut Unstructured, seeds: &Seeds) -> Result<String> {
    Ok(match u.int_in_range(0..=9)? {
        0 | 1 => String::arbitrary(u)?,
        // Two vocabulary strings glued: URLs with odd tails, levels with text.
        2 => format!("{}{}", pick(u, &seeds.strings)?, pick(u, &seeds.strings)?),
        // A long one.
        3 => pick(u, &seeds.strings)?.repeat(u.int_in_range(2..=200)?),
        _ => pick(u, &seeds.strings)?.to_string(),
    })
}

/// An arbitrary value, at most `depth` levels deep.
pub fn value(u: &mut Unstructured, seeds: &Seeds, depth: u32) -> Result<J> {
    let max = if depth == 0 { 3 } else { 6 };
    Ok(match u.int_in_range(0..=max)? {
        0 => J::Null,
        1 => J::Bool(bool::arbitrary(u)?),
        2 => match u.int_in_range(0..=2)? {
            0 => J::Num(i64::arbitrary(u)?.to_string()),
            1 => {
                let f = f64::arbitrary(u)?;
                J::Num(if f.is_finite() {
                    format!("{f:?}")
                } else {
                    "1e999".into()
                })
            }
            _ => J::Num(NUMBERS[u.choose_index(NUMBERS.len())?].to_string()),
        },
        3 => J::Str(string(u, seeds)?),
        4 => {
            let n = u.int_in_range(0..=4)?;
            let mut items = Vec::new();
            for _ in 0..n {
                items.push(value(u, seeds, depth - 1)?);
            }
            J::Arr(items)
        }
        5 => {
            // A copy of a fixture's subtree: realistic shapes in odd places.
            let m = &seeds.manifests[u.choose_index(seeds.manifests.len())?];
            let i = u.choose_index(m.count())?;
            let mut m = m.clone();
            m.nth_mut(i).map(|n| n.clone()).unwrap_or(J::Null)
        }
        _ => {
            let n = u.int_in_range(0..=4)?;
            let mut members = Vec::new();
            for _ in 0..n {
                members.push((key(u, seeds)?, value(u, seeds, depth - 1)?));
            }
            J::Obj(members)
        }
    })
}

/// Build one input from the fuzzer's bytes.
pub fn generate(data: &[u8]) -> Option<Vec<u8>> {
    let seeds = seeds();
    let mut u = Unstructured::new(data);
    build(&mut u, seeds).ok()
}

fn build(u: &mut Unstructured, seeds: &Seeds) -> Result<Vec<u8>> {
    let mut doc = seeds.manifests[u.choose_index(seeds.manifests.len())?].clone();
    let edits = u.int_in_range(1..=4)?;
    for _ in 0..edits {
        let at = u.choose_index(doc.count())?;
        let op = u.int_in_range(0..=4)?;
        let new_value = value(u, seeds, 3)?;
        let new_key = key(u, seeds)?;
        let pos = usize::arbitrary(u)?;
        let Some(node) = doc.nth_mut(at) else { continue };
        match (op, node) {
            (0, node) => *node = new_value,
            (1, J::Obj(members)) => {
                let p = pos % (members.len() + 1);
                members.insert(p, (new_key, new_value));
            }
            (2, J::Obj(members)) if !members.is_empty() => {
                let p = pos % members.len();
                members.remove(p);
            }
            (3, J::Arr(items)) => {
                let p = pos % (items.len() + 1);
                items.insert(p, new_value);
            }
            (4, J::Arr(items)) if !items.is_empty() => {
                let p = pos % items.len();
                items.remove(p);
            }
            // Duplicate an existing key with a new value.
            (_, J::Obj(members)) if !members.is_empty() => {
                let k = members[pos % members.len()].0.clone();
                members.push((k, new_value));
            }
            (_, node) => *node = new_value,
        }
    }
    let pretty = bool::arbitrary(u)?;
    let mut text = String::new();
    doc.write(&mut text, pretty, 0);
    if pretty {
        text.push('\n');
    }
    let (bom, crlf) = (u.ratio(1, 8)?, u.ratio(1, 8)?);
    if crlf {
        text = text.replace('\n', "\r\n");
    }
    let mut bytes = Vec::with_capacity(text.len() + 3);
    if bom {
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
    }
    bytes.extend_from_slice(text.as_bytes());
    Ok(bytes)
}
