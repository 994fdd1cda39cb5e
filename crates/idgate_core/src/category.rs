//! The finding taxonomy of DESIGN.md: stable ids, main CWEs and framework mappings.

use serde::{Deserialize, Serialize};

/// Framework identifiers a category maps to (OWASP NHI 2025, OWASP ASI 2026, NIST CSF 2.0,
/// NIST SP 800-207 tenets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Frameworks {
    /// OWASP Non-Human Identities Top 10 (2025), e.g. `NHI4`.
    pub owasp_nhi: &'static [&'static str],
    /// OWASP Top 10 for Agentic Applications (2026), e.g. `ASI03`.
    pub owasp_asi: &'static [&'static str],
    /// NIST CSF 2.0 subcategories, e.g. `PR.AA-04`.
    pub nist_csf: &'static [&'static str],
    /// NIST SP 800-207 zero-trust tenets (section 2.1), e.g. `tenet-6`.
    pub sp800_207: &'static [&'static str],
}

macro_rules! categories {
    ($( $variant:ident = $id:literal, cwe: [$($cwe:literal),*], nhi: [$($nhi:literal),*],
        asi: [$($asi:literal),*], csf: [$($csf:literal),*], zt: [$($zt:literal),*],
        $desc:literal; )*) => {
        /// One category of the stable finding taxonomy. Every finding carries exactly one.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum Category {
            $(
                #[doc = $desc]
                #[serde(rename = $id)]
                $variant,
            )*
        }

        impl Category {
            /// Every category, in taxonomy order.
            pub const ALL: &'static [Category] = &[$(Category::$variant),*];

            /// The stable kebab-case id, as used in reports and SARIF tags.
            pub const fn id(self) -> &'static str {
                match self { $(Category::$variant => $id),* }
            }

            /// The main CWE ids of the category.
            pub const fn cwes(self) -> &'static [u32] {
                match self { $(Category::$variant => &[$($cwe),*]),* }
            }

            /// One-line meaning of the category.
            pub const fn description(self) -> &'static str {
                match self { $(Category::$variant => $desc),* }
            }

            /// Framework mapping of the category.
            pub const fn frameworks(self) -> Frameworks {
                match self { $(Category::$variant => Frameworks {
                    owasp_nhi: &[$($nhi),*],
                    owasp_asi: &[$($asi),*],
                    nist_csf: &[$($csf),*],
                    sp800_207: &[$($zt),*],
                }),* }
            }
        }
    };
}

categories! {
    TokenVerification = "token-verification", cwe: [347, 345, 287], nhi: ["NHI4"], asi: ["ASI03"],
        csf: ["PR.AA-04"], zt: ["tenet-6"],
        "Token/JWT signature, algorithm, audience, issuer or expiry checks off or weakened.";
    TokenLifetime = "token-lifetime", cwe: [613, 324], nhi: ["NHI7"], asi: ["ASI03"],
        csf: ["PR.AA-01", "PR.AA-04"], zt: ["tenet-3"],
        "Tokens issued without expiry, or with a longer lifetime.";
    TokenRandomness = "token-randomness", cwe: [330, 338, 331, 340, 326], nhi: ["NHI4"], asi: [],
        csf: ["PR.AA-01"], zt: ["tenet-3"],
        "Tokens, session ids or keys minted from a predictable source or with too little entropy.";
    SessionManagement = "session-management", cwe: [613, 384, 614, 1004, 1275], nhi: ["NHI7"],
        asi: [], csf: ["PR.AA-03"], zt: ["tenet-3"],
        "Session lifetime raised, fixation, cookie flags (Secure/HttpOnly/SameSite) dropped.";
    HardcodedSecret = "hardcoded-secret", cwe: [798, 259, 321], nhi: ["NHI2"], asi: [],
        csf: ["PR.AA-01", "PR.DS-01"], zt: [],
        "Credentials, keys or tokens in code or config.";
    SecretExposure = "secret-exposure", cwe: [532, 312, 522, 598], nhi: ["NHI2"], asi: [],
        csf: ["PR.PS-04", "PR.DS-10"], zt: [],
        "Secrets logged, printed, put in URLs or errors, or stored in plaintext.";
    AuthnBypass = "authn-bypass", cwe: [306, 287, 288, 636], nhi: ["NHI4"], asi: [],
        csf: ["PR.AA-03"], zt: ["tenet-6"],
        "An authentication check, guard or middleware removed, skipped, fail-open, or a backdoor.";
    AuthzBypass = "authz-bypass", cwe: [862, 863, 285, 639], nhi: [], asi: ["ASI03"],
        csf: ["PR.AA-05"], zt: ["tenet-4", "tenet-6"],
        "An authorization, ownership, approval or expiry check removed or weakened.";
    OverPrivilege = "over-privilege", cwe: [250, 269, 732], nhi: ["NHI5"], asi: ["ASI03"],
        csf: ["PR.AA-05"], zt: ["tenet-3"],
        "A grant wider than least privilege: wildcards, admin roles, broad scopes.";
    PrivilegeEscalation = "privilege-escalation", cwe: [269, 266], nhi: ["NHI5"], asi: ["ASI03"],
        csf: ["PR.AA-05"], zt: ["tenet-6"],
        "A grant that lets its holder raise its own privilege.";
    CredentialStorage = "credential-storage", cwe: [916, 328, 256, 759], nhi: [], asi: [],
        csf: ["PR.DS-01"], zt: [],
        "Weak or unsalted password hashing, plaintext password storage.";
    TransportTrust = "transport-trust", cwe: [295, 297], nhi: ["NHI4"], asi: [],
        csf: ["PR.DS-02"], zt: ["tenet-2"],
        "TLS certificate or hostname verification off.";
    TimingUnsafeCompare = "timing-unsafe-compare", cwe: [208], nhi: [], asi: [],
        csf: ["PR.AA-03"], zt: [],
        "A secret, MAC or token compared with non-constant-time equality.";
    CrossOrigin = "cross-origin", cwe: [942, 352], nhi: [], asi: [],
        csf: ["PR.AA-05"], zt: ["tenet-2"],
        "CORS reflecting any origin with credentials, CSRF protection off.";
    GuardrailTamper = "guardrail-tamper", cwe: [284, 693], nhi: [], asi: ["ASI10"],
        csf: ["ID.RA-07", "PR.PS-06"], zt: [],
        "A change to the gate's own policy, CODEOWNERS, allowed signers or CI gate.";
    AgentScope = "agent-scope", cwe: [284, 269], nhi: [], asi: ["ASI03", "ASI10"],
        csf: ["ID.RA-07", "PR.AA-05"], zt: [],
        "An agent changed paths outside the scope the policy grants it.";
    IdentitySurface = "identity-surface", cwe: [], nhi: [], asi: [],
        csf: ["ID.AM-02", "PR.PS-06"], zt: [],
        "Informational: the change touches identity logic.";
}

impl Category {
    /// Look a category up by its stable id.
    pub fn from_id(id: &str) -> Option<Category> {
        Category::ALL.iter().copied().find(|c| c.id() == id)
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for &c in Category::ALL {
            assert!(seen.insert(c.id()), "duplicate id {}", c.id());
            assert!(
                c.id()
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch == '-')
            );
            assert_eq!(Category::from_id(c.id()), Some(c));
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.id()));
        }
        assert_eq!(Category::ALL.len(), 17);
    }

    #[test]
    fn every_counting_category_has_a_cwe() {
        for &c in Category::ALL {
            if c != Category::IdentitySurface {
                assert!(!c.cwes().is_empty(), "{c} has no CWE");
            }
        }
    }
}
