import * as iam from 'aws-cdk-lib/aws-iam';

export function uploaderStatement(bucketArn: string) {
  return new iam.PolicyStatement({
    actions: ['s3:*'],
    resources: [`${bucketArn}/*`],
  });
}
