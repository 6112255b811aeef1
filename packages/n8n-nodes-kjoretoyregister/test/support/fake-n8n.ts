/**
 * A mocked IExecuteFunctions whose HTTP helpers behave like n8n-core 2.8's, over real HTTP to
 * the simulator on loopback (no fetch mocks on the core path):
 * - `httpRequestWithAuthentication` reads the stored credential on every call, runs the
 *   credential's `preAuthentication` when `accessToken` is empty, applies its generic
 *   `authenticate`, and on a thrown 401 runs `preAuthentication` again and retries once
 *   (n8n-core request-helper-functions `httpRequestWithAuthentication`).
 * - `httpRequest` throws on non-2xx unless `ignoreHttpStatusErrors`, with an axios-like error,
 *   and n8n wraps failures in n8n-workflow's own NodeApiError (which drops the `cause`).
 * - `preAuthentication` output is persisted into the stored credential, as n8n's
 *   CredentialsHelper does (it stores the credentials the request used, merged with the output).
 * - `additionalCredentialOptions.credentialsDecrypted` replaces the stored credential for that
 *   request, as in n8n-core (its `data` is what preAuthentication and authenticate see).
 */

import {
  NodeApiError,
  type IAdditionalCredentialOptions,
  type ICredentialDataDecryptedObject,
  type IDataObject,
  type IExecuteFunctions,
  type IHttpRequestOptions,
  type INode,
  type INodeExecutionData,
} from 'n8n-workflow';
import { FiksKjoretoyregisterApi } from '../../credentials/FiksKjoretoyregisterApi.credentials';

export const TEST_NODE: INode = {
  id: 'node-1',
  name: 'Fiks Kjøretøyregister',
  type: 'CUSTOM.fiksKjoretoyregister',
  typeVersion: 1,
  position: [0, 0],
  parameters: {},
  credentials: { fiksKjoretoyregisterApi: { id: 'cred-1', name: 'Simulator' } },
};

/** Shaped like the axios error n8n's httpRequest throws; NodeApiError recognises it by class name. */
class AxiosError extends Error {
  constructor(
    readonly response: { status: number; headers: Record<string, string>; data: string },
    readonly code = 'ERR_BAD_REQUEST',
  ) {
    super(`Request failed with status code ${response.status}`);
    this.name = 'AxiosError';
  }
}

/** What axios throws when no answer arrives: the socket error code on `code`, no response. */
function axiosNetworkError(error: unknown): Error {
  const code = (error as { cause?: { code?: unknown } }).cause?.code;
  return Object.assign(new Error(`connect ${typeof code === 'string' ? code : 'failed'}`), {
    name: 'AxiosError',
    code: typeof code === 'string' ? code : 'ERR_NETWORK',
  });
}

export interface RecordedRequest {
  method: string;
  path: string;
  status?: number;
  throwing: boolean;
}

export interface CredentialStore {
  data: ICredentialDataDecryptedObject;
  /** How often n8n stored a token from preAuthentication. */
  tokenUpdates: number;
}

const credentialType = new FiksKjoretoyregisterApi();

function resolveTemplate(value: string, credentials: ICredentialDataDecryptedObject): string {
  const template = value.startsWith('=') ? value.slice(1) : value;
  return template.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, name: string) => String(credentials[name] ?? ''));
}

/** n8n's `helpers.httpRequest` over fetch. */
export async function httpRequest(options: IHttpRequestOptions, requests?: RecordedRequest[]): Promise<unknown> {
  const url = new URL(options.url, options.baseURL);
  for (const [name, value] of Object.entries(options.qs ?? {})) url.searchParams.set(name, String(value));
  const headers = Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k, String(v)]));
  const record: RecordedRequest = {
    method: options.method ?? 'GET',
    path: url.pathname,
    throwing: options.ignoreHttpStatusErrors !== true,
  };
  requests?.push(record);
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers,
    body: typeof options.body === 'string' ? options.body : undefined,
    redirect: 'manual',
  }).catch((error: unknown) => {
    throw axiosNetworkError(error);
  });
  const data = await response.text();
  record.status = response.status;
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => (responseHeaders[name] = value));
  if (options.ignoreHttpStatusErrors !== true && (response.status < 200 || response.status >= 300)) {
    throw new AxiosError({ status: response.status, headers: responseHeaders, data });
  }
  if (options.returnFullResponse) {
    return { body: data, headers: responseHeaders, statusCode: response.status, statusMessage: response.statusText };
  }
  return data;
}

export interface FakeContextOptions {
  store: CredentialStore;
  items: INodeExecutionData[];
  /** Node parameters; a function gets the item index (for per-item expressions). */
  parameters: Record<string, unknown> | ((itemIndex: number) => Record<string, unknown>);
  continueOnFail?: boolean;
}

export interface FakeContext {
  context: IExecuteFunctions;
  requests: RecordedRequest[];
}

function getPath(source: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      source,
    );
}

export function createExecuteContext(options: FakeContextOptions): FakeContext {
  const requests: RecordedRequest[] = [];
  const { store } = options;
  const helper = { helpers: { httpRequest: (o: IHttpRequestOptions) => httpRequest(o, requests) } };

  async function preAuthentication(credentials: ICredentialDataDecryptedObject, expired: boolean) {
    if (credentials['accessToken'] !== '' && !expired) return undefined;
    const output = await credentialType.preAuthentication.call(helper as never, credentials);
    store.data = { ...Object.assign(credentials, output) };
    store.tokenUpdates += 1;
    return output;
  }

  function authenticate(credentials: ICredentialDataDecryptedObject, request: IHttpRequestOptions) {
    const headers: IDataObject = { ...(request.headers ?? {}) };
    for (const [name, value] of Object.entries(credentialType.authenticate.properties.headers ?? {})) {
      headers[name] = resolveTemplate(String(value), credentials);
    }
    return { ...request, headers };
  }

  async function httpRequestWithAuthentication(
    type: string,
    request: IHttpRequestOptions,
    additional?: IAdditionalCredentialOptions,
  ): Promise<unknown> {
    if (type !== credentialType.name) throw new Error(`unexpected credential type ${type}`);
    let credentials: ICredentialDataDecryptedObject | undefined;
    try {
      credentials = additional?.credentialsDecrypted?.data ?? { ...store.data };
      const data = await preAuthentication(credentials, false);
      if (data) Object.assign(credentials, data);
      return await httpRequest(authenticate(credentials, request), requests);
    } catch (error) {
      if ((error as { response?: { status?: number } }).response?.status === 401) {
        try {
          const data = await preAuthentication(credentials as ICredentialDataDecryptedObject, true);
          if (data) Object.assign(credentials as ICredentialDataDecryptedObject, data);
          return await httpRequest(authenticate(credentials as ICredentialDataDecryptedObject, request), requests);
        } catch (retryError) {
          throw new NodeApiError(TEST_NODE, retryError as never);
        }
      }
      throw new NodeApiError(TEST_NODE, error as never);
    }
  }

  const parametersFor = (itemIndex: number): Record<string, unknown> =>
    typeof options.parameters === 'function' ? options.parameters(itemIndex) : options.parameters;

  const context = {
    getInputData: () => options.items,
    getNode: () => TEST_NODE,
    continueOnFail: () => options.continueOnFail === true,
    getCredentials: async () => ({ ...store.data }),
    getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
      const value = getPath(parametersFor(itemIndex), name);
      if (value !== undefined) return value;
      if (fallback !== undefined) return fallback;
      throw new Error(`Could not get parameter "${name}"`);
    },
    helpers: { httpRequestWithAuthentication },
  } as unknown as IExecuteFunctions;
  return { context, requests };
}

export function itemsOf(values: IDataObject[]): INodeExecutionData[] {
  return values.map((json) => ({ json }));
}
