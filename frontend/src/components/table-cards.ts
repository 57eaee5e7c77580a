// Phone layout for a table: every row becomes a card of label | value lines (each cell
// carries its label in data-label), so nothing scrolls sideways on a 390 px screen.

import { css } from "lit";

export const tableCards = css`
  :host([narrow]) thead {
    display: none;
  }
  :host([narrow]) table,
  :host([narrow]) tbody,
  :host([narrow]) tr,
  :host([narrow]) td {
    display: block;
  }
  :host([narrow]) tr {
    border-bottom: 1px solid var(--pg-divider);
    padding: 8px 0;
  }
  :host([narrow]) td {
    border: none;
    padding: 2px 0;
    display: grid;
    grid-template-columns: 90px minmax(0, 1fr);
    gap: 8px;
  }
  :host([narrow]) td::before {
    content: attr(data-label);
    color: var(--pg-muted);
    font-size: 12px;
  }
`;
