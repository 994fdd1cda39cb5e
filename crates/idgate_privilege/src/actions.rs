//! The bundled AWS IAM action table (`data/iam_actions.tsv`) and glob expansion against it.

use std::collections::HashMap;
use std::sync::OnceLock;

static DATA: &str = include_str!("../data/iam_actions.tsv");

/// Access level of an action, as AWS's Service Authorization Reference classifies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum AccessLevel {
    List,
    Read,
    Write,
    Tagging,
    PermissionsManagement,
}

impl AccessLevel {
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            AccessLevel::List => "List",
            AccessLevel::Read => "Read",
            AccessLevel::Write => "Write",
            AccessLevel::Tagging => "Tagging",
            AccessLevel::PermissionsManagement => "Permissions management",
        }
    }
}

/// One action: `service:Name` with its level.
#[derive(Debug, Clone)]
pub(crate) struct Action {
    pub(crate) name: String,
    pub(crate) level: AccessLevel,
}

pub(crate) struct Table {
    pub(crate) actions: Vec<Action>,
    /// Lowercase service prefix → index range into `actions`.
    services: HashMap<String, (usize, usize)>,
    /// Lowercase `service:action` → index.
    by_lower: HashMap<String, usize>,
    lower_names: Vec<String>,
}

pub(crate) fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let mut actions = Vec::with_capacity(21_000);
        let mut services = HashMap::new();
        for line in DATA.lines() {
            let Some((prefix, rest)) = line.split_once('\t') else {
                continue;
            };
            let start = actions.len();
            for item in rest.split(' ') {
                let Some((name, code)) = item.split_once(':') else {
                    continue;
                };
                let level = match code.as_bytes().first() {
                    Some(b'L') => AccessLevel::List,
                    Some(b'R') => AccessLevel::Read,
                    Some(b'T') => AccessLevel::Tagging,
                    Some(b'P') => AccessLevel::PermissionsManagement,
                    _ => AccessLevel::Write,
                };
                actions.push(Action {
                    name: format!("{prefix}:{name}"),
                    level,
                });
            }
            services.insert(prefix.to_ascii_lowercase(), (start, actions.len()));
        }
        let lower_names: Vec<String> = actions
            .iter()
            .map(|a| a.name.to_ascii_lowercase())
            .collect();
        let by_lower = lower_names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i))
            .collect();
        Table {
            actions,
            services,
            by_lower,
            lower_names,
        }
    })
}

/// Case-insensitive glob match with `*` (any run) and `?` (one character), linear-time
/// backtracking. `pattern` and `text` must already be lowercase.
pub(crate) fn glob(pattern: &str, text: &str) -> bool {
    let p = pattern.as_bytes();
    let t = text.as_bytes();
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut mark) = (usize::MAX, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == b'?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == b'*' {
            star = pi;
            mark = ti;
            pi += 1;
        } else if star != usize::MAX {
            pi = star + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == b'*' {
        pi += 1;
    }
    pi == p.len()
}

impl Table {
    /// Indices of the actions a pattern (`s3:Get*`, `*`, `iam:PassRole`) matches.
    pub(crate) fn expand(&self, pattern: &str) -> Vec<usize> {
        let lower = pattern.trim().to_ascii_lowercase();
        if lower == "*" {
            return (0..self.actions.len()).collect();
        }
        if !lower.contains(['*', '?']) {
            return self
                .by_lower
                .get(&lower)
                .map(|&i| vec![i])
                .unwrap_or_default();
        }
        let (service, _) = lower.split_once(':').unwrap_or((lower.as_str(), ""));
        let range = if service.contains(['*', '?']) {
            (0, self.actions.len())
        } else {
            match self.services.get(service) {
                Some(&r) => r,
                None => return Vec::new(),
            }
        };
        (range.0..range.1)
            .filter(|&i| glob(&lower, &self.lower_names[i]))
            .collect()
    }

    /// Whether the pattern names a whole service (`ec2:*`).
    pub(crate) fn is_service_wildcard(pattern: &str) -> bool {
        pattern
            .split_once(':')
            .is_some_and(|(s, a)| a == "*" && !s.is_empty() && !s.contains(['*', '?']))
    }

    pub(crate) fn index(&self, name: &str) -> Option<usize> {
        self.by_lower.get(&name.to_ascii_lowercase()).copied()
    }

    pub(crate) fn len(&self) -> usize {
        self.actions.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_globs_with_levels() {
        let t = table();
        assert!(t.len() > 15_000);
        let put = t.expand("iam:Put*");
        assert!(
            put.iter()
                .any(|&i| t.actions[i].name == "iam:PutRolePolicy")
        );
        assert!(
            put.iter()
                .all(|&i| t.actions[i].name.starts_with("iam:Put"))
        );
        let pass = t.index("IAM:passrole").unwrap();
        assert_eq!(t.actions[pass].level, AccessLevel::PermissionsManagement);
        assert!(t.expand("s3:*").len() > 100);
        assert_eq!(t.expand("*").len(), t.len());
        assert!(t.expand("nosuchservice:*").is_empty());
        assert!(glob("s3:get?bject", "s3:getobject"));
        assert!(!glob("s3:get*acl", "s3:getobject"));
    }
}
