//! Load a labelled corpus laid out as `<root>/<group>/<case>/{before,after}.<ext>` +
//! `expected.txt` (rule codes, rule names or category ids, one per line, or `clean`). The group
//! (`rbac`, `iam`, `terraform`, `gha`) decides the path each case is judged under.

use idgate_privilege::eval::Case;
use std::path::Path;

/// Load `corpus/<group>/<case>/{before,after}.<ext>` and `expected.txt`.
pub(crate) fn load(root: &Path) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut groups: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .collect();
    groups.sort_by_key(|e| e.file_name());
    for g in groups {
        let group = g.file_name().to_string_lossy().to_string();
        let mut dirs: Vec<_> = std::fs::read_dir(g.path())
            .unwrap()
            .filter_map(Result::ok)
            .collect();
        dirs.sort_by_key(|e| e.file_name());
        for d in dirs {
            let name = d.file_name().to_string_lossy().to_string();
            let mut before = None;
            let mut after = None;
            let mut ext = String::new();
            for f in std::fs::read_dir(d.path()).unwrap().filter_map(Result::ok) {
                let fname = f.file_name().to_string_lossy().to_string();
                if let Some((stem, e)) = fname.split_once('.') {
                    match stem {
                        "before" => before = Some(std::fs::read_to_string(f.path()).unwrap()),
                        "after" => after = Some(std::fs::read_to_string(f.path()).unwrap()),
                        _ => continue,
                    }
                    ext = e.to_string();
                }
            }
            let expected: Vec<String> = std::fs::read_to_string(d.path().join("expected.txt"))
                .unwrap()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && *l != "clean")
                .map(str::to_string)
                .collect();
            let path = match group.as_str() {
                "gha" => format!(".github/workflows/{name}.{ext}"),
                "terraform" => format!("infra/{name}.{ext}"),
                "iam" => format!("policies/{name}.{ext}"),
                _ => format!("deploy/{name}.{ext}"),
            };
            cases.push(Case {
                name: format!("{group}/{name}"),
                group: group.clone(),
                path,
                before,
                after,
                expected,
            });
        }
    }
    cases
}
