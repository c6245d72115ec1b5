//! `crosswalk`: the command-line interface over the Crosswalk engine, for scripts and CI.

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use crosswalk::catalog::{catalogues, CatalogueKind};
use crosswalk::export::{catalog::catalogue_table, Format};

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
        /// Which catalogue.
        catalogue: CatalogueArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Csv)]
        format: TableFormat,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum CatalogueArg {
    /// ISO/IEC 27001:2022 Annex A (93 controls with the ISO/IEC 27002:2022 attributes).
    AnnexA,
    /// ISO/IEC 27001:2022 clauses 4-10 (30 requirement-bearing items).
    Clauses,
    /// The 2017 Trust Services Criteria with the 2022 points of focus (61 criteria).
    Tsc,
    /// The SOC 2 description criteria DC1-DC9.
    Dc,
}

impl From<CatalogueArg> for CatalogueKind {
    fn from(arg: CatalogueArg) -> CatalogueKind {
        match arg {
            CatalogueArg::AnnexA => CatalogueKind::AnnexA,
            CatalogueArg::Clauses => CatalogueKind::Clauses,
            CatalogueArg::Tsc => CatalogueKind::Tsc,
            CatalogueArg::Dc => CatalogueKind::Dc,
        }
    }
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
    let cli = Cli::parse();
    match cli.command {
        Command::Catalog { catalogue, format } => {
            print!(
                "{}",
                catalogue_table(catalogues(), catalogue.into()).render(format.into())
            );
        }
    }
    ExitCode::SUCCESS
}
