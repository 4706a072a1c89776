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

/// Delete member `index` of `object`, commas right; none when its key is
/// written twice in the object (S002): removing one hands the value to the
/// other (`"directory": "admin", "directory": "none"` without its later
/// entry grants Admin; a later `"components"` removed brings the earlier
/// one back). No removal until the duplicate is resolved.
pub fn remove_member(object: &Node, index: usize) -> Option<Edit> {
    let members = object.as_object()?;
    let key = members.get(index)?.key;
    if written_twice(object, key) {
        return None;
    }
    let spans: Vec<Span> = members.iter().map(|m| m.span()).collect();
    remove_item(object.span, &spans, index)
}

/// Is `key` written more than once in `object`? Then no fix removes or
/// renames one of them: the other would take its place.
pub fn written_twice(object: &Node, key: &str) -> bool {
    object
        .as_object()
        .is_some_and(|members| members.iter().filter(|m| m.key == key).nth(1).is_some())
}

/// Delete a permission grant from its scope object (`"rfi": "none"`, an
/// unused grant), commas right: see [`remove_member`].
pub fn remove_entry(root: &Node, entry: &Entry) -> Option<Edit> {
    let parent = root.pointer(&entry.scope_pointer)?.node;
    let idx = parent.as_object()?.iter().position(|m| std::ptr::eq(m, entry.member))?;
    remove_member(parent, idx)
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
