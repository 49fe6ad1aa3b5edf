import type { SeedTarget } from './seed'

/** A past year of records at the scale of the seed reports (being written: see issue 8). */
export async function seedDemoYear(target: SeedTarget, now = new Date()): Promise<Record<string, number>> {
  void target
  void now
  return {}
}
