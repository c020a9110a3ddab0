import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { compileIamData } from '../../src/data/compile/iam-data.js';
import { writeDatasetAtomic } from '../../src/data/compile/write-dataset.js';
import { directoryDataset } from '../../src/data/directory-dataset.js';

const FIXTURE = 'test/fixtures/data/iam-data';
const EXPECTED = 'test/fixtures/data/iam-data-compiled';
const work = mkdtempSync(join(tmpdir(), 'iamwright-compile-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Every file under `dir`, by relative path, with its text. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}

describe('compile iam-data', () => {
  it('writes exactly the expected dataset files', async () => {
    const out = join(work, 'data');
    const { provenance, services } = compileIamData(FIXTURE);
    await writeDatasetAtomic(out, provenance, services);
    assert.deepEqual(tree(out), tree(EXPECTED));
  });

  it('replaces an existing dataset whole, leaving no temp directories', async () => {
    const out = join(work, 'replace', 'data');
    mkdirSync(join(out, 'services'), { recursive: true });
    writeFileSync(join(out, 'services', 'stale.json'), '{}');
    const { provenance, services } = compileIamData(FIXTURE);
    await writeDatasetAtomic(out, provenance, services);
    assert.deepEqual(tree(out), tree(EXPECTED));
    assert.deepEqual(readdirSync(join(work, 'replace')), ['data']);
  });

  it('fails on an unknown access level, naming the file and action', () => {
    const bad = join(work, 'bad');
    mkdirSync(join(bad, 'data', 'actions'), { recursive: true });
    for (const kind of ['resourceTypes', 'conditionKeys']) mkdirSync(join(bad, 'data', kind), { recursive: true });
    writeFileSync(join(bad, 'package.json'), JSON.stringify({ version: '1.0.0', updatedAt: '2026-01-02T00:00:00Z' }));
    writeFileSync(join(bad, 'data', 'serviceNames.json'), JSON.stringify({ demo: 'Demo' }));
    const action = {
      name: 'Go',
      description: '',
      accessLevel: 'Delete',
      resourceTypes: [],
      conditionKeys: [],
      dependentActions: [],
    };
    writeFileSync(join(bad, 'data', 'actions', 'demo.json'), JSON.stringify({ go: action }));
    writeFileSync(join(bad, 'data', 'resourceTypes', 'demo.json'), '{}');
    writeFileSync(join(bad, 'data', 'conditionKeys', 'demo.json'), '{}');
    assert.throws(() => compileIamData(bad), {
      name: 'DataError',
      message: `${join(bad, 'data', 'actions', 'demo.json')}: Go: unknown access level "Delete"`,
    });
  });
});

describe('directory dataset (our format)', () => {
  const dataset = directoryDataset(EXPECTED);

  it('reads provenance, counts and the service list from the manifest', () => {
    assert.deepEqual(dataset.provenance, { source: 'iam-data', date: '2026-09-26', version: '0.21.202609261' });
    assert.deepEqual(dataset.counts, { services: 3, actions: 12, resourceTypes: 5, conditionKeys: 7 });
    assert.deepEqual(
      dataset.listServices().map((s) => s.prefix),
      ['execute-api', 'logs', 'sqs'],
    );
    assert.equal(dataset.location, EXPECTED);
  });

  const compiled = compileIamData(FIXTURE).services.find((s) => s.prefix === 'sqs')!;
  const withoutDescriptions = {
    ...compiled,
    actions: compiled.actions.map(({ description: _, ...action }) => action),
    conditionKeys: compiled.conditionKeys.map(({ description: _, ...key }) => key),
  };

  it('loads a service from its file without the descriptions, and knows no others', () => {
    assert.deepEqual(directoryDataset(EXPECTED).getService('sqs'), withoutDescriptions);
    assert.equal(dataset.getService('SQS'), undefined);
    assert.equal(dataset.getService('../manifest'), undefined);
    assert.equal(dataset.describedService('../manifest'), undefined);
  });

  it('adds the descriptions from their own file when asked', () => {
    assert.deepEqual(directoryDataset(EXPECTED).describedService('sqs'), compiled);
  });

  it('reads a service without its condition keys for the policy writer, then fills them in in place', () => {
    const fresh = directoryDataset(EXPECTED);
    const lean = fresh.serviceWithoutConditionKeys('sqs');
    assert.deepEqual(lean, {
      ...withoutDescriptions,
      actions: withoutDescriptions.actions.map((action) => ({
        ...action,
        conditionKeys: [],
        resourceTypes: action.resourceTypes.map((type) => ({ ...type, conditionKeys: [] })),
      })),
      resourceTypes: withoutDescriptions.resourceTypes.map((type) => ({ ...type, conditionKeys: [] })),
      conditionKeys: [],
    });
    const full = fresh.getService('sqs');
    assert.equal(full, lean);
    assert.deepEqual(full, withoutDescriptions);
    assert.equal(fresh.serviceWithoutConditionKeys('SQS'), undefined);
  });

  it('still reads format version 2, condition keys inline', () => {
    const v2 = directoryDataset(`${EXPECTED}-v2`);
    assert.deepEqual(v2.serviceWithoutConditionKeys('sqs'), withoutDescriptions);
    assert.deepEqual(v2.getService('sqs'), withoutDescriptions);
    assert.deepEqual(v2.describedService('sqs'), compiled);
    assert.deepEqual(v2.counts, dataset.counts);
  });

  it('still reads format version 1, descriptions inline', () => {
    const v1 = directoryDataset(`${EXPECTED}-v1`);
    assert.deepEqual(v1.getService('sqs'), compiled);
    assert.deepEqual(v1.describedService('sqs'), compiled);
    assert.deepEqual(v1.counts, dataset.counts);
  });

  /** A copy of the expected dataset with one file's text replaced. */
  function damaged(name: string, file: string, text: string): string {
    const dir = join(work, name);
    for (const [path, original] of Object.entries(tree(EXPECTED))) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), path === file ? text : original);
    }
    return dir;
  }

  it('names the descriptions file when it is damaged', () => {
    const dir = damaged('damaged-text', join('services', 'sqs.text.json'), '[]');
    assert.throws(() => directoryDataset(dir).describedService('sqs'), {
      name: 'DataError',
      message: `${join(dir, 'services', 'sqs.text.json')}: not the descriptions file of "sqs"`,
    });
  });

  it('names the condition-keys file when it is damaged or does not match its service', () => {
    for (const [name, text] of [
      ['damaged-conditions', '[]'],
      ['short-conditions', '{"conditionKeys": [], "actions": [], "resourceTypes": []}'],
    ] as const) {
      const dir = damaged(name, join('services', 'sqs.conditions.json'), text);
      const broken = directoryDataset(dir);
      assert.equal(broken.serviceWithoutConditionKeys('sqs')?.actions.length, 6);
      assert.throws(() => broken.getService('sqs'), {
        name: 'DataError',
        message: `${join(dir, 'services', 'sqs.conditions.json')}: not the condition-keys file of "sqs"`,
      });
    }
  });

  it('reads the service list only to list services, and names it when it is damaged', () => {
    const dir = damaged('damaged-list', 'service-list.json', '{}');
    const broken = directoryDataset(dir);
    assert.deepEqual(broken.getService('sqs'), withoutDescriptions);
    assert.throws(() => broken.listServices(), {
      name: 'DataError',
      message: `${join(dir, 'service-list.json')}: not a service list`,
    });
  });

  it('decodes action summaries with every access flag', () => {
    const sqs = dataset.actionSummaries().get('sqs');
    assert.deepEqual(
      sqs?.map((a) => [a.name, Object.entries(a.access).flatMap(([k, v]) => (v ? [k] : [])), a.wildcardOnly]),
      [
        ['AddPermission', ['write', 'permissionsManagement'], false],
        ['CreateQueue', ['write'], false],
        ['GetQueueUrl', ['read'], false],
        ['ListQueues', ['read'], true],
        ['SendMessage', ['write'], false],
        ['TagQueue', ['write', 'tagging'], false],
      ],
    );
  });
});
