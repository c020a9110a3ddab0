/**
 * Runs the CLI from TypeScript sources (tests run it through tsx); the installed CLI is
 * bin/iamwright, which loads the bundle of main.ts with V8's code cache instead.
 */
import { runCli } from './main.js';

const code = await runCli(process.argv);
if (code !== 0) process.exitCode = code;
