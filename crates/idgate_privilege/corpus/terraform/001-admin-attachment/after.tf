resource "aws_iam_role" "notifier" {
  name = "notifier"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy_attachment" "notifier_admin" {
  role       = aws_iam_role.notifier.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
