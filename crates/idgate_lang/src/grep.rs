//! The bridge to ast-grep: our [`Language`] as an ast-grep language, so rules and user-written
//! patterns (`jwt.decode($$$, verify=False)`) match the same trees idgate parses.

use std::borrow::Cow;

use ast_grep_core::matcher::PatternBuilder;
use ast_grep_core::tree_sitter::{LanguageExt, StrDoc, TSLanguage};
use ast_grep_core::{Pattern, PatternError};

use crate::Language;

/// An ast-grep syntax tree of one of our languages.
pub type Root = ast_grep_core::AstGrep<StrDoc<Language>>;

/// A node of a [`Root`].
pub type Node<'r> = ast_grep_core::Node<'r, StrDoc<Language>>;

/// The character that stands for `$` in patterns of languages where `$` cannot start an
/// identifier (the parser would reject `$X` in Python, Go, Rust, C#, Ruby; in PHP `$x` is a
/// variable). ast-grep's own language pack uses the same character.
const EXPANDO: char = 'µ';

impl ast_grep_core::Language for Language {
    fn pre_process_pattern<'q>(&self, query: &'q str) -> Cow<'q, str> {
        if self.expando_char() == '$' {
            return Cow::Borrowed(query);
        }
        Cow::Owned(expand_meta_vars(query))
    }

    fn expando_char(&self) -> char {
        match self {
            Language::JavaScript | Language::TypeScript | Language::Tsx | Language::Java => '$',
            _ => EXPANDO,
        }
    }

    fn kind_to_id(&self, kind: &str) -> u16 {
        self.get_ts_language().id_for_node_kind(kind, true)
    }

    fn field_to_id(&self, field: &str) -> Option<u16> {
        self.get_ts_language()
            .field_id_for_name(field)
            .map(|f| f.get())
    }

    fn build_pattern(&self, builder: &PatternBuilder) -> Result<Pattern, PatternError> {
        builder.build(|src| StrDoc::try_new(src, *self))
    }
}

impl LanguageExt for Language {
    fn get_ts_language(&self) -> TSLanguage {
        self.grammar()
            .expect("every language in the table links its grammar")
    }
}

/// Rewrite ast-grep meta-variables (`$X`, `$$X`, `$$$`, `$$$ARGS`, `$_`) to the expando
/// character, leaving every other `$` alone (a PHP variable `$user` stays a variable).
fn expand_meta_vars(query: &str) -> String {
    let chars: Vec<char> = query.chars().collect();
    let mut out = String::with_capacity(query.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '$' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let run = chars[i..].iter().take_while(|&&c| c == '$').count();
        let next = chars.get(i + run).copied();
        let is_meta = match next {
            Some(c) if c.is_ascii_uppercase() || c == '_' => run <= 3,
            _ => run == 3,
        };
        for _ in 0..run {
            out.push(if is_meta { EXPANDO } else { '$' });
        }
        i += run;
    }
    out
}

/// A pattern compiled for `language`, or the reason it does not parse.
pub fn pattern(language: Language, source: &str) -> Result<Pattern, PatternError> {
    let pattern = Pattern::try_new(source, language)?;
    if pattern.has_error() {
        return Err(PatternError::Parse(source.to_string()));
    }
    Ok(pattern)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ast_grep_core::tree_sitter::LanguageExt;

    #[test]
    fn meta_vars_are_expanded_but_php_variables_are_not() {
        assert_eq!(expand_meta_vars("f($A, $$$)"), "f(µA, µµµ)");
        assert_eq!(expand_meta_vars("$$$ARGS"), "µµµARGS");
        assert_eq!(expand_meta_vars("md5($user . $X)"), "md5($user . µX)");
        assert_eq!(expand_meta_vars("price $5"), "price $5");
    }

    fn count(language: Language, source: &str, pat: &str) -> usize {
        let root = language.ast_grep(source);
        let pattern = pattern(language, pat).unwrap();
        root.root().find_all(&pattern).count()
    }

    #[test]
    fn patterns_match_in_every_language() {
        let cases = [
            (
                Language::Python,
                "import jwt\nx = jwt.decode(t, verify=False)\n",
                "jwt.decode($$$, verify=False)",
            ),
            (
                Language::JavaScript,
                "jwt.verify(t, k, { algorithms: ['none'] })",
                "jwt.verify($T, $$$)",
            ),
            (
                Language::TypeScript,
                "const c = jwt.decode(token) as any;",
                "jwt.decode($T)",
            ),
            (
                Language::Tsx,
                "const a = <A onClick={() => jwt.decode(t)} />;",
                "jwt.decode($T)",
            ),
            (
                Language::Go,
                "package a\nvar c = &tls.Config{InsecureSkipVerify: true}\n",
                "tls.Config{$$$}",
            ),
            (
                Language::Java,
                "class A { void m() { Jwts.parser().setSigningKey(k); } }",
                "Jwts.parser()",
            ),
            (
                Language::Rust,
                "fn f() { let c = reqwest::Client::builder().danger_accept_invalid_certs(true); }",
                "$C.danger_accept_invalid_certs(true)",
            ),
            (
                Language::CSharp,
                "class A { void M() { var p = new TokenValidationParameters { ValidateIssuer = false }; } }",
                "ValidateIssuer = false",
            ),
            (
                Language::Ruby,
                "class A < B\n  skip_before_action :authenticate_user!\nend\n",
                "skip_before_action $$$",
            ),
            (Language::Php, "<?php\n$h = md5($password);\n", "md5($X)"),
        ];
        for (language, source, pat) in cases {
            assert_eq!(count(language, source, pat), 1, "{}: {pat}", language.id());
        }
    }

    #[test]
    fn a_pattern_that_does_not_parse_is_an_error() {
        assert!(pattern(Language::Python, "def (:").is_err());
    }
}
