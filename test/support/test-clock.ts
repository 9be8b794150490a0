import type { Clock } from "@trolley/http";

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  private current: number;

  constructor(start = new Date()) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(date: Date): void {
    this.current = date.getTime();
  }
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
