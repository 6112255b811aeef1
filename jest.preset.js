const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  // Suites start real servers (the simulator generates its CA, keys and .p12 files) in beforeAll.
  // Jest's 5 s default was exceeded on a 2-core CI runner busy with parallel tasks; the timed-out
  // hook left a simulator listening and Jest waited for it forever. Tests assert counts, not time.
  testTimeout: 30_000,
};
