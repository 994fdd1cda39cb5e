resource "aws_iam_role" "billing" {
  name = "billing"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_policy" "pass" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["iam:PassRole"], Resource = "*" }]
  })
}

resource "aws_iam_role_policy_attachment" "pass" {
  role       = aws_iam_role.billing.name
  policy_arn = aws_iam_policy.pass.arn
}

resource "aws_iam_role_policy" "compute" {
  role = aws_iam_role.billing.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["lambda:InvokeFunction"], Resource = "*" }]
  })
}
