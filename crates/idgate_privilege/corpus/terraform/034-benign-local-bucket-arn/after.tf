locals {
  bucket_arn = "arn:aws:s3:::ml-datasets"
}

resource "aws_iam_role_policy" "billing" {
  role = aws_iam_role.billing.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = ["${local.bucket_arn}/*"]
    }]
  })
}
