/**
 * A compact, immutable multimap from 32-bit keys to small non-negative integers (< 2^21), stored
 * as one sorted Float64Array: each entry is `key * 2^21 + value`, exact in a double. Eight bytes
 * per entry and no per-entry objects, so indexes over a million vehicles stay in the tens of MB.
 */

const VALUE_SPACE = 2 ** 21;

const MAX_PACKED_VALUE = VALUE_SPACE - 1;

export class PackedMultiMapBuilder {
  private entries = new Float64Array(1024);
  private length = 0;

  add(key: number, value: number): void {
    if (value < 0 || value > MAX_PACKED_VALUE || !Number.isInteger(value))
      throw new RangeError('Packed value out of range');
    if (this.length === this.entries.length) {
      const grown = new Float64Array(this.entries.length * 2);
      grown.set(this.entries);
      this.entries = grown;
    }
    this.entries[this.length++] = (key >>> 0) * VALUE_SPACE + value;
  }

  build(): PackedMultiMap {
    const entries = this.entries.slice(0, this.length).sort();
    this.entries = new Float64Array(0);
    return new PackedMultiMap(entries);
  }
}

export class PackedMultiMap {
  constructor(private readonly entries: Float64Array) {}

  get size(): number {
    return this.entries.length;
  }

  get byteLength(): number {
    return this.entries.byteLength;
  }

  /** Values stored under `key`, in ascending order. */
  get(key: number): number[] {
    const low = (key >>> 0) * VALUE_SPACE;
    const high = low + VALUE_SPACE;
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.entries[mid] as number) < low) lo = mid + 1;
      else hi = mid;
    }
    const values: number[] = [];
    for (let i = lo; i < this.entries.length && (this.entries[i] as number) < high; i++) {
      values.push((this.entries[i] as number) - low);
    }
    return values;
  }

  count(key: number): number {
    return this.get(key).length;
  }
}
