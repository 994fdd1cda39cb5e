//! IDG001 identity-surface-changed

use crate::registry::{Status, declare_surface_rule};

declare_surface_rule! {
    /// ## What it does
    /// Notes each identity surface a change touches — token issuance or verification, sessions and
    /// cookies, secret lookup, password hashing, TLS clients, authentication guards, authorization
    /// checks, CORS and CSRF — from the identity API catalogue (`crates/idgate_rules/catalogue`):
    /// the libraries, functions, decorators, annotations, attributes and settings of each
    /// ecosystem, resolved through the file's imports (`import jwt as j` then `j.decode(...)`).
    /// Added lines count on the new side and removed lines on the old side, so deleting a guard
    /// is a touch too. The level is `note`: it never decides a verdict by itself.
    ///
    /// ## Why is this bad?
    /// It is not bad; it is the signal that a change is identity logic even when no rule fires.
    /// Reviewers and the policy use it to route the change to the owners of authentication code
    /// (CWE-287: a change to authentication deserves an authentication reviewer), and `history`
    /// uses it to count identity changes by actor.
    ///
    /// ## Example
    /// ```python
    /// from flask_login import login_required
    ///
    /// @login_required          # added or removed in the change
    /// def export_users(): ...
    /// ```
    ///
    /// Use instead:
    /// Nothing to change; make sure the change is reviewed by someone who owns this surface.
    ///
    /// ## References
    /// - [CWE-287: Improper Authentication](https://cwe.mitre.org/data/definitions/287.html)
    /// - `idgate rules` lists the catalogue's libraries per language.
    pub(crate) static RULE = {
        code: "IDG001",
        name: "identity-surface-changed",
        category: IdentitySurface,
        cwe: [],
        severity: Info,
        default_level: Note,
        status: Status::Preview { since: "0.2.0" },
        summary: "The change touches identity logic (a catalogued identity API).",
    };
}
