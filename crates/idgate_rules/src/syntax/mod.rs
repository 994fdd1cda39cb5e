//! Shared syntax helpers for rules: walking trees, resolving imports, reading literals.

pub(crate) mod decl;
pub(crate) mod facts;
pub(crate) mod js;
pub(crate) mod python;

use tree_sitter::Node;

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
