from aws_cdk import aws_iam as iam


def allow_reports(fn, bucket):
    fn.add_to_role_policy(
        iam.PolicyStatement(
            actions=["s3:Get*", "s3:List*"],
            resources=[bucket.bucket_arn + "/reports/*"],
        )
    )
