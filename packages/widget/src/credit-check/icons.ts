import { svg } from 'lit';

// State icons: every state has its own shape as well as its own colour (never colour alone).
const frame = (path: ReturnType<typeof svg>) =>
  svg`<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">${path}</svg>`;

export const icons = {
  restrict: frame(svg`<circle cx="12" cy="12" r="10" fill="currentColor"/><rect x="6" y="10.5" width="12" height="3" fill="#fff"/>`),
  caution: frame(
    svg`<path d="M12 2 23 21H1z" fill="currentColor"/><rect x="11" y="8.5" width="2" height="6.5" fill="#fff"/><rect x="11" y="16.5" width="2" height="2" fill="#fff"/>`,
  ),
  notice: frame(
    svg`<circle cx="12" cy="12" r="10" fill="currentColor"/><rect x="11" y="10" width="2" height="8" fill="#fff"/><rect x="11" y="6" width="2" height="2.2" fill="#fff"/>`,
  ),
  clear: frame(
    svg`<circle cx="12" cy="12" r="10" fill="currentColor"/><path d="m7 12.5 3.2 3.2L17 9" stroke="#fff" stroke-width="2.4" fill="none"/>`,
  ),
  error: frame(
    svg`<rect x="2" y="2" width="20" height="20" rx="3" fill="currentColor"/><path d="m8 8 8 8M16 8l-8 8" stroke="#fff" stroke-width="2.4"/>`,
  ),
  idle: frame(
    svg`<circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2"/><path d="M12 7v5l3 2" stroke="currentColor" stroke-width="2" fill="none"/>`,
  ),
  invalid: frame(
    svg`<circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2.4"/><path d="M12 7v6" stroke="currentColor" stroke-width="2.4"/><circle cx="12" cy="16.5" r="1.4" fill="currentColor"/>`,
  ),
  // The whole <svg> turns, not a shape inside it: a transform on a CSS box runs on the compositor,
  // while one on an SVG shape repaints on the main thread every frame — the thread that is about to
  // read the platform's answer.
  checking: svg`<svg class="spin" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="3" stroke-dasharray="42 100" stroke-linecap="round"/></svg>`,
};
