/**
 * Alarm hygiene without a threshold: a point opens an incident only when its excess
 * clearly beats the recent excesses, remembered with an exponential decay. The
 * points of one incident (a plateau after a jump, the shoulders of a spike, a ramp)
 * therefore alarm once, at the onset, at every sensitivity, and the exported score
 * ranks onsets above their continuations. The decay lets a later, separate incident
 * of similar size alarm again.
 */
export class OnsetTracker {
  private memory = 0;
  private readonly decay: number;

  constructor(halfLifePoints: number, private readonly escalation: number) {
    this.decay = Math.pow(0.5, 1 / Math.max(1, halfLifePoints));
  }

  recentMax(): number {
    return this.memory;
  }

  isOnset(z: number): boolean {
    return z > 0 && z > this.escalation * this.memory;
  }

  push(z: number): void {
    this.memory = Math.max(this.memory * this.decay, z);
  }
}
