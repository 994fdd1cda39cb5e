//! AWS IAM JSON diff semantics.

use idgate_privilege::{PrivilegeError, diff};

fn rules(report: &idgate_privilege::PrivilegeReport) -> Vec<&'static str> {
    let mut r: Vec<&str> = report.findings.iter().map(|f| f.rule).collect();
    r.sort();
    r.dedup();
    r
}

fn policy(statements: &str) -> String {
    format!("{{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n{statements}\n  ]\n}}\n")
}

#[test]
fn star_star_is_full_admin() {
    let before = policy(
        r#"{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::logs/*"}"#,
    );
    let after = policy(r#"{"Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*"}"#);
    let report = diff("iam/ci.json", Some(&before), Some(&after)).unwrap();
    assert_eq!(rules(&report), vec!["IDG320"]);
    assert_eq!(report.findings[0].line, 4);
}

#[test]
fn service_wildcard_expands_and_narrowing_is_clean() {
    let before = policy(
        r#"{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"}"#,
    );
    let after = policy(r#"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#);
    let report = diff("p.json", Some(&before), Some(&after)).unwrap();
    assert!(rules(&report).contains(&"IDG321"), "{:?}", report.findings);
    assert!(
        report
            .grants_added
            .iter()
            .any(|r| r.permission.starts_with("s3:* ("))
    );
    let back = diff("p.json", Some(&after), Some(&before)).unwrap();
    assert!(back.findings.is_empty() && back.grants_added.is_empty());
}

#[test]
fn reordered_statements_and_case_are_clean() {
    let before = policy(
        r#"{"Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": "arn:aws:sqs:eu-west-1:111122223333:jobs"},
{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::data/*"}"#,
    );
    let after = policy(
        r#"{"Effect": "Allow", "Action": "S3:getobject", "Resource": ["arn:aws:s3:::data/*"]},
{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west-1:111122223333:jobs"}"#,
    );
    let report = diff("p.json", Some(&before), Some(&after)).unwrap();
    assert!(report.grants_added.is_empty(), "{}", report.table());
}

#[test]
fn passrole_with_lambda_is_escalation() {
    let after = policy(
        r#"{"Effect": "Allow", "Action": ["iam:PassRole"], "Resource": "*"},
{"Effect": "Allow", "Action": ["lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "*"}"#,
    );
    let report = diff("p.json", None, Some(&after)).unwrap();
    assert!(rules(&report).contains(&"IDG323"));
    let scoped = after.replacen(
        "\"Resource\": \"*\"",
        "\"Resource\": \"arn:aws:iam::111122223333:role/lambda-exec\"",
        1,
    );
    let report = diff("p.json", None, Some(&scoped)).unwrap();
    assert!(!rules(&report).contains(&"IDG323"), "{:?}", report.findings);
}

#[test]
fn explicit_deny_removes_access() {
    let after = policy(
        r#"{"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
{"Effect": "Deny", "Action": ["iam:Put*", "iam:Attach*", "iam:Create*", "iam:Update*", "iam:SetDefaultPolicyVersion", "iam:AddUserToGroup", "iam:PassRole"], "Resource": "*"}"#,
    );
    let report = diff("p.json", None, Some(&after)).unwrap();
    assert!(!rules(&report).contains(&"IDG323"), "{:?}", report.findings);
    assert!(
        !report
            .grants_added
            .iter()
            .any(|r| r.permission == "iam:PutRolePolicy")
    );
}

#[test]
fn not_action_allow_is_flagged() {
    let after = policy(
        r#"{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}"#,
    );
    let report = diff("p.json", None, Some(&after)).unwrap();
    assert!(rules(&report).contains(&"IDG324"));
}

#[test]
fn conditions_are_qualifiers_and_dropping_one_is_new_access() {
    let before = policy(
        r#"{"Effect": "Allow", "Action": "ec2:TerminateInstances", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "web"}}}"#,
    );
    let after =
        policy(r#"{"Effect": "Allow", "Action": "ec2:TerminateInstances", "Resource": "*"}"#);
    let report = diff("p.json", Some(&before), Some(&after)).unwrap();
    assert_eq!(report.grants_added.len(), 1);
    let back = diff("p.json", Some(&after), Some(&before)).unwrap();
    assert!(back.grants_added.is_empty());
    assert!(report.table().contains("ec2:TerminateInstances"));
}

#[test]
fn trust_policy_any_principal_and_new_account() {
    let before = policy(
        r#"{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}"#,
    );
    let any =
        policy(r#"{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}"#);
    let report = diff("trust.json", Some(&before), Some(&any)).unwrap();
    assert_eq!(rules(&report), vec!["IDG325"]);
    let acct = policy(
        r#"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole"}"#,
    );
    let report = diff("trust.json", Some(&before), Some(&acct)).unwrap();
    assert_eq!(rules(&report), vec!["IDG326"]);
}

#[test]
fn invalid_json_is_a_typed_error() {
    match diff("p.json", None, Some("{\"Statement\": [ {\"Effect\": }")) {
        Err(PrivilegeError::Json { line, .. }) => assert_eq!(line, 1),
        other => panic!("{other:?}"),
    }
}

#[test]
fn snapshot_of_new_access_table() {
    let before = policy(
        r#"{"Sid": "Read", "Effect": "Allow", "Action": ["dynamodb:GetItem"], "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/orders"}"#,
    );
    let after = policy(
        r#"{"Sid": "Read", "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"], "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/orders"},
{"Sid": "Keys", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:ViaService": "dynamodb.us-east-1.amazonaws.com"}}}"#,
    );
    let report = diff("svc/orders.json", Some(&before), Some(&after)).unwrap();
    assert!(report.findings.is_empty());
    insta::assert_snapshot!(report.table());
}

#[test]
fn nested_policies_in_a_cloudformation_template() {
    let before = r#"{"Resources": {"Role": {"Type": "AWS::IAM::Role", "Properties": {"Policies": [
  {"PolicyName": "app", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}]}}
]}}}}"#;
    let after = before.replace(
        "\"sqs:SendMessage\"",
        "[\"sqs:SendMessage\", \"iam:CreatePolicyVersion\"]",
    );
    let report = diff("stack.json", Some(before), Some(&after)).unwrap();
    assert_eq!(rules(&report), vec!["IDG323"]);
    assert!(
        report.findings[0]
            .message
            .contains("/Resources/Role/Properties/Policies/0/PolicyDocument")
    );
}

#[test]
fn any_principal_tied_to_the_organisation_is_not_open() {
    let guarded = policy(
        r#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::shared/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}"#,
    );
    let report = diff("bucket.json", None, Some(&guarded)).unwrap();
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    let referer = guarded.replace("aws:PrincipalOrgID", "aws:Referer");
    let report = diff("bucket.json", None, Some(&referer)).unwrap();
    assert_eq!(rules(&report), vec!["IDG325"]);
}

#[test]
fn github_oidc_trust_without_sub_condition() {
    let provider = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
    let scoped = policy(&format!(
        r#"{{"Effect": "Allow", "Principal": {{"Federated": "{provider}"}}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {{"StringEquals": {{"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}, "StringLike": {{"token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main"}}}}}}"#
    ));
    let open = policy(&format!(
        r#"{{"Effect": "Allow", "Principal": {{"Federated": "{provider}"}}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {{"StringEquals": {{"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}}}}}"#
    ));
    let report = diff("trust.json", Some(&scoped), Some(&open)).unwrap();
    assert_eq!(rules(&report), vec!["IDG325"]);
    assert!(
        diff("trust.json", Some(&open), Some(&scoped))
            .unwrap()
            .findings
            .is_empty()
    );
}
