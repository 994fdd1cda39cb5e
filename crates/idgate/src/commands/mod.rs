//! One module per subcommand.

mod approve;
mod check;
mod demo;
mod eval;
mod gate;
mod history;
mod hooks;
mod ledger;
mod manual;
mod provenance;
mod rollback;
mod rules;
mod serve;

use anyhow::Result;

use crate::cli::{Cli, Command};

/// Run a parsed command line; the result is the exit code.
pub(crate) fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Check(args) => check::check(&args),
        Command::Scan(args) => check::scan(&args),
        Command::Rules(args) => rules::list(&args),
        Command::Explain { rule } => rules::explain(&rule),
        Command::Provenance(args) => provenance::provenance(&args),
        Command::History(args) => history::history(&args),
        Command::RollbackPlan(args) => rollback::rollback_plan(&args),
        Command::EvalSecrets(args) => rules::eval_secrets(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Approve(args) => approve::approve(&args),
        Command::Waive(args) => approve::waive(&args),
        Command::Init(args) if args.hooks => hooks::install(&args),
        Command::Init(args) => approve::init(&args),
        Command::Demo(args) => demo::demo(&args),
        Command::Ledger(args) => ledger::ledger(&args),
        Command::Completions { shell } => manual::completions(shell),
        Command::Man { dir } => manual::man(dir.as_deref()),
        Command::Serve(args) => serve::serve(&args),
    }
}
