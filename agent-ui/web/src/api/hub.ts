import { request, withQuery } from './http';
import type {
  Channel,
  Agent,
  CannedResponse,
  Conversation,
  ConversationStatus,
  Customer,
  InboxItem,
  Interaction,
  LoginResponse,
  Offer,
  Page,
  Presence,
  QueueStats,
  SearchResult,
  User,
  UserChange,
  NewUser,
  WorkItem,
} from './types';

const enc = encodeURIComponent;

export const hubApi = {
  login: (login: string, password: string) =>
    request<LoginResponse>('POST', '/api/v1/auth/login', { login, password }),

  me: () => request<User>('GET', '/api/v1/me'),

  /** Answers with a fresh token: the change revokes every earlier one, this session's included. */
  changeMyPassword: (currentPassword: string, newPassword: string) =>
    request<LoginResponse>('POST', '/api/v1/me/password', { currentPassword, newPassword }),

  users: () => request<{ items: User[] }>('GET', '/api/v1/users'),

  createUser: (user: NewUser) => request<User>('POST', '/api/v1/users', user),

  updateUser: (login: string, change: UserChange) =>
    request<User>('PATCH', `/api/v1/users/${enc(login)}`, change),

  inbox: (filter: {
    view?: 'mine' | 'queues' | 'all';
    status?: ConversationStatus[];
    channel?: Channel[];
    cursor?: string | null;
    limit?: number;
  }) =>
    request<Page<InboxItem>>(
      'GET',
      withQuery('/api/v1/conversations', {
        view: filter.view,
        status: filter.status,
        channel: filter.channel,
        cursor: filter.cursor,
        limit: filter.limit ?? 50,
      }),
    ),

  conversation: (id: string) => request<Conversation>('GET', `/api/v1/conversations/${enc(id)}`),

  setStatus: (id: string, status: ConversationStatus) =>
    request<Conversation>('POST', `/api/v1/conversations/${enc(id)}/status`, { status }),

  customer: (id: string) => request<Customer>('GET', `/api/v1/customers/${enc(id)}`),

  timeline: (customerId: string, cursor: string | null, limit = 30) =>
    request<Page<Interaction>>(
      'GET',
      withQuery(`/api/v1/customers/${enc(customerId)}/timeline`, { cursor, limit }),
    ),

  merge: (targetId: string, sourceCustomerId: string) =>
    request<Customer>('POST', `/api/v1/customers/${enc(targetId)}/merge`, { sourceCustomerId }),

  search: (q: string, cursor: string | null, channel: Channel[] = []) =>
    request<SearchResult>('GET', withQuery('/api/v1/search', { q, cursor, channel, limit: 20 })),

  reply: (
    conversationId: string,
    body: { text: string; channel?: Channel; subject?: string; note?: boolean },
  ) => request<Interaction>('POST', `/api/v1/conversations/${enc(conversationId)}/replies`, body),

  myWork: () => request<Agent>('GET', '/api/v1/agents/me'),

  setPresence: (presence: Exclude<Presence, 'wrap_up'>) =>
    request<Agent>('PUT', '/api/v1/agents/me/presence', { presence }),

  agents: () => request<{ items: Agent[] }>('GET', '/api/v1/agents'),

  accept: (conversationId: string) =>
    request<WorkItem>('POST', `/api/v1/conversations/${enc(conversationId)}/accept`),

  decline: (conversationId: string) =>
    request<WorkItem>('POST', `/api/v1/conversations/${enc(conversationId)}/decline`),

  queueStats: () => request<QueueStats>('GET', '/api/v1/queues/stats'),

  queue: (name: string) =>
    request<{ queue: Record<string, unknown>; items: WorkItem[] }>(
      'GET',
      `/api/v1/queues/${enc(name)}`,
    ),

  cannedResponses: () => request<{ items: CannedResponse[] }>('GET', '/api/v1/canned-responses'),

  offerAccepted: (offer: Offer) =>
    request<unknown>('POST', `/api/v1/offers/${enc(offer.offerId)}/accept`, offerAnswer(offer)),

  offerDeclined: (offer: Offer, reason: string) =>
    request<unknown>('POST', `/api/v1/offers/${enc(offer.offerId)}/decline`, {
      ...offerAnswer(offer),
      reason,
    }),

  /** Fire and forget: a hub without the endpoint (404) or a failed call changes nothing. */
  typing: (conversationId: string) =>
    signal(`/api/v1/conversations/${enc(conversationId)}/typing`),

  read: (conversationId: string) => signal(`/api/v1/conversations/${enc(conversationId)}/read`),
};

function offerAnswer(offer: Offer): { customerId: string; conversationId?: string } {
  return offer.conversationId
    ? { customerId: offer.customerId, conversationId: offer.conversationId }
    : { customerId: offer.customerId };
}

function signal(path: string): void {
  void request<unknown>('POST', path, {}).catch(() => undefined);
}
