/**
 * Preloaded (`node --import`) into a process whose loaded files a test
 * inspects: every ES module as the loader loads it (record-modules-hooks.mjs),
 * and every CommonJS module in require's cache when the process exits. Appends
 * one file URL or path a line to the file named by RECORD_MODULES_FILE.
 */
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const file = process.env.RECORD_MODULES_FILE;
if (!file) throw new Error('RECORD_MODULES_FILE is not set');
register('./record-modules-hooks.mjs', import.meta.url, { data: { file } });
// CommonJS modules required by CommonJS modules never meet the loader's hooks.
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => appendFileSync(file, Object.keys(cache).join('\n') + '\n'));
