#!/usr/bin/env node
import { CliUsageError, runCli } from './cli/run-cli.js';

const io = {
  out: (text: string) => process.stdout.write(text),
  err: (text: string) => process.stderr.write(text),
};

try {
  const sim = await runCli(process.argv.slice(2), io);
  if (sim) {
    const shutdown = (): void => {
      sim.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  }
} catch (err) {
  if (err instanceof CliUsageError) {
    io.err(`${err.message}\n\n`);
    process.exitCode = 2;
  } else {
    io.err(`kjoretoyregister-simulator: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
