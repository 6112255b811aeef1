#!/usr/bin/env node
// Fills the install cache outside the repository (Node.js binaries of the matrix, both n8n versions
// of the e2e) in the background while the workspace suite runs, so a cold CI run spends its
// network-bound installs beside the tests instead of before them. The steps that need an install take
// the same lock (tools/e2e-system/install-lock.mjs): they wait for this one, or install themselves if
// it failed. A failure here only logs: the step that needs the install reports it properly.
import { ensureN8n } from '../tools/n8n-e2e/lib/install.mjs';
import { MATRIX, ensureNode } from '../tools/node-matrix/ensure-node.mjs';

const started = Date.now();
const seconds = () => `${Math.round((Date.now() - started) / 1000)} s`;
const step = async (label, run) => {
  try {
    await run();
    console.log(`prefetch: ${label} ready after ${seconds()}`);
  } catch (error) {
    console.log(`prefetch: ${label} failed after ${seconds()}: ${error instanceof Error ? error.message : error}`);
  }
};

for (const version of MATRIX) await step(`Node.js ${version}`, () => ensureNode(version));
await step('n8n (latest target)', () => ensureN8n({ target: 'latest' }));
await step('n8n (oldest target)', () => ensureN8n({ target: 'oldest' }));
