//! Language-neutral reading of literal values: booleans, numbers (with constant arithmetic),
//! strings, null, and small shapes the state rules share (a lambda that always returns `true`, an
//! empty function body).

use idgate_lang::{Language, Source};
use tree_sitter::Node;

/// A literal value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Lit {
    Bool(bool),
    Num(f64),
    Str(String),
    Null,
}

/// Strip wrappers that do not change a value: parentheses, C#/PHP argument nodes, TS `as`/`!`.
pub(crate) fn unwrap(mut node: Node<'_>) -> Node<'_> {
    loop {
        let inner = match node.kind() {
            "parenthesized_expression"
            | "argument"
            | "non_null_expression"
            | "expression_statement" => {
                node.named_child(node.named_child_count().saturating_sub(1) as u32)
            }
            "as_expression" | "satisfies_expression" | "literal_element" => node.named_child(0),
            // Java/C# `(int) x`.
            "cast_expression" => node.child_by_field_name("value"),
            _ => None,
        };
        match inner {
            Some(i) if i.id() != node.id() && i.kind() != "comment" => node = i,
            _ => return node,
        }
    }
}

/// The literal value of `node`, if it is one (constant arithmetic on numbers included).
pub(crate) fn literal(src: &Source<'_>, node: Node<'_>) -> Option<Lit> {
    let node = unwrap(node);
    let text = src.text_of(node).trim();
    match node.kind() {
        "true" => return Some(Lit::Bool(true)),
        "false" => return Some(Lit::Bool(false)),
        "boolean_literal" | "boolean" => {
            return match text.to_ascii_lowercase().as_str() {
                "true" => Some(Lit::Bool(true)),
                "false" => Some(Lit::Bool(false)),
                _ => None,
            };
        }
        "none" | "null" | "nil" | "null_literal" | "undefined" => return Some(Lit::Null),
        _ => {}
    }
    // PHP writes `false`/`true`/`null` as constant names.
    if src.language == Language::Php
        && matches!(node.kind(), "name" | "const_expression" | "qualified_name")
    {
        return match text.to_ascii_lowercase().as_str() {
            "true" => Some(Lit::Bool(true)),
            "false" => Some(Lit::Bool(false)),
            "null" => Some(Lit::Null),
            _ => None,
        };
    }
    if let Some(n) = number(src, node) {
        return Some(Lit::Num(n));
    }
    string(src, node).map(Lit::Str)
}

/// Whether `node` is the boolean literal `value`.
pub(crate) fn is_bool(src: &Source<'_>, node: Node<'_>, value: bool) -> bool {
    literal(src, node) == Some(Lit::Bool(value))
}

/// Whether `node` is a literal that reads as false: `false`, `0`, `"0"`, `"false"`, null.
pub(crate) fn is_falsy(src: &Source<'_>, node: Node<'_>) -> bool {
    match literal(src, node) {
        Some(Lit::Bool(b)) => !b,
        Some(Lit::Num(n)) => n == 0.0,
        Some(Lit::Str(s)) => matches!(
            s.to_ascii_lowercase().as_str(),
            "0" | "false" | "no" | "off"
        ),
        Some(Lit::Null) => true,
        None => false,
    }
}

/// The string content of a string literal without interpolation (Ruby symbols included).
pub(crate) fn string(src: &Source<'_>, node: Node<'_>) -> Option<String> {
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
            | "simple_symbol"
            | "character_literal"
    );
    if !is_string {
        return None;
    }
    // Interpolation makes the value unknown.
    let mut c = node.walk();
    if node.named_children(&mut c).any(|ch| {
        matches!(
            ch.kind(),
            "interpolation"
                | "template_substitution"
                | "variable_name"
                | "interpolated_string_expression"
        )
    }) {
        return None;
    }
    let text = src.text_of(node);
    let text = text.strip_prefix(':').unwrap_or(text);
    let text = text.trim_start_matches(['r', 'b', 'f', 'u', 'R', 'B', 'F', 'U', '@', '#']);
    let text = text.trim_matches('#');
    let quotes: &[char] = &['"', '\'', '`'];
    let stripped = text.trim_start_matches(quotes).trim_end_matches(quotes);
    Some(stripped.to_string())
}

/// The value of a numeric literal or of constant arithmetic over them (`60 * 60 * 24`).
pub(crate) fn number(src: &Source<'_>, node: Node<'_>) -> Option<f64> {
    let node = unwrap(node);
    match node.kind() {
        "integer"
        | "float"
        | "number"
        | "int_literal"
        | "float_literal"
        | "integer_literal"
        | "real_literal"
        | "decimal_integer_literal"
        | "decimal_floating_point_literal"
        | "hex_integer_literal" => parse_number(src.text_of(node)),
        "binary_operator" | "binary_expression" | "binary" => {
            let left = node.child_by_field_name("left")?;
            let right = node.child_by_field_name("right")?;
            let op = node
                .child_by_field_name("operator")
                .map(|o| src.text_of(o).trim().to_string())
                .or_else(|| operator_between(src, node, left, right))?;
            let (a, b) = (number(src, left)?, number(src, right)?);
            match op.as_str() {
                "+" => Some(a + b),
                "-" => Some(a - b),
                "*" => Some(a * b),
                "/" | "//" if b != 0.0 => Some(a / b),
                "**" => Some(a.powf(b)),
                _ => None,
            }
        }
        "unary_operator"
        | "unary_expression"
        | "prefix_unary_expression"
        | "unary"
        | "unary_op_expression" => {
            let text = src.text_of(node).trim();
            let arg = node
                .child_by_field_name("argument")
                .or_else(|| node.child_by_field_name("operand"))
                .or_else(|| node.named_child(0))?;
            let v = number(src, arg)?;
            if text.starts_with('-') {
                Some(-v)
            } else if text.starts_with('+') {
                Some(v)
            } else {
                None
            }
        }
        _ => None,
    }
}

fn operator_between(
    src: &Source<'_>,
    node: Node<'_>,
    left: Node<'_>,
    right: Node<'_>,
) -> Option<String> {
    let text = src.text.get(left.end_byte()..right.start_byte())?.trim();
    let _ = node;
    (!text.is_empty()).then(|| text.to_string())
}

fn parse_number(text: &str) -> Option<f64> {
    let t: String = text.chars().filter(|c| *c != '_').collect();
    let lower = t.to_ascii_lowercase();
    if let Some(hex) = lower.strip_prefix("0x") {
        let digits: String = hex.chars().take_while(char::is_ascii_hexdigit).collect();
        return i64::from_str_radix(&digits, 16).ok().map(|v| v as f64);
    }
    // Drop type suffixes: `30L`, `10u64`, `1.5f`, `2m`.
    let end = lower
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == 'e' || *c == '-' || *c == '+'))
        .map_or(lower.len(), |(i, _)| i);
    lower[..end].parse::<f64>().ok()
}

/// The parameters and body of a function-like value (lambda, arrow function, closure, anonymous
/// method, func literal), or None when `node` is not one.
pub(crate) fn lambda_body(node: Node<'_>) -> Option<Node<'_>> {
    let node = unwrap(node);
    match node.kind() {
        "lambda"
        | "arrow_function"
        | "function_expression"
        | "function"
        | "lambda_expression"
        | "closure_expression"
        | "anonymous_method_expression"
        | "func_literal"
        | "anonymous_function"
        | "anonymous_function_creation_expression"
        | "arrow_function_expression" => node
            .child_by_field_name("body")
            .or_else(|| last_named(node)),
        _ => None,
    }
}

fn last_named(node: Node<'_>) -> Option<Node<'_>> {
    let n = node.named_child_count();
    (n > 0).then(|| node.named_child(n as u32 - 1)).flatten()
}

/// The non-comment named children of `node`.
pub(crate) fn statements(node: Node<'_>) -> Vec<Node<'_>> {
    let mut c = node.walk();
    node.named_children(&mut c)
        .filter(|n| !matches!(n.kind(), "comment" | "line_comment" | "block_comment"))
        .collect()
}

/// Whether a function body (expression or block) does nothing but produce `value`: `true`,
/// `{ return true; }`, `{ true }`.
pub(crate) fn body_always_returns(src: &Source<'_>, body: Node<'_>, value: bool) -> bool {
    let body = unwrap(body);
    if is_bool(src, body, value) {
        return true;
    }
    let stmts = statements(body);
    if stmts.len() != 1 {
        return false;
    }
    let only = unwrap(stmts[0]);
    if is_bool(src, only, value) {
        return true;
    }
    if only.kind().starts_with("return") {
        return statements(only)
            .first()
            .is_some_and(|v| body_always_returns(src, *v, value));
    }
    // Block-in-block, Go's `expression_list` around a returned value.
    matches!(
        only.kind(),
        "block"
            | "statement_block"
            | "statement_list"
            | "expression_list"
            | "body_statement"
            | "compound_statement"
    ) && body_always_returns(src, only, value)
}

/// Whether a function-like value always returns the boolean `value`.
pub(crate) fn lambda_always_returns(src: &Source<'_>, node: Node<'_>, value: bool) -> bool {
    lambda_body(node).is_some_and(|b| body_always_returns(src, b, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first<'t>(src: &'t Source<'_>, kind_pred: impl Fn(&str) -> bool) -> Node<'t> {
        super::super::descendants(src.tree.root_node())
            .find(|n| kind_pred(n.kind()))
            .unwrap()
    }

    #[test]
    fn numbers_and_arithmetic() {
        let src = idgate_lang::parse(Language::Python, "x = 60 * 60 * 24 * 30\n").unwrap();
        let v = first(&src, |k| k == "binary_operator");
        assert_eq!(number(&src, v), Some(2_592_000.0));
        let src = idgate_lang::parse(Language::Java, "class A { long x = 30L * 1000; }").unwrap();
        let v = first(&src, |k| k == "binary_expression");
        assert_eq!(number(&src, v), Some(30_000.0));
        let src = idgate_lang::parse(Language::Ruby, "x = 2 * 3600\n").unwrap();
        let v = first(&src, |k| k == "binary");
        assert_eq!(number(&src, v), Some(7200.0));
    }

    #[test]
    fn booleans_strings_and_lambdas() {
        let src = idgate_lang::parse(Language::Php, "<?php\n$a = ['x' => false];\n").unwrap();
        let v = first(&src, |k| k == "array_element_initializer");
        assert!(is_bool(&src, v.named_child(1).unwrap(), false));
        let src = idgate_lang::parse(
            Language::CSharp,
            "class A { void M() { h.Cb = (a, b, c, d) => true; } }",
        )
        .unwrap();
        let v = first(&src, |k| k == "lambda_expression");
        assert!(lambda_always_returns(&src, v, true));
        let src = idgate_lang::parse(Language::JavaScript, "f({ a: 'x', b: `y${z}` })").unwrap();
        let v = first(&src, |k| k == "string");
        assert_eq!(string(&src, v).as_deref(), Some("x"));
        let v = first(&src, |k| k == "template_string");
        assert_eq!(string(&src, v), None);
        let src = idgate_lang::parse(
            Language::Java,
            "class A { void m() { v.set((h, s) -> { return true; }); } }",
        )
        .unwrap();
        let v = first(&src, |k| k == "lambda_expression");
        assert!(lambda_always_returns(&src, v, true));
        assert!(!lambda_always_returns(&src, v, false));
    }
}
