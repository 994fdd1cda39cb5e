resource "aws_iam_role" "billing" {
  name = "billing"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}
