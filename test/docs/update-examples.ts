/**
 * Rewrites the expected output of every documentation example with what the built CLI prints
 * now (after a dataset update, for instance). Review the diff before committing.
 *
 * Usage: npm run build && npx tsx test/docs/update-examples.ts [FILE...]   (default: every doc)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { repoRoot } from '../write/cli-env.js';
import { docFiles, examplesIn, runExample } from './doc-examples.js';

const only = process.argv.slice(2);
for (const file of docFiles().filter((f) => only.length === 0 || only.includes(f))) {
  const text = readFileSync(`${repoRoot}${file}`, 'utf8');
  const examples = examplesIn(file, text);
  if (examples.length === 0) continue;
  const outputs = await Promise.all(examples.map((example) => runExample(example.command)));
  const lines = text.split('\n');
  // From the last example up, so earlier line numbers stay valid.
  for (let i = examples.length - 1; i >= 0; i--) {
    const [start, end] = examples[i]!.outputLines;
    const output = outputs[i]!;
    lines.splice(start, end - start, ...(output ? output.replace(/\n$/, '').split('\n') : []));
  }
  const updated = lines.join('\n');
  if (updated !== text) {
    writeFileSync(`${repoRoot}${file}`, updated);
    console.log(`updated ${file}`);
  }
}
