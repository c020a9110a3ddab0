import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileServiceReference, hintsFromService } from '../../src/data/compile/service-reference.js';
import { directoryDataset } from '../../src/data/directory-dataset.js';
import { parseJsonText } from '../../src/data/read-json.js';

const SR = 'test/fixtures/data/service-reference';
const BAD = 'test/fixtures/data/service-reference-bad';
/** Descriptions and `required` markers come from another dataset: here the compiled iam-data fixture. */
const hintSource = directoryDataset('test/fixtures/data/iam-data-compiled');

function compileFile(file: string, prefix: string) {
  const service = hintSource.describedService(prefix);
  return compileServiceReference(
    parseJsonText(readFileSync(file, 'utf8'), file),
    file,
    service && hintsFromService(service),
    prefix,
  );
}

describe('AWS Service Reference compiler', () => {
  for (const prefix of ['s3', 'sqs']) {
    it(`compiles ${prefix}.json to the expected service`, () => {
      const expected = JSON.parse(readFileSync(`test/fixtures/data/service-reference-expected/${prefix}.json`, 'utf8'));
      assert.deepEqual(compileFile(join(SR, 'v1', prefix, `${prefix}.json`), prefix), expected);
    });
  }

  const cases: { file: string; error: string }[] = JSON.parse(readFileSync(join(BAD, 'cases.json'), 'utf8'));
  for (const { file, error } of cases) {
    it(`fails closed on ${file}`, () => {
      const path = join(BAD, file);
      assert.throws(() => compileFile(path, 's3'), { name: 'DataError', message: error.replace('FILE', path) });
    });
  }
});

describe('AWS Service Reference repeats', () => {
  it('drops entries AWS lists twice verbatim', () => {
    const properties = { IsList: false, IsPermissionManagement: false, IsTaggingOnly: false, IsWrite: true };
    const action = { Name: 'UpdateProject', Annotations: { Properties: properties }, Resources: [{ Name: 'project' }] };
    const doc = {
      Name: 'demo',
      Actions: [{ ...action, Resources: [{ Name: 'project' }, { Name: 'project' }] }, action],
      Resources: [
        { Name: 'project', ARNFormats: ['arn:${Partition}:demo:::project/${Id}'] },
        { Name: 'project', ARNFormats: ['arn:${Partition}:demo:::project/${Id}'] },
      ],
    };
    assert.deepEqual(compileServiceReference(doc, 'demo.json').service, {
      prefix: 'demo',
      name: 'demo',
      url: 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
      actions: [
        {
          name: 'UpdateProject',
          description: '',
          access: { list: false, read: false, write: true, permissionsManagement: false, tagging: false },
          resourceTypes: [{ name: 'project', required: false, conditionKeys: [], dependentActions: [] }],
          anyResource: false,
          conditionKeys: [],
          dependentActions: [],
        },
      ],
      resourceTypes: [{ name: 'project', arnFormats: ['arn:${Partition}:demo:::project/${Id}'], conditionKeys: [] }],
      conditionKeys: [],
    });
  });
});
