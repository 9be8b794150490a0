// Time as a service sees it. Injected where rules depend on it (expiry, abandonment) so tests can
// move it instead of sleeping.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
