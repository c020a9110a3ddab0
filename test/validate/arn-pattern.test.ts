/**
 * The strict ARN matcher of `validate`: a policy's Resource against a resource type's ARN format.
 * Each row: the policy's ARN, the format, and whether some real ARN matches both. ARNs without
 * wildcards are also matched with the format's regular expression, which must agree.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  arnFormatRegex,
  compileArnFormat,
  compilePolicyArn,
  isLiteralArn,
  patternsIntersect,
} from '../../src/validate/arn-pattern.js';

const BUCKET = 'arn:${Partition}:s3:::${BucketName}';
const OBJECT = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';
const TABLE = 'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}';
const INDEX = 'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/index/${IndexName}';
const LOG_GROUP = 'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}';
const LOG_STREAM = 'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}';
const PARAMETER = 'arn:${Partition}:ssm:${Region}:${Account}:parameter/${ParameterNameWithoutLeadingSlash}';
const FUNCTION = 'arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}';
const FUNCTION_VERSION = 'arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}:${Qualifier}';
const ROLE = 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}';

const CASES: [arn: string, format: string, matches: boolean][] = [
  ['arn:aws:s3:::reports', BUCKET, true],
  ['arn:aws:s3:::reports', OBJECT, false],
  ['arn:aws:s3:::reports/*', BUCKET, false],
  ['arn:aws:s3:::reports/*', OBJECT, true],
  ['arn:aws:s3:::reports/2026/01/a.csv', OBJECT, true],
  ['arn:aws:s3:::*', BUCKET, true],
  ['arn:aws:s3:::*', OBJECT, true],
  ['arn:aws:s3:::report?', BUCKET, true],
  ['arn:aws:s3:us-east-1::reports', BUCKET, false],
  ['arn:aws:s3:*::reports', BUCKET, true],
  ['arn:aws:s3:::', BUCKET, false],
  ['arn:aws:sqs:us-east-1:123456789012:jobs', BUCKET, false],
  ['arn:aws:dynamodb:us-east-1:123456789012:table/orders', TABLE, true],
  ['arn:aws:dynamodb:us-east-1:123456789012:table/orders', INDEX, false],
  ['arn:aws:dynamodb:us-east-1:123456789012:table/orders/index/by-date', TABLE, false],
  ['arn:aws:dynamodb:us-east-1:123456789012:table/orders/index/by-date', INDEX, true],
  ['arn:aws:dynamodb:us-east-1:123456789012:table/orders*', TABLE, true],
  ['arn:aws:dynamodb:us-east-1:123456789012:table/orders*', INDEX, true],
  ['arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/app:*', LOG_GROUP, true],
  ['arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/app:*', LOG_STREAM, true],
  ['arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/app', LOG_STREAM, false],
  ['arn:aws:ssm:us-east-1:123456789012:parameter/app/db/password', PARAMETER, true],
  ['arn:aws:ssm:us-east-1:123456789012:Parameter/app/db/password', PARAMETER, false],
  ['arn:aws:ssm:*:*:parameter/app/${aws:username}/*', PARAMETER, true],
  ['arn:aws:lambda:us-east-1:123456789012:function:app', FUNCTION, true],
  ['arn:aws:lambda:us-east-1:123456789012:function:app', FUNCTION_VERSION, false],
  ['arn:aws:lambda:us-east-1:123456789012:function:app:live', FUNCTION_VERSION, true],
  ['arn:aws:lambda:us-east-1:123456789012:function:app-*', FUNCTION_VERSION, true],
  ['arn:aws:iam::123456789012:role/service-role/deploy', ROLE, true],
  ['arn:aws:iam::*:role/*', ROLE, true],
  ['arn:aws:iam::123456789012:user/alice', ROLE, false],
  ['arn:aws-cn:iam::123456789012:role/a', ROLE, true],
  ['arn:aws:iam::123456789012:role/${*}', ROLE, true],
];

test('policy ARNs against ARN formats', () => {
  const wrong = CASES.filter(
    ([arn, format, expected]) => patternsIntersect(compilePolicyArn(arn), compileArnFormat(format)) !== expected,
  );
  assert.deepEqual(wrong, []);
});

test('literal ARNs: the regular expression of a format agrees with the search', () => {
  const literal = CASES.filter(([arn]) => isLiteralArn(arn));
  assert.ok(literal.length >= 15, `${literal.length} literal rows`);
  const wrong = literal.filter(([arn, format, expected]) => arnFormatRegex(format).test(arn) !== expected);
  assert.deepEqual(wrong, []);
});
