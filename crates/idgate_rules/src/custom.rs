//! Custom rules: a team's own patterns in `.idgate/rules/*.yml`, in ast-grep's rule format
//! (`rule:` with `pattern`, `kind`, `inside`, `has`, `not`, `all`, `any`; `constraints`;
//! `utils`), plus idgate's metadata under `metadata:`. Like the policy, they are read from the
//! base revision, so a change cannot relax them.
//!
//! ```yaml
//! id: internal-token-parse-unverified
//! language: python
//! severity: error                 # error | warning | info | hint (hint and info become notes)
//! message: "`tokens.parse_unverified` skips the signature check"
//! note: Use `tokens.parse(raw, key)`.
//! rule:
//!   pattern: tokens.parse_unverified($RAW)
//!   not:
//!     inside:
//!       kind: function_definition
//!       has: { pattern: tokens.verify($$$) }
//! metadata:
//!   category: token-verification  # a category id; required
//!   cwe: [347]                    # optional; default: the category's CWEs
//!   code: ACME101                 # optional; default: the id
//! ```
//!
//! Several rules may share a file, separated by `---`. A file that does not parse, a pattern that
//! does not parse, an unknown language or category is an error naming the file and, where the
//! YAML parser can tell, the line.

use std::sync::OnceLock;

use ast_grep_config::{GlobalRules, RuleConfig, Severity as AgSeverity};
use idgate_core::{Category, Level};
use idgate_lang::{Language, Source};

use crate::registry::Hit;

/// A custom rule file that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("bad custom rule file {file}: {message}")]
pub struct CustomRuleError {
    /// The file, as given.
    pub file: String,
    /// What is wrong, with the line when known.
    pub message: String,
}

/// One custom rule, compiled.
pub struct CustomRule {
    /// The code findings carry (`metadata.code`, else the id).
    pub code: &'static str,
    /// The id (kebab-case by convention).
    pub name: &'static str,
    /// Its language.
    pub language: Language,
    /// Its category.
    pub category: Category,
    /// Its CWEs.
    pub cwe: Vec<u32>,
    /// Its level.
    pub level: Level,
    /// The message, with `$VAR` meta-variables filled per match.
    pub message: String,
    /// Extra advice (`note:`).
    pub note: Option<String>,
    /// The file it came from.
    pub file: String,
    config: RuleConfig<Language>,
}

impl std::fmt::Debug for CustomRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CustomRule")
            .field("code", &self.code)
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

/// Strings that live as long as the process: rule codes and names are `&'static str` in
/// findings. Custom rules are loaded once per run, so this is bounded by the rule files.
fn intern(s: String) -> &'static str {
    static POOL: OnceLock<std::sync::Mutex<Vec<&'static str>>> = OnceLock::new();
    let pool = POOL.get_or_init(Default::default);
    let mut pool = pool.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(existing) = pool.iter().find(|p| **p == s) {
        return existing;
    }
    let leaked: &'static str = Box::leak(s.into_boxed_str());
    pool.push(leaked);
    leaked
}

/// Parse and compile the rules of one file.
pub fn parse_rules(file: &str, text: &str) -> Result<Vec<CustomRule>, CustomRuleError> {
    let err = |message: String| CustomRuleError {
        file: file.to_string(),
        message,
    };
    let configs = ast_grep_config::from_yaml_string::<Language>(text, &GlobalRules::default())
        .map_err(|e| err(describe(&e, text)))?;
    let mut out = Vec::new();
    for config in configs {
        let id = config.id.clone();
        let line = line_of_id(text, &id);
        let at = |m: String| match line {
            Some(l) => err(format!("rule `{id}` (line {l}): {m}")),
            None => err(format!("rule `{id}`: {m}")),
        };
        if id.is_empty() {
            return Err(err("a rule has no `id`".into()));
        }
        let meta = config
            .metadata
            .as_ref()
            .map(serde_json::to_value)
            .transpose()
            .map_err(|e| at(format!("unreadable metadata: {e}")))?
            .unwrap_or(serde_json::Value::Null);
        let category = match meta.get("category").and_then(|c| c.as_str()) {
            Some(c) => Category::from_id(c).ok_or_else(|| {
                let known: Vec<&str> = Category::ALL.iter().map(|c| c.id()).collect();
                at(format!(
                    "unknown category {c:?} in metadata (known: {})",
                    known.join(", ")
                ))
            })?,
            None => return Err(at("metadata.category is required".into())),
        };
        let cwe: Vec<u32> = match meta.get("cwe") {
            None => category.cwes().to_vec(),
            Some(v) => v
                .as_array()
                .and_then(|a| {
                    a.iter()
                        .map(|n| n.as_u64().and_then(|n| u32::try_from(n).ok()))
                        .collect::<Option<Vec<u32>>>()
                })
                .ok_or_else(|| at("metadata.cwe must be a list of numbers".into()))?,
        };
        let level = match config.severity {
            AgSeverity::Error => Level::Error,
            AgSeverity::Warning => Level::Warning,
            AgSeverity::Info | AgSeverity::Hint => Level::Note,
            AgSeverity::Off => continue,
        };
        let code = meta
            .get("code")
            .and_then(|c| c.as_str())
            .map_or_else(|| id.clone(), str::to_string);
        if crate::registry::find_rule(&code).is_some() || crate::registry::find_rule(&id).is_some()
        {
            return Err(at(format!(
                "`{code}` is a built-in rule's code or name; pick another"
            )));
        }
        let message = if config.message.is_empty() {
            format!("matches custom rule `{id}`")
        } else {
            config.message.clone()
        };
        out.push(CustomRule {
            code: intern(code),
            name: intern(id.clone()),
            language: config.language,
            category,
            cwe,
            level,
            message,
            note: config.note.clone(),
            file: file.to_string(),
            config,
        });
    }
    Ok(out)
}

/// The error chain of an ast-grep configuration error, with the YAML position when there is one.
fn describe(e: &ast_grep_config::RuleConfigError, text: &str) -> String {
    // The YAML parser appends a rendered snippet after the first line; keep the sentence.
    let first = |s: String| s.lines().next().unwrap_or("").trim().to_string();
    let mut parts = vec![first(e.to_string())];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let line = first(s.to_string());
        if !parts.contains(&line) {
            parts.push(line);
        }
        source = s.source();
    }
    let joined = parts.join(": ");
    // A pattern error does not say where; point at the first pattern that fails on its own.
    if !joined.contains("line") {
        for (i, line) in text.lines().enumerate() {
            if let Some(p) = line.trim().strip_prefix("pattern:") {
                let p = p.trim().trim_matches(|c| c == '"' || c == '\'');
                if !p.is_empty() && pattern_fails(text, p) {
                    return format!("{joined} (line {}: pattern `{p}`)", i + 1);
                }
            }
        }
    }
    joined
}

fn pattern_fails(text: &str, pattern: &str) -> bool {
    let language = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("language:"))
        .and_then(|l| Language::from_id(l.trim().trim_matches(|c| c == '"' || c == '\'')));
    language.is_some_and(|l| idgate_lang::grep::pattern(l, pattern).is_err())
}

fn line_of_id(text: &str, id: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let t = l.trim();
            t.strip_prefix("id:")
                .map(|v| v.trim().trim_matches(|c| c == '"' || c == '\''))
                == Some(id)
        })
        .map(|i| i + 1)
}

impl CustomRule {
    /// Every match of the rule in `src`, with the message's meta-variables filled.
    pub fn matches(&self, src: &Source<'_>) -> Vec<Hit> {
        if src.language != self.language
            && !(self.language.is_js_family() && src.language.is_js_family())
        {
            return Vec::new();
        }
        let root = src.grep_root();
        let mut out = Vec::new();
        for m in root.root().find_all(&self.config.matcher) {
            let range = m.range();
            out.push(Hit {
                start: range.start,
                end: range.end,
                message: self.config.get_message(&m),
                before: None,
                after: None,
                measure: None,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: &str = r#"
id: internal-token-parse-unverified
language: python
severity: error
message: "`tokens.parse_unverified($RAW)` skips the signature check"
rule:
  pattern: tokens.parse_unverified($RAW)
metadata:
  category: token-verification
  code: ACME101
"#;

    #[test]
    fn a_rule_parses_matches_and_fills_its_message() {
        let rules = parse_rules(".idgate/rules/tokens.yml", RULE).unwrap();
        assert_eq!(rules.len(), 1);
        let r = &rules[0];
        assert_eq!(r.code, "ACME101");
        assert_eq!(r.category, Category::TokenVerification);
        assert_eq!(r.cwe, Category::TokenVerification.cwes().to_vec());
        let src = idgate_lang::parse(
            Language::Python,
            "import tokens\nc = tokens.parse_unverified(raw)\nd = tokens.parse(raw, key)\n",
        )
        .unwrap();
        let hits = r.matches(&src);
        assert_eq!(hits.len(), 1);
        assert_eq!(src.line_of(hits[0].start), 2);
        assert!(
            hits[0].message.contains("parse_unverified(raw)"),
            "{}",
            hits[0].message
        );
    }

    #[test]
    fn relational_rules_work() {
        let text = r#"
id: cookie-without-secure
language: javascript
severity: warning
message: session cookie set without `secure`
rule:
  pattern: res.cookie($NAME, $VALUE, $OPTS)
  not:
    has:
      kind: pair
      regex: '^secure:\s*true'
      stopBy: end
metadata:
  category: session-management
"#;
        let rules = parse_rules("c.yml", text).unwrap();
        let src = idgate_lang::parse(
            Language::JavaScript,
            "res.cookie('sid', v, { httpOnly: true });\nres.cookie('sid', v, { httpOnly: true, secure: true });\n",
        )
        .unwrap();
        let hits = rules[0].matches(&src);
        assert_eq!(hits.len(), 1);
        assert_eq!(src.line_of(hits[0].start), 1);
        assert_eq!(rules[0].level, Level::Warning);
    }

    #[test]
    fn mistakes_are_errors_that_name_the_file_and_line() {
        let no_category = RULE.replace("  category: token-verification\n", "");
        let e = parse_rules("r.yml", &no_category).unwrap_err();
        assert!(e.to_string().contains("r.yml"), "{e}");
        assert!(e.to_string().contains("category is required"), "{e}");
        assert!(e.to_string().contains("line 2"), "{e}");

        let bad_category = RULE.replace("token-verification", "tokens");
        let e = parse_rules("r.yml", &bad_category).unwrap_err();
        assert!(e.to_string().contains("unknown category"), "{e}");

        let bad_language = RULE.replace("language: python", "language: cobol");
        let e = parse_rules("r.yml", &bad_language).unwrap_err();
        assert!(e.to_string().contains("cobol"), "{e}");

        let bad_yaml = "id: x\nlanguage: python\nrule: [unclosed\n";
        let e = parse_rules("r.yml", bad_yaml).unwrap_err();
        assert!(e.to_string().contains("r.yml"), "{e}");

        let builtin = RULE.replace("code: ACME101", "code: IDG101");
        let e = parse_rules("r.yml", &builtin).unwrap_err();
        assert!(e.to_string().contains("built-in"), "{e}");
    }

    #[test]
    fn a_pattern_that_does_not_parse_is_an_error_with_its_line() {
        let bad = RULE.replace(
            "pattern: tokens.parse_unverified($RAW)",
            "pattern: \"def (\"",
        );
        let e = parse_rules("r.yml", &bad).unwrap_err();
        assert!(e.to_string().contains("r.yml"), "{e}");
        assert!(e.to_string().contains("line 7: pattern `def (`"), "{e}");
    }

    #[test]
    fn the_documented_examples_parse_and_match() {
        let doc = include_str!("../../../docs/custom-rules.md");
        let blocks: Vec<&str> = doc
            .split("```yaml\n")
            .skip(1)
            .map(|b| b.split("```").next().unwrap())
            .collect();
        assert_eq!(blocks.len(), 3);
        let samples = [
            (
                Language::Python,
                "c = tokens.parse_unverified(raw)\nd = tokens.parse(raw, key)\n",
            ),
            (
                Language::JavaScript,
                "res.cookie('sid', v, { httpOnly: true });\nres.cookie('sid', v, { secure: true });\n",
            ),
            (
                Language::TypeScript,
                "router.get('/admin/users', auth, list);\nrouter.get('/admin/x', requireAdmin, x);\nrouter.get('/home', home);\n",
            ),
        ];
        for (block, (language, code)) in blocks.iter().zip(samples) {
            let rules = parse_rules("docs/custom-rules.md", block).unwrap();
            let src = idgate_lang::parse(language, code).unwrap();
            let hits = rules[0].matches(&src);
            assert_eq!(hits.len(), 1, "{block}");
            assert_eq!(src.line_of(hits[0].start), 1, "{block}");
        }
    }
}
