/**
 * For the configuration specs: the smallest register environment `loadConfig` accepts (synthetic
 * ids and a placeholder key, never used to call anything), and an inbound webhook source.
 */
export const REGISTER_ENV = {
  FIKS_ORG_ID: '5f0c0d6a-6b8e-4d2a-9c1e-3a7b2e4f9d01',
  FIKS_INTEGRASJON_ID: '8e2c6f4b-1a3d-4c5e-9f70-2b4d6e8a0c13',
  FIKS_INTEGRASJON_PASSORD: 'a-real-password',
  MASKINPORTEN_CLIENT_ID: 'client',
  MASKINPORTEN_KID: 'kid-1',
  MASKINPORTEN_JWK: '{"kty":"RSA"}',
} as const;

export const WEBHOOK_SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
