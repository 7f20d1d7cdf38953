/** Figures, percentiles and the targets each benchmark part checks, printed together at the end of a run. */

export interface TargetCheck {
  what: string;
  measured: string;
  target: string;
  met: boolean;
}

export const targets: TargetCheck[] = [];

export function checkTarget(what: string, value: number, limit: number, unit: string): boolean {
  const met = value <= limit;
  targets.push({ what, measured: `${format(value)}${unit}`, target: `≤ ${format(limit)}${unit}`, met });
  return met;
}

/** Records that a target could not be checked in this run, and why. */
export function uncheckedTarget(what: string, target: string, why: string): void {
  targets.push({ what, measured: `not measured: ${why}`, target, met: false });
}

export function printTargets(): void {
  if (targets.length === 0) return;
  console.log('\nTargets');
  for (const t of targets) {
    console.log(`  ${t.met ? 'met   ' : 'MISSED'}  ${t.what}: ${t.measured} (target ${t.target})`);
  }
}

function format(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** The p-th percentile (0-100) by nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const ms = (value: number) => `${format(value)} ms`;
export const ratio = (value: number, base: number) => `${(value / base).toFixed(2)}x`;

export function section(title: string): void {
  console.log(`\n=== ${title} ===`);
}
