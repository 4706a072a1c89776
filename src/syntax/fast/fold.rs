//! Folded containers read again (`items.rs`): unfolded into the arena,
//! or streamed one entry at a time. Their text was checked when the tree was
//! parsed; should it not read as JSON now, a container reads as empty.

use super::{count_entries, Entry, Parser};
use crate::syntax::Fold;
use std::marker::PhantomData;

/// The entries of the folded container at `at`, placed in the arena: the
/// containers among them that the first pass folds are folded in turn.
pub fn unfold<'t, T: Entry<'t>>(fold: &'t Fold<'t>, at: usize) -> &'t [T] {
    let Some(built) = count_entries(fold.body.as_bytes(), at, true) else {
        return &[];
    };
    let mut p = Parser::new(fold.body, fold.shift, fold.arena);
    p.i = at;
    p.built = Some(built.into_iter().peekable());
    p.fold = Some(fold);
    p.shared = true;
    // The container at `at` is built: the first pass never folds the
    // value it starts at.
    p.value().and_then(T::of).map_or(&[], |items| items.as_slice())
}

/// The entries of a folded container read from the text one at a time,
/// each container among them folded ([`super::Entries::Folded`]): nothing
/// is kept but what an escaped string decodes to. Small (a parser is made
/// for each entry): walkers hold one per container they are in.
pub struct Stream<'t, T> {
    fold: &'t Fold<'t>,
    /// Where the next entry (or the closing bracket) is looked for.
    i: usize,
    first: bool,
    done: bool,
    _t: PhantomData<T>,
}

impl<'t, T: Entry<'t>> Stream<'t, T> {
    pub(in crate::syntax) fn new(fold: &'t Fold<'t>, at: usize) -> Self {
        Stream {
            fold,
            i: at + 1,
            first: true,
            done: false,
            _t: PhantomData,
        }
    }
}

impl<'t, T: Entry<'t>> Iterator for Stream<'t, T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        if self.done {
            return None;
        }
        let mut p = Parser::new(self.fold.body, self.fold.shift, self.fold.arena);
        p.i = self.i;
        p.fold = Some(self.fold);
        p.fold_all = true;
        p.shared = true;
        p.whitespace();
        if std::mem::take(&mut self.first) && p.peek() == Some(T::CLOSE) {
            self.done = true;
            return None;
        }
        let entry = T::parse(&mut p);
        p.whitespace();
        match p.peek() {
            Some(b',') if entry.is_some() => p.i += 1,
            _ => self.done = true,
        }
        self.i = p.i;
        entry
    }
}
