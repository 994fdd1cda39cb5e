const { S3Client } = require('@aws-sdk/client-s3');

module.exports = new S3Client({
  region: 'eu-west-1',
  credentials: {
    // expect: hardcoded-secret
    accessKeyId: 'AKIAZ7Q4XKMP2LRWN3TD',
    // expect: hardcoded-secret
    secretAccessKey: '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',
  },
});
