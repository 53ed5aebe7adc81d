import { reactive } from 'vue';
import { hubApi } from '../api/hub';

/**
 * Customer names for conversations the live stream brings (its events carry ids only). One request
 * per customer, shared by everyone who asks.
 */
const names = reactive(new Map<string, string | null>());
const pending = new Map<string, Promise<string | null>>();

export function knownName(customerId: string): string | null | undefined {
  return names.get(customerId);
}

export function rememberName(customerId: string, name: string | null): void {
  names.set(customerId, name);
}

export function fetchName(customerId: string): Promise<string | null> {
  if (names.has(customerId)) return Promise.resolve(names.get(customerId) ?? null);
  let p = pending.get(customerId);
  if (!p) {
    p = hubApi
      .customer(customerId)
      .then((c) => c.displayName)
      .catch(() => null)
      .then((name) => {
        names.set(customerId, name);
        pending.delete(customerId);
        return name;
      });
    pending.set(customerId, p);
  }
  return p;
}
