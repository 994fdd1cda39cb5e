variable "allowed_actions" {
  type    = list(string)
  default = ["*"]
}

resource "aws_iam_policy" "billing" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = var.allowed_actions, Resource = "*" }]
  })
}
