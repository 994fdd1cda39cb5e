//! JavaScript and TypeScript helpers: imports and `require`, call targets, literals, functions.

use std::collections::HashMap;

use idgate_lang::Source;
use tree_sitter::Node;

use super::descendants;

/// Node kinds that start a function body.
pub(crate) const FUNCTIONS: &[&str] = &[
    "arrow_function",
    "function",
    "function_declaration",
    "function_expression",
    "generator_function",
    "generator_function_declaration",
    "method_definition",
];

/// What local names refer to, from `import` statements and `require` calls.
#[derive(Debug, Default)]
pub(crate) struct Imports {
    /// Local name → `module` or `module.export` (`jwt` → `jsonwebtoken`,
    /// `verify` → `jsonwebtoken.verify`).
    names: HashMap<String, String>,
}

impl Imports {
    /// Collect the imports of `src`, (`import` statements and `require` calls).
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
                let Some(module) = node
                    .child_by_field_name("source")
                    .and_then(|s| string_value(src, s))
                else {
                    return;
                };
                for n in descendants(node) {
                    match n.kind() {
                        "import_clause" => {
                            let mut c = n.walk();
                            for child in n.named_children(&mut c) {
                                if child.kind() == "identifier" {
                                    names.insert(src.text_of(child).to_string(), module.clone());
                                }
                            }
                        }
                        "namespace_import" => {
                            let mut c = n.walk();
                            for child in n.named_children(&mut c) {
                                if child.kind() == "identifier" {
                                    names.insert(src.text_of(child).to_string(), module.clone());
                                }
                            }
                        }
                        "import_specifier" => {
                            let Some(name) = n.child_by_field_name("name") else {
                                continue;
                            };
                            let local = n.child_by_field_name("alias").unwrap_or(name);
                            names.insert(
                                src.text_of(local).to_string(),
                                format!("{module}.{}", src.text_of(name)),
                            );
                        }
                        _ => {}
                    }
                }
            }
            "variable_declarator" => {
                let (Some(name), Some(value)) = (
                    node.child_by_field_name("name"),
                    node.child_by_field_name("value"),
                ) else {
                    return;
                };
                let Some(module) = required_module(src, value) else {
                    return;
                };
                match name.kind() {
                    "identifier" => {
                        names.insert(src.text_of(name).to_string(), module);
                    }
                    "object_pattern" => {
                        let mut c = name.walk();
                        for p in name.named_children(&mut c) {
                            match p.kind() {
                                "shorthand_property_identifier_pattern" => {
                                    let n = src.text_of(p);
                                    names.insert(n.to_string(), format!("{module}.{n}"));
                                }
                                "pair_pattern" => {
                                    if let (Some(k), Some(v)) = (
                                        p.child_by_field_name("key"),
                                        p.child_by_field_name("value"),
                                    ) {
                                        names.insert(
                                            src.text_of(v).to_string(),
                                            format!("{module}.{}", src.text_of(k)),
                                        );
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    /// The qualified form of a dotted expression, first component resolved through the imports.
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

    /// Whether `name` was bound by an import or `require`.
    pub(crate) fn is_imported(&self, name: &str) -> bool {
        self.names.contains_key(name)
    }
}

/// `require('m')` (possibly `require('m').default` or awaited `import('m')`) → `m`.
fn required_module(src: &Source<'_>, value: Node<'_>) -> Option<String> {
    let value = unwrap_expression(value);
    match value.kind() {
        "call_expression" => {
            let f = value.child_by_field_name("function")?;
            if !matches!(src.text_of(f), "require" | "import") {
                return None;
            }
            let args = value.child_by_field_name("arguments")?;
            string_value(src, args.named_child(0)?)
        }
        "member_expression" => {
            let object = value.child_by_field_name("object")?;
            let prop = value.child_by_field_name("property")?;
            (src.text_of(prop) == "default")
                .then(|| required_module(src, object))
                .flatten()
        }
        _ => None,
    }
}

/// Skip wrappers that do not change a value: parentheses, `await`, TypeScript casts and `!`.
pub(crate) fn unwrap_expression(mut node: Node<'_>) -> Node<'_> {
    loop {
        match node.kind() {
            "parenthesized_expression"
            | "await_expression"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression"
            | "type_assertion" => match node.named_child(0) {
                Some(n) => node = n,
                None => return node,
            },
            _ => return node,
        }
    }
}

/// The value of a string literal (or a template string without substitutions).
pub(crate) fn string_value(src: &Source<'_>, node: Node<'_>) -> Option<String> {
    match node.kind() {
        "string" | "template_string" => {
            let mut c = node.walk();
            let mut out = String::new();
            for child in node.named_children(&mut c) {
                match child.kind() {
                    "string_fragment" => out.push_str(src.text_of(child)),
                    _ => return None,
                }
            }
            Some(out)
        }
        _ => None,
    }
}

/// The dotted path of a call's function (`jwt.verify`), if it is a name or member chain.
pub(crate) fn callee_path(src: &Source<'_>, func: Node<'_>) -> Option<String> {
    let func = unwrap_expression(func);
    match func.kind() {
        "identifier" | "this" => Some(src.text_of(func).to_string()),
        "member_expression" => {
            let object = func.child_by_field_name("object")?;
            let prop = func.child_by_field_name("property")?;
            Some(format!(
                "{}.{}",
                callee_path(src, object)?,
                src.text_of(prop)
            ))
        }
        _ => None,
    }
}

/// The argument nodes of a call.
pub(crate) fn arguments<'t>(call: Node<'t>) -> Vec<Node<'t>> {
    let Some(args) = call.child_by_field_name("arguments") else {
        return Vec::new();
    };
    let mut c = args.walk();
    args.named_children(&mut c)
        .filter(|n| n.kind() != "comment")
        .collect()
}

/// Follow an identifier to the value of the last `const/let/var x = …` before it in the file.
pub(crate) fn resolve_value<'t>(src: &Source<'_>, node: Node<'t>) -> Node<'t> {
    let node = unwrap_expression(node);
    if node.kind() != "identifier" {
        return node;
    }
    let name = src.text_of(node);
    let mut root = node;
    while let Some(p) = root.parent() {
        root = p;
    }
    let mut best = None;
    for n in descendants(root) {
        if n.start_byte() >= node.start_byte() {
            break;
        }
        if n.kind() == "variable_declarator"
            && n.child_by_field_name("name")
                .is_some_and(|l| l.kind() == "identifier" && src.text_of(l) == name)
            && let Some(v) = n.child_by_field_name("value")
        {
            best = Some(unwrap_expression(v));
        }
    }
    best.unwrap_or(node)
}

/// The value node of property `key` in an object literal.
pub(crate) fn property<'t>(src: &Source<'_>, object: Node<'t>, key: &str) -> Option<Node<'t>> {
    if object.kind() != "object" {
        return None;
    }
    let mut c = object.walk();
    object
        .named_children(&mut c)
        .filter(|p| p.kind() == "pair")
        .find(|p| {
            p.child_by_field_name("key").is_some_and(|k| {
                let text = string_value(src, k).unwrap_or_else(|| src.text_of(k).to_string());
                text == key
            })
        })
        .and_then(|p| p.child_by_field_name("value"))
}

/// The string items of an array literal.
pub(crate) fn string_items(src: &Source<'_>, node: Node<'_>) -> Option<Vec<String>> {
    if node.kind() != "array" {
        return None;
    }
    let mut c = node.walk();
    node.named_children(&mut c)
        .filter(|n| n.kind() != "comment")
        .map(|n| string_value(src, n))
        .collect()
}

/// The function that encloses `node` (None at module level).
pub(crate) fn enclosing_function(node: Node<'_>) -> Option<Node<'_>> {
    super::ancestor(node, FUNCTIONS)
}

/// The name a function is known by: its own, or the variable, property or method it is bound to.
pub(crate) fn function_name(src: &Source<'_>, function: Node<'_>) -> Option<String> {
    if let Some(n) = function.child_by_field_name("name") {
        return Some(src.text_of(n).to_string());
    }
    let parent = function.parent()?;
    let named = match parent.kind() {
        "variable_declarator" => parent.child_by_field_name("name"),
        "pair" => parent.child_by_field_name("key"),
        "assignment_expression" => parent.child_by_field_name("left"),
        _ => None,
    }?;
    Some(src.text_of(named).to_string())
}
