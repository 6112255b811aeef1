/**
 * The command line itself is wrong (unknown value, missing argument, unreadable `--file`): exit 2.
 * Everything else that stops a command is a failure (exit 1). `main.ts` is the only place that
 * turns either into an exit code.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
