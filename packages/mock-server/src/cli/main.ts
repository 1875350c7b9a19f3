import { migrateStore } from './migrate-store.ts';
import { serve } from './serve.ts';

/** `credit-check-mock [subcommand] …`: serve (default), migrate-store. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  if (argv[0] === 'migrate-store') return migrateStore(argv.slice(1));
  return serve(argv);
}
