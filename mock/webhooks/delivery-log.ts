/**
 * Fixed-capacity log, oldest evicted first, with an id index so lookups stay O(1) no matter how
 * many deliveries a benchmark pushes through.
 */
export class RingLog<T extends { readonly delivery_id: string }> {
  private readonly items: Array<T | undefined>;
  private readonly byId = new Map<string, T>();
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`log capacity must be a positive integer, got ${capacity}`);
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count < this.capacity) {
      this.items[(this.start + this.count) % this.capacity] = item;
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

  *newestFirst(): Generator<T> {
    for (let i = this.count - 1; i >= 0; i--) {
      const item = this.items[(this.start + i) % this.capacity];
      if (item) yield item;
    }
  }
}
