import { css } from 'lit';

/**
 * Styles are adopted stylesheets (no <style> elements, no inline style attributes), so the element
 * runs under `style-src 'self'`. Colours meet WCAG AA on their backgrounds; every state also has its
 * own icon and words. Sizes are in em, so `text-size` (适老化) scales everything, icons included.
 */
export const styles = css`
  :host {
    display: block;
    font-family: var(--credit-check-font, system-ui, 'PingFang SC', 'Microsoft YaHei', sans-serif);
    font-size: var(--credit-check-font-size, 14px);
    line-height: 1.55;
    color: var(--credit-check-text-color, #101828);
    --_radius: var(--credit-check-radius, 6px);
    --_border: var(--credit-check-border-color, #d0d5dd);
  }
  /* 适老化: large text for staff, the whole element scaled (1.3× and 1.6×). */
  :host([text-size='large']) {
    font-size: calc(var(--credit-check-font-size, 14px) * 1.3);
  }
  :host([text-size='x-large']) {
    font-size: calc(var(--credit-check-font-size, 14px) * 1.6);
  }
  :host([hidden]) {
    display: none;
  }
  /* The kept details panel between checks: a page's ::part() display must never show it. */
  [hidden] {
    display: none !important;
  }
  [part='base'] {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--credit-check-background, #fff);
    overflow: hidden;
  }
  [part='status'] {
    display: flex;
    gap: 0.7em;
    align-items: flex-start;
    padding: 0.85em 1em;
    border-left: 0.43em solid currentColor;
  }
  /* The icon scales with the text and sits centred on the headline's first line (1.15em × 1.55). */
  [part='icon'] {
    flex: none;
    display: flex;
    align-items: center;
    height: 1.7825em;
    line-height: 0;
  }
  [part='icon'] svg {
    width: 1.72em;
    height: 1.72em;
  }
  [part='headline'] {
    margin: 0;
    font-size: 1.15em;
    font-weight: 700;
    color: var(--_ink);
  }
  [part='message'] {
    margin: 2px 0 0;
    color: var(--_ink);
  }
  .restrict { color: var(--credit-check-restrict-color, #d92d20); background: #fef3f2; --_ink: #7a271a; }
  .caution { color: var(--credit-check-caution-color, #dc6803); background: #fffaeb; --_ink: #7a2e0e; }
  .notice { color: var(--credit-check-notice-color, #1570ef); background: #eff8ff; --_ink: #194185; }
  .clear { color: var(--credit-check-clear-color, #039855); background: #ecfdf3; --_ink: #054f31; }
  .error { color: var(--credit-check-error-color, #344054); background: #f2f4f7; --_ink: #101828; border-left-style: double; border-left-width: 8px; }
  .stale { color: #854a0e; background: repeating-linear-gradient(135deg, #fefbe8, #fefbe8 8px, #fef7c3 8px, #fef7c3 16px); --_ink: #713b12; }
  .deferred { color: var(--credit-check-deferred-color, #6941c6); background: #f4f3ff; --_ink: #3e1c96; border-left-style: dashed; }
  .idle, .checking { color: #475467; background: #f9fafb; --_ink: #344054; }
  .invalid { color: #c01048; background: #fff1f3; --_ink: #89123e; }
  .spin { animation: spin 0.9s linear infinite; }
  @keyframes spin { to { transform: rotate(360deg); } }
  @media (prefers-reduced-motion: reduce) { .spin { animation: none; } }
  [part='details'] { padding: 0.3em 1em 0.85em; }
  section { margin-top: 0.7em; }
  h3 { margin: 0 0 0.3em; font-size: 0.95em; color: #344054; }
  ul { margin: 0; padding-left: 1.2em; }
  li { margin: 2px 0; }
  .meta { color: #475467; font-size: 0.92em; }
  .badge {
    display: inline-block;
    padding: 0 0.45em;
    margin-right: 0.3em;
    border: 1px solid currentColor;
    border-radius: 0.7em;
    font-size: 0.85em;
    color: #344054;
  }
  .badge.blacklist, .badge.restrict { color: #b42318; }
  .badge.watchlist, .badge.strict-review { color: #b54708; }
  .badge.redlist, .badge.fast-track { color: #067647; }
  .badge.inactive { color: #475467; border-style: dashed; }
  .subject { font-weight: 600; }
  button, input, textarea, select { font: inherit; }
  button {
    padding: 0.35em 1em;
    border: 1px solid #344054;
    border-radius: var(--_radius);
    background: #fff;
    color: #101828;
    cursor: pointer;
  }
  button.primary { background: #175cd3; border-color: #175cd3; color: #fff; }
  button:disabled { opacity: 0.6; cursor: not-allowed; }
  /* A focus ring of 3:1 or more against any background of the element (WCAG 2.2 1.4.11, 2.4.11):
     a dark blue outline (8.6:1 on white), kept by forced-colors modes. */
  button:focus-visible, input:focus-visible, textarea:focus-visible, select:focus-visible, summary:focus-visible {
    outline: 3px solid var(--credit-check-focus-color, #1849a9);
    outline-offset: 2px;
    box-shadow: var(--credit-check-focus-ring, none);
  }
  [part='supervision'] { margin: 0; }
  .tier.increased { color: #7a271a; }
  .tier.reduced { color: #054f31; }
  .next { margin: 0.2em 0; }
  .recorded.refuse .next, .recorded.refer .next { color: #7a271a; font-weight: 600; }
  .withdrawn { color: #7a271a; }
  .why { display: inline-block; margin-top: 0.2em; }
  details[part='technical'] { margin-top: 0.3em; font-size: 0.9em; color: #475467; }
  details[part='technical'] summary { cursor: pointer; }
  details[part='technical'] p { margin: 0.2em 0 0; word-break: break-all; }
  .actions { display: flex; gap: 0.6em; flex-wrap: wrap; margin-top: 0.6em; }
  [part='feedback'], [part='commitment-form'] { border-top: 1px solid var(--_border); padding: 0.7em 1em 0.85em; }
  fieldset { border: 0; margin: 0; padding: 0; }
  legend { font-weight: 600; padding: 0; }
  label { display: block; margin: 0.2em 0; }
  /* Native radios do not follow the font size: sized in em, they grow with text-size too. */
  input[type='radio'] { width: 1em; height: 1em; margin: 0 0.35em 0 0; vertical-align: -0.12em; }
  textarea, input[type='text'], input[type='date'] { width: 100%; box-sizing: border-box; padding: 0.3em 0.45em; border: 1px solid #667085; border-radius: 4px; }
  .field-error { color: #b42318; }
  .done { color: #054f31; font-weight: 600; }
  [part='receipt'] { color: #475467; font-size: 0.9em; }
  .defer { margin-top: 0.6em; }
  [part='notices'] { border-top: 1px solid var(--_border); }
  [part='notices'] > .meta { margin: 0; padding: 0.6em 1em; }
  [part='notice'] { padding: 0.7em 1em; border-left: 0.43em solid currentColor; border-top: 1px solid var(--_border); }
  [part='notice'] > p { margin: 2px 0; color: var(--_ink); }
  [part='notice'] [part='feedback'] { padding: 0.6em 0 0; color: #101828; }
  dialog[part='alert'], dialog[part='deferred-alert'] {
    max-width: min(40em, 92vw);
    padding: 0;
    border: 3px solid currentColor;
    border-radius: var(--_radius);
  }
  dialog::backdrop { background: rgb(16 24 40 / 0.55); }
  dialog .body { padding: 1em 1.15em; color: #101828; background: #fff; }
  .commitment-text { white-space: pre-wrap; max-height: 14em; overflow: auto; border: 1px solid var(--_border); padding: 0.6em; background: #f9fafb; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  @media print {
    button, .actions, [part='feedback'] form { display: none !important; }
    [part='base'] { border: 1px solid #000; }
  }
`;
