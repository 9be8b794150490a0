// Sends the test provider's webhooks from its table, like a processor's delivery queue. Safe with
// any number of payment processes: each claims due rows with FOR UPDATE SKIP LOCKED and a lease
// (test-provider.store.ts), so a webhook goes to one process at a time, and one a dead process left
// half-sent is sent again once its lease runs out. A failed delivery is retried with backoff, then
// given up (the row stays, undelivered, for a look). Woken when a webhook is queued and when the
// next one falls due; a slow poll picks up what other processes queued.
import type { Logger } from "@trolley/http";
import { signWebhook, SIGNATURE_HEADER } from "../webhooks/webhook-signature.js";
import type { ClaimedWebhook, TestProviderStore } from "./test-provider.store.js";

export interface TestWebhookSenderSettings {
  /** Read at each delivery: a process started on port 0 knows its address only once it listens. */
  webhookUrl: () => string;
  webhookSecret: string;
  logger: Pick<Logger, "warn">;
  /** Delay before attempt 2, 3, ...; the webhook is given up after the last. */
  retryDelaysMs?: readonly number[];
  pollIntervalMs?: number;
  deliveryTimeoutMs?: number;
}

const DEFAULT_RETRY_DELAYS_MS = [100, 500, 2000, 10_000, 60_000];
const BATCH = 20;

export class TestWebhookSender {
  private readonly retryDelaysMs: readonly number[];
  private readonly pollIntervalMs: number;
  private readonly deliveryTimeoutMs: number;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly aborter = new AbortController();
  private poll?: ReturnType<typeof setInterval>;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly store: TestProviderStore,
    private readonly settings: TestWebhookSenderSettings,
  ) {
    this.retryDelaysMs = settings.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.pollIntervalMs = settings.pollIntervalMs ?? 1000;
    this.deliveryTimeoutMs = settings.deliveryTimeoutMs ?? 5000;
  }

  private get maxAttempts() {
    return this.retryDelaysMs.length + 1;
  }

  start(): void {
    this.poll = setInterval(() => this.kick(), this.pollIntervalMs).unref();
    this.kick();
  }

  /** A webhook was queued that falls due in `ms`. */
  wakeIn(ms: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.kick();
    }, ms);
    // A pending webhook alone never keeps a process alive; the server does.
    timer.unref();
    this.timers.add(timer);
  }

  /** Sends what is due now; a run already going takes one more turn instead of overlapping. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.sendDue()
      .catch((error) => this.settings.logger.warn("test provider could not send its webhooks", { error }))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Stops sending; a delivery in flight is cut, and its webhook is sent again after a restart. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.aborter.abort();
    await this.running;
  }

  private async sendDue(): Promise<void> {
    let claimed: ClaimedWebhook[];
    do {
      // The lease outlasts one delivery, so no other process sends it while this one still tries.
      claimed = await this.store.claimDue(BATCH, this.deliveryTimeoutMs * 2, this.maxAttempts);
      await Promise.all(claimed.map((webhook) => this.deliver(webhook)));
    } while (claimed.length === BATCH && !this.stopped);
    if (this.stopped) return;
    const next = await this.store.nextDueInMs(this.maxAttempts);
    // Sooner than the poll would look: a retry, or a webhook queued by another process.
    if (next !== null && next < this.pollIntervalMs) this.wakeIn(next + 5);
  }

  private async deliver(webhook: ClaimedWebhook): Promise<void> {
    let failure: string;
    try {
      const response = await fetch(this.settings.webhookUrl(), {
        method: "POST",
        // Signed at each attempt, like a real provider: the timestamp is the delivery's.
        headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signWebhook(webhook.payload, this.settings.webhookSecret) },
        body: webhook.payload,
        signal: AbortSignal.any([this.aborter.signal, AbortSignal.timeout(this.deliveryTimeoutMs)]),
      });
      await response.arrayBuffer();
      if (response.ok) return await this.store.markDelivered(webhook.id);
      failure = `HTTP ${response.status}`;
    } catch (error) {
      // Stopped: the lease runs out and the webhook is sent again, by this process after a restart or by another.
      if (this.aborter.signal.aborted) return;
      failure = (error as Error).message;
    }
    const retryIn = this.retryDelaysMs[webhook.attempts - 1];
    // Never the body: it names the payment, and the event id is all the log needs.
    this.settings.logger.warn("test provider could not deliver a webhook", { eventId: webhook.id, attempt: webhook.attempts, failure, willRetry: retryIn !== undefined });
    await this.store.markFailed(webhook.id, failure, retryIn ?? 0);
  }
}
