//! Command-line definitions (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// idgate: a merge gate for AI-written identity logic.
///
/// Finds changes that touch authentication and authorization, tells who made them, reports what
/// got weaker, and decides: allow, review or block.
#[derive(Debug, Parser)]
#[command(name = "idgate", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Judge one change set (a commit range, the index, the working tree or a patch).
    Check(CheckArgs),
    /// Run the state rules over files and trees, with no diff.
    Scan(ScanArgs),
    /// List the rules.
    Rules(RulesArgs),
    /// Print one rule's documentation.
    Explain {
        /// Rule code (IDG101) or name (pyjwt-verification-disabled).
        rule: String,
    },
    /// Who or what authored each commit of a range, with evidence and signature status.
    Provenance(ProvenanceCmd),
    /// Audit a repository's history: every commit's provenance, identity files and findings,
    /// and a summary by actor, category and month.
    History(HistoryArgs),
    /// What to revert, rotate and revoke to undo the identity changes of a range.
    RollbackPlan(RollbackArgs),
    /// Score the secrets detector on a labelled corpus (the built-in one by default).
    EvalSecrets(EvalSecretsArgs),
    /// Score the rules on a labelled corpus of files and before/after pairs: precision and
    /// recall per category, language and rule.
    Eval(EvalArgs),
    /// Sign an approval of a change (sshsig, namespace idgate-approval) and record it as a git
    /// note on the head commit (refs/notes/idgate).
    Approve(ApproveArgs),
    /// Sign a reasoned, expiring waiver for findings of a change and record it like an approval.
    Waive(WaiveArgs),
    /// Write a documented starter policy (.idgate/policy.toml) and an allowed-signers template;
    /// with --hooks, install a git pre-commit hook that runs `idgate check --staged` instead.
    Init(InitArgs),
    /// Build a sample repository with an AI agent's weakening commit and check it.
    Demo(DemoArgs),
    /// The tamper-evident ledger of evaluations, approvals and waivers: verify, log, export, seal.
    Ledger(LedgerCmd),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) of idgate, or with --dir write one page per command.
    Man {
        /// Write idgate.1 and idgate-<command>.1 for every subcommand into DIR.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Serve the HTTP API and the dashboard over the ledger.
    Serve(ServeArgs),
}

/// `idgate serve`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Address to listen on (port 0 picks a free port; the address is printed on stderr).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub(crate) listen: String,
    /// The ledger: sqlite://PATH or postgres://USER:PASSWORD@HOST:PORT/DB. Default: the
    /// configuration's `ledger`, else sqlite://.idgate-ledger.sqlite3 in the current directory.
    #[arg(
        long,
        env = "IDGATE_LEDGER",
        value_name = "URL",
        hide_env_values = true
    )]
    pub(crate) ledger: Option<String>,
    /// The server configuration (TOML): tokens (SHA-256 hashes) and scopes, repositories,
    /// webhook secret, limits. Without one, no request is served.
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<std::path::PathBuf>,
}

/// How commits are attributed (shared by `check` and `provenance`).
#[derive(Debug, Args)]
pub(crate) struct AttributionArgs {
    /// The branch the change comes from; agent branch prefixes (`claude/`, `codex/`, …) then
    /// count. Default: the CI's variables (GITHUB_HEAD_REF, CI_MERGE_REQUEST_SOURCE_BRANCH_NAME, …).
    #[arg(long, value_name = "NAME")]
    pub(crate) branch: Option<String>,
    /// An allowed-signers file (git's format) to verify SSH commit signatures against.
    /// Default: `.idgate/allowed_signers` of the base revision, if present.
    #[arg(long, value_name = "FILE")]
    pub(crate) allowed_signers: Option<PathBuf>,
    /// Agent Trace records (JSON Lines) for line-level attribution. Default:
    /// `.agent-trace/traces.jsonl` of the head revision, if present.
    #[arg(long, value_name = "FILE")]
    pub(crate) agent_trace: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct ProvenanceCmd {
    /// The repository (any directory inside it).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub(crate) repo: PathBuf,
    /// `BASE..HEAD`, or one revision for all of its history.
    #[arg(default_value = "HEAD")]
    pub(crate) range: String,
    /// Output format: a table, or one JSON document streamed commit by commit.
    #[arg(long, value_enum, default_value_t = ProvenanceFormat::Text)]
    pub(crate) format: ProvenanceFormat,
    /// Write to FILE instead of standard output (written whole or not at all).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// No progress display.
    #[arg(long, short = 'q')]
    pub(crate) quiet: bool,
    #[command(flatten)]
    pub(crate) attribution: AttributionArgs,
}

/// Which change a signed statement is about, and who signs it.
#[derive(Debug, Args)]
pub(crate) struct SignArgs {
    /// The repository (any directory inside it).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub(crate) repo: PathBuf,
    /// Base revision. Default: as for `check`.
    #[arg(long, value_name = "REV")]
    pub(crate) base: Option<String>,
    /// Head revision.
    #[arg(long, value_name = "REV", default_value = "HEAD")]
    pub(crate) head: String,
    /// Your SSH private key (OpenSSH format, not passphrase-protected; ed25519 or ecdsa).
    #[arg(long, value_name = "FILE")]
    pub(crate) key: PathBuf,
    /// Your principal (e-mail) as the base's allowed-signers file lists it.
    #[arg(long, value_name = "EMAIL")]
    pub(crate) principal: String,
    /// How long the statement counts: 90m, 12h, 30d, 2w.
    #[arg(long, value_name = "DURATION")]
    pub(crate) expires: Option<String>,
    #[command(flatten)]
    pub(crate) record: RecordArgs,
}

#[derive(Debug, Args)]
pub(crate) struct ApproveArgs {
    #[command(flatten)]
    pub(crate) sign: SignArgs,
    #[command(flatten)]
    pub(crate) attribution: AttributionArgs,
}

#[derive(Debug, Args)]
pub(crate) struct WaiveArgs {
    #[command(flatten)]
    pub(crate) sign: SignArgs,
    /// The rule waived (code or name).
    #[arg(long, value_name = "RULE")]
    pub(crate) rule: Option<String>,
    /// A glob of paths the waiver covers.
    #[arg(long, value_name = "GLOB")]
    pub(crate) path: Option<String>,
    /// The one finding the waiver covers.
    #[arg(long, value_name = "FINGERPRINT")]
    pub(crate) fingerprint: Option<String>,
    /// Why the finding is acceptable (required).
    #[arg(long, value_name = "TEXT")]
    pub(crate) reason: String,
    #[command(flatten)]
    pub(crate) attribution: AttributionArgs,
}

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// The repository's root.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub(crate) repo: PathBuf,
    /// Install a pre-commit hook (in this clone's hooks directory, honouring core.hooksPath)
    /// that runs `idgate check --staged`, instead of writing the policy files. A hook that
    /// idgate did not write is kept unless --force is given (it is then saved beside the new
    /// one as pre-commit.before-idgate).
    #[arg(long)]
    pub(crate) hooks: bool,
    /// Overwrite existing files.
    #[arg(long)]
    pub(crate) force: bool,
}

#[derive(Debug, Args)]
pub(crate) struct HistoryArgs {
    /// The repository (any directory inside it).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub(crate) repo: PathBuf,
    /// Audit only the commits after REV (default: the whole history).
    #[arg(long, value_name = "REV")]
    pub(crate) since: Option<String>,
    /// The newest commit to audit.
    #[arg(long, value_name = "REV", default_value = "HEAD")]
    pub(crate) head: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = HistoryFormat::Text)]
    pub(crate) format: HistoryFormat,
    /// Write to FILE instead of standard output (written whole or not at all).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// No progress display.
    #[arg(long, short = 'q')]
    pub(crate) quiet: bool,
    /// Worker threads (default: the number of CPUs).
    #[arg(long, value_name = "N")]
    pub(crate) jobs: Option<usize>,
    /// Run only these rules: codes (`IDG201`), names (`hardcoded-credential`) or categories
    /// (`hardcoded-secret`), comma-separated or repeated. Default: every rule.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub(crate) select: Vec<String>,
    #[command(flatten)]
    pub(crate) attribution: AttributionArgs,
}

#[derive(Debug, Args)]
pub(crate) struct EvalSecretsArgs {
    /// A corpus file (`<tp|fp>\t<kind>\t<template>` per line); default: the built-in corpus.
    #[arg(long, value_name = "FILE")]
    pub(crate) corpus: Option<PathBuf>,
    /// How many draws of the synthetic tokens to score (each draw expands the templates anew).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub(crate) draws: u64,
    /// Also list every miss and false alarm.
    #[arg(long, short = 'v')]
    pub(crate) verbose: bool,
}

#[derive(Debug, Args)]
pub(crate) struct EvalArgs {
    /// The corpus: a folder of labelled files (`expect: RULE` / `ok: RULE` comments), any depth;
    /// `NAME.before.EXT` + `NAME.after.EXT` make a before/after pair.
    #[arg(
        long,
        value_name = "DIR",
        default_value = "crates/idgate_rules/resources/fixtures"
    )]
    pub(crate) corpus: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Text)]
    pub(crate) format: EvalFormat,
    /// Exit 1 when recall in any category is below this.
    #[arg(long, value_name = "R", default_value_t = 0.9)]
    pub(crate) min_recall: f64,
    /// Exit 1 when precision in any category is below this.
    #[arg(long, value_name = "P", default_value_t = 0.95)]
    pub(crate) min_precision: f64,
    /// Also list every miss and false alarm.
    #[arg(long, short = 'v')]
    pub(crate) verbose: bool,
}

/// Output formats of `idgate eval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum EvalFormat {
    /// Tables for a terminal (and the README).
    Text,
    /// One JSON object.
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct RollbackArgs {
    /// The repository (any directory inside it).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub(crate) repo: PathBuf,
    /// `BASE..HEAD`: the commits to undo.
    pub(crate) range: String,
    /// Where the reverts would be applied.
    #[arg(long, value_name = "REV", default_value = "HEAD")]
    pub(crate) onto: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RollbackFormat::Text)]
    pub(crate) format: RollbackFormat,
    /// Write to FILE instead of standard output (written whole or not at all).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) attribution: AttributionArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum RollbackFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum HistoryFormat {
    Text,
    Json,
    Markdown,
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ProvenanceFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FormatArg {
    Text,
    Json,
    Sarif,
    Markdown,
    Junit,
    Codeclimate,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub(crate) enum FailOn {
    Note,
    Warning,
    Error,
}

/// Flags every judging command shares.
#[derive(Debug, Clone, Args)]
pub(crate) struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub(crate) format: FormatArg,
    /// Write the report to FILE instead of standard output (written whole or not at all).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Never colour the output (NO_COLOR is honoured too).
    #[arg(long)]
    pub(crate) no_color: bool,
    /// Print nothing; only the exit code speaks.
    #[arg(long, short = 'q')]
    pub(crate) quiet: bool,
    /// Also exit 1 when any finding is at or above this level, whatever the verdict.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub(crate) fail_on: Option<FailOn>,
    /// Skip files larger than this many bytes (they are listed as skipped).
    #[arg(long, value_name = "BYTES", default_value_t = 2 * 1024 * 1024)]
    pub(crate) max_file_size: u64,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// The repository (any directory inside it).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub(crate) repo: PathBuf,
    /// Base revision. Default: the merge-base with the default branch, else HEAD~1.
    #[arg(long, value_name = "REV", conflicts_with_all = ["staged", "worktree", "patch"])]
    pub(crate) base: Option<String>,
    /// Head revision.
    #[arg(long, value_name = "REV", default_value = "HEAD", conflicts_with_all = ["staged", "worktree", "patch"])]
    pub(crate) head: String,
    /// Judge the index against HEAD (for pre-commit hooks).
    #[arg(long, conflicts_with_all = ["worktree", "patch"])]
    pub(crate) staged: bool,
    /// For the benchmark only: judge the new versions without reading the old ones (no
    /// weakening rules, no old-versus-new filtering), to measure what comparing versions costs.
    #[arg(long, hide = true)]
    pub(crate) bench_without_old: bool,
    /// Judge tracked files in the working tree against HEAD.
    #[arg(long, conflicts_with = "patch")]
    pub(crate) worktree: bool,
    /// Judge a unified diff from FILE, or standard input with `-`.
    #[arg(long, value_name = "FILE")]
    pub(crate) patch: Option<PathBuf>,
    /// Accepted, pre-existing findings (written by `idgate scan --baseline`). Default:
    /// `.idgate/baseline.json` of the base revision, if present.
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// Also write the verdict as an in-toto statement in a DSSE envelope, signed with --key.
    #[arg(long, value_name = "FILE", requires = "key")]
    pub(crate) attestation: Option<PathBuf>,
    /// An Ed25519 SSH private key (OpenSSH format) to sign the attestation.
    #[arg(long, value_name = "FILE")]
    pub(crate) key: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) record: RecordArgs,
    #[command(flatten)]
    pub(crate) attribution: AttributionArgs,
    #[command(flatten)]
    pub(crate) out: OutputArgs,
}

#[derive(Debug, Args)]
pub(crate) struct ScanArgs {
    /// Files and directories (directories honour .gitignore).
    #[arg(default_value = ".")]
    pub(crate) paths: Vec<PathBuf>,
    /// Write the fingerprints of every finding to FILE as a baseline (commit it as
    /// `.idgate/baseline.json`): adoption on an old codebase then starts clean.
    #[arg(long, value_name = "FILE", conflicts_with = "accept_baseline")]
    pub(crate) baseline: Option<PathBuf>,
    /// Leave out the findings a baseline file accepted.
    #[arg(long, value_name = "FILE")]
    pub(crate) accept_baseline: Option<PathBuf>,
    /// A policy file (`.idgate/policy.toml` format) whose rule levels and `[secrets]`
    /// allow-list apply. Default: the built-in policy (a scan has no base revision to read one
    /// from).
    #[arg(long, value_name = "FILE")]
    pub(crate) policy: Option<PathBuf>,
    /// Run only these rules: codes (`IDG201`), names (`hardcoded-credential`) or categories
    /// (`hardcoded-secret`), comma-separated or repeated. Default: every rule.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub(crate) select: Vec<String>,
    #[command(flatten)]
    pub(crate) out: OutputArgs,
}

#[derive(Debug, Args)]
pub(crate) struct RulesArgs {
    /// Print the rule reference page (markdown) instead of the table.
    #[arg(long)]
    pub(crate) markdown: bool,
}

#[derive(Debug, Args)]
pub(crate) struct DemoArgs {
    /// Keep the sample repository at DIR instead of a temporary directory.
    #[arg(long, value_name = "DIR")]
    pub(crate) keep: Option<PathBuf>,
    /// Output format of the check.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub(crate) format: FormatArg,
    /// Never colour the output.
    #[arg(long)]
    pub(crate) no_color: bool,
}

/// Appending to the ledger (shared by `check`, `approve` and `waive`).
#[derive(Debug, Args)]
pub(crate) struct RecordArgs {
    /// Append the result to the ledger: the evaluation (`check`, before the report is written)
    /// or the signed statement (`approve`, `waive`). If that fails, the command fails (exit 2).
    #[arg(long)]
    pub(crate) record: bool,
    /// The ledger: sqlite://PATH or postgres://USER:PASSWORD@HOST:PORT/DB.
    /// Default: sqlite://.idgate-ledger.sqlite3 in the current directory.
    #[arg(
        long,
        env = "IDGATE_LEDGER",
        value_name = "URL",
        hide_env_values = true
    )]
    pub(crate) ledger: Option<String>,
    /// The repository's name in the ledger (what `idgate serve` and `ledger log --repository`
    /// match on). Default: GITHUB_REPOSITORY or CI_PROJECT_PATH in CI, else `owner/name` from
    /// the `origin` remote, else the repository's directory name; `-` for patches.
    #[arg(long = "repository", env = "IDGATE_REPOSITORY", value_name = "NAME")]
    pub(crate) repository: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct LedgerCmd {
    /// The ledger: sqlite://PATH or postgres://USER:PASSWORD@HOST:PORT/DB.
    /// Default: sqlite://.idgate-ledger.sqlite3 in the current directory.
    #[arg(
        long,
        global = true,
        env = "IDGATE_LEDGER",
        value_name = "URL",
        hide_env_values = true
    )]
    pub(crate) ledger: Option<String>,
    #[command(subcommand)]
    pub(crate) command: LedgerSub,
}

#[derive(Debug, Subcommand)]
pub(crate) enum LedgerSub {
    /// Recompute every hash in order. Exit 0 when the chain is intact, 1 naming the first record
    /// that does not chain (edited, deleted, inserted, reordered), 2 on errors.
    Verify,
    /// List records, oldest first.
    Log(LedgerFilterArgs),
    /// Write records as JSON Lines (canonical, one per line: hashes can be recomputed from it)
    /// or CSV.
    Export(LedgerExportArgs),
    /// Append a seal: an SSH signature over the current head. Prints the seal record; publish
    /// it where the ledger's operators cannot change it.
    Seal {
        /// Your SSH private key (OpenSSH format, not passphrase-protected; ed25519 or ecdsa).
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
    },
    /// Check a published seal against the ledger: the signature is by a key of the
    /// allowed-signers file (namespace idgate-ledger-seal, valid when sealed), the ledger still
    /// holds the sealed record with the sealed hash and the seal itself, and the chain verifies.
    /// Exit 0 when all hold, 1 naming what does not (a rewritten or truncated ledger, a seal by
    /// an unknown key), 2 on errors.
    CheckSeal(CheckSealArgs),
}

#[derive(Debug, Args)]
pub(crate) struct CheckSealArgs {
    /// The published seal: the JSON line `idgate ledger seal` printed.
    #[arg(long, value_name = "FILE")]
    pub(crate) seal: PathBuf,
    /// An allowed-signers file (git's format) listing the keys trusted to seal.
    #[arg(long, value_name = "FILE")]
    pub(crate) allowed_signers: PathBuf,
    /// Only a key listed for this principal counts.
    #[arg(long, value_name = "PRINCIPAL")]
    pub(crate) principal: Option<String>,
}

/// Which records `ledger log` and `ledger export` show.
#[derive(Debug, Args)]
pub(crate) struct LedgerFilterArgs {
    /// Only records about this repository (as recorded: see `check --repository`; `-` for patches).
    #[arg(long, value_name = "R")]
    pub(crate) repository: Option<String>,
    /// Only records appended at or after this time (Unix seconds).
    #[arg(long, value_name = "UNIX")]
    pub(crate) since: Option<i64>,
    /// Only records appended at or before this time (Unix seconds).
    #[arg(long, value_name = "UNIX")]
    pub(crate) until: Option<i64>,
    /// Only evaluations with this verdict.
    #[arg(long, value_name = "V", value_parser = ["allow", "review", "block"])]
    pub(crate) verdict: Option<String>,
    /// Only evaluations of changes with a commit by this agent (e.g. claude-code).
    #[arg(long, value_name = "A")]
    pub(crate) agent: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct LedgerExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = LedgerFormat::Jsonl)]
    pub(crate) format: LedgerFormat,
    /// Write to FILE instead of standard output (written whole or not at all).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) filter: LedgerFilterArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum LedgerFormat {
    Jsonl,
    Csv,
}
