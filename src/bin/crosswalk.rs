//! `crosswalk`: the command-line interface over the Crosswalk engine, for scripts and CI.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use crosswalk::catalog::{catalogues, CatalogueKind};
use crosswalk::crosswalk::coverage::{gaps, Scope};
use crosswalk::crosswalk::crosswalk;
use crosswalk::crosswalk::figures::figures_table;
use crosswalk::export::crosswalk::{
    gaps_table, map_table, oscal_mapping, unique_table, verdicts_table, INFORMATIVE_NOTICE,
};
use crosswalk::export::diff::diff_table;
use crosswalk::export::programme::{coverage_table, library_table};
use crosswalk::export::report::{programme_workbook, render_report, report_workbook};
use crosswalk::export::{catalog::catalogue_table, Format};
use crosswalk::plan::which_first::{Buyers, Deadline, Decision};
use crosswalk::plan::{FirstAudit, PlanInputs};
use crosswalk::programme::coverage::coverage;
use crosswalk::programme::diff::diff;
use crosswalk::programme::library::library;
use crosswalk::programme::merge::merge;
use crosswalk::programme::sheet_import::{ColumnMapping, RefusedRows, Register};
use crosswalk::programme::{export_json, import_json, parse_date, sample, Programme};
use crosswalk::report::ReportKind;
use crosswalk::sheet::read as read_sheet;

/// Run ISO/IEC 27001:2022 and SOC 2 as one programme, from the command line.
///
/// Output goes to stdout; errors go to stderr with exit status 2.
#[derive(Parser)]
#[command(name = "crosswalk", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print a reference catalogue.
    Catalog {
        /// Which catalogue: annex-a (93 controls), clauses (30 items), tsc (61 criteria) or dc (DC1-DC9).
        #[arg(value_parser = PossibleValuesParser::new(CatalogueKind::ALL.map(CatalogueKind::id))
            .try_map(|id| CatalogueKind::from_id(&id).ok_or("unknown catalogue")))]
        catalogue: CatalogueKind,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Csv)]
        format: TableFormat,
    },
    /// Print the ISO/IEC 27001 <-> Trust Services Criteria links (informative, not an equivalence guarantee).
    Map {
        /// Output format; `oscal` writes an OSCAL 1.2 mapping-collection.
        #[arg(long, value_enum, default_value_t = MapFormat::Csv)]
        format: MapFormat,
        /// Trust Services categories in scope, comma-separated (security is always in).
        #[arg(long, value_name = "LIST")]
        categories: Option<String>,
    },
    /// Print the verdict (full, partial, unique) on every ISO item and every criterion.
    Verdicts {
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Csv)]
        format: TableFormat,
    },
    /// Print the crosswalk in numbers: links per ISO group, criteria series, relationship and
    /// strength, and verdicts per framework.
    Figures {
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Csv)]
        format: TableFormat,
    },
    /// Print the register of obligations unique to one framework.
    Unique {
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Csv)]
        format: TableFormat,
    },
    /// Given the ISO items already implemented, print what remains for each in-scope criterion.
    Gaps {
        /// ISO refs already implemented, comma-separated (e.g. A.5.15,A.8.5,9.2.1).
        #[arg(long, value_name = "REFS", default_value = "")]
        implemented: String,
        /// Trust Services categories in scope, comma-separated (security is always in).
        #[arg(long, value_name = "LIST")]
        categories: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Csv)]
        format: TableFormat,
    },
    /// Print the starter library of unified control templates.
    Library {
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Csv)]
        format: TableFormat,
    },
    /// Print the sample programme of a fictional SaaS company (JSON).
    ExampleProgramme,
    /// Check a programme file: exit 0 if valid, else list every problem and exit 2.
    Validate {
        /// The programme JSON file.
        file: PathBuf,
    },
    /// Compare two versions of a programme: items added, removed and changed field by field, and
    /// the coverage change per framework. Exit 0 when they hold the same programme, 1 when they
    /// differ, 2 when a file cannot be read as a programme (as `diff` does).
    Diff {
        /// The older version (programme JSON).
        old: PathBuf,
        /// The newer version.
        new: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Md)]
        format: DiffFormat,
    },
    /// Three-way merge of programme files by item and field, as a git merge driver
    /// (`crosswalk merge %O %A %B`): the result is written to OURS. Exit 0 when it merged
    /// cleanly; 1 when a field was changed differently on both sides: each conflict is printed
    /// on stderr and OURS holds a valid programme with our values and the conflicts recorded
    /// for the app to resolve; 2 when a file cannot be read as a programme (OURS untouched).
    Merge {
        /// The common ancestor.
        base: PathBuf,
        /// Our version; receives the result.
        ours: PathBuf,
        /// Their version.
        theirs: PathBuf,
    },
    /// Print an audit artefact drawn from a programme.
    Report {
        /// The programme JSON file.
        file: PathBuf,
        /// Which artefact.
        #[arg(value_parser = PossibleValuesParser::new(ReportKind::ALL.map(ReportKind::id))
            .try_map(|id| ReportKind::from_id(&id).ok_or("unknown report")))]
        kind: ReportKind,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Csv)]
        format: ReportFormat,
        #[command(flatten)]
        planning: PlanArgs,
        /// Write to this file instead of standard output (needed for xlsx on a terminal).
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
    /// Write the whole programme as one workbook: a sheet per report and register.
    Workbook {
        /// The programme JSON file.
        file: PathBuf,
        /// The workbook to write (.xlsx).
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        #[command(flatten)]
        planning: PlanArgs,
    },
    /// Import unified controls from a spreadsheet (CSV or .xlsx) into a programme; a row whose
    /// id or exact name matches a control updates it, the others are added. Any row that cannot
    /// be taken refuses the whole file: exit 2, every problem with its row number, nothing written.
    ImportControls(SheetImportArgs),
    /// Import evidence items from a spreadsheet (CSV or .xlsx) into a programme; as
    /// import-controls, matching on id or exact title, linking controls by id or exact name.
    ImportEvidence(SheetImportArgs),
    /// Import Statement of Applicability decisions from a spreadsheet (CSV or .xlsx): one row
    /// per Annex A control, with applicable (yes/no), reasons, risk reference and justification.
    ImportApplicability(SheetImportArgs),
    /// Print a programme's coverage of both frameworks.
    Coverage {
        /// The programme JSON file.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Csv)]
        format: TableFormat,
    },
}

#[derive(clap::Args)]
struct SheetImportArgs {
    /// The spreadsheet: CSV (`,` `;` or tab; UTF-8, UTF-16 or Windows-1252) or an Excel workbook (first sheet).
    sheet: PathBuf,
    /// The programme JSON file to import into.
    #[arg(long, value_name = "PROGRAMME")]
    into: PathBuf,
    /// Where to write the programme with the rows imported (may be the --into file).
    #[arg(short = 'o', long = "output")]
    output: PathBuf,
    /// Column choices over the guess, as field=Header pairs (e.g. name=Control,iso=Annex A); `field=` imports nothing into it.
    #[arg(long, value_name = "CHOICES", default_value = "")]
    columns: String,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Csv,
    Json,
    Md,
    Xlsx,
}

/// What the planner is told, for `plan`, `which-first` and the workbook's sheets of them.
#[derive(clap::Args)]
struct PlanArgs {
    /// For `plan`: which audit comes first.
    #[arg(long, value_enum, default_value_t = FirstArg::Iso)]
    first: FirstArg,
    /// For `plan` and `which-first`: when the plan starts (YYYY-MM-DD); defaults to 26 weeks before the SOC 2 report date or period.
    #[arg(long, value_parser = |text: &str| parse_date(text).map_err(|e| e.to_string()))]
    start: Option<chrono::NaiveDate>,
    /// For `which-first`: where the buyers mostly are.
    #[arg(long, value_enum, default_value_t = BuyersArg::Global)]
    buyers: BuyersArg,
    /// For `which-first`: a customer deadline, soc2:YYYY-MM-DD (a SOC 2 report) or iso:YYYY-MM-DD (a certificate).
    #[arg(long, value_parser = |text: &str| Deadline::parse(text))]
    deadline: Option<Deadline>,
    /// For `which-first`: a SOC 2 Type 1 report first would satisfy the buyers.
    #[arg(long)]
    type1_ok: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum BuyersArg {
    Us,
    Eu,
    Global,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Csv,
    Json,
    Md,
}

#[derive(Clone, Copy, ValueEnum)]
enum FirstArg {
    Iso,
    Soc2,
    Both,
}

#[derive(Clone, Copy, ValueEnum)]
enum MapFormat {
    Csv,
    Json,
    Oscal,
}

#[derive(Clone, Copy, ValueEnum)]
enum TableFormat {
    Csv,
    Json,
}

impl From<TableFormat> for Format {
    fn from(format: TableFormat) -> Format {
        match format {
            TableFormat::Csv => Format::Csv,
            TableFormat::Json => Format::Json,
        }
    }
}

fn main() -> ExitCode {
    let command = Cli::parse().command;
    if matches!(
        command,
        Command::Map { .. }
            | Command::Verdicts { .. }
            | Command::Figures { .. }
            | Command::Unique { .. }
            | Command::Gaps { .. }
    ) {
        // Said once per export, on stderr so that stdout stays a clean CSV or JSON document.
        eprintln!("crosswalk: {INFORMATIVE_NOTICE}");
    }
    match run(command) {
        Ok(Outcome { stdout, status }) => match std::io::stdout().lock().write_all(&stdout) {
            // A reader that stops early (`| head`) is not an error.
            Ok(()) => ExitCode::from(status),
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("crosswalk: cannot write the output: {error}");
                ExitCode::from(2)
            }
        },
        Err(message) => {
            eprintln!("crosswalk: {message}");
            ExitCode::from(2)
        }
    }
}

/// What a command gives back: the bytes for standard output and the exit status (0, or 1 when
/// `diff` finds a difference or `merge` leaves conflicts).
struct Outcome {
    stdout: Vec<u8>,
    status: u8,
}

impl From<Vec<u8>> for Outcome {
    fn from(stdout: Vec<u8>) -> Outcome {
        Outcome { stdout, status: 0 }
    }
}

/// `crosswalk diff`: the comparison, with an exit status that says whether anything differs, so
/// scripts can test it as they test `diff`.
fn compare(old: &Path, new: &Path, format: DiffFormat) -> Result<Outcome, String> {
    let (old, new) = (read_programme(old)?, read_programme(new)?);
    let difference = diff(&old, &new, catalogues(), crosswalk());
    let text = match format {
        DiffFormat::Json => {
            let mut text = serde_json::to_string_pretty(&difference).expect("a diff serialises");
            text.push('\n');
            text
        }
        DiffFormat::Csv => diff_table(&difference).render(Format::Csv),
        DiffFormat::Md => diff_table(&difference).render(Format::Markdown),
    };
    if !difference.is_empty() {
        let (added, removed, changed) = difference.counts();
        eprintln!("crosswalk: {added} added, {removed} removed, {changed} changed");
    }
    Ok(Outcome {
        stdout: text.into_bytes(),
        status: u8::from(!difference.is_empty()),
    })
}

/// `crosswalk merge`: the merged programme written over OURS, the conflicts on stderr.
fn merge_files(base: &Path, ours_path: &Path, theirs: &Path) -> Result<Outcome, String> {
    let (base, ours, theirs) = (
        read_programme(base)?,
        read_programme(ours_path)?,
        read_programme(theirs)?,
    );
    let merged = merge(&base, &ours, &theirs);
    std::fs::write(ours_path, export_json(&merged.programme))
        .map_err(|e| format!("cannot write {}: {e}", ours_path.display()))?;
    for (register, old, new) in &merged.renumbered {
        eprintln!(
            "crosswalk: {} {old} added on both sides: theirs is now {new}",
            register.id()
        );
    }
    for conflict in &merged.conflicts {
        eprintln!("crosswalk: conflict: {}", conflict.describe());
    }
    Ok(Outcome {
        stdout: Vec::new(),
        status: u8::from(!merged.conflicts.is_empty()),
    })
}

fn scope(categories: Option<&str>) -> Result<Scope, String> {
    Scope::parse_list(categories.unwrap_or_default()).map_err(|e| e.to_string())
}

fn read_programme(file: &Path) -> Result<Programme, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    import_json(&bytes).map_err(|e| format!("{}: {e}", file.display()))
}

fn report(
    programme: &Programme,
    kind: ReportKind,
    format: ReportFormat,
    planning: &PlanArgs,
) -> Result<Vec<u8>, String> {
    let format = match format {
        ReportFormat::Csv => Format::Csv,
        ReportFormat::Json => Format::Json,
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Xlsx => {
            return report_workbook(
                kind,
                programme,
                catalogues(),
                crosswalk(),
                &plan_inputs(programme, planning),
            )
            .map_err(|e| e.to_string());
        }
    };
    render_report(
        kind,
        format,
        programme,
        catalogues(),
        crosswalk(),
        &plan_inputs(programme, planning),
    )
    .map(String::into_bytes)
    .map_err(|e| e.to_string())
}

fn plan_inputs(programme: &Programme, planning: &PlanArgs) -> PlanInputs {
    let first = match planning.first {
        FirstArg::Iso => FirstAudit::Iso,
        FirstArg::Soc2 => FirstAudit::Soc2,
        FirstArg::Both => FirstAudit::Both,
    };
    let mut inputs = PlanInputs::for_programme(programme, first, planning.start);
    inputs.decision = Decision {
        buyers: match planning.buyers {
            BuyersArg::Us => Buyers::MostlyUs,
            BuyersArg::Eu => Buyers::MostlyEu,
            BuyersArg::Global => Buyers::Global,
        },
        deadline: planning.deadline,
        type1_acceptable: planning.type1_ok,
    };
    inputs
}

/// Writes bytes to `output`, or returns them for standard output. A workbook is binary, so it
/// is refused on a terminal: it would only garble the screen.
fn deliver(bytes: Vec<u8>, output: Option<PathBuf>, binary: bool) -> Result<Vec<u8>, String> {
    match output {
        Some(path) => {
            std::fs::write(&path, &bytes)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Ok(Vec::new())
        }
        None if binary && std::io::stdout().is_terminal() => Err(
            "a workbook is binary and is not written to a terminal: give -o FILE.xlsx".to_owned(),
        ),
        None => Ok(bytes),
    }
}

/// Imports a spreadsheet into a programme file and writes the result; says which column fed
/// which field and what each row became.
fn import_sheet(register: Register, args: SheetImportArgs) -> Result<String, String> {
    let SheetImportArgs {
        sheet,
        into,
        output,
        columns,
    } = args;
    let mut programme = read_programme(&into)?;
    let bytes =
        std::fs::read(&sheet).map_err(|e| format!("cannot read {}: {e}", sheet.display()))?;
    let rows = read_sheet(&bytes).map_err(|e| format!("{}: {e}", sheet.display()))?;
    let mapping = ColumnMapping::with_choices(register, &rows.headers, &columns)
        .map_err(|e| format!("--columns: {e}"))?;
    let used: Vec<String> = mapping
        .fields()
        .iter()
        .filter_map(|(field, column)| {
            column.map(|c| format!("{} <- {:?}", field.id(), rows.headers[c]))
        })
        .collect();
    let summary = programme
        .import_sheet(&rows, &mapping, RefusedRows::Stop)
        .map_err(|e| format!("{}: {e}", sheet.display()))?;
    std::fs::write(&output, export_json(&programme))
        .map_err(|e| format!("cannot write {}: {e}", output.display()))?;
    Ok(format!(
        "columns: {}\nadded {} {}(s){}; updated {}{}; wrote {}\n",
        used.join(", "),
        summary.added.len(),
        register.item(),
        listed(&summary.added),
        summary.updated.len(),
        listed(&summary.updated),
        output.display()
    ))
}

fn listed(ids: &[String]) -> String {
    if ids.is_empty() {
        String::new()
    } else {
        format!(" ({})", ids.join(", "))
    }
}

/// Runs a command: the bytes for standard output and the exit status, or what went wrong.
fn run(command: Command) -> Result<Outcome, String> {
    let (catalogues, crosswalk) = (catalogues(), crosswalk());
    let text = match command {
        Command::Diff { old, new, format } => return compare(&old, &new, format),
        Command::Merge { base, ours, theirs } => return merge_files(&base, &ours, &theirs),
        Command::Report {
            file,
            kind,
            format,
            planning,
            output,
        } => {
            let programme = read_programme(&file)?;
            let bytes = report(&programme, kind, format, &planning)?;
            return deliver(bytes, output, matches!(format, ReportFormat::Xlsx)).map(Outcome::from);
        }
        Command::Workbook {
            file,
            output,
            planning,
        } => {
            let programme = read_programme(&file)?;
            let inputs = plan_inputs(&programme, &planning);
            let bytes = programme_workbook(&programme, catalogues, crosswalk, &inputs)
                .map_err(|e| e.to_string())?;
            return deliver(bytes, Some(output), true).map(Outcome::from);
        }
        Command::Catalog { catalogue, format } => {
            catalogue_table(catalogues, catalogue).render(format.into())
        }
        Command::Map { format, categories } => {
            let scope = scope(categories.as_deref())?;
            match format {
                MapFormat::Csv => map_table(crosswalk, catalogues, &scope).to_csv(),
                MapFormat::Json => map_table(crosswalk, catalogues, &scope).to_json(),
                MapFormat::Oscal => oscal_mapping(crosswalk, catalogues, &scope),
            }
        }
        Command::Verdicts { format } => verdicts_table(crosswalk, catalogues).render(format.into()),
        Command::Figures { format } => figures_table(crosswalk, catalogues).render(format.into()),
        Command::Unique { format } => unique_table(crosswalk).render(format.into()),
        Command::Gaps {
            implemented,
            categories,
            format,
        } => {
            let scope = scope(categories.as_deref())?;
            let implemented: Vec<String> = implemented
                .split(',')
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_owned)
                .collect();
            let gaps =
                gaps(crosswalk, catalogues, &scope, &implemented).map_err(|e| e.to_string())?;
            gaps_table(&gaps).render(format.into())
        }
        Command::Library { format } => library_table(library()).render(format.into()),
        Command::ExampleProgramme => sample::SAMPLE_JSON.to_owned(),
        Command::Validate { file } => {
            let programme = read_programme(&file)?;
            format!(
                "{}: valid programme for {} ({} unified controls, {} evidence items)\n",
                file.display(),
                programme.scope.organisation,
                programme.controls.len(),
                programme.evidence.len()
            )
        }
        Command::ImportControls(args) => import_sheet(Register::Controls, args)?,
        Command::ImportEvidence(args) => import_sheet(Register::Evidence, args)?,
        Command::ImportApplicability(args) => import_sheet(Register::Applicability, args)?,
        Command::Coverage { file, format } => {
            let programme = read_programme(&file)?;
            coverage_table(&coverage(&programme, catalogues, crosswalk)).render(format.into())
        }
    };
    Ok(text.into_bytes().into())
}
