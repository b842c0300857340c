// Demo websites and their hourly history (filled in by the website analytics work).
export async function seedDemoWebsites(opts: { acmeOrgId: string | null; hobbyOrgId: string | null; now: Date }): Promise<void> {
  void opts;
}
