/**
 * Counter-based pseudo-randomness and invertible permutations.
 *
 * Every synthetic value is a pure function of (seed, entity kind, entity index), so a vehicle can
 * be regenerated on demand instead of being stored: that is what keeps 1 000 000 vehicles cheap.
 * The permutations are bijections over [0, n) so identifiers (plates, kuid, VIN serials) can be
 * turned back into an entity index without any lookup table.
 */

/** A 32-bit avalanche mix (lowbias32). */
function mix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Hash of a small tuple of integers; stable across runs and platforms. */
export function hashInts(a: number, b: number, c = 0): number {
  return mix32(mix32(mix32(a ^ 0x9e3779b9) ^ b) + Math.imul(c, 0x85ebca6b));
}

/** FNV-1a over UTF-16 code units, finished with mix32. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** A sequential stream of draws for one entity. */
export class Rng {
  private state: number;
  private counter = 0;

  constructor(seed: number, kind: number, index: number) {
    this.state = hashInts(seed, kind, index);
  }

  /** Uniform unsigned 32-bit integer. */
  next(): number {
    this.counter++;
    return mix32(this.state + Math.imul(this.counter, 0x9e3779b9));
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** Picks by the `weight` of each item. */
  weighted<T extends { weight: number }>(items: readonly T[], totalWeight: number): T {
    let target = this.float() * totalWeight;
    for (const item of items) {
      target -= item.weight;
      if (target < 0) return item;
    }
    return items[items.length - 1] as T;
  }
}

/**
 * A keyed bijection on [0, size) built from a balanced Feistel network with cycle walking.
 * `forward` and `inverse` are each a handful of multiplications.
 */
export class Permutation {
  private readonly halfBits: number;
  private readonly mask: number;
  private readonly keys: number[];

  constructor(
    readonly size: number,
    seed: number,
    salt: number,
  ) {
    if (!Number.isInteger(size) || size < 1 || size > 2 ** 40) {
      throw new RangeError('Permutation size must be an integer in [1, 2^40]');
    }
    let bits = Math.max(2, Math.ceil(Math.log2(size)));
    if (bits % 2 === 1) bits++;
    this.halfBits = bits / 2;
    this.mask = 2 ** this.halfBits - 1;
    this.keys = [0, 1, 2, 3].map((round) => hashInts(seed, salt, round));
  }

  forward(value: number): number {
    let x = value;
    do x = this.encrypt(x);
    while (x >= this.size);
    return x;
  }

  inverse(value: number): number {
    let x = value;
    do x = this.decrypt(x);
    while (x >= this.size);
    return x;
  }

  private round(half: number, round: number): number {
    return mix32(half ^ (this.keys[round] as number)) & this.mask;
  }

  private split(value: number): [number, number] {
    const scale = 2 ** this.halfBits;
    return [Math.floor(value / scale), value % scale];
  }

  private encrypt(value: number): number {
    let [left, right] = this.split(value);
    for (let r = 0; r < 4; r++) {
      const next = (left ^ this.round(right, r)) >>> 0;
      left = right;
      right = next;
    }
    return left * 2 ** this.halfBits + right;
  }

  private decrypt(value: number): number {
    let [left, right] = this.split(value);
    for (let r = 3; r >= 0; r--) {
      const previous = (right ^ this.round(left, r)) >>> 0;
      right = left;
      left = previous;
    }
    return left * 2 ** this.halfBits + right;
  }
}
