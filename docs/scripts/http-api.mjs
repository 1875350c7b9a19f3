// The HTTP API's reference page, from the OpenAPI document the platform serves (built from the same
// endpoint table as its routes and the SDK): one row per operation, and the document itself beside
// the page for any OpenAPI tool (Redocly, Swagger UI, Prism, code generators).
import { escapeProse } from './elements.mjs';

const cell = (value = '') => escapeProse(value.replace(/\s*\n\s*/g, ' ')).replace(/\|/g, '\\|');

/** @param {any} doc the OpenAPI 3.1 document */
export function httpApiPage(doc) {
  const byTag = new Map();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      const tag = op.tags?.[0] ?? 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      const auth = (op.security ?? doc.security ?? []).flatMap((s) => Object.keys(s)).join(', ') || 'none';
      byTag.get(tag).push(`| \`${method.toUpperCase()} ${path}\` | \`${op.operationId}\` | ${cell(op.summary)} | ${auth} |`);
    }
  }
  const tags = new Map((doc.tags ?? []).map((t) => [t.name, t.description]));
  const sections = [...byTag].map(([tag, rows]) =>
    [
      `## ${tag}`,
      '',
      cell(tags.get(tag) ?? ''),
      '',
      '| operation | operationId | what | authentication |',
      '| --- | --- | --- | --- |',
      ...rows,
      '',
    ].join('\n'),
  );
  const hooks = Object.entries(doc.webhooks ?? {}).map(([name, item]) => {
    const op = item.post ?? Object.values(item)[0];
    return `- \`${name}\` (\`${op?.operationId}\`): ${cell(op?.summary)}`;
  });
  return [
    '---',
    'generated: true',
    'description: Every operation of the platform API (OpenAPI 3.1), by resource, with how it is authenticated; the document itself for any OpenAPI tool.',
    '---',
    '',
    `# HTTP API (${cell(doc.info?.title)} ${doc.info?.version ?? ''})`,
    '',
    'Generated from the OpenAPI 3.1 document the platform serves at `/api/v1/openapi.json` — built from',
    "the same endpoint table as the platform's routes and the SDK's calls, and linted in `npm test`",
    '(Spectral with the OWASP ruleset, Redocly). Download it: <a href="/openapi.json" download>openapi.json</a>.',
    "Errors are `application/problem+json` with a stable `code` (the SDK's `CreditCheckError.code`).",
    '',
    ...sections,
    hooks.length ? ['## Webhooks (定向推送)', '', ...hooks, ''].join('\n') : '',
  ].join('\n');
}
