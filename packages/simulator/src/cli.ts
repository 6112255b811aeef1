#!/usr/bin/env node
import { CliUsageError, runCli } from './cli/run-cli.js';

const io = {
  out: (text: string) => process.stdout.write(text),
  err: (text: string) => process.stderr.write(text),
};

const started = runCli(process.argv.slice(2), io);
// Listening from the first moment, not once runCli returns: a script may signal as soon as the
// --write-env file appears, which is before runCli has returned. A signal during start-up stops the
// simulator once it is up. A second signal ends the process at once (default action).
const shutdown = (): void => {
  started
    .then((sim) => sim?.stop())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);

try {
  await started;
} catch (err) {
  if (err instanceof CliUsageError) {
    io.err(`${err.message}\n\n`);
    process.exitCode = 2;
  } else {
    io.err(`kjoretoyregister-simulator: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
