//! The catalogue items as the data files write them.
//!
//! The build script includes this file too: it parses `data/*.toml` into these types, so a
//! malformed file fails the build, and writes them out as `static` tables. Text and lists are
//! `Cow`s so the tables borrow their data while serde can still build owned values natively.

use std::borrow::Cow;

use serde::Serialize;

use super::vocab::{
    Category, ControlType, CybersecurityConcept, OperationalCapability, SecurityDomain,
    SecurityProperty, Theme,
};

/// An ISO/IEC 27001:2022 Annex A control with its ISO/IEC 27002:2022 attributes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Deserialize))]
#[serde(deny_unknown_fields)]
pub struct AnnexAControl {
    /// `A.5.1` to `A.8.34`.
    #[serde(rename = "ref")]
    pub reference: Cow<'static, str>,
    /// Official short title.
    pub title: Cow<'static, str>,
    /// One of the four themes.
    pub theme: Theme,
    /// Purpose of the control in Crosswalk's words.
    pub summary: Cow<'static, str>,
    /// Whether the 2022 revision introduced the control.
    pub new_in_2022: bool,
    /// Control type attribute values.
    pub control_types: Cow<'static, [ControlType]>,
    /// Information security property attribute values.
    pub security_properties: Cow<'static, [SecurityProperty]>,
    /// Cybersecurity concept attribute values.
    pub cybersecurity_concepts: Cow<'static, [CybersecurityConcept]>,
    /// Operational capability attribute values.
    pub operational_capabilities: Cow<'static, [OperationalCapability]>,
    /// Security domain attribute values.
    pub security_domains: Cow<'static, [SecurityDomain]>,
}

/// A requirement-bearing clause 4-10 item of ISO/IEC 27001:2022.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Deserialize))]
#[serde(deny_unknown_fields)]
pub struct ClauseItem {
    /// `4.1` to `10.2`.
    #[serde(rename = "ref")]
    pub reference: Cow<'static, str>,
    /// Official (sub)clause title.
    pub title: Cow<'static, str>,
    /// What the clause requires, in Crosswalk's words.
    pub summary: Cow<'static, str>,
    /// The documented information the clause requires (empty when it requires none).
    pub documented_information: Cow<'static, [Cow<'static, str>]>,
    /// How Amendment 1:2024 (climate action changes) touches the clause, where it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amendment_2024: Option<Cow<'static, str>>,
}

/// A series of the Trust Services Criteria, e.g. CC6 "Logical and Physical Access Controls".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Deserialize))]
#[serde(deny_unknown_fields)]
pub struct Series {
    /// `CC1` … `CC9`, `A1`, `C1`, `PI1`, `P1` … `P8`.
    #[serde(rename = "ref")]
    pub reference: Cow<'static, str>,
    /// The series name.
    pub name: Cow<'static, str>,
    /// The category its criteria belong to.
    pub category: Category,
}

/// One Trust Services Criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Deserialize))]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// `CC1.1` … `P8.1`.
    #[serde(rename = "ref")]
    pub reference: Cow<'static, str>,
    /// A short label in Crosswalk's words (criteria have no official titles).
    pub title: Cow<'static, str>,
    /// The Trust Services category.
    pub category: Category,
    /// The series ref, e.g. `CC6`.
    pub series: Cow<'static, str>,
    /// The COSO 2013 principle the criterion restates (CC1.1-CC5.3 only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coso_principle: Option<u8>,
    /// What the criterion expects, in Crosswalk's words.
    pub summary: Cow<'static, str>,
    /// The points of focus as short own-words labels.
    pub points_of_focus: Cow<'static, [Cow<'static, str>]>,
}

/// One DC 200 description criterion: what the SOC 2 System Description must disclose.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Deserialize))]
#[serde(deny_unknown_fields)]
pub struct DescriptionCriterion {
    /// `DC1` … `DC9`.
    #[serde(rename = "ref")]
    pub reference: Cow<'static, str>,
    /// A short label in Crosswalk's words.
    pub title: Cow<'static, str>,
    /// What the description must disclose, in Crosswalk's words.
    pub summary: Cow<'static, str>,
    /// The concrete things to write in this section.
    pub disclosures: Cow<'static, [Cow<'static, str>]>,
}

/// `data/annex_a.toml`.
#[cfg(not(target_arch = "wasm32"))]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AnnexAFile {
    pub(crate) edition: Cow<'static, str>,
    pub(crate) control: Vec<AnnexAControl>,
}

/// `data/clauses.toml`.
#[cfg(not(target_arch = "wasm32"))]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClausesFile {
    pub(crate) edition: Cow<'static, str>,
    pub(crate) clause: Vec<ClauseItem>,
}

/// `data/tsc.toml`.
#[cfg(not(target_arch = "wasm32"))]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TscFile {
    pub(crate) edition: Cow<'static, str>,
    pub(crate) series: Vec<Series>,
    pub(crate) criterion: Vec<Criterion>,
}

/// `data/dc200.toml`.
#[cfg(not(target_arch = "wasm32"))]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DcFile {
    pub(crate) edition: Cow<'static, str>,
    pub(crate) criterion: Vec<DescriptionCriterion>,
}
