import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../config/load-config.js';
import { REGISTER_ENV, WEBHOOK_SECRET } from '../../test/support/config-env.js';
import { OidcService } from './oidc.service.js';

/**
 * A provider as far as discovery goes: only its metadata document, with or without an
 * end_session_endpoint. The full login and logout against oidc-provider are in test/browser-oidc.
 */
async function metadataServer(withEndSession: boolean): Promise<{ issuer: string; server: Server }> {
  const server = createServer((request, response) => {
    const { port } = server.address() as AddressInfo;
    const issuer = `http://localhost:${port}`;
    if (request.url !== '/.well-known/openid-configuration') {
      response.statusCode = 404;
      response.end();
      return;
    }
    response.setHeader('Content-Type', 'application/json');
    response.end(
      JSON.stringify({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        ...(withEndSession ? { end_session_endpoint: `${issuer}/session/end` } : {}),
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { issuer: `http://localhost:${port}`, server };
}

function serviceFor(issuer: string): OidcService {
  return new OidcService(
    loadConfig({
      ...REGISTER_ENV,
      WEBHOOK_INBOUND_SOURCES: `feltapp=${WEBHOOK_SECRET}`,
      OIDC_ISSUER_URL: issuer,
      OIDC_CLIENT_ID: 'case-system',
      OIDC_CLIENT_SECRET: 's3cret',
      OIDC_REDIRECT_URL: 'http://127.0.0.1:3000/login/oidc/callback',
      OIDC_ROLE_MAP: 'saksbehandlere=saksbehandler',
    }),
  );
}

describe('RP-initiated logout URL', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it("is the provider's end_session_endpoint with client_id and post_logout_redirect_uri", async () => {
    const { issuer, server } = await metadataServer(true);
    servers.push(server);
    const url = await serviceFor(issuer).endSessionUrl(issuer);
    expect(url?.origin + (url?.pathname ?? '')).toBe(`${issuer}/session/end`);
    expect(Object.fromEntries(url?.searchParams ?? [])).toEqual({
      client_id: 'case-system',
      post_logout_redirect_uri: 'http://127.0.0.1:3000/login',
    });
  });

  it('is none for a provider without end_session_endpoint (the logout stays local)', async () => {
    const { issuer, server } = await metadataServer(false);
    servers.push(server);
    await expect(serviceFor(issuer).endSessionUrl(issuer)).resolves.toBeUndefined();
  });

  it('is none for a user who came from another issuer, or when the provider cannot be reached', async () => {
    const { issuer, server } = await metadataServer(true);
    servers.push(server);
    await expect(serviceFor(issuer).endSessionUrl('https://idp.example.org')).resolves.toBeUndefined();
    // A port nothing listens on: discovery fails, logout stays local.
    await expect(serviceFor('http://localhost:9').endSessionUrl('http://localhost:9')).resolves.toBeUndefined();
  });
});
