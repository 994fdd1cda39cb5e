//! Small language-neutral helpers over the nine grammars: enclosing functions and their names,
//! boolean, number and string literals. The multi-language rules read trees through these.

use idgate_lang::Source;
use tree_sitter::Node;

use super::{ancestor, descendants};

/// Node kinds that are a function, method or closure body owner, across the grammars.
const FUNCTION_KINDS: &[&str] = &[
    // Python, PHP
    "function_definition",
    // JS/TS, Go
    "function_declaration",
    "function_expression",
    "arrow_function",
    "method_definition",
    "generator_function_declaration",
    // Go, Java, C#, PHP
    "method_declaration",
    "func_literal",
    // Java, C#
    "constructor_declaration",
    "local_function_statement",
    // Rust
    "function_item",
    // Ruby
    "method",
    "singleton_method",
];

/// The nearest enclosing function, method or closure of `node`.
pub(crate) fn enclosing_function(node: Node<'_>) -> Option<Node<'_>> {
    ancestor(node, FUNCTION_KINDS)
}

/// The nearest enclosing named function or method (closures and lambdas are skipped).
pub(crate) fn enclosing_named_function<'t>(
    src: &Source<'_>,
    node: Node<'t>,
) -> Option<(Node<'t>, String)> {
    let mut cur = enclosing_function(node);
    while let Some(f) = cur {
        if let Some(name) = function_name(src, f) {
            return Some((f, name));
        }
        cur = enclosing_function(f);
    }
    None
}

/// The name of a function node, when it has one (a JS arrow function assigned to a variable is
/// named after the variable).
pub(crate) fn function_name(src: &Source<'_>, function: Node<'_>) -> Option<String> {
    if let Some(name) = function.child_by_field_name("name") {
        return Some(src.text_of(name).to_string());
    }
    let parent = function.parent()?;
    match parent.kind() {
        "variable_declarator" | "pair" | "assignment_expression" | "short_var_declaration" => {
            let target = parent
                .child_by_field_name("name")
                .or_else(|| parent.child_by_field_name("key"))
                .or_else(|| parent.child_by_field_name("left"))?;
            let text = src.text_of(target);
            Some(
                text.rsplit(['.', ' '])
                    .next()
                    .unwrap_or(text)
                    .trim_matches(['"', '\''])
                    .to_string(),
            )
        }
        _ => None,
    }
}

/// Whether `inner` lies within `outer`.
pub(crate) fn contains(outer: Node<'_>, inner: Node<'_>) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

/// Strip wrappers that do not change a value: parentheses, `!`-free casts, awaits.
pub(crate) fn unwrap(mut node: Node<'_>) -> Node<'_> {
    while matches!(
        node.kind(),
        "parenthesized_expression"
            | "await_expression"
            | "argument"
            | "expression_statement"
            | "literal_element"
    ) && node.named_child_count() == 1
    {
        match node.named_child(0) {
            Some(n) => node = n,
            None => break,
        }
    }
    node
}

/// Whether `node` is the literal `false` in any of the grammars.
pub(crate) fn is_false(src: &Source<'_>, node: Node<'_>) -> bool {
    let node = unwrap(node);
    matches!(
        node.kind(),
        "false" | "boolean_literal" | "boolean" | "boolean_constant"
    ) && src.text_of(node).eq_ignore_ascii_case("false")
}

/// Whether `node` is the literal `true` in any of the grammars.
pub(crate) fn is_true(src: &Source<'_>, node: Node<'_>) -> bool {
    let node = unwrap(node);
    matches!(
        node.kind(),
        "true" | "boolean_literal" | "boolean" | "boolean_constant"
    ) && src.text_of(node).eq_ignore_ascii_case("true")
}

/// Whether `node` is `null`, `nil` or `None`.
pub(crate) fn is_null(src: &Source<'_>, node: Node<'_>) -> bool {
    let node = unwrap(node);
    matches!(node.kind(), "null_literal" | "null" | "nil" | "none")
        && matches!(src.text_of(node), "null" | "nil" | "None" | "NULL")
}

/// The text of a string literal without quotes, prefixes or interpolation (None for anything
/// else, and for strings with interpolated parts).
pub(crate) fn string_literal(src: &Source<'_>, node: Node<'_>) -> Option<String> {
    let node = unwrap(node);
    let kind = node.kind();
    let is_string = matches!(
        kind,
        "string"
            | "string_literal"
            | "interpreted_string_literal"
            | "raw_string_literal"
            | "verbatim_string_literal"
            | "encapsed_string"
            | "template_string"
            | "character_literal"
            | "simple_symbol"
    );
    if !is_string {
        return None;
    }
    let interpolated = descendants(node).any(|d| {
        matches!(
            d.kind(),
            "interpolation" | "template_substitution" | "string_interpolation" | "variable_name"
        )
    });
    if interpolated && kind != "simple_symbol" {
        return None;
    }
    let text = src.text_of(node);
    if kind == "simple_symbol" {
        return Some(text.trim_start_matches(':').to_string());
    }
    // Skip a prefix (`f`, `r#`, `@`, `$`, `b`) up to the opening quote.
    let start = text.find(['"', '\'', '`']).unwrap_or(0);
    Some(
        text[start..]
            .trim_end_matches('#')
            .trim_matches(|c| c == '"' || c == '\'' || c == '`')
            .to_string(),
    )
}

/// A call seen the same way in every grammar: the receiver (for a method call), the method or
/// function name, and the argument nodes.
pub(crate) struct CallShape<'t> {
    /// The receiver of a method call (`x` in `x.f()`, `30` in Ruby's `30.days`).
    pub(crate) receiver: Option<Node<'t>>,
    /// The method or function name.
    pub(crate) name: String,
    /// The arguments (keyword arguments and object literals as nodes).
    pub(crate) args: Vec<Node<'t>>,
}

/// If `node` is a call, method call or object construction: its shape.
pub(crate) fn call_shape<'t>(src: &Source<'_>, node: Node<'t>) -> Option<CallShape<'t>> {
    let language = src.language;
    let field = |n: Node<'t>, f: &str| n.child_by_field_name(f);
    let (receiver, name_node, args) = match node.kind() {
        "call" if language == idgate_lang::Language::Ruby => (
            field(node, "receiver"),
            field(node, "method")?,
            field(node, "arguments"),
        ),
        "method_invocation" => (
            field(node, "object"),
            field(node, "name")?,
            field(node, "arguments"),
        ),
        "member_call_expression" | "nullsafe_member_call_expression" => (
            field(node, "object"),
            field(node, "name")?,
            field(node, "arguments"),
        ),
        "scoped_call_expression" => (
            field(node, "scope"),
            field(node, "name")?,
            field(node, "arguments"),
        ),
        "object_creation_expression" | "new_expression" => {
            let ty = field(node, "type")
                .or_else(|| field(node, "constructor"))
                .or_else(|| node.named_child(0))?;
            let args = field(node, "arguments").or_else(|| {
                let mut c = node.walk();
                node.named_children(&mut c)
                    .find(|n| matches!(n.kind(), "arguments" | "argument_list"))
            });
            (None, ty, args)
        }
        "call" | "call_expression" | "invocation_expression" | "function_call_expression" => {
            let function = unwrap(field(node, "function")?);
            let args = field(node, "arguments");
            match function.kind() {
                "attribute" => (
                    field(function, "object"),
                    field(function, "attribute")?,
                    args,
                ),
                "member_expression" => (
                    field(function, "object"),
                    field(function, "property")?,
                    args,
                ),
                "selector_expression" => {
                    (field(function, "operand"), field(function, "field")?, args)
                }
                "member_access_expression" => (
                    field(function, "expression"),
                    field(function, "name")?,
                    args,
                ),
                "field_expression" => (field(function, "value"), field(function, "field")?, args),
                "scoped_identifier" => (field(function, "path"), field(function, "name")?, args),
                "generic_function" => (None, field(function, "function")?, args),
                _ => (None, function, args),
            }
        }
        _ => return None,
    };
    let text = src.text_of(name_node);
    let name = text
        .rsplit(['.', ':', '\\'])
        .next()
        .unwrap_or(text)
        .split('<')
        .next()
        .unwrap_or(text)
        .to_string();
    Some(CallShape {
        receiver,
        name,
        args: super::facts::children(args),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use idgate_lang::Language;

    #[test]
    fn literals_in_several_grammars() {
        for (language, text) in [
            (Language::Go, "package a\nvar x = f(false, \"none\")\n"),
            (
                Language::Java,
                "class A { void m() { f(false, \"none\"); } }",
            ),
            (
                Language::CSharp,
                "class A { void M() { F(false, \"none\"); } }",
            ),
            (Language::Rust, "fn m() { f(false, \"none\"); }"),
            (Language::Ruby, "f(false, 'none')\n"),
            (Language::Php, "<?php\nf(false, 'none');\n"),
        ] {
            let src = idgate_lang::parse(language, text).unwrap();
            let root = src.tree.root_node();
            assert!(
                descendants(root).any(|n| is_false(&src, n)),
                "{} false",
                language.id()
            );
            assert!(
                !descendants(root).any(|n| is_true(&src, n)),
                "{} true",
                language.id()
            );
            assert!(
                descendants(root).any(|n| string_literal(&src, n).as_deref() == Some("none")),
                "{} string",
                language.id()
            );
        }
    }

    #[test]
    fn functions_have_names_in_several_grammars() {
        for (language, text) in [
            (Language::Go, "package a\nfunc Authenticate() { x() }\n"),
            (Language::Java, "class A { void authenticate() { x(); } }"),
            (Language::CSharp, "class A { void Authenticate() { x(); } }"),
            (Language::Rust, "fn authenticate() { x(); }"),
            (Language::Ruby, "def authenticate\n  x()\nend\n"),
            (Language::Php, "<?php\nfunction authenticate() { x(); }\n"),
            (
                Language::JavaScript,
                "const authenticate = () => { x(); };\n",
            ),
        ] {
            let src = idgate_lang::parse(language, text).unwrap();
            let call = descendants(src.tree.root_node())
                .find(|n| src.text_of(*n) == "x" && n.is_named())
                .unwrap_or_else(|| panic!("{}", language.id()));
            let (_, name) = enclosing_named_function(&src, call).unwrap();
            assert!(name.eq_ignore_ascii_case("authenticate"), "{name}");
        }
    }
}
