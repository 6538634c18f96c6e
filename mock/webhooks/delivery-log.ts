/**
 * Fixed-capacity log, oldest evicted first, with an id index so lookups stay O(1) no matter how
 * many deliveries a benchmark pushes through. Its storage grows with use up to the capacity: a
 * tenant with one delivery holds one slot, not a thousand.
 */
export class RingLog<T extends { readonly delivery_id: string }> {
  private readonly items: Array<T | undefined>;
  private readonly byId = new Map<string, T>();
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`log capacity must be a positive integer, got ${capacity}`);
    this.items = [];
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count < this.capacity) {
      // start stays 0 until the log is full, so the next free slot is the end of the array.
      this.items.push(item);
      this.count++;
    } else {
      const evicted = this.items[this.start];
      if (evicted) this.byId.delete(evicted.delivery_id);
      this.items[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
    }
    this.byId.set(item.delivery_id, item);
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  /** Slots actually allocated. */
  get allocated(): number {
    return this.items.length;
  }

  *newestFirst(): Generator<T> {
    for (let i = this.count - 1; i >= 0; i--) {
      const item = this.items[(this.start + i) % this.capacity];
      if (item) yield item;
    }
  }
}
