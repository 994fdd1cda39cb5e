import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export function grantUploader(scope: Construct, role: iam.Role, bucketArn: string) {
  role.addToPolicy(
    new iam.PolicyStatement({
      // expect: over-privilege
      actions: ['s3:*'],
      resources: ['*'],
    }),
  );
}
