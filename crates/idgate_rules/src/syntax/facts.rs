//! Language-neutral facts about a file: what it imports, which functions it calls (with the callee
//! resolved through its imports), which decorators, annotations and attributes it applies, and
//! which names it assigns. The catalogue and the multi-language rules read these instead of each
//! walking nine different grammars.

use std::collections::HashMap;

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use super::{descendants, js, python};

/// A call (or object construction) with its callee.
#[derive(Debug, Clone)]
pub(crate) struct Call<'t> {
    /// The call node.
    pub(crate) node: Node<'t>,
    /// The callee as written, segments joined with `.` (`jwt.decode`, `Jwts.parser.build`,
    /// `reqwest.Client.builder`).
    pub(crate) written: String,
    /// The callee with its first segment resolved through the imports.
    pub(crate) qualified: String,
    /// The argument nodes, in order (keyword arguments and object literals included as nodes).
    pub(crate) args: Vec<Node<'t>>,
}

impl Call<'_> {
    /// The last segment of the callee: the function or method name.
    pub(crate) fn name(&self) -> &str {
        self.written.rsplit('.').next().unwrap_or(&self.written)
    }
}

/// A decorator, annotation or attribute applied to a declaration.
#[derive(Debug, Clone)]
pub(crate) struct Decoration<'t> {
    /// The decoration node.
    pub(crate) node: Node<'t>,
    /// Its name as written (`login_required`, `PreAuthorize`, `Authorize`).
    pub(crate) written: String,
    /// Its name resolved through the imports.
    pub(crate) qualified: String,
}

/// A binding of a name to a value: an assignment, a declaration, a keyword argument or an
/// object/dict entry (`SESSION_COOKIE_AGE = 3600`, `maxAge: 60000`, `expires_in=300`).
#[derive(Debug, Clone)]
pub(crate) struct Binding<'t> {
    /// The node that holds the binding (for the location).
    pub(crate) node: Node<'t>,
    /// The bound name: the last segment of the target (`cfg.session.maxAge` → `maxAge`).
    pub(crate) name: String,
    /// The value node.
    pub(crate) value: Node<'t>,
}

/// The facts of one parsed file.
pub(crate) struct Facts<'t> {
    /// Local name → qualified path (segments joined with `.`; a Go import path keeps its `/`).
    pub(crate) imports: HashMap<String, String>,
    /// Every imported, required or used module or namespace path, as written.
    pub(crate) modules: Vec<String>,
    /// Calls and constructions, in document order.
    pub(crate) calls: Vec<Call<'t>>,
    /// Decorators, annotations and attributes.
    pub(crate) decorations: Vec<Decoration<'t>>,
    /// Assignments and keyed values.
    pub(crate) bindings: Vec<Binding<'t>>,
    /// Declarations and error handlers, in document order: what [`super::decl`] and
    /// [`super::fail_open`] read, collected here so they need no walk of their own.
    pub(crate) outline: Vec<Node<'t>>,
}

/// Every string that [`call_parts`], [`decoration_name`] and [`binding_parts`] compare a node's
/// kind (or a field) with: a node whose kind is none of them cannot be a call, a decoration or a
/// binding. A test checks this list against those functions over the fixtures and the corpus.
const FACT_KINDS: &[&str] = &[
    "annotation",
    "argument_list",
    "arguments",
    "array_element_initializer",
    "assignment",
    "assignment_expression",
    "assignment_statement",
    "attribute",
    "body",
    "call",
    "call_expression",
    "composite_literal",
    "const_element",
    "const_item",
    "const_spec",
    "constructor",
    "decorator",
    "field",
    "field_initializer",
    "function",
    "function_call_expression",
    "initializer",
    "invocation_expression",
    "key",
    "keyed_element",
    "keyword_argument",
    "left",
    "let_declaration",
    "macro",
    "macro_invocation",
    "marker_annotation",
    "member_call_expression",
    "method",
    "method_invocation",
    "name",
    "new_expression",
    "nullsafe_member_call_expression",
    "object",
    "object_creation_expression",
    "pair",
    "pattern",
    "public_field_definition",
    "receiver",
    "right",
    "scope",
    "scoped_call_expression",
    "short_var_declaration",
    "static_item",
    "struct_expression",
    "token_tree",
    "type",
    "value",
    "var_spec",
    "variable_declarator",
];

/// Per language, by kind id: whether a node of that kind may start a fact. Built from the
/// grammar's kind names, so aliased kinds (one name, several ids) are all covered.
fn fact_kinds(language: Language) -> &'static [bool] {
    static TABLES: std::sync::OnceLock<Vec<(Language, Vec<bool>)>> = std::sync::OnceLock::new();
    kind_table(&TABLES, language, |_, k| FACT_KINDS.contains(&k))
}

/// Whether a node of `kind` belongs to the outline: a declaration or an error handler.
fn is_outline(language: Language, kind: &str) -> bool {
    super::decl::is_declaration(language, kind) || super::fail_open::is_handler(language, kind)
}

/// Per language, by kind id: whether a node of that kind may belong to the outline.
fn outline_kinds(language: Language) -> &'static [bool] {
    static TABLES: std::sync::OnceLock<Vec<(Language, Vec<bool>)>> = std::sync::OnceLock::new();
    kind_table(&TABLES, language, is_outline)
}

/// A table by kind id of `language`'s grammar, built once per process.
fn kind_table(
    tables: &'static std::sync::OnceLock<Vec<(Language, Vec<bool>)>>,
    language: Language,
    keep: fn(Language, &str) -> bool,
) -> &'static [bool] {
    let tables = tables.get_or_init(|| {
        Language::ALL
            .into_iter()
            .map(|l| {
                let table = l.grammar().map_or_else(Vec::new, |g| {
                    (0..g.node_kind_count())
                        .map(|id| {
                            u16::try_from(id)
                                .ok()
                                .and_then(|id| g.node_kind_for_id(id))
                                .is_some_and(|k| keep(l, k))
                        })
                        .collect()
                });
                (l, table)
            })
            .collect()
    });
    tables
        .iter()
        .find(|(l, _)| *l == language)
        .map_or(&[], |(_, t)| t.as_slice())
}

impl<'t> Facts<'t> {
    /// Extract the facts of `src`.
    pub(crate) fn of(src: &'t Source<'_>) -> Facts<'t> {
        Facts::extract(src, true)
    }

    /// With `filtered`, nodes whose kind is not in [`FACT_KINDS`] are skipped unexamined.
    /// One walk of the tree collects everything: imports, facts and the outline. Callees are
    /// qualified after it, so an import further down (inside a later function) still counts.
    fn extract(src: &'t Source<'_>, filtered: bool) -> Facts<'t> {
        let mut facts = Facts {
            imports: HashMap::new(),
            modules: Vec::new(),
            calls: Vec::new(),
            decorations: Vec::new(),
            bindings: Vec::new(),
            outline: Vec::new(),
        };
        let language = src.language;
        let mut py_imports = python::Imports::default();
        let mut js_imports = js::Imports::default();
        let (wanted, outline) = (fact_kinds(language), outline_kinds(language));
        let is = |table: &[bool], node: Node<'_>| {
            table
                .get(usize::from(node.kind_id()))
                .copied()
                .unwrap_or(true)
        };
        for node in descendants(src.tree.root_node()) {
            match language {
                Language::Python => py_imports.visit(src, node),
                l if l.is_js_family() => js_imports.visit(src, node),
                _ => facts.import_node(src, node),
            }
            if is(outline, node) && is_outline(language, node.kind()) {
                facts.outline.push(node);
            }
            // Most nodes are tokens and expressions no fact starts at: one table lookup rules
            // them out before any kind name is compared.
            if filtered && !is(wanted, node) {
                continue;
            }
            if let Some((callee, args)) = call_parts(language, src, node) {
                if let Some(written) = callee {
                    facts.calls.push(Call {
                        node,
                        written,
                        qualified: String::new(),
                        args,
                    });
                }
                continue;
            }
            if let Some(written) = decoration_name(language, src, node) {
                facts.decorations.push(Decoration {
                    node,
                    written,
                    qualified: String::new(),
                });
                continue;
            }
            if let Some((target, value)) = binding_parts(language, node) {
                let name = last_segment(src.text_of(target));
                if !name.is_empty() {
                    facts.bindings.push(Binding { node, name, value });
                }
            }
        }
        let entries: Vec<(String, String)> = match language {
            Language::Python => py_imports.entries().collect(),
            l if l.is_js_family() => js_imports.entries().collect(),
            _ => Vec::new(),
        };
        for (local, path) in entries {
            facts.modules.push(path.clone());
            facts.imports.insert(local, path);
        }
        facts.modules.sort();
        facts.modules.dedup();
        for i in 0..facts.calls.len() {
            facts.calls[i].qualified = facts.qualify(&facts.calls[i].written);
        }
        for i in 0..facts.decorations.len() {
            facts.decorations[i].qualified = facts.qualify(&facts.decorations[i].written);
        }
        facts
    }

    /// `written` with its first segment resolved through the imports.
    pub(crate) fn qualify(&self, written: &str) -> String {
        let (first, rest) = match written.split_once('.') {
            Some((f, r)) => (f, Some(r)),
            None => (written, None),
        };
        let base = self.imports.get(first).map_or(first, String::as_str);
        match rest {
            Some(r) => format!("{base}.{r}"),
            None => base.to_string(),
        }
    }

    /// The binding whose value is `node` (`claims = jwt.decode(...)` for the decode call).
    pub(crate) fn binding_of_value(&self, node: Node<'_>) -> Option<&Binding<'t>> {
        self.bindings
            .iter()
            .find(|b| super::value::unwrap(b.value).id() == node.id())
    }

    /// The last binding of local `name` inside `scope` that ends before byte `before`.
    pub(crate) fn last_binding_in(
        &self,
        name: &str,
        scope: Node<'_>,
        before: usize,
    ) -> Option<&Binding<'t>> {
        self.bindings.iter().rfind(|b| {
            b.name == name
                && scope.start_byte() <= b.node.start_byte()
                && b.node.end_byte() <= before
        })
    }

    /// Whether the file imports, requires or uses `module` or something under it.
    pub(crate) fn uses_module(&self, module: &str) -> bool {
        self.modules.iter().any(|m| under(m, module))
    }

    /// Imports of the languages without a dedicated helper module.
    fn import_node(&mut self, src: &Source<'_>, node: Node<'_>) {
        match (src.language, node.kind()) {
            (Language::Go, "import_spec") => {
                let Some(path) = node.child_by_field_name("path") else {
                    return;
                };
                let path = src.text_of(path).trim_matches(|c| c == '"' || c == '`');
                let local = node
                    .child_by_field_name("name")
                    .map(|n| src.text_of(n).to_string())
                    .unwrap_or_else(|| go_package_name(path));
                self.modules.push(path.to_string());
                if local != "_" && local != "." {
                    self.imports.insert(local, path.to_string());
                }
            }
            (Language::Java, "import_declaration") => {
                let text = src.text_of(node);
                let body = text
                    .trim_start_matches("import")
                    .trim()
                    .trim_start_matches("static")
                    .trim()
                    .trim_end_matches(';')
                    .trim();
                let path: String = body.chars().filter(|c| !c.is_whitespace()).collect();
                if let Some(package) = path.strip_suffix(".*") {
                    self.modules.push(package.to_string());
                } else {
                    self.modules.push(path.clone());
                    self.imports.insert(last_segment(&path), path);
                }
            }
            (Language::CSharp, "using_directive") => {
                let Some(target) = last_named_child(node) else {
                    return;
                };
                let path = src.text_of(target).to_string();
                if let Some(alias) = node.child_by_field_name("name") {
                    self.imports
                        .insert(src.text_of(alias).to_string(), path.clone());
                }
                self.modules.push(path);
            }
            (Language::Rust, "use_declaration") => {
                if let Some(arg) = node.child_by_field_name("argument") {
                    self.rust_use(src, arg, "");
                }
            }
            (Language::Php, "namespace_use_clause") => {
                let Some(name) = node.named_child(0) else {
                    return;
                };
                let path = src
                    .text_of(name)
                    .trim_start_matches('\\')
                    .replace('\\', ".");
                let local = node
                    .child_by_field_name("alias")
                    .map(|a| src.text_of(a).to_string())
                    .unwrap_or_else(|| last_segment(&path));
                self.modules.push(path.clone());
                self.imports.insert(local, path);
            }
            (Language::Ruby, "call") => {
                let method = node.child_by_field_name("method").map(|m| src.text_of(m));
                if matches!(method, Some("require" | "require_relative"))
                    && let Some(arg) = node
                        .child_by_field_name("arguments")
                        .and_then(|a| a.named_child(0))
                {
                    let path = src.text_of(arg).trim_matches(|c| c == '\'' || c == '"');
                    self.modules.push(path.to_string());
                }
            }
            _ => {}
        }
    }

    fn rust_use(&mut self, src: &Source<'_>, node: Node<'_>, prefix: &str) {
        let join = |p: &str| {
            let p = p.replace("::", ".");
            if prefix.is_empty() {
                p
            } else {
                format!("{prefix}.{p}")
            }
        };
        match node.kind() {
            "identifier" | "scoped_identifier" | "crate" | "self" => {
                let path = join(src.text_of(node));
                self.modules.push(path.clone());
                self.imports.insert(last_segment(&path), path);
            }
            "use_as_clause" => {
                if let (Some(p), Some(a)) = (
                    node.child_by_field_name("path"),
                    node.child_by_field_name("alias"),
                ) {
                    let path = join(src.text_of(p));
                    self.modules.push(path.clone());
                    self.imports.insert(src.text_of(a).to_string(), path);
                }
            }
            "scoped_use_list" => {
                let base = node
                    .child_by_field_name("path")
                    .map(|p| join(src.text_of(p)))
                    .unwrap_or_else(|| prefix.to_string());
                self.modules.push(base.clone());
                if let Some(list) = node.child_by_field_name("list") {
                    let mut c = list.walk();
                    for item in list.named_children(&mut c) {
                        self.rust_use(src, item, &base);
                    }
                }
            }
            "use_list" => {
                let mut c = node.walk();
                for item in node.named_children(&mut c) {
                    self.rust_use(src, item, prefix);
                }
            }
            "use_wildcard" => {
                if let Some(p) = node.named_child(0) {
                    self.modules.push(join(src.text_of(p)));
                }
            }
            _ => {}
        }
    }
}

/// Whether module path `m` is `module` or lies under it (`jwt.api_jwt` under `jwt`,
/// `github.com/golang-jwt/jwt/v5` under `github.com/golang-jwt/jwt`).
pub(crate) fn under(m: &str, module: &str) -> bool {
    m == module
        || m.strip_prefix(module)
            .is_some_and(|rest| rest.starts_with(['.', '/', ':', '\\']))
}

/// Go's default package name for an import path: the last element, without a `/vN` major
/// version suffix and without a `go-` prefix or `.go`/`-go` suffix where that is the convention.
fn go_package_name(path: &str) -> String {
    let mut parts: Vec<&str> = path.split('/').collect();
    if parts.len() > 1
        && let Some(last) = parts.last()
        && last.len() > 1
        && last.starts_with('v')
        && last[1..].chars().all(|c| c.is_ascii_digit())
    {
        parts.pop();
    }
    let last = parts.last().copied().unwrap_or(path);
    let last = last.strip_prefix("go-").unwrap_or(last);
    let last = last.strip_suffix(".go").unwrap_or(last);
    let last = last.strip_suffix("-go").unwrap_or(last);
    last.replace('-', "")
}

fn last_segment(path: &str) -> String {
    path.rsplit(['.', ':', '\\', '/'])
        .find(|s| !s.is_empty())
        .unwrap_or("")
        .trim_matches(|c: char| c == '"' || c == '\'' || c == '$')
        .to_string()
}

fn last_named_child(node: Node<'_>) -> Option<Node<'_>> {
    let count = node.named_child_count();
    (count > 0)
        .then(|| node.named_child(count as u32 - 1))
        .flatten()
}

/// If `node` is a call or construction: its callee path (None when not a plain path, such as a
/// call of a call result) and its argument nodes.
#[allow(clippy::type_complexity)]
pub(crate) fn call_parts<'t>(
    language: Language,
    src: &Source<'_>,
    node: Node<'t>,
) -> Option<(Option<String>, Vec<Node<'t>>)> {
    let (callee, args): (Option<Node<'t>>, Option<Node<'t>>) = match (language, node.kind()) {
        (Language::Python, "call") => (
            node.child_by_field_name("function"),
            node.child_by_field_name("arguments"),
        ),
        (l, "call_expression") if l.is_js_family() || l == Language::Go => (
            node.child_by_field_name("function"),
            node.child_by_field_name("arguments"),
        ),
        (l, "new_expression") if l.is_js_family() => (
            node.child_by_field_name("constructor"),
            node.child_by_field_name("arguments"),
        ),
        (Language::Go, "composite_literal") => (
            node.child_by_field_name("type"),
            node.child_by_field_name("body"),
        ),
        (Language::Java, "method_invocation") => {
            let name = node.child_by_field_name("name")?;
            let args = node.child_by_field_name("arguments");
            let written = match node.child_by_field_name("object") {
                Some(object) => {
                    path_of(language, src, object).map(|o| format!("{o}.{}", src.text_of(name)))
                }
                None => Some(src.text_of(name).to_string()),
            };
            return Some((written, children(args)));
        }
        (Language::Java | Language::CSharp | Language::Php, "object_creation_expression") => {
            let ty = node
                .child_by_field_name("type")
                .or_else(|| node.named_child(0));
            let args = node
                .child_by_field_name("arguments")
                .or_else(|| named_child_of_kind(node, &["arguments", "argument_list"]));
            let mut args = children(args);
            if let Some(init) = node.child_by_field_name("initializer") {
                args.push(init);
            }
            return Some((ty.and_then(|t| path_of(language, src, t)), args));
        }
        (Language::Rust, "call_expression") => (
            node.child_by_field_name("function"),
            node.child_by_field_name("arguments"),
        ),
        (Language::Rust, "macro_invocation") => (
            node.child_by_field_name("macro"),
            named_child_of_kind(node, &["token_tree"]),
        ),
        (Language::Rust, "struct_expression") => (
            node.child_by_field_name("name"),
            node.child_by_field_name("body"),
        ),
        (Language::CSharp, "invocation_expression") => (
            node.child_by_field_name("function"),
            node.child_by_field_name("arguments"),
        ),
        (Language::Ruby, "call") => {
            let method = node.child_by_field_name("method")?;
            let args = node.child_by_field_name("arguments");
            let written = match node.child_by_field_name("receiver") {
                Some(r) => {
                    path_of(language, src, r).map(|o| format!("{o}.{}", src.text_of(method)))
                }
                None => Some(src.text_of(method).to_string()),
            };
            return Some((written, children(args)));
        }
        (Language::Php, "function_call_expression") => (
            node.child_by_field_name("function"),
            node.child_by_field_name("arguments"),
        ),
        (Language::Php, "member_call_expression" | "nullsafe_member_call_expression") => {
            let name = node.child_by_field_name("name")?;
            let object = node.child_by_field_name("object")?;
            let written =
                path_of(language, src, object).map(|o| format!("{o}.{}", src.text_of(name)));
            return Some((written, children(node.child_by_field_name("arguments"))));
        }
        (Language::Php, "scoped_call_expression") => {
            let name = node.child_by_field_name("name")?;
            let scope = node.child_by_field_name("scope")?;
            let written =
                path_of(language, src, scope).map(|o| format!("{o}.{}", src.text_of(name)));
            return Some((written, children(node.child_by_field_name("arguments"))));
        }
        _ => return None,
    };
    let written = callee.and_then(|c| path_of(language, src, c));
    Some((written, children(args)))
}

fn named_child_of_kind<'t>(node: Node<'t>, kinds: &[&str]) -> Option<Node<'t>> {
    let mut c = node.walk();
    node.named_children(&mut c)
        .find(|n| kinds.contains(&n.kind()))
}

/// The argument nodes of an argument list, unwrapping per-argument wrappers (C#, PHP).
pub(crate) fn children(args: Option<Node<'_>>) -> Vec<Node<'_>> {
    let Some(args) = args else {
        return Vec::new();
    };
    let mut c = args.walk();
    args.named_children(&mut c)
        .filter(|n| n.kind() != "comment")
        .map(|n| match n.kind() {
            "argument" => n
                .named_child(n.named_child_count().saturating_sub(1) as u32)
                .unwrap_or(n),
            _ => n,
        })
        .collect()
}

/// A callee or receiver expression flattened into `a.b.c`: names, member accesses, scoped names,
/// and calls in the chain reduced to their callee (`Jwts.parser().build` → `Jwts.parser.build`).
/// None for anything else (a literal, a subscript, a lambda).
pub(crate) fn path_of(language: Language, src: &Source<'_>, node: Node<'_>) -> Option<String> {
    let text = || Some(src.text_of(node).to_string());
    let join = |a: Option<Node<'_>>, b: Option<Node<'_>>| -> Option<String> {
        let a = path_of(language, src, a?)?;
        let b = src.text_of(b?);
        Some(format!("{a}.{b}"))
    };
    match node.kind() {
        "identifier"
        | "type_identifier"
        | "constant"
        | "name"
        | "package_identifier"
        | "field_identifier"
        | "property_identifier"
        | "this"
        | "self"
        | "super"
        | "crate"
        | "predefined_type" => text(),
        "variable_name" => Some(src.text_of(node).trim_start_matches('$').to_string()),
        // Python, JS/TS, Go, C#, Java field access, Rust, PHP.
        "attribute" => join(
            node.child_by_field_name("object"),
            node.child_by_field_name("attribute"),
        ),
        "member_expression" => join(
            node.child_by_field_name("object"),
            node.child_by_field_name("property"),
        ),
        "selector_expression" => join(
            node.child_by_field_name("operand"),
            node.child_by_field_name("field"),
        ),
        "qualified_type" => join(
            node.child_by_field_name("package"),
            node.child_by_field_name("name"),
        ),
        // C# names the object `expression`, PHP `object`.
        "member_access_expression" => join(
            node.child_by_field_name("expression")
                .or_else(|| node.child_by_field_name("object")),
            node.child_by_field_name("name"),
        ),
        "field_access" => join(
            node.child_by_field_name("object"),
            node.child_by_field_name("field"),
        ),
        "field_expression" => join(
            node.child_by_field_name("value"),
            node.child_by_field_name("field"),
        ),
        "scoped_identifier" | "scoped_type_identifier" => {
            match node.child_by_field_name("path") {
                Some(_) => join(
                    node.child_by_field_name("path"),
                    node.child_by_field_name("name"),
                ),
                // Java's `scoped_identifier` uses `scope`; its `scoped_type_identifier`
                // (`new OkHttpClient.Builder()`) has no fields at all.
                None if node.child_by_field_name("scope").is_none()
                    && node.kind() == "scoped_type_identifier" =>
                {
                    let mut c = node.walk();
                    let parts: Option<Vec<String>> = node
                        .named_children(&mut c)
                        .filter(|n| !n.kind().ends_with("annotation"))
                        .map(|n| path_of(language, src, n))
                        .collect();
                    parts.filter(|p| !p.is_empty()).map(|p| p.join("."))
                }
                None => join(
                    node.child_by_field_name("scope"),
                    node.child_by_field_name("name"),
                ),
            }
        }
        "qualified_name" => {
            if language == Language::Php {
                Some(
                    src.text_of(node)
                        .trim_start_matches('\\')
                        .replace('\\', "."),
                )
            } else {
                join(
                    node.child_by_field_name("qualifier"),
                    node.child_by_field_name("name"),
                )
            }
        }
        "scope_resolution" => join(
            node.child_by_field_name("scope"),
            node.child_by_field_name("name"),
        ),
        "generic_function" => path_of(language, src, node.child_by_field_name("function")?),
        "generic_type" | "generic_name" => path_of(language, src, node.named_child(0)?),
        "nested_type_identifier" => join(
            node.child_by_field_name("module"),
            node.child_by_field_name("name"),
        ),
        "parenthesized_expression" | "await_expression" | "non_null_expression" => {
            path_of(language, src, node.named_child(0)?)
        }
        // A call in the chain: reduce it to its callee.
        "call"
        | "call_expression"
        | "invocation_expression"
        | "method_invocation"
        | "member_call_expression"
        | "scoped_call_expression"
        | "function_call_expression"
        | "object_creation_expression"
        | "new_expression" => call_parts(language, src, node).and_then(|(callee, _)| callee),
        _ => None,
    }
}

/// The name of a decorator, annotation or attribute node.
fn decoration_name(language: Language, src: &Source<'_>, node: Node<'_>) -> Option<String> {
    let target = match (language, node.kind()) {
        (Language::Python, "decorator") => {
            let e = node.named_child(0)?;
            match e.kind() {
                "call" => e.child_by_field_name("function")?,
                _ => e,
            }
        }
        (l, "decorator") if l.is_js_family() => {
            let e = node.named_child(0)?;
            match e.kind() {
                "call_expression" => e.child_by_field_name("function")?,
                _ => e,
            }
        }
        (Language::Java, "annotation" | "marker_annotation") => node.child_by_field_name("name")?,
        (Language::CSharp, "attribute") => node.child_by_field_name("name")?,
        (Language::Php, "attribute") => node.named_child(0)?,
        (Language::Rust, "attribute") => node.named_child(0)?,
        _ => return None,
    };
    path_of(language, src, target)
}

/// If `node` binds a name to a value: the target and the value.
fn binding_parts(language: Language, node: Node<'_>) -> Option<(Node<'_>, Node<'_>)> {
    let f = |a: &str, b: &str| Some((node.child_by_field_name(a)?, node.child_by_field_name(b)?));
    match (language, node.kind()) {
        (Language::Python, "assignment") => f("left", "right"),
        (Language::Python, "keyword_argument") => f("name", "value"),
        (Language::Python | Language::Ruby, "pair") => f("key", "value"),
        (l, "assignment_expression") if l.is_js_family() => f("left", "right"),
        (l, "variable_declarator") if l.is_js_family() => f("name", "value"),
        (l, "pair") if l.is_js_family() => f("key", "value"),
        (l, "public_field_definition") if l.is_js_family() => f("name", "value"),
        (Language::Go, "keyed_element") => {
            let key = node.named_child(0)?;
            let value = node.named_child(1)?;
            Some((key, value))
        }
        (Language::Go, "assignment_statement" | "short_var_declaration") => {
            let left = node.child_by_field_name("left")?.named_child(0)?;
            let right = node.child_by_field_name("right")?.named_child(0)?;
            Some((left, right))
        }
        (Language::Go, "const_spec" | "var_spec") => {
            let name = node.child_by_field_name("name")?;
            let value = node.child_by_field_name("value")?.named_child(0)?;
            Some((name, value))
        }
        (Language::Java, "variable_declarator") => f("name", "value"),
        (Language::Java | Language::Rust | Language::Php, "assignment_expression") => {
            f("left", "right")
        }
        (Language::CSharp, "assignment_expression") => f("left", "right"),
        (Language::CSharp, "variable_declarator") => {
            let name = node.child_by_field_name("name")?;
            let value = last_named_child(node).filter(|v| v.id() != name.id())?;
            Some((name, value))
        }
        (Language::Rust, "let_declaration") => f("pattern", "value"),
        (Language::Rust, "const_item" | "static_item") => f("name", "value"),
        (Language::Rust, "field_initializer") => f("field", "value"),
        (Language::Ruby, "assignment") => f("left", "right"),
        (Language::Php, "array_element_initializer") => {
            if node.named_child_count() == 2 {
                Some((node.named_child(0)?, node.named_child(1)?))
            } else {
                None
            }
        }
        (Language::Php, "const_element") => Some((node.named_child(0)?, node.named_child(1)?)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts_of(language: Language, text: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
        let src = idgate_lang::parse(language, text).unwrap();
        let f = Facts::of(&src);
        (
            f.calls.iter().map(|c| c.qualified.clone()).collect(),
            f.decorations.iter().map(|d| d.qualified.clone()).collect(),
            f.bindings.iter().map(|b| b.name.clone()).collect(),
        )
    }

    #[test]
    fn go_calls_resolve_through_named_and_versioned_imports() {
        let (calls, _, bindings) = facts_of(
            Language::Go,
            "package a\nimport (\n jwtlib \"github.com/golang-jwt/jwt/v5\"\n \"crypto/tls\"\n)\nfunc f() { c := &tls.Config{InsecureSkipVerify: true}; jwtlib.Parse(t, kf) }\n",
        );
        assert!(
            calls.contains(&"crypto/tls.Config".to_string()),
            "{calls:?}"
        );
        assert!(calls.contains(&"github.com/golang-jwt/jwt/v5.Parse".to_string()));
        assert!(bindings.contains(&"InsecureSkipVerify".to_string()));
        assert_eq!(go_package_name("github.com/golang-jwt/jwt/v5"), "jwt");
        assert_eq!(go_package_name("github.com/go-jose/go-jose/v4"), "jose");
    }

    #[test]
    fn java_annotations_and_chains() {
        let (calls, decos, _) = facts_of(
            Language::Java,
            "import io.jsonwebtoken.Jwts;\nimport org.springframework.security.access.prepost.PreAuthorize;\nclass A { @PreAuthorize(\"x\") void m() { Jwts.parser().setSigningKey(k); new Cookie(\"a\", v); } }",
        );
        assert!(
            calls.contains(&"io.jsonwebtoken.Jwts.parser.setSigningKey".to_string()),
            "{calls:?}"
        );
        assert!(calls.contains(&"Cookie".to_string()));
        assert_eq!(
            decos,
            vec!["org.springframework.security.access.prepost.PreAuthorize".to_string()]
        );
    }

    #[test]
    fn csharp_rust_ruby_php() {
        let (calls, decos, bindings) = facts_of(
            Language::CSharp,
            "using Microsoft.AspNetCore.Authorization;\n[Authorize]\nclass A { [AllowAnonymous] void M() { var p = new TokenValidationParameters { ValidateIssuer = false }; h.ValidateToken(x); } }",
        );
        assert!(
            calls.contains(&"TokenValidationParameters".to_string()),
            "{calls:?}"
        );
        assert!(calls.contains(&"h.ValidateToken".to_string()));
        assert_eq!(
            decos,
            vec!["Authorize".to_string(), "AllowAnonymous".to_string()]
        );
        assert!(bindings.contains(&"ValidateIssuer".to_string()));

        let (calls, _, bindings) = facts_of(
            Language::Rust,
            "use jsonwebtoken::{decode, Validation as V};\nfn f() { let mut v = V::new(A); v.validate_exp = false; let c = reqwest::Client::builder().danger_accept_invalid_certs(true); decode::<C>(&t, &k, &v); }",
        );
        assert!(
            calls.contains(&"jsonwebtoken.Validation.new".to_string()),
            "{calls:?}"
        );
        assert!(calls.contains(&"jsonwebtoken.decode".to_string()));
        assert!(calls.contains(&"reqwest.Client.builder.danger_accept_invalid_certs".to_string()));
        assert!(bindings.contains(&"validate_exp".to_string()));

        let (calls, _, bindings) = facts_of(
            Language::Ruby,
            "require 'jwt'\nclass A < B\n  before_action :authenticate_user!\n  def m\n    JWT.decode(t, nil, false)\n    cookies[:a] = { value: v, httponly: true }\n  end\nend\n",
        );
        assert!(calls.contains(&"JWT.decode".to_string()), "{calls:?}");
        assert!(calls.contains(&"before_action".to_string()));
        assert!(bindings.contains(&"httponly".to_string()), "{bindings:?}");

        let (calls, _, bindings) = facts_of(
            Language::Php,
            "<?php\nuse Firebase\\JWT\\JWT;\n$d = JWT::decode($t, $k);\nRoute::get('/a', 'C@x')->middleware('auth');\nsetcookie('a', $v, ['secure' => false]);\n",
        );
        assert!(
            calls.contains(&"Firebase.JWT.JWT.decode".to_string()),
            "{calls:?}"
        );
        assert!(calls.contains(&"Route.get.middleware".to_string()));
        assert!(calls.contains(&"setcookie".to_string()));
        assert!(bindings.contains(&"secure".to_string()), "{bindings:?}");
    }

    #[test]
    fn python_and_js_aliases_resolve() {
        let (calls, decos, _) = facts_of(
            Language::Python,
            "import jwt as j\nfrom flask_login import login_required\n@login_required\ndef f():\n    j.decode(t)\n",
        );
        assert_eq!(calls, vec!["jwt.decode".to_string()]);
        assert_eq!(decos, vec!["flask_login.login_required".to_string()]);
        let (calls, _, _) = facts_of(
            Language::JavaScript,
            "const { verify: v } = require('jsonwebtoken');\nv(t, k);\n",
        );
        assert!(
            calls.contains(&"jsonwebtoken.verify".to_string()),
            "{calls:?}"
        );
    }

    /// The kind filter skips nothing the extraction would have used: over every fixture and
    /// corpus file, filtered and unfiltered facts are the same.
    #[test]
    fn the_kind_filter_loses_no_fact() {
        let mut checked = 0;
        for (name, text, language) in crate::test_support::sample_files() {
            let Some(src) = crate::test_support::parsed(language, &text) else {
                continue;
            };
            let (a, b) = (Facts::extract(&src, true), Facts::extract(&src, false));
            let calls = |f: &Facts<'_>| -> Vec<(usize, String)> {
                f.calls
                    .iter()
                    .map(|c| (c.node.start_byte(), c.qualified.clone()))
                    .collect()
            };
            let decos = |f: &Facts<'_>| -> Vec<(usize, String)> {
                f.decorations
                    .iter()
                    .map(|d| (d.node.start_byte(), d.qualified.clone()))
                    .collect()
            };
            let binds = |f: &Facts<'_>| -> Vec<(usize, String)> {
                f.bindings
                    .iter()
                    .map(|b| (b.node.start_byte(), b.name.clone()))
                    .collect()
            };
            assert_eq!(calls(&a), calls(&b), "{name}");
            assert_eq!(decos(&a), decos(&b), "{name}");
            assert_eq!(binds(&a), binds(&b), "{name}");
            checked += 1;
        }
        assert!(checked > 400, "{checked} files");
    }
}
