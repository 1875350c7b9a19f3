#!/usr/bin/env node
import { main } from '../dist/cli/conformance.js';

main().catch((error) => {
  console.error(`credit-check-conformance: ${error?.message ?? error}`);
  process.exit(2);
});
