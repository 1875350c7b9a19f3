import { css } from 'lit';

/**
 * Styles are adopted stylesheets (no <style> elements, no inline style attributes), so the element
 * runs under `style-src 'self'`. Colours meet WCAG AA on their backgrounds; every state also has its
 * own icon and words.
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
    --_focus: var(--credit-check-focus-ring, 0 0 0 3px #84adff);
  }
  :host([hidden]) {
    display: none;
  }
  [part='base'] {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--credit-check-background, #fff);
    overflow: hidden;
  }
  [part='status'] {
    display: flex;
    gap: 10px;
    align-items: flex-start;
    padding: 12px 14px;
    border-left: 6px solid currentColor;
  }
  [part='icon'] {
    flex: none;
    line-height: 0;
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
  .spin { transform-origin: 12px 12px; animation: spin 0.9s linear infinite; }
  @keyframes spin { to { transform: rotate(360deg); } }
  @media (prefers-reduced-motion: reduce) { .spin { animation: none; } }
  [part='details'] { padding: 4px 14px 12px; }
  section { margin-top: 10px; }
  h3 { margin: 0 0 4px; font-size: 0.95em; color: #344054; }
  ul { margin: 0; padding-left: 1.2em; }
  li { margin: 2px 0; }
  .meta { color: #475467; font-size: 0.92em; }
  .badge {
    display: inline-block;
    padding: 0 6px;
    margin-right: 4px;
    border: 1px solid currentColor;
    border-radius: 10px;
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
    padding: 5px 14px;
    border: 1px solid #344054;
    border-radius: var(--_radius);
    background: #fff;
    color: #101828;
    cursor: pointer;
  }
  button.primary { background: #175cd3; border-color: #175cd3; color: #fff; }
  button:disabled { opacity: 0.6; cursor: not-allowed; }
  button:focus-visible, input:focus-visible, textarea:focus-visible { outline: none; box-shadow: var(--_focus); }
  .actions { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 8px; }
  [part='feedback'], [part='commitment-form'] { border-top: 1px solid var(--_border); padding: 10px 14px 12px; }
  fieldset { border: 0; margin: 0; padding: 0; }
  legend { font-weight: 600; padding: 0; }
  label { display: block; margin: 3px 0; }
  textarea, input[type='text'], input[type='date'] { width: 100%; box-sizing: border-box; padding: 4px 6px; border: 1px solid #667085; border-radius: 4px; }
  .field-error { color: #b42318; }
  .done { color: #054f31; font-weight: 600; }
  [part='receipt'] { color: #475467; font-size: 0.9em; }
  .defer { margin-top: 8px; }
  [part='notices'] { border-top: 1px solid var(--_border); }
  [part='notices'] > .meta { margin: 0; padding: 8px 14px; }
  [part='notice'] { padding: 10px 14px; border-left: 6px solid currentColor; border-top: 1px solid var(--_border); }
  [part='notice'] > p { margin: 2px 0; color: var(--_ink); }
  [part='notice'] [part='feedback'] { padding: 8px 0 0; color: #101828; }
  dialog[part='alert'], dialog[part='deferred-alert'] {
    max-width: min(560px, 92vw);
    padding: 0;
    border: 3px solid currentColor;
    border-radius: var(--_radius);
  }
  dialog::backdrop { background: rgb(16 24 40 / 0.55); }
  dialog .body { padding: 14px 16px; color: #101828; background: #fff; }
  .commitment-text { white-space: pre-wrap; max-height: 14em; overflow: auto; border: 1px solid var(--_border); padding: 8px; background: #f9fafb; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  @media print {
    button, .actions, [part='feedback'] form { display: none !important; }
    [part='base'] { border: 1px solid #000; }
  }
`;
