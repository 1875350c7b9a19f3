import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    font: 14px/1.6 system-ui, 'PingFang SC', 'Microsoft YaHei', sans-serif;
    color: var(--credit-alerts-text-color, #1f2328);
  }
  [part='base'] {
    border: 1px solid var(--credit-alerts-border-color, #d0d7de);
    border-radius: var(--credit-alerts-radius, 6px);
    background: var(--credit-alerts-background, #fff);
    padding: 12px 16px;
  }
  [part='summary'] {
    display: flex;
    gap: 8px;
    align-items: baseline;
    margin: 0 0 8px;
    font-size: 16px;
  }
  [part='count'] {
    background: var(--credit-alerts-accent-color, #b42318);
    color: #fff;
    border-radius: 999px;
    padding: 0 8px;
    font-weight: 600;
  }
  [part='count'].zero {
    background: #57606a;
  }
  [part='status'] {
    margin: 0 0 8px;
    padding: 8px;
    border-radius: 4px;
    background: #fff4e5;
    color: #7a4100;
  }
  .item {
    border-top: 1px solid #eaeef2;
    padding: 8px 0;
  }
  .item.serious.open h3 .type {
    color: var(--credit-alerts-accent-color, #b42318);
  }
  .item.done {
    opacity: 0.8;
  }
  h3 {
    margin: 0;
    font-size: 15px;
  }
  header {
    display: flex;
    justify-content: space-between;
    gap: 8px;
  }
  time {
    color: #57606a;
    white-space: nowrap;
  }
  .what,
  .acked {
    margin: 4px 0;
  }
  .why {
    margin: 0;
    padding-left: 18px;
    color: #57606a;
  }
  .ack {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(180px, 1fr));
    gap: 6px 12px;
    margin-top: 6px;
  }
  .ack label {
    display: grid;
  }
  .ack button {
    justify-self: start;
    align-self: end;
    padding: 4px 16px;
  }
  /* 3:1 or more against the background (WCAG 2.2 1.4.11, 2.4.11), kept by forced-colors modes. */
  :focus-visible {
    outline: 3px solid var(--credit-alerts-focus-color, #1849a9);
    outline-offset: 2px;
    box-shadow: var(--credit-alerts-focus-ring, none);
  }
  .tier {
    margin: 0;
    color: #344054;
  }
  .compare {
    margin-top: 6px;
    padding: 4px 12px;
  }
  .comparison {
    margin: 6px 0 0;
    padding: 6px 10px;
    border-left: 3px solid #98a2b3;
    background: #f8f9fb;
  }
  .comparison p,
  .comparison ul {
    margin: 2px 0;
  }
  .error {
    color: #b42318;
    margin: 0;
    grid-column: 1 / -1;
  }
`;
