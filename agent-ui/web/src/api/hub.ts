import { request, withQuery } from './http';
import type {
  Channel,
  Conversation,
  ConversationStatus,
  Customer,
  InboxItem,
  Interaction,
  LoginResponse,
  Page,
  SearchResult,
  User,
} from './types';

const enc = encodeURIComponent;

export const hubApi = {
  login: (login: string, password: string) =>
    request<LoginResponse>('POST', '/api/v1/auth/login', { login, password }),

  me: () => request<User>('GET', '/api/v1/me'),

  inbox: (filter: {
    status?: ConversationStatus[];
    channel?: Channel[];
    cursor?: string | null;
    limit?: number;
  }) =>
    request<Page<InboxItem>>(
      'GET',
      withQuery('/api/v1/conversations', {
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
};
