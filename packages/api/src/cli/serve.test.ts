// `truckroll serve` argument handling: defaults, strict flags named in errors, --help, the
// no-keys-beyond-loopback rule and bad key lists (the runner is stubbed; main.e2e.test.ts runs a real server).
import { describe, expect, it } from 'vitest';
import type { ServerConfig } from '../main.ts';
import { serveCommand } from './serve.ts';

function harness(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const configs: ServerConfig[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), env, run: async (c: ServerConfig) => (configs.push(c), 0) };
  return { out, err, configs, run: (argv: string[]) => serveCommand(argv, io) };
}

describe('serveCommand', () => {
  it('defaults to 127.0.0.1:8080 and ./truckroll.db, open without keys', async () => {
    const h = harness();
    expect(await h.run([])).toBe(0);
    expect(h.configs).toEqual([{ host: '127.0.0.1', port: 8080, dbFile: './truckroll.db' }]);
  });

  it('passes the flags through', async () => {
    const h = harness({ TRUCKROLL_API_KEYS: 'aaaaaaaaaaaaaaaa1:alpha' });
    expect(await h.run(['--port', '0', '--host', '0.0.0.0', '--db', '/tmp/x.db', '--threads', '2', '--max-queue', '3'])).toBe(0);
    expect(h.configs[0]).toMatchObject({ host: '0.0.0.0', port: 0, dbFile: '/tmp/x.db', threads: 2, maxQueue: 3 });
    expect(h.configs[0]?.keys?.tenantOf('aaaaaaaaaaaaaaaa1')).toBe('alpha');
  });

  it('prints help', async () => {
    const h = harness();
    expect(await h.run(['--help'])).toBe(0);
    expect(h.out.join('')).toContain('usage: truckroll serve');
    expect(h.configs).toEqual([]);
  });

  it('names the flag in usage errors (exit 2)', async () => {
    for (const [argv, message] of [
      [['--port', 'eighty'], '--port must be a whole number'],
      [['--port', '70000'], '--port must be at most 65535'],
      [['--threads', '0'], '--threads must be at least 1'],
      [['--bogus'], "Unknown option '--bogus'"],
      [['--port'], "Option '--port <value>' argument missing"],
    ] as const) {
      const h = harness();
      expect(await h.run([...argv])).toBe(2);
      expect(h.err.join(''), argv.join(' ')).toContain(message);
    }
  });

  it('refuses a non-loopback host without keys (exit 1), and reports bad key lists', async () => {
    const h = harness();
    expect(await h.run(['--host', '0.0.0.0'])).toBe(1);
    expect(h.err.join('')).toContain('refusing to listen on 0.0.0.0 without API keys');
    const k = harness({ TRUCKROLL_API_KEYS: 'no-colon-here' });
    expect(await k.run([])).toBe(1);
    expect(k.err.join('')).toContain('API key entry 1 is not "key:tenant"');
  });
});
