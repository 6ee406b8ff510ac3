//! Sorting short lists through one routine. Every `sort_by` with a closure of its own is
//! another copy of the standard library's sort in the binary (4 to 8 kB each at
//! `opt-level = "s"`), and the binary has a size budget (ARCHITECTURE.md, "Release
//! build"). The lists sorted here are short (roles, a role's skills, backups, forecast
//! samples), so they share one copy: their positions are sorted, then the list is put in
//! that order. Long lists on measured paths (events in date order) keep their own sort.

use std::cmp::Ordering;

/// `0..n` in the order `cmp` gives the positions; stable: equal positions keep their order.
pub fn positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Sorts `list` by `cmp`, stably, like `slice::sort_by`.
pub fn sort_by<T>(list: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let order = positions(list.len(), &|a, b| cmp(&list[a], &list[b]));
    let mut slots: Vec<Option<T>> = list.drain(..).map(Some).collect();
    list.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_the_standard_sort_does_and_keeps_ties_in_order(
            list in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)
        ) {
            let mut ours = list.clone();
            super::sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = list;
            std.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std);
        }
    }
}
