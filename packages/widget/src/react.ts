/**
 * React 19 JSX types for `<credit-check>` and `<credit-alerts>` (types only): with
 * `import type {} from '@credit-check/widget/react'` once in a project, the elements' attributes
 * and events type-check in TSX. Derived from the elements, so they cannot drift from them.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { AttributesOf, EventHandlersOf } from './attributes.ts';
import type { CreditAlerts, CreditAlertsAckDetail, CreditAlertsNewDetail } from './credit-alerts/credit-alerts.ts';
import type { CreditCheck } from './credit-check/credit-check.ts';
import type { CreditCheckEventMap } from './credit-check/events.ts';

/** What React knows of any element: its HTML attributes, ref and key. */
export type HtmlProps<E extends HTMLElement> = DetailedHTMLProps<HTMLAttributes<E>, E>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'credit-check': HtmlProps<CreditCheck> & AttributesOf<typeof CreditCheck, CreditCheck> & EventHandlersOf<CreditCheckEventMap>;
      'credit-alerts': HtmlProps<CreditAlerts> &
        AttributesOf<typeof CreditAlerts, CreditAlerts> &
        EventHandlersOf<{ 'credit-alerts-new': CreditAlertsNewDetail; 'credit-alerts-ack': CreditAlertsAckDetail }>;
    }
  }
}
