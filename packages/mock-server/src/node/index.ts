export { openSqliteStore, type RunningServer, type ServerOptions, sandboxApp, startServer } from './server.ts';
