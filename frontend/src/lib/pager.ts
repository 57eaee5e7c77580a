// Cursor pagination: the server only knows "next"; going back means remembering the
// cursor that produced each earlier page.

export class CursorPager {
  // cursors[i] is the cursor that loads page i; page 0 is loaded with null.
  private cursors: (string | null)[] = [null];
  private nextCursor: string | null = null;

  get page(): number {
    return this.cursors.length - 1;
  }

  get current(): string | null {
    return this.cursors[this.cursors.length - 1] ?? null;
  }

  get hasNext(): boolean {
    return this.nextCursor !== null;
  }

  get hasPrevious(): boolean {
    return this.cursors.length > 1;
  }

  /** Record the server's next_cursor for the page just loaded. */
  loaded(nextCursor: string | null): void {
    this.nextCursor = nextCursor;
  }

  /** Move forward; returns the cursor to load, or null when there is no next page. */
  next(): string | null {
    if (this.nextCursor === null) return null;
    this.cursors.push(this.nextCursor);
    this.nextCursor = null;
    return this.current;
  }

  /** Move back one page; returns the cursor to load (null is the first page). */
  previous(): string | null {
    if (this.cursors.length > 1) this.cursors.pop();
    this.nextCursor = null;
    return this.current;
  }

  /** Start over from the first page, as after a filter change. */
  reset(): void {
    this.cursors = [null];
    this.nextCursor = null;
  }
}

/** "Streams 51–100 of 312 · page 2 of 7", or "of 1,000+" when the total is a lower bound. */
export function pageSummary(
  page: number,
  rowsOnPage: number,
  pageSize: number,
  total: { total: number; exact: boolean } | undefined,
  locale?: string,
): string {
  const number = (n: number) => n.toLocaleString(locale);
  const first = page * pageSize + 1;
  const last = page * pageSize + rowsOnPage;
  const range = rowsOnPage === 0 ? "No streams" : `Streams ${number(first)}–${number(last)}`;
  if (!total) return `${range} · page ${number(page + 1)}`;
  if (!total.exact) return `${range} of ${number(total.total)}+ · page ${number(page + 1)}`;
  const pages = Math.max(1, Math.ceil(total.total / pageSize));
  return `${range} of ${number(total.total)} · page ${number(page + 1)} of ${number(pages)}`;
}
