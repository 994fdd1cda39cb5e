resource "aws_iam_role" "billing" {
  name = "billing"
  assume_role_policy = data.aws_iam_policy_document.trust.json
  managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
}
