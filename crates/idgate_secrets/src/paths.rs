//! What kind of file a path names, which decides which rules run and how sure a finding is.

use serde::Serialize;

/// The class of a file, from its path alone.
///
/// | class | what runs | confidence |
/// |---|---|---|
/// | [`FileClass::Source`] | every rule; generic values must be string literals | as scored |
/// | [`FileClass::Config`] | every rule; generic values may be bare (`KEY=value`) | as scored |
/// | [`FileClass::Test`] | provider formats only (no generic rule) | one step lower |
/// | [`FileClass::Docs`] | provider formats only (no generic rule) | one step lower |
/// | [`FileClass::Lock`] | only self-identifying formats (prefix, checksum, URL credentials) | as scored |
/// | [`FileClass::Minified`] | only self-identifying formats | as scored |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileClass {
    /// Program source.
    Source,
    /// Configuration: `.env`, YAML, TOML, INI, properties, JSON, XML, Terraform, Dockerfiles,
    /// `.npmrc`, `.netrc` and the like.
    Config,
    /// Tests, fixtures, mocks and test data.
    Test,
    /// Documentation, examples, samples and templates (`.env.example`, `*.sample`).
    Docs,
    /// Dependency lock files (`*.lock`, `package-lock.json`, `go.sum`, …): full of hashes.
    Lock,
    /// Minified or bundled assets and source maps.
    Minified,
}

impl FileClass {
    /// Whether the generic `name = value` rule runs here.
    pub fn runs_generic(self) -> bool {
        matches!(self, FileClass::Source | FileClass::Config)
    }

    /// Whether only self-identifying formats run here.
    pub fn distinct_only(self) -> bool {
        matches!(self, FileClass::Lock | FileClass::Minified)
    }

    /// Whether findings here get one step less confidence.
    pub fn lowers_confidence(self) -> bool {
        matches!(self, FileClass::Test | FileClass::Docs)
    }

    /// Stable lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            FileClass::Source => "source",
            FileClass::Config => "config",
            FileClass::Test => "test",
            FileClass::Docs => "docs",
            FileClass::Lock => "lock",
            FileClass::Minified => "minified",
        }
    }
}

const LOCK_FILES: &[&str] = &[
    "package-lock.json",
    "npm-shrinkwrap.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "bun.lock",
    "go.sum",
    "cargo.lock",
    "poetry.lock",
    "pipfile.lock",
    "uv.lock",
    "pdm.lock",
    "gemfile.lock",
    "composer.lock",
    "mix.lock",
    "pubspec.lock",
    "packages.lock.json",
    "flake.lock",
    "podfile.lock",
    "package.resolved",
    "gradle.lockfile",
];

const TEST_DIRS: &[&str] = &[
    "test",
    "tests",
    "__tests__",
    "spec",
    "specs",
    "fixture",
    "fixtures",
    "__fixtures__",
    "testdata",
    "test-data",
    "test_data",
    "mocks",
    "__mocks__",
    "testing",
    "e2e",
    "cypress",
];

const DOC_DIRS: &[&str] = &[
    "docs",
    "doc",
    "documentation",
    "examples",
    "example",
    "samples",
    "sample",
    "demo",
    "demos",
];

const CONFIG_EXTS: &[&str] = &[
    "env",
    "yaml",
    "yml",
    "toml",
    "ini",
    "cfg",
    "conf",
    "config",
    "properties",
    "json",
    "json5",
    "xml",
    "tf",
    "tfvars",
    "hcl",
    "npmrc",
    "pypirc",
    "netrc",
    "git-credentials",
    "plist",
    "settings",
    "cnf",
];

/// Classify a repository-relative path (either separator).
pub fn classify(path: &str) -> FileClass {
    let lower = path.replace('\\', "/").to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    let dirs: Vec<&str> = lower.split('/').collect();
    let dirs = &dirs[..dirs.len().saturating_sub(1)];

    if LOCK_FILES.contains(&name) || name.ends_with(".lock") {
        return FileClass::Lock;
    }
    if name.ends_with(".min.js")
        || name.ends_with(".min.css")
        || name.ends_with(".min.mjs")
        || name.ends_with("-min.js")
        || name.ends_with(".bundle.js")
        || name.ends_with(".chunk.js")
        || name.ends_with(".js.map")
        || name.ends_with(".css.map")
        || name.ends_with(".map") && name.contains(".min.")
    {
        return FileClass::Minified;
    }
    let stem_has = |w: &str| name.split(['.', '_', '-']).any(|p| p == w);
    let is_test_name = name.starts_with("test_")
        || name.contains("_test.")
        || name.contains(".test.")
        || name.contains(".spec.")
        || name.contains("_spec.")
        || name.ends_with("test.java")
        || name.ends_with("tests.java")
        || name.ends_with("test.kt")
        || name.ends_with("tests.cs")
        || name.ends_with("test.cs")
        || name == "conftest.py";
    if is_test_name || dirs.iter().any(|d| TEST_DIRS.contains(d)) {
        return FileClass::Test;
    }
    let is_template = stem_has("example")
        || stem_has("sample")
        || stem_has("template")
        || stem_has("dist")
        || stem_has("tmpl")
        || stem_has("tpl");
    let doc_ext = [
        ".md",
        ".mdx",
        ".rst",
        ".adoc",
        ".asciidoc",
        ".txt",
        ".ipynb",
    ]
    .iter()
    .any(|e| name.ends_with(e));
    if is_template || doc_ext || dirs.iter().any(|d| DOC_DIRS.contains(d)) {
        return FileClass::Docs;
    }
    let ext = name.rsplit('.').next().unwrap_or("");
    if name.starts_with(".env")
        || name == "dockerfile"
        || name.starts_with("dockerfile.")
        || name == ".npmrc"
        || name == ".pypirc"
        || name == ".netrc"
        || name == "_netrc"
        || name == ".git-credentials"
        || name == ".dockerconfigjson"
        || (name.contains('.') && CONFIG_EXTS.contains(&ext))
    {
        return FileClass::Config;
    }
    FileClass::Source
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(classify("Cargo.lock"), FileClass::Lock);
        assert_eq!(classify("web/package-lock.json"), FileClass::Lock);
        assert_eq!(classify("go.sum"), FileClass::Lock);
        assert_eq!(classify("static/app.min.js"), FileClass::Minified);
        assert_eq!(classify("tests/test_auth.py"), FileClass::Test);
        assert_eq!(classify("src/auth.test.ts"), FileClass::Test);
        assert_eq!(classify("pkg/auth/token_test.go"), FileClass::Test);
        assert_eq!(classify("docs/setup.md"), FileClass::Docs);
        assert_eq!(classify(".env.example"), FileClass::Docs);
        assert_eq!(classify("config/settings.sample.yaml"), FileClass::Docs);
        assert_eq!(classify(".env"), FileClass::Config);
        assert_eq!(classify(".env.production"), FileClass::Config);
        assert_eq!(classify("deploy/values.yaml"), FileClass::Config);
        assert_eq!(classify("src/auth.py"), FileClass::Source);
        assert_eq!(classify("src/contest.py"), FileClass::Source);
    }
}
