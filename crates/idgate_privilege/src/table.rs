//! Plain-text table of grant rows.

use crate::GrantRow;

/// Render rows as an aligned table with the columns SUBJECT, PERMISSION, RESOURCE, SCOPE, VIA
/// (and QUALIFIER when any row has one). An empty slice renders as `(no new access)`.
pub fn render_table(rows: &[GrantRow]) -> String {
    if rows.is_empty() {
        return "(no new access)\n".to_string();
    }
    let with_qualifier = rows.iter().any(|r| !r.qualifier.is_empty());
    let mut header = vec!["SUBJECT", "PERMISSION", "RESOURCE", "SCOPE", "VIA"];
    if with_qualifier {
        header.push("QUALIFIER");
    }
    let cells: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| {
            let mut c = vec![
                r.subject.as_str(),
                r.permission.as_str(),
                r.resource.as_str(),
                r.scope.as_str(),
                r.via.as_str(),
            ];
            if with_qualifier {
                c.push(r.qualifier.as_str());
            }
            c
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cols: &[&str]| {
        let mut s = String::new();
        for (i, (c, w)) in cols.iter().zip(&widths).enumerate() {
            if i + 1 == cols.len() {
                s.push_str(c);
            } else {
                s.push_str(c);
                s.extend(std::iter::repeat_n(' ', w - c.chars().count() + 2));
            }
        }
        out.push_str(s.trim_end());
        out.push('\n');
    };
    line(&header);
    for row in &cells {
        line(row);
    }
    out
}
