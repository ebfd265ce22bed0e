/** An Int32Array that grows by doubling: millions of ints without an array of JS numbers. */
export class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  /** A copy of exactly the values pushed. */
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}
