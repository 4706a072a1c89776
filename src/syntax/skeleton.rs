//! The shortened copy of a big text that is not JSON, in which jsonc-parser
//! looks for the error (`parse_with`).

/// A shortened copy is made only when it leaves out at least this much:
/// small files take the plain path.
const SKELETON_AT_LEAST: usize = 64 * 1024;

/// `body` without its `removable` ranges, for jsonc-parser to find the
/// error in: each range is whole JSON the fast parser accepted (entries
/// with their commas), so cutting it changes nothing about the error but
/// its offset, which [`Skeleton::offset_in_body`] gives back. A copy
/// blanked to spaces (same offsets) held the file twice: 50 MB cut off
/// near its end was 100 MB.
pub(super) struct Skeleton {
    pub(super) text: String,
    /// Where each cut is in `text`, and how many bytes were cut there and
    /// before, in order.
    cuts: Vec<(usize, usize)>,
}

impl Skeleton {
    pub(super) fn of(body: &str, removable: &[std::ops::Range<usize>]) -> Option<Skeleton> {
        let removed: usize = removable.iter().map(|r| r.len()).sum();
        if removed < SKELETON_AT_LEAST {
            return None;
        }
        let mut ranges: Vec<_> = removable.iter().filter(|r| !r.is_empty()).cloned().collect();
        ranges.sort_by_key(|r| r.start);
        // Sized once: what is kept (the tail of a big file) is not copied
        // again as the string grows.
        let mut text = String::with_capacity(body.len().saturating_sub(removed));
        let mut cuts = Vec::with_capacity(ranges.len());
        let (mut from, mut cut) = (0, 0);
        for r in ranges {
            // Ranges begin and end where entries begin (ASCII) and never
            // overlap; if not, there is no copy.
            if r.start < from {
                return None;
            }
            text.push_str(body.get(from..r.start)?);
            cut += r.len();
            cuts.push((text.len(), cut));
            from = r.end;
        }
        text.push_str(body.get(from..)?);
        Some(Skeleton { text, cuts })
    }

    /// The offset in the body of `at` in the copy: after every cut at or
    /// before it (the error is never inside what was cut).
    pub(super) fn offset_in_body(&self, at: usize) -> usize {
        let before = self.cuts.partition_point(|&(c, _)| c <= at);
        at + before.checked_sub(1).map_or(0, |i| self.cuts[i].1)
    }
}
