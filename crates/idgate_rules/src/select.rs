//! `--select`: which rules run, by code (`IDG201`), name (`hardcoded-credential`) or category
//! (`hardcoded-secret`). Rules that are not selected are never run, so selecting only the secret
//! scanner makes a history audit as cheap as a secrets-only tool.

use idgate_core::Category;

use crate::registry::REGISTRY;

/// A selector that names no rule and no category.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule or category {0:?} in --select (see `idgate rules`)")]
pub struct UnknownSelector(pub String);

/// The rules to run. The default selects everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Lower-cased selectors; empty selects every rule.
    items: Vec<String>,
}

impl Selection {
    /// Every rule.
    pub fn all() -> Selection {
        Selection::default()
    }

    /// Parse selectors (each may hold a comma-separated list). Each must name a built-in rule by
    /// code or name, or a category; custom rules are selected by their category.
    pub fn parse<S: AsRef<str>>(selectors: &[S]) -> Result<Selection, UnknownSelector> {
        let mut items = Vec::new();
        for s in selectors {
            for item in s
                .as_ref()
                .split(',')
                .map(str::trim)
                .filter(|i| !i.is_empty())
            {
                let key = item.to_ascii_lowercase();
                let known = Category::ALL.iter().any(|c| c.id() == key)
                    || REGISTRY.iter().any(|r| {
                        r.code.eq_ignore_ascii_case(&key) || r.name.eq_ignore_ascii_case(&key)
                    });
                if !known {
                    return Err(UnknownSelector(item.to_string()));
                }
                items.push(key);
            }
        }
        Ok(Selection { items })
    }

    /// Whether everything is selected.
    pub fn is_all(&self) -> bool {
        self.items.is_empty()
    }

    /// Whether the rule `code` / `name` of `category` runs.
    pub fn selects(&self, code: &str, name: &str, category: Category) -> bool {
        self.is_all()
            || self.items.iter().any(|i| {
                i.eq_ignore_ascii_case(code) || i.eq_ignore_ascii_case(name) || i == category.id()
            })
    }

    /// Whether any rule of `category` can run (for stages that produce a whole category).
    pub fn any_in(&self, category: Category) -> bool {
        self.is_all()
            || REGISTRY
                .iter()
                .filter(|r| r.category == category)
                .any(|r| self.selects(r.code, r.name, r.category))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selects_by_code_name_or_category() {
        let s = Selection::parse(&["IDG201", "jwt-verification-disabled,over-privilege"]).unwrap();
        assert!(s.selects("IDG201", "hardcoded-credential", Category::HardcodedSecret));
        assert!(s.selects(
            "IDG103",
            "jwt-verification-disabled",
            Category::TokenVerification
        ));
        assert!(!s.selects(
            "IDG101",
            "pyjwt-verification-disabled",
            Category::TokenVerification
        ));
        assert!(s.selects("IDG340", "anything", Category::OverPrivilege));
        assert!(s.any_in(Category::OverPrivilege) && s.any_in(Category::HardcodedSecret));
        assert!(!s.any_in(Category::SessionManagement));
        assert!(Selection::all().selects("IDG101", "x", Category::TokenVerification));
        assert!(Selection::parse::<&str>(&[]).unwrap().is_all());
    }

    #[test]
    fn unknown_selectors_are_errors() {
        let e = Selection::parse(&["IDG201,nope"]).unwrap_err();
        assert_eq!(e, UnknownSelector("nope".into()));
        assert!(e.to_string().contains("\"nope\""));
    }
}
