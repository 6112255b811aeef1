import { DerError, octetString, oid, readDer, sequence, smallInteger } from '../../src/auth/der.js';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

describe('readDer', () => {
  it('reads a definite-length SEQUENCE with OID, INTEGER and OCTET STRING', () => {
    // SEQUENCE { OID 1.2.840.113549.1.7.1, INTEGER 2048, OCTET STRING 'hi' }
    const node = readDer(hex('30 13 06 09 2a864886f70d010701 02 02 0800 04 02 6869'));
    const [id, count, data] = sequence(node, 'test');
    expect(oid(id, 'oid')).toBe('1.2.840.113549.1.7.1');
    expect(smallInteger(count, 'int')).toBe(2048);
    expect(octetString(data, 'octets').toString()).toBe('hi');
  });

  it('reads BER indefinite lengths and joins a segmented OCTET STRING', () => {
    // SEQUENCE (indefinite) { OCTET STRING (constructed, indefinite) { 'ab', 'cd' } }
    const node = readDer(hex('30 80 24 80 04 02 6162 04 02 6364 0000 0000'));
    const [segmented] = sequence(node, 'test');
    expect(segmented).toBeDefined();
    expect(octetString(segmented, 'octets').toString()).toBe('abcd');
  });

  it.each([
    ['a truncated element', '30 05 04 02 6869'],
    ['trailing bytes', '04 01 61 00'],
    ['an indefinite-length primitive', '04 80 61 0000'],
    ['a child running past its parent', '30 03 04 05 6162636465'],
  ])('refuses %s', (_name, bytes) => {
    expect(() => readDer(hex(bytes))).toThrow(DerError);
  });
});
