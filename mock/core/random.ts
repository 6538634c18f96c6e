import { sha256Hex } from "./ids.js";

/**
 * Seeded randomness for the whole mock: a small sfc32 generator (fast enough for thousands of rows).
 * Data generation draws transactions from it, webhook back-off its jitter, faults their failure share;
 * faker (mock/data/rng.ts) is reserved for names and addresses.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  private constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    // sfc32 needs a few rounds before its output stops echoing the seed words.
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /** A generator determined only by `parts` (same parts, same sequence, forever). */
  static from(...parts: Array<string | number>): Rng {
    const h = sha256Hex(parts.join("\u0000"));
    return new Rng(
      parseInt(h.slice(0, 8), 16),
      parseInt(h.slice(8, 16), 16),
      parseInt(h.slice(16, 24), 16),
      parseInt(h.slice(24, 32), 16),
    );
  }

  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  real(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Index drawn with probability proportional to `weights[i]`. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** `n` decimal digits; the first is never 0 unless `leadingZero`. */
  digits(n: number, leadingZero = false): string {
    // Six digits per draw keeps long references (14-16 digits) to a few allocations.
    let s = leadingZero ? "" : String(this.int(1, 9));
    while (s.length < n) {
      const take = Math.min(6, n - s.length);
      s += String(this.int(0, 10 ** take - 1)).padStart(take, "0");
    }
    return s;
  }

  /** Skewed towards small values: most amounts are modest, a few are large. */
  skewed(min: number, max: number): number {
    const u = this.next();
    return min + (max - min) * u * u;
  }
}

/** A `[0, 1)` source determined only by `parts`: same parts, same draws, so runs repeat exactly. */
export function seededRandom(...parts: Array<string | number>): () => number {
  const rng = Rng.from(...parts);
  return () => rng.next();
}
