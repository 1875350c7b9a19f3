import { readFileSync } from 'node:fs';

/**
 * A 32-byte key from a file or an environment variable, written as 64 hex characters (e.g. from
 * `openssl rand -hex 32`); undefined when neither is given. `fail` makes the caller's error type.
 */
export function readHexKey(options: {
  file?: string | undefined;
  variable: string;
  env?: NodeJS.ProcessEnv | undefined;
  what: string;
  fail?: (message: string) => Error;
}): Uint8Array | undefined {
  const fail = options.fail ?? ((message: string) => new Error(message));
  let text: string | undefined;
  let from: string;
  if (options.file) {
    from = options.file;
    try {
      text = readFileSync(options.file, 'utf8');
    } catch (error) {
      throw fail(`cannot read the ${options.what} file ${options.file}: ${(error as Error).message}`);
    }
  } else {
    from = options.variable;
    text = (options.env ?? process.env)[options.variable];
  }
  if (text === undefined || text.trim() === '') return undefined;
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw fail(`${from} must hold 64 hex characters (32 bytes), e.g. from \`openssl rand -hex 32\``);
  return Buffer.from(hex, 'hex');
}
