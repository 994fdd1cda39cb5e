data "aws_iam_policy_document" "notifier" {
  statement {
    sid       = "Deploy"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["arn:aws:s3:::acme-logs", "arn:aws:s3:::raw-events-eu/*"]
  }
}

resource "aws_iam_role_policy" "notifier" {
  name   = "notifier"
  role   = aws_iam_role.notifier.id
  policy = data.aws_iam_policy_document.notifier.json
}
