import { migrateStore } from './migrate-store.ts';
import { proxy, replay } from './proxy.ts';
import { serve } from './serve.ts';

/** `credit-check-mock [subcommand] …`: serve (default), `--replay DIR`, proxy, migrate-store. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  if (argv[0] === 'migrate-store') return migrateStore(argv.slice(1));
  if (argv[0] === 'proxy') return proxy(argv.slice(1));
  if (argv.some((a) => a === '--replay' || a.startsWith('--replay='))) return replay(argv);
  return serve(argv);
}
