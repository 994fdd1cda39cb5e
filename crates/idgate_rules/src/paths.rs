//! Paths whose findings do not count: tests, fixtures, examples in docs.

/// Whether `path` is a test, fixture or documentation file. Identity code there is exercised on
/// purpose (a test decodes an unsigned token to check it is refused), so it raises nothing.
pub fn is_test_or_docs(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let mut segments: Vec<&str> = lower.split('/').collect();
    let file = segments.pop().unwrap_or("");
    const DIRS: &[&str] = &[
        "__mocks__",
        "__tests__",
        "doc",
        "docs",
        "e2e",
        "fixtures",
        "spec",
        "test",
        "testdata",
        "tests",
    ];
    if segments.iter().any(|s| DIRS.contains(s)) {
        return true;
    }
    let stem = file.split('.').next().unwrap_or(file);
    file == "conftest.py"
        || stem.starts_with("test_")
        || stem.ends_with("_test")
        || stem.ends_with("_spec")
        || file.contains(".test.")
        || file.contains(".spec.")
        || file.ends_with("test.java")
        || file.ends_with("tests.cs")
        // Rust's test modules in their own file (`mod tests;` → `tests.rs`).
        || file == "tests.rs"
        || file == "test.rs"
}

#[cfg(test)]
mod tests {
    use super::is_test_or_docs;

    #[test]
    fn classifies_tests_and_docs() {
        for p in [
            "tests/test_auth.py",
            "app/tests/helpers.py",
            "src/auth.test.ts",
            "src/__tests__/jwt.js",
            "pkg/auth_test.go",
            "docs/examples/login.py",
            "conftest.py",
            "spec/auth_spec.rb",
            "src/test/java/AuthTest.java",
        ] {
            assert!(is_test_or_docs(p), "{p}");
        }
        for p in [
            "app/auth.py",
            "src/attestation.ts",
            "src/contest/jwt.js",
            "latest/auth.py",
            "src/testimony.py",
        ] {
            assert!(!is_test_or_docs(p), "{p}");
        }
    }
}
