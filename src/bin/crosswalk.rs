//! `crosswalk`: the command-line interface over the Crosswalk engine, for scripts and CI.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use crosswalk::catalog::{catalogues, CatalogueKind};
use crosswalk::crosswalk::coverage::{gaps, Scope};
use crosswalk::crosswalk::crosswalk;
use crosswalk::export::crosswalk::{
    gaps_table, map_table, oscal_mapping, unique_table, verdicts_table, INFORMATIVE_NOTICE,
};
use crosswalk::export::programme::{coverage_table, library_table};
use crosswalk::export::report::render_report;
use crosswalk::export::{catalog::catalogue_table, Format};
use crosswalk::plan::{FirstAudit, PlanInputs};
use crosswalk::programme::coverage::coverage;
use crosswalk::programme::library::library;
use crosswalk::programme::{import_json, parse_date, sample, Programme};
use crosswalk::report::ReportKind;

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
        /// For `plan`: which audit comes first.
        #[arg(long, value_enum, default_value_t = FirstArg::Iso)]
        first: FirstArg,
        /// For `plan`: when the plan starts (YYYY-MM-DD); defaults to 26 weeks before the SOC 2 report date or period.
        #[arg(long, value_parser = |text: &str| parse_date(text).map_err(|e| e.to_string()))]
        start: Option<chrono::NaiveDate>,
    },
    /// Print a programme's coverage of both frameworks.
    Coverage {
        /// The programme JSON file.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Csv)]
        format: TableFormat,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
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
            | Command::Unique { .. }
            | Command::Gaps { .. }
    ) {
        // Said once per export, on stderr so that stdout stays a clean CSV or JSON document.
        eprintln!("crosswalk: {INFORMATIVE_NOTICE}");
    }
    match run(command) {
        Ok(output) => match std::io::stdout().lock().write_all(output.as_bytes()) {
            // A reader that stops early (`| head`) is not an error.
            Ok(()) => ExitCode::SUCCESS,
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
    first: FirstArg,
    start: Option<chrono::NaiveDate>,
) -> Result<String, String> {
    let format = match format {
        ReportFormat::Csv => Format::Csv,
        ReportFormat::Json => Format::Json,
        ReportFormat::Md => Format::Markdown,
    };
    let first = match first {
        FirstArg::Iso => FirstAudit::Iso,
        FirstArg::Soc2 => FirstAudit::Soc2,
        FirstArg::Both => FirstAudit::Both,
    };
    let inputs = PlanInputs::for_programme(programme, first, start);
    render_report(kind, format, programme, catalogues(), crosswalk(), &inputs)
        .map_err(|e| e.to_string())
}

fn run(command: Command) -> Result<String, String> {
    let (catalogues, crosswalk) = (catalogues(), crosswalk());
    Ok(match command {
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
        Command::Verdicts { format } => verdicts_table(crosswalk).render(format.into()),
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
        Command::Report {
            file,
            kind,
            format,
            first,
            start,
        } => {
            let programme = read_programme(&file)?;
            report(&programme, kind, format, first, start)?
        }
        Command::Coverage { file, format } => {
            let programme = read_programme(&file)?;
            coverage_table(&coverage(&programme, catalogues, crosswalk)).render(format.into())
        }
    })
}
