// <credit-alerts>: the department's inbox of pushed events. Its own entry (and its own drop-in
// file, dist/credit-alerts.js), so the <credit-check> drop-in does not grow with it.
import { CreditAlerts } from './credit-alerts/credit-alerts.ts';

declare global {
  interface HTMLElementTagNameMap {
    'credit-alerts': CreditAlerts;
  }
}

if (!customElements.get('credit-alerts')) customElements.define('credit-alerts', CreditAlerts);

export { CreditAlerts, type CreditAlertsAckDetail, type CreditAlertsNewDetail } from './credit-alerts/credit-alerts.ts';
export { ackDefault } from './credit-alerts/defaults.ts';
/** The event types in the words staff use (for a host page that lists pushed events itself). */
export { TYPE_LABEL as EVENT_TYPE_LABEL } from './credit-alerts/templates.ts';
