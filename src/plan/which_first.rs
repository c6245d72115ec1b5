//! Which framework first: the ISO-first, SOC 2-first and both-together plans side by side, what
//! the second framework still needs once the first is in place, and an advisory recommendation
//! from the user's own inputs (where the buyers are, a deadline, whether a Type 1 will do).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{plan, FirstAudit, Plan, PlanError, PlanInputs, ISO_ARTEFACTS, SOC2_ARTEFACTS};
use crate::catalog::Catalogues;
use crate::crosswalk::coverage::CoverageState;
use crate::crosswalk::{Crosswalk, Side};
use crate::programme::coverage::coverage;
use crate::programme::{Cadence, EvidenceItem, EvidenceKind, Programme, Status};
use crate::table::{Cell, Table};

/// Where the buyers asking for assurance mostly are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Buyers {
    /// Mostly in the US, where a SOC 2 report is the usual ask.
    MostlyUs,
    /// Mostly in the EU or UK, where an ISO/IEC 27001 certificate is.
    MostlyEu,
    /// Spread across both.
    Global,
}

impl Buyers {
    /// Every answer.
    pub const ALL: [Buyers; 3] = [Buyers::MostlyUs, Buyers::MostlyEu, Buyers::Global];

    /// The id used in the CLI and the app.
    pub fn id(self) -> &'static str {
        match self {
            Buyers::MostlyUs => "us",
            Buyers::MostlyEu => "eu",
            Buyers::Global => "global",
        }
    }

    /// Parses an id.
    pub fn from_id(id: &str) -> Option<Buyers> {
        Self::ALL.into_iter().find(|b| b.id() == id)
    }
}

/// A date by which customers need a framework's deliverable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The framework whose deliverable is due: `Iso` (the certificate) or `Tsc` (the report).
    pub framework: Side,
    /// By when.
    #[serde(with = "crate::programme::period::day")]
    pub by: NaiveDate,
}

impl Deadline {
    /// Parses `soc2:2027-06-01` or `iso:2027-09-30`.
    pub fn parse(text: &str) -> Result<Deadline, String> {
        let (framework, by) = text
            .split_once(':')
            .ok_or_else(|| format!("{text:?}: write soc2:YYYY-MM-DD or iso:YYYY-MM-DD"))?;
        let framework = match framework.trim() {
            "soc2" => Side::Tsc,
            "iso" => Side::Iso,
            other => return Err(format!("{other:?} is not soc2 or iso")),
        };
        let by = crate::programme::parse_date(by.trim()).map_err(|e| e.to_string())?;
        Ok(Deadline { framework, by })
    }
}

/// The user's answers. Without any: buyers in both markets, no deadline, no Type 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Where the buyers are.
    pub buyers: Buyers,
    /// A customer deadline, if there is one.
    pub deadline: Option<Deadline>,
    /// Whether a SOC 2 Type 1 report would satisfy the buyers first.
    pub type1_acceptable: bool,
}

impl Default for Decision {
    fn default() -> Decision {
        Decision {
            buyers: Buyers::Global,
            deadline: None,
            type1_acceptable: false,
        }
    }
}

/// What the second framework still needs once the first is in place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecondDelta {
    /// The second framework.
    pub framework: Side,
    /// Open unified controls that count only for it.
    pub controls: Vec<String>,
    /// Evidence items cited only by controls that count only for it.
    pub evidence: Vec<String>,
    /// Its requirements still partial or missing with every control of the first framework in
    /// place and evidenced.
    pub requirements: Vec<String>,
    /// Its own artefacts (the SoA, internal audit and management review; the System
    /// Description, CUECs and management assertion).
    pub artefacts: Vec<String>,
}

/// One order's plan and what it delivers when.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrderOutcome {
    /// ISO first, SOC 2 first, or both together.
    pub order: FirstAudit,
    /// The plan.
    pub plan: Plan,
    /// The last day of the ISO/IEC 27001 stage 2 audit: the certificate follows.
    pub iso_certificate: NaiveDate,
    /// The last day of the SOC 2 fieldwork: the report is issued.
    pub soc2_report: NaiveDate,
    /// Shared controls done before the first audit.
    pub shared_before_first_audit: Vec<String>,
    /// What the second framework still needs (none when both go together).
    pub delta: Option<SecondDelta>,
}

/// The three orders compared, and the recommendation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhichFirst {
    /// ISO first, SOC 2 first, both together.
    pub outcomes: Vec<OrderOutcome>,
    /// The recommended order.
    pub recommended: FirstAudit,
    /// Why, in plain words.
    pub reasons: Vec<String>,
    /// What changes with each other order.
    pub alternatives: Vec<String>,
}

/// Compares the three orders for the programme and recommends one. Advisory: the reasons say
/// which of the user's inputs decided it.
pub fn which_first(
    programme: &Programme,
    catalogues: &Catalogues,
    crosswalk: &Crosswalk,
    start: Option<NaiveDate>,
    decision: &Decision,
) -> Result<WhichFirst, PlanError> {
    let outcomes = [FirstAudit::Iso, FirstAudit::Soc2, FirstAudit::Both]
        .into_iter()
        .map(|order| outcome(programme, catalogues, crosswalk, start, order))
        .collect::<Result<Vec<_>, _>>()?;
    let (recommended, reasons) = recommend(&outcomes, decision, programme, start)?;
    let chosen = outcomes
        .iter()
        .find(|o| o.order == recommended)
        .expect("every order was planned");
    let alternatives = outcomes
        .iter()
        .filter(|o| o.order != recommended)
        .map(|o| compare(chosen, o))
        .collect();
    Ok(WhichFirst {
        outcomes,
        recommended,
        reasons,
        alternatives,
    })
}

impl WhichFirst {
    /// The comparison as a table: one row per order, the recommended one first marked, with its
    /// dates, the shared work before the first audit, and the second framework's delta in
    /// numbers and item by item.
    pub fn to_table(&self) -> Table {
        let columns = vec![
            "order",
            "recommended",
            "iso_certificate",
            "soc2_report",
            "shared_controls_before_first_audit",
            "second_framework",
            "delta_controls",
            "delta_evidence",
            "delta_requirements",
            "delta_artefacts",
            "delta_items",
            "why",
        ];
        let alternatives = self
            .outcomes
            .iter()
            .filter(|o| o.order != self.recommended)
            .zip(&self.alternatives);
        let rows = self
            .outcomes
            .iter()
            .map(|o| {
                let recommended = o.order == self.recommended;
                let why = if recommended {
                    self.reasons.join(" ")
                } else {
                    alternatives
                        .clone()
                        .find(|(a, _)| a.order == o.order)
                        .map(|(_, text)| text.clone())
                        .unwrap_or_default()
                };
                let count = |list: fn(&SecondDelta) -> &Vec<String>| {
                    o.delta
                        .as_ref()
                        .map_or(Cell::Empty, |d| Cell::Number(list(d).len() as i64))
                };
                let items = o.delta.as_ref().map_or(Cell::Empty, |d| {
                    Cell::List(
                        d.controls
                            .iter()
                            .chain(&d.evidence)
                            .chain(&d.requirements)
                            .chain(&d.artefacts)
                            .cloned()
                            .collect(),
                    )
                });
                vec![
                    order_words(o.order).into(),
                    Cell::Bool(recommended),
                    Cell::Date(o.iso_certificate),
                    Cell::Date(o.soc2_report),
                    Cell::list(&o.shared_before_first_audit),
                    o.delta
                        .as_ref()
                        .map_or(Cell::Empty, |d| framework_words(d.framework).into()),
                    count(|d| &d.controls),
                    count(|d| &d.evidence),
                    count(|d| &d.requirements),
                    count(|d| &d.artefacts),
                    items,
                    why.into(),
                ]
            })
            .collect();
        Table { columns, rows }
    }
}

fn framework_words(side: Side) -> &'static str {
    match side {
        Side::Iso => "ISO/IEC 27001",
        Side::Tsc => "SOC 2",
    }
}

fn outcome(
    programme: &Programme,
    catalogues: &Catalogues,
    crosswalk: &Crosswalk,
    start: Option<NaiveDate>,
    order: FirstAudit,
) -> Result<OrderOutcome, PlanError> {
    let plan = plan(
        programme,
        &PlanInputs::for_programme(programme, order, start),
    )?;
    let end_of = |ids: &[&str]| {
        plan.phases
            .iter()
            .filter(|p| ids.contains(&p.id.as_str()))
            .map(|p| p.end)
            .max()
    };
    let iso_certificate = end_of(&["iso-stage-2"]).expect("every plan ends in a stage 2");
    let soc2_report =
        end_of(&["soc2-report", "soc2-type1"]).expect("every plan ends in a SOC 2 report");
    let first_audit_starts = plan
        .phases
        .iter()
        .filter(|p| p.id.starts_with("iso-stage") || p.id.starts_with("soc2-"))
        .map(|p| p.start)
        .min()
        .unwrap_or(iso_certificate);
    let shared_before_first_audit = plan
        .phases
        .iter()
        .filter(|p| p.track == super::Track::Shared && p.end < first_audit_starts)
        .flat_map(|p| p.items.iter())
        .filter_map(|item| item.split_once(' ').map(|(id, _)| id))
        .filter(|id| id.starts_with("UC-"))
        .map(str::to_owned)
        .collect();
    let delta = match order {
        FirstAudit::Iso => Some(second_delta(programme, catalogues, crosswalk, Side::Tsc)),
        FirstAudit::Soc2 => Some(second_delta(programme, catalogues, crosswalk, Side::Iso)),
        FirstAudit::Both => None,
    };
    Ok(OrderOutcome {
        order,
        plan,
        iso_certificate,
        soc2_report,
        shared_before_first_audit,
        delta,
    })
}

/// What `second` still needs once every control counting for the other framework is in place.
pub fn second_delta(
    programme: &Programme,
    catalogues: &Catalogues,
    crosswalk: &Crosswalk,
    second: Side,
) -> SecondDelta {
    let counts_for = |c: &crate::programme::UnifiedControl, side: Side| match side {
        Side::Iso => !c.iso.is_empty(),
        Side::Tsc => !c.tsc.is_empty(),
    };
    let first = match second {
        Side::Iso => Side::Tsc,
        Side::Tsc => Side::Iso,
    };
    let only_second: Vec<&crate::programme::UnifiedControl> = programme
        .controls
        .iter()
        .filter(|c| counts_for(c, second) && !counts_for(c, first))
        .collect();
    let controls = only_second
        .iter()
        .filter(|c| matches!(c.status, Status::NotStarted | Status::InProgress))
        .map(|c| c.id.clone())
        .collect();
    let evidence = programme
        .evidence
        .iter()
        .filter(|e| {
            !e.controls.is_empty()
                && e.controls
                    .iter()
                    .all(|id| only_second.iter().any(|c| c.id == *id))
        })
        .map(|e| e.id.clone())
        .collect();
    // The first framework in place: its controls operating, with evidence for the window.
    let mut first_done = programme.clone();
    let window = first_done.scope.report.window();
    let mut in_place = Vec::new();
    for control in first_done
        .controls
        .iter_mut()
        .filter(|c| counts_for(c, first))
    {
        control.status = Status::Operating;
        in_place.push(control.id.clone());
    }
    first_done.evidence.push(EvidenceItem {
        id: "EV-FIRST".to_owned(),
        title: "The first framework's evidence".to_owned(),
        kind: EvidenceKind::Record,
        owner: String::new(),
        cadence: Cadence::Once,
        location: String::new(),
        collected: vec![window.start],
        period: Some(window),
        controls: in_place,
    });
    let covered = coverage(&first_done, catalogues, crosswalk);
    let list = match second {
        Side::Iso => &covered.iso,
        Side::Tsc => &covered.tsc,
    };
    let requirements = list
        .iter()
        .filter(|r| r.state != CoverageState::Covered)
        .map(|r| r.reference.clone())
        .collect();
    let artefacts = match second {
        Side::Iso => ISO_ARTEFACTS,
        Side::Tsc => SOC2_ARTEFACTS,
    };
    SecondDelta {
        framework: second,
        controls,
        evidence,
        requirements,
        artefacts: artefacts.iter().map(|&a| a.to_owned()).collect(),
    }
}

/// An order in words: `ISO/IEC 27001 first`, `SOC 2 first`, `both together`.
pub fn order_words(order: FirstAudit) -> &'static str {
    match order {
        FirstAudit::Iso => "ISO/IEC 27001 first",
        FirstAudit::Soc2 => "SOC 2 first",
        FirstAudit::Both => "both together",
    }
}

/// The recommendation and its reasons. A deadline decides when one order meets it and another
/// does not; then a Type 1 first when it is acceptable and rescues a SOC 2 deadline; then where
/// the buyers are.
fn recommend(
    outcomes: &[OrderOutcome],
    decision: &Decision,
    programme: &Programme,
    start: Option<NaiveDate>,
) -> Result<(FirstAudit, Vec<String>), PlanError> {
    let by_order = |order| {
        outcomes
            .iter()
            .find(|o| o.order == order)
            .expect("every order was planned")
    };
    let mut reasons = Vec::new();
    if let Some(deadline) = decision.deadline {
        let (what, delivered): (&str, fn(&OrderOutcome) -> NaiveDate) = match deadline.framework {
            Side::Iso => ("an ISO/IEC 27001 certificate", |o| o.iso_certificate),
            Side::Tsc => ("a SOC 2 report", |o| o.soc2_report),
        };
        let meeting: Vec<&OrderOutcome> = outcomes
            .iter()
            .filter(|o| delivered(o) <= deadline.by)
            .collect();
        let when: Vec<String> = outcomes
            .iter()
            .map(|o| format!("{} delivers it on {}", order_words(o.order), delivered(o)))
            .collect();
        reasons.push(format!(
            "Customers need {what} by {}: {}.",
            deadline.by,
            when.join("; ")
        ));
        if !meeting.is_empty() {
            if meeting.len() < outcomes.len() {
                reasons.push(format!(
                    "Only {} meet{} the deadline.",
                    meeting
                        .iter()
                        .map(|o| order_words(o.order))
                        .collect::<Vec<_>>()
                        .join(" and "),
                    if meeting.len() == 1 { "s" } else { "" }
                ));
            } else {
                reasons.push("Every order meets it.".to_owned());
            }
            // Putting the deadline's framework first meets it with the framework-specific
            // work spread out; both together runs that work at once and suits buyers in both
            // markets.
            let deadline_first = match deadline.framework {
                Side::Iso => FirstAudit::Iso,
                Side::Tsc => FirstAudit::Soc2,
            };
            let meets = |order| meeting.iter().any(|o| o.order == order);
            let order = if decision.buyers == Buyers::Global && meets(FirstAudit::Both) {
                reasons.push("Your buyers are in both markets, and both together meets it while delivering the other framework sooner.".to_owned());
                FirstAudit::Both
            } else if meets(deadline_first) {
                if meets(FirstAudit::Both) {
                    reasons.push(format!(
                        "Both together would also meet it but runs both frameworks' own work at once; {} spreads it out.",
                        order_words(deadline_first)
                    ));
                }
                deadline_first
            } else {
                meeting[0].order
            };
            return Ok((order, reasons));
        } else {
            let earliest = outcomes
                .iter()
                .min_by_key(|o| delivered(o))
                .expect("three orders");
            reasons.push(format!(
                "No order meets it; {} comes closest ({}).",
                order_words(earliest.order),
                delivered(earliest)
            ));
            if deadline.framework == Side::Tsc && decision.type1_acceptable {
                if let Some(type1) = type1_report(programme, start)? {
                    reasons.push(format!(
                        "A SOC 2 Type 1 report first would be issued on {type1}{}.",
                        if type1 <= deadline.by {
                            ", in time"
                        } else {
                            ", still late"
                        }
                    ));
                }
            }
            return Ok((earliest.order, reasons));
        }
    }
    let (order, why) = match decision.buyers {
        Buyers::MostlyUs => (
            FirstAudit::Soc2,
            "Your buyers are mostly in the US, where a SOC 2 report is the usual ask.",
        ),
        Buyers::MostlyEu => (
            FirstAudit::Iso,
            "Your buyers are mostly in the EU or UK, where an ISO/IEC 27001 certificate is the usual ask.",
        ),
        Buyers::Global => (
            FirstAudit::Both,
            "Your buyers are spread across both markets, so running both audits from the shared work delivers both soonest overall.",
        ),
    };
    reasons.push(why.to_owned());
    let chosen = by_order(order);
    reasons.push(format!(
        "With it, the ISO/IEC 27001 certificate follows the stage 2 audit ending {} and the SOC 2 report is issued by {}.",
        chosen.iso_certificate, chosen.soc2_report
    ));
    Ok((order, reasons))
}

/// The SOC 2 report date of a Type 1 planned first, for a programme aiming at a Type 2.
fn type1_report(
    programme: &Programme,
    start: Option<NaiveDate>,
) -> Result<Option<NaiveDate>, PlanError> {
    let mut inputs = PlanInputs::for_programme(programme, FirstAudit::Soc2, start);
    if inputs.soc2_type2_months.is_none() {
        return Ok(None);
    }
    inputs.soc2_type2_months = None;
    let plan = plan(programme, &inputs)?;
    Ok(plan.phase("soc2-type1").map(|p| p.end))
}

/// What changes when `other` is picked instead of `chosen`.
fn compare(chosen: &OrderOutcome, other: &OrderOutcome) -> String {
    let shift = |from: NaiveDate, to: NaiveDate| {
        let days = (to - from).num_days();
        match days {
            0 => "on the same day".to_owned(),
            d if d > 0 => format!("{} weeks later ({to})", (d + 6) / 7),
            d => format!("{} weeks earlier ({to})", (-d + 6) / 7),
        }
    };
    format!(
        "{} instead: the ISO/IEC 27001 certificate {}, the SOC 2 report {}.",
        order_title(other.order),
        shift(chosen.iso_certificate, other.iso_certificate),
        shift(chosen.soc2_report, other.soc2_report)
    )
}

/// An order in words as a title: `Both together`.
pub fn order_title(order: FirstAudit) -> String {
    capitalised(order_words(order))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
