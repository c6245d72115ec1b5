//! A programme comparison as one table: a row per changed field of every added, removed or
//! changed item, then the coverage change of each framework.

use crate::crosswalk::coverage::CoverageState;
use crate::programme::diff::ProgrammeDiff;
use crate::table::Table;

/// `register,key,change,field,old,new`: item fields first, then `coverage` rows (the counts
/// covered / partial / missing per framework, and each requirement whose state moved).
pub fn diff_table(diff: &ProgrammeDiff) -> Table {
    let mut rows = Vec::new();
    for change in &diff.changes {
        for field in &change.fields {
            rows.push(vec![
                change.register.id().into(),
                change.key.as_str().into(),
                change.kind.id().into(),
                field.field.as_str().into(),
                field.old.as_str().into(),
                field.new.as_str().into(),
            ]);
        }
    }
    let state = |s: Option<CoverageState>| s.map_or("out of scope", CoverageState::id);
    let counts = |(covered, partial, missing): (usize, usize, usize)| {
        format!("{covered} / {partial} / {missing}")
    };
    for framework in &diff.coverage {
        if framework.old != framework.new {
            rows.push(vec![
                "coverage".into(),
                framework.framework.id().into(),
                "changed".into(),
                "covered / partial / missing".into(),
                counts(framework.old).into(),
                counts(framework.new).into(),
            ]);
        }
        for (reference, old, new) in &framework.moved {
            rows.push(vec![
                "coverage".into(),
                reference.as_str().into(),
                "changed".into(),
                "state".into(),
                state(*old).into(),
                state(*new).into(),
            ]);
        }
    }
    Table {
        columns: vec!["register", "key", "change", "field", "old", "new"],
        rows,
    }
}
