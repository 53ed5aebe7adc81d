import { computed, reactive } from 'vue';
import { hubApi } from '../api/hub';
import type {
  Channel,
  Conversation,
  ConversationStatus,
  InboxItem,
  Interaction,
  LastInteraction,
} from '../api/types';
import { fetchName, knownName, rememberName } from './customerNames';
import { mineIds, work } from './work';

/**
 * Mine: offered to or assigned to me by routing. My queues: mine plus what waits in a queue I
 * serve. All: every conversation. The hub does the narrowing, both for the inbox pages (`view`)
 * and for the live stream (its filter follows the tab).
 */
export type InboxTab = 'mine' | 'queues' | 'all';

export const INBOX_TABS: Record<InboxTab, string> = {
  mine: 'Mine',
  queues: 'My queues',
  all: 'All',
};

export type StatusView = 'active' | 'open' | 'pending' | 'resolved' | 'all';

export const STATUS_VIEWS: Record<StatusView, { label: string; statuses: ConversationStatus[] }> = {
  active: { label: 'Open + pending', statuses: ['open', 'pending'] },
  open: { label: 'Open', statuses: ['open'] },
  pending: { label: 'Pending', statuses: ['pending'] },
  resolved: { label: 'Resolved', statuses: ['resolved'] },
  all: { label: 'All', statuses: [] },
};

const UNREAD_KEY = 'contact-hub.unread';
const LATEST_MAX = 2000;

export const inbox = reactive({
  items: [] as InboxItem[],
  nextCursor: null as string | null,
  loading: false,
  error: null as string | null,
  tab: 'all' as InboxTab,
  view: 'active' as StatusView,
  channel: '' as Channel | '',
  /** Inbound messages not yet seen, by conversation id. */
  unread: loadUnread(),
  /** The keyboard cursor in the list. */
  selectedId: null as string | null,
  /** The conversation shown in the middle. */
  openId: null as string | null,
});

/** Newest interaction per conversation seen on the stream, for items that arrive after it. */
const latest = new Map<string, LastInteraction>();
/** The queue each conversation was last listed as waiting in (null: not waiting), for the badges. */
const queueOf = reactive(new Map<string, string | null>());
let generation = 0;

export const unreadTotal = computed(() =>
  Object.values(inbox.unread).reduce((sum, n) => sum + n, 0),
);

function inMyQueues(conversationId: string): boolean {
  const queue = queueOf.get(conversationId);
  return !!queue && work.queues.includes(queue);
}

/**
 * Unread inbound messages per tab. The marks come from the stream, which carries only the current
 * tab's conversations and the open one, so they count what this desktop saw arrive, each in every
 * tab it is known to belong to: all counts every mark; mine those routing offered or assigned to
 * me (the work store knows that live); my queues those plus the ones last listed waiting in a
 * queue I serve. A mark stays until the conversation is opened, whichever tab is shown.
 */
export const unreadByTab = computed<Record<InboxTab, number>>(() => {
  const counts = { mine: 0, queues: 0, all: 0 };
  for (const [id, n] of Object.entries(inbox.unread)) {
    counts.all += n;
    const mine = mineIds.value.has(id);
    if (mine) counts.mine += n;
    if (mine || inMyQueues(id)) counts.queues += n;
  }
  return counts;
});

/**
 * The rows the current tab shows: the pages the hub narrowed to it, plus what the stream added.
 * Mine also drops at once what routing took back (revoked, ended), which the hub stops streaming.
 */
export const visibleItems = computed(() =>
  inbox.tab === 'mine'
    ? inbox.items.filter((i) => mineIds.value.has(i.conversationId))
    : inbox.items,
);

export function setTab(tab: InboxTab): void {
  if (tab === inbox.tab) return;
  inbox.tab = tab;
  inbox.items = [];
  inbox.nextCursor = null;
  void loadInbox();
}

/** Routing gave me a conversation the loaded pages do not hold: fetch it into the list. */
export async function ensureListed(conversationId: string): Promise<void> {
  if (inbox.items.some((i) => i.conversationId === conversationId)) return;
  try {
    applyConversation(await hubApi.conversation(conversationId));
  } catch {
    // Gone or not visible to this agent: the next inbox load says so.
  }
}

function loadUnread(): Record<string, number> {
  try {
    return JSON.parse(sessionStorage.getItem(UNREAD_KEY) ?? '{}') as Record<string, number>;
  } catch {
    return {};
  }
}

function saveUnread(): void {
  sessionStorage.setItem(UNREAD_KEY, JSON.stringify(inbox.unread));
}

function matches(c: Conversation): boolean {
  const statuses = STATUS_VIEWS[inbox.view].statuses;
  return (
    (statuses.length === 0 || statuses.includes(c.status)) &&
    (inbox.channel === '' || c.channels.includes(inbox.channel))
  );
}

function byActivity(a: Conversation, b: Conversation): number {
  return (
    b.lastActivityAt.localeCompare(a.lastActivityAt) ||
    a.conversationId.localeCompare(b.conversationId)
  );
}

/** (Re)loads the first page; also the catch-up after a dropped connection. */
export async function loadInbox(): Promise<void> {
  const mine = ++generation;
  inbox.loading = true;
  try {
    const page = await hubApi.inbox({
      view: inbox.tab,
      status: STATUS_VIEWS[inbox.view].statuses,
      channel: inbox.channel ? [inbox.channel] : [],
    });
    if (mine !== generation) return;
    page.items.forEach(remember);
    inbox.items = page.items;
    inbox.nextCursor = page.nextCursor;
    inbox.error = null;
    mineIds.value.forEach((id) => void ensureListed(id));
    if (
      !inbox.selectedId ||
      !visibleItems.value.some((i) => i.conversationId === inbox.selectedId)
    ) {
      inbox.selectedId = visibleItems.value[0]?.conversationId ?? null;
    }
  } catch (e) {
    if (mine === generation) inbox.error = (e as Error).message;
  } finally {
    if (mine === generation) inbox.loading = false;
  }
}

export async function loadMoreInbox(): Promise<void> {
  if (!inbox.nextCursor || inbox.loading) return;
  const mine = generation;
  inbox.loading = true;
  try {
    const page = await hubApi.inbox({
      view: inbox.tab,
      status: STATUS_VIEWS[inbox.view].statuses,
      channel: inbox.channel ? [inbox.channel] : [],
      cursor: inbox.nextCursor,
    });
    if (mine !== generation) return;
    page.items.forEach(remember);
    const seen = new Set(inbox.items.map((i) => i.conversationId));
    inbox.items.push(...page.items.filter((i) => !seen.has(i.conversationId)));
    inbox.nextCursor = page.nextCursor;
  } catch (e) {
    inbox.error = (e as Error).message;
  } finally {
    if (mine === generation) inbox.loading = false;
  }
}

function remember(i: InboxItem): void {
  rememberName(i.customerId, i.customerDisplayName);
  if (i.queue === undefined) return;
  queueOf.delete(i.conversationId);
  queueOf.set(i.conversationId, i.queue);
  if (queueOf.size > LATEST_MAX) queueOf.delete(queueOf.keys().next().value!);
}

/**
 * `conversation.updated`: insert, move or drop the conversation as the filters say. Besides the
 * tab's conversations the stream brings the open one, which joins a narrowed tab only when it is
 * mine.
 */
export function applyConversation(c: Conversation): void {
  const index = inbox.items.findIndex((i) => i.conversationId === c.conversationId);
  if (!matches(c)) {
    if (index >= 0) inbox.items.splice(index, 1);
    return;
  }
  if (
    index < 0 &&
    inbox.tab !== 'all' &&
    c.conversationId === inbox.openId &&
    !mineIds.value.has(c.conversationId)
  ) {
    return;
  }
  const before = index >= 0 ? inbox.items[index] : undefined;
  const item: InboxItem = {
    ...before,
    ...c,
    customerDisplayName: before?.customerDisplayName ?? knownName(c.customerId) ?? null,
    lastInteraction: newer(before?.lastInteraction ?? null, latest.get(c.conversationId) ?? null),
  };
  if (index >= 0) inbox.items.splice(index, 1);
  inbox.items.push(item);
  inbox.items.sort(byActivity);
  if (item.customerDisplayName === null && knownName(c.customerId) === undefined) {
    void fetchName(c.customerId).then((name) => {
      const live = inbox.items.find((i) => i.conversationId === c.conversationId);
      if (live) live.customerDisplayName = name;
    });
  }
  if (!inbox.selectedId) inbox.selectedId = c.conversationId;
}

/** `interaction.created`: the preview, and an unread mark unless the agent is looking at it. */
export function applyInteraction(i: Interaction, created: boolean): void {
  const last: LastInteraction = {
    interactionId: i.interactionId,
    channel: i.channel,
    direction: i.direction,
    kind: i.kind,
    occurredAt: i.occurredAt,
    preview: (i.text ?? '').replace(/\s+/g, ' ').trim().slice(0, 160) || null,
  };
  const known = latest.get(i.conversationId) ?? null;
  latest.delete(i.conversationId);
  latest.set(i.conversationId, newer(known, last) ?? last);
  // Bounded over a long shift: the oldest entries are the least likely to be needed.
  if (latest.size > LATEST_MAX) latest.delete(latest.keys().next().value!);
  const item = inbox.items.find((x) => x.conversationId === i.conversationId);
  if (item) item.lastInteraction = newer(item.lastInteraction, last);
  if (created && i.direction === 'inbound' && i.conversationId !== inbox.openId) {
    inbox.unread[i.conversationId] = (inbox.unread[i.conversationId] ?? 0) + 1;
    saveUnread();
  }
}

function newer(a: LastInteraction | null, b: LastInteraction | null): LastInteraction | null {
  if (!a) return b;
  if (!b) return a;
  return b.occurredAt >= a.occurredAt ? b : a;
}

export function markRead(conversationId: string): void {
  if (inbox.unread[conversationId]) {
    delete inbox.unread[conversationId];
    saveUnread();
  }
}

export function moveSelection(step: number): void {
  const rows = visibleItems.value;
  if (rows.length === 0) return;
  const at = rows.findIndex((i) => i.conversationId === inbox.selectedId);
  const next = Math.min(rows.length - 1, Math.max(0, at < 0 ? 0 : at + step));
  inbox.selectedId = rows[next]!.conversationId;
}

export function setFilter(view: StatusView, channel: Channel | ''): void {
  inbox.view = view;
  inbox.channel = channel;
  void loadInbox();
}
