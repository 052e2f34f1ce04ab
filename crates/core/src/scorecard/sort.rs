//! The scorecard's one stable sort (a bin's ranges by their lower end, the reasons by
//! shortfall), written out: the standard library's stable sort is ~3.4 KB of WebAssembly per
//! element type, and the pre-check page and the SDK's pre-check module carried two of them
//! (twiggy; 3 KB gzip of the module). This is a bottom-up merge sort, O(n log n) on any card.

/// Sorts `v` by `less`, keeping the order of equal items.
pub(crate) fn stable_sort<T: Copy>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    let n = v.len();
    let mut buf = v.to_vec();
    let mut width = 1;
    while width < n {
        // Merge each pair of sorted runs [lo, mid) and [mid, hi) of `v` into `buf`.
        let mut lo = 0;
        while lo < n {
            let mid = lo.saturating_add(width).min(n);
            let hi = mid.saturating_add(width).min(n);
            let (mut i, mut j) = (lo, mid);
            for slot in &mut buf[lo..hi] {
                // The right run's item goes first only when strictly less: equals keep order.
                if j < hi && (i >= mid || less(&v[j], &v[i])) {
                    *slot = v[j];
                    j += 1;
                } else {
                    *slot = v[i];
                    i += 1;
                }
            }
            lo = hi;
        }
        v.copy_from_slice(&buf);
        width = width.saturating_mul(2);
    }
}

#[cfg(test)]
mod tests {
    use super::stable_sort;
    use proptest::prelude::*;

    /// The reasons' order: larger shortfalls first, the card's order between equals.
    #[test]
    fn larger_first_and_equals_in_card_order() {
        let mut v = [("a", 5), ("b", 9), ("c", 5), ("d", 9), ("e", 1)];
        stable_sort(&mut v, |x, y| x.1 > y.1);
        assert_eq!(v.map(|x| x.0), ["b", "d", "a", "c", "e"]);
    }

    proptest! {
        /// The same order as the standard library's stable sort, on keys with many ties.
        #[test]
        fn sorts_as_the_standard_stable_sort(keys in prop::collection::vec(0u8..6, 0..300)) {
            let items: Vec<(u8, usize)> = keys.into_iter().enumerate().map(|(i, k)| (k, i)).collect();
            let mut ours = items.clone();
            stable_sort(&mut ours, |a, b| a.0 < b.0);
            let mut std = items;
            std.sort_by_key(|x| x.0);
            prop_assert_eq!(ours, std);
        }
    }
}
