/**
 * A minimal ASN.1 BER/DER reader for the PKCS#12 container. We read the structure ourselves
 * (instead of node-forge's `pkcs12FromAsn1`) so every sub-structure keeps its original bytes and
 * the password can be encoded the way each algorithm expects (see pkcs12.ts).
 */

export class DerError extends Error {}

const UNIVERSAL = 0;
const CONTEXT = 2;

const Tag = {
  INTEGER: 2,
  OCTET_STRING: 4,
  NULL: 5,
  OID: 6,
  SEQUENCE: 16,
  SET: 17,
} as const;

export interface DerNode {
  tagClass: number;
  tagNumber: number;
  constructed: boolean;
  /** The whole element (header + content) exactly as read. */
  raw: Buffer;
  /** Content octets; for an indefinite-length element, without the end-of-contents marker. */
  content: Buffer;
  /** Child elements of a constructed element; empty for a primitive one. */
  children: DerNode[];
}

/** Reads exactly one element spanning the whole buffer. */
export function readDer(buffer: Buffer): DerNode {
  const { node, end } = readElement(buffer, 0, 0);
  if (end !== buffer.length) {
    throw new DerError('trailing bytes after the ASN.1 element');
  }
  return node;
}

const MAX_DEPTH = 64;

function readElement(buffer: Buffer, start: number, depth: number): { node: DerNode; end: number } {
  if (depth > MAX_DEPTH) throw new DerError('ASN.1 nesting too deep');
  let pos = start;
  const first = byteAt(buffer, pos++);
  const tagClass = first >> 6;
  const constructed = (first & 0x20) !== 0;
  let tagNumber = first & 0x1f;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    let next: number;
    do {
      next = byteAt(buffer, pos++);
      tagNumber = tagNumber * 128 + (next & 0x7f);
    } while (next & 0x80);
  }
  const lengthByte = byteAt(buffer, pos++);

  if (lengthByte === 0x80) {
    // BER indefinite length: children until the end-of-contents marker 00 00.
    if (!constructed) {
      throw new DerError('indefinite length on a primitive element');
    }
    const children: DerNode[] = [];
    let cursor = pos;
    while (!(byteAt(buffer, cursor) === 0 && byteAt(buffer, cursor + 1) === 0)) {
      const child = readElement(buffer, cursor, depth + 1);
      children.push(child.node);
      cursor = child.end;
    }
    const end = cursor + 2;
    return {
      node: {
        tagClass,
        tagNumber,
        constructed,
        raw: buffer.subarray(start, end),
        content: buffer.subarray(pos, cursor),
        children,
      },
      end,
    };
  }

  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count > 4) throw new DerError('ASN.1 length too large');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + byteAt(buffer, pos++);
  }
  const end = pos + length;
  if (end > buffer.length) throw new DerError('truncated ASN.1 element');
  const content = buffer.subarray(pos, end);
  const children: DerNode[] = [];
  if (constructed) {
    let cursor = pos;
    while (cursor < end) {
      const child = readElement(buffer.subarray(0, end), cursor, depth + 1);
      children.push(child.node);
      cursor = child.end;
    }
  }
  return {
    node: {
      tagClass,
      tagNumber,
      constructed,
      raw: buffer.subarray(start, end),
      content,
      children,
    },
    end,
  };
}

function byteAt(buffer: Buffer, index: number): number {
  const value = buffer[index];
  if (value === undefined) throw new DerError('truncated ASN.1 element');
  return value;
}

function expectUniversal(node: DerNode | undefined, tagNumber: number, what: string): DerNode {
  if (!node || node.tagClass !== UNIVERSAL || node.tagNumber !== tagNumber) {
    throw new DerError(`expected ${what}`);
  }
  return node;
}

export function sequence(node: DerNode | undefined, what: string): DerNode[] {
  return expectUniversal(node, Tag.SEQUENCE, what).children;
}

/** The single element inside an `[n] EXPLICIT` wrapper. */
export function explicit(node: DerNode | undefined, tagNumber: number, what: string): DerNode {
  if (!node || node.tagClass !== CONTEXT || node.tagNumber !== tagNumber || !node.constructed) {
    throw new DerError(`expected [${tagNumber}] ${what}`);
  }
  const inner = node.children[0];
  if (!inner) throw new DerError(`empty [${tagNumber}] ${what}`);
  return inner;
}

/** Octet-string content, joining the segments of a BER constructed octet string. */
export function octets(node: DerNode): Buffer {
  if (!node.constructed) return node.content;
  return Buffer.concat(node.children.map(octets));
}

export function octetString(node: DerNode | undefined, what: string): Buffer {
  return octets(expectUniversal(node, Tag.OCTET_STRING, what));
}

export function oid(node: DerNode | undefined, what: string): string {
  const bytes = expectUniversal(node, Tag.OID, what).content;
  if (bytes.length === 0) throw new DerError(`empty ${what}`);
  const parts: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      if (parts.length === 0) {
        const first = Math.min(Math.floor(value / 40), 2);
        parts.push(first, value - first * 40);
      } else {
        parts.push(value);
      }
      value = 0;
    }
  }
  return parts.join('.');
}

/** A small non-negative INTEGER (iteration counts, key lengths, versions). */
export function smallInteger(node: DerNode | undefined, what: string): number {
  const bytes = expectUniversal(node, Tag.INTEGER, what).content;
  if (bytes.length === 0 || bytes.length > 6 || (bytes[0] ?? 0) & 0x80) {
    throw new DerError(`unsupported ${what}`);
  }
  return bytes.reduce((acc, byte) => acc * 256 + byte, 0);
}
