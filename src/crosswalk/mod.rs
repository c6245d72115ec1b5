//! The crosswalk between ISO/IEC 27001:2022 and the Trust Services Criteria: typed links,
//! verdicts on both sides, and the register of obligations unique to one framework.
//!
//! The mapping is informative, never an equivalence guarantee: a link says that evidence for
//! one requirement goes some way toward the other, and how far.

pub mod coverage;
mod entries;
pub mod explore;
pub mod figures;
pub mod texts;

use std::borrow::Cow;

use crate::catalog::{refs, Catalogues, Criterion, RefKind};

pub use entries::{Framework, ItemVerdict, Link, Obligation, Relationship, Side, Verdict};

impl Side {
    /// The side a ref belongs to, if it is an ISO item or a criterion.
    pub fn of(reference: &str) -> Option<Side> {
        match refs::kind_of(reference)? {
            RefKind::AnnexA | RefKind::Clause => Some(Side::Iso),
            RefKind::Tsc => Some(Side::Tsc),
            RefKind::Dc => None,
        }
    }
}

/// One point of focus of a criterion and the ISO items that reach it.
#[derive(Debug, Clone, PartialEq)]
pub struct PointReached<'c, 'x> {
    /// 1-based position in the criterion's list.
    pub position: usize,
    /// The point of focus, in Crosswalk's words.
    pub text: &'c str,
    /// The ISO items whose links reach it in full, in the crosswalk's order.
    pub iso: Vec<&'x str>,
    /// The ISO items whose links reach it only in part.
    pub in_part: Vec<&'x str>,
}

impl PointReached<'_, '_> {
    /// Whether some ISO item reaches the point in full: what a full verdict needs of every point.
    pub fn is_reached(&self) -> bool {
        !self.iso.is_empty()
    }

    /// The point in words with who reaches it in part: `Standards of conduct defined (in part:
    /// A.5.1, A.6.2)`.
    fn describe(&self) -> String {
        if self.in_part.is_empty() {
            self.text.to_owned()
        } else {
            format!("{} (in part: {})", self.text, self.in_part.join(", "))
        }
    }
}

impl Link {
    /// The criterion's points of focus this link reaches, in words: those reached in full, then
    /// those reached only in part.
    pub fn points_named<'c>(&self, criterion: &'c Criterion) -> (Vec<&'c str>, Vec<&'c str>) {
        let named = |points: &[u8]| {
            points
                .iter()
                .filter_map(|&p| {
                    criterion
                        .points_of_focus
                        .get(usize::from(p).checked_sub(1)?)
                })
                .map(|text| &**text)
                .collect()
        };
        (named(&self.points), named(&self.partly))
    }
}

/// The whole crosswalk.
#[derive(Debug, Clone, PartialEq)]
pub struct Crosswalk {
    /// The data version, e.g. `2026.1`.
    pub version: Cow<'static, str>,
    /// When the data last changed (RFC 3339), used as the OSCAL `last-modified`.
    pub last_modified: Cow<'static, str>,
    links: Cow<'static, [Link]>,
    verdicts: Cow<'static, [ItemVerdict]>,
    obligations: Cow<'static, [Obligation]>,
}

/// Why crosswalk documents could not be used.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum CrosswalkError {
    /// A document is not in the shape of its data file.
    #[error("{file}: {message}")]
    Malformed {
        /// The data file.
        file: &'static str,
        /// What the parser said.
        message: String,
    },
    /// The data parsed but breaks the crosswalk's rules.
    #[error("crosswalk data is invalid:\n  - {}", .0.join("\n  - "))]
    Invalid(Vec<String>),
}

#[cfg(not(target_arch = "wasm32"))]
fn parse<T: serde::de::DeserializeOwned>(
    file: &'static str,
    json: &str,
) -> Result<T, CrosswalkError> {
    serde_json::from_str(json).map_err(|error| CrosswalkError::Malformed {
        file,
        message: error.to_string(),
    })
}

#[cfg(not(target_arch = "wasm32"))]
impl Crosswalk {
    /// Parses and validates a crosswalk from JSON documents shaped like the data files. Native
    /// only: the tests use it to prove the compiled tables equal the data files and that the
    /// rules reject altered data.
    pub fn from_json(
        links: &str,
        verdicts: &str,
        unique: &str,
        catalogues: &Catalogues,
    ) -> Result<Crosswalk, CrosswalkError> {
        let links: entries::LinksFile = parse("crosswalk", links)?;
        let verdicts: entries::VerdictsFile = parse("verdicts", verdicts)?;
        let unique: entries::UniqueFile = parse("unique", unique)?;
        let crosswalk = Crosswalk {
            version: links.version,
            last_modified: links.last_modified,
            links: links.link.into(),
            verdicts: verdicts.verdict.into(),
            obligations: unique.obligation.into(),
        };
        let problems = crosswalk.problems(catalogues);
        if problems.is_empty() {
            Ok(crosswalk)
        } else {
            Err(CrosswalkError::Invalid(problems))
        }
    }
}

impl Crosswalk {
    /// Every link, ordered by criterion, then ISO item, in standard order.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// The links touching an item from either side, strongest first.
    pub fn links_for(&self, reference: &str) -> Vec<&Link> {
        let mut found: Vec<&Link> = self
            .links
            .iter()
            .filter(|link| link.iso == reference || link.tsc == reference)
            .collect();
        found.sort_by(|a, b| {
            b.strength
                .cmp(&a.strength)
                .then_with(|| refs::compare(&a.iso, &b.iso))
                .then_with(|| refs::compare(&a.tsc, &b.tsc))
        });
        found
    }

    /// Each of a criterion's points of focus with the ISO items whose links reach it, in full
    /// or in part, in the criterion's order: what explains its verdict point by point.
    pub fn points_reached<'c>(&self, criterion: &'c Criterion) -> Vec<PointReached<'c, '_>> {
        let links: Vec<&Link> = self
            .links
            .iter()
            .filter(|l| l.tsc == criterion.reference)
            .collect();
        let reaching = |points: fn(&Link) -> &[u8], position: usize| -> Vec<&str> {
            links
                .iter()
                .filter(|l| points(l).iter().any(|&p| usize::from(p) == position))
                .map(|l| &*l.iso)
                .collect()
        };
        criterion
            .points_of_focus
            .iter()
            .enumerate()
            .map(|(index, text)| PointReached {
                position: index + 1,
                text,
                iso: reaching(|l| &l.points, index + 1),
                in_part: reaching(|l| &l.partly, index + 1),
            })
            .collect()
    }

    /// The criterion's points of focus no linked ISO item reaches in full: what keeps its
    /// verdict partial.
    pub fn unreached_points<'c>(&self, criterion: &'c Criterion) -> Vec<PointReached<'c, '_>> {
        self.points_reached(criterion)
            .into_iter()
            .filter(|p| !p.is_reached())
            .collect()
    }

    /// A verdict's explanation as exports and pages give it: for a criterion judged partial,
    /// its residual followed by the points of focus no linked ISO item reaches in full, named
    /// in words with the items that reach them in part.
    pub fn explain(&self, verdict: &ItemVerdict, catalogues: &Catalogues) -> String {
        let mut explanation = verdict.explanation().to_owned();
        let unreached = match (verdict.framework, verdict.verdict) {
            (Side::Tsc, Verdict::Partial) => catalogues
                .tsc
                .get(&verdict.reference)
                .map(|c| self.unreached_points(c))
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        if !unreached.is_empty() {
            if !explanation.is_empty() {
                explanation.push(' ');
            }
            let described: Vec<String> = unreached.iter().map(PointReached::describe).collect();
            explanation.push_str(&format!(
                "Points of focus no linked ISO item reaches in full: {}.",
                described.join("; ")
            ));
        }
        explanation
    }

    /// The link between an ISO item and a criterion, if there is one.
    pub fn link(&self, iso: &str, tsc: &str) -> Option<&Link> {
        self.links
            .iter()
            .find(|link| link.iso == iso && link.tsc == tsc)
    }

    /// Every verdict: ISO items first, then criteria, each in standard order.
    pub fn verdicts(&self) -> &[ItemVerdict] {
        &self.verdicts
    }

    /// The verdict on an ISO item or a criterion.
    pub fn verdict(&self, reference: &str) -> Option<&ItemVerdict> {
        self.verdicts.iter().find(|v| v.reference == reference)
    }

    /// The unique register.
    pub fn obligations(&self) -> &[Obligation] {
        &self.obligations
    }

    /// Obligations of the unique register that rest on, or partly correspond to, an item.
    pub fn obligations_touching(&self, reference: &str) -> Vec<&Obligation> {
        self.obligations
            .iter()
            .filter(|o| {
                o.refs
                    .iter()
                    .chain(o.partial_refs.iter())
                    .any(|r| r == reference)
            })
            .collect()
    }

    /// Every rule the data breaks; empty when the crosswalk is sound.
    pub fn problems(&self, catalogues: &Catalogues) -> Vec<String> {
        let mut problems = Vec::new();
        self.check_links(catalogues, &mut problems);
        self.check_verdicts(catalogues, &mut problems);
        self.check_obligations(catalogues, &mut problems);
        problems
    }

    fn check_links(&self, catalogues: &Catalogues, problems: &mut Vec<String>) {
        for (index, link) in self.links.iter().enumerate() {
            let name = format!("link {} -> {}", link.iso, link.tsc);
            if Side::of(&link.iso) != Some(Side::Iso) || !catalogues.exists(&link.iso) {
                problems.push(format!("{name}: unknown ISO item {:?}", link.iso));
            }
            if Side::of(&link.tsc) != Some(Side::Tsc) || !catalogues.exists(&link.tsc) {
                problems.push(format!("{name}: unknown criterion {:?}", link.tsc));
            }
            if self.links[..index]
                .iter()
                .any(|l| l.iso == link.iso && l.tsc == link.tsc)
            {
                problems.push(format!("{name}: duplicate link"));
            }
            if !(1..=10).contains(&link.strength) {
                problems.push(format!(
                    "{name}: strength {} is outside 1-10",
                    link.strength
                ));
            }
            if link.relationship == Relationship::Equal && link.strength != 10 {
                problems.push(format!("{name}: an equal link must have strength 10"));
            }
            if link.rationale.trim().is_empty() {
                problems.push(format!("{name}: empty rationale"));
            }
            let focus_count = catalogues
                .tsc
                .get(&link.tsc)
                .map_or(0, |c| c.points_of_focus.len());
            if link.points.is_empty() && link.partly.is_empty() {
                problems.push(format!("{name}: reaches no point of focus"));
            }
            for (field, points) in [("points", &link.points), ("partly", &link.partly)] {
                let ascending_in_range = points.windows(2).all(|pair| pair[0] < pair[1])
                    && points
                        .iter()
                        .all(|&p| p > 0 && usize::from(p) <= focus_count);
                if !ascending_in_range {
                    problems.push(format!(
                        "{name}: {field} {points:?} must ascend within 1-{focus_count}"
                    ));
                }
            }
            if link.points.iter().any(|p| link.partly.contains(p)) {
                problems.push(format!(
                    "{name}: a point is reached both in full and in part"
                ));
            }
            let has_divergence = link
                .divergence
                .as_deref()
                .is_some_and(|d| !d.trim().is_empty());
            if link.relationship != Relationship::Equal && !has_divergence {
                problems.push(format!(
                    "{name}: a {} link must say what diverges",
                    link.relationship.id()
                ));
            }
        }
    }

    fn check_verdicts(&self, catalogues: &Catalogues, problems: &mut Vec<String>) {
        let iso_refs = catalogues.iso_refs();
        let tsc_refs = catalogues.tsc.items().iter().map(|c| &*c.reference);
        for reference in iso_refs.chain(tsc_refs) {
            match self
                .verdicts
                .iter()
                .filter(|v| v.reference == reference)
                .count()
            {
                0 => problems.push(format!("{reference}: no verdict")),
                1 => {}
                n => problems.push(format!("{reference}: {n} verdicts")),
            }
        }
        for verdict in self.verdicts.iter() {
            let reference = &verdict.reference;
            if !catalogues.exists(reference) || Side::of(reference) != Some(verdict.framework) {
                problems.push(format!(
                    "verdict on unknown {} item {reference:?}",
                    verdict.framework.id()
                ));
                continue;
            }
            let links = self.links_for(reference);
            let non_empty =
                |text: &Option<Cow<str>>| text.as_deref().is_some_and(|t| !t.trim().is_empty());
            match verdict.verdict {
                Verdict::Unique => {
                    if !links.is_empty() {
                        problems.push(format!(
                            "{reference}: judged unique but has {} links",
                            links.len()
                        ));
                    }
                    if !non_empty(&verdict.reason) {
                        problems.push(format!("{reference}: a unique verdict needs a reason"));
                    }
                }
                Verdict::Partial => {
                    if links.is_empty() {
                        problems.push(format!("{reference}: judged partial but has no links"));
                    }
                    if !non_empty(&verdict.residual) {
                        problems.push(format!("{reference}: a partial verdict needs a residual"));
                    }
                }
                Verdict::Full => {
                    // Read from the ISO side: a superset link covers the criterion, a subset
                    // link covers the ISO item.
                    let sufficient = match verdict.framework {
                        Side::Tsc => [Relationship::Equal, Relationship::Superset],
                        Side::Iso => [Relationship::Equal, Relationship::Subset],
                    };
                    let one_link_suffices =
                        links.iter().any(|l| sufficient.contains(&l.relationship));
                    if !one_link_suffices && verdict.covering.is_empty() {
                        problems.push(format!(
                            "{reference}: judged full without an equal/{} link or a covering set",
                            sufficient[1].id()
                        ));
                    }
                }
            }
            if verdict.framework == Side::Tsc && verdict.verdict != Verdict::Unique {
                if let Some(criterion) = catalogues.tsc.get(reference) {
                    let unreached: Vec<usize> = self
                        .unreached_points(criterion)
                        .iter()
                        .map(|p| p.position)
                        .collect();
                    match (verdict.verdict, unreached.len()) {
                        (Verdict::Full, n) if n > 0 => problems.push(format!(
                            "{reference}: judged full but points of focus {unreached:?} are not reached in full"
                        )),
                        (Verdict::Partial, 0) => problems.push(format!(
                            "{reference}: judged partial but its links together reach every point of focus in full"
                        )),
                        _ => {}
                    }
                }
            }
            if verdict.verdict != Verdict::Full && !verdict.covering.is_empty() {
                problems.push(format!(
                    "{reference}: only a full verdict names a covering set"
                ));
            }
            for covering in verdict.covering.iter() {
                let linked = links
                    .iter()
                    .any(|l| l.iso == *covering || l.tsc == *covering);
                if !linked {
                    problems.push(format!(
                        "{reference}: covering item {covering} is not linked to it"
                    ));
                }
            }
        }
    }

    fn check_obligations(&self, catalogues: &Catalogues, problems: &mut Vec<String>) {
        for (index, obligation) in self.obligations.iter().enumerate() {
            let id = &obligation.id;
            if self.obligations[..index].iter().any(|o| o.id == *id) {
                problems.push(format!("obligation {id}: duplicate id"));
            }
            if !id.starts_with(&format!("{}-", obligation.framework.id())) {
                problems.push(format!(
                    "obligation {id}: id must start with {}-",
                    obligation.framework.id()
                ));
            }
            for (field, text) in [
                ("title", &obligation.title),
                ("produce", &obligation.produce),
                ("why_unique", &obligation.why_unique),
            ] {
                if text.trim().is_empty() {
                    problems.push(format!("obligation {id}: empty {field}"));
                }
            }
            let own_side = |reference: &str| match refs::kind_of(reference) {
                Some(RefKind::AnnexA | RefKind::Clause) => Some(Framework::Iso),
                Some(RefKind::Tsc | RefKind::Dc) => Some(Framework::Soc2),
                None => None,
            };
            for reference in obligation.refs.iter() {
                if !catalogues.exists(reference)
                    || own_side(reference) != Some(obligation.framework)
                {
                    problems.push(format!(
                        "obligation {id}: ref {reference:?} is not an item of {}",
                        obligation.framework.label()
                    ));
                }
            }
            for reference in obligation.partial_refs.iter() {
                if !catalogues.exists(reference)
                    || own_side(reference) == Some(obligation.framework)
                {
                    problems.push(format!("obligation {id}: partial ref {reference:?} is not an item of the other framework"));
                }
            }
            let names_refs = !obligation.partial_refs.is_empty();
            if obligation.partial_counterpart.is_some() != names_refs {
                problems.push(format!(
                    "obligation {id}: partial_counterpart and partial_refs go together"
                ));
            }
        }
    }
}

/// The tables the build script compiles from `data/*.toml`; the test suite validates them
/// against the catalogues.
static CROSSWALK: Crosswalk = include!(concat!(env!("OUT_DIR"), "/crosswalk.rs"));

/// The compiled-in crosswalk: static tables, nothing to parse at start-up.
pub fn crosswalk() -> &'static Crosswalk {
    &CROSSWALK
}
