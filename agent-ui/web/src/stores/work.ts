import { computed, reactive } from 'vue';
import { hubApi } from '../api/hub';
import type { Agent, Presence, WorkItem } from '../api/types';
import { fetchName } from './customerNames';

/**
 * The agent's own routing state: presence (with wrap-up) and the conversations offered or
 * assigned to them, from `GET /api/v1/agents/me` and kept live by the `agent.presence` and
 * `assignment.*` events.
 */
export const work = reactive({
  presence: 'offline' as Presence,
  wrapUpUntil: null as string | null,
  /** Offered and assigned conversations, by conversation id. */
  items: {} as Record<string, WorkItem>,
  /** The queues this agent serves. */
  queues: [] as string[],
  error: null as string | null,
  busy: false,
});

function track(w: WorkItem): void {
  work.items[w.conversationId] = w;
  // The offer card names the customer.
  void fetchName(w.customerId);
}

export const offers = computed(() =>
  Object.values(work.items)
    .filter((w) => w.state === 'offered')
    .sort((a, b) => (a.offerExpiresAt ?? '').localeCompare(b.offerExpiresAt ?? '')),
);

export const mineIds = computed(
  () => new Set(Object.values(work.items).map((w) => w.conversationId)),
);

function applyAgent(a: Agent): void {
  work.presence = a.presence;
  work.wrapUpUntil = a.presence === 'wrap_up' ? (a.wrapUp?.until ?? null) : null;
  if (a.queues) work.queues = a.queues;
  if (a.work) {
    work.items = {};
    a.work.filter((w) => w.state !== 'closed').forEach(track);
  }
}

/** Also the catch-up after a dropped connection. */
export async function loadWork(): Promise<void> {
  try {
    applyAgent(await hubApi.myWork());
    work.error = null;
  } catch (e) {
    work.error = (e as Error).message;
  }
}

export async function setPresence(presence: Exclude<Presence, 'wrap_up'>): Promise<void> {
  work.busy = true;
  try {
    applyAgent(await hubApi.setPresence(presence));
    work.error = null;
  } catch (e) {
    work.error = (e as Error).message;
  } finally {
    work.busy = false;
  }
}

export function presenceChanged(a: Agent): void {
  applyAgent({ ...a, work: undefined });
}

/** `assignment.offered` and `assignment.accepted`: the item as routing holds it now. */
export function assignmentChanged(w: WorkItem): void {
  if (w.state === 'offered' || w.state === 'assigned') track(w);
  else delete work.items[w.conversationId];
}

/** `assignment.revoked` and `assignment.ended`: no longer this agent's. */
export function assignmentGone(w: WorkItem): void {
  delete work.items[w.conversationId];
}

export async function acceptOffer(conversationId: string): Promise<boolean> {
  try {
    assignmentChanged(await hubApi.accept(conversationId));
    work.error = null;
    return true;
  } catch (e) {
    work.error = (e as Error).message;
    void loadWork();
    return false;
  }
}

export async function declineOffer(conversationId: string): Promise<void> {
  try {
    await hubApi.decline(conversationId);
    delete work.items[conversationId];
    work.error = null;
  } catch (e) {
    work.error = (e as Error).message;
    void loadWork();
  }
}
