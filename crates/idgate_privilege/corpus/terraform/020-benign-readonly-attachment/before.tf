resource "aws_iam_role" "notifier" {
  name = "notifier"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}
