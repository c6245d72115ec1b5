//! The crosswalk's entries as the data files write them: links, verdicts and obligations.
//!
//! The build script includes this file too: it parses `data/*.toml` into these types, so a
//! malformed file fails the build, and writes them out as `static` tables. Text and lists are
//! `Cow`s so the tables borrow their data while serde can still build owned values natively.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

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
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Deserialize))]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// The ISO ref, e.g. `A.5.15` or `9.2.1`.
    pub iso: Cow<'static, str>,
    /// The criterion ref, e.g. `CC6.1`.
    pub tsc: Cow<'static, str>,
    /// The set-theory relationship, read from the ISO side.
    pub relationship: Relationship,
    /// 1-10: how much of the criterion the ISO item carries (equal is 10).
    pub strength: u8,
    /// The criterion's points of focus the ISO item reaches in full, by 1-based position in
    /// the criterion's list (`data/tsc.toml`), ascending. Only these make a criterion full.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub points: Cow<'static, [u8]>,
    /// Points of focus the ISO item contributes to but leaves materially short: a real
    /// overlap that must not count toward a full verdict. A link reaches at least one point,
    /// in full or in part.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub partly: Cow<'static, [u8]>,
    /// Why they correspond; read it through [`Link::rationale`] (a lean build loads it later).
    pub(crate) rationale: Cow<'static, str>,
    /// What one asks that the other does not (absent only for `equal`); read it through
    /// [`Link::divergence`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) divergence: Option<Cow<'static, str>>,
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
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Deserialize))]
#[serde(deny_unknown_fields)]
pub struct ItemVerdict {
    /// Which side the item is on.
    pub framework: Side,
    /// The item's ref.
    #[serde(rename = "ref")]
    pub reference: Cow<'static, str>,
    /// Full, partial or unique.
    pub verdict: Verdict,
    /// For a full verdict without one sufficient link: the other side's items that together satisfy it.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub covering: Cow<'static, [Cow<'static, str>]>,
    /// For a partial verdict: what the other framework leaves to do; read it through
    /// [`ItemVerdict::residual`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) residual: Option<Cow<'static, str>>,
    /// For a unique verdict: why there is no counterpart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Cow<'static, str>>,
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
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Deserialize))]
#[serde(deny_unknown_fields)]
pub struct Obligation {
    /// Stable id, prefixed `iso-` or `soc2-`.
    pub id: Cow<'static, str>,
    /// The framework that imposes it.
    pub framework: Framework,
    /// A short name.
    pub title: Cow<'static, str>,
    /// The catalogue refs it rests on (empty for audit-process obligations).
    pub refs: Cow<'static, [Cow<'static, str>]>,
    /// What the organisation must produce or do; read it through [`Obligation::produce`] (a
    /// lean build loads it later), as the two texts below.
    pub(crate) produce: Cow<'static, str>,
    /// Why it does not cross-map.
    pub(crate) why_unique: Cow<'static, str>,
    /// How far a partial counterpart on the other side goes, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) partial_counterpart: Option<Cow<'static, str>>,
    /// The other side's refs named in `partial_counterpart`.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub partial_refs: Cow<'static, [Cow<'static, str>]>,
}

/// `data/crosswalk.toml`.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LinksFile {
    pub(crate) version: Cow<'static, str>,
    pub(crate) last_modified: Cow<'static, str>,
    pub(crate) link: Vec<Link>,
}

/// `data/verdicts.toml`.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VerdictsFile {
    pub(crate) verdict: Vec<ItemVerdict>,
}

/// `data/unique.toml`.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UniqueFile {
    pub(crate) obligation: Vec<Obligation>,
}
