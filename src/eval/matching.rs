//! One-to-one pairing of gold items with ours.
//!
//! Greedy pairing can lose a true positive: gold A could take the only partner
//! of gold B while another was free for A. So each tier is a maximum bipartite
//! matching (Kuhn's augmenting paths), which is fair to the system whatever the
//! order of the lists. Tiers let a stricter criterion win first (an exact name
//! before an alias); a looser tier never breaks up a stricter tier's pairs.

/// Which of ours each gold item is paired with, and back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pairing {
    pub gold_to_ours: Vec<Option<usize>>,
    pub ours_to_gold: Vec<Option<usize>>,
}

impl Pairing {
    pub fn pairs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.gold_to_ours.iter().enumerate().filter_map(|(g, o)| o.map(|o| (g, o)))
    }

    pub fn unpaired_gold(&self) -> impl Iterator<Item = usize> + '_ {
        self.gold_to_ours.iter().enumerate().filter(|(_, o)| o.is_none()).map(|(g, _)| g)
    }

    pub fn unpaired_ours(&self) -> impl Iterator<Item = usize> + '_ {
        self.ours_to_gold.iter().enumerate().filter(|(_, g)| g.is_none()).map(|(o, _)| o)
    }
}

/// Pairs `gold` items with `ours` items: for each tier in turn, a maximum
/// matching over the items still unpaired, using the tier's edges.
pub(crate) fn pair_in_tiers(gold: usize, ours: usize, tiers: &[&dyn Fn(usize, usize) -> bool]) -> Pairing {
    let mut pairing = Pairing { gold_to_ours: vec![None; gold], ours_to_gold: vec![None; ours] };
    for edge in tiers {
        let adjacency: Vec<Vec<usize>> = (0..gold)
            .map(|g| match pairing.gold_to_ours[g] {
                Some(_) => Vec::new(),
                None => (0..ours).filter(|&o| pairing.ours_to_gold[o].is_none() && edge(g, o)).collect(),
            })
            .collect();
        let mut owner: Vec<Option<usize>> = vec![None; ours];
        for g in 0..gold {
            let mut seen = vec![false; ours];
            augment(g, &adjacency, &mut owner, &mut seen);
        }
        for (o, g) in owner.into_iter().enumerate() {
            if let Some(g) = g {
                pairing.gold_to_ours[g] = Some(o);
                pairing.ours_to_gold[o] = Some(g);
            }
        }
    }
    pairing
}

/// Tries to give `g` a partner, moving earlier owners along alternating paths.
fn augment(g: usize, adjacency: &[Vec<usize>], owner: &mut [Option<usize>], seen: &mut [bool]) -> bool {
    for &o in &adjacency[g] {
        if seen[o] {
            continue;
        }
        seen[o] = true;
        // Not `is_none_or`: the crate supports Rust 1.80.
        let free = match owner[o] {
            None => true,
            Some(h) => augment(h, adjacency, owner, seen),
        };
        if free {
            owner[o] = Some(g);
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maximum_matching_beats_greedy() {
        // gold 0 could take ours 0 or 1; gold 1 only ours 0. Greedy gives 1 pair.
        let edges = [[true, true], [true, false]];
        let p = pair_in_tiers(2, 2, &[&|g, o| edges[g][o]]);
        assert_eq!(p.gold_to_ours, [Some(1), Some(0)]);
        assert_eq!(p.ours_to_gold, [Some(1), Some(0)]);
    }

    #[test]
    fn stricter_tier_wins_and_is_kept() {
        // Tier 1 pairs gold 1 with ours 0; tier 2 may not take ours 0 from it.
        let strict = |g: usize, o: usize| (g, o) == (1, 0);
        let loose = |_: usize, o: usize| o == 0;
        let p = pair_in_tiers(2, 1, &[&strict, &loose]);
        assert_eq!(p.gold_to_ours, [None, Some(0)]);
        assert_eq!(p.unpaired_gold().collect::<Vec<_>>(), [0]);
        assert_eq!(p.unpaired_ours().count(), 0);
    }
}
