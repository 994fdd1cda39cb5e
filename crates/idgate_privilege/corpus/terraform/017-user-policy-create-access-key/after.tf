resource "aws_iam_user_policy" "billing" {
  name = "rotate"
  user = aws_iam_user.billing.name
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": ["iam:CreateAccessKey", "iam:ListAccessKeys"], "Resource": "*"}]
}
EOT
}
