// Styles for alertCard(), shared by the alerts view and the user drill-down.

import { css } from "lit";

export const alertStyles = css`
  ul.alerts {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li.alert {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 12px;
    padding: 12px 0;
    border-bottom: 1px solid var(--pg-divider);
  }
  li.alert:last-child {
    border-bottom: none;
  }
  li.alert.done {
    opacity: 0.7;
  }
  .alert-main {
    display: flex;
    flex-direction: column;
    gap: 4px;
    min-width: 0;
    flex: 1 1 320px;
  }
  .alert-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
  }
  .alert-summary {
    overflow-wrap: anywhere;
  }
  dl.evidence {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 2px 12px;
    margin: 2px 0;
    font-size: 12px;
  }
  dl.evidence dt {
    color: var(--secondary-text-color);
  }
  dl.evidence dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .alert-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  .small {
    font-size: 12px;
    overflow-wrap: anywhere;
  }
`;
