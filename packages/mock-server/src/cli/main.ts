import { printVersion } from './version.ts';

/**
 * `credit-check-mock [subcommand] …`: serve (default), `--replay DIR`, proxy, migrate-store. Each
 * subcommand is loaded when it runs: the proxy and replay start without loading the platform, its
 * stores and crypto (a third of the start-up of a 3-process test, and of a vendor's CI step).
 */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  if (printVersion(argv, 'credit-check-mock')) return;
  if (argv[0] === 'migrate-store') return (await import('./migrate-store.ts')).migrateStore(argv.slice(1));
  if (argv[0] === 'proxy') return (await import('./proxy.ts')).proxy(argv.slice(1));
  if (argv.some((a) => a === '--replay' || a.startsWith('--replay='))) return (await import('./proxy.ts')).replay(argv);
  return (await import('./serve.ts')).serve(argv);
}
