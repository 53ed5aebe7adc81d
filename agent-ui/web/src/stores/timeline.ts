import { reactive } from 'vue';
import { hubApi } from '../api/hub';
import type { Conversation, Customer, Interaction } from '../api/types';
import { rememberName } from './customerNames';

/**
 * The open conversation and its customer's whole timeline, every channel, newest first as the hub
 * pages it (the view shows it oldest first).
 */
export const timeline = reactive({
  conversation: null as Conversation | null,
  customer: null as Customer | null,
  items: [] as Interaction[],
  nextCursor: null as string | null,
  loading: false,
  loadingOlder: false,
  error: null as string | null,
  /** An interaction to bring into view, e.g. from a search hit. */
  focusId: null as string | null,
});

const PAGE = 30;
let generation = 0;

/**
 * The latest live interactions, by id. A conversation opened just after a message arrived loads
 * its page from the search index, which shows a message up to a refresh (a quarter of a second)
 * after the stream did; the message's event came before the conversation was open, so without
 * these the message would be missing until the next reload.
 */
const recentLive = new Map<string, Interaction>();
const RECENT_LIVE = 200;

function rememberLive(i: Interaction): void {
  recentLive.delete(i.interactionId);
  recentLive.set(i.interactionId, i);
  for (const id of recentLive.keys()) {
    if (recentLive.size <= RECENT_LIVE) break;
    recentLive.delete(id);
  }
}

export async function openConversation(conversationId: string, focusId: string | null = null) {
  const mine = ++generation;
  timeline.loading = true;
  timeline.error = null;
  timeline.focusId = focusId;
  if (timeline.conversation?.conversationId !== conversationId) {
    timeline.conversation = null;
    timeline.customer = null;
    timeline.items = [];
    timeline.nextCursor = null;
  }
  try {
    const conversation = await hubApi.conversation(conversationId);
    if (mine !== generation) return;
    timeline.conversation = conversation;
    await loadCustomer(conversation.customerId, mine);
  } catch (e) {
    if (mine === generation) timeline.error = (e as Error).message;
  } finally {
    if (mine === generation) timeline.loading = false;
  }
}

/** Re-reads what is shown: after a reconnect, a merge or a lag. */
export async function refreshTimeline(): Promise<void> {
  if (timeline.conversation) {
    await openConversation(timeline.conversation.conversationId, timeline.focusId);
  }
}

async function loadCustomer(customerId: string, mine: number): Promise<void> {
  const [customer, page] = await Promise.all([
    hubApi.customer(customerId),
    hubApi.timeline(customerId, null, PAGE),
  ]);
  if (mine !== generation) return;
  rememberName(customerId, customer.displayName);
  timeline.customer = customer;
  timeline.items = page.items;
  timeline.nextCursor = page.nextCursor;
  for (const i of [...recentLive.values()]) place(i);
}

export async function loadOlder(): Promise<void> {
  const customer = timeline.customer;
  if (!customer || !timeline.nextCursor || timeline.loadingOlder) return;
  const mine = generation;
  timeline.loadingOlder = true;
  try {
    const page = await hubApi.timeline(customer.customerId, timeline.nextCursor, PAGE);
    if (mine !== generation) return;
    const seen = new Set(timeline.items.map((i) => i.interactionId));
    timeline.items.push(...page.items.filter((i) => !seen.has(i.interactionId)));
    timeline.nextCursor = page.nextCursor;
  } catch (e) {
    timeline.error = (e as Error).message;
  } finally {
    timeline.loadingOlder = false;
  }
}

function belongsHere(i: Interaction): boolean {
  return (
    i.conversationId === timeline.conversation?.conversationId ||
    (timeline.customer !== null && i.customerId === timeline.customer.customerId)
  );
}

/** `interaction.created` and `interaction.updated` (a call answered, ended, noted). */
export function applyInteraction(i: Interaction): void {
  rememberLive(i);
  place(i);
}

function place(i: Interaction): void {
  if (!belongsHere(i)) return;
  const at = timeline.items.findIndex((x) => x.interactionId === i.interactionId);
  if (at >= 0) {
    // The newer of the two: a page loaded after an update must not undo it, nor the reverse.
    if ((timeline.items[at]?.seq ?? 0) <= (i.seq ?? 0)) timeline.items.splice(at, 1, i);
    return;
  }
  timeline.items.push(i);
  timeline.items.sort(
    (a, b) => b.occurredAt.localeCompare(a.occurredAt) || (b.seq ?? 0) - (a.seq ?? 0),
  );
}

export function applyConversation(c: Conversation): void {
  if (c.conversationId === timeline.conversation?.conversationId) timeline.conversation = c;
}

/** `customer.updated` and `customer.merged`: the panel must show the customer as it is now. */
export function customerChanged(customerIds: string[]): void {
  const current = timeline.customer?.customerId;
  if (current && customerIds.includes(current)) void refreshTimeline();
}

export function closeConversation(): void {
  generation++;
  timeline.conversation = null;
  timeline.customer = null;
  timeline.items = [];
  timeline.nextCursor = null;
  timeline.error = null;
  timeline.focusId = null;
}
