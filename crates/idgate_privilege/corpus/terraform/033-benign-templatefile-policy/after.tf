resource "aws_iam_policy" "billing" {
  policy = templatefile("${path.module}/policies/billing.json.tpl", { bucket = var.bucket })
}
