import { isIP } from 'node:net';

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms. Anything else may not reach `/__admin/`. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}
