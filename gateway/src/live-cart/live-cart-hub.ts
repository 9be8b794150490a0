// One process's side of the live cart's pub/sub: it listens on the channels of the carts and
// products its subscribers watch (counted, so a channel is left when its last watcher goes) and
// hands each message to those watchers. Handing over never waits on a subscriber: each decides for
// itself when to look again (live-cart-subscription.ts), so a slow one holds up nobody.
import type { RedisClient } from "@trolley/outbox";
import type { Logger } from "@trolley/http";
import { channelOf, type LiveCartSignal, type SignalTarget } from "./live-cart-signals.js";

export interface SignalListener {
  signal(signal: LiveCartSignal): void;
}

export class LiveCartHub {
  private readonly listeners = new Map<string, Set<SignalListener>>();
  /** Each channel's SUBSCRIBE, settled once Redis confirmed it. */
  private readonly subscribed = new Map<string, Promise<void>>();
  private readonly rulesChannel: string;

  constructor(
    /** A connection of its own: a subscribed connection can do nothing else. */
    private readonly subscriber: RedisClient,
    private readonly db: number,
    private readonly logger: Logger,
  ) {
    this.rulesChannel = channelOf(db, { kind: "rules" });
    subscriber.on("message", (channel: string, message: string) => this.deliver(channel, message));
  }

  channelOf(target: SignalTarget): string {
    return channelOf(this.db, target);
  }

  /** Starts handing `listener` the messages of `channel`; resolves once Redis confirmed the channel. */
  watch(channel: string, listener: SignalListener): Promise<void> {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      this.subscribed.set(channel, this.subscribe(channel));
    }
    set.add(listener);
    return this.subscribed.get(channel)!;
  }

  /** Waits for these subscriptions, but no longer than `ms` (while Redis is away they wait for it). */
  async subscribedWithin(subscriptions: Promise<void>[], ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(subscriptions), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }

  unwatch(channel: string, listener: SignalListener) {
    const set = this.listeners.get(channel);
    if (!set?.delete(listener) || set.size > 0) return;
    this.listeners.delete(channel);
    this.subscribed.delete(channel);
    this.subscriber.unsubscribe(channel).catch(() => {});
  }

  /** Every subscriber hears of rule changes: one channel for all of them. */
  get rules(): string {
    return this.rulesChannel;
  }


  private async subscribe(channel: string): Promise<void> {
    // The subscriber's connection queues commands while Redis is away, and ioredis subscribes
    // again to every channel it holds whenever it reconnects.
    await this.subscriber.subscribe(channel).then(
      () => undefined,
      (error: Error) => this.logger.warn("live cart channel not subscribed", { channel, error: error.message }),
    );
  }

  private deliver(channel: string, message: string) {
    const set = this.listeners.get(channel);
    if (!set) return;
    let signal: LiveCartSignal;
    try {
      signal = JSON.parse(message) as LiveCartSignal;
    } catch {
      return;
    }
    for (const listener of set) listener.signal(signal);
  }
}
