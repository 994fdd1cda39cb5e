resource "aws_iam_group_policy_attachment" "ops" {
  group      = aws_iam_group.ops.name
  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"
}
