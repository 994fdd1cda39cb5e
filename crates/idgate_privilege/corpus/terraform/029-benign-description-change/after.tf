resource "aws_iam_policy" "billing" {
  name        = "billing"
  description = "Consumes the jobs queue"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["sqs:ReceiveMessage", "sqs:DeleteMessage"], Resource = aws_sqs_queue.jobs.arn }]
  })
  tags = { team = "billing" }
}
