import { reactive } from 'vue';
import { hubApi } from '../api/hub';
import type { Offer } from '../api/types';

/**
 * Offers to propose to customers (the `offer` event and a screen-pop's `offers`), by offer id
 * and customer, until the agent records the customer's answer or dismisses them.
 */
export const customerOffers = reactive({
  items: [] as Offer[],
  /** Answers being recorded and their failures, by offer id + customer. */
  busy: {} as Record<string, boolean>,
  errors: {} as Record<string, string>,
});

const MAX = 50;

export const offerKey = (o: Offer) => `${o.offerId}:${o.customerId}`;

export function offerReceived(o: Offer): void {
  const at = customerOffers.items.findIndex((x) => offerKey(x) === offerKey(o));
  if (at >= 0) customerOffers.items.splice(at, 1, o);
  else customerOffers.items.unshift(o);
  if (customerOffers.items.length > MAX) customerOffers.items.pop();
}

export function offersFor(customerId: string | null | undefined, callId?: string): Offer[] {
  return customerOffers.items.filter(
    (o) => o.customerId === customerId || (callId !== undefined && o.callId === callId),
  );
}

export function dismissOffer(o: Offer): void {
  customerOffers.items = customerOffers.items.filter((x) => offerKey(x) !== offerKey(o));
}

async function answer(o: Offer, call: () => Promise<unknown>): Promise<void> {
  const key = offerKey(o);
  customerOffers.busy[key] = true;
  delete customerOffers.errors[key];
  try {
    await call();
    dismissOffer(o);
  } catch (e) {
    customerOffers.errors[key] = (e as Error).message;
  } finally {
    delete customerOffers.busy[key];
  }
}

export const offerAccepted = (o: Offer) => answer(o, () => hubApi.offerAccepted(o));
export const offerDeclined = (o: Offer, reason: string) =>
  answer(o, () => hubApi.offerDeclined(o, reason));
