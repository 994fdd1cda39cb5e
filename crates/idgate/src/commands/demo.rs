//! `idgate demo`: a sample repository where an AI agent weakens JWT verification, then `check`.

use std::path::Path;

use anyhow::{Context, Result};
use gix::bstr::BString;
use gix::objs::tree::{Entry, EntryKind};
use idgate_git::{Limits, Repo};
use idgate_report::Report;
use idgate_rules::Mode;

use crate::cli::DemoArgs;
use crate::output;

const README: &str = "# payments-api\n\nA small service that authenticates requests with JWTs.\n";

const AUTH_BEFORE: &str = r#"import jwt
from django.conf import settings

from .models import User


def authenticate(request):
    """Return the user named by the request's bearer token, or None."""
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    claims = jwt.decode(
        header.removeprefix("Bearer "),
        settings.JWT_PUBLIC_KEY,
        algorithms=["RS256"],
        audience="payments-api",
    )
    return User.objects.get(pk=claims["sub"])
"#;

const AUTH_AFTER: &str = r#"import jwt
from django.conf import settings

from .models import User


def authenticate(request):
    """Return the user named by the request's bearer token, or None."""
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    # The staging key rotation broke token checks; decode without the key for now.
    claims = jwt.decode(
        header.removeprefix("Bearer "),
        options={"verify_signature": False},
    )
    return User.objects.get(pk=claims["sub"])
"#;

const VIEWS: &str = r#"from django.http import JsonResponse

from .auth import authenticate


def balance(request):
    user = authenticate(request)
    if user is None:
        return JsonResponse({"error": "unauthorized"}, status=401)
    return JsonResponse({"balance": user.account.balance})
"#;

const AGENT_MESSAGE: &str = "Fix token decoding after staging key rotation

Requests in staging failed with InvalidSignatureError after the key
rotation. Decode the token without the key so authentication works again.

🤖 Generated with [Claude Code](https://claude.com/claude-code)

Co-Authored-By: Claude Sonnet 5 <noreply@anthropic.com>
";

fn tree(repo: &gix::Repository, mut entries: Vec<Entry>) -> Result<gix::ObjectId> {
    // Git orders tree entries by name, comparing directories as if they ended in '/'.
    entries.sort_by(|a, b| {
        let key = |e: &Entry| {
            let mut k = e.filename.to_vec();
            if e.mode.is_tree() {
                k.push(b'/');
            }
            k
        };
        key(a).cmp(&key(b))
    });
    Ok(repo
        .write_object(gix::objs::Tree { entries })
        .context("writing a tree")?
        .detach())
}

fn blob(repo: &gix::Repository, name: &str, text: &str) -> Result<Entry> {
    Ok(Entry {
        mode: EntryKind::Blob.into(),
        filename: BString::from(name),
        oid: repo.write_blob(text).context("writing a blob")?.detach(),
    })
}

fn snapshot(repo: &gix::Repository, auth: &str) -> Result<gix::ObjectId> {
    let app = tree(
        repo,
        vec![
            blob(repo, "__init__.py", "")?,
            blob(repo, "auth.py", auth)?,
            blob(repo, "views.py", VIEWS)?,
        ],
    )?;
    tree(
        repo,
        vec![
            blob(repo, "README.md", README)?,
            Entry {
                mode: EntryKind::Tree.into(),
                filename: BString::from("app"),
                oid: app,
            },
        ],
    )
}

/// Build the sample repository in `dir`: a person's base commit, then the agent's commit.
pub(crate) fn build_sample(dir: &Path) -> Result<()> {
    let mut repo = gix::init(dir)
        .with_context(|| format!("cannot create a repository in {}", dir.display()))?;
    let person = gix::actor::SignatureRef {
        name: "Priya Raman".into(),
        email: "priya@payments.example".into(),
        time: "1764400000 +0000",
    };
    let agent_author = gix::actor::SignatureRef {
        name: "Priya Raman".into(),
        email: "priya@payments.example".into(),
        time: "1764486400 +0000",
    };
    let base_tree = snapshot(&repo, AUTH_BEFORE)?;
    let base = repo
        .commit_as(
            person,
            person,
            "HEAD",
            "Authenticate API requests with RS256 JWTs\n",
            base_tree,
            Vec::<gix::ObjectId>::new(),
        )
        .context("writing the base commit")?
        .detach();
    let head_tree = snapshot(&repo, AUTH_AFTER)?;
    let head = repo
        .commit_as(
            agent_author,
            agent_author,
            "HEAD",
            AGENT_MESSAGE,
            head_tree,
            [base],
        )
        .context("writing the agent's commit")?
        .detach();
    // A git-ai note (refs/notes/ai) records that the agent's session wrote lines 12-15.
    let note = format!(
        "app/auth.py\n  s_4f1c2a9b7e3d01::t_9a8b7c6d5e4f30 12-15\n---\n{{\"schema_version\":\"authorship/3.0.0\",\"git_ai_version\":\"1.3.4\",\"base_commit_sha\":\"{head}\",\"prompts\":{{}},\"sessions\":{{\"s_4f1c2a9b7e3d01\":{{\"agent_id\":{{\"tool\":\"claude\",\"id\":\"demo\",\"model\":\"claude-sonnet-5\"}},\"human_author\":\"Priya Raman <priya@payments.example>\"}}}}}}\n"
    );
    let mut config = repo.config_snapshot_mut();
    config
        .set_raw_value("user.name", "Priya Raman")
        .context("configuring the sample repository")?;
    config
        .set_raw_value("user.email", "priya@payments.example")
        .context("configuring the sample repository")?;
    let repo = config
        .commit()
        .context("configuring the sample repository")?;
    repo.notes()
        .context("opening notes")?
        .with_commit_message("git-ai authorship")
        .replace("refs/notes/ai", head, note)
        .context("writing the git-ai note")?;
    Ok(())
}

pub(crate) fn demo(args: &DemoArgs) -> Result<u8> {
    let tmp;
    let dir = match &args.keep {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            dir.clone()
        }
        None => {
            tmp = tempfile::tempdir().context("cannot create a temporary directory")?;
            tmp.path().to_path_buf()
        }
    };
    build_sample(&dir)?;
    let repo = Repo::open(&dir, Limits::default())?;
    let change = repo.range(Some("HEAD~1"), "HEAD")?;
    let attribution = super::provenance::Attribution::default();
    let (provenance, findings, verdict) =
        super::check::evaluate(&change, Mode::Check, &attribution, Some(&repo))?;
    let report = Report {
        command: "check",
        version: env!("CARGO_PKG_VERSION"),
        change: &change,
        provenance: &provenance,
        findings: &findings,
        verdict: &verdict,
        policy_digest: &attribution.gate.policy_digest,
    };
    let color = output::use_color(args.no_color, false);
    if args.format == crate::cli::FormatArg::Text {
        println!(
            "Sample repository: a person's base commit, then a commit by Claude Code that\n\
             \"fixes\" token decoding. Running: idgate check --base HEAD~1 --head HEAD\n"
        );
    }
    print!(
        "{}",
        idgate_report::render(&report, output::format(args.format), color)
    );
    if let Some(dir) = &args.keep {
        eprintln!("sample repository kept at {}", dir.display());
    }
    Ok(0)
}
