/**
 * A first-come-first-served queue of (slot, ticket) pairs with lazy deletion: a child who leaves
 * the queue early is not searched for; its entry is skipped when it reaches the front because the
 * child's own ticket no longer matches (see waiting-list.ts).
 */
export class TicketQueue {
  private slots = new Int32Array(1024);
  private tickets = new Int32Array(1024);
  private head = 0;
  private tail = 0;
  /** tickets start at 1: 0 means no ticket */
  private nextTicket = 1;

  /** Queue a slot; returns the ticket it holds. */
  push(slot: number): number {
    if (this.tail === this.slots.length) this.compact();
    const ticket = this.nextTicket++;
    this.slots[this.tail] = slot;
    this.tickets[this.tail++] = ticket;
    return ticket;
  }

  get isEmpty(): boolean {
    return this.head === this.tail;
  }

  /** The slot at the front (call only when not empty). */
  frontSlot(): number {
    return this.slots[this.head];
  }

  /** The slots of the next `n` entries at most, front first (a view valid until the next push). */
  upcoming(n: number): Int32Array {
    return this.slots.subarray(this.head, Math.min(this.tail, this.head + n));
  }

  /** The ticket at the front (call only when not empty). */
  frontTicket(): number {
    return this.tickets[this.head];
  }

  /** Remove the front entry; returns its ticket. */
  shift(): number {
    return this.tickets[this.head++];
  }

  private compact(): void {
    const n = this.tail - this.head;
    let slots = this.slots;
    let tickets = this.tickets;
    if (n * 2 > slots.length) {
      slots = new Int32Array(slots.length * 2);
      tickets = new Int32Array(tickets.length * 2);
    }
    slots.set(this.slots.subarray(this.head, this.tail));
    tickets.set(this.tickets.subarray(this.head, this.tail));
    this.slots = slots;
    this.tickets = tickets;
    this.head = 0;
    this.tail = n;
  }
}
