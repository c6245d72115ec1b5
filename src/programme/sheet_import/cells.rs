//! Cell values in the words people use for status, kind and frequency.

use crate::programme::{Cadence, EvidenceKind, SoaReason, Status};

/// A cell lowercased with its punctuation made spaces (`Not-Started` → `not started`).
fn words(cell: &str) -> String {
    cell.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A control's status.
///
/// # Example
/// ```
/// use crosswalk::programme::{sheet_import::status, Status};
/// assert_eq!(status("In Progress"), Some(Status::InProgress));
/// assert_eq!(status("done"), Some(Status::Implemented));
/// assert_eq!(status("maybe"), None);
/// ```
pub fn status(cell: &str) -> Option<Status> {
    Some(match words(cell).as_str() {
        "not started" | "notstarted" | "planned" | "to do" | "todo" | "open"
        | "not implemented" => Status::NotStarted,
        "in progress"
        | "inprogress"
        | "started"
        | "ongoing"
        | "wip"
        | "partial"
        | "partially implemented" => Status::InProgress,
        "implemented" | "done" | "complete" | "completed" | "in place" => Status::Implemented,
        "operating" | "operational" | "operating effectively" | "effective" | "live" => {
            Status::Operating
        }
        _ => return None,
    })
}

/// An evidence item's kind.
pub fn kind(cell: &str) -> Option<EvidenceKind> {
    Some(match words(cell).as_str() {
        "policy" | "policies" | "standard" => EvidenceKind::Policy,
        "procedure" | "procedures" | "process" | "runbook" | "playbook" => EvidenceKind::Procedure,
        "record" | "records" | "minutes" | "sign off" | "attestation" => EvidenceKind::Record,
        "configuration" | "config" | "setting" | "settings" => EvidenceKind::Configuration,
        "screenshot" | "screenshots" | "screen shot" => EvidenceKind::Screenshot,
        "report" | "reports" | "scan" => EvidenceKind::Report,
        "ticket" | "tickets" | "issue" => EvidenceKind::Ticket,
        "log" | "logs" | "log extract" => EvidenceKind::Log,
        _ => return None,
    })
}

/// How often evidence is produced. Frequencies Crosswalk does not plan for (daily, weekly)
/// are not rounded to one it does.
///
/// # Example
/// ```
/// use crosswalk::programme::{sheet_import::cadence, Cadence};
/// assert_eq!(cadence("Per event"), Some(Cadence::PerEvent));
/// assert_eq!(cadence("Yearly"), Some(Cadence::Annually));
/// assert_eq!(cadence("weekly"), None);
/// ```
pub fn cadence(cell: &str) -> Option<Cadence> {
    Some(match words(cell).as_str() {
        "once" | "one off" | "one time" | "onetime" | "static" => Cadence::Once,
        "per event" | "event" | "event driven" | "on event" | "as needed" | "ad hoc" | "adhoc"
        | "on change" => Cadence::PerEvent,
        "monthly" | "month" | "every month" => Cadence::Monthly,
        "quarterly" | "quarter" | "every quarter" => Cadence::Quarterly,
        "annually" | "annual" | "yearly" | "year" | "every year" => Cadence::Annually,
        _ => return None,
    })
}

/// Whether an Annex A control is included, as SoA sheets say it.
///
/// # Example
/// ```
/// use crosswalk::programme::sheet_import::applicable;
/// assert_eq!(applicable("Yes"), Some(true));
/// assert_eq!(applicable("Not applicable"), Some(false));
/// assert_eq!(applicable("perhaps"), None);
/// ```
pub fn applicable(cell: &str) -> Option<bool> {
    match words(cell).as_str() {
        "yes" | "y" | "true" | "1" | "x" | "included" | "include" | "applicable" | "in scope"
        | "selected" => Some(true),
        "no" | "n" | "false" | "0" | "excluded" | "exclude" | "not applicable" | "n a" | "na"
        | "out of scope" | "not selected" => Some(false),
        _ => None,
    }
}

/// One kind of reason for an SoA decision, by its id or the words SoA templates use (the
/// usual abbreviations among them: LR, CO, BR/BP, RT).
///
/// # Example
/// ```
/// use crosswalk::programme::{sheet_import::soa_reason, SoaReason};
/// assert_eq!(soa_reason("Regulatory"), Some(SoaReason::LegalOrRegulatory));
/// assert_eq!(soa_reason("best practice"), Some(SoaReason::BusinessOrGoodPractice));
/// assert_eq!(soa_reason("RA"), Some(SoaReason::RiskTreatment));
/// ```
pub fn soa_reason(cell: &str) -> Option<SoaReason> {
    let words = words(cell);
    if let Some(reason) = SoaReason::ALL
        .into_iter()
        .find(|r| words == r.id().replace('-', " ") || words == r.label().to_lowercase())
    {
        return Some(reason);
    }
    Some(match words.as_str() {
        "legal" | "regulatory" | "law" | "legislation" | "regulation" | "lr" | "lg" => {
            SoaReason::LegalOrRegulatory
        }
        "contractual" | "contract" | "contracts" | "co" | "cr" => SoaReason::Contractual,
        "business"
        | "business requirement"
        | "business requirements"
        | "good practice"
        | "best practice"
        | "br"
        | "bp"
        | "br bp" => SoaReason::BusinessOrGoodPractice,
        "risk"
        | "risk treatment"
        | "risk assessment"
        | "risk treatment plan"
        | "rt"
        | "ra"
        | "rtp" => SoaReason::RiskTreatment,
        _ => return None,
    })
}

/// The words the message for an unknown frequency offers.
pub const CADENCE_WORDS: &str = "once, per event, monthly, quarterly or annually";
/// The words the message for an unknown kind offers.
pub const KIND_WORDS: &str =
    "policy, procedure, record, configuration, screenshot, report, ticket or log";
/// The words the message for an unknown applicability offers.
pub const APPLICABLE_WORDS: &str = "yes or no (included or excluded)";
/// The words the message for an unknown reason offers.
pub const REASON_WORDS: &str =
    "legal or regulatory, contractual, business requirement or good practice, risk treatment";
/// The words the message for an unknown status offers.
pub const STATUS_WORDS: &str = "not started, in progress, implemented or operating";

/// A cell holding several values, split on `;`, `,` or new lines, blanks dropped.
pub fn list(cell: &str) -> Vec<&str> {
    cell.split([';', ',', '\n', '\r'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect()
}
