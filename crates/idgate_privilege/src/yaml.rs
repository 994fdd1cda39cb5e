//! YAML reading behind one module (serde-saphyr with a budget), so the parser can be swapped.

use crate::rbac::{BindingDef, Manifest, RoleDef, RuleDef, Selector, SubjectDef};
use crate::{Note, PrivilegeError};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use serde_saphyr::{DuplicateKeyPolicy, Spanned};
use std::collections::BTreeMap;
use std::fmt;

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

/// Parse options: budget limits against alias bombs and huge inputs, duplicate keys rejected.
pub(crate) fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_aliases: 10_000,
            max_anchors: 10_000,
            max_recorded_anchor_events: 200_000,
            max_events: 5_000_000,
        },
        duplicate_keys: DuplicateKeyPolicy::Error,
    }
}

/// A string that also accepts YAML scalars of other types (`true`, `1`), as labels often are.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Str(pub(crate) String);

impl<'de> Deserialize<'de> for Str {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Str;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a scalar")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Str, E> {
                Ok(Str(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Str, E> {
                Ok(Str(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Str, E> {
                Ok(Str(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Str, E> {
                Ok(Str(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Str, E> {
                Ok(Str(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Str, E> {
                Ok(Str(String::new()))
            }
            fn visit_none<E: de::Error>(self) -> Result<Str, E> {
                Ok(Str(String::new()))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawMeta {
    name: Option<Str>,
    namespace: Option<Str>,
    labels: Option<BTreeMap<String, Str>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct RawRule {
    verbs: Option<Vec<Str>>,
    api_groups: Option<Vec<Str>>,
    resources: Option<Vec<Str>>,
    resource_names: Option<Vec<Str>>,
    #[serde(rename = "nonResourceURLs")]
    non_resource_urls: Option<Vec<Str>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct RawExpr {
    key: Option<Str>,
    operator: Option<Str>,
    values: Option<Vec<Str>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct RawSelector {
    match_labels: Option<BTreeMap<String, Str>>,
    match_expressions: Option<Vec<RawExpr>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct RawAggregation {
    cluster_role_selectors: Option<Vec<RawSelector>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawSubject {
    kind: Option<Str>,
    name: Option<Str>,
    namespace: Option<Str>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawRoleRef {
    kind: Option<Str>,
    name: Option<Str>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct RawObject {
    kind: Option<Spanned<Str>>,
    metadata: Option<RawMeta>,
    rules: Option<Vec<RawRule>>,
    aggregation_rule: Option<RawAggregation>,
    subjects: Option<Vec<RawSubject>>,
    role_ref: Option<RawRoleRef>,
    items: Option<Vec<RawObject>>,
}

fn strs(v: Option<Vec<Str>>) -> Vec<String> {
    v.unwrap_or_default().into_iter().map(|s| s.0).collect()
}

fn looks_like_template(text: &str) -> bool {
    text.contains("{{") || text.contains("{%")
}

/// Parse `text` and add its RBAC objects to `into`. A file that is not valid YAML but looks like
/// a Helm or Jinja template is skipped with a note; other invalid YAML is an error.
pub(crate) fn load_rbac(
    path: &str,
    text: &str,
    into: &mut Manifest,
    notes: &mut Vec<Note>,
) -> Result<(), PrivilegeError> {
    let docs: Vec<RawObject> = match serde_saphyr::from_multiple_with_options(text, options()) {
        Ok(d) => d,
        Err(e) => {
            let line = e.location().map(|l| l.line()).unwrap_or(0) as u32;
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
            let message = e.to_string();
            let message = message.lines().next().unwrap_or("").to_string();
            return Err(PrivilegeError::Yaml {
                path: path.to_string(),
                line,
                message,
            });
        }
    };
    for doc in docs {
        add_object(path, doc, into, notes, 0);
    }
    Ok(())
}

fn add_object(path: &str, obj: RawObject, into: &mut Manifest, notes: &mut Vec<Note>, depth: u32) {
    let Some(kind) = obj.kind else { return };
    let line = kind.referenced.line() as u32;
    let kind = kind.value.0;
    let meta = obj.metadata.unwrap_or_default();
    let name = meta.name.map(|s| s.0).unwrap_or_default();
    let namespace = meta.namespace.map(|s| s.0).filter(|s| !s.is_empty());
    match kind.as_str() {
        "List" | "RoleList" | "ClusterRoleList" | "RoleBindingList" | "ClusterRoleBindingList"
            if depth < 4 =>
        {
            for item in obj.items.unwrap_or_default() {
                add_object(path, item, into, notes, depth + 1);
            }
        }
        "Role" | "ClusterRole" => {
            let cluster = kind == "ClusterRole";
            let rules = obj
                .rules
                .unwrap_or_default()
                .into_iter()
                .map(|r| RuleDef {
                    verbs: strs(r.verbs),
                    groups: strs(r.api_groups),
                    resources: strs(r.resources),
                    names: strs(r.resource_names),
                    urls: strs(r.non_resource_urls),
                })
                .collect();
            let aggregation = obj.aggregation_rule.map(|a| {
                a.cluster_role_selectors
                    .unwrap_or_default()
                    .into_iter()
                    .map(|s| Selector {
                        labels: s
                            .match_labels
                            .unwrap_or_default()
                            .into_iter()
                            .map(|(k, v)| (k, v.0))
                            .collect(),
                        exprs: s
                            .match_expressions
                            .unwrap_or_default()
                            .into_iter()
                            .map(|e| {
                                (
                                    e.key.map(|s| s.0).unwrap_or_default(),
                                    e.operator.map(|s| s.0).unwrap_or_default(),
                                    strs(e.values),
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
                labels: meta
                    .labels
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(k, v)| (k, v.0))
                    .collect(),
                aggregation,
                path: path.to_string(),
                line,
            });
        }
        "RoleBinding" | "ClusterRoleBinding" => {
            let cluster = kind == "ClusterRoleBinding";
            let role_ref = obj.role_ref.unwrap_or_default();
            let namespace = if cluster {
                None
            } else {
                Some(namespace.unwrap_or_else(|| "default".to_string()))
            };
            let subjects = obj
                .subjects
                .unwrap_or_default()
                .into_iter()
                .map(|s| SubjectDef {
                    kind: s.kind.map(|k| k.0).unwrap_or_default(),
                    name: s.name.map(|k| k.0).unwrap_or_default(),
                    namespace: s.namespace.map(|k| k.0).filter(|n| !n.is_empty()),
                })
                .collect();
            into.bindings.push(BindingDef {
                cluster,
                namespace,
                name,
                role_cluster: role_ref.kind.map(|k| k.0).unwrap_or_default() != "Role",
                role_name: role_ref.name.map(|k| k.0).unwrap_or_default(),
                subjects,
                path: path.to_string(),
                line,
            });
        }
        _ => {}
    }
}
