resource "aws_iam_policy" "notifier" {
  policy = templatefile("${path.module}/policies/notifier.json.tpl", { bucket = var.bucket })
}
