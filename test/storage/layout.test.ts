import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  accountFileKey,
  assertSafeKey,
  indexKey,
  organizationalUnitFolder,
  organizationKey,
  organizationPolicyFolder,
  ramResourceKey,
  resourceFileKey,
  resourceFolder,
  resourceTypeFolder,
  runSummaryKey,
  splitArn,
  UnsafeKeyError,
} from '../../src/storage/layout.js';

interface FolderCase {
  accountId: string;
  arn: string;
  folder: string;
}

const examples = JSON.parse(
  readFileSync(new URL('../fixtures/storage/resource-folders.json', import.meta.url), 'utf8'),
) as FolderCase[];

describe('resourceFolder', () => {
  it('matches every resource folder of real iam-collect output', () => {
    assert.equal(examples.length, 69);
    const actual = examples.map(({ accountId, arn }) => ({ accountId, arn, folder: resourceFolder(accountId, arn) }));
    assert.deepEqual(actual, examples);
  });

  it('files an ARN without account (S3 bucket) or an AWS-owned one under the collected account', () => {
    assert.deepEqual(
      [
        resourceFolder('111122223333', 'arn:aws:s3:::My-Bucket'),
        resourceFolder('111122223333', 'arn:aws:iam::aws:policy/service-role/AWSLambdaRole'),
        resourceFolder('111122223333', 'arn:aws-cn:sqs:cn-north-1:111122223333:Queue'),
        resourceFolder('111122223333', 'arn:aws:sso:::permissionSet/ssoins-1/ps-2'),
      ],
      [
        'aws/aws/accounts/111122223333/s3/my-bucket',
        'aws/aws/accounts/111122223333/iam/aws/policy/service-role%2fawslambdarole',
        'aws/aws-cn/accounts/111122223333/sqs/cn-north-1/queue',
        'aws/aws/accounts/111122223333/sso/permissionset/ssoins-1%2fps-2',
      ],
    );
  });

  it('keeps a name containing ../ inside one folder (encoded) and refuses a bare .. name', () => {
    assert.equal(
      resourceFolder('111122223333', 'arn:aws:iam::111122223333:role/../../../etc/passwd'),
      'aws/aws/accounts/111122223333/iam/role/..%2f..%2f..%2fetc%2fpasswd',
    );
    for (const arn of [
      'arn:aws:sqs:us-east-1:111122223333:..',
      'arn:aws:iam::111122223333:role/..',
      'arn:aws:iam::111122223333:../x',
      'arn:aws:../..:us-east-1:111122223333:x',
      'arn:aws:s3:::.',
      'arn:aws:sns:us-east-1:111122223333:a\0b',
      'not-an-arn',
    ]) {
      assert.throws(() => resourceFolder('111122223333', arn), UnsafeKeyError, arn);
    }
    assert.throws(() => resourceFolder('../x', 'arn:aws:s3:::bucket'), UnsafeKeyError);
  });
});

describe('splitArn', () => {
  it('splits like iam-collect: untyped S3/SNS/SQS, leading slash, colon or slash separator, type only', () => {
    const cases = [
      ['arn:aws:s3:::bucket/key/x', '', 'bucket/key/x'],
      ['arn:aws:s3:us-east-1:111122223333:accesspoint/ap', 'accesspoint', 'ap'],
      ['arn:aws:sns:us-east-1:111122223333:topic', '', 'topic'],
      ['arn:aws:apigateway:us-east-1::/restapis/abc', 'restapis', 'abc'],
      ['arn:aws:lambda:us-east-1:111122223333:function:f:2', 'function', 'f:2'],
      ['arn:aws:secretsmanager:us-east-1:111122223333:secret:a/b-XyZ', 'secret', 'a/b-XyZ'],
      ['arn:aws:glue:us-east-1:111122223333:catalog', 'catalog', ''],
    ];
    assert.deepEqual(
      cases.map(([arn]) => {
        const parts = splitArn(arn as string);
        return [arn, parts.resourceType, parts.resourcePath];
      }),
      cases,
    );
  });
});

describe('other keys', () => {
  it('builds the account, organization, index, RAM and run summary keys of the layout', () => {
    const role = resourceFolder('123456789012', 'arn:aws:iam::123456789012:role/service-role/app-role');
    assert.deepEqual(
      {
        trust: resourceFileKey(role, 'trust-policy'),
        roles: resourceTypeFolder('aws', '123456789012', 'iam', '', 'role'),
        awsPolicies: resourceTypeFolder('aws', '123456789012', 'iam', '', 'policy', true),
        queues: resourceTypeFolder('aws', '123456789012', 'sqs', 'us-east-1', ''),
        buckets: resourceTypeFolder('aws', '123456789012', 's3', '', ''),
        bpa: accountFileKey('aws', '123456789012', 's3-bpa'),
        ecr: accountFileKey('aws', '123456789012', 'ecr-registry-policy.us-east-1'),
        ram: ramResourceKey(
          'aws',
          '123456789012',
          'us-east-1',
          'arn:aws:ec2:us-east-1:123456789012:subnet/subnet-5a8e6e68c3c125cbf',
        ),
        ramGlobal: ramResourceKey('aws', '123456789012', '', 'arn:aws:iam::123456789012:role/X'),
        structure: organizationKey('aws', 'o-mxpl9i7itn', 'structure.json'),
        scp: organizationPolicyFolder('aws', 'o-mxpl9i7itn', 'scps', 'p-FullAWSAccess'),
        root: organizationalUnitFolder('aws', 'o-mxpl9i7itn', 'r-nbpc'),
        index: indexKey('aws', 'principals-to-trust-policies'),
        summary: runSummaryKey(new Date('2026-11-23T00:32:23.939Z')),
      },
      {
        trust: 'aws/aws/accounts/123456789012/iam/role/service-role%2fapp-role/trust-policy.json',
        roles: 'aws/aws/accounts/123456789012/iam/role',
        awsPolicies: 'aws/aws/accounts/123456789012/iam/aws/policy',
        queues: 'aws/aws/accounts/123456789012/sqs/us-east-1',
        buckets: 'aws/aws/accounts/123456789012/s3',
        bpa: 'aws/aws/accounts/123456789012/s3-bpa.json',
        ecr: 'aws/aws/accounts/123456789012/ecr-registry-policy.us-east-1.json',
        ram: 'aws/aws/accounts/123456789012/ram/us-east-1/arn-aws-ec2-us-east-1-123456789012-subnet-subnet-5a8e6e68c3c125cbf.json',
        ramGlobal: 'aws/aws/accounts/123456789012/ram/global/arn-aws-iam--123456789012-role-x.json',
        structure: 'aws/aws/organizations/o-mxpl9i7itn/structure.json',
        scp: 'aws/aws/organizations/o-mxpl9i7itn/scps/p-fullawsaccess',
        root: 'aws/aws/organizations/o-mxpl9i7itn/ous/r-nbpc',
        index: 'aws/aws/indexes/principals-to-trust-policies.json',
        summary: 'runs/2026-11-23T00-32-23-939Z/summary.json',
      },
    );
  });
});

describe('assertSafeKey', () => {
  it('accepts relative keys and folder prefixes', () => {
    for (const key of ['a', 'a/b.json', 'a/b/', 'aws/aws/accounts/1/iam/role/..%2fx', 'x/...']) {
      assert.equal(assertSafeKey(key), key);
    }
  });

  it('rejects keys that could leave the root', () => {
    const bad = [
      '',
      '/',
      '/etc/passwd',
      '..',
      'a/../b',
      'a/./b',
      'a//b',
      'a/%2e%2e/b',
      'a/%2E',
      'a\\..\\b',
      'a\0b',
      'a/%00',
    ];
    const accepted = bad.filter((key) => {
      try {
        assertSafeKey(key);
        return true;
      } catch (error) {
        assert.ok(error instanceof UnsafeKeyError);
        return false;
      }
    });
    assert.deepEqual(accepted, []);
  });
});
