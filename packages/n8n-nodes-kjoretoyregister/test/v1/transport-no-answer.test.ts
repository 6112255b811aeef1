import { inspect } from 'node:util';
import { NodeApiError, type IExecuteFunctions } from 'n8n-workflow';
import { TransportError } from '@kjoretoyregister/core';
import { createN8nTransport } from '../../nodes/FiksKjoretoyregister/v1/transport';
import { TEST_NODE } from '../support/fake-n8n';

const SECRET_TOKEN = 'eyJsecret-bearer-token';
const SECRET_PASSWORD = 'secret-integrasjon-passord';

/** What axios throws when the socket fails: the request config, credential headers included, rides along. */
function axiosSocketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:1`), {
    name: 'AxiosError',
    code,
    config: {
      url: 'https://api.fiks.test.ks.no/kjoretoyregister/api/org/rest/distribusjon/kjoretoy/v2.0/bulk/kjennemerke',
      headers: { Authorization: `Bearer ${SECRET_TOKEN}`, IntegrasjonId: 'id', IntegrasjonPassord: SECRET_PASSWORD },
    },
  });
}

function contextThrowing(error: unknown): IExecuteFunctions {
  return {
    getNode: () => TEST_NODE,
    // The transport reads the stored token's expiry before each request; none is stored here.
    getCredentials: async () => ({ accessToken: '' }),
    helpers: { httpRequestWithAuthentication: () => Promise.reject(error) },
  } as unknown as IExecuteFunctions;
}

async function sendThrough(context: IExecuteFunctions): Promise<unknown> {
  const transport = createN8nTransport(context, {
    fiksApiUrl: 'https://api.fiks.test.ks.no',
    fiksOrgId: 'org',
    timeoutMs: 1_000,
  });
  return transport.send({ target: 'fiks', method: 'GET', url: 'https://api.fiks.test.ks.no/x', headers: {} }).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('n8n transport without an HTTP answer', () => {
  it.each([
    ['the axios error itself', axiosSocketError('ECONNRESET')],
    ["n8n's NodeApiError around it", new NodeApiError(TEST_NODE, axiosSocketError('ECONNRESET') as never)],
  ])('raises a TransportError whose cause carries no credential header (%s)', async (_, thrown) => {
    const error = await sendThrough(contextThrowing(thrown));
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ code: 'KJR_TRANSPORT', failure: 'network' });
    expect((error as TransportError).message).toBe('Network error (ECONNRESET)');
    const cause = inspect((error as TransportError).cause, { depth: 10, showHidden: true });
    for (const secret of [SECRET_TOKEN, SECRET_PASSWORD, 'Authorization', 'IntegrasjonPassord']) {
      expect(cause).not.toContain(secret);
    }
  });

  it('keeps a socket timeout a timeout', async () => {
    const error = await sendThrough(contextThrowing(axiosSocketError('ETIMEDOUT')));
    expect(error).toMatchObject({ code: 'KJR_TRANSPORT', failure: 'timeout' });
  });
});
