// One subscriber's live cart. It is what graphql-ws iterates: each `next()` waits until something
// the subscriber watches changed, runs their selection as a query, and yields the answer. Signals
// that arrive while a query runs or while the socket is still sending are folded into one look
// after it, so a slow reader costs one held signal, never a queue. Price and rule changes are
// pushed only when they changed the answer; a rule change is looked at once more after a moment,
// since the pricing processes apply it as they read it from their own stream.
import type { ExecutionResult } from "graphql";
import type { CartUpdatePlan, WatchedCart } from "./cart-update-operation.js";
import type { LiveCartHub, SignalListener } from "./live-cart-hub.js";
import type { LiveCartSignal } from "./live-cart-signals.js";

/** The cause of the first push: the cart as it is when the subscription starts (and after a reconnect). */
export const SUBSCRIBED = "SUBSCRIBED";

// Redis confirms a SUBSCRIBE in a millisecond; while it is away a push does not wait on it longer.
const SUBSCRIBE_WAIT_MS = 2_000;

export interface LiveCartSubscriptionOptions {
  plan: CartUpdatePlan;
  /** Runs the plan's query as the subscriber, through the gateway. */
  run: (plan: CartUpdatePlan) => Promise<ExecutionResult>;
  hub: LiveCartHub;
  /** How long after a rule change the quote is looked at once more. */
  rulesSettleMs: number;
  onPush?: (cause: string) => void;
  /** A price or rule change looked at that did not change what the subscriber sees. */
  onUnchanged?: () => void;
  onClose?: () => void;
}

export class LiveCartSubscription implements AsyncIterableIterator<ExecutionResult>, SignalListener {
  private pending: LiveCartSignal | null = { cause: SUBSCRIBED, ifChanged: false };
  private wake: (() => void) | null = null;
  private closed = false;
  private lastAnswer: string | null = null;
  private channels = new Set<string>();
  private readonly settleTimers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: LiveCartSubscriptionOptions) {
    void this.watch(options.hub.rules);
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  signal(signal: LiveCartSignal) {
    if (this.closed) return;
    // A push that must happen wins over one that may; the newest cause names it.
    this.pending = !this.pending || this.pending.ifChanged || !signal.ifChanged ? signal : this.pending;
    if (signal.settle && this.options.rulesSettleMs > 0) {
      const timer = setTimeout(() => {
        this.settleTimers.delete(timer);
        this.signal({ ...signal, settle: false });
      }, this.options.rulesSettleMs);
      timer.unref();
      this.settleTimers.add(timer);
    }
    this.wake?.();
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    while (!this.closed) {
      if (!this.pending) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      const signal = this.pending;
      this.pending = null;
      const answered = await this.options.run(this.options.plan);
      const { result, watched } = this.options.plan.assemble(signal.cause, answered);
      if (this.closed) break;
      if (watched) await this.follow(watched);
      // What the subscriber sees, whatever the cause that made us look.
      const answer = JSON.stringify(answered);
      if (signal.ifChanged && answer === this.lastAnswer) {
        this.options.onUnchanged?.();
        continue;
      }
      this.lastAnswer = answer;
      this.options.onPush?.(signal.cause);
      return { value: result, done: false };
    }
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    if (!this.closed) {
      this.closed = true;
      for (const timer of this.settleTimers) clearTimeout(timer);
      for (const channel of this.channels) this.options.hub.unwatch(channel, this);
      this.channels.clear();
      this.wake?.();
      this.options.onClose?.();
    }
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
    await this.return();
    throw error;
  }

  /**
   * Listens on the channels of the cart the answer came from and of its products, and waits (a
   * little, at most) until Redis has them: once a subscriber has a push, the changes after it reach them.
   */
  private async follow(watched: WatchedCart) {
    const { hub } = this.options;
    const wanted = new Set([hub.rules, hub.channelOf({ kind: "cart", id: watched.cartId }), ...watched.productIds.map((id) => hub.channelOf({ kind: "product", id }))]);
    for (const channel of this.channels) if (!wanted.has(channel)) this.unwatchChannel(channel);
    const subscribing = [...wanted].map((channel) => this.watch(channel));
    await hub.subscribedWithin(subscribing, SUBSCRIBE_WAIT_MS);
  }

  private watch(channel: string): Promise<void> {
    if (this.channels.has(channel)) return Promise.resolve();
    this.channels.add(channel);
    return this.options.hub.watch(channel, this);
  }

  private unwatchChannel(channel: string) {
    this.channels.delete(channel);
    this.options.hub.unwatch(channel, this);
  }

}
