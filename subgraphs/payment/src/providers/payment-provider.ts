// The strategy every payment provider implements. A provider accepts or refuses a charge at once;
// whether an accepted charge succeeds it tells later, in a signed webhook (webhooks/).

export interface ChargeRequest {
  /** Our payment's id: the provider echoes it in its webhooks. */
  paymentId: string;
  /** Integer minor units of currencyCode, always the order's own total. */
  amountMinor: number;
  currencyCode: string;
  /** The client's payment method token; never logged or stored. */
  token: string;
  /** The provider charges at most once per key, however often it is asked. */
  idempotencyKey: string;
}

export interface RefundRequest {
  providerRef: string;
  amountMinor: number;
  /** The provider refunds at most once per key, however often it is asked (`refund:<paymentId>`). */
  idempotencyKey: string;
}

export interface PaymentProvider {
  /** Stored on each payment and part of the webhook path: `/webhooks/<name>`. */
  readonly name: string;
  /** Accepts the charge (the outcome follows by webhook) or throws ChargeRefused. */
  charge(request: ChargeRequest): Promise<{ providerRef: string }>;
  refund(request: RefundRequest): Promise<{ refundRef: string }>;
}

/** The provider refused the charge outright: nothing was charged and no webhook follows. */
export class ChargeRefused extends Error {
  constructor(
    /** A user error code, e.g. INVALID_PAYMENT_METHOD. */
    readonly failureCode: string,
    message: string,
  ) {
    super(message);
    this.name = "ChargeRefused";
  }
}

/** The providers this process knows, by name; the first is the one new payments use. */
export class ProviderRegistry {
  private readonly byName: Map<string, PaymentProvider>;

  constructor(readonly providers: [PaymentProvider, ...PaymentProvider[]]) {
    this.byName = new Map(providers.map((provider) => [provider.name, provider]));
  }

  get default(): PaymentProvider {
    return this.providers[0];
  }

  get(name: string): PaymentProvider | undefined {
    return this.byName.get(name);
  }
}
