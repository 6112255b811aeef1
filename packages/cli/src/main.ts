#!/usr/bin/env node
/**
 * `kjoretoy`: argv → command → exit code. Exit codes are decided here and nowhere else:
 * 0 success (not-found items are results), 1 failure, 2 usage error.
 */

import { CommanderError } from 'commander';
import { AuditContextRequiredError, ValidationError } from '@kjoretoyregister/core';
import type { CommandContext } from './commands/command-context.js';
import { renderError } from './io/render-error.js';
import { createProgram } from './program.js';
import type { Terminal } from './terminal.js';
import { UsageError } from './usage-error.js';

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

/** A ValidationError without an HTTP status is our own argument check, i.e. the command line is wrong. */
function isUsageError(error: unknown): boolean {
  return (
    error instanceof UsageError ||
    error instanceof AuditContextRequiredError ||
    (error instanceof ValidationError && error.status === undefined)
  );
}

export async function main(argv: readonly string[], term: Terminal): Promise<number> {
  const context: CommandContext = { term, errors: { debug: argv.includes('--debug'), secrets: [] } };
  const program = createProgram(context);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message (and the help hint); --help and --version end here too.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    term.stderr.write(renderError(error, context.errors));
    return isUsageError(error) ? EXIT_USAGE : EXIT_FAILURE;
  }
  return context.outcome === 'failed' ? EXIT_FAILURE : EXIT_OK;
}

function processTerminal(): Terminal {
  const controller = new AbortController();
  const stop = (): void => {
    // A second Ctrl-C means "now": the first one is still closing connections.
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  };
}

process.exitCode = await main(process.argv.slice(2), processTerminal());
