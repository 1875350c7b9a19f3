import * as z from 'zod/mini';

// zod 4 probes `new Function` for its JIT unless told not to, which a strict-CSP page (no
// 'unsafe-eval') reports as a violation. Every schema module imports this module before it
// creates a schema, so the setting is in place first; package.json lists it in `sideEffects`
// so bundlers keep it.
z.config({ jitless: true });
