import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CertificatePair {
  certPath: string;
  keyPath: string;
}

const openssl = (args: string[], cwd: string): void => {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
};

/**
 * A certificate with chosen validity dates, signed by the given CA (`openssl ca` is the only
 * OpenSSL 3.0 command that accepts explicit start and end dates). Generated per test run.
 */
export function issueCertificate(
  dir: string,
  name: string,
  options: { subject: string; startDate: string; endDate: string; ca: { certPath: string; keyPath: string } },
): CertificatePair {
  const work = join(dir, `${name}-ca-db`);
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'index.txt'), '');
  writeFileSync(join(work, 'serial'), '1000\n');
  writeFileSync(
    join(work, 'ca.cnf'),
    [
      '[ ca ]',
      'default_ca = test_ca',
      '[ test_ca ]',
      `database = ${join(work, 'index.txt')}`,
      `new_certs_dir = ${work}`,
      `serial = ${join(work, 'serial')}`,
      'default_md = sha256',
      'policy = any',
      'unique_subject = no',
      'preserve = yes',
      '[ any ]',
      'commonName = supplied',
      'organizationName = optional',
      'serialNumber = optional',
      '',
    ].join('\n'),
  );
  const keyPath = join(dir, `${name}-key.pem`);
  const csrPath = join(work, 'request.csr');
  const certPath = join(dir, `${name}-cert.pem`);
  openssl(
    ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', csrPath, '-subj', options.subject],
    dir,
  );
  openssl(
    [
      'ca',
      '-batch',
      '-notext',
      '-config',
      join(work, 'ca.cnf'),
      '-cert',
      options.ca.certPath,
      '-keyfile',
      options.ca.keyPath,
      '-in',
      csrPath,
      '-out',
      certPath,
      '-startdate',
      options.startDate,
      '-enddate',
      options.endDate,
    ],
    dir,
  );
  return { certPath, keyPath };
}

/** `YYYYMMDDHHMMSSZ`, what `openssl ca -startdate/-enddate` takes. */
export function opensslDate(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}
