resource "aws_iam_role" "billing" {
  name = "billing"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy_attachment" "billing_admin" {
  role       = aws_iam_role.billing.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
