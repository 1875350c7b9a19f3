import { parseArgs } from 'node:util';
import { readStoreKey } from '../store/sealing.ts';
import { usageError } from './usage.ts';

const MIGRATE_HELP = `Usage: credit-check-mock migrate-store --data-dir DIR [--store-key-file FILE]
Seals a plain --data-dir for --crypto gm (server stopped; one transaction). The key comes from
--store-key-file or CREDIT_CHECK_STORE_KEY (64 hex characters).`;

/** `credit-check-mock migrate-store`: seals a plain data dir for 国密 (see store/migrate.ts). */
export async function migrateStore(argv: string[]): Promise<void> {
  let values: { 'data-dir'?: string | undefined; 'store-key-file'?: string | undefined; help?: boolean | undefined };
  try {
    values = parseArgs({
      args: argv,
      options: { 'data-dir': { type: 'string' }, 'store-key-file': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }).values;
  } catch (error) {
    return usageError((error as Error).message, MIGRATE_HELP);
  }
  if (values.help) return void console.log(MIGRATE_HELP);
  const dataDir = values['data-dir'];
  if (!dataDir) return usageError('migrate-store needs --data-dir DIR', MIGRATE_HELP);
  try {
    const key = readStoreKey({ file: values['store-key-file'] });
    if (!key)
      return usageError(
        'migrate-store needs the store key: --store-key-file FILE or CREDIT_CHECK_STORE_KEY (64 hex characters)',
        MIGRATE_HELP,
      );
    const [{ sm4Sealer }, { sealStore }] = await Promise.all([import('../store/sealing.ts'), import('../store/migrate.ts')]);
    const counts = await sealStore(dataDir, sm4Sealer(key));
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(
      `credit-check-mock: sealed ${dataDir} with SM4 + HMAC-SM3 — ${total} rows (${
        Object.entries(counts)
          .filter(([, n]) => n > 0)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ') || 'none'
      }). Start it with --crypto gm and the same key.`,
    );
  } catch (error) {
    console.error(`credit-check-mock: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
