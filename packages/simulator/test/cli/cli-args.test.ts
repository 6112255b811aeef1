import { CliUsageError, parseCliArgs } from '../../src/cli/cli-args.js';
import { formatEnvExports, shellQuote } from '../../src/env.js';

describe('parseCliArgs', () => {
  it('maps every flag to a simulator option', () => {
    expect(
      parseCliArgs([
        '--port',
        '4010',
        '--host',
        '0.0.0.0',
        '--seed',
        '7',
        '--vehicles',
        '500',
        '--latency',
        '25',
        '--max-bulk-size',
        '50',
        '--token-lifetime',
        '60',
        '--quota',
        '1000',
        '--credentials-dir',
        '/tmp/x',
        '--print-env',
        '--write-env',
        '/tmp/x/env.sh',
      ]),
    ).toEqual({
      options: {
        port: 4010,
        host: '0.0.0.0',
        seed: 7,
        vehicles: 500,
        latencyMs: 25,
        maxBulkSize: 50,
        tokenLifetimeSeconds: 60,
        quota: { dailyItems: 1000 },
        credentialsDir: '/tmp/x',
      },
      printEnv: true,
      writeEnv: '/tmp/x/env.sh',
      help: false,
      warnings: [],
    });
  });

  it('still accepts the deprecated --env-file as --write-env, with a warning naming the new option', () => {
    const args = parseCliArgs(['--env-file', '/tmp/x/env.sh']);
    expect(args.writeEnv).toBe('/tmp/x/env.sh');
    expect(args.warnings).toEqual([expect.stringMatching(/--env-file is deprecated .*use --write-env/)]);
  });

  it('refuses --env-file together with --write-env', () => {
    expect(() => parseCliArgs(['--write-env', 'a', '--env-file', 'b'])).toThrow(CliUsageError);
  });

  it('defaults to no options', () => {
    expect(parseCliArgs([])).toEqual({
      options: {},
      printEnv: false,
      writeEnv: undefined,
      help: false,
      warnings: [],
    });
  });

  it.each([
    [['--port', 'abc'], '--port needs an integer, got "abc"'],
    [['--nope'], "Unknown option '--nope'"],
    [['stray'], 'Unexpected argument'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

describe('env output', () => {
  it('single-quotes values so the lines are safe to source', () => {
    expect(shellQuote(`it's $HOME`)).toBe(`'it'\\''s $HOME'`);
    expect(formatEnvExports({ A: 'x y', B: '' })).toBe(`export A='x y'\nexport B=''`);
  });
});
