data "aws_iam_policy_document" "billing" {
  statement {
    sid       = "Deploy"
    effect    = "Allow"
    actions   = ["lambda:InvokeFunction"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "billing" {
  name   = "billing"
  role   = aws_iam_role.billing.id
  policy = data.aws_iam_policy_document.billing.json
}
