//! Which spreadsheet column feeds which field: guessed from the headers people write, shown to
//! the user, and changed by them before anything is imported.

/// What a sheet is imported into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Register {
    /// Unified controls.
    Controls,
    /// Evidence items.
    Evidence,
    /// Statement of Applicability decisions (one per Annex A control, updated in place).
    Applicability,
}

impl Register {
    /// The fields a sheet can fill, in the order the preview shows them.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Register::Controls => &[
                Field::Id,
                Field::Name,
                Field::Description,
                Field::Owner,
                Field::Status,
                Field::Iso,
                Field::Tsc,
            ],
            Register::Evidence => &[
                Field::Id,
                Field::Title,
                Field::Kind,
                Field::Owner,
                Field::Cadence,
                Field::Location,
                Field::Collected,
                Field::PeriodStart,
                Field::PeriodEnd,
                Field::Controls,
            ],
            Register::Applicability => &[
                Field::Control,
                Field::Applicable,
                Field::Reasons,
                Field::RiskReference,
                Field::Justification,
            ],
        }
    }

    /// The field every row must fill.
    pub fn required(self) -> Field {
        match self {
            Register::Controls => Field::Name,
            Register::Evidence => Field::Title,
            Register::Applicability => Field::Control,
        }
    }

    /// The id used in the app's routes and the CLI.
    pub fn id(self) -> &'static str {
        match self {
            Register::Controls => "controls",
            Register::Evidence => "evidence",
            Register::Applicability => "applicability",
        }
    }

    /// What one row becomes, for messages.
    pub fn item(self) -> &'static str {
        match self {
            Register::Controls => "unified control",
            Register::Evidence => "evidence item",
            Register::Applicability => "SoA decision",
        }
    }
}

/// A field of a unified control or an evidence item that a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// A Crosswalk id (`UC-003`, `EV-012`): the row updates that item.
    Id,
    /// A control's name.
    Name,
    /// A control's description.
    Description,
    /// Who answers for it.
    Owner,
    /// A control's status.
    Status,
    /// ISO/IEC 27001 refs.
    Iso,
    /// Trust Services Criteria refs.
    Tsc,
    /// An evidence item's title.
    Title,
    /// An evidence item's kind.
    Kind,
    /// How often evidence is produced.
    Cadence,
    /// Where evidence is kept.
    Location,
    /// The days evidence was collected.
    Collected,
    /// The first day evidence covers.
    PeriodStart,
    /// The last day evidence covers.
    PeriodEnd,
    /// The unified controls evidence supports.
    Controls,
    /// The Annex A control an SoA decision is about.
    Control,
    /// Whether the Annex A control is included.
    Applicable,
    /// The kinds of reason for the decision.
    Reasons,
    /// The risk the decision treats.
    RiskReference,
    /// Why, in the user's words.
    Justification,
}

impl Field {
    /// The id used by the CLI's `--columns` (and the headers of Crosswalk's own exports).
    pub fn id(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Name => "name",
            Field::Description => "description",
            Field::Owner => "owner",
            Field::Status => "status",
            Field::Iso => "iso",
            Field::Tsc => "tsc",
            Field::Title => "title",
            Field::Kind => "kind",
            Field::Cadence => "cadence",
            Field::Location => "location",
            Field::Collected => "collected",
            Field::PeriodStart => "period_start",
            Field::PeriodEnd => "period_end",
            Field::Controls => "controls",
            Field::Control => "control",
            Field::Applicable => "applicable",
            Field::Reasons => "reasons",
            Field::RiskReference => "risk_reference",
            Field::Justification => "justification",
        }
    }

    /// A display label.
    pub fn label(self) -> &'static str {
        match self {
            Field::Id => "Crosswalk id",
            Field::Name => "Name",
            Field::Description => "Description",
            Field::Owner => "Owner",
            Field::Status => "Status",
            Field::Iso => "ISO/IEC 27001 refs",
            Field::Tsc => "SOC 2 criteria",
            Field::Title => "Title",
            Field::Kind => "Kind",
            Field::Cadence => "Frequency",
            Field::Location => "Location",
            Field::Collected => "Collected on",
            Field::PeriodStart => "Period start",
            Field::PeriodEnd => "Period end",
            Field::Controls => "Unified controls",
            Field::Control => "Annex A control",
            Field::Applicable => "Applicable",
            Field::Reasons => "Reasons",
            Field::RiskReference => "Risk reference",
            Field::Justification => "Justification",
        }
    }

    /// Headers that name this field, normalised by [`normalise`].
    fn headers(self) -> &'static [&'static str] {
        match self {
            Field::Id => &[
                "id",
                "crosswalk id",
                "control id",
                "unified control id",
                "evidence id",
                "uc id",
                "ev id",
                "identifier",
            ],
            Field::Name => &[
                "name",
                "control",
                "control name",
                "title",
                "control title",
                "unified control",
                "unified control name",
            ],
            Field::Description => &[
                "description",
                "control description",
                "details",
                "detail",
                "activity",
                "control activity",
                "narrative",
                "summary",
                "implementation",
            ],
            Field::Owner => &[
                "owner",
                "control owner",
                "evidence owner",
                "responsible",
                "accountable",
                "assignee",
                "owned by",
                "produced by",
                "collected by",
            ],
            Field::Status => &["status", "state", "implementation status", "progress"],
            Field::Iso => &[
                "iso",
                "iso 27001",
                "iso 27001 2022",
                "iso iec 27001",
                "iso ref",
                "iso refs",
                "iso reference",
                "iso references",
                "iso control",
                "iso controls",
                "annex a",
                "annex a control",
                "annex a controls",
                "iso clause",
                "iso clauses",
            ],
            Field::Tsc => &[
                "tsc",
                "tsc ref",
                "tsc refs",
                "soc 2",
                "soc2",
                "soc 2 criteria",
                "soc 2 tsc",
                "criteria",
                "criterion",
                "trust services criteria",
                "common criteria",
                "soc 2 ref",
                "soc 2 refs",
            ],
            Field::Title => &[
                "title",
                "evidence",
                "name",
                "evidence name",
                "evidence title",
                "evidence item",
                "artefact",
                "artifact",
                "document",
                "item",
            ],
            Field::Kind => &["kind", "type", "evidence type", "evidence kind", "category"],
            Field::Cadence => &[
                "cadence",
                "frequency",
                "how often",
                "periodicity",
                "interval",
                "collection frequency",
            ],
            Field::Location => &[
                "location",
                "link",
                "url",
                "path",
                "where",
                "stored",
                "stored at",
                "storage",
                "repository",
                "where stored",
                "evidence location",
            ],
            Field::Collected => &[
                "collected",
                "collected on",
                "date collected",
                "dates collected",
                "collection date",
                "collection dates",
                "last collected",
                "date",
            ],
            Field::PeriodStart => &["period start", "start", "start date", "from", "covers from"],
            Field::PeriodEnd => &["period end", "end", "end date", "to", "until", "covers to"],
            Field::Controls => &[
                "controls",
                "control",
                "unified controls",
                "control ids",
                "supports",
                "mapped controls",
                "linked controls",
                "controls supported",
            ],
            Field::Control => &[
                "control",
                "annex a",
                "annex a control",
                "annex a ref",
                "control ref",
                "ref",
                "iso ref",
                "iso control",
                "id",
            ],
            Field::Applicable => &[
                "applicable",
                "applicability",
                "included",
                "include",
                "in scope",
                "selected",
            ],
            Field::Reasons => &[
                "reasons",
                "reason",
                "reason for selection",
                "reasons for selection",
                "basis",
                "selection basis",
                "justification type",
            ],
            Field::RiskReference => &[
                "risk reference",
                "risk ref",
                "risk",
                "risk id",
                "risk ids",
                "risks",
            ],
            Field::Justification => &[
                "justification",
                "rationale",
                "comment",
                "comments",
                "why",
                "justification for inclusion or exclusion",
                "notes",
            ],
        }
    }

    /// Words that, inside a longer header, still name this field (`ISO 27001:2022 control ref`).
    fn keywords(self) -> &'static [&'static str] {
        match self {
            Field::Iso => &["iso", "annex", "27001"],
            Field::Tsc => &["soc", "tsc", "criteria", "trust services"],
            _ => &[],
        }
    }
}

/// A header lowercased, with every run of punctuation and spaces made one space.
fn normalise(header: &str) -> String {
    header
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The column, if any, that feeds each field of a register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMapping {
    register: Register,
    columns: Vec<(Field, Option<usize>)>,
}

/// Why a `--columns` list was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ColumnsError {
    /// A field the register does not have.
    #[error("{field:?} is not a field of a {item}; use one of: {fields}")]
    UnknownField {
        /// As written.
        field: String,
        /// What the register holds.
        item: &'static str,
        /// The fields it has.
        fields: String,
    },
    /// A header the sheet does not have.
    #[error("the sheet has no column {header:?}; its columns are: {headers}")]
    UnknownHeader {
        /// As written.
        header: String,
        /// The sheet's headers.
        headers: String,
    },
    /// Not `field=Header`.
    #[error("{0:?} is not of the form field=Header")]
    Malformed(String),
}

impl ColumnMapping {
    /// The mapping guessed from the headers: each field takes the first column whose header
    /// names it, then, for the ISO and SOC 2 refs, the first one whose header mentions it.
    /// A column feeds at most one field.
    ///
    /// # Example
    /// ```
    /// use crosswalk::programme::sheet_import::{ColumnMapping, Field, Register};
    /// let headers = ["Control", "Control description", "Owner", "ISO 27001:2022 ref", "SOC 2"]
    ///     .map(String::from);
    /// let mapping = ColumnMapping::guess(Register::Controls, &headers);
    /// assert_eq!(mapping.column(Field::Name), Some(0));
    /// assert_eq!(mapping.column(Field::Iso), Some(3));
    /// assert_eq!(mapping.column(Field::Tsc), Some(4));
    /// assert_eq!(mapping.column(Field::Status), None);
    /// ```
    pub fn guess(register: Register, headers: &[String]) -> ColumnMapping {
        let normalised: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
        let mut mapping = ColumnMapping {
            register,
            columns: register.fields().iter().map(|&f| (f, None)).collect(),
        };
        let named = |field: Field, header: &str| field.headers().contains(&header);
        let mentioned =
            |field: Field, header: &str| field.keywords().iter().any(|k| header.contains(k));
        for matches in [named, mentioned] {
            for index in 0..mapping.columns.len() {
                let field = mapping.columns[index].0;
                if mapping.columns[index].1.is_some() {
                    continue;
                }
                let free = (0..normalised.len()).find(|&column| {
                    matches(field, &normalised[column]) && mapping.field_of(column).is_none()
                });
                mapping.columns[index].1 = free;
            }
        }
        mapping
    }

    /// The guess, then the user's choices written `field=Header,field=Header` (a field with
    /// nothing after `=` is not imported). Headers are matched without regard to case.
    pub fn with_choices(
        register: Register,
        headers: &[String],
        choices: &str,
    ) -> Result<ColumnMapping, ColumnsError> {
        let mut mapping = ColumnMapping::guess(register, headers);
        for choice in choices.split(',').filter(|c| !c.trim().is_empty()) {
            let (field, header) = choice
                .split_once('=')
                .ok_or_else(|| ColumnsError::Malformed(choice.trim().to_owned()))?;
            let field = register
                .fields()
                .iter()
                .copied()
                .find(|f| f.id() == field.trim())
                .ok_or_else(|| ColumnsError::UnknownField {
                    field: field.trim().to_owned(),
                    item: register.item(),
                    fields: register
                        .fields()
                        .iter()
                        .map(|f| f.id())
                        .collect::<Vec<_>>()
                        .join(", "),
                })?;
            let header = header.trim();
            let column = if header.is_empty() {
                None
            } else {
                Some(
                    headers
                        .iter()
                        .position(|h| h.trim().eq_ignore_ascii_case(header))
                        .ok_or_else(|| ColumnsError::UnknownHeader {
                            header: header.to_owned(),
                            headers: headers.join(", "),
                        })?,
                )
            };
            mapping.set(field, column);
        }
        Ok(mapping)
    }

    /// The register this mapping imports into.
    pub fn register(&self) -> Register {
        self.register
    }

    /// The column feeding `field`.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .and_then(|(_, c)| *c)
    }

    /// The field a column feeds.
    pub fn field_of(&self, column: usize) -> Option<Field> {
        self.columns
            .iter()
            .find(|(_, c)| *c == Some(column))
            .map(|(f, _)| *f)
    }

    /// Every field with its column, in the register's order.
    pub fn fields(&self) -> &[(Field, Option<usize>)] {
        &self.columns
    }

    /// Feeds `field` from `column` (or from nothing); a column taken from another field leaves
    /// that field without one, so a column never feeds two fields.
    pub fn set(&mut self, field: Field, column: Option<usize>) {
        for (f, c) in &mut self.columns {
            if *f == field {
                *c = column;
            } else if column.is_some() && *c == column {
                *c = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guess(register: Register, headers: &[&str]) -> Vec<(&'static str, &'static str)> {
        let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        let mapping = ColumnMapping::guess(register, &headers);
        mapping
            .fields()
            .iter()
            .filter_map(|(f, c)| {
                c.map(|c| {
                    (
                        f.id(),
                        ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"][c],
                    )
                })
            })
            .collect()
    }

    #[test]
    fn headers_people_write_are_recognised() {
        assert_eq!(
            guess(
                Register::Controls,
                &[
                    "Control ID",
                    "Control name",
                    "Details",
                    "Owner",
                    "State",
                    "Annex A",
                    "TSC"
                ]
            ),
            [
                ("id", "A"),
                ("name", "B"),
                ("description", "C"),
                ("owner", "D"),
                ("status", "E"),
                ("iso", "F"),
                ("tsc", "G")
            ]
        );
        assert_eq!(
            guess(
                Register::Controls,
                &["Title", "ISO ref", "Criteria", "Notes"]
            ),
            [("name", "A"), ("iso", "B"), ("tsc", "C")]
        );
        assert_eq!(
            guess(
                Register::Evidence,
                &[
                    "Evidence",
                    "Type",
                    "Frequency",
                    "Location",
                    "Control",
                    "Owner"
                ]
            ),
            [
                ("title", "A"),
                ("kind", "B"),
                ("owner", "F"),
                ("cadence", "C"),
                ("location", "D"),
                ("controls", "E")
            ]
        );
    }

    #[test]
    fn crosswalk_exports_map_onto_themselves() {
        let controls = [
            "id",
            "name",
            "description",
            "owner",
            "status",
            "iso_refs",
            "tsc_refs",
            "residuals_handled",
        ];
        assert_eq!(guess(Register::Controls, &controls).len(), 7);
        let evidence = [
            "id",
            "title",
            "kind",
            "owner",
            "cadence",
            "location",
            "collected",
            "period_start",
            "period_end",
            "controls",
        ];
        assert_eq!(guess(Register::Evidence, &evidence).len(), 10);
    }

    #[test]
    fn choices_override_the_guess_and_a_column_feeds_one_field() {
        let headers: Vec<String> = ["Control", "Description", "Annex A"]
            .map(String::from)
            .to_vec();
        let mapping =
            ColumnMapping::with_choices(Register::Controls, &headers, "description=control, name=")
                .expect("valid");
        assert_eq!(mapping.column(Field::Description), Some(0));
        assert_eq!(mapping.column(Field::Name), None);
        assert!(matches!(
            ColumnMapping::with_choices(Register::Controls, &headers, "iso=Nope"),
            Err(ColumnsError::UnknownHeader { .. })
        ));
        assert!(matches!(
            ColumnMapping::with_choices(Register::Controls, &headers, "cadence=Control"),
            Err(ColumnsError::UnknownField { .. })
        ));
    }
}
