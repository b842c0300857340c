import { dec, decInto, enc, encAll, type Num } from "./state";

export interface SustainedShiftState {
  up: Num[];
  down: Num[];
  head: number;
  count: number;
  sumUp: Num;
  sumDown: Num;
}

/**
 * Mean excess over the last m points (the current one included), scaled by sqrt(m)
 * so that it is on the same sigma scale as a single point's excess. Excesses are
 * signed distances past the expected value in sigmas, so in-band points pull the
 * mean down and only a run on one side adds up.
 */
export class SustainedShift {
  private readonly up: Float64Array;
  private readonly down: Float64Array;
  private head = 0;
  private count = 0;
  private sumUp = 0;
  private sumDown = 0;

  constructor(private readonly m: number) {
    this.up = new Float64Array(m - 1);
    this.down = new Float64Array(m - 1);
  }

  /** Statistic including a candidate current point; needs m-1 past points, else 0. */
  stat(upEx: number, downEx: number): { up: number; down: number } {
    if (this.count < this.m - 1) return { up: 0, down: 0 };
    const f = 1 / Math.sqrt(this.m);
    // Cap single points so one spike cannot masquerade as a sustained run.
    const cap = 2 * Math.sqrt(this.m);
    return {
      up: Math.max(0, (this.sumUp + Math.min(cap, upEx)) * f),
      down: Math.max(0, (this.sumDown + Math.min(cap, downEx)) * f),
    };
  }

  push(upEx: number, downEx: number): void {
    const cap = 2 * Math.sqrt(this.m);
    const u = Math.max(-cap, Math.min(cap, upEx));
    const d = Math.max(-cap, Math.min(cap, downEx));
    const len = this.m - 1;
    if (len === 0) return;
    if (this.count === len) {
      this.sumUp -= this.up[this.head];
      this.sumDown -= this.down[this.head];
    } else this.count++;
    this.up[this.head] = u;
    this.down[this.head] = d;
    this.sumUp += u;
    this.sumDown += d;
    this.head = (this.head + 1) % len;
  }

  save(): SustainedShiftState {
    return { up: encAll(this.up), down: encAll(this.down), head: this.head, count: this.count, sumUp: enc(this.sumUp), sumDown: enc(this.sumDown) };
  }

  load(s: SustainedShiftState): void {
    decInto(s.up, this.up);
    decInto(s.down, this.down);
    this.head = s.head;
    this.count = s.count;
    this.sumUp = dec(s.sumUp);
    this.sumDown = dec(s.sumDown);
  }
}
