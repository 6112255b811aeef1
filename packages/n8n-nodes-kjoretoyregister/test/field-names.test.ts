import { CONFIG_FIELDS, ConfigurationError, hintFor } from '@kjoretoyregister/core';
import { FiksKjoretoyregisterApi, formFieldNames } from '../credentials/FiksKjoretoyregisterApi.credentials';
import { auditField } from '../nodes/FiksKjoretoyregister/v1/helpers/common-fields';

const names = formFieldNames();
const formLabels = new FiksKjoretoyregisterApi().properties.map((property) => property.displayName);
const auditLabels = (auditField.options ?? []).map((option) => ('displayName' in option ? option.displayName : ''));

describe("core's field names in the node's words", () => {
  it('names every field core may name by a label of the credential form or the Audit fields', () => {
    for (const field of CONFIG_FIELDS.filter((f) => f !== 'proxy')) {
      expect([...formLabels, ...auditLabels]).toContain(names.fieldNames[field]);
    }
    expect(names.fieldNames).toMatchObject({
      'maskinporten.issuer': 'Maskinporten Issuer',
      integrasjonPassord: 'IntegrasjonPassord',
      'audit.legalBasis': 'Legal Basis (Hjemmel)',
    });
  });

  it('labels the key material parts by the form field that holds each', () => {
    expect(names.label('maskinporten.keyMaterial.password')).toBe('PKCS#12 Password');
    expect(names.label('maskinporten.keyMaterial.pkcs12')).toBe('PKCS#12 File (Base64)');
    expect(names.label('maskinporten.keyMaterial.passphrase')).toBe('Private Key Passphrase');
    expect(names.label('maskinporten.tokenUrl')).toBe('Maskinporten Token URL');
  });

  it("gives core's hints the form's labels", () => {
    const error = new ConfigurationError([{ path: 'fiksOrgId', message: 'must be a UUID (Fiks organisation id)' }]);
    expect(hintFor(error, names.fieldNames)).toContain('Fiks Organisation ID');
  });
});
