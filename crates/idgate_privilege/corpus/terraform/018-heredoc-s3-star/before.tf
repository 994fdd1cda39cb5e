resource "aws_iam_policy" "s3" {
  policy = <<-POLICY
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
  POLICY
}
