import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const SCRIPT = resolve(__dirname, 'oidc-provider.mjs');

export interface OidcTestAccount {
  name: string;
  groups: string[];
}

export interface RunningOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  output: string[];
  stop(): Promise<void>;
}

/** Starts oidc-provider (test/support/oidc-provider.mjs) as a child process and waits for its issuer URL. */
export async function startOidcProvider(options: {
  redirectUri: string;
  /** Registered as the client's `post_logout_redirect_uris` (RP-initiated logout). */
  postLogoutRedirectUri?: string;
  accounts: Record<string, OidcTestAccount>;
  timeoutMs?: number;
}): Promise<RunningOidcProvider> {
  const clientId = 'case-system';
  const clientSecret = `secret-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const child: ChildProcess = spawn(process.execPath, [SCRIPT], {
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'test',
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_REDIRECT_URI: options.redirectUri,
      ...(options.postLogoutRedirectUri ? { OIDC_POST_LOGOUT_REDIRECT_URI: options.postLogoutRedirectUri } : {}),
      OIDC_ACCOUNTS: JSON.stringify(options.accounts),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const issuer = await new Promise<string>((resolveIssuer, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`oidc-provider did not start:\n${output.join('\n')}`)),
      options.timeoutMs ?? 20_000,
    );
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        output.push(line);
        try {
          const parsed = JSON.parse(line) as { issuer?: string };
          if (parsed.issuer) {
            clearTimeout(timer);
            resolveIssuer(parsed.issuer);
          }
        } catch {
          // not the ready line
        }
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`oidc-provider exited before listening:\n${output.join('\n')}`));
    });
  });
  return {
    issuer,
    clientId,
    clientSecret,
    output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A port nothing listens on now, for an app whose redirect URL must be known before it starts. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
