import type { ErrorContext } from '../session.js';
import type { CommandOutcome, Terminal } from '../terminal.js';

/** Shared by every command's action; the action that ran leaves its verdict in `outcome`. */
export interface CommandContext {
  term: Terminal;
  errors: ErrorContext;
  outcome?: CommandOutcome;
}
