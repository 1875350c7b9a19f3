#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

main().catch((error) => {
  console.error(`credit-check-mock: ${error?.message ?? error}`);
  process.exit(1);
});
