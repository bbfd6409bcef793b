// Rotating API keys without a restart: a real `truckroll serve` with TRUCKROLL_API_KEYS_FILE
// re-reads the file on SIGHUP (the new key works, the old one is refused); a malformed or empty
// file keeps the keys in use (never open mode) and says so in the log.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, killAll, startServeProcess } from './serve-process.test-helper.ts';

afterAll(killAll);

const OLD = 'old-key-0123456789abcdef';
const NEW = 'new-key-0123456789abcdef';

describe('SIGHUP reloads the keys file', { timeout: 60_000 }, () => {
  it('swaps the keys in place; a bad or empty file keeps the ones in use', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'truckroll-keys-'));
    const keysFile = join(dir, 'keys');
    writeFileSync(keysFile, `# tenant alpha\n${OLD}:alpha\n`);
    const server = await startServeProcess(join(dir, 'boards.db'), { TRUCKROLL_API_KEYS: '', TRUCKROLL_API_KEYS_FILE: keysFile });
    const status = async (key: string) => (await fetch(`${server.url}/v1/boards?date=2026-03-02`, { headers: { Authorization: `Bearer ${key}` }, signal: AbortSignal.timeout(10_000) })).status;
    /** Sends SIGHUP and waits for the server to log its `count`-th reload outcome. */
    const hangup = async (count: number) => {
      server.child.kill('SIGHUP');
      const outcomes = () => server.log().match(/"msg":"(reloaded API keys|could not reload API keys; keeping the ones in use)"/g)?.length ?? 0;
      for (let i = 0; i < 100 && outcomes() < count; i++) await new Promise((r) => setTimeout(r, 50));
      expect(outcomes()).toBe(count);
    };
    expect([await status(OLD), await status(NEW)]).toEqual([200, 401]);

    writeFileSync(keysFile, `${NEW}:alpha\n`);
    await hangup(1);
    expect(server.log()).toContain('"msg":"reloaded API keys","keys":1');
    expect([await status(OLD), await status(NEW)]).toEqual([401, 200]);

    for (const [i, bad] of ['not a key list', ''].entries()) {
      writeFileSync(keysFile, bad);
      await hangup(2 + i);
      expect([await status(OLD), await status(NEW)]).toEqual([401, 200]);
    }
    expect(server.log().match(/could not reload API keys; keeping the ones in use/g)).toHaveLength(2);

    server.child.kill('SIGTERM');
    await exited(server.child);
    expect(server.child.exitCode).toBe(0);
  });
});
