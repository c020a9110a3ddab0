/**
 * How sagemaker/modelPackageGroups reads SageMaker's answers to a policy read (orAbsentPolicy): its
 * "no such policy" and "no such group" ValidationExceptions mean absent; every other error, another
 * ValidationException included, is passed on (AccessDenied is then recorded, the rest fails the job).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SageMakerServiceException } from '@aws-sdk/client-sagemaker';
import { orAbsentPolicy } from '../../src/collect/sources/sagemaker/absent-policy.js';

const error = (name: string, message: string) =>
  new SageMakerServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: 400 } });
const GROUP = 'arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn';

const cases: Array<[string, SageMakerServiceException, 'absent' | 'thrown']> = [
  ['no policy', error('ValidationException', `Cannot find resource policy for ${GROUP}`), 'absent'],
  [
    'group deleted since the listing',
    error('ValidationException', `Cannot find Model Package Group ${GROUP}`),
    'absent',
  ],
  [
    'a malformed request',
    error('ValidationException', '1 validation error detected: Value at modelPackageGroupName failed'),
    'thrown',
  ],
  ['access denied', error('AccessDeniedException', 'not authorized'), 'thrown'],
  ['throttling after retries', error('ThrottlingException', 'Rate exceeded'), 'thrown'],
];

describe('sagemaker policy reads: which errors mean "no policy"', () => {
  for (const [what, thrown, expected] of cases) {
    test(`${what}: ${expected}`, async () => {
      const read = orAbsentPolicy(() => Promise.reject(thrown));
      if (expected === 'absent') assert.equal(await read, undefined);
      else await assert.rejects(read, (e) => e === thrown);
    });
  }

  test('a policy read that succeeds gives its answer unchanged', async () => {
    const answer = { ResourcePolicy: '{"Version":"2012-10-17","Statement":[]}' };
    assert.deepEqual(await orAbsentPolicy(async () => answer), answer);
  });
});
