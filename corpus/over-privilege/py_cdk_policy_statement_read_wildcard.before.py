from aws_cdk import aws_iam as iam


def allow_reports(fn, bucket):
    fn.add_to_role_policy(
        iam.PolicyStatement(
            actions=["s3:GetObject"],
            resources=[bucket.bucket_arn + "/reports/2024.csv"],
        )
    )
