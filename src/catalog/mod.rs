//! The four reference catalogues, compiled in from `data/` as static tables by the build script:
//! ISO/IEC 27001:2022 Annex A (with the ISO/IEC 27002:2022 attributes), ISO/IEC 27001:2022
//! clauses 4-10, the 2017 Trust Services Criteria (revised points of focus 2022), and the
//! SOC 2 description criteria (DC 200).

mod items;
pub mod refs;
mod spelling;
pub mod vocab;

use std::borrow::Cow;

use serde::Serialize;

pub use items::{AnnexAControl, ClauseItem, Criterion, DescriptionCriterion, Series};
pub use refs::{RefKey, RefKind};
pub use spelling::RefList;
pub use vocab::{
    Attribute, Category, ControlType, CybersecurityConcept, OperationalCapability, SecurityDomain,
    SecurityProperty, Theme,
};

/// Number of Annex A controls in ISO/IEC 27001:2022.
pub const ANNEX_A_COUNT: usize = 93;
/// Number of requirement-bearing (sub)clauses in clauses 4-10.
pub const CLAUSE_COUNT: usize = 30;
/// Number of Trust Services Criteria (33 common criteria plus 28 additional).
pub const TSC_COUNT: usize = 61;
/// Number of DC 200 description criteria.
pub const DC_COUNT: usize = 9;

/// Annex A controls per theme: organizational, people, physical, technological.
pub const THEME_COUNTS: [(Theme, usize); 4] = [
    (Theme::Organizational, 37),
    (Theme::People, 8),
    (Theme::Physical, 14),
    (Theme::Technological, 34),
];

/// The eleven controls the 2022 revision added to Annex A.
pub const NEW_IN_2022: [&str; 11] = [
    "A.5.7", "A.5.23", "A.5.30", "A.7.4", "A.8.9", "A.8.10", "A.8.11", "A.8.12", "A.8.16",
    "A.8.23", "A.8.28",
];

/// What every catalogue item offers: a ref, a short title and an own-words summary.
pub trait Item {
    /// The official identifier, e.g. `A.5.15`.
    fn reference(&self) -> &str;
    /// The short title.
    fn title(&self) -> &str;
    /// The own-words summary.
    fn summary(&self) -> &str;
    /// Further text a search should look in besides ref, title and summary.
    fn extra_search_text(&self) -> Vec<&str> {
        Vec::new()
    }
}

impl AnnexAControl {
    /// Whether the control carries the required attribute values: values of the same attribute
    /// are alternatives, different attributes must all hold (e.g. detective AND (integrity OR
    /// availability)). No requirement at all is always met.
    pub fn has_all(&self, required: &[Attribute]) -> bool {
        required.iter().all(|wanted| {
            required
                .iter()
                .filter(|other| other.attribute_name() == wanted.attribute_name())
                .any(|&alternative| self.has(alternative))
        })
    }

    /// Whether the control carries the given attribute value.
    pub fn has(&self, attribute: Attribute) -> bool {
        match attribute {
            Attribute::ControlType(v) => self.control_types.contains(&v),
            Attribute::SecurityProperty(v) => self.security_properties.contains(&v),
            Attribute::CybersecurityConcept(v) => self.cybersecurity_concepts.contains(&v),
            Attribute::OperationalCapability(v) => self.operational_capabilities.contains(&v),
            Attribute::SecurityDomain(v) => self.security_domains.contains(&v),
        }
    }
}

macro_rules! impl_item {
    ($type:ty $(, $extra:ident)*) => {
        impl Item for $type {
            fn reference(&self) -> &str { &self.reference }
            fn title(&self) -> &str { &self.title }
            fn summary(&self) -> &str { &self.summary }
            $(fn extra_search_text(&self) -> Vec<&str> { self.$extra.iter().map(AsRef::as_ref).collect() })*
        }
    };
}
impl_item!(AnnexAControl);
impl_item!(ClauseItem, documented_information);
impl_item!(Criterion, points_of_focus);
impl_item!(DescriptionCriterion, disclosures);

/// A catalogue: its edition and its items in standard order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Catalogue<T: Clone + 'static> {
    /// Which edition of the source the data encodes.
    pub edition: Cow<'static, str>,
    items: Cow<'static, [T]>,
}

impl<T: Item + Clone> Catalogue<T> {
    /// The items in standard order.
    pub fn items(&self) -> &[T] {
        &self.items
    }

    /// Looks an item up by its ref (binary search: items are kept in standard order).
    pub fn get(&self, reference: &str) -> Option<&T> {
        let key = RefKey::parse(reference)?;
        self.items
            .binary_search_by(|item| {
                RefKey::parse(item.reference()).map_or(std::cmp::Ordering::Greater, |k| k.cmp(&key))
            })
            .ok()
            .map(|index| &self.items[index])
    }

    /// Whether an item with this ref exists.
    pub fn contains(&self, reference: &str) -> bool {
        self.get(reference).is_some()
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the catalogue has no items.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Items matching a free-text query (see [`matches_query`]); an exact ref match comes first.
    pub fn search(&self, query: &str) -> Vec<&T> {
        let query = query.trim();
        let mut found: Vec<&T> = self
            .items
            .iter()
            .filter(|item| matches_query(*item, query))
            .collect();
        found.sort_by_key(|item| !item.reference().eq_ignore_ascii_case(query));
        found
    }
}

impl Catalogue<AnnexAControl> {
    /// The controls of one theme, in standard order.
    pub fn by_theme(&self, theme: Theme) -> impl Iterator<Item = &AnnexAControl> {
        self.items.iter().filter(move |c| c.theme == theme)
    }
}

impl Catalogue<Criterion> {
    /// The criteria of one category, in standard order.
    pub fn by_category(&self, category: Category) -> impl Iterator<Item = &Criterion> {
        self.items.iter().filter(move |c| c.category == category)
    }
}

/// The heading of a top-level clause of ISO/IEC 27001:2022 (4 to 10), for grouping items.
pub fn clause_heading(number: u16) -> Option<&'static str> {
    const HEADINGS: [&str; 7] = [
        "Context of the organization",
        "Leadership",
        "Planning",
        "Support",
        "Operation",
        "Performance evaluation",
        "Improvement",
    ];
    number
        .checked_sub(4)
        .and_then(|i| HEADINGS.get(usize::from(i)).copied())
}

impl Catalogues {
    /// The group an item is listed under in its catalogue: its theme, clause or series.
    ///
    /// # Example
    /// ```
    /// let c = crosswalk::catalog::catalogues();
    /// assert_eq!(c.group_of("A.6.3"), "People controls (A.6)");
    /// assert_eq!(c.group_of("9.2.1"), "9 Performance evaluation");
    /// assert_eq!(c.group_of("CC6.1"), "CC6 Logical and Physical Access Controls");
    /// ```
    pub fn group_of(&self, reference: &str) -> String {
        match refs::kind_of(reference) {
            Some(RefKind::AnnexA) => self
                .annex_a
                .get(reference)
                .map(|c| format!("{} controls (A.{})", c.theme.label(), &reference[2..3]))
                .unwrap_or_default(),
            Some(RefKind::Clause) => {
                let top = reference.split('.').next().unwrap_or_default();
                let heading = top
                    .parse()
                    .ok()
                    .and_then(clause_heading)
                    .unwrap_or_default();
                format!("{top} {heading}")
            }
            Some(RefKind::Tsc) => self
                .tsc
                .get(reference)
                .and_then(|c| self.series_of(c))
                .map(|s| format!("{} {}", s.reference, s.name))
                .unwrap_or_default(),
            Some(RefKind::Dc) => "Description criteria".to_owned(),
            None => String::new(),
        }
    }
}

/// A filter over Annex A as the catalogue browser offers it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnnexAFilter {
    /// Free text; see [`matches_query`].
    pub query: String,
    /// Keep only these themes (all when empty).
    pub themes: Vec<Theme>,
    /// Attribute values to require: values of the same attribute are alternatives, different
    /// attributes must all hold (e.g. detective AND (integrity OR availability)).
    pub attributes: Vec<Attribute>,
    /// Keep only the controls new in 2022.
    pub new_in_2022_only: bool,
}

impl AnnexAFilter {
    /// Whether a control passes the filter.
    pub fn accepts(&self, control: &AnnexAControl) -> bool {
        (self.themes.is_empty() || self.themes.contains(&control.theme))
            && (!self.new_in_2022_only || control.new_in_2022)
            && control.has_all(&self.attributes)
            && matches_query(control, &self.query)
    }

    /// The matching controls in standard order (an exact ref match first).
    pub fn apply<'a>(&self, annex_a: &'a Catalogue<AnnexAControl>) -> Vec<&'a AnnexAControl> {
        let mut found = annex_a.search(&self.query);
        found.retain(|control| self.accepts(control));
        found
    }
}

/// A filter over the Trust Services Criteria as the catalogue browser offers it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TscFilter {
    /// Free text; see [`matches_query`].
    pub query: String,
    /// Keep only these categories (all when empty).
    pub categories: Vec<Category>,
}

impl TscFilter {
    /// The matching criteria in standard order (an exact ref match first).
    pub fn apply<'a>(&self, tsc: &'a Catalogue<Criterion>) -> Vec<&'a Criterion> {
        let mut found = tsc.search(&self.query);
        found.retain(|c| self.categories.is_empty() || self.categories.contains(&c.category));
        found
    }
}

/// The catalogues that the `crosswalk catalog` command and the browser list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CatalogueKind {
    /// ISO/IEC 27001:2022 Annex A.
    AnnexA,
    /// ISO/IEC 27001:2022 clauses 4-10.
    Clauses,
    /// Trust Services Criteria.
    Tsc,
    /// DC 200 description criteria.
    Dc,
}

impl CatalogueKind {
    /// All catalogues in display order.
    pub const ALL: [CatalogueKind; 4] = [
        CatalogueKind::AnnexA,
        CatalogueKind::Clauses,
        CatalogueKind::Tsc,
        CatalogueKind::Dc,
    ];

    /// The id used by the CLI and in URLs.
    pub fn id(self) -> &'static str {
        match self {
            CatalogueKind::AnnexA => "annex-a",
            CatalogueKind::Clauses => "clauses",
            CatalogueKind::Tsc => "tsc",
            CatalogueKind::Dc => "dc",
        }
    }

    /// A display name.
    pub fn label(self) -> &'static str {
        match self {
            CatalogueKind::AnnexA => "ISO/IEC 27001:2022 Annex A",
            CatalogueKind::Clauses => "ISO/IEC 27001:2022 clauses 4-10",
            CatalogueKind::Tsc => "Trust Services Criteria",
            CatalogueKind::Dc => "SOC 2 description criteria (DC 200)",
        }
    }

    /// Parses a CLI or URL id.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.id() == id)
    }

    /// The expected number of items.
    pub fn expected_count(self) -> usize {
        match self {
            CatalogueKind::AnnexA => ANNEX_A_COUNT,
            CatalogueKind::Clauses => CLAUSE_COUNT,
            CatalogueKind::Tsc => TSC_COUNT,
            CatalogueKind::Dc => DC_COUNT,
        }
    }
}

/// All reference catalogues.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalogues {
    /// ISO/IEC 27001:2022 Annex A.
    pub annex_a: Catalogue<AnnexAControl>,
    /// ISO/IEC 27001:2022 clauses 4-10.
    pub clauses: Catalogue<ClauseItem>,
    /// The Trust Services Criteria.
    pub tsc: Catalogue<Criterion>,
    /// The series of the Trust Services Criteria, in standard order.
    pub series: Cow<'static, [Series]>,
    /// DC 200 description criteria.
    pub dc: Catalogue<DescriptionCriterion>,
}

/// Why catalogue documents could not be used.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum CatalogError {
    /// A document is not in the shape of its data file.
    #[error("{file}: {message}")]
    Malformed {
        /// The data file.
        file: &'static str,
        /// What the parser said.
        message: String,
    },
    /// The data parsed but breaks the catalogue's rules.
    #[error("catalogue data is invalid:\n  - {}", .0.join("\n  - "))]
    Invalid(Vec<String>),
}

#[cfg(not(target_arch = "wasm32"))]
fn parse<T: serde::de::DeserializeOwned>(
    file: &'static str,
    json: &str,
) -> Result<T, CatalogError> {
    serde_json::from_str(json).map_err(|error| CatalogError::Malformed {
        file,
        message: error.to_string(),
    })
}

#[cfg(not(target_arch = "wasm32"))]
impl Catalogues {
    /// Parses and validates catalogues from JSON documents shaped like the data files. Native
    /// only: the tests use it to prove the compiled tables equal the data files and that the
    /// rules reject altered data.
    pub fn from_json(
        annex_a: &str,
        clauses: &str,
        tsc: &str,
        dc: &str,
    ) -> Result<Catalogues, CatalogError> {
        let annex_a: items::AnnexAFile = parse("annex_a", annex_a)?;
        let clauses: items::ClausesFile = parse("clauses", clauses)?;
        let tsc: items::TscFile = parse("tsc", tsc)?;
        let dc: items::DcFile = parse("dc200", dc)?;
        let catalogues = Catalogues {
            annex_a: Catalogue {
                edition: annex_a.edition,
                items: annex_a.control.into(),
            },
            clauses: Catalogue {
                edition: clauses.edition,
                items: clauses.clause.into(),
            },
            tsc: Catalogue {
                edition: tsc.edition,
                items: tsc.criterion.into(),
            },
            series: tsc.series.into(),
            dc: Catalogue {
                edition: dc.edition,
                items: dc.criterion.into(),
            },
        };
        let problems = catalogues.problems();
        if problems.is_empty() {
            Ok(catalogues)
        } else {
            Err(CatalogError::Invalid(problems))
        }
    }
}

impl Catalogues {
    /// Every rule the data breaks; empty when the catalogues are sound.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        check_items(
            &self.annex_a,
            CatalogueKind::AnnexA,
            RefKind::AnnexA,
            &mut problems,
        );
        check_items(
            &self.clauses,
            CatalogueKind::Clauses,
            RefKind::Clause,
            &mut problems,
        );
        check_items(&self.tsc, CatalogueKind::Tsc, RefKind::Tsc, &mut problems);
        check_items(&self.dc, CatalogueKind::Dc, RefKind::Dc, &mut problems);
        self.check_annex_a(&mut problems);
        self.check_tsc(&mut problems);
        for clause in self.clauses.items() {
            if clause
                .documented_information
                .iter()
                .any(|d| d.trim().is_empty())
            {
                problems.push(format!(
                    "{}: an empty documented-information entry",
                    clause.reference
                ));
            }
            if clause
                .amendment_2024
                .as_deref()
                .is_some_and(|a| a.trim().is_empty())
            {
                problems.push(format!(
                    "{}: an empty Amendment 1:2024 note",
                    clause.reference
                ));
            }
        }
        for criterion in self.dc.items() {
            if criterion.disclosures.is_empty()
                || criterion.disclosures.iter().any(|d| d.trim().is_empty())
            {
                problems.push(format!(
                    "{}: disclosures missing or empty",
                    criterion.reference
                ));
            }
        }
        problems
    }

    fn check_annex_a(&self, problems: &mut Vec<String>) {
        for (theme, expected) in THEME_COUNTS {
            let found = self
                .annex_a
                .items()
                .iter()
                .filter(|c| c.theme == theme)
                .count();
            if found != expected {
                problems.push(format!(
                    "Annex A theme {theme}: {found} controls, expected {expected}"
                ));
            }
        }
        for control in self.annex_a.items() {
            let theme_number = match control.theme {
                Theme::Organizational => "A.5.",
                Theme::People => "A.6.",
                Theme::Physical => "A.7.",
                Theme::Technological => "A.8.",
            };
            if !control.reference.starts_with(theme_number) {
                problems.push(format!(
                    "{}: theme {} does not match its number",
                    control.reference, control.theme
                ));
            }
            if control.new_in_2022 != NEW_IN_2022.contains(&&*control.reference) {
                problems.push(format!(
                    "{}: new_in_2022 is {}, which is wrong",
                    control.reference, control.new_in_2022
                ));
            }
            let lists = [
                ("control_types", distinct(&control.control_types)),
                (
                    "security_properties",
                    distinct(&control.security_properties),
                ),
                (
                    "cybersecurity_concepts",
                    distinct(&control.cybersecurity_concepts),
                ),
                (
                    "operational_capabilities",
                    distinct(&control.operational_capabilities),
                ),
                ("security_domains", distinct(&control.security_domains)),
            ];
            for (name, ok) in lists {
                if !ok {
                    problems.push(format!(
                        "{}: {name} is empty or repeats a value",
                        control.reference
                    ));
                }
            }
        }
    }

    fn check_tsc(&self, problems: &mut Vec<String>) {
        for criterion in self.tsc.items() {
            let reference = &criterion.reference;
            match self.series.iter().find(|s| s.reference == criterion.series) {
                None => problems.push(format!("{reference}: unknown series {}", criterion.series)),
                Some(series) => {
                    if !reference.starts_with(&format!("{}.", series.reference)) {
                        problems.push(format!("{reference}: not in series {}", series.reference));
                    }
                    if series.category != criterion.category {
                        problems.push(format!("{reference}: category differs from its series"));
                    }
                }
            }
            let expected_principle = coso_principle(reference);
            if criterion.coso_principle != expected_principle {
                problems.push(format!(
                    "{reference}: COSO principle {:?}, expected {:?}",
                    criterion.coso_principle, expected_principle
                ));
            }
            if criterion.points_of_focus.is_empty()
                || criterion
                    .points_of_focus
                    .iter()
                    .any(|p| p.trim().is_empty())
            {
                problems.push(format!("{reference}: points of focus missing or empty"));
            }
        }
        for series in self.series.iter() {
            if series.name.trim().is_empty() {
                problems.push(format!("series {}: empty name", series.reference));
            }
            if !self
                .tsc
                .items()
                .iter()
                .any(|c| c.series == series.reference)
            {
                problems.push(format!("series {}: has no criteria", series.reference));
            }
        }
    }

    /// Every ISO/IEC 27001:2022 ref in standard order: clause items 4.1-10.2, then A.5.1-A.8.34.
    pub fn iso_refs(&self) -> impl Iterator<Item = &str> {
        self.clauses
            .items()
            .iter()
            .map(|c| &*c.reference)
            .chain(self.annex_a.items().iter().map(|c| &*c.reference))
    }

    /// The series a criterion belongs to.
    pub fn series_of(&self, criterion: &Criterion) -> Option<&Series> {
        self.series.iter().find(|s| s.reference == criterion.series)
    }

    /// The title of any ISO, TSC or DC item by ref.
    pub fn title_of(&self, reference: &str) -> Option<&str> {
        match refs::kind_of(reference)? {
            RefKind::AnnexA => self.annex_a.get(reference).map(|i| &*i.title),
            RefKind::Clause => self.clauses.get(reference).map(|i| &*i.title),
            RefKind::Tsc => self.tsc.get(reference).map(|i| &*i.title),
            RefKind::Dc => self.dc.get(reference).map(|i| &*i.title),
        }
    }

    /// Whether a ref names an item in any catalogue.
    pub fn exists(&self, reference: &str) -> bool {
        self.title_of(reference).is_some()
    }
}

/// The COSO 2013 principle each of CC1.1-CC5.3 restates.
fn coso_principle(reference: &str) -> Option<u8> {
    const MAP: [(&str, u8); 17] = [
        ("CC1.1", 1),
        ("CC1.2", 2),
        ("CC1.3", 3),
        ("CC1.4", 4),
        ("CC1.5", 5),
        ("CC2.1", 13),
        ("CC2.2", 14),
        ("CC2.3", 15),
        ("CC3.1", 6),
        ("CC3.2", 7),
        ("CC3.3", 8),
        ("CC3.4", 9),
        ("CC4.1", 16),
        ("CC4.2", 17),
        ("CC5.1", 10),
        ("CC5.2", 11),
        ("CC5.3", 12),
    ];
    MAP.iter().find(|(r, _)| *r == reference).map(|(_, p)| *p)
}

fn distinct<T: PartialEq>(values: &[T]) -> bool {
    !values.is_empty()
        && values
            .iter()
            .enumerate()
            .all(|(i, v)| !values[..i].contains(v))
}

fn check_items<T: Item + Clone>(
    catalogue: &Catalogue<T>,
    kind: CatalogueKind,
    ref_kind: RefKind,
    problems: &mut Vec<String>,
) {
    let name = kind.id();
    if catalogue.len() != kind.expected_count() {
        problems.push(format!(
            "{name}: {} items, expected {}",
            catalogue.len(),
            kind.expected_count()
        ));
    }
    if catalogue.edition.trim().is_empty() {
        problems.push(format!("{name}: the edition is empty"));
    }
    let mut previous: Option<RefKey> = None;
    for item in catalogue.items() {
        let reference = item.reference();
        match RefKey::parse(reference) {
            Some(key) if key.kind() == ref_kind => {
                if let Some(before) = previous {
                    if key == before {
                        problems.push(format!("{name}: duplicate ref {reference}"));
                    } else if key < before {
                        problems.push(format!("{name}: {reference} is out of standard order"));
                    }
                }
                previous = Some(key);
            }
            _ => problems.push(format!("{name}: ref {reference:?} is out of format")),
        }
        if item.title().trim().is_empty() {
            problems.push(format!("{reference}: empty title"));
        }
        if item.summary().trim().is_empty() {
            problems.push(format!("{reference}: empty summary"));
        }
    }
}

/// Whether an item matches a free-text query (see [`matches_text`]) over its ref, title, summary
/// and other listed text.
///
/// # Example
/// ```
/// let catalogues = crosswalk::catalog::catalogues();
/// let control = catalogues.annex_a.get("A.8.5").expect("A.8.5 exists");
/// assert!(crosswalk::catalog::matches_query(control, "authentication"));
/// assert!(crosswalk::catalog::matches_query(control, "a.8.5"));
/// assert!(!crosswalk::catalog::matches_query(control, "fire"));
/// ```
pub fn matches_query(item: &(impl Item + ?Sized), query: &str) -> bool {
    let fields = [item.reference(), item.title(), item.summary()];
    matches_text(fields.into_iter().chain(item.extra_search_text()), query)
}

/// The one search rule of every list, catalogues and the user's records alike: every word of
/// the query appears, ignoring case, in one of the fields. An empty query matches all.
///
/// # Example
/// ```
/// use crosswalk::catalog::matches_text;
/// assert!(matches_text(["UC-001", "Access reviews", "Dana"], "access dana"));
/// assert!(!matches_text(["UC-001", "Access reviews"], "access backup"));
/// ```
pub fn matches_text<'a>(fields: impl IntoIterator<Item = &'a str>, query: &str) -> bool {
    let terms: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if terms.is_empty() {
        return true;
    }
    let haystack = fields
        .into_iter()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ");
    terms.iter().all(|term| haystack.contains(term.as_str()))
}

/// The tables the build script compiles from `data/*.toml`; the test suite validates them.
static CATALOGUES: Catalogues = include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));

/// The compiled-in catalogues: static tables, nothing to parse at start-up.
pub fn catalogues() -> &'static Catalogues {
    &CATALOGUES
}
