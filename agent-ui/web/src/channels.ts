import type { Channel } from './api/types';

export const CHANNELS: readonly Channel[] = [
  'email',
  'webchat',
  'phone',
  'whatsapp',
  'messenger',
  'instagram',
  'telegram',
];

export const CHANNEL_LABEL: Record<Channel, string> = {
  email: 'Email',
  webchat: 'Web chat',
  phone: 'Phone',
  whatsapp: 'WhatsApp',
  messenger: 'Messenger',
  instagram: 'Instagram',
  telegram: 'Telegram',
};

/** Channels an agent can write on; a phone conversation is answered on another one. */
export const REPLY_CHANNELS: readonly Channel[] = CHANNELS.filter((c) => c !== 'phone');
