//! Where the cursor is in a document that may not parse (the user is
//! typing): a lexical scan from the start to the cursor tracks the enclosing
//! keys and whether the cursor is at a member name, a value or an array item.

/// What the cursor stands in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// Writing a member name of the object at `path`.
    Key,
    /// Writing the value of member `key` of the object at `path`.
    Value { key: String },
    /// Writing an element of the array at `path`.
    Item,
    /// Outside every container: before the root's `{` or after its `}`
    /// (nothing written there is JSON).
    Outside,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// Member names from the root to the innermost container (arrays add
    /// nothing: `["sidepanel", "views"]` for an item of the views array).
    pub path: Vec<String>,
    pub slot: Slot,
    /// Inside a string literal: the text typed so far (from the opening quote).
    pub in_string: Option<String>,
    /// Member names already written in the innermost object (before the cursor).
    pub siblings: Vec<String>,
}

#[derive(Debug)]
enum Frame {
    Object {
        key: Option<String>,
        expecting_key: bool,
        seen: Vec<String>,
    },
    Array,
}

/// The context at byte `offset` of `text` (clamped; never panics).
pub fn at(text: &str, offset: usize) -> Option<Context> {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let bytes = &text.as_bytes()[..offset];
    let mut stack: Vec<(Option<String>, Frame)> = Vec::new();
    let mut pending_key: Option<String> = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                let mut closed = false;
                while j < bytes.len() {
                    match bytes[j] {
                        b'\\' => j += 1,
                        b'"' => {
                            closed = true;
                            break;
                        }
                        _ => {}
                    }
                    j += 1;
                }
                let s = String::from_utf8_lossy(&bytes[start..j.min(bytes.len())]).into_owned();
                if !closed {
                    return Some(finish(&stack, Some(s)));
                }
                if let Some((
                    _,
                    Frame::Object {
                        key,
                        expecting_key: true,
                        seen,
                    },
                )) = stack.last_mut()
                {
                    *key = Some(s.clone());
                    seen.push(s.clone());
                    pending_key = Some(s);
                }
                i = j + 1;
                continue;
            }
            b':' => {
                if let Some((_, Frame::Object { expecting_key, .. })) = stack.last_mut() {
                    *expecting_key = false;
                }
            }
            b',' => {
                if let Some((_, Frame::Object { expecting_key, key, .. })) = stack.last_mut() {
                    *expecting_key = true;
                    *key = None;
                }
            }
            b'{' | b'[' => {
                let under = match stack.last() {
                    Some((_, Frame::Object { key, .. })) => key.clone(),
                    _ => None,
                };
                let frame = if bytes[i] == b'{' {
                    Frame::Object {
                        key: None,
                        expecting_key: true,
                        seen: Vec::new(),
                    }
                } else {
                    Frame::Array
                };
                stack.push((under.or_else(|| pending_key.take()), frame));
                pending_key = None;
            }
            b'}' | b']' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    Some(finish(&stack, None))
}

/// Member names written after `offset` in the object that holds it (up to
/// its closing brace, or the end of a half-typed text): with
/// [`Context::siblings`], every key the object already has.
pub fn later_siblings(text: &str, offset: usize) -> Vec<String> {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let bytes = &text.as_bytes()[offset..];
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    // Inside a string at the cursor: skip to its end first.
    if let Some(cx) = at(text, offset) {
        if cx.in_string.is_some() {
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
        }
    }
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let end = j.min(bytes.len());
                let after = bytes[(end + 1).min(bytes.len())..]
                    .iter()
                    .find(|b| !b.is_ascii_whitespace());
                if depth == 0 && after == Some(&b':') {
                    out.push(String::from_utf8_lossy(&bytes[start..end]).into_owned());
                }
                i = end + 1;
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn finish(stack: &[(Option<String>, Frame)], in_string: Option<String>) -> Context {
    let path = stack.iter().skip(1).filter_map(|(k, _)| k.clone()).collect();
    let slot = match stack.last() {
        Some((
            _,
            Frame::Object {
                expecting_key: true, ..
            },
        )) => Slot::Key,
        None => Slot::Outside,
        Some((_, Frame::Object { key, .. })) => Slot::Value {
            key: key.clone().unwrap_or_default(),
        },
        Some((_, Frame::Array)) => Slot::Item,
    };
    let siblings = match stack.last() {
        Some((_, Frame::Object { seen, .. })) => seen.clone(),
        _ => Vec::new(),
    };
    Context {
        path,
        slot,
        in_string,
        siblings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_in_scope() {
        let t = r#"{"permissions": {"company": {"documents": "readonly", ""#;
        let c = at(t, t.len()).unwrap();
        assert_eq!(c.path, ["permissions", "company"]);
        assert_eq!(c.slot, Slot::Key);
        assert_eq!(c.in_string.as_deref(), Some(""));
    }

    #[test]
    fn level_value() {
        let t = r#"{"permissions": {"project": {"rfi": "re"#;
        let c = at(t, t.len()).unwrap();
        assert_eq!(c.path, ["permissions", "project"]);
        assert_eq!(c.slot, Slot::Value { key: "rfi".into() });
        assert_eq!(c.in_string.as_deref(), Some("re"));
    }

    #[test]
    fn view_item_and_url() {
        let t = r#"{"sidepanel": {"views": ["rfi.detail", "su"#;
        let c = at(t, t.len()).unwrap();
        assert_eq!(c.path, ["sidepanel", "views"]);
        assert_eq!(c.slot, Slot::Item);
        let t = r#"{"fullscreen": {"source_url": "https://a.io/?c={{proc"#;
        let c = at(t, t.len()).unwrap();
        assert_eq!(
            c.slot,
            Slot::Value {
                key: "source_url".into()
            }
        );
        assert!(c.in_string.unwrap().ends_with("{{proc"));
    }

    #[test]
    fn keys_after_the_cursor() {
        let t = r#"{"permissions": {"project": {"rfi": "readonly", "", "submittals": "standard", "x": {"inner": 1}}, "company": {}}}"#;
        let at_key = t.find(r#""", "submittals"#).map(|i| i + 1).unwrap();
        assert_eq!(later_siblings(t, at_key), ["submittals", "x"]);
        // Half typed: up to the end of the text.
        let t = r#"{"permissions": {"project": {"", "rfi": "re"#;
        assert_eq!(later_siblings(t, t.find(r#"", "rfi"#).map(|i| i + 1).unwrap()), ["rfi"]);
    }

    #[test]
    fn top_level_and_nested_closed() {
        let t = r#"{"fullscreen": {"uuid": "x"}, "#;
        let c = at(t, t.len()).unwrap();
        assert!(c.path.is_empty());
        assert_eq!(c.slot, Slot::Key);
        assert!(at("", 0).is_some());
        assert!(at("é", 1).is_some());
    }
}
