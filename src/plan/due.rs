//! What is due: evidence whose cadence says it is due soon or overdue, controls not yet
//! operating when the SOC 2 report needs them, and the plan's next milestones, each with a date.

use chrono::{Days, Months, NaiveDate};
use serde::Serialize;

use super::Plan;
use crate::programme::{Cadence, EvidenceItem, Programme, Status};

/// How far ahead "due soon" looks.
pub const DUE_SOON_DAYS: u64 = 30;

/// How many of the plan's coming phases the list shows.
pub const MILESTONES_SHOWN: usize = 3;

/// What kind of thing is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DueKind {
    /// Evidence past the date its cadence sets.
    EvidenceOverdue,
    /// Evidence whose cadence makes it due within [`DUE_SOON_DAYS`].
    EvidenceDue,
    /// A unified control not yet operating, with the day the SOC 2 report needs it.
    ControlNotOperating,
    /// A coming phase of the plan.
    Milestone,
}

impl DueKind {
    /// Every kind, in the order lists show them.
    pub const ALL: [DueKind; 4] = [
        DueKind::EvidenceOverdue,
        DueKind::EvidenceDue,
        DueKind::ControlNotOperating,
        DueKind::Milestone,
    ];

    /// The id used in exports and page classes.
    pub fn id(self) -> &'static str {
        match self {
            DueKind::EvidenceOverdue => "evidence-overdue",
            DueKind::EvidenceDue => "evidence-due",
            DueKind::ControlNotOperating => "control-not-operating",
            DueKind::Milestone => "milestone",
        }
    }

    /// A display label.
    pub fn label(self) -> &'static str {
        match self {
            DueKind::EvidenceOverdue => "Evidence overdue",
            DueKind::EvidenceDue => "Evidence due within 30 days",
            DueKind::ControlNotOperating => "Controls not yet operating",
            DueKind::Milestone => "Next plan milestones",
        }
    }
}

/// One thing due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueItem {
    /// What kind.
    pub kind: DueKind,
    /// The evidence item, control or plan phase id.
    pub id: String,
    /// Its title or name.
    pub title: String,
    /// The date it is due (or needed, or starts).
    pub date: NaiveDate,
    /// Why, in the user's terms.
    pub detail: String,
}

/// Everything due as of `today`, by date (kinds in [`DueKind`] order on the same day).
pub fn what_is_due(programme: &Programme, plan: Option<&Plan>, today: NaiveDate) -> Vec<DueItem> {
    let soon = today
        .checked_add_days(Days::new(DUE_SOON_DAYS))
        .unwrap_or(today);
    let window = programme.scope.report.window();
    let mut due: Vec<DueItem> = programme
        .evidence
        .iter()
        .filter_map(|item| {
            let (date, detail) = next_collection(item, window.start)?;
            let kind = if date < today {
                DueKind::EvidenceOverdue
            } else if date <= soon {
                DueKind::EvidenceDue
            } else {
                return None;
            };
            Some(DueItem {
                kind,
                id: item.id.clone(),
                title: item.title.clone(),
                date,
                detail,
            })
        })
        .collect();
    due.extend(
        programme
            .controls
            .iter()
            .filter(|c| c.status != Status::Operating)
            .map(|c| DueItem {
                kind: DueKind::ControlNotOperating,
                id: c.id.clone(),
                title: c.name.clone(),
                date: window.start,
                detail: format!(
                    "{}; the SOC 2 report needs it operating from {}.",
                    c.status.label(),
                    window.start
                ),
            }),
    );
    if let Some(plan) = plan {
        due.extend(
            plan.phases
                .iter()
                .filter(|p| p.end >= today)
                .take(MILESTONES_SHOWN)
                .map(|p| DueItem {
                    kind: DueKind::Milestone,
                    id: p.id.clone(),
                    title: p.name.clone(),
                    date: p.start.max(today),
                    detail: format!("{} to {}", p.start, p.end),
                }),
        );
    }
    due.sort_by(|a, b| (a.date, a.kind, &a.id).cmp(&(b.date, b.kind, &b.id)));
    due
}

/// When an evidence item is next to be collected and why: its last collection plus its
/// cadence, or the start of the report window when it was never collected. Items produced per
/// event have no schedule; standing documents are due once.
fn next_collection(item: &EvidenceItem, window_start: NaiveDate) -> Option<(NaiveDate, String)> {
    let last = item.collected.iter().max().copied();
    let months = match item.cadence {
        Cadence::PerEvent => return None,
        Cadence::Once => {
            return match last {
                Some(_) => None,
                None => Some((window_start, "Never collected.".to_owned())),
            }
        }
        Cadence::Monthly => 1,
        Cadence::Quarterly => 3,
        Cadence::Annually => 12,
    };
    match last {
        None => Some((
            window_start,
            format!(
                "Never collected; collected {}.",
                cadence_words(item.cadence)
            ),
        )),
        Some(last) => {
            let next = last.checked_add_months(Months::new(months))?;
            Some((
                next,
                format!(
                    "Last collected {last}; collected {}.",
                    cadence_words(item.cadence)
                ),
            ))
        }
    }
}

fn cadence_words(cadence: Cadence) -> &'static str {
    match cadence {
        Cadence::Monthly => "monthly",
        Cadence::Quarterly => "quarterly",
        Cadence::Annually => "annually",
        Cadence::Once => "once",
        Cadence::PerEvent => "per event",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programme::sample::sample_programme;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    #[test]
    fn cadence_sets_the_next_collection_and_per_event_items_are_never_scheduled() {
        let mut p = sample_programme();
        let id = p
            .add_evidence(
                "Access review",
                crate::programme::EvidenceKind::Record,
                Cadence::Quarterly,
            )
            .expect("add");
        p.set_collected(&id, vec![day("2027-01-10")])
            .expect("collected");
        let due = what_is_due(&p, None, day("2027-04-20"));
        let item = due.iter().find(|d| d.id == id).expect("due");
        assert_eq!(
            (item.kind, item.date),
            (DueKind::EvidenceOverdue, day("2027-04-10"))
        );
        let due = what_is_due(&p, None, day("2027-03-20"));
        let item = due.iter().find(|d| d.id == id).expect("due soon");
        assert_eq!(item.kind, DueKind::EvidenceDue);
        assert!(what_is_due(&p, None, day("2027-02-01"))
            .iter()
            .all(|d| d.id != id));
        p.set_evidence_cadence(&id, Cadence::PerEvent)
            .expect("cadence");
        assert!(what_is_due(&p, None, day("2027-04-20"))
            .iter()
            .all(|d| d.id != id));
    }

    #[test]
    fn controls_not_operating_are_due_when_the_report_needs_them_and_the_list_is_by_date() {
        let p = sample_programme();
        let due = what_is_due(&p, None, day("2027-03-01"));
        let not_operating = p
            .controls
            .iter()
            .filter(|c| c.status != Status::Operating)
            .count();
        assert_eq!(
            due.iter()
                .filter(|d| d.kind == DueKind::ControlNotOperating)
                .count(),
            not_operating
        );
        assert!(due.windows(2).all(|w| w[0].date <= w[1].date));
    }
}
