//! Terraform grants: AWS, GCP, Azure and Kubernetes resources.

use idgate_privilege::{PrivilegeError, diff};

fn rules(report: &idgate_privilege::PrivilegeReport) -> Vec<&'static str> {
    let mut r: Vec<&str> = report.findings.iter().map(|f| f.rule).collect();
    r.sort();
    r.dedup();
    r
}

#[test]
fn policy_document_data_source_with_passrole() {
    let before = r#"
data "aws_iam_policy_document" "deploy" {
  statement {
    actions   = ["lambda:UpdateFunctionConfiguration"]
    resources = ["arn:aws:lambda:us-east-1:111122223333:function:api"]
  }
}

resource "aws_iam_policy" "deploy" {
  name   = "deploy"
  policy = data.aws_iam_policy_document.deploy.json
}
"#;
    let after = before.replace(
        "    actions   = [\"lambda:UpdateFunctionConfiguration\"]\n    resources = [\"arn:aws:lambda:us-east-1:111122223333:function:api\"]",
        "    actions   = [\"iam:PassRole\", \"ec2:RunInstances\"]\n    resources = [\"*\"]",
    );
    let report = diff("infra/iam.tf", Some(before), Some(&after)).unwrap();
    // PassRole is a permissions-management action, reported once, as part of the combination.
    assert_eq!(rules(&report), vec!["IDG323"], "{:#?}", report.findings);
    assert!(report.findings[0].message.contains("aws_iam_policy.deploy"));
}

#[test]
fn jsonencode_with_variables_and_admin_attachment() {
    let text = r#"
variable "actions" {
  default = ["s3:*"]
}

locals {
  bucket = "arn:aws:s3:::artifacts"
}

resource "aws_iam_role_policy" "ci" {
  role = aws_iam_role.ci.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = var.actions
      Resource = ["${local.bucket}/*", local.bucket]
    }]
  })
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.ci.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
"#;
    let report = diff("ci.tf", None, Some(text)).unwrap();
    assert_eq!(rules(&report), vec!["IDG327"], "{:#?}", report.findings);
    assert!(
        report
            .grants_added
            .iter()
            .any(|r| r.resource == "arn:aws:s3:::artifacts/*" && r.permission.starts_with("s3:*"))
    );
    let f = &report.findings[0];
    assert_eq!(f.line, 22);
}

#[test]
fn gcp_basic_and_impersonation_roles_and_unknown_role() {
    let before = r#"
resource "google_project_iam_member" "ci" {
  project = "shop-prod"
  role    = "roles/viewer"
  member  = "serviceAccount:ci@shop-prod.iam.gserviceaccount.com"
}
"#;
    let after = r#"
variable "role" {}

resource "google_project_iam_member" "ci" {
  project = "shop-prod"
  role    = "roles/editor"
  member  = "serviceAccount:ci@shop-prod.iam.gserviceaccount.com"
}

resource "google_service_account_iam_binding" "impersonate" {
  service_account_id = google_service_account.deployer.name
  role               = "roles/iam.serviceAccountTokenCreator"
  members            = ["user:dana@example.com"]
}

resource "google_project_iam_member" "other" {
  project = "shop-prod"
  role    = var.role
  member  = "group:devs@example.com"
}
"#;
    let report = diff("gcp.tf", Some(before), Some(after)).unwrap();
    assert_eq!(rules(&report), vec!["IDG330", "IDG331"]);
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.message.contains("not literal"))
    );
}

#[test]
fn azure_roles_by_name_and_guid() {
    let after = r#"
resource "azurerm_role_assignment" "a" {
  scope                = "/subscriptions/00000000-0000-0000-0000-000000000000"
  role_definition_name = "Contributor"
  principal_id         = azurerm_user_assigned_identity.ci.principal_id
}

resource "azurerm_role_assignment" "b" {
  scope              = "/subscriptions/00000000-0000-0000-0000-000000000000"
  role_definition_id = "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"
  principal_id       = "11111111-2222-3333-4444-555555555555"
}

resource "azurerm_role_assignment" "c" {
  scope                = azurerm_storage_account.logs.id
  role_definition_name = "Storage Blob Data Reader"
  principal_id         = "11111111-2222-3333-4444-555555555555"
}
"#;
    let report = diff("az.tf", None, Some(after)).unwrap();
    assert_eq!(rules(&report), vec!["IDG332", "IDG333"]);
}

#[test]
fn kubernetes_cluster_role_binding_in_terraform() {
    let after = r#"
resource "kubernetes_cluster_role_binding_v1" "ci" {
  metadata {
    name = "ci-admin"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "cluster-admin"
  }
  subject {
    kind      = "ServiceAccount"
    name      = "ci"
    namespace = "build"
  }
}
"#;
    let report = diff("k8s.tf", None, Some(after)).unwrap();
    assert_eq!(rules(&report), vec!["IDG302"]);
    assert_eq!(report.findings[0].line, 2);
}

#[test]
fn trust_policy_in_aws_iam_role() {
    let after = r#"
resource "aws_iam_role" "x" {
  name = "x"
  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]
}
EOF
}
"#;
    let report = diff("role.tf", None, Some(after)).unwrap();
    assert_eq!(rules(&report), vec!["IDG325"]);
}

#[test]
fn unknown_functions_and_bad_hcl() {
    let text = r#"
resource "aws_iam_policy" "p" {
  policy = templatefile("${path.module}/p.json.tpl", { bucket = var.bucket })
}
"#;
    let report = diff("p.tf", None, Some(text)).unwrap();
    assert!(report.findings.is_empty());
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.message.contains("templatefile"))
    );
    assert!(matches!(
        diff("bad.tf", None, Some("resource \"x\" {\n  a = \n")),
        Err(PrivilegeError::Hcl { .. })
    ));
}

#[test]
fn escalation_split_across_policies_of_one_role() {
    let before = r#"
resource "aws_iam_role" "worker" {
  name = "worker"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_policy" "pass" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]
  })
}

resource "aws_iam_role_policy_attachment" "pass" {
  role       = aws_iam_role.worker.name
  policy_arn = aws_iam_policy.pass.arn
}

resource "aws_iam_role_policy" "compute" {
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["ec2:DescribeInstances"], Resource = "*" }]
  })
}
"#;
    let after = before.replace(
        "[\"ec2:DescribeInstances\"]",
        "[\"ec2:DescribeInstances\", \"ec2:RunInstances\"]",
    );
    let report = diff("worker.tf", Some(before), Some(&after)).unwrap();
    assert_eq!(rules(&report), vec!["IDG323"], "{:#?}", report.findings);
    assert!(
        report.findings[0]
            .message
            .starts_with("aws_iam_role.worker")
    );
    assert!(
        diff("worker.tf", Some(before), Some(before))
            .unwrap()
            .findings
            .is_empty()
    );
}

#[test]
fn managed_policy_through_a_data_source() {
    let after = r#"
data "aws_iam_policy" "admin" {
  name = "AdministratorAccess"
}

resource "aws_iam_user_policy_attachment" "ops" {
  user       = aws_iam_user.ops.name
  policy_arn = data.aws_iam_policy.admin.arn
}
"#;
    let report = diff("ops.tf", None, Some(after)).unwrap();
    assert_eq!(rules(&report), vec!["IDG327"]);
}

#[test]
fn for_each_over_literal_collections_is_expanded() {
    let after = r#"
variable "ci_roles" {
  default = ["roles/logging.logWriter", "roles/owner"]
}

resource "google_project_iam_member" "ci" {
  for_each = toset(var.ci_roles)
  project  = "shop-prod"
  role     = each.key
  member   = "serviceAccount:ci@shop-prod.iam.gserviceaccount.com"
}

resource "azurerm_role_assignment" "teams" {
  for_each = {
    ops  = { role = "Reader", principal = "1111" }
    root = { role = "Owner", principal = "2222" }
  }
  scope                = "/subscriptions/abc"
  role_definition_name = each.value.role
  principal_id         = each.value.principal
}

resource "google_project_iam_member" "unknown" {
  for_each = var.not_declared
  project  = "shop-prod"
  role     = each.value
  member   = "group:x@example.com"
}
"#;
    let report = diff("fe.tf", None, Some(after)).unwrap();
    assert_eq!(
        rules(&report),
        vec!["IDG330", "IDG332"],
        "{:#?}",
        report.findings
    );
    assert!(report.findings.iter().any(|f| {
        f.message
            .contains("google_project_iam_member.ci[\"roles/owner\"]")
    }));
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.message.starts_with("2222 "))
    );
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.message.contains("for_each is not a literal"))
    );
}
