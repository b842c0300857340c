export interface Contribution {
  service: string;
  actual: number;
  expected: number;
}

export interface RankedContributor {
  service: string;
  amount: number;
  vs_expected: number;
}

function cents(x: number): number {
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? 0 : r;
}

/** Services that pushed spend above expectation, biggest excess first. */
export function rankContributors(
  items: Contribution[],
  opts: { minDelta?: number; limit?: number } = {},
): RankedContributor[] {
  const minDelta = opts.minDelta ?? 0;
  const ranked = items
    .filter((c) => Number.isFinite(c.actual) && Number.isFinite(c.expected) && c.actual - c.expected > minDelta)
    .map((c) => ({ service: c.service, amount: cents(c.actual), vs_expected: cents(c.actual - c.expected), raw: c.actual - c.expected }))
    // Ties broken by name so the list is stable between runs.
    .sort((a, b) => b.raw - a.raw || (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
  const limited = opts.limit !== undefined && opts.limit >= 0 ? ranked.slice(0, opts.limit) : ranked;
  return limited.map(({ service, amount, vs_expected }) => ({ service, amount, vs_expected }));
}
