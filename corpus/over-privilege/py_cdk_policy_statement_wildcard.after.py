from aws_cdk import aws_iam as iam


def allow_table_reads(fn, table):
    fn.add_to_role_policy(
        iam.PolicyStatement(
            # expect: over-privilege
            actions=["dynamodb:*"],
            resources=[table.table_arn],
        )
    )
