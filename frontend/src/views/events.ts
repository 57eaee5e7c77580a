// Events the views raise for the panel.

/** Ask the panel to open a user's drill-down. */
export function showUser(from: HTMLElement, userId: string): void {
  from.dispatchEvent(
    new CustomEvent<{ userId: string }>("pg-show-user", {
      detail: { userId },
      bubbles: true,
      composed: true,
    }),
  );
}

/** Tell the panel the unacknowledged alert count changed. */
export function alertsChanged(from: HTMLElement, unacknowledged: number): void {
  from.dispatchEvent(
    new CustomEvent<{ unacknowledged: number }>("pg-alerts-changed", {
      detail: { unacknowledged },
      bubbles: true,
      composed: true,
    }),
  );
}
