// The frames of the web chat protocol (docs/webchat-protocol.md), as the widget sees them.

export interface ChatItem {
  type: 'message';
  seq: number;
  id: string;
  conversationId: string;
  from: 'visitor' | 'agent';
  text: string;
  at: string;
  agentName?: string;
  clientId?: string;
  state: 'sent' | 'delivered' | 'read';
}

export interface Welcome {
  type: 'welcome';
  visitorId: string;
  visitorToken: string;
  conversationId: string | null;
  identified: boolean;
  agentsAvailable: boolean;
  maxMessageChars: number;
  emailConfirmed: string | null;
  emailNeedsConfirmation: boolean;
}

export interface Ack {
  type: 'ack';
  clientId: string;
  id: string;
  offline: boolean;
}

export interface ChatError {
  type: 'error';
  clientId: string | null;
  code: string;
  detail: string;
}

export interface AgentTyping {
  type: 'typing';
  agentName: string;
}

export interface EmailCodeSent {
  type: 'email_code_sent';
  email: string;
}

export interface EmailConfirmed {
  type: 'email_confirmed';
  email: string;
  visitorToken: string;
}

export type ServerFrame =
  | ChatItem
  | Welcome
  | Ack
  | ChatError
  | AgentTyping
  | EmailCodeSent
  | EmailConfirmed
  | { type: 'pong' };

/** A message the visitor wrote that the hub has not acknowledged yet. */
export interface Pending {
  clientId: string;
  text: string;
  offline?: { name: string; email: string };
}
