#!/usr/bin/env node
// The bin npm links. It is a committed file, not dist/: npm links a bin only if its file exists at
// install time, and in a fresh clone dist/ is built after `npm ci`. It loads the build.
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/main.js', import.meta.url);
try {
  await import(entry.href);
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(fileURLToPath(entry))) {
    process.stderr.write(`kjoretoy: ${fileURLToPath(entry)} is missing; build the package first (npm run build)\n`);
    process.exit(1);
  }
  throw error;
}
