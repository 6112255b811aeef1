// A real OpenID provider for the browser tests: oidc-provider with its development login and
// consent pages (any login id, any password). Run as a child process because oidc-provider is
// ESM-only and Jest's VM cannot load it. Configuration comes from the environment; once it
// listens it prints one JSON line `{"issuer": "..."}` on stdout.
//
//   OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI: the one client (the case system)
//   OIDC_POST_LOGOUT_REDIRECT_URI: where RP-initiated logout may send the browser back (optional)
//   OIDC_ACCOUNTS: JSON { "<login>": { "name": ..., "groups": [...] } }; unknown logins get no groups
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const accounts = JSON.parse(process.env.OIDC_ACCOUNTS ?? '{}');

// A free port first: the issuer URL, which names the port, must be known before the provider exists.
const port = await new Promise((resolve, reject) => {
  const probe = createServer();
  probe.once('error', reject);
  probe.listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
// `localhost` while the app is on 127.0.0.1: another site, as a real provider is, so the browser
// treats the redirect back as the cross-site navigation it is in production.
const issuer = `http://localhost:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: env('OIDC_CLIENT_ID'),
      client_secret: env('OIDC_CLIENT_SECRET'),
      redirect_uris: [env('OIDC_REDIRECT_URI')],
      post_logout_redirect_uris: process.env.OIDC_POST_LOGOUT_REDIRECT_URI
        ? [process.env.OIDC_POST_LOGOUT_REDIRECT_URI]
        : [],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  // Every client must use PKCE here, not only public ones: the app must prove it sends S256.
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'groups'] },
  async findAccount(_ctx, id) {
    const account = accounts[id] ?? {};
    return {
      accountId: id,
      async claims() {
        return { sub: id, preferred_username: id, name: account.name ?? id, groups: account.groups ?? [] };
      },
    };
  },
  cookies: { keys: ['browser-e2e-only-cookie-key'] },
  features: {
    devInteractions: { enabled: true },
    // RP-Initiated Logout 1.0: the end_session_endpoint, with a confirmation page of our own (the
    // default one imports a web font from the internet).
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Logout</title></head>
<body><h1>Sign out from ${ctx.host}?</h1>${form}
<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button></body></html>`;
      },
    },
  },
});
// The development pages warn on every start; they are what this provider is for.
provider.on('server_error', (_ctx, error) => process.stderr.write(`oidc-provider server_error: ${error}\n`));

const handler = provider.callback();
await new Promise((resolve, reject) => {
  const server = createServer(handler);
  server.once('error', reject);
  server.listen(port, '127.0.0.1', resolve);
});
// `localhost` may resolve to ::1 first; answer there too where the machine has IPv6.
await new Promise((resolve) => {
  const server = createServer(handler);
  server.once('error', () => resolve());
  server.listen(port, '::1', () => resolve());
});
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => process.exit(0));
