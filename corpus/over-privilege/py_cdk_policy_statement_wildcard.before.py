from aws_cdk import aws_iam as iam


def allow_table_reads(fn, table):
    fn.add_to_role_policy(
        iam.PolicyStatement(
            actions=["dynamodb:GetItem", "dynamodb:Query"],
            resources=[table.table_arn],
        )
    )
