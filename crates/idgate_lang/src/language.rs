//! The language table.

/// A language idgate knows by name. Grammars are linked for some; see [`Language::has_grammar`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    /// C#.
    CSharp,
    /// Go.
    Go,
    /// Java.
    Java,
    /// JavaScript (with JSX).
    JavaScript,
    /// PHP.
    Php,
    /// Python.
    Python,
    /// Ruby.
    Ruby,
    /// Rust.
    Rust,
    /// TypeScript.
    TypeScript,
    /// TypeScript with JSX.
    Tsx,
}

impl Language {
    /// The lowercase id used in reports and fixtures.
    pub const fn id(self) -> &'static str {
        match self {
            Language::CSharp => "csharp",
            Language::Go => "go",
            Language::Java => "java",
            Language::JavaScript => "javascript",
            Language::Php => "php",
            Language::Python => "python",
            Language::Ruby => "ruby",
            Language::Rust => "rust",
            Language::TypeScript => "typescript",
            Language::Tsx => "tsx",
        }
    }

    /// Whether the language is in the JavaScript family (shares rule logic).
    pub const fn is_js_family(self) -> bool {
        matches!(
            self,
            Language::JavaScript | Language::TypeScript | Language::Tsx
        )
    }

    /// Every language, in table order.
    pub const ALL: [Language; 10] = [
        Language::CSharp,
        Language::Go,
        Language::Java,
        Language::JavaScript,
        Language::Php,
        Language::Python,
        Language::Ruby,
        Language::Rust,
        Language::TypeScript,
        Language::Tsx,
    ];

    /// The language with this id (as in [`Language::id`]), or a common alias of it.
    pub fn from_id(id: &str) -> Option<Language> {
        let id = id.to_ascii_lowercase();
        let alias = match id.as_str() {
            "c#" | "cs" | "c-sharp" => "csharp",
            "golang" => "go",
            "js" | "jsx" => "javascript",
            "py" => "python",
            "rb" => "ruby",
            "rs" => "rust",
            "ts" => "typescript",
            other => other,
        };
        Language::ALL.into_iter().find(|l| l.id() == alias)
    }

    /// The tree-sitter grammar, when linked.
    pub fn grammar(self) -> Option<tree_sitter::Language> {
        Some(match self {
            Language::CSharp => tree_sitter_c_sharp::LANGUAGE.into(),
            Language::Go => tree_sitter_go::LANGUAGE.into(),
            Language::Java => tree_sitter_java::LANGUAGE.into(),
            Language::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            // PHP files open with `<?php`; the PHP-only grammar parses that tag too, and a
            // pattern such as `md5($X)` needs no tag, so documents and patterns share it.
            Language::Php => tree_sitter_php::LANGUAGE_PHP_ONLY.into(),
            Language::Python => tree_sitter_python::LANGUAGE.into(),
            Language::Ruby => tree_sitter_ruby::LANGUAGE.into(),
            Language::Rust => tree_sitter_rust::LANGUAGE.into(),
            Language::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Language::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
        })
    }

    /// Whether a grammar is linked for the language.
    pub fn has_grammar(self) -> bool {
        self.grammar().is_some()
    }

    /// The line-comment marker used in fixtures and inline annotations.
    pub const fn line_comment(self) -> &'static str {
        match self {
            Language::Python | Language::Ruby => "#",
            _ => "//",
        }
    }
}

/// File extensions, sorted by extension (a test keeps it so).
const EXTENSIONS: &[(&str, Language)] = &[
    ("cjs", Language::JavaScript),
    ("cs", Language::CSharp),
    ("csx", Language::CSharp),
    ("cts", Language::TypeScript),
    ("go", Language::Go),
    ("java", Language::Java),
    ("js", Language::JavaScript),
    ("jsx", Language::JavaScript),
    ("mjs", Language::JavaScript),
    ("mts", Language::TypeScript),
    ("php", Language::Php),
    ("phtml", Language::Php),
    ("py", Language::Python),
    ("pyi", Language::Python),
    ("pyw", Language::Python),
    ("rake", Language::Ruby),
    ("rb", Language::Ruby),
    ("rs", Language::Rust),
    ("ru", Language::Ruby),
    ("ts", Language::TypeScript),
    ("tsx", Language::Tsx),
];

/// Whole file names, sorted.
const FILE_NAMES: &[(&str, Language)] = &[
    ("Gemfile", Language::Ruby),
    ("Guardfile", Language::Ruby),
    ("Rakefile", Language::Ruby),
    ("Vagrantfile", Language::Ruby),
];

/// Shebang interpreters, sorted.
const INTERPRETERS: &[(&str, Language)] = &[
    ("deno", Language::TypeScript),
    ("node", Language::JavaScript),
    ("php", Language::Php),
    ("python", Language::Python),
    ("python3", Language::Python),
    ("ruby", Language::Ruby),
    ("ts-node", Language::TypeScript),
    ("tsx", Language::TypeScript),
];

/// The language of `path`, by file name, extension, then the shebang of `first_line`.
pub fn detect(path: &str, first_line: Option<&str>) -> Option<Language> {
    let name = path.rsplit('/').next().unwrap_or(path);
    if let Ok(i) = FILE_NAMES.binary_search_by(|(n, _)| n.cmp(&name)) {
        return Some(FILE_NAMES[i].1);
    }
    if let Some((_, ext)) = name.rsplit_once('.') {
        // `.d.ts` declaration files hold types only; they still parse as TypeScript.
        let ext = ext.to_ascii_lowercase();
        if let Ok(i) = EXTENSIONS.binary_search_by(|(e, _)| e.cmp(&ext.as_str())) {
            return Some(EXTENSIONS[i].1);
        }
        return None;
    }
    let line = first_line?.strip_prefix("#!")?;
    let mut words = line.split_whitespace();
    let mut prog = words.next()?.rsplit('/').next()?;
    if prog == "env" {
        prog = words.find(|w| !w.starts_with('-'))?;
    }
    // `python3.12` → `python3`
    let prog = prog.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    let prog = if prog == "python" || prog.is_empty() {
        "python"
    } else {
        prog
    };
    INTERPRETERS
        .binary_search_by(|(n, _)| n.cmp(&prog))
        .ok()
        .map(|i| INTERPRETERS[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(table: &[(&str, Language)]) -> bool {
        table.windows(2).all(|w| w[0].0 < w[1].0)
    }

    #[test]
    fn tables_are_sorted_and_unique() {
        assert!(sorted(EXTENSIONS));
        assert!(sorted(FILE_NAMES));
        assert!(sorted(INTERPRETERS));
    }

    #[test]
    fn detects_by_extension_name_and_shebang() {
        assert_eq!(detect("app/auth.py", None), Some(Language::Python));
        assert_eq!(detect("src/Login.TSX", None), Some(Language::Tsx));
        assert_eq!(detect("lib/a.d.ts", None), Some(Language::TypeScript));
        assert_eq!(detect("Gemfile", None), Some(Language::Ruby));
        assert_eq!(detect("README.md", None), None);
        assert_eq!(
            detect("bin/tool", Some("#!/usr/bin/env python3")),
            Some(Language::Python)
        );
        assert_eq!(
            detect("bin/tool", Some("#!/usr/bin/python3.12 -u")),
            Some(Language::Python)
        );
        assert_eq!(
            detect("bin/srv", Some("#!/usr/bin/env -S node --x")),
            Some(Language::JavaScript)
        );
        assert_eq!(detect("bin/x", Some("#!/bin/sh")), None);
        assert_eq!(detect("bin/x", None), None);
    }

    #[test]
    fn every_grammar_loads_and_parses_a_sample() {
        let samples = [
            (Language::CSharp, "class A { void M() { var x = 1; } }"),
            (
                Language::Go,
                "package main\nfunc main() { x := 1; _ = x }\n",
            ),
            (Language::Java, "class A { void m() { int x = 1; } }"),
            (Language::JavaScript, "const x = require('y'); x();"),
            (
                Language::Php,
                "<?php\n$x = password_hash($p, PASSWORD_DEFAULT);\n",
            ),
            (Language::Python, "import jwt\njwt.decode(t)\n"),
            (Language::Ruby, "class A\n  before_action :x\nend\n"),
            (Language::Rust, "fn main() { let x = 1; }"),
            (Language::TypeScript, "const x: number = 1;"),
            (Language::Tsx, "const x = <div a={1} />;"),
        ];
        assert_eq!(samples.len(), Language::ALL.len());
        for (lang, text) in samples {
            let mut parser = tree_sitter::Parser::new();
            parser.set_language(&lang.grammar().unwrap()).unwrap();
            let tree = parser.parse(text, None).unwrap();
            assert!(
                !tree.root_node().has_error(),
                "{} failed to parse",
                lang.id()
            );
        }
    }

    #[test]
    fn ids_round_trip() {
        for lang in Language::ALL {
            assert_eq!(Language::from_id(lang.id()), Some(lang));
        }
        assert_eq!(Language::from_id("C#"), Some(Language::CSharp));
        assert_eq!(Language::from_id("golang"), Some(Language::Go));
        assert_eq!(Language::from_id("cobol"), None);
    }
}
