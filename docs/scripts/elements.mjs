// The elements' reference page, from custom-elements.json (the manifest editors and Storybook read):
// one section per element — attributes, properties without an attribute, events, methods, CSS parts
// and custom properties — so the page can never say something the manifest does not.

/** Outside code spans: `<` and `{{` as entities, so neither HTML nor Vue reads them. */
const plain = (value) =>
  value
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/</g, '&lt;').replace(/\{\{/g, '&#123;&#123;')))
    .join('');

/** A whole Markdown page's prose escaped that way; fenced code blocks are left as they are. */
export const escapeProse = (page) =>
  page
    .split(/(^```[\s\S]*?^```)/m)
    .map((part, i) => (i % 2 ? part : plain(part)))
    .join('');

/** Markdown text outside code spans: no raw HTML or Vue interpolation, no table breaks. */
const text = (value = '') => plain(value.replace(/\s*\n\s*/g, ' ')).replace(/\|/g, '\\|');
const code = (value) => (value ? `\`${value.replace(/\s+/g, ' ')}\``.replace(/\|/g, '\\|') : '');

function table(head, rows) {
  if (rows.length === 0) return '';
  return [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`), ''].join('\n');
}

function element(d) {
  const members = (d.members ?? []).filter(
    (m) => !m.static && m.privacy !== 'private' && m.privacy !== 'protected' && !m.name.startsWith('#'),
  );
  const fields = members.filter((m) => m.kind === 'field');
  const attributes = d.attributes ?? [];
  const attributed = new Set(attributes.map((a) => a.fieldName));
  const out = [`## \`<${d.tagName}>\``, '', text(d.description), ''];
  // The property is named only where it differs from the attribute (`subject-name` → `subjectName`).
  const named = (a) => (a.fieldName && a.fieldName !== a.name ? `${code(a.name)} (${code(a.fieldName)})` : code(a.name));
  out.push(
    '### Attributes',
    '',
    table(
      ['Attribute (property)', 'Type', 'Default', 'Description'],
      attributes.map((a) => [named(a), code(a.type?.text), code(a.default), text(a.description)]),
    ),
  );
  const properties = fields.filter((f) => !attributed.has(f.name));
  if (properties.length)
    out.push(
      '### Properties',
      '',
      table(
        ['Property', 'Type', 'Description'],
        properties.map((f) => [code(f.name), code(f.type?.text), text(f.description)]),
      ),
    );
  if (d.events?.length)
    out.push(
      '### Events',
      '',
      table(
        ['Event', 'Type', 'Description'],
        d.events.map((e) => [code(e.name), code(e.type?.text), text(e.description)]),
      ),
    );
  const methods = members.filter((m) => m.kind === 'method');
  if (methods.length)
    out.push(
      '### Methods',
      '',
      table(
        ['Method', 'Returns', 'Description'],
        methods.map((m) => [
          code(
            `${m.name}(${(m.parameters ?? []).map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.type?.text ?? 'unknown'}`).join(', ')})`,
          ),
          code(m.return?.type?.text),
          text(m.description),
        ]),
      ),
    );
  if (d.cssParts?.length)
    out.push(
      '### CSS parts',
      '',
      table(
        ['Part', 'Description'],
        d.cssParts.map((p) => [code(p.name), text(p.description)]),
      ),
    );
  if (d.cssProperties?.length)
    out.push(
      '### CSS custom properties',
      '',
      table(
        ['Property', 'Default', 'Description'],
        d.cssProperties.map((p) => [code(p.name), code(p.default), text(p.description)]),
      ),
    );
  if (d.slots?.length)
    out.push(
      '### Slots',
      '',
      table(
        ['Slot', 'Description'],
        d.slots.map((s) => [code(s.name || '(default)'), text(s.description)]),
      ),
    );
  return out.join('\n');
}

/** @param {{ modules: Array<{ declarations?: any[] }> }} manifest */
export function elementsPage(manifest) {
  const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
  return [
    '---',
    'generated: true',
    'description: Every attribute, property, event, method, CSS part and custom property of <credit-check> and <credit-alerts>, from custom-elements.json.',
    '---',
    '',
    '# Elements',
    '',
    'Generated from `@credit-check/widget/custom-elements.json` — the manifest your editor reads (with the',
    '`@credit-check/widget/react` and `/vue` type entries for JSX and Vue templates). Usage is in the',
    '[widget guide](/packages/widget).',
    '',
    ...elements.map(element),
  ].join('\n');
}
