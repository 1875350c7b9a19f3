import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { connectRefusal, type DestinationPolicy, hostOf, nameAllowed } from './destinations.ts';

/** A connection the policy refused: the delivery fails with this reason (never reaching the address). */
export class DestinationRefused extends Error {
  override readonly name = 'DestinationRefused';
}

/**
 * A resolver that hands the socket only checked addresses: the address connected to is the one
 * checked (no second lookup an attacker's DNS could answer differently).
 */
function guardedLookup(policy: DestinationPolicy): LookupFunction {
  const resolve = policy.lookup;
  return (hostname, options, callback) => {
    const done = (error: Error | null, addresses: LookupAddress[]) => {
      if (error) return callback(error as NodeJS.ErrnoException, '', 0);
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      for (const { address } of addresses) {
        const why = connectRefusal(address, policy);
        if (why) return callback(new DestinationRefused(`destination refused: ${hostname} resolves to ${address}, ${why.en}`), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses as [LookupAddress];
      callback(null, first.address, first.family);
    };
    if (resolve) {
      resolve(hostname).then(
        (list) =>
          done(
            null,
            list.map((address) => ({ address, family: isIP(address) })),
          ),
        (error: Error) => done(error, []),
      );
    } else dnsLookup(hostname, { all: true }, (error, list) => done(error, list ?? []));
  };
}

export interface WebhookTransport {
  /** POSTs a delivery; resolves with the receiver's status (redirects are answers, never followed). */
  post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number>;
  close(): void;
}

/**
 * Deliveries over node:http(s) with keep-alive agents (a receiver gets one connection per chain in
 * flight, reused), every new connection's address checked by the policy.
 */
export function webhookTransport(policy: DestinationPolicy, options: { maxSockets?: number } = {}): WebhookTransport {
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 }),
    'https:': new HttpsAgent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 }),
  };
  const lookup = guardedLookup(policy);
  return {
    post(raw, headers, body, timeoutMs) {
      const url = new URL(raw);
      const host = hostOf(url);
      const trusted = nameAllowed(host, policy);
      // An address in the URL is connected to without a lookup: check it here.
      if (!trusted && isIP(host)) {
        const why = connectRefusal(host, policy);
        if (why) return Promise.reject(new DestinationRefused(`destination refused: ${host} is ${why.en}`));
      }
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      return new Promise((resolve, reject) => {
        const req = send(
          url,
          {
            method: 'POST',
            agent: agents[url.protocol as keyof typeof agents],
            headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
            ...(trusted ? {} : { lookup }),
            signal: AbortSignal.timeout(timeoutMs),
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
