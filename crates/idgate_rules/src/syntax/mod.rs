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
