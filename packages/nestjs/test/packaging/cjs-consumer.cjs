'use strict';
// A plain CommonJS Nest app: requires the built package (which requires the ESM core through
// Node's require(esm)) and boots the module. Prints one JSON line for the test to check.
const assert = require('node:assert/strict');
const { NestFactory } = require('@nestjs/core');
const nest = require('@kjoretoyregister/nestjs');
const health = require('@kjoretoyregister/nestjs/health');

async function main() {
  assert.equal(typeof nest.KjoretoyregisterModule.forRoot, 'function');
  assert.equal(typeof nest.KjoretoyregisterModule.forRootAsync, 'function');
  assert.equal(typeof health.KjoretoyregisterHealthIndicator, 'function');

  const app = await NestFactory.createApplicationContext(
    nest.KjoretoyregisterModule.forRoot({
      fiksApiUrl: 'http://127.0.0.1:9',
      fiksOrgId: '5f0c0d6a-6b8e-4d2a-9c1e-3a7b2e4f9d01',
      integrasjonId: '8e2c6f4b-1a3d-4c5e-9f70-2b4d6e8a0c13',
      integrasjonPassord: 'not-used',
      // No Maskinporten here: nothing is called, the app only has to wire up.
      tokenProvider: {
        getToken: async () => ({ value: 'unused', expiresAt: Date.now() + 60_000, expiresIn: 60 }),
        invalidate() {
          /* nothing is cached */
        },
      },
    }),
    { logger: false },
  );
  const service = app.get(nest.KjoretoyregisterService);
  const mapped = nest.toHttpError(await service.lookupUnderstellsnummer('not a vin!').catch((error) => error));
  await app.close();
  process.stdout.write(
    `${JSON.stringify({ moduleName: nest.KjoretoyregisterModule.name, baseUrl: service.config.baseUrl, mappedStatus: mapped.status, mappedCode: mapped.body.code })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
  process.exit(1);
});
