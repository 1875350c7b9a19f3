/**
 * The attributes an element's Lit `properties` declare, typed from the element's own fields —
 * derived, never restated, for the framework entries (`./react`, `./vue`). Lit's attribute name is
 * the declaration's `attribute`, else the property name in lower case; `attribute: false` has none.
 */
type AttributeName<K, D> = D extends { attribute: false }
  ? never
  : D extends { attribute: infer A extends string }
    ? A
    : Lowercase<K & string>;

/** `{ 'application-id'?: string | undefined, … }` for an element class `C` and its instance `E`. */
export type AttributesOf<C extends { readonly properties: object }, E> = {
  [K in keyof C['properties'] as AttributeName<K, C['properties'][K]>]?: K extends keyof E ? E[K] : never;
};

/** `{ 'oncredit-check-result'?: (event: CustomEvent<…>) => void, … }`: React 19's handler props for custom events. */
export type EventHandlersOf<M> = { [K in keyof M as `on${K & string}`]?: (event: CustomEvent<M[K]>) => void };
