import { ref } from 'vue';
import type { StreamFrame } from '../api/types';
import { reconnectDelay } from './backoff';

export type StreamState = 'offline' | 'connecting' | 'live' | 'reconnecting';

type Handler = (payload: unknown, frame: StreamFrame) => void;

/**
 * What listeners must read again: `everything`, or only the state of addressed events (work,
 * pops, stats), which the hub does not replay, after it replayed the missed content events.
 */
export type CatchUp = 'everything' | 'addressed';

/** Which conversations' events this connection wants: the inbox tab and the open conversation. */
export interface StreamFilter {
  conversations: 'mine' | 'queues' | 'all';
  watch: string[];
}

/**
 * The live event stream (`/api/v1/stream`). Reconnects with backoff when the connection drops,
 * resuming after the last seq it saw (`?after=`): the hub first sends the content events we missed,
 * then live ones; listeners then re-read only what addressed events (not replayed) keep. When the
 * hub cannot do that (`stream.reset`: we were away too long, or a hub without resume), and when it
 * dropped events for us (`lagged`), listeners re-read everything over the REST API.
 */
export class LiveStream {
  readonly state = ref<StreamState>('offline');
  private socket: WebSocket | null = null;
  private token: string | null = null;
  private attempt = 0;
  private timer: number | undefined;
  private everConnected = false;
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly catchUpHandlers = new Set<(what: CatchUp) => void>();
  private helloSeen = false;
  private outageUntil = 0;
  private filter: StreamFilter | null = null;
  /** The seq of the newest log record whose events we got (or the hello's); null before any. */
  private lastSeq: number | null = null;
  /** Whether the current connection asked to resume after lastSeq. */
  private resuming = false;
  private helloSeq: number | null = null;
  /**
   * Whether the hub confirmed the last filter (it echoes the frame). A hub that does not know
   * the frame answers with an error or nothing, and keeps sending everything; the inbox then
   * gains rows beyond its tab as events arrive (the hub narrows the inbox pages by tab too).
   */
  readonly filterConfirmed = ref(false);

  /**
   * Called when a connection closed before the hub said hello: the browser does not tell why a
   * WebSocket upgrade failed, so the app checks whether the token is still good.
   */
  onRefused: () => void = () => {};

  start(token: string): void {
    this.stop();
    this.token = token;
    this.everConnected = false;
    this.lastSeq = null;
    this.open();
  }

  stop(): void {
    this.token = null;
    window.clearTimeout(this.timer);
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'logout');
    this.state.value = 'offline';
  }

  on(type: string, handler: Handler): () => void {
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  /** Sends the filter now if connected, and again after every reconnect. */
  setFilter(filter: StreamFilter): void {
    const same =
      this.filter !== null &&
      this.filter.conversations === filter.conversations &&
      this.filter.watch.join('\n') === filter.watch.join('\n');
    this.filter = { conversations: filter.conversations, watch: [...filter.watch] };
    if (!same) this.sendFilter();
  }

  private sendFilter(): void {
    this.filterConfirmed.value = false;
    if (!this.filter || !this.helloSeen || this.socket?.readyState !== WebSocket.OPEN) return;
    this.socket.send(JSON.stringify({ type: 'stream.filter', ...this.filter }));
  }

  /** Called after a reconnect or lag, with what the screen must fetch again. */
  onCatchUp(handler: (what: CatchUp) => void): () => void {
    this.catchUpHandlers.add(handler);
    return () => this.catchUpHandlers.delete(handler);
  }

  /**
   * Closes the socket as a network failure would; the stream reconnects by itself, not before
   * `outageMs` (an outage that long, so whatever happens meanwhile is missed and caught up).
   */
  simulateDrop(outageMs = 0): void {
    this.outageUntil = Date.now() + outageMs;
    this.socket?.close(4000, 'dropped on purpose');
  }

  private open(): void {
    if (!this.token) return;
    this.state.value = this.everConnected ? 'reconnecting' : 'connecting';
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const query = new URLSearchParams({ access_token: this.token });
    this.resuming = this.everConnected && this.lastSeq !== null;
    if (this.resuming) {
      query.set('after', String(this.lastSeq));
      // The missed events are chosen by this filter: the one sent after hello comes too late.
      if (this.filter) {
        query.set('conversations', this.filter.conversations);
        if (this.filter.watch.length > 0) query.set('watch', this.filter.watch.join(','));
      }
    }
    const url = `${scheme}://${location.host}/api/v1/stream?${query.toString()}`;
    const socket = new WebSocket(url);
    this.socket = socket;
    this.helloSeen = false;
    socket.onmessage = (event) => {
      if (this.socket !== socket || typeof event.data !== 'string') return;
      this.receive(event.data);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (!this.helloSeen) this.onRefused();
      this.scheduleReconnect();
    };
  }

  private receive(data: string): void {
    let frame: StreamFrame;
    try {
      frame = JSON.parse(data) as StreamFrame;
    } catch {
      return;
    }
    if (frame.type === 'hello') {
      const reconnected = this.everConnected;
      const seq = typeof frame.seq === 'number' ? frame.seq : null;
      // A hub that does not say its seq did not resume either.
      const resumed = this.resuming && seq !== null;
      this.helloSeen = true;
      this.everConnected = true;
      this.attempt = 0;
      this.state.value = 'live';
      this.helloSeq = seq;
      if (!resumed) this.lastSeq = seq;
      this.sendFilter();
      if (reconnected) this.catchUp(resumed ? 'addressed' : 'everything');
      return;
    }
    if (frame.type === 'stream.reset') {
      // Nothing missed is coming: start over from this connection's beginning.
      this.lastSeq = this.helloSeq;
      this.catchUp('everything');
      return;
    }
    if (frame.type === 'stream.filter') {
      this.filterConfirmed.value = true;
      return;
    }
    if (frame.type === 'error') {
      // Most likely a hub that does not know stream.filter yet; nothing to do but carry on.
      return;
    }
    if (frame.type === 'lagged') {
      this.catchUp('everything');
      return;
    }
    if (typeof frame.seq === 'number' && (this.lastSeq === null || frame.seq > this.lastSeq)) {
      this.lastSeq = frame.seq;
    }
    this.handlers.get(frame.type)?.forEach((h) => h(frame.payload, frame));
  }

  private catchUp(what: CatchUp): void {
    this.catchUpHandlers.forEach((h) => h(what));
  }

  private scheduleReconnect(): void {
    if (!this.token) return;
    this.state.value = 'reconnecting';
    const delay = Math.max(reconnectDelay(this.attempt++), this.outageUntil - Date.now());
    this.timer = window.setTimeout(() => this.open(), delay);
  }
}

export const liveStream = new LiveStream();
