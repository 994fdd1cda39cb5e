//! Parsed source text.

use crate::Language;

/// Text with its syntax tree and a line index. Lines and columns are 1-based.
pub struct Source<'a> {
    /// The text.
    pub text: &'a str,
    /// Its language.
    pub language: Language,
    /// The syntax tree.
    pub tree: tree_sitter::Tree,
    line_starts: Vec<usize>,
}

/// Parse `text` as `language`. None when no grammar is linked for it. tree-sitter recovers from
/// syntax errors, so partial texts (rebuilt from a patch) still yield a usable tree.
pub fn parse(language: Language, text: &str) -> Option<Source<'_>> {
    let grammar = language.grammar()?;
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&grammar).ok()?;
    let tree = parser.parse(text, None)?;
    let line_starts = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    Some(Source {
        text,
        language,
        tree,
        line_starts,
    })
}

/// Parse `text`, another version of `old` (same language; either direction), reusing `old`'s
/// tree for what did not change. The tree is the one [`parse`] would build; only the work is
/// less, because an edited file keeps most of its syntax.
pub fn parse_edited<'t>(old: &Source<'_>, text: &'t str) -> Option<Source<'t>> {
    let grammar = old.language.grammar()?;
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&grammar).ok()?;
    let mut tree = old.tree.clone();
    // One edit per changed run of lines, so the parser reuses the syntax between the hunks
    // too (a single first-to-last-difference edit makes it re-read most of a file edited in
    // two places). Edits are applied last first: positions before an edit are then still
    // those of the old text.
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .diff_lines(old.text, text);
    let (mut old_at, mut new_at) = (Vec::new(), Vec::new());
    let mut acc = 0;
    old_at.push(0);
    for line in diff.old_slices() {
        acc += line.len();
        old_at.push(acc);
    }
    acc = 0;
    new_at.push(0);
    for line in diff.new_slices() {
        acc += line.len();
        new_at.push(acc);
    }
    let a = old.text.as_bytes();
    for op in diff.ops().iter().rev() {
        if matches!(op.tag(), similar::DiffTag::Equal) {
            continue;
        }
        let (o, n) = (op.old_range(), op.new_range());
        let start_byte = old_at[o.start];
        let old_end_byte = old_at[o.end];
        let inserted = &text.as_bytes()[new_at[n.start]..new_at[n.end]];
        let start_position = point(a, start_byte);
        tree.edit(&tree_sitter::InputEdit {
            start_byte,
            old_end_byte,
            new_end_byte: start_byte + inserted.len(),
            start_position,
            old_end_position: point(a, old_end_byte),
            new_end_position: advance(start_position, inserted),
        });
    }
    let tree = parser.parse(text, Some(&tree))?;
    let line_starts = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    Some(Source {
        text,
        language: old.language,
        tree,
        line_starts,
    })
}

/// Where `from` ends up after `inserted` is written at it.
fn advance(from: tree_sitter::Point, inserted: &[u8]) -> tree_sitter::Point {
    match inserted.iter().rposition(|&c| c == b'\n') {
        Some(last) => tree_sitter::Point {
            row: from.row + inserted.iter().filter(|&&c| c == b'\n').count(),
            column: inserted.len() - last - 1,
        },
        None => tree_sitter::Point {
            row: from.row,
            column: from.column + inserted.len(),
        },
    }
}

/// The row and byte column of `offset` in `text`.
fn point(text: &[u8], offset: usize) -> tree_sitter::Point {
    let before = &text[..offset];
    let row = before.iter().filter(|&&c| c == b'\n').count();
    let column = before.iter().rev().take_while(|&&c| c != b'\n').count();
    tree_sitter::Point { row, column }
}

impl<'a> Source<'a> {
    /// The text of `node`.
    pub fn text_of(&self, node: tree_sitter::Node<'_>) -> &'a str {
        self.text.get(node.byte_range()).unwrap_or("")
    }

    /// The same tree as an ast-grep root, for matching patterns (`jwt.decode($$$)`). The tree is
    /// shared, not re-parsed; the text is copied once.
    pub fn grep_root(&self) -> crate::grep::Root {
        ast_grep_core::AstGrep::doc(ast_grep_core::tree_sitter::StrDoc {
            src: self.text.to_string(),
            lang: self.language,
            tree: self.tree.clone(),
        })
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, byte: usize) -> u32 {
        match self.line_starts.binary_search(&byte) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    /// The byte range of a 1-based line, without its line break; empty past the end.
    pub fn line_range(&self, line: u32) -> std::ops::Range<usize> {
        let Some(&start) = (line as usize)
            .checked_sub(1)
            .and_then(|i| self.line_starts.get(i))
        else {
            return self.text.len()..self.text.len();
        };
        let end = self
            .line_starts
            .get(line as usize)
            .map_or(self.text.len(), |&n| n - 1);
        start..end.max(start)
    }

    /// The 1-based column (in characters) of a byte offset.
    pub fn column_of(&self, byte: usize) -> u32 {
        let line = self.line_of(byte) as usize;
        let start = self.line_starts[line - 1];
        self.text
            .get(start..byte)
            .map_or(1, |s| s.chars().count() as u32 + 1)
    }

    /// The text of 1-based `line`, without its newline.
    pub fn line_text(&self, line: u32) -> &'a str {
        let Some(&start) = self.line_starts.get((line as usize).wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line as usize)
            .map_or(self.text.len(), |e| e - 1);
        self.text.get(start..end).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let s = parse(Language::Python, "a = 1\nbé = 2\n").unwrap();
        assert_eq!(s.line_of(0), 1);
        assert_eq!(s.line_of(6), 2);
        assert_eq!(s.column_of(10), 4); // the "=" after "bé " (é is 2 bytes)
        assert_eq!(s.line_text(2), "bé = 2");
        assert_eq!(s.line_text(9), "");
        assert!(!s.tree.root_node().has_error());
    }

    #[test]
    fn grep_root_shares_the_parsed_tree() {
        let s = parse(Language::Go, "package a\nfunc f() { tls.Dial(a, b, c) }\n").unwrap();
        let root = s.grep_root();
        // In Go, `f($$$)` alone parses as a type conversion; name one argument.
        let pattern = crate::grep::pattern(Language::Go, "tls.Dial($A, $$$)").unwrap();
        let found: Vec<_> = root.root().find_all(&pattern).collect();
        assert_eq!(found.len(), 1);
        assert_eq!(s.line_of(found[0].range().start), 2);
    }

    /// An incremental parse from the old version gives the tree a fresh parse gives, for edits
    /// at the start, middle and end, insertions, deletions, a whole rewrite and multi-byte text.
    #[test]
    fn parse_edited_equals_a_fresh_parse() {
        let old = "import jwt\n\ndef who(t):\n    return jwt.decode(t, key, algorithms=['RS256'])\n\nclass A:\n    x = 1\n";
        let news = [
            old.to_string(),
            old.replace("import jwt", "import jwt as j"),
            old.replace(
                "algorithms=['RS256']",
                "options={'verify_signature': False}",
            ),
            format!("{old}def extra():\n    pass\n"),
            old.replace("\nclass A:\n    x = 1\n", "\n"),
            "x = 'é → ü'\n".to_string(),
            String::new(),
            format!("# é\n{old}"),
            // Several hunks, a last line without a newline, an edit inside a line.
            old.replace("import jwt", "import jwt, os")
                .replace("    x = 1\n", "    x = 2\n    y = 3"),
            format!("{old}\n\ndef a():\n    pass").replacen("def who", "async def who", 1),
            old.replace("\n\n", "\n"),
            old.replace("\n", "\r\n"),
        ];
        for new in &news {
            let o = parse(Language::Python, old).unwrap();
            let edited = parse_edited(&o, new).unwrap();
            let fresh = parse(Language::Python, new).unwrap();
            assert_eq!(
                edited.tree.root_node().to_sexp(),
                fresh.tree.root_node().to_sexp(),
                "{new:?}"
            );
            assert_eq!(
                edited.tree.root_node().byte_range(),
                fresh.tree.root_node().byte_range()
            );
        }
    }
}
