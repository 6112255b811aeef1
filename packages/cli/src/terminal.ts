/**
 * The process surface a command may touch. Commands never reach for `process` directly, so the
 * streams, environment and working directory stay explicit.
 */
export interface OutputStream {
  write(chunk: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

export interface Terminal {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: NodeJS.ReadableStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Aborted on Ctrl-C, so in-flight lookups stop instead of spending more quota. */
  signal: AbortSignal;
}

/** A command's verdict; `main.ts` maps it to an exit code. */
export type CommandOutcome = 'ok' | 'failed';
