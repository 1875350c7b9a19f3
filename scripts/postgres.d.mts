export interface ClusterOptions {
  /** fsync on, as PostgreSQL's defaults (the bench); tests run with fsync off (default false). */
  durable?: boolean;
}

export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` (trust auth on loopback, inside the cluster only). */
  url: string;
  port: number;
  /** The server's major version. */
  version: string;
  /** Settings that differ by option. */
  settings: { fsync: boolean };
  /** The postmaster's process id (its backends are its children). */
  pid(): number;
  /** A database of its own (created now) and its URL. */
  database(name: string): Promise<string>;
  /** Stops the server as a crash would (`immediate`) or politely (`fast`); the data stays. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and removes its files. */
  destroy(): Promise<void>;
}

/** Where the server binaries are: $CREDIT_CHECK_PG_BIN, Debian's newest /usr/lib/postgresql/N/bin, or PATH. */
export declare function postgresBin(): string | undefined;
/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export declare function postgresMissing(): string | undefined;
/** A throwaway cluster on a free loopback port (see scripts/postgres.mjs). */
export declare function startPostgres(options?: ClusterOptions): Promise<PostgresCluster>;
