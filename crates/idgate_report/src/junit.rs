//! JUnit XML, for CI systems that show test reports: one test suite per rule that reported, one
//! test case per finding (a failure when it counts), and a `verdict` suite whose single case fails
//! unless the verdict is `allow`. Messages are redacted like every other format.

use quick_junit::{NonSuccessKind, Report as JunitReport, TestCase, TestCaseStatus, TestSuite};

use crate::Report;

/// Render the JUnit report.
pub fn render(report: &Report<'_>) -> String {
    let mut junit = JunitReport::new("idgate");
    let verdict = report.verdict;
    let mut verdict_suite = TestSuite::new("verdict");
    let status = if verdict.decision == idgate_core::Decision::Allow {
        TestCaseStatus::success()
    } else {
        let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
        s.set_message(format!("verdict: {}", verdict.decision.as_str()));
        s.set_type(verdict.decision.as_str());
        let mut text: Vec<String> = verdict.reasons.iter().map(|r| format!("- {r}")).collect();
        text.extend(
            verdict
                .obligations
                .iter()
                .map(|o| format!("- to merge [{}]: {}", o.kind, o.description)),
        );
        s.set_description(text.join("\n"));
        s
    };
    let mut case = TestCase::new("verdict", status);
    case.set_classname(format!("idgate.{}", report.command));
    verdict_suite.add_test_case(case);
    junit.add_test_suite(verdict_suite);

    let mut rules: Vec<&str> = report.findings.iter().map(|f| f.rule).collect();
    rules.dedup();
    rules.sort_unstable();
    rules.dedup();
    for rule in rules {
        let findings: Vec<_> = report.findings.iter().filter(|f| f.rule == rule).collect();
        let name = findings.first().map_or(rule, |f| f.name);
        let mut suite = TestSuite::new(format!("{rule} {name}"));
        for f in findings {
            let status = if f.level.counts() {
                let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                s.set_message(idgate_core::redact::redact_line(&f.message));
                s.set_type(f.category.id());
                let mut text = format!(
                    "{}:{}:{} [{}] {}",
                    f.path,
                    f.line,
                    f.column,
                    f.level.as_str(),
                    idgate_core::redact::redact_line(&f.message)
                );
                if let Some(b) = &f.before {
                    text.push_str(&format!("\nbefore: {b}"));
                }
                if let Some(a) = &f.after {
                    text.push_str(&format!("\nafter:  {a}"));
                }
                text.push_str(&format!("\nfingerprint: {}", f.fingerprint.as_str()));
                s.set_description(text);
                s
            } else {
                TestCaseStatus::success()
            };
            let mut case = TestCase::new(format!("{}:{}", f.path, f.line), status);
            case.set_classname(f.path.replace('/', "."));
            suite.add_test_case(case);
        }
        junit.add_test_suite(suite);
    }
    junit
        .to_string()
        .unwrap_or_else(|e| format!("<!-- idgate: cannot write JUnit XML: {e} -->\n"))
}
