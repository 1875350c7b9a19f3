import { readHexKey } from '../io/key-file.ts';

/**
 * The platform's browser-token key from `--token-key-file` or CREDIT_CHECK_TOKEN_KEY (64 hex
 * characters). Instances that serve one platform (several hosts over one database behind a load
 * balancer) must share it, or a token minted by one is refused by the next. Undefined when neither
 * is given: the store then keeps a key of its own, made on first start.
 */
export function readTokenKey(options: { file?: string | undefined; env?: NodeJS.ProcessEnv }): Uint8Array | undefined {
  return readHexKey({ ...options, variable: 'CREDIT_CHECK_TOKEN_KEY', what: 'token key' });
}
