import { spawnSync } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Check, Jwks } from '@credit-check/sdk/contract';
import { verifyReceipt } from '@credit-check/sdk/receipts';
import { sm4 } from 'sm-crypto-v2';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/node/server.ts';
import { StoreSealingError } from '../src/store/engines/sqlite-schema.ts';
import { sealStore } from '../src/store/migrate.ts';
import { SealError, sm4Sealer } from '../src/store/sealing.ts';
import { CLEAN, checkBody, signed, start } from './helpers.ts';
import { BIN, exited, spawnMock } from './process.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cc-sealed-'));
  dirs.push(dir);
  return dir;
};
const KEY = randomBytes(32);

// A person whose ID number and name must not be found in the files (a scenario subject).
const PERSON = { idType: 'idcard' as const, id: '140105198509232176', name: '李娜' };

/** Every byte the store has on disk: the database and its WAL. */
function diskBytes(dir: string): Buffer {
  return Buffer.concat(
    ['platform.sqlite', 'platform.sqlite-wal']
      .map((f) => join(dir, f))
      .filter(existsSync)
      .map((f) => readFileSync(f)),
  );
}

describe('SM4 (GB/T 32907)', () => {
  const hex = '0123456789abcdeffedcba9876543210';
  const key = Buffer.from(hex, 'hex');

  it("encrypts the standard's example (key = plaintext = 0123…3210) alike in node:crypto and sm-crypto-v2", () => {
    const cipher = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    expect(Buffer.concat([cipher.update(key), cipher.final()]).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
    expect(Buffer.from(sm4.encrypt(Uint8Array.from(key), Uint8Array.from(key), { padding: 'none', output: 'array' })).toString('hex')).toBe(
      '681edf34d206965e86b3e94f536e4246',
    );
  });

  it("encrypts it 1 000 000 times to the standard's second result", () => {
    const cipher = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    let block: Buffer = key;
    for (let i = 0; i < 1_000_000; i++) block = cipher.update(block);
    expect(block.toString('hex')).toBe('595298c7c6fd271f0402f804c33d3f66');
  });
});

describe('the sealer (SM4-CBC + HMAC-SM3, encrypt-then-MAC)', () => {
  const sealer = sm4Sealer(KEY);

  it('round-trips, with a fresh IV each time, and binds the table', () => {
    const a = sealer.seal('{"id":"140105198509232176"}', 'checks');
    const b = sealer.seal('{"id":"140105198509232176"}', 'checks');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^s1\.[A-Za-z0-9_-]+$/);
    expect(sealer.open(a, 'checks')).toBe('{"id":"140105198509232176"}');
    expect(() => sealer.open(a, 'commitments')).toThrow(SealError);
  });

  it('refuses an altered record and another key before decrypting', () => {
    const sealed = sealer.seal('郑十一', 'checks');
    const bytes = Buffer.from(sealed.slice(3), 'base64url');
    for (const at of [0, 20, bytes.length - 1]) {
      const altered = Buffer.from(bytes);
      altered[at] = (altered[at] as number) ^ 1;
      expect(() => sealer.open(`s1.${altered.toString('base64url')}`, 'checks')).toThrow(/does not authenticate/);
    }
    expect(() => sm4Sealer(randomBytes(32)).open(sealed, 'checks')).toThrow(SealError);
    expect(() => sealer.open('{"plain":true}', 'checks')).toThrow(/not a sealed record/);
  });

  it('indexes blindly: equal subjects meet, different ones and other keys do not', () => {
    expect(sealer.index('idcard:140105198509232176')).toBe(sealer.index('idcard:140105198509232176'));
    expect(sealer.index('idcard:140105198509232176')).not.toBe(sealer.index('idcard:140105198509232177'));
    expect(sm4Sealer(randomBytes(32)).index('idcard:140105198509232176')).not.toBe(sealer.index('idcard:140105198509232176'));
    expect(sealer.index('idcard:140105198509232176')).not.toContain('1401');
  });
});

describe('a sealed --data-dir under --crypto gm', () => {
  it('keeps no ID number, name or webhook secret in clear on disk, and serves them back whole', async () => {
    const dir = await tempDir();
    const server = await start({ crypto: 'gm', dataDir: dir, storeKey: KEY, webhooks: false });
    let checkId: string;
    let secret: string;
    try {
      const res = await signed(server, 'POST', '/api/v1/checks', checkBody(PERSON, 'PROCUREMENT_SUPPLIER'));
      expect(res.status).toBe(201);
      checkId = Check.parse(await res.json()).checkId;
      const sub = await signed(server, 'POST', '/api/v1/subscriptions', { department: '民政局', url: 'https://hall.example.gov.cn/hooks' });
      expect(sub.status).toBe(201);
      secret = ((await sub.json()) as { secret: string }).secret;
      const bytes = diskBytes(dir);
      expect(bytes.length).toBeGreaterThan(0);
      for (const clear of [PERSON.id, PERSON.name, secret, `idcard:${PERSON.id}`]) expect(bytes.includes(Buffer.from(clear))).toBe(false);
    } finally {
      await server.close();
    }
    // Restarted with the key: the same check, whole, found by id and counted by subject (blind index).
    const again = await start({ crypto: 'gm', dataDir: dir, storeKey: KEY, webhooks: false });
    try {
      const check = Check.parse(await (await signed(again, 'GET', `/api/v1/checks/${checkId}`)).json());
      expect(check.subject).toMatchObject({ id: PERSON.id });
      expect((await again.platform.store.checkStats(`idcard:${PERSON.id}`)).total).toBe(1);
    } finally {
      await again.close();
    }
  });

  it('refuses the other way round: sealed without the key, with another key, plain data under gm', async () => {
    const dir = await tempDir();
    await (await openSqliteStore(dir, { storeKey: KEY })).close();
    await expect(openSqliteStore(dir)).rejects.toThrow(StoreSealingError);
    await expect(openSqliteStore(dir, { storeKey: randomBytes(32) })).rejects.toThrow(/does not match/);
    await expect(start({ crypto: 'gm', dataDir: await tempDir(), webhooks: false })).rejects.toThrow(/store key/);
    // A key without 国密 would leave the data in clear while the caller believes it sealed.
    await expect(start({ dataDir: await tempDir(), storeKey: KEY, webhooks: false })).rejects.toThrow(/gm/);
    const plain = await tempDir();
    const server = await start({ dataDir: plain, webhooks: false });
    await server.close();
    await expect(openSqliteStore(plain, { storeKey: KEY })).rejects.toThrow(/migrate-store/);
  });
});

describe('migrate-store: sealing a plain store', () => {
  it('seals every personal row in one go; the gm platform reads them and still verifies earlier receipts', async () => {
    const dir = await tempDir();
    const plain = await start({ dataDir: dir, webhooks: false });
    let before: Check;
    try {
      before = Check.parse(await (await signed(plain, 'POST', '/api/v1/checks', checkBody(PERSON, 'PROCUREMENT_SUPPLIER'))).json());
      const commitment = await signed(plain, 'POST', '/api/v1/commitments', {
        subject: CLEAN,
        type: 'informed',
        matter: 'FOOD_BUSINESS_LICENCE',
        textVersion: 'v2026.1',
      });
      expect(commitment.status).toBe(201);
    } finally {
      await plain.close();
    }
    expect(diskBytes(dir).includes(Buffer.from(PERSON.id))).toBe(true);

    const counts = await sealStore(dir, sm4Sealer(KEY));
    expect(counts.checks).toBe(1);
    expect(counts.commitments).toBe(1);
    expect(counts.meta).toBe(2); // the receipt key and the browser-token key
    expect(diskBytes(dir).includes(Buffer.from(PERSON.id))).toBe(false);
    expect(diskBytes(dir).includes(Buffer.from(PERSON.name))).toBe(false);
    await expect(sealStore(dir, sm4Sealer(KEY))).rejects.toThrow(/already sealed/);
    await expect(sealStore(join(dir, 'nothing-here'), sm4Sealer(KEY))).rejects.toThrow(/no store in/);
    expect(existsSync(join(dir, 'nothing-here'))).toBe(false);

    const gm = await start({ crypto: 'gm', dataDir: dir, storeKey: KEY, webhooks: false });
    try {
      const after = Check.parse(await (await signed(gm, 'GET', `/api/v1/checks/${before.checkId}`)).json());
      expect(after).toEqual({ ...before, feedback: null });
      const keys = Jwks.parse(await (await fetch(`${gm.apiBase}/keys`)).json());
      expect(keys.keys.map((k) => k.alg)).toEqual(['SM2SM3', 'EdDSA']);
      await expect(verifyReceipt(before.receipt, keys, { subject: PERSON })).resolves.toMatchObject({ checkId: before.checkId });
      const found = await signed(gm, 'POST', '/api/v1/commitments/search', { subject: CLEAN });
      expect(((await found.json()) as { commitments: unknown[] }).commitments.length).toBeGreaterThanOrEqual(1);
      const fresh = Check.parse(await (await signed(gm, 'POST', '/api/v1/checks', checkBody(PERSON, 'PROCUREMENT_SUPPLIER'))).json());
      await expect(verifyReceipt(fresh.receipt, keys, { subject: PERSON })).resolves.toMatchObject({ verdict: fresh.verdict });
    } finally {
      await gm.close();
    }
  });

  it('the CLI seals with a key file, and says what is missing', async () => {
    const dir = await tempDir();
    const plain = await start({ dataDir: dir, webhooks: false });
    await signed(plain, 'POST', '/api/v1/checks', checkBody(PERSON, 'PROCUREMENT_SUPPLIER'));
    await plain.close();
    const keyFile = join(await tempDir(), 'store.key');
    await writeFile(keyFile, `${KEY.toString('hex')}\n`);
    const noKey = spawnSync(process.execPath, [BIN, 'migrate-store', '--data-dir', dir], {
      encoding: 'utf8',
      env: { ...process.env, CREDIT_CHECK_STORE_KEY: '' },
    });
    expect([noKey.status, noKey.stderr]).toEqual([2, expect.stringContaining('store key')]);
    const standard = spawnSync(process.execPath, [BIN, '--data-dir', dir, '--store-key-file', keyFile], { encoding: 'utf8' });
    expect([standard.status, standard.stderr]).toEqual([2, expect.stringContaining('--crypto gm only')]);
    const run = spawnSync(process.execPath, [BIN, 'migrate-store', '--data-dir', dir, '--store-key-file', keyFile], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout, run.stdout).toMatch(/sealed .* rows \(checks 1,/);
    const { child, output } = await spawnMock(['--quiet', '--crypto', 'gm', '--data-dir', dir, '--store-key-file', keyFile]);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(output()).toContain('signs with CC-HMAC-SM3');
    expect(output()).toContain('Receipts     SM2SM3');
    expect(output()).toContain('(SM4-sealed)');
  });
});
