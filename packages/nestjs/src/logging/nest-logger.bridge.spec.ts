import { createNestLoggerBridge, type NestLoggerLike } from './nest-logger.bridge.js';

function recordingLogger(): NestLoggerLike & { lines: [string, string][] } {
  const lines: [string, string][] = [];
  const at = (level: string) => (message: unknown) => void lines.push([level, String(message)]);
  return { lines, debug: at('debug'), log: at('log'), warn: at('warn'), error: at('error') };
}

describe('createNestLoggerBridge', () => {
  it("maps core's levels onto Nest's and appends the fields", () => {
    const nest = recordingLogger();
    const logger = createNestLoggerBridge(nest);

    logger.debug('fiks request', { route: '/bulk/kjennemerke', status: 200, attempt: 1 });
    logger.info('token fetched', { expiresIn: 120 });
    logger.warn('fiks request rejected', { code: 'KJR_UPSTREAM', skipped: undefined });
    logger.error('boom');

    expect(nest.lines).toEqual([
      ['debug', 'fiks request route="/bulk/kjennemerke" status=200 attempt=1'],
      ['log', 'token fetched expiresIn=120'],
      ['warn', 'fiks request rejected code="KJR_UPSTREAM"'],
      ['error', 'boom'],
    ]);
  });

  it("keeps core's redaction: tokens, fødselsnummer and passwords never reach the Nest logger", () => {
    const nest = recordingLogger();
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzY29wZSI6ImtzOmZpa3MifQ.c2lnbmF0dXJl';
    createNestLoggerBridge(nest).warn(`unexpected ${token}`, { detail: 'fnr 01818010083 passord=hemmelig' });

    const [[, line]] = nest.lines;
    expect(line).not.toContain(token);
    expect(line).not.toContain('01818010083');
    expect(line).not.toContain('hemmelig');
    expect(line).toContain('[token]');
  });
});
