/**
 * Hears values set by script — `el.value = …`, jQuery `.val()`, a Vue or React state update,
 * `select.selectedIndex = …`, `option.selected = …` — none of which fires an event (自动触发 must
 * not depend on how the value got there, 002 (十六)). Each watched element gets an own accessor
 * that calls the one already there (the prototype's, or the one a framework installed, such as
 * React's value tracker) and then tells the listeners. Nothing is polled.
 */
type Field = HTMLInputElement | HTMLSelectElement;

const listenersOf = new WeakMap<Field, Set<() => void>>();
const hooked = new WeakSet<Element>();

/** Calls `listener` after any script changes the field's value; returns a function that stops it. */
export function onValueSet(field: Field, listener: () => void): () => void {
  let listeners = listenersOf.get(field);
  if (!listeners) {
    listeners = new Set();
    listenersOf.set(field, listeners);
    const notify = notifier(listeners);
    intercept(field, 'value', notify);
    if (field instanceof HTMLSelectElement) intercept(field, 'selectedIndex', notify);
  }
  hookOptions(field);
  listeners.add(listener);
  const own = listeners;
  return () => own.delete(listener);
}

/** A select's options, including ones rendered after it was first hooked (jQuery `.val()` sets `option.selected`). */
export function hookOptions(field: Field): void {
  const listeners = listenersOf.get(field);
  if (!listeners || !(field instanceof HTMLSelectElement)) return;
  for (const option of field.options) if (!hooked.has(option)) intercept(option, 'selected', notifier(listeners));
}

const notifier = (listeners: Set<() => void>) => () => {
  for (const l of listeners) l();
};

function intercept(target: Element, prop: string, notify: () => void): void {
  const own = Object.getOwnPropertyDescriptor(target, prop);
  if (own && !own.configurable) return;
  const base = own ?? inherited(target, prop);
  const get = base?.get;
  const set = base?.set;
  if (!get || !set) return;
  hooked.add(target);
  Object.defineProperty(target, prop, {
    configurable: true,
    enumerable: base.enumerable ?? true,
    get() {
      return get.call(this);
    },
    set(value: unknown) {
      const before = get.call(this);
      set.call(this, value);
      if (get.call(this) !== before) notify();
    },
  });
}

function inherited(target: object, prop: string): PropertyDescriptor | undefined {
  for (let proto = Object.getPrototypeOf(target); proto; proto = Object.getPrototypeOf(proto)) {
    const d = Object.getOwnPropertyDescriptor(proto, prop);
    if (d) return d;
  }
  return undefined;
}
