"""AWS IAM JSON, Terraform and GitHub Actions cases of the labelled corpus (see make_corpus.py)."""

import json

ACCOUNTS = ["111122223333", "210987654321", "123456789012", "555566667777"]
BUCKETS = ["acme-logs", "team-artifacts", "raw-events-eu", "invoices-archive", "ml-datasets"]
APPS = ["checkout", "ledger", "indexer", "notifier", "gateway", "reporter", "scheduler", "billing"]


def pol(rnd, statements):
    doc = {"Version": "2012-10-17", "Statement": statements}
    style = rnd.choice(["indent2", "indent4", "compact"])
    if style == "compact":
        return json.dumps(doc) + "\n"
    return json.dumps(doc, indent=2 if style == "indent2" else 4) + "\n"


def st(rnd, actions, resources="*", effect="Allow", sid=None, cond=None, key="Action", rkey="Resource", principal=None):
    s = {}
    if sid:
        s["Sid"] = sid
    s["Effect"] = effect
    if principal is not None:
        s["Principal"] = principal
    if actions is not None:
        s[key] = actions[0] if len(actions) == 1 and rnd.random() < 0.5 else actions
    if resources is not None:
        s[rkey] = resources
    if cond:
        s["Condition"] = cond
    return s


def iam_cases(rnd):
    out = []

    def add(name, before, after, expected):
        out.append((name, before, after, expected))

    b = rnd.choice(BUCKETS)
    base = [st(rnd, ["s3:GetObject"], f"arn:aws:s3:::{b}/*", sid="Read")]
    add("star-star", pol(rnd, base), pol(rnd, base + [st(rnd, ["*"], "*", sid="Everything")]), ["IDG320"])
    add("star-colon-star", None, pol(rnd, [st(rnd, ["*:*"], ["*"])]), ["IDG320"])
    add("s3-service-wildcard", pol(rnd, [st(rnd, ["s3:GetObject", "s3:PutObject"], "*")]), pol(rnd, [st(rnd, ["s3:*"], "*")]), ["IDG321"])
    add("ec2-service-wildcard", None, pol(rnd, [st(rnd, ["ec2:*"], "*", sid="Ops")]), ["IDG321"])
    add("iam-star", pol(rnd, [st(rnd, ["iam:Get*", "iam:List*"], "*")]), pol(rnd, [st(rnd, ["iam:*"], "*")]), ["IDG322", "IDG323"])
    add("passrole-runinstances", None, pol(rnd, [st(rnd, ["iam:PassRole"], "*"), st(rnd, ["ec2:RunInstances", "ec2:DescribeInstances"], "*")]), ["IDG323"])
    add("create-policy-version", pol(rnd, [st(rnd, ["iam:GetPolicy"], "*")]), pol(rnd, [st(rnd, ["iam:GetPolicy", "iam:CreatePolicyVersion"], "*")]), ["IDG323"])
    add("attach-role-policy", None, pol(rnd, [st(rnd, ["iam:AttachRolePolicy", "iam:ListRoles"], "*")]), ["IDG323"])
    acct = rnd.choice(ACCOUNTS)
    add("update-assume-role-policy", None, pol(rnd, [st(rnd, ["iam:UpdateAssumeRolePolicy"], f"arn:aws:iam::{acct}:role/*")]), ["IDG323"])
    add("not-action-allow", None, pol(rnd, [st(rnd, ["iam:*", "organizations:*", "account:*"], "*", key="NotAction")]), ["IDG324"])
    add("not-resource-allow", None, pol(rnd, [st(rnd, ["s3:DeleteObject"], [f"arn:aws:s3:::{rnd.choice(BUCKETS)}/*"], rkey="NotResource")]), ["IDG324"])
    svc = {"Service": "ec2.amazonaws.com"}
    add("trust-any-principal", pol(rnd, [st(rnd, ["sts:AssumeRole"], None, principal=svc)]), pol(rnd, [st(rnd, ["sts:AssumeRole"], None, principal={"AWS": "*"})]), ["IDG325"])
    a2 = rnd.choice([a for a in ACCOUNTS if a != acct])
    add("trust-new-account", pol(rnd, [st(rnd, ["sts:AssumeRole"], None, principal={"AWS": f"arn:aws:iam::{acct}:root"})]),
        pol(rnd, [st(rnd, ["sts:AssumeRole"], None, principal={"AWS": [f"arn:aws:iam::{acct}:root", f"arn:aws:iam::{a2}:role/deployer"]})]), ["IDG326"])
    add("deny-removed", pol(rnd, [st(rnd, ["iam:*"], "*"), st(rnd, ["iam:*"], "*", effect="Deny", sid="NoIam")]), pol(rnd, [st(rnd, ["iam:*"], "*")]), ["IDG322", "IDG323"])
    add("iam-put-wildcard", None, pol(rnd, [st(rnd, ["iam:Put*"], "*")]), ["IDG323"])
    add("lambda-update-code", pol(rnd, [st(rnd, ["lambda:GetFunction"], "*")]), pol(rnd, [st(rnd, ["lambda:GetFunction", "lambda:UpdateFunctionCode"], "*")]), ["IDG323"])
    b = rnd.choice(BUCKETS)
    add("bucket-policy-public", pol(rnd, [st(rnd, ["s3:GetObject"], f"arn:aws:s3:::{b}/*", principal={"AWS": f"arn:aws:iam::{acct}:root"})]),
        pol(rnd, [st(rnd, ["s3:GetObject"], f"arn:aws:s3:::{b}/*", principal="*")]), ["IDG325"])
    add("kms-put-key-policy", None, pol(rnd, [st(rnd, ["kms:Decrypt", "kms:PutKeyPolicy"], "*")]), ["IDG322"])
    add("passrole-lambda-invoke", pol(rnd, [st(rnd, ["lambda:InvokeFunction"], "*")]),
        pol(rnd, [st(rnd, ["lambda:InvokeFunction", "lambda:CreateFunction"], "*"), st(rnd, ["iam:PassRole"], "*")]), ["IDG323"])
    add("create-access-key", None, pol(rnd, [st(rnd, ["iam:CreateAccessKey"], "*", sid="Rotate")]), ["IDG323"])
    gh = {"Federated": f"arn:aws:iam::{acct}:oidc-provider/token.actions.githubusercontent.com"}
    aud = {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}
    sub = {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
           "StringLike": {"token.actions.githubusercontent.com:sub": f"repo:acme/{rnd.choice(APPS)}:ref:refs/heads/main"}}
    add("github-oidc-sub-dropped", pol(rnd, [st(rnd, ["sts:AssumeRoleWithWebIdentity"], None, principal=gh, cond=sub)]),
        pol(rnd, [st(rnd, ["sts:AssumeRoleWithWebIdentity"], None, principal=gh, cond=aud)]), ["IDG325"])
    cfn = lambda acts: json.dumps({"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"AppRole": {"Type": "AWS::IAM::Role", "Properties": {
        "Policies": [{"PolicyName": "app", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": acts, "Resource": "*"}]}}]}}}}, indent=2)
    add("cloudformation-nested-escalation", cfn(["sqs:SendMessage"]), cfn(["sqs:SendMessage", "iam:AttachUserPolicy"]), ["IDG323"])

    # benign
    b = rnd.choice(BUCKETS)
    s1 = st(rnd, ["s3:GetObject"], f"arn:aws:s3:::{b}/*")
    s2 = st(rnd, ["sqs:SendMessage"], f"arn:aws:sqs:eu-west-1:{acct}:jobs")
    add("benign-reorder-statements", pol(rnd, [s1, s2]), pol(rnd, [s2, s1]), [])
    add("benign-narrow-service", pol(rnd, [st(rnd, ["s3:*"], "*")]), pol(rnd, [st(rnd, ["s3:GetObject"], f"arn:aws:s3:::{b}/*")]), [])
    add("benign-add-bucket-read", pol(rnd, [s2]), pol(rnd, [s2, s1]), [])
    cond = {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}
    add("benign-add-condition", pol(rnd, [st(rnd, ["ec2:StartInstances"], "*")]), pol(rnd, [st(rnd, ["ec2:StartInstances"], "*", cond=cond)]), [])
    add("benign-add-deny", pol(rnd, [st(rnd, ["s3:*"], f"arn:aws:s3:::{b}/*")]),
        pol(rnd, [st(rnd, ["s3:*"], f"arn:aws:s3:::{b}/*"), st(rnd, ["s3:DeleteObject"], "*", effect="Deny")]), [])
    add("benign-case-and-list-form", json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": f"arn:aws:dynamodb:us-east-1:{acct}:table/orders"}]}),
        json.dumps({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ["DynamoDB:getitem"], "Resource": [f"arn:aws:dynamodb:us-east-1:{acct}:table/orders"]}}, indent=2), [])
    add("benign-add-queue-send", pol(rnd, [s1]), pol(rnd, [s1, s2]), [])
    lg = f"arn:aws:logs:us-east-1:{acct}:log-group:/app/{rnd.choice(APPS)}:*"
    add("benign-logs-write", None, pol(rnd, [st(rnd, ["logs:CreateLogStream", "logs:PutLogEvents"], lg)]), [])
    add("benign-split-statement", pol(rnd, [st(rnd, ["s3:GetObject", "s3:ListBucket"], [f"arn:aws:s3:::{b}", f"arn:aws:s3:::{b}/*"])]),
        pol(rnd, [st(rnd, ["s3:ListBucket"], f"arn:aws:s3:::{b}"), st(rnd, ["s3:GetObject"], f"arn:aws:s3:::{b}/*"), st(rnd, ["s3:ListBucket"], f"arn:aws:s3:::{b}/*"), st(rnd, ["s3:GetObject"], f"arn:aws:s3:::{b}")]), [])
    p1 = {"AWS": [f"arn:aws:iam::{acct}:role/ci", f"arn:aws:iam::{acct}:role/admin"]}
    p2 = {"AWS": [f"arn:aws:iam::{acct}:role/admin", f"arn:aws:iam::{acct}:role/ci"]}
    add("benign-trust-reordered", pol(rnd, [st(rnd, ["sts:AssumeRole"], None, principal=p1)]), pol(rnd, [st(rnd, ["sts:AssumeRole"], None, principal=p2)]), [])
    add("benign-narrow-resource", pol(rnd, [st(rnd, ["dynamodb:Query"], "*")]), pol(rnd, [st(rnd, ["dynamodb:Query"], f"arn:aws:dynamodb:us-east-1:{acct}:table/orders/index/*")]), [])
    add("benign-scoped-passrole", None, pol(rnd, [st(rnd, ["iam:PassRole"], f"arn:aws:iam::{acct}:role/lambda-exec-{rnd.choice(APPS)}",
        cond={"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}), st(rnd, ["lambda:CreateFunction", "lambda:UpdateFunctionConfiguration"], f"arn:aws:lambda:us-east-1:{acct}:function:{rnd.choice(APPS)}")]), [])
    add("benign-sid-renamed", pol(rnd, [st(rnd, ["sns:Publish"], f"arn:aws:sns:us-east-1:{acct}:alerts", sid="Old")]), pol(rnd, [st(rnd, ["sns:Publish"], f"arn:aws:sns:us-east-1:{acct}:alerts", sid="PublishAlerts")]), [])
    add("benign-oidc-scoped-to-repo", None, pol(rnd, [st(rnd, ["sts:AssumeRoleWithWebIdentity"], None, principal=gh, cond=sub)]), [])
    add("benign-public-read-within-org", None, pol(rnd, [st(rnd, ["s3:GetObject"], f"arn:aws:s3:::{rnd.choice(BUCKETS)}/*", principal="*",
        cond={"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}})]), [])
    add("benign-remove-everything", pol(rnd, [st(rnd, ["*"], "*")]), pol(rnd, [st(rnd, ["cloudwatch:PutMetricData"], "*")]), [])
    return out


def tf_cases(rnd):
    out = []

    def add(name, before, after, expected):
        out.append((name, before, after, expected))

    app = rnd.choice(APPS)
    role_res = f'resource "aws_iam_role" "{app}" {{\n  name = "{app}"\n  assume_role_policy = data.aws_iam_policy_document.assume.json\n}}\n'
    add("admin-attachment", role_res, role_res + f'\nresource "aws_iam_role_policy_attachment" "{app}_admin" {{\n  role       = aws_iam_role.{app}.name\n  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}}\n', ["IDG327"])
    add("jsonencode-star", None, f'resource "aws_iam_policy" "{app}" {{\n  name = "{app}"\n  policy = jsonencode({{\n    Version = "2012-10-17"\n    Statement = [\n      {{\n        Effect   = "Allow"\n        Action   = "*"\n        Resource = "*"\n      }},\n    ]\n  }})\n}}\n', ["IDG320"])
    doc = lambda actions, res: f'data "aws_iam_policy_document" "{app}" {{\n  statement {{\n    sid       = "Deploy"\n    effect    = "Allow"\n    actions   = {json.dumps(actions)}\n    resources = {json.dumps(res)}\n  }}\n}}\n\nresource "aws_iam_role_policy" "{app}" {{\n  name   = "{app}"\n  role   = aws_iam_role.{app}.id\n  policy = data.aws_iam_policy_document.{app}.json\n}}\n'
    add("policy-document-passrole-lambda", doc(["lambda:InvokeFunction"], ["*"]), doc(["lambda:InvokeFunction", "lambda:CreateFunction", "iam:PassRole"], ["*"]), ["IDG323"])
    add("trust-any-principal", None, f'resource "aws_iam_role" "{app}" {{\n  name = "{app}"\n  assume_role_policy = jsonencode({{\n    Version = "2012-10-17"\n    Statement = [{{\n      Effect = "Allow"\n      Principal = {{ AWS = "*" }}\n      Action = "sts:AssumeRole"\n    }}]\n  }})\n}}\n', ["IDG325"])
    proj = f"{app}-prod"
    add("gcp-owner-member", None, f'resource "google_project_iam_member" "{app}" {{\n  project = "{proj}"\n  role    = "roles/owner"\n  member  = "serviceAccount:{app}@{proj}.iam.gserviceaccount.com"\n}}\n', ["IDG330"])
    add("gcp-editor-binding", f'resource "google_project_iam_binding" "devs" {{\n  project = "{proj}"\n  role    = "roles/viewer"\n  members = ["group:devs@example.com"]\n}}\n',
        f'resource "google_project_iam_binding" "devs" {{\n  project = "{proj}"\n  role    = "roles/editor"\n  members = ["group:devs@example.com"]\n}}\n', ["IDG330"])
    add("gcp-token-creator", None, f'resource "google_service_account_iam_member" "impersonate" {{\n  service_account_id = google_service_account.{app}.name\n  role               = "roles/iam.serviceAccountTokenCreator"\n  member             = "user:alex@example.com"\n}}\n', ["IDG331"])
    add("gcp-sa-user-project", None, f'resource "google_project_iam_member" "ci_act_as" {{\n  project = "{proj}"\n  role    = "roles/iam.serviceAccountUser"\n  member  = "serviceAccount:ci@{proj}.iam.gserviceaccount.com"\n}}\n', ["IDG331"])
    add("azure-owner", None, f'resource "azurerm_role_assignment" "{app}" {{\n  scope                = data.azurerm_subscription.primary.id\n  role_definition_name = "Owner"\n  principal_id         = azuread_service_principal.{app}.object_id\n}}\n', ["IDG332"])
    add("azure-uaa-guid", None, f'resource "azurerm_role_assignment" "ops" {{\n  scope              = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/{app}"\n  role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"\n  principal_id       = "9b6c2f1e-0000-4000-8000-00000000abcd"\n}}\n', ["IDG333"])
    add("azure-contributor-changed", f'resource "azurerm_role_assignment" "ci" {{\n  scope                = azurerm_resource_group.{app}.id\n  role_definition_name = "Reader"\n  principal_id         = var.ci_principal\n}}\n',
        f'resource "azurerm_role_assignment" "ci" {{\n  scope                = azurerm_resource_group.{app}.id\n  role_definition_name = "Contributor"\n  principal_id         = var.ci_principal\n}}\n', ["IDG332"])
    add("k8s-crb-cluster-admin", None, f'resource "kubernetes_cluster_role_binding" "{app}" {{\n  metadata {{\n    name = "{app}-admin"\n  }}\n  role_ref {{\n    api_group = "rbac.authorization.k8s.io"\n    kind      = "ClusterRole"\n    name      = "cluster-admin"\n  }}\n  subject {{\n    kind      = "ServiceAccount"\n    name      = "{app}"\n    namespace = "kube-system"\n  }}\n}}\n', ["IDG302"])
    k8s_role = lambda res: f'resource "kubernetes_role_v1" "{app}" {{\n  metadata {{\n    name      = "{app}"\n    namespace = "{app}"\n  }}\n  rule {{\n    api_groups = [""]\n    resources  = {json.dumps(res)}\n    verbs      = ["get", "list"]\n  }}\n}}\n\nresource "kubernetes_role_binding_v1" "{app}" {{\n  metadata {{\n    name      = "{app}"\n    namespace = "{app}"\n  }}\n  role_ref {{\n    api_group = "rbac.authorization.k8s.io"\n    kind      = "Role"\n    name      = "{app}"\n  }}\n  subject {{\n    kind      = "ServiceAccount"\n    name      = "{app}"\n    namespace = "{app}"\n  }}\n}}\n'
    add("k8s-role-secrets", k8s_role(["configmaps"]), k8s_role(["configmaps", "secrets"]), ["IDG303"])
    add("var-default-star", None, f'variable "allowed_actions" {{\n  type    = list(string)\n  default = ["*"]\n}}\n\nresource "aws_iam_policy" "{app}" {{\n  policy = jsonencode({{\n    Version   = "2012-10-17"\n    Statement = [{{ Effect = "Allow", Action = var.allowed_actions, Resource = "*" }}]\n  }})\n}}\n', ["IDG320"])
    add("managed-policy-arns-poweruser", f'resource "aws_iam_role" "{app}" {{\n  name = "{app}"\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n  managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]\n}}\n',
        f'resource "aws_iam_role" "{app}" {{\n  name = "{app}"\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n  managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/PowerUserAccess"]\n}}\n', ["IDG327"])
    add("gcp-policy-data-owner", None, f'data "google_iam_policy" "admin" {{\n  binding {{\n    role    = "roles/owner"\n    members = ["user:root@example.com"]\n  }}\n}}\n\nresource "google_project_iam_policy" "{app}" {{\n  project     = "{proj}"\n  policy_data = data.google_iam_policy.admin.policy_data\n}}\n', ["IDG330"])
    add("user-policy-create-access-key", None, f'resource "aws_iam_user_policy" "{app}" {{\n  name = "rotate"\n  user = aws_iam_user.{app}.name\n  policy = <<EOT\n{{\n  "Version": "2012-10-17",\n  "Statement": [{{"Effect": "Allow", "Action": ["iam:CreateAccessKey", "iam:ListAccessKeys"], "Resource": "*"}}]\n}}\nEOT\n}}\n', ["IDG323"])
    add("heredoc-s3-star", f'resource "aws_iam_policy" "s3" {{\n  policy = <<-POLICY\n    {{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}]}}\n  POLICY\n}}\n',
        f'resource "aws_iam_policy" "s3" {{\n  policy = <<-POLICY\n    {{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}]}}\n  POLICY\n}}\n', ["IDG321"])
    two = lambda extra: (f'resource "aws_iam_role" "{app}" {{\n  name = "{app}"\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n}}\n\n'
        f'resource "aws_iam_policy" "pass" {{\n  policy = jsonencode({{\n    Version   = "2012-10-17"\n    Statement = [{{ Effect = "Allow", Action = ["iam:PassRole"], Resource = "*" }}]\n  }})\n}}\n\n'
        f'resource "aws_iam_role_policy_attachment" "pass" {{\n  role       = aws_iam_role.{app}.name\n  policy_arn = aws_iam_policy.pass.arn\n}}\n\n'
        f'resource "aws_iam_role_policy" "compute" {{\n  role = aws_iam_role.{app}.id\n  policy = jsonencode({{\n    Version   = "2012-10-17"\n    Statement = [{{ Effect = "Allow", Action = {json.dumps(extra)}, Resource = "*" }}]\n  }})\n}}\n')
    add("escalation-across-two-policies", two(["lambda:InvokeFunction"]), two(["lambda:InvokeFunction", "lambda:CreateFunction"]), ["IDG323"])
    add("admin-via-data-source", None, f'data "aws_iam_policy" "admin" {{\n  name = "AdministratorAccess"\n}}\n\nresource "aws_iam_role_policy_attachment" "{app}" {{\n  role       = aws_iam_role.{app}.name\n  policy_arn = data.aws_iam_policy.admin.arn\n}}\n', ["IDG327"])
    add("iamfullaccess-group", None, f'resource "aws_iam_group_policy_attachment" "ops" {{\n  group      = aws_iam_group.ops.name\n  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"\n}}\n', ["IDG327"])

    # benign
    add("benign-two-harmless-policies", two(["logs:PutLogEvents"]), two(["logs:PutLogEvents", "cloudwatch:PutMetricData"]), [])
    add("benign-readonly-attachment", role_res, role_res + f'\nresource "aws_iam_role_policy_attachment" "ro" {{\n  role       = aws_iam_role.{app}.name\n  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}}\n', [])
    g1 = f'resource "google_project_iam_member" "a" {{\n  project = "{proj}"\n  role    = "roles/logging.logWriter"\n  member  = "serviceAccount:a@{proj}.iam.gserviceaccount.com"\n}}\n'
    g2 = f'resource "google_project_iam_member" "b" {{\n  project = "{proj}"\n  role    = "roles/monitoring.metricWriter"\n  member  = "serviceAccount:a@{proj}.iam.gserviceaccount.com"\n}}\n'
    add("benign-reorder-resources", g1 + "\n" + g2, g2 + "\n\n" + g1, [])
    add("benign-gcp-viewer", None, f'resource "google_project_iam_member" "auditor" {{\n  project = "{proj}"\n  role    = "roles/viewer"\n  member  = "group:auditors@example.com"\n}}\n', [])
    add("benign-azure-reader", None, f'resource "azurerm_role_assignment" "r" {{\n  scope                = azurerm_resource_group.{app}.id\n  role_definition_name = "Reader"\n  principal_id         = azuread_group.readers.object_id\n}}\n', [])
    add("benign-policy-narrowed", doc(["s3:*"], ["*"]), doc(["s3:GetObject", "s3:PutObject"], [f"arn:aws:s3:::{rnd.choice(BUCKETS)}/*"]), [])
    add("benign-unknown-role-var", None, f'variable "role" {{\n  type = string\n}}\n\nresource "google_project_iam_member" "x" {{\n  project = "{proj}"\n  role    = var.role\n  member  = "group:team@example.com"\n}}\n', [])
    pol_res = lambda desc: f'resource "aws_iam_policy" "{app}" {{\n  name        = "{app}"\n  description = "{desc}"\n  policy = jsonencode({{\n    Version   = "2012-10-17"\n    Statement = [{{ Effect = "Allow", Action = ["sqs:ReceiveMessage", "sqs:DeleteMessage"], Resource = aws_sqs_queue.jobs.arn }}]\n  }})\n  tags = {{ team = "{app}" }}\n}}\n'
    add("benign-description-change", pol_res("old"), pol_res("Consumes the jobs queue"), [])
    add("benign-k8s-readonly-role", None, k8s_role(["pods", "services"]), [])
    add("benign-policy-document-bucket-read", None, doc(["s3:GetObject", "s3:ListBucket"], [f"arn:aws:s3:::{rnd.choice(BUCKETS)}", f"arn:aws:s3:::{rnd.choice(BUCKETS)}/*"]), [])
    add("benign-azure-blob-reader", None, f'resource "azurerm_role_assignment" "blob" {{\n  scope                = azurerm_storage_account.{app}.id\n  role_definition_name = "Storage Blob Data Reader"\n  principal_id         = azurerm_user_assigned_identity.{app}.principal_id\n}}\n', [])
    add("benign-templatefile-policy", None, f'resource "aws_iam_policy" "{app}" {{\n  policy = templatefile("${{path.module}}/policies/{app}.json.tpl", {{ bucket = var.bucket }})\n}}\n', [])
    add("benign-local-bucket-arn", None, f'locals {{\n  bucket_arn = "arn:aws:s3:::{rnd.choice(BUCKETS)}"\n}}\n\nresource "aws_iam_role_policy" "{app}" {{\n  role = aws_iam_role.{app}.id\n  policy = jsonencode({{\n    Version = "2012-10-17"\n    Statement = [{{\n      Effect   = "Allow"\n      Action   = ["s3:GetObject"]\n      Resource = ["${{local.bucket_arn}}/*"]\n    }}]\n  }})\n}}\n', [])
    return out


def wf(on, perms, jobs):
    s = f"name: ci\non:\n{on}"
    if perms is not None:
        s += perms
    s += "jobs:\n" + jobs
    return s


def job(name, perms="", steps="      - uses: actions/checkout@v4\n      - run: make test\n"):
    return f"  {name}:\n    runs-on: ubuntu-latest\n{perms}    steps:\n{steps}"


def gha_cases(rnd):
    out = []

    def add(name, before, after, expected):
        out.append((name, before, after, expected))

    push = "  push:\n    branches: [main]\n  pull_request:\n"
    ro = "permissions:\n  contents: read\n"
    add("write-all-workflow", wf(push, ro, job("test")), wf(push, "permissions: write-all\n", job("test")), ["IDG340"])
    add("write-all-job", wf(push, ro, job("test") + job("release")), wf(push, ro, job("test") + job("release", "    permissions: write-all\n")), ["IDG340"])
    add("contents-write-added", wf(push, ro, job("test")), wf(push, ro, job("test", "    permissions:\n      contents: write\n")), ["IDG341"])
    add("id-token-added", wf(push, ro, job("deploy")), wf(push, "permissions:\n  contents: read\n  id-token: write\n", job("deploy")), ["IDG342"])
    add("pr-and-issues-write", wf(push, ro, job("triage")), wf(push, ro, job("triage", "    permissions:\n      pull-requests: write\n      issues: write\n")), ["IDG341"])
    prt = "  pull_request_target:\n    types: [opened, synchronize]\n"
    head = "      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: npm ci && npm test\n"
    add("prt-head-sha", wf(prt, ro, job("test", steps="      - uses: actions/checkout@v4\n      - run: ./scripts/label.sh\n")), wf(prt, ro, job("test", steps=head)), ["IDG343"])
    head_ref = "      - uses: actions/checkout@v4\n        with:\n          repository: ${{ github.event.pull_request.head.repo.full_name }}\n          ref: ${{ github.head_ref }}\n      - run: make build\n"
    add("prt-head-ref", None, wf(prt, ro, job("build", steps=head_ref)), ["IDG343"])
    add("trigger-switched-to-prt", wf("  pull_request:\n", ro, job("test", steps=head)), wf(prt, ro, job("test", steps=head)), ["IDG343"])
    add("new-workflow-packages-write", None, wf(push, "permissions:\n  contents: read\n  packages: write\n", job("publish")), ["IDG341"])
    add("read-all-to-write-all", wf(push, "permissions: read-all\n", job("test")), wf(push, "permissions: write-all\n", job("test")), ["IDG340"])
    add("prt-git-checkout-run", None, wf("  pull_request_target:\n", ro, job("lint", steps="      - uses: actions/checkout@v4\n      - run: |\n          git fetch origin pull/${{ github.event.pull_request.number }}/head:pr\n          git checkout ${{ github.event.pull_request.head.sha }}\n          make lint\n")), ["IDG343"])

    # benign
    add("benign-narrow-write", wf(push, "permissions:\n  contents: write\n", job("test")), wf(push, ro, job("test")), [])
    add("benign-reorder-scopes", wf(push, "permissions:\n  contents: read\n  checks: write\n", job("test")), wf(push, "permissions:\n  checks: write\n  contents: read\n", job("test")), [])
    add("benign-add-step", wf(push, ro, job("test")), wf(push, ro, job("test", steps="      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 22\n      - run: make test\n")), [])
    add("benign-empty-permissions", wf(push, ro, job("test")), wf(push, "permissions: {}\n", job("test")), [])
    add("benign-prt-labeler", None, wf(prt, "permissions:\n  contents: read\n  pull-requests: read\n", job("label", steps="      - uses: actions/labeler@v5\n")), [])
    add("benign-pull-request-head-checkout", wf("  pull_request:\n", ro, job("test")), wf("  pull_request:\n", ro, job("test", steps=head)), [])
    add("benign-write-all-to-read-all", wf(push, "permissions: write-all\n", job("test")), wf(push, "permissions: read-all\n", job("test")), [])
    add("benign-new-workflow-read", None, wf(push, ro, job("lint")), [])
    add("benign-id-token-moved-to-job", wf(push, "permissions:\n  contents: read\n  id-token: write\n", job("test") + job("deploy")),
        wf(push, ro, job("test") + job("deploy", "    permissions:\n      contents: read\n      id-token: write\n")), [])
    add("no-block-to-contents-write", wf(push, None, job("release")), wf(push, None, job("release", "    permissions:\n      contents: write\n")), ["IDG341"])
    add("benign-no-block-to-explicit-read", wf(push, None, job("test")), wf(push, ro, job("test")), [])
    add("benign-rename-workflow", wf(push, ro, job("test")), wf(push, ro, job("test")).replace("name: ci", "name: Continuous integration"), [])
    return out
