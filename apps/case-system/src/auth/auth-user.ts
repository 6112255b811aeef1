import type { IncomingMessage } from 'node:http';
import type { Role } from '../persistence/schema.js';

export const ROLES = ['saksbehandler', 'admin'] as const satisfies readonly Role[];

/** Set on the request by the API-key guard or the session guard. */
export interface AuthUser {
  id: string;
  name: string;
  role: Role;
}

/** The parts of Express's request this app reads (Express's own types are not a dependency). */
export interface AppRequest extends IncomingMessage {
  user?: AuthUser;
  rawBody?: Buffer;
  body?: unknown;
  /** The inbound source whose secret verified the webhook signature. */
  webhookSource?: string;
}

/** The audit actor for things a person does through the API or the web page. */
export function actorOf(user: AuthUser): string {
  return `bruker:${user.name}`;
}
