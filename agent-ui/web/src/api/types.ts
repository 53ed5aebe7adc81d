// The shapes of docs/openapi.yaml that the app reads. Only what the screens use is typed.

export type Channel =
  | 'email'
  | 'webchat'
  | 'phone'
  | 'whatsapp'
  | 'messenger'
  | 'instagram'
  | 'telegram';

export type ConversationStatus = 'open' | 'pending' | 'resolved';
export type Direction = 'inbound' | 'outbound';
export type Role = 'agent' | 'supervisor' | 'admin';

export interface User {
  login: string;
  displayName: string;
  role: Role;
  email?: string | null;
  extension?: string | null;
  createdAt?: string;
  /** A disabled user cannot log in; only the user list says so. */
  disabled?: boolean;
}

/** POST /api/v1/users. */
export interface NewUser {
  login: string;
  password: string;
  displayName: string;
  role: Role;
  email?: string;
  extension?: string;
}

/** PATCH /api/v1/users/{login}: absent fields stay as they are, null removes email or extension. */
export interface UserChange {
  displayName?: string;
  role?: Role;
  email?: string | null;
  extension?: string | null;
  password?: string;
  disabled?: boolean;
}

export interface LoginResponse {
  accessToken: string;
  expiresIn: number;
  user: User;
}

export interface Identity {
  type: string;
  value: string;
  verified?: boolean;
}

export interface Customer {
  customerId: string;
  displayName: string | null;
  identities: Identity[];
  createdAt: string;
  mergedInto: string | null;
  attributes: Record<string, unknown>;
}

export interface Attachment {
  id: string | null;
  filename: string;
  contentType: string;
  size: number;
  url: string | null;
  inline: boolean;
}

export interface CallNote {
  at?: string;
  author?: string | null;
  text: string;
}

export interface CallRecord {
  state?: string;
  direction?: Direction;
  from?: string | null;
  to?: string | null;
  queue?: string | null;
  answeredBy?: string | null;
  startedAt?: string;
  durationSeconds?: number | null;
  waitSeconds?: number | null;
  cause?: string | null;
  notes?: (CallNote | string)[];
}

export interface Interaction {
  interactionId: string;
  seq?: number;
  channel: Channel;
  direction: Direction;
  kind: string;
  occurredAt: string;
  customerId: string;
  conversationId: string;
  identities?: Identity[];
  subject?: string | null;
  text?: string | null;
  html?: string | null;
  attachments?: Attachment[];
  automated?: boolean;
  extras?: { call?: CallRecord; remoteImagesBlocked?: number; [key: string]: unknown };
}

export interface Conversation {
  conversationId: string;
  customerId: string;
  status: ConversationStatus;
  channels: Channel[];
  subject: string | null;
  createdAt: string;
  lastActivityAt: string;
  interactionCount: number;
}

export interface LastInteraction {
  interactionId: string;
  channel: Channel;
  direction: Direction;
  kind: string;
  occurredAt: string;
  preview: string | null;
}

export interface InboxItem extends Conversation {
  customerDisplayName: string | null;
  lastInteraction: LastInteraction | null;
  /** The routing queue the conversation waits in; null when it does not wait. */
  queue?: string | null;
  /** Agents it is assigned to / offered to; absent on rows built from live events. */
  assignedTo?: string[];
  offeredTo?: string[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface SearchHit {
  interactionId: string;
  customerId: string;
  conversationId: string;
  channel: Channel;
  direction: Direction;
  kind: string;
  occurredAt: string;
  subject: string | null;
  snippet: string | null;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  facets: { channel: Partial<Record<Channel, number>> };
  nextCursor: string | null;
}

/** A `screen_pop` frame: a call ringing for this agent. */
export interface ScreenPop {
  callId: string;
  state: string;
  from?: string | null;
  to?: string | null;
  queue?: string | null;
  number?: string | null;
  withheld: boolean;
  unknownCaller: boolean;
  customer: Customer | null;
  conversations: Conversation[];
  history: Interaction[];
  answeredBy?: string | null;
  offers?: Offer[];
}

export interface StreamFrame {
  type: string;
  payload?: unknown;
  [key: string]: unknown;
}

export type Presence = 'available' | 'away' | 'offline' | 'wrap_up';

/** A conversation (or tracked call) in routing. */
export interface WorkItem {
  id: string;
  conversationId: string;
  customerId: string;
  channel: Channel;
  call: boolean;
  queue: string;
  state: 'waiting' | 'offered' | 'assigned' | 'closed';
  enqueuedAt: string;
  agent: string | null;
  offerExpiresAt: string | null;
  answeredAt: string | null;
  firstResponseDue: string | null;
  resolutionDue: string | null;
  reason?: string;
}

export interface Agent {
  login: string;
  presence: Presence;
  presenceSince?: string;
  skills?: string[];
  capacity?: Record<string, number>;
  load?: Record<string, number>;
  /** The queues the agent serves. */
  queues?: string[];
  wrapUp?: { queue: string; channel: Channel; until: string } | null;
  work?: WorkItem[];
}

export interface Figures {
  channel?: Channel;
  waiting: number;
  longestWaitSeconds: number;
  answered: number;
  answeredInThreshold: number;
  abandoned: number;
  shortAbandoned: number;
  handled: number;
  serviceLevelPercent: number | null;
  averageSpeedOfAnswerSeconds: number | null;
  abandonRatePercent: number | null;
  averageHandleSeconds: number | null;
}

export interface AgentCounts {
  available: number;
  busy: number;
  wrap_up: number;
  away: number;
  offline: number;
  occupancyPercent: number | null;
}

export interface QueueFigures {
  queue: string;
  serviceLevelSeconds: number;
  serviceLevelTargetPercent: number;
  total: Figures;
  channels: Figures[];
  agents: AgentCounts;
}

export interface QueueStats {
  at: string;
  windowSeconds: number;
  queues: QueueFigures[];
  channels: Figures[];
  agents: AgentCounts;
}

/** An offer rule's proposal for the customer in front of the agent (schema Offer). */
export interface Offer {
  offerId: string;
  name: string;
  script: string;
  priority?: number;
  expectedValue?: number | null;
  trigger?: string;
  channel?: Channel | null;
  customerId: string;
  conversationId?: string | null;
  callId?: string | null;
  presentedAt?: string;
}

export interface CannedResponse {
  shortcut: string;
  title: string;
  text: string;
}
