//! How tokens, session ids, reset codes and keys are minted.

pub(crate) mod jwt_algorithm_confusion;
pub(crate) mod jwt_hmac_key_too_short;
pub(crate) mod jwt_issued_unsigned;
pub(crate) mod mint;
pub(crate) mod token_entropy_too_low;
pub(crate) mod token_from_hashed_predictable_value;
pub(crate) mod token_from_weak_random;

#[cfg(test)]
mod tests {
    use crate::corpus::Case;
    use idgate_core::Category;

    fn token_findings(name: &str, text: String) -> Vec<String> {
        Case::new(name, None, text)
            .findings()
            .into_iter()
            .filter(|f| f.category == Category::TokenRandomness)
            .map(|f| format!("{}:{} {}", f.rule, f.line, f.message))
            .collect()
    }

    /// Generated identifiers, minified bundles, huge literals and deep nesting raise nothing
    /// and never panic.
    #[test]
    fn odd_code_raises_nothing() {
        let long = "a".repeat(200_000);
        let minified = format!(
            "var a=Math.random(),b=Date.now(),c=0;function d(e){{return e[Math.floor(a*e.length)]}}function f(){{return c++}}{}",
            "var g=[1,2,3].map(function(h){return h*Math.random()});".repeat(2_000)
        );
        let generated: String = (0..3_000)
            .map(|i| format!("_0x{i:04x}_tok_{i} = random.random() * {i}\n"))
            .collect();
        let nested = format!(
            "const jwt = require('jsonwebtoken');\nconst x = {}Math.random(){};\n",
            "(".repeat(3_000),
            ")".repeat(3_000)
        );
        let cases = [
            ("bundle.min.js", minified),
            ("generated.py", format!("import random\n{generated}")),
            (
                "long.py",
                format!("import jwt\nKEY = \"{long}\"\ntok = jwt.encode({{}}, KEY, algorithm=\"HS256\")\n"),
            ),
            (
                "long.go",
                format!("package p\nimport \"math/rand\"\nvar s = \"{long}\"\nfunc f() int {{ return rand.Intn(3) }}\n"),
            ),
            ("nested.js", nested),
            (
                "algs.rb",
                format!("JWT.decode(t, k, true, algorithms: [{}])\n", "\"RS256\", ".repeat(5_000)),
            ),
            (
                "weird.java",
                "class X { Random r = new Random(); int f() { return r.nextInt(); } String s = \"\\u0000\"; }"
                    .to_string(),
            ),
            ("empty.rs", String::new()),
            ("broken.cs", "class { var token = new Random(".to_string()),
        ];
        for (name, text) in cases {
            let found = token_findings(name, text);
            assert!(found.is_empty(), "{name}: {found:?}");
        }
    }
}
