import { createRequire } from 'node:module';

/** This package's version, from its package.json (src/cli and dist/cli are both two levels below it). */
export function version(): string {
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}

/** `--version` (or `-V`) anywhere before a subcommand's own options: the bin's name and version. */
export function printVersion(argv: readonly string[], bin: string): boolean {
  if (!argv.includes('--version') && !argv.includes('-V')) return false;
  console.log(`${bin} ${version()}`);
  return true;
}
