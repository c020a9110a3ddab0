/**
 * Service codes a configuration may name: iam-collect's full list, so its config files validate
 * unchanged, then iamwright's additions. Services without a source in this version are reported as
 * skipped in the run summary.
 */
export const SERVICE_CODES = [
  'apigateway',
  'backup',
  'dynamodb',
  'ec2',
  'ecr',
  'eks',
  'elasticfilesystem',
  'es',
  'events',
  'glacier',
  'glue',
  'iam',
  'kafka',
  'kinesis',
  'kms',
  'lambda',
  'organizations',
  'ram',
  's3',
  's3-object-lambda',
  's3express',
  's3outposts',
  's3tables',
  'secretsmanager',
  'sns',
  'sqs',
  'sso',
  // iamwright's additions: resource-policy services iam-collect's users are still waiting for.
  'acm-pca',
  'cloudtrail',
  'codeartifact',
  'codebuild',
  'iot',
  'lex',
  'logs',
  'redshift',
  'redshift-serverless',
  'route53resolver',
  'schemas',
  'serverlessrepo',
  'ses',
  'ssm-contacts',
  'ssm-incidents',
  // Further resource-policy services found in the IAM database (docs/resource-policy-coverage.md).
  'mediastore',
  's3vectors',
  'vpc-lattice',
  'aoss',
  'ecr-public',
  'wafv2',
  'ssm',
  'xray',
  'aps',
  'network-firewall',
  'sagemaker',
  'imagebuilder',
  'bedrock-agentcore',
  'dsql',
  'rekognition',
  'comprehend',
  'rum',
  'entityresolution',
  'cloudfront',
  'bedrock',
] as const;

export type ServiceCode = (typeof SERVICE_CODES)[number];

export function isServiceCode(value: string): value is ServiceCode {
  return (SERVICE_CODES as readonly string[]).includes(value);
}
