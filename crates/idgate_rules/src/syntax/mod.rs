//! Shared syntax helpers for rules: walking trees, resolving imports, reading literals.

pub(crate) mod decl;
pub(crate) mod duration;
pub(crate) mod facts;
pub(crate) mod fail_open;
pub(crate) mod generic;
pub(crate) mod js;
pub(crate) mod python;
pub(crate) mod value;

use tree_sitter::Node;

/// The lower-cased words of an identifier, split at `_`, `-`, `.` and camel-case humps
/// (`resetToken` → `reset`, `token`).
pub(crate) fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The last run of characters of `name` that `part` accepts, after trimming what it does not
/// from the end (`app.config["SESSION_COOKIE_SECURE"]` → `SESSION_COOKIE_SECURE`). Cut at a
/// character boundary, so a name ending in a multi-byte character is safe.
pub(crate) fn trailing_word(name: &str, part: impl Fn(char) -> bool) -> &str {
    let trimmed = name.trim_end_matches(|c: char| !part(c));
    let start = trimmed
        .char_indices()
        .rfind(|(_, c)| !part(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &trimmed[start..]
}

/// Every node of the tree under `root`, in document order.
pub(crate) fn descendants(root: Node<'_>) -> impl Iterator<Item = Node<'_>> {
    let mut cursor = root.walk();
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let node = cursor.node();
        if cursor.goto_first_child() {
            return Some(node);
        }
        loop {
            if cursor.goto_next_sibling() {
                return Some(node);
            }
            if !cursor.goto_parent() || cursor.node() == root {
                done = true;
                return Some(node);
            }
        }
    })
}

/// The nearest ancestor of `node` (not `node` itself) whose kind is in `kinds`.
pub(crate) fn ancestor<'t>(node: Node<'t>, kinds: &[&str]) -> Option<Node<'t>> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        if kinds.contains(&n.kind()) {
            return Some(n);
        }
        cur = n.parent();
    }
    None
}

/// Node kinds of named functions and methods, across the languages.
pub(crate) const FUNCTION_KINDS: &[&str] = &[
    "function_definition",
    "function_declaration",
    "method_declaration",
    "method_definition",
    "constructor_declaration",
    "local_function_statement",
    "function_item",
    "method",
    "singleton_method",
];

/// The name of the nearest named function or method around `node`.
pub(crate) fn enclosing_function_name(
    src: &idgate_lang::Source<'_>,
    node: Node<'_>,
) -> Option<String> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        if FUNCTION_KINDS.contains(&n.kind())
            && let Some(name) = n.child_by_field_name("name")
        {
            return Some(src.text_of(name).to_string());
        }
        cur = n.parent();
    }
    None
}

/// The text of the first function or method named `name` in `src`, or the whole text for None.
pub(crate) fn function_text<'a>(
    src: &idgate_lang::Source<'a>,
    name: Option<&str>,
) -> Option<&'a str> {
    let Some(name) = name else {
        return Some(src.text);
    };
    descendants(src.tree.root_node())
        .find(|n| {
            FUNCTION_KINDS.contains(&n.kind())
                && n.child_by_field_name("name")
                    .is_some_and(|x| src.text_of(x) == name)
        })
        .map(|n| src.text_of(n))
}

/// Where a finding on a call should start: at the method name of a chained call
/// (`Client::builder()\n.danger_accept_invalid_certs(true)` points at the second line), else at
/// the call.
pub(crate) fn call_start(node: Node<'_>) -> usize {
    let method = match node.kind() {
        "method_invocation" => node.child_by_field_name("name"),
        "call_expression" | "call" | "invocation_expression" => node
            .child_by_field_name("function")
            .or_else(|| node.child_by_field_name("method"))
            .and_then(|f| {
                f.child_by_field_name("field")
                    .or_else(|| f.child_by_field_name("property"))
                    .or_else(|| f.child_by_field_name("attribute"))
                    .or_else(|| f.child_by_field_name("name"))
                    .filter(|_| f.named_child_count() > 1)
            }),
        "member_call_expression" => node.child_by_field_name("name"),
        _ => None,
    };
    // Only move to the method name when the receiver spans several lines.
    method.map_or(node.start_byte(), |m| {
        if m.start_position().row != node.start_position().row {
            m.start_byte()
        } else {
            node.start_byte()
        }
    })
}

/// Whether `name` reads like something that establishes who the caller is.
pub(crate) fn is_identity_name(name: &str) -> bool {
    const PARTS: &[&str] = &[
        "auth",
        "claims",
        "guard",
        "identity",
        "login",
        "principal",
        "protect",
        "session",
        "user",
        "validat",
        "verif",
    ];
    let lower = name.to_ascii_lowercase();
    PARTS.iter().any(|p| lower.contains(p))
}

/// The new-side line where old line `old_line` now is: shifted past insertions and deletions,
/// or, when it was replaced, the first code line of its replacement (then `true`).
pub(crate) fn map_line(hunks: &[idgate_core::Hunk], new_text: &str, old_line: u32) -> (u32, bool) {
    let lines: Vec<&str> = new_text.lines().collect();
    let is_code = |l: u32| {
        lines.get(l as usize - 1).is_some_and(|t| {
            let t = t.trim_start();
            !t.is_empty()
                && !t.starts_with("//")
                && !t.starts_with('#')
                && !t.starts_with("/*")
                && !t.starts_with('*')
        })
    };
    let first_code_from = |from: u32| {
        (from.max(1)..=lines.len() as u32)
            .find(|l| is_code(*l))
            .unwrap_or(from.max(1))
    };
    let mut delta: i64 = 0;
    for h in hunks {
        if h.old_lines == 0 {
            if old_line <= h.old_start {
                break;
            }
            delta += i64::from(h.new_lines);
            continue;
        }
        if old_line < h.old_start {
            break;
        }
        if old_line < h.old_start + h.old_lines {
            return if h.new_lines > 0 {
                (first_code_from(h.new_start), true)
            } else {
                (first_code_from(h.new_start + 1), false)
            };
        }
        delta += i64::from(h.new_lines) - i64::from(h.old_lines);
    }
    (
        first_code_from((i64::from(old_line) + delta).max(1) as u32),
        false,
    )
}

/// The byte range of a 1-based line of `text`, without its indentation.
pub(crate) fn line_bytes(text: &str, line: u32) -> Option<(usize, usize)> {
    let mut start = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i as u32 + 1 == line {
            let body = l.trim_end();
            let indent = body.len() - body.trim_start().len();
            return (body.len() > indent).then(|| (start + indent, start + body.len()));
        }
        start += l.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descendants_visit_every_node_once() {
        let src = idgate_lang::parse(idgate_lang::Language::Python, "a(b, c)\nd = 1\n").unwrap();
        let root = src.tree.root_node();
        let mut count = 0;
        let mut cursor = root.walk();
        fn walk(c: &mut tree_sitter::TreeCursor<'_>, n: &mut usize) {
            *n += 1;
            if c.goto_first_child() {
                loop {
                    walk(c, n);
                    if !c.goto_next_sibling() {
                        break;
                    }
                }
                c.goto_parent();
            }
        }
        walk(&mut cursor, &mut count);
        assert_eq!(descendants(root).count(), count);
        assert_eq!(descendants(root).next().unwrap(), root);
    }
}
