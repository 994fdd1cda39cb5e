data "aws_iam_policy_document" "billing" {
  statement {
    sid       = "Deploy"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["arn:aws:s3:::team-artifacts", "arn:aws:s3:::raw-events-eu/*"]
  }
}

resource "aws_iam_role_policy" "billing" {
  name   = "billing"
  role   = aws_iam_role.billing.id
  policy = data.aws_iam_policy_document.billing.json
}
