//! Python helpers: imports, call targets, literals.

use std::collections::HashMap;

use idgate_lang::Source;
use tree_sitter::Node;

use super::descendants;

/// What local names refer to, from the file's `import` statements.
#[derive(Debug, Default)]
pub(crate) struct Imports {
    /// Local name → fully qualified dotted path (`pyjwt` → `jwt`, `decode` → `jwt.decode`).
    names: HashMap<String, String>,
}

impl Imports {
    /// Collect the imports of `src`, wherever they are (module level or inside functions).
    pub(crate) fn of(src: &Source<'_>) -> Imports {
        let mut imports = Imports::default();
        for node in descendants(src.tree.root_node()) {
            imports.visit(src, node);
        }
        imports
    }

    /// Add what `node` imports, if it is an import (for walks that visit every node anyway).
    pub(crate) fn visit(&mut self, src: &Source<'_>, node: Node<'_>) {
        let names = &mut self.names;
        match node.kind() {
            "import_statement" => {
                let mut c = node.walk();
                for name in node.children_by_field_name("name", &mut c) {
                    match name.kind() {
                        "dotted_name" => {
                            let full = src.text_of(name);
                            let first = full.split('.').next().unwrap_or(full);
                            names.insert(first.to_string(), first.to_string());
                        }
                        "aliased_import" => {
                            if let (Some(n), Some(a)) = (
                                name.child_by_field_name("name"),
                                name.child_by_field_name("alias"),
                            ) {
                                names
                                    .insert(src.text_of(a).to_string(), src.text_of(n).to_string());
                            }
                        }
                        _ => {}
                    }
                }
            }
            "import_from_statement" => {
                let Some(module) = node.child_by_field_name("module_name") else {
                    return;
                };
                let module = src.text_of(module);
                let fallback = in_except(node);
                let mut c = node.walk();
                for name in node.children_by_field_name("name", &mut c) {
                    let (orig, local) = match name.kind() {
                        "dotted_name" => (src.text_of(name), src.text_of(name)),
                        "aliased_import" => match (
                            name.child_by_field_name("name"),
                            name.child_by_field_name("alias"),
                        ) {
                            (Some(n), Some(a)) => (src.text_of(n), src.text_of(a)),
                            _ => continue,
                        },
                        _ => continue,
                    };
                    // `try: from secrets import randbits` / `except ImportError: from random
                    // import getrandbits as randbits`: the fallback does not replace the import
                    // the code runs with.
                    if fallback && names.contains_key(local) {
                        continue;
                    }
                    names.insert(local.to_string(), format!("{module}.{orig}"));
                }
            }
            _ => {}
        }
    }

    /// The qualified path of a dotted expression (`jwt.decode`, `pyjwt.api_jwt.decode`), with the
    /// first component resolved through the imports. Unimported names stay as written.
    pub(crate) fn qualify(&self, dotted: &str) -> String {
        let (first, rest) = match dotted.split_once('.') {
            Some((f, r)) => (f, Some(r)),
            None => (dotted, None),
        };
        let base = self.names.get(first).map_or(first, String::as_str);
        match rest {
            Some(r) => format!("{base}.{r}"),
            None => base.to_string(),
        }
    }

    /// Every (local name, qualified path) pair.
    pub(crate) fn entries(self) -> impl Iterator<Item = (String, String)> {
        self.names.into_iter()
    }

    /// Whether `name` was imported at all.
    pub(crate) fn is_imported(&self, name: &str) -> bool {
        self.names.contains_key(name)
    }
}

/// Whether `node` is in an `except` clause (an import fallback).
fn in_except(node: Node<'_>) -> bool {
    let mut cur = node.parent();
    for _ in 0..4 {
        match cur {
            Some(n) if n.kind() == "except_clause" => return true,
            Some(n) => cur = n.parent(),
            None => return false,
        }
    }
    false
}

/// The dotted text of a call's function when it is a plain name or attribute chain
/// (`jwt.decode`), or `module.Class().method` chains reduced to `module.Class.method`.
pub(crate) fn callee_path(src: &Source<'_>, func: Node<'_>) -> Option<String> {
    match func.kind() {
        "identifier" => Some(src.text_of(func).to_string()),
        "attribute" => {
            let object = func.child_by_field_name("object")?;
            let attr = src.text_of(func.child_by_field_name("attribute")?);
            let base = match object.kind() {
                "call" => callee_path(src, object.child_by_field_name("function")?)?,
                _ => callee_path(src, object)?,
            };
            Some(format!("{base}.{attr}"))
        }
        _ => None,
    }
}

/// The keyword argument `name=` of a call, as its value node.
pub(crate) fn keyword_arg<'t>(src: &Source<'_>, call: Node<'t>, name: &str) -> Option<Node<'t>> {
    let args = call.child_by_field_name("arguments")?;
    let mut c = args.walk();
    args.named_children(&mut c)
        .filter(|a| a.kind() == "keyword_argument")
        .find(|a| a.child_by_field_name("name").map(|n| src.text_of(n)) == Some(name))
        .and_then(|a| a.child_by_field_name("value"))
}

/// The value of a string literal without quotes or prefixes, when it has no interpolation.
pub(crate) fn string_value(src: &Source<'_>, node: Node<'_>) -> Option<String> {
    if node.kind() != "string" {
        return None;
    }
    let mut c = node.walk();
    let mut out = String::new();
    for child in node.named_children(&mut c) {
        match child.kind() {
            "string_start" | "string_end" => {}
            "string_content" => out.push_str(src.text_of(child)),
            _ => return None, // interpolation or escape we do not evaluate
        }
    }
    Some(out)
}

/// Whether the expression is a literal false value (`False`, `0`).
pub(crate) fn is_falsy_literal(src: &Source<'_>, node: Node<'_>) -> bool {
    match node.kind() {
        "false" => true,
        "integer" => src.text_of(node) == "0",
        "parenthesized_expression" => node
            .named_child(0)
            .is_some_and(|n| is_falsy_literal(src, n)),
        _ => false,
    }
}

/// Follow a local name to the literal it was last assigned before `at` in the same file
/// (`opts = {...}` then `decode(..., options=opts)`). Literals only; anything else is unknown.
pub(crate) fn resolve_value<'t>(src: &Source<'_>, node: Node<'t>) -> Node<'t> {
    if node.kind() != "identifier" {
        return node;
    }
    let name = src.text_of(node);
    let mut best: Option<Node<'t>> = None;
    let root = {
        let mut r = node;
        while let Some(p) = r.parent() {
            r = p;
        }
        r
    };
    for n in descendants(root) {
        if n.start_byte() >= node.start_byte() {
            break;
        }
        if n.kind() == "assignment"
            && n.child_by_field_name("left")
                .is_some_and(|l| l.kind() == "identifier" && src.text_of(l) == name)
            && let Some(right) = n.child_by_field_name("right")
        {
            best = Some(right);
        }
    }
    best.unwrap_or(node)
}

/// The entries of a dict literal or a `dict(k=v)` call, as (key, value node).
pub(crate) fn dict_entries<'t>(src: &Source<'_>, node: Node<'t>) -> Vec<(String, Node<'t>)> {
    let mut out = Vec::new();
    match node.kind() {
        "dictionary" => {
            let mut c = node.walk();
            for pair in node.named_children(&mut c) {
                if pair.kind() != "pair" {
                    continue;
                }
                if let (Some(k), Some(v)) = (
                    pair.child_by_field_name("key"),
                    pair.child_by_field_name("value"),
                ) && let Some(key) = string_value(src, k)
                {
                    out.push((key, v));
                }
            }
        }
        "call" => {
            let is_dict = node
                .child_by_field_name("function")
                .is_some_and(|f| src.text_of(f) == "dict");
            if let (true, Some(args)) = (is_dict, node.child_by_field_name("arguments")) {
                let mut c = args.walk();
                for a in args.named_children(&mut c) {
                    if a.kind() == "keyword_argument"
                        && let (Some(k), Some(v)) = (
                            a.child_by_field_name("name"),
                            a.child_by_field_name("value"),
                        )
                    {
                        out.push((src.text_of(k).to_string(), v));
                    }
                }
            }
        }
        _ => {}
    }
    out
}

/// The string items of a list or tuple literal.
pub(crate) fn string_items(src: &Source<'_>, node: Node<'_>) -> Option<Vec<String>> {
    if !matches!(node.kind(), "list" | "tuple" | "set") {
        return None;
    }
    let mut c = node.walk();
    node.named_children(&mut c)
        .filter(|n| n.kind() != "comment")
        .map(|n| string_value(src, n))
        .collect()
}

/// The name of the function or method that encloses `node`, if any.
pub(crate) fn enclosing_function(src: &Source<'_>, node: Node<'_>) -> Option<String> {
    let f = super::ancestor(node, &["function_definition"])?;
    Some(src.text_of(f.child_by_field_name("name")?).to_string())
}
