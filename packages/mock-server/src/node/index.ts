export { SqliteStore } from '../store/sqlite.ts';
export { type RunningServer, type ServerOptions, sandboxApp, startServer } from './server.ts';
