import type {
  IAuthenticateGeneric,
  ICredentialDataDecryptedObject,
  ICredentialTestRequest,
  ICredentialType,
  IHttpRequestHelper,
  INodeProperties,
  Icon,
} from 'n8n-workflow';
import { credentialTestRequest } from '../nodes/FiksKjoretoyregister/shared/credential-test.js';
import { nodeFieldNames, type NodeFieldNames } from '../nodes/FiksKjoretoyregister/shared/field-names.js';
import { httpRequestTransport } from '../nodes/FiksKjoretoyregister/shared/http-transports.js';
import { fetchAccessToken } from '../nodes/FiksKjoretoyregister/shared/token-request.js';
import { auditField } from '../nodes/FiksKjoretoyregister/v1/helpers/common-fields.js';

const customOnly = { show: { environment: ['custom'] } };

/**
 * Maskinporten (JWT grant signed with the virksomhetssertifikat) plus the Fiks integration
 * (docs/contract.md#s2, docs/contract.md#s3). The access token lives in the hidden, expirable `accessToken` field: n8n
 * fills it through `preAuthentication` when it is empty and again after a 401, and stores it
 * encrypted with the credential (docs/toolchain.md#expirable-credential).
 *
 * The credential test is declarative (`test`, shared/credential-test.ts): core's Fiks probe sent
 * through this credential, so the token step and the integration headers are tested as the node
 * uses them.
 */
export class FiksKjoretoyregisterApi implements ICredentialType {
  name = 'fiksKjoretoyregisterApi';

  displayName = 'Fiks Kjøretøyregister API';

  icon: Icon = {
    light: 'file:../nodes/FiksKjoretoyregister/fiksKjoretoyregister.svg',
    dark: 'file:../nodes/FiksKjoretoyregister/fiksKjoretoyregister.dark.svg',
  };

  documentationUrl = 'https://developers.fiks.ks.no/tjenester/kjoretoyregister/';

  properties: INodeProperties[] = [
    {
      displayName: 'Environment',
      name: 'environment',
      type: 'options',
      options: [
        { name: 'Test', value: 'test', description: 'api.fiks.test.ks.no and test.maskinporten.no (synthetic data)' },
        { name: 'Production', value: 'prod', description: 'api.fiks.ks.no and maskinporten.no' },
        {
          name: 'Custom URLs',
          value: 'custom',
          description: 'Your own Fiks and Maskinporten URLs, e.g. the local simulator',
        },
      ],
      default: 'test',
    },
    {
      displayName: 'Fiks API URL',
      name: 'fiksApiUrl',
      type: 'string',
      default: '',
      placeholder: 'http://127.0.0.1:4010',
      description: 'Host of the Fiks API, without a path',
      displayOptions: customOnly,
    },
    {
      displayName: 'Maskinporten Issuer',
      name: 'maskinportenIssuer',
      type: 'string',
      default: '',
      placeholder: 'http://127.0.0.1:4010/',
      description: 'Issuer with its trailing slash; it is also the audience of the grant',
      displayOptions: customOnly,
    },
    {
      displayName: 'Maskinporten Token URL',
      name: 'maskinportenTokenUrl',
      type: 'string',
      default: '',
      placeholder: 'http://127.0.0.1:4010/token',
      displayOptions: customOnly,
    },
    {
      displayName: 'Fiks Organisation ID',
      name: 'fiksOrgId',
      type: 'string',
      default: '',
      required: true,
      placeholder: '5f0c0d6a-6b8e-4d2a-9c1e-3a7b2e4f9d01',
      description: 'UUID of the Fiks organisation the lookups are made for (fiksOrgId)',
    },
    {
      displayName: 'IntegrasjonId',
      name: 'integrasjonId',
      type: 'string',
      default: '',
      required: true,
      description: 'UUID of the integration from Fiks forvaltning',
    },
    {
      displayName: 'IntegrasjonPassord',
      name: 'integrasjonPassword',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: 'Password of the integration, generated in Fiks forvaltning',
    },
    {
      displayName: 'Maskinporten Client ID',
      name: 'clientId',
      type: 'string',
      default: '',
      required: true,
      description: 'Client ID from Samarbeidsportalen; the client must have the ks:fiks scope',
    },
    {
      displayName: 'Scope',
      name: 'scope',
      type: 'string',
      default: 'ks:fiks',
    },
    {
      displayName: 'Consumer Organisation',
      name: 'consumerOrg',
      type: 'string',
      default: '',
      placeholder: '310000019',
      description:
        'Only for a supplier acting for a municipality: its 9-digit organisation number (consumer_org, needs an Altinn delegation)',
    },
    {
      displayName: 'Key Material',
      name: 'keyMaterial',
      type: 'options',
      options: [
        { name: 'PEM Certificate and Private Key', value: 'pem' },
        { name: 'PKCS#12 File (Base64)', value: 'pkcs12' },
      ],
      default: 'pem',
      description: 'The virksomhetssertifikat that signs the Maskinporten grant',
    },
    {
      displayName: 'Certificate (PEM)',
      name: 'certificate',
      type: 'string',
      typeOptions: { password: true, rows: 4 },
      default: '',
      placeholder: '-----BEGIN CERTIFICATE-----',
      description: 'The certificate, optionally followed by its chain',
      displayOptions: { show: { keyMaterial: ['pem'] } },
    },
    {
      displayName: 'Private Key (PEM)',
      name: 'privateKey',
      type: 'string',
      typeOptions: { password: true, rows: 4 },
      default: '',
      placeholder: '-----BEGIN PRIVATE KEY-----',
      description: 'PKCS#8, PKCS#1 or encrypted PEM key of the certificate',
      displayOptions: { show: { keyMaterial: ['pem'] } },
    },
    {
      displayName: 'Private Key Passphrase',
      name: 'privateKeyPassphrase',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      description: 'Only for an encrypted private key',
      displayOptions: { show: { keyMaterial: ['pem'] } },
    },
    {
      displayName: 'PKCS#12 File (Base64)',
      name: 'pkcs12Certificate',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      description: 'The .p12/.pfx file as base64, e.g. the output of base64 -w0 virksomhet.p12',
      displayOptions: { show: { keyMaterial: ['pkcs12'] } },
    },
    {
      displayName: 'PKCS#12 Password',
      name: 'pkcs12Password',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      displayOptions: { show: { keyMaterial: ['pkcs12'] } },
    },
    {
      displayName: 'Access Token',
      name: 'accessToken',
      type: 'hidden',
      typeOptions: { expirable: true, password: true },
      default: '',
    },
  ];

  // After `properties`: the rules' hints name the fields by these labels.
  test: ICredentialTestRequest = credentialTestRequest(nodeFieldNames(this.properties, auditField).fieldNames);

  async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
    return { accessToken: await fetchAccessToken(httpRequestTransport(this), credentials, formFieldNames()) };
  }

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: {
      headers: {
        Authorization: '=Bearer {{$credentials.accessToken}}',
        IntegrasjonId: '={{$credentials.integrasjonId}}',
        IntegrasjonPassord: '={{$credentials.integrasjonPassword}}',
      },
    },
  };
}

/**
 * The form's own labels, for what the token step reports. `preAuthentication` runs with n8n's
 * helper as `this`, not the credential, so the labels come from a fresh instance's properties.
 */
export function formFieldNames(): NodeFieldNames {
  return nodeFieldNames(new FiksKjoretoyregisterApi().properties, auditField);
}
