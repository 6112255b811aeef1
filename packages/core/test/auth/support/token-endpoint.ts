/**
 * A strict Maskinporten token endpoint on 127.0.0.1 for provider tests: it verifies every grant
 * (signature against the x5c certificate, aud, iss, lifetime, exact claim set) the way the real
 * one does, counts requests, and mints JWT access tokens with a `consumer` claim.
 */

import { createPublicKey, generateKeyPairSync, randomUUID, X509Certificate, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { decodeProtectedHeader, jwtVerify, SignJWT, type JWTPayload } from 'jose';

export interface GrantSeen {
  header: Record<string, unknown>;
  claims: JWTPayload;
}

export type EndpointReply = {
  status: number;
  json?: unknown;
  text?: string;
  contentType?: string;
};

export interface TokenEndpointOptions {
  clientId: string;
  /** Token lifetime to report in `expires_in`. */
  expiresIn?: number;
  /** Org number for `consumer` when the grant has no `consumer_org`. */
  consumerOrg?: string;
}

const ALLOWED_CLAIMS = new Set(['aud', 'iss', 'iat', 'exp', 'jti', 'scope', 'consumer_org', 'resource']);

export class TokenEndpoint {
  /** Requests that reached the endpoint, including rejected ones. */
  requestCount = 0;
  readonly grants: GrantSeen[] = [];
  /** Replies to use instead of minting, consumed in order. */
  readonly scripted: EndpointReply[] = [];
  expiresIn: number;
  url = '';
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private gate?: Promise<void>;
  private tokenSerial = 0;
  private readonly registeredKeys = new Map<string, KeyObject>();

  constructor(private readonly options: TokenEndpointOptions) {
    this.expiresIn = options.expiresIn ?? 120;
  }

  get tokenUrl(): string {
    return `${this.url}/token`;
  }

  /** Like Maskinporten's issuer: the grant `aud`, with the trailing slash. */
  get issuer(): string {
    return `${this.url}/`;
  }

  /** Register a key on the client, for key mode (`kid`). */
  registerKey(kid: string, key: KeyObject): void {
    this.registeredKeys.set(kid, createPublicKey(key));
  }

  /** Hold every response until the returned function is called. */
  hold(): () => void {
    let release = () => undefined as void;
    this.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    return release;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requestCount++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const reply = await this.answer(req, Buffer.concat(chunks).toString('utf8'));
    if (this.gate) await this.gate;
    if (res.destroyed) return;
    res.writeHead(reply.status, {
      'content-type': reply.contentType ?? (reply.json !== undefined ? 'application/json' : 'text/plain'),
    });
    res.end(reply.text ?? JSON.stringify(reply.json));
  }

  private async answer(req: IncomingMessage, body: string): Promise<EndpointReply> {
    const scripted = this.scripted.shift();
    if (scripted) return scripted;
    if (req.method !== 'POST' || req.url !== '/token') {
      return { status: 404, text: 'not found' };
    }
    if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') {
      return invalid('unexpected content type');
    }
    const form = new URLSearchParams(body);
    if ([...form.keys()].sort().join(',') !== 'assertion,grant_type') {
      return invalid('unexpected form fields');
    }
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
      return invalid('unsupported grant_type');
    const assertion = form.get('assertion') ?? '';
    try {
      const grant = await this.verify(assertion);
      this.grants.push(grant);
      return { status: 200, json: await this.mint(grant) };
    } catch (error) {
      return {
        status: 400,
        json: {
          error: 'invalid_grant',
          error_description: `Invalid assertion: ${(error as Error).message}`,
        },
      };
    }
  }

  private async verify(assertion: string): Promise<GrantSeen> {
    const header = decodeProtectedHeader(assertion) as Record<string, unknown>;
    let key: KeyObject | undefined;
    if (Array.isArray(header['x5c'])) {
      key = new X509Certificate(Buffer.from(String(header['x5c'][0]), 'base64')).publicKey;
    } else if (typeof header['kid'] === 'string') {
      key = this.registeredKeys.get(header['kid']);
    }
    if (!key) throw new Error('no usable x5c or kid');
    const { payload } = await jwtVerify(assertion, key, {
      algorithms: ['RS256'],
      audience: this.issuer,
      issuer: this.options.clientId,
      // The client may run on an injected clock; judge lifetime against the grant's own iat.
      currentDate: new Date((Number(decodeJwtIat(assertion)) + 1) * 1000),
    });
    const extra = Object.keys(payload).filter((claim) => !ALLOWED_CLAIMS.has(claim));
    if (extra.length > 0) {
      throw new Error(`claims not allowed: ${extra.join(',')}`);
    }
    if (typeof payload.exp !== 'number' || typeof payload.iat !== 'number' || payload.exp - payload.iat > 120) {
      throw new Error('exp - iat must be <= 120');
    }
    return { header, claims: payload };
  }

  private async mint(grant: GrantSeen): Promise<Record<string, unknown>> {
    const iat = Number(grant.claims.iat);
    const consumer = String(grant.claims['consumer_org'] ?? this.options.consumerOrg ?? '310000001');
    const claims: JWTPayload = {
      client_id: this.options.clientId,
      client_amr: 'virksomhetssertifikat',
      consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${consumer}` },
      scope: grant.claims['scope'],
      token_type: 'Bearer',
      serial: ++this.tokenSerial,
    };
    const accessToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'test-signing-key' })
      .setIssuer(this.issuer)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.expiresIn)
      .setJti(randomUUID())
      .sign(signingKey());
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.expiresIn,
      scope: grant.claims['scope'],
    };
  }
}

let sharedSigningKey: KeyObject | undefined;

/** One access-token signing key per test file: generating RSA keys is the slow part. */
function signingKey(): KeyObject {
  sharedSigningKey ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
  }).privateKey;
  return sharedSigningKey;
}

function invalid(description: string): EndpointReply {
  return {
    status: 400,
    json: { error: 'invalid_request', error_description: description },
  };
}

function decodeJwtIat(jwt: string): unknown {
  const payload = jwt.split('.')[1] ?? '';
  return (
    JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      iat?: unknown;
    }
  ).iat;
}
