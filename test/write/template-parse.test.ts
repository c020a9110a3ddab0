/** Template parsing, line location and the create-template texts (no build needed). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTemplate } from '../../src/write/template/parse.js';
import { createTemplate } from '../../src/write/template/create-template.js';
import { TemplateError } from '../../src/util/errors.js';

const CRUD = `# a comment
mode: crud
name: app
effect: Deny
read:
- arn:aws:s3:::bucket
- arn:aws:s3:::bucket/*
wildcard-only:
  single-actions:
  - s3:ListAllMyBuckets
sts:
  assume-role:
  - arn:aws:iam::111122223333:role/deployer
`;

test('parseTemplate returns the template as written', () => {
  assert.deepEqual(parseTemplate(CRUD, 'crud.yml').template, {
    mode: 'crud',
    name: 'app',
    effect: 'Deny',
    read: ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/*'],
    'wildcard-only': { 'single-actions': ['s3:ListAllMyBuckets'] },
    sts: { 'assume-role': ['arn:aws:iam::111122223333:role/deployer'] },
  });
});

test('locate maps a path to the line of its key or list entry, or of the deepest part that exists', () => {
  const { locate } = parseTemplate(CRUD, 'crud.yml');
  const lines = (
    [
      [[], 2],
      [['mode'], 2],
      [['read'], 5],
      [['read', 1], 7],
      [['read', 9], 5],
      [['wildcard-only', 'single-actions', 0], 10],
      [['sts', 'assume-role', 0], 13],
      [['sts', 'assume-role-with-saml', 0], 11],
      [['no-such-key'], 2],
    ] as const
  ).map(([path]) => locate([...path]));
  assert.deepEqual(lines, [2, 2, 5, 7, 5, 10, 13, 11, 2]);
});

test('errors name the source and line', () => {
  assert.throws(
    () => parseTemplate('mode: crud\nread: [\n', '<stdin>'),
    new TemplateError(
      '<stdin>:3: malformed YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ),
  );
  assert.throws(
    () => parseTemplate('mode: crud\nread:\n- arn:aws:s3:::b\n- [nested]\n', 't.yml'),
    new TemplateError('t.yml:4: read[1]: expected a string, got a list'),
  );
});

test('YAML 1.1 scalars, as PyYAML reads them: yes is a boolean', () => {
  assert.throws(
    () => parseTemplate('mode: actions\nactions:\n- yes\n', 't.yml'),
    new TemplateError('t.yml:3: actions[0]: expected a string, got true'),
  );
});

test('a template without a mode is not checked against a schema', () => {
  assert.deepEqual(parseTemplate('description: anything\nread: 3\n', 't.yml').template, {
    description: 'anything',
    read: 3,
  });
});

test('the created templates parse, with every section marked unused', () => {
  assert.deepEqual(parseTemplate(createTemplate('actions'), 'a.yml').template, {
    mode: 'actions',
    name: '',
    actions: [''],
  });
  const unused = [''];
  assert.deepEqual(parseTemplate(createTemplate('crud'), 'c.yml').template, {
    mode: 'crud',
    name: '',
    read: unused,
    write: unused,
    list: unused,
    tagging: unused,
    'permissions-management': unused,
    'wildcard-only': {
      'single-actions': unused,
      'service-read': unused,
      'service-write': unused,
      'service-list': unused,
      'service-tagging': unused,
      'service-permissions-management': unused,
    },
    'skip-resource-constraints': unused,
    'exclude-actions': unused,
    sts: {
      'assume-role': unused,
      'assume-role-with-saml': unused,
      'assume-role-with-web-identity': unused,
    },
  });
});
