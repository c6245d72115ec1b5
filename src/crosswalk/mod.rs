//! The crosswalk between ISO/IEC 27001:2022 and the Trust Services Criteria: typed links,
//! verdicts on both sides, and the register of obligations unique to one framework.
//!
//! The mapping is informative, never an equivalence guarantee: a link says that evidence for
//! one requirement goes some way toward the other, and how far.

pub mod coverage;
pub mod explore;

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::catalog::{catalogues, refs, Catalogues, RefKind};

/// How an ISO item relates to a criterion, read from the ISO side (NIST IR 8477 set theory).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relationship {
    /// The same requirement in substance.
    Equal,
    /// The ISO item asks for part of what the criterion asks.
    Subset,
    /// The ISO item asks for all of what the criterion asks, and more.
    Superset,
    /// Each asks for something the other does not.
    Intersects,
}

impl Relationship {
    /// Every relationship, strongest first.
    pub const ALL: [Relationship; 4] = [
        Relationship::Equal,
        Relationship::Superset,
        Relationship::Subset,
        Relationship::Intersects,
    ];

    /// The id used in data files and exports.
    pub fn id(self) -> &'static str {
        match self {
            Relationship::Equal => "equal",
            Relationship::Subset => "subset",
            Relationship::Superset => "superset",
            Relationship::Intersects => "intersects",
        }
    }

    /// The OSCAL 1.2 mapping relationship token.
    pub fn oscal(self) -> &'static str {
        match self {
            Relationship::Equal => "equal-to",
            Relationship::Subset => "subset-of",
            Relationship::Superset => "superset-of",
            Relationship::Intersects => "intersects-with",
        }
    }

    /// A plain-language reading, ISO side first.
    pub fn describe(self) -> &'static str {
        match self {
            Relationship::Equal => "the same requirement",
            Relationship::Subset => "ISO asks part of what the criterion asks",
            Relationship::Superset => "ISO asks all of it and more",
            Relationship::Intersects => "each asks something the other does not",
        }
    }

    /// Parses a data-file id.
    pub fn from_id(id: &str) -> Option<Relationship> {
        Self::ALL.into_iter().find(|r| r.id() == id)
    }
}

/// One link between an ISO item (Annex A control or clause item) and a criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// The ISO ref, e.g. `A.5.15` or `9.2.1`.
    pub iso: String,
    /// The criterion ref, e.g. `CC6.1`.
    pub tsc: String,
    /// The set-theory relationship, read from the ISO side.
    pub relationship: Relationship,
    /// 1-10: how much of the criterion the ISO item carries (equal is 10).
    pub strength: u8,
    /// Why they correspond.
    pub rationale: String,
    /// What one asks that the other does not (absent only for `equal`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub divergence: Option<String>,
}

/// Which side of the crosswalk a verdict judges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// An ISO/IEC 27001:2022 item, judged against the criteria.
    Iso,
    /// A Trust Services Criterion, judged against ISO/IEC 27001:2022.
    Tsc,
}

impl Side {
    /// The id used in exports (`iso` or `tsc`).
    pub fn id(self) -> &'static str {
        match self {
            Side::Iso => "iso",
            Side::Tsc => "tsc",
        }
    }

    /// The side a ref belongs to, if it is an ISO item or a criterion.
    pub fn of(reference: &str) -> Option<Side> {
        match refs::kind_of(reference)? {
            RefKind::AnnexA | RefKind::Clause => Some(Side::Iso),
            RefKind::Tsc => Some(Side::Tsc),
            RefKind::Dc => None,
        }
    }
}

/// How far the other framework covers an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The linked items of the other framework together satisfy it.
    Full,
    /// Linked, but the other framework leaves a residual to do.
    Partial,
    /// No counterpart in the other framework.
    Unique,
}

impl Verdict {
    /// Every verdict.
    pub const ALL: [Verdict; 3] = [Verdict::Full, Verdict::Partial, Verdict::Unique];

    /// The id used in data files and exports.
    pub fn id(self) -> &'static str {
        match self {
            Verdict::Full => "full",
            Verdict::Partial => "partial",
            Verdict::Unique => "unique",
        }
    }

    /// Parses an id.
    pub fn from_id(id: &str) -> Option<Verdict> {
        Self::ALL.into_iter().find(|v| v.id() == id)
    }
}

/// The verdict on one catalogue item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemVerdict {
    /// Which side the item is on.
    pub framework: Side,
    /// The item's ref.
    #[serde(rename = "ref")]
    pub reference: String,
    /// Full, partial or unique.
    pub verdict: Verdict,
    /// For a full verdict without one sufficient link: the other side's items that together satisfy it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covering: Vec<String>,
    /// For a partial verdict: what the other framework leaves to do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual: Option<String>,
    /// For a unique verdict: why there is no counterpart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl ItemVerdict {
    /// The residual of a partial verdict or the reason of a unique one; empty for full.
    pub fn explanation(&self) -> &str {
        self.residual
            .as_deref()
            .or(self.reason.as_deref())
            .unwrap_or_default()
    }
}

/// The framework an obligation of the unique register belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Framework {
    /// ISO/IEC 27001:2022.
    Iso,
    /// SOC 2.
    Soc2,
}

impl Framework {
    /// The id used in data files and exports.
    pub fn id(self) -> &'static str {
        match self {
            Framework::Iso => "iso",
            Framework::Soc2 => "soc2",
        }
    }

    /// A display name.
    pub fn label(self) -> &'static str {
        match self {
            Framework::Iso => "ISO/IEC 27001",
            Framework::Soc2 => "SOC 2",
        }
    }
}

/// An obligation that exists in one framework only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Obligation {
    /// Stable id, prefixed `iso-` or `soc2-`.
    pub id: String,
    /// The framework that imposes it.
    pub framework: Framework,
    /// A short name.
    pub title: String,
    /// The catalogue refs it rests on (empty for audit-process obligations).
    pub refs: Vec<String>,
    /// What the organisation must produce or do.
    pub produce: String,
    /// Why it does not cross-map.
    pub why_unique: String,
    /// How far a partial counterpart on the other side goes, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial_counterpart: Option<String>,
    /// The other side's refs named in `partial_counterpart`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partial_refs: Vec<String>,
}

/// The whole crosswalk.
#[derive(Debug, Clone, PartialEq)]
pub struct Crosswalk {
    /// The data version, e.g. `2026.1`.
    pub version: String,
    /// When the data last changed (RFC 3339), used as the OSCAL `last-modified`.
    pub last_modified: String,
    links: Vec<Link>,
    verdicts: Vec<ItemVerdict>,
    obligations: Vec<Obligation>,
}

/// Why the compiled-in crosswalk data could not be used.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum CrosswalkError {
    /// A data file is not in the expected shape.
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LinksFile {
    version: String,
    last_modified: String,
    link: Vec<Link>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VerdictsFile {
    verdict: Vec<ItemVerdict>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UniqueFile {
    obligation: Vec<Obligation>,
}

/// The compiled-in data files, as JSON converted from `data/*.toml` by the build script.
pub mod embedded {
    /// `data/crosswalk.toml`.
    pub const LINKS: &str = include_str!(concat!(env!("OUT_DIR"), "/crosswalk.json"));
    /// `data/verdicts.toml`.
    pub const VERDICTS: &str = include_str!(concat!(env!("OUT_DIR"), "/verdicts.json"));
    /// `data/unique.toml`.
    pub const UNIQUE: &str = include_str!(concat!(env!("OUT_DIR"), "/unique.json"));
}

fn parse<T: for<'de> Deserialize<'de>>(
    file: &'static str,
    json: &str,
) -> Result<T, CrosswalkError> {
    serde_json::from_str(json).map_err(|error| CrosswalkError::Malformed {
        file,
        message: error.to_string(),
    })
}

impl Crosswalk {
    /// Parses and validates the compiled-in crosswalk against the catalogues.
    pub fn load(catalogues: &Catalogues) -> Result<Crosswalk, CrosswalkError> {
        Self::from_json(
            embedded::LINKS,
            embedded::VERDICTS,
            embedded::UNIQUE,
            catalogues,
        )
    }

    /// Parses and validates a crosswalk from JSON documents shaped like the data files.
    pub fn from_json(
        links: &str,
        verdicts: &str,
        unique: &str,
        catalogues: &Catalogues,
    ) -> Result<Crosswalk, CrosswalkError> {
        let links: LinksFile = parse("crosswalk", links)?;
        let verdicts: VerdictsFile = parse("verdicts", verdicts)?;
        let unique: UniqueFile = parse("unique", unique)?;
        let crosswalk = Crosswalk {
            version: links.version,
            last_modified: links.last_modified,
            links: links.link,
            verdicts: verdicts.verdict,
            obligations: unique.obligation,
        };
        let problems = crosswalk.problems(catalogues);
        if problems.is_empty() {
            Ok(crosswalk)
        } else {
            Err(CrosswalkError::Invalid(problems))
        }
    }

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
            .filter(|o| o.refs.iter().chain(&o.partial_refs).any(|r| r == reference))
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
        let tsc_refs = catalogues.tsc.items().iter().map(|c| c.reference.as_str());
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
        for verdict in &self.verdicts {
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
                |text: &Option<String>| text.as_deref().is_some_and(|t| !t.trim().is_empty());
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
            if verdict.verdict != Verdict::Full && !verdict.covering.is_empty() {
                problems.push(format!(
                    "{reference}: only a full verdict names a covering set"
                ));
            }
            for covering in &verdict.covering {
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
            for reference in &obligation.refs {
                if !catalogues.exists(reference)
                    || own_side(reference) != Some(obligation.framework)
                {
                    problems.push(format!(
                        "obligation {id}: ref {reference:?} is not an item of {}",
                        obligation.framework.label()
                    ));
                }
            }
            for reference in &obligation.partial_refs {
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

static CROSSWALK: LazyLock<Crosswalk> = LazyLock::new(|| match Crosswalk::load(catalogues()) {
    Ok(crosswalk) => crosswalk,
    Err(error) => {
        panic!("the compiled-in crosswalk is invalid (the test suite guards this): {error}")
    }
});

/// The compiled-in crosswalk, parsed and validated once.
pub fn crosswalk() -> &'static Crosswalk {
    &CROSSWALK
}
