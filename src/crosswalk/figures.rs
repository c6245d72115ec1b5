//! The crosswalk in numbers: how its links spread over the two frameworks, relationships and
//! strengths, how many points of focus they reach, and how its verdicts fall. The README quotes these figures; computing them keeps
//! the quote checkable.

use crate::catalog::Catalogues;
use crate::crosswalk::{Crosswalk, Link, Relationship, Side, Verdict};
use crate::table::{Cell, Table};

/// One row per figure: `figure,item,count`, groups in standard order.
pub fn figures_table(crosswalk: &Crosswalk, catalogues: &Catalogues) -> Table {
    let mut rows = Vec::new();
    let mut push = |figure: &str, item: String, count: usize| {
        rows.push(vec![figure.into(), item.into(), Cell::Number(count as i64)])
    };
    push("links", "all".into(), crosswalk.links().len());
    let iso_refs: Vec<&str> = catalogues.iso_refs().collect();
    let tsc_refs: Vec<&str> = catalogues
        .tsc
        .items()
        .iter()
        .map(|c| &*c.reference)
        .collect();
    let sides: [(&str, &[&str], LinkEnd); 2] = [
        ("links by ISO group", &iso_refs, |l| &l.iso),
        ("links by criteria series", &tsc_refs, |l| &l.tsc),
    ];
    for (figure, references, end_of) in sides {
        for group in groups_in_order(catalogues, references) {
            let count = crosswalk
                .links()
                .iter()
                .filter(|l| catalogues.group_of(end_of(l)) == group)
                .count();
            push(figure, group, count);
        }
    }
    for relationship in Relationship::ALL {
        let count = crosswalk
            .links()
            .iter()
            .filter(|l| l.relationship == relationship)
            .count();
        push("links by relationship", relationship.id().into(), count);
    }
    for strength in 1..=10 {
        let count = crosswalk
            .links()
            .iter()
            .filter(|l| l.strength == strength)
            .count();
        push("links by strength", strength.to_string(), count);
    }
    let points: Vec<_> = catalogues
        .tsc
        .items()
        .iter()
        .flat_map(|criterion| crosswalk.points_reached(criterion))
        .collect();
    let in_full = points.iter().filter(|p| p.is_reached()).count();
    let in_part = points
        .iter()
        .filter(|p| !p.is_reached() && !p.in_part.is_empty())
        .count();
    push("points of focus", "reached in full".into(), in_full);
    push("points of focus", "reached only in part".into(), in_part);
    push(
        "points of focus",
        "not reached".into(),
        points.len() - in_full - in_part,
    );
    for (figure, side) in [
        ("ISO item verdicts", Side::Iso),
        ("criterion verdicts", Side::Tsc),
    ] {
        for verdict in [Verdict::Full, Verdict::Partial, Verdict::Unique] {
            let count = crosswalk
                .verdicts()
                .iter()
                .filter(|v| v.framework == side && v.verdict == verdict)
                .count();
            push(figure, verdict.id().into(), count);
        }
    }
    Table {
        columns: vec!["figure", "item", "count"],
        rows,
    }
}

/// Which end of a link a breakdown groups by.
type LinkEnd = fn(&Link) -> &str;

/// The distinct groups of some refs, in the refs' order.
fn groups_in_order(catalogues: &Catalogues, references: &[&str]) -> Vec<String> {
    let mut groups: Vec<String> = Vec::new();
    for reference in references {
        let group = catalogues.group_of(reference);
        if !groups.contains(&group) {
            groups.push(group);
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::catalogues;
    use crate::crosswalk::crosswalk;

    fn counts(table: &Table, figure: &str) -> Vec<(String, i64)> {
        table
            .rows
            .iter()
            .filter(|row| row[0] == Cell::Text(figure.into()))
            .map(|row| match (&row[1], &row[2]) {
                (Cell::Text(item), Cell::Number(n)) => (item.clone(), *n),
                other => panic!("unexpected row {other:?}"),
            })
            .collect()
    }

    #[test]
    fn every_breakdown_adds_up_to_the_links_and_items() {
        let (cw, c) = (crosswalk(), catalogues());
        let table = figures_table(cw, c);
        let total = cw.links().len() as i64;
        for figure in [
            "links by ISO group",
            "links by criteria series",
            "links by relationship",
            "links by strength",
        ] {
            let sum: i64 = counts(&table, figure).iter().map(|(_, n)| n).sum();
            assert_eq!(sum, total, "{figure}");
        }
        let iso: i64 = counts(&table, "ISO item verdicts")
            .iter()
            .map(|(_, n)| n)
            .sum();
        assert_eq!(iso as usize, c.iso_refs().count());
        let tsc: i64 = counts(&table, "criterion verdicts")
            .iter()
            .map(|(_, n)| n)
            .sum();
        assert_eq!(tsc as usize, c.tsc.len());
    }

    #[test]
    fn groups_follow_the_standards_order() {
        let table = figures_table(crosswalk(), catalogues());
        let iso: Vec<String> = counts(&table, "links by ISO group")
            .into_iter()
            .map(|(g, _)| g)
            .collect();
        assert_eq!(
            iso.first().map(String::as_str),
            Some("4 Context of the organization")
        );
        assert_eq!(
            iso.len(),
            11,
            "clauses 4-10 and the four Annex A themes: {iso:?}"
        );
        let series = counts(&table, "links by criteria series");
        assert_eq!(
            series.first().map(|(g, _)| g.as_str()),
            Some("CC1 Control Environment")
        );
    }
}
