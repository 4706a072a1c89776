//! Edits shared by fixes: remove an object member or an array element with
//! the commas right, replace a value or a key.

use crate::diagnostics::Edit;
use crate::model::view::Entry;
use crate::span::Span;
use crate::syntax::Node;

/// Delete item `index` of a list of spans (members or elements) inside the
/// container whose span is `container`: the item and one comma go, the
/// formatting of the rest stays as written.
pub fn remove_item(container: Span, items: &[Span], index: usize) -> Option<Edit> {
    let item = *items.get(index)?;
    let span = if items.len() == 1 {
        // The only item: leave `{}` / `[]`.
        Span {
            start: container.start + 1,
            end: container.end.saturating_sub(1),
        }
    } else if index + 1 < items.len() {
        Span {
            start: item.start,
            end: items[index + 1].start,
        }
    } else {
        Span {
            start: items[index - 1].end,
            end: item.end,
        }
    };
    Some(Edit::delete(span))
}

/// Delete a permission grant from its scope object (`"rfi": "none"`, an
/// unused grant), commas right.
pub fn remove_entry(root: &Node, entry: &Entry) -> Option<Edit> {
    let parent = root.pointer(&entry.scope_pointer)?.node;
    let members = parent.as_object()?;
    let idx = members.iter().position(|m| std::ptr::eq(m, entry.member))?;
    // A key written twice (S002): removing one entry hands the grant to the
    // other (`"directory": "admin", "directory": "none"` without its later
    // entry grants Admin). No removal until the duplicate is resolved.
    if members.iter().filter(|m| m.key == entry.member.key).nth(1).is_some() {
        return None;
    }
    let spans: Vec<Span> = members.iter().map(|m| m.span()).collect();
    remove_item(parent.span, &spans, idx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::apply_edits;
    use crate::syntax::parse;

    fn remove(text: &str, i: usize) -> String {
        let arena = crate::syntax::Arena::default();
        let root = parse(text, &arena).unwrap();
        let spans: Vec<Span> = root.as_object().unwrap().iter().map(|m| m.span()).collect();
        let e = remove_item(root.span, &spans, i).unwrap();
        let out = apply_edits(text, &[e]).unwrap();
        assert!(parse(&out, &crate::syntax::Arena::default()).is_ok(), "{out}");
        out
    }

    #[test]
    fn removes_first_middle_last_only() {
        assert_eq!(remove(r#"{"a": 1, "b": 2, "c": 3}"#, 0), r#"{"b": 2, "c": 3}"#);
        assert_eq!(remove(r#"{"a": 1, "b": 2, "c": 3}"#, 1), r#"{"a": 1, "c": 3}"#);
        assert_eq!(remove(r#"{"a": 1, "b": 2, "c": 3}"#, 2), r#"{"a": 1, "b": 2}"#);
        assert_eq!(remove("{\n  \"a\": 1\n}", 0), "{}");
        assert_eq!(remove("{\n  \"a\": 1,\n  \"b\": 2\n}", 1), "{\n  \"a\": 1\n}");
    }
}
