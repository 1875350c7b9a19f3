/**
 * Vue 3 types for `<credit-check>` and `<credit-alerts>` in templates (types only, for vue-tsc and
 * Volar): with `import type {} from '@credit-check/widget/vue'` once in a project, their attributes
 * and events are known. Vue needs `isCustomElement` for the tags at compile time as for any custom
 * element. Derived from the elements, so they cannot drift from them.
 */
import type { DefineComponent } from 'vue';
import type { AttributesOf } from './attributes.ts';
import type { CreditAlerts, CreditAlertsAckDetail, CreditAlertsNewDetail } from './credit-alerts/credit-alerts.ts';
import type { CreditCheck } from './credit-check/credit-check.ts';
import type { CreditCheckEventMap } from './credit-check/events.ts';

/** Vue's `onX` listener props for an element's events (`@credit-check-result` in a template). */
type VueEvents<M> = { [K in keyof M as `on${Capitalize<CamelCase<K & string>>}`]?: (event: CustomEvent<M[K]>) => void };
type CamelCase<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;

declare module 'vue' {
  interface GlobalComponents {
    'credit-check': DefineComponent<AttributesOf<typeof CreditCheck, CreditCheck> & VueEvents<CreditCheckEventMap>>;
    'credit-alerts': DefineComponent<
      AttributesOf<typeof CreditAlerts, CreditAlerts> &
        VueEvents<{ 'credit-alerts-new': CreditAlertsNewDetail; 'credit-alerts-ack': CreditAlertsAckDetail }>
    >;
  }
}
