//! YAML reading behind one module: granit-parser events built into a small tree with lines.
//!
//! Limits: nesting is bounded by the parser (255 flow and 255 block levels); aliases are
//! expanded by copying, and the copies of one file may add at most [`MAX_ALIAS_NODES`] nodes
//! (a "billion laughs" bomb is an error, not a hang); a file may hold at most [`MAX_NODES`]
//! nodes; a repeated key in one mapping is an error.

use crate::rbac::{BindingDef, Manifest, RoleDef, RuleDef, Selector, SubjectDef};
use crate::{Note, PrivilegeError};
use granit_parser::{Event, Parser};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// Most nodes that alias expansion may add to one file.
pub(crate) const MAX_ALIAS_NODES: usize = 100_000;
/// Most nodes in one file.
pub(crate) const MAX_NODES: usize = 4_000_000;

/// A YAML node with the 1-based line where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Node<'a> {
    pub(crate) line: u32,
    pub(crate) value: Value<'a>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value<'a> {
    /// A scalar as written (tags dropped); `plain` tells a plain scalar from a quoted one.
    Scalar {
        text: Cow<'a, str>,
        plain: bool,
    },
    Seq(Vec<Node<'a>>),
    Map(Vec<(Cow<'a, str>, Node<'a>)>),
}

impl<'a> Node<'a> {
    pub(crate) fn get(&self, key: &str) -> Option<&Node<'a>> {
        match &self.value {
            Value::Map(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The scalar text; `None` for collections and for null.
    pub(crate) fn str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, plain } => {
                if *plain && matches!(text.as_ref(), "" | "~" | "null" | "Null" | "NULL") {
                    None
                } else {
                    Some(text)
                }
            }
            _ => None,
        }
    }

    /// Scalars of a sequence (a single scalar counts as a one-item list).
    pub(crate) fn strs(&self) -> Vec<String> {
        match &self.value {
            Value::Seq(items) => items
                .iter()
                .filter_map(|n| n.str().map(str::to_string))
                .collect(),
            Value::Scalar { .. } => self.str().map(|s| vec![s.to_string()]).unwrap_or_default(),
            Value::Map(_) => Vec::new(),
        }
    }

    fn size(&self) -> usize {
        match &self.value {
            Value::Scalar { .. } => 1,
            Value::Seq(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            Value::Map(m) => 1 + m.iter().map(|(_, v)| 1 + v.size()).sum::<usize>(),
        }
    }

    /// Convert to JSON: plain `true`/`false`/null become booleans and null, everything else a
    /// string.
    pub(crate) fn to_json(&self) -> serde_json::Value {
        match &self.value {
            Value::Scalar { text, plain } => match (plain, text.as_ref()) {
                (true, "true" | "True" | "TRUE") => serde_json::Value::Bool(true),
                (true, "false" | "False" | "FALSE") => serde_json::Value::Bool(false),
                _ if self.str().is_none() => serde_json::Value::Null,
                _ => serde_json::Value::String(text.to_string()),
            },
            Value::Seq(items) => {
                serde_json::Value::Array(items.iter().map(Node::to_json).collect())
            }
            Value::Map(m) => serde_json::Value::Object(
                m.iter()
                    .map(|(k, v)| (k.to_string(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

enum Frame<'a> {
    Seq {
        items: Vec<Node<'a>>,
        line: u32,
        anchor: usize,
    },
    Map {
        entries: Vec<(Cow<'a, str>, Node<'a>)>,
        key: Option<(Cow<'a, str>, u32)>,
        line: u32,
        anchor: usize,
    },
}

/// A parse failure: 1-based line (0 when unknown) and message.
pub(crate) type YamlFailure = (u32, String);

/// Parse every document of a YAML stream.
pub(crate) fn parse_documents(text: &str) -> Result<Vec<Node<'_>>, YamlFailure> {
    let mut parser = Parser::new_from_str(text);
    let mut docs = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut alias_nodes = 0usize;
    let mut nodes = 0usize;
    while let Some(ev) = parser.next_event() {
        let (event, span) = ev.map_err(|e| (e.marker().line() as u32, e.info()))?;
        let line = span.start.line() as u32;
        let done: Option<(Node, usize)> = match event {
            Event::Scalar(value, style, anchor, _) => Some((
                Node {
                    line,
                    value: Value::Scalar {
                        text: value,
                        plain: matches!(style, granit_parser::ScalarStyle::Plain),
                    },
                },
                anchor,
            )),
            Event::SequenceStart(_, anchor, _) => {
                stack.push(Frame::Seq {
                    items: Vec::new(),
                    line,
                    anchor,
                });
                None
            }
            Event::MappingStart(_, anchor, _) => {
                stack.push(Frame::Map {
                    entries: Vec::new(),
                    key: None,
                    line,
                    anchor,
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq {
                    items,
                    line,
                    anchor,
                }) => Some((
                    Node {
                        line,
                        value: Value::Seq(items),
                    },
                    anchor,
                )),
                Some(Frame::Map {
                    entries,
                    line,
                    anchor,
                    ..
                }) => Some((
                    Node {
                        line,
                        value: Value::Map(entries),
                    },
                    anchor,
                )),
                None => return Err((line, "unbalanced collection end".into())),
            },
            Event::Alias(id) => match anchors.get(&id) {
                Some(n) => {
                    alias_nodes += n.size();
                    if alias_nodes > MAX_ALIAS_NODES {
                        return Err((
                            line,
                            format!(
                                "alias expansion exceeds {MAX_ALIAS_NODES} nodes (YAML alias bomb?)"
                            ),
                        ));
                    }
                    Some((n.clone(), 0))
                }
                None => return Err((line, "alias to an unknown anchor".into())),
            },
            Event::DocumentEnd => {
                stack.clear();
                None
            }
            _ => None,
        };
        let Some((node, anchor)) = done else { continue };
        nodes += 1;
        if nodes + alias_nodes > MAX_NODES {
            return Err((line, format!("more than {MAX_NODES} YAML nodes")));
        }
        if anchor != 0 {
            anchors.insert(anchor, node.clone());
        }
        match stack.last_mut() {
            None => docs.push(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => {
                    let k = match &node.value {
                        Value::Scalar { text, .. } => text.clone(),
                        _ => return Err((node.line, "complex mapping key".into())),
                    };
                    if entries.iter().any(|(e, _)| *e == k) {
                        return Err((node.line, format!("duplicate key `{k}`")));
                    }
                    *key = Some((k, node.line));
                }
                Some((k, _)) => entries.push((k, node)),
            },
        }
    }
    Ok(docs)
}

/// Whether the text looks like it holds RBAC objects.
pub(crate) fn mentions_rbac(text: &str) -> bool {
    ["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"]
        .iter()
        .any(|k| {
            text.contains(&format!("kind: {k}\n"))
                || text.contains(&format!("kind: {k}\r\n"))
                || text.contains(&format!("kind: \"{k}\""))
                || text.contains(&format!("kind: '{k}'"))
                || text.contains(&format!("\"kind\": \"{k}\""))
                || text.contains(&format!("kind: {k} "))
                || text.ends_with(&format!("kind: {k}"))
        })
}

fn looks_like_template(text: &str) -> bool {
    text.contains("{{") || text.contains("{%")
}

/// Parse a YAML file for a format, mapping failures to [`PrivilegeError::Yaml`].
pub(crate) fn parse_file<'a>(path: &str, text: &'a str) -> Result<Vec<Node<'a>>, PrivilegeError> {
    parse_documents(text).map_err(|(line, message)| PrivilegeError::Yaml {
        path: path.to_string(),
        line,
        message,
    })
}

/// Parse `text` and add its RBAC objects to `into`. A file that is not valid YAML but looks like
/// a Helm or Jinja template is skipped with a note; other invalid YAML is an error.
pub(crate) fn load_rbac(
    path: &str,
    text: &str,
    into: &mut Manifest,
    notes: &mut Vec<Note>,
) -> Result<(), PrivilegeError> {
    let docs = match parse_documents(text) {
        Ok(d) => d,
        Err((line, message)) => {
            if looks_like_template(text) {
                notes.push(Note {
                    path: path.to_string(),
                    line,
                    message: "template (Helm/Jinja) that is not valid YAML before rendering: \
                              skipped; render it and check the output"
                        .to_string(),
                });
                return Ok(());
            }
            return Err(PrivilegeError::Yaml {
                path: path.to_string(),
                line,
                message,
            });
        }
    };
    for doc in &docs {
        add_object(path, doc, into, notes, 0);
    }
    Ok(())
}

fn labels(n: Option<&Node>) -> BTreeMap<String, String> {
    match n.map(|n| &n.value) {
        Some(Value::Map(m)) => m
            .iter()
            .map(|(k, v)| (k.to_string(), v.str().unwrap_or("").to_string()))
            .collect(),
        _ => BTreeMap::new(),
    }
}

fn items<'n, 'a>(n: Option<&'n Node<'a>>) -> &'n [Node<'a>] {
    match n.map(|n| &n.value) {
        Some(Value::Seq(s)) => s,
        _ => &[],
    }
}

fn field(n: &Node, key: &str) -> String {
    n.get(key)
        .and_then(Node::str)
        .unwrap_or_default()
        .to_string()
}

fn add_object(path: &str, obj: &Node, into: &mut Manifest, notes: &mut Vec<Note>, depth: u32) {
    let Some(kind_node) = obj.get("kind") else {
        return;
    };
    let Some(kind) = kind_node.str() else { return };
    let line = kind_node.line;
    let meta = obj.get("metadata");
    let name = meta.map(|m| field(m, "name")).unwrap_or_default();
    let namespace = meta
        .and_then(|m| m.get("namespace"))
        .and_then(Node::str)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    match kind {
        "List" | "RoleList" | "ClusterRoleList" | "RoleBindingList" | "ClusterRoleBindingList"
            if depth < 4 =>
        {
            for item in items(obj.get("items")) {
                add_object(path, item, into, notes, depth + 1);
            }
        }
        "Role" | "ClusterRole" => {
            let cluster = kind == "ClusterRole";
            let rules = items(obj.get("rules"))
                .iter()
                .map(|r| {
                    let list = |k: &str| r.get(k).map(Node::strs).unwrap_or_default();
                    RuleDef {
                        verbs: list("verbs"),
                        groups: list("apiGroups"),
                        resources: list("resources"),
                        names: list("resourceNames"),
                        urls: list("nonResourceURLs"),
                        path: path.to_string(),
                        line: r.line,
                    }
                })
                .collect();
            let aggregation = obj.get("aggregationRule").map(|a| {
                items(a.get("clusterRoleSelectors"))
                    .iter()
                    .map(|s| Selector {
                        labels: labels(s.get("matchLabels")),
                        exprs: items(s.get("matchExpressions"))
                            .iter()
                            .map(|e| {
                                (
                                    field(e, "key"),
                                    field(e, "operator"),
                                    e.get("values").map(Node::strs).unwrap_or_default(),
                                )
                            })
                            .collect(),
                    })
                    .collect()
            });
            if !cluster && namespace.is_none() {
                notes.push(Note {
                    path: path.to_string(),
                    line,
                    message: format!(
                        "Role {name} has no metadata.namespace; assumed namespace \"default\""
                    ),
                });
            }
            into.roles.push(RoleDef {
                cluster,
                namespace: if cluster {
                    None
                } else {
                    Some(namespace.unwrap_or_else(|| "default".to_string()))
                },
                name,
                rules,
                labels: labels(meta.and_then(|m| m.get("labels"))),
                aggregation,
                path: path.to_string(),
                line,
            });
        }
        "RoleBinding" | "ClusterRoleBinding" => {
            let cluster = kind == "ClusterRoleBinding";
            let role_ref = obj.get("roleRef");
            let namespace = if cluster {
                None
            } else {
                Some(namespace.unwrap_or_else(|| "default".to_string()))
            };
            let subjects = items(obj.get("subjects"))
                .iter()
                .map(|s| SubjectDef {
                    kind: field(s, "kind"),
                    name: field(s, "name"),
                    namespace: s
                        .get("namespace")
                        .and_then(Node::str)
                        .filter(|n| !n.is_empty())
                        .map(str::to_string),
                })
                .collect();
            into.bindings.push(BindingDef {
                cluster,
                namespace,
                name,
                role_cluster: role_ref.map(|r| field(r, "kind")).unwrap_or_default() != "Role",
                role_name: role_ref.map(|r| field(r, "name")).unwrap_or_default(),
                subjects,
                path: path.to_string(),
                line,
            });
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_lines_anchors_and_errors() {
        let docs = parse_documents("a: &x [1, 2]\nb: *x\n---\nc: 'q'\n").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].get("b").unwrap().strs(), vec!["1", "2"]);
        assert_eq!(docs[1].get("c").unwrap().line, 4);
        assert!(
            parse_documents("a: 1\na: 2\n")
                .unwrap_err()
                .1
                .contains("duplicate")
        );
        assert!(parse_documents("a: [\n").unwrap_err().0 > 0);
        let j = parse_documents("x: ~\ny: 'null'\nz: true\n").unwrap()[0].to_json();
        assert_eq!(j["x"], serde_json::Value::Null);
        assert_eq!(j["y"], "null");
        assert_eq!(j["z"], true);
    }
}
