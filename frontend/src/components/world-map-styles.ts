// The world map's styles: countries, dots and groups, zoom buttons, legend and tooltip.

import { css } from "lit";

export const worldMapStyles = css`
  :host {
    display: block;
    --pg-map-land: var(--pg-map-land-color, color-mix(in srgb, var(--pg-muted) 22%, var(--pg-card-bg)));
    --pg-map-high: var(--pg-map-high-color, var(--pg-primary));
  }
  .wrap {
    position: relative;
    outline: none;
    border-radius: 8px;
  }
  .wrap:focus-visible {
    box-shadow: 0 0 0 2px var(--pg-primary);
  }
  svg {
    display: block;
    width: 100%;
    height: auto;
    /* The page scrolls under a finger until the map is zoomed; then the finger pans. */
    touch-action: pan-y;
    cursor: grab;
  }
  svg.zoomed {
    touch-action: none;
  }
  .sphere,
  .borders,
  .country.highlight,
  .dot .core {
    vector-effect: non-scaling-stroke;
  }
  .hit {
    fill: transparent;
  }
  .dot text {
    fill: var(--pg-card-bg);
    font-weight: 600;
    text-anchor: middle;
    pointer-events: none;
  }
  .dot.group .core {
    fill-opacity: 1;
  }
  .controls {
    position: absolute;
    top: 8px;
    right: 8px;
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  .controls button {
    width: 32px;
    height: 32px;
    border-radius: 8px;
    border: 1px solid var(--pg-divider);
    background: var(--pg-card-bg);
    color: var(--pg-text);
    font-size: 18px;
    line-height: 1;
    cursor: pointer;
  }
  .controls button:disabled {
    opacity: 0.4;
    cursor: default;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 16px;
    margin-top: 8px;
    font-size: 12px;
    color: var(--pg-muted);
  }
  .legend span {
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .legend .ramp {
    display: inline-block;
    width: 40px;
    height: 10px;
    border-radius: 2px;
    background: linear-gradient(to right, var(--pg-map-land), var(--pg-map-high));
  }
  .legend .key {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 16px;
    height: 16px;
    border-radius: 50%;
    font-style: normal;
    font-size: 12px;
    color: var(--pg-card-bg);
  }
  .legend .key.live {
    background: var(--pg-live);
  }
  .legend .key.past,
  .legend .key.group {
    background: var(--accent-color, #ff9800);
  }
  .legend .key.group {
    width: 18px;
    height: 18px;
    font-size: 12px; /* no text under 12 px (issue 18, item 13) */
    font-weight: 600;
  }
  .sphere {
    fill: color-mix(in srgb, var(--pg-primary) 5%, var(--pg-card-bg));
    stroke: var(--pg-divider);
  }
  .country {
    stroke: none;
    transition: fill 0.3s;
  }
  .country:hover {
    filter: brightness(1.1);
  }
  .country.highlight {
    stroke: var(--pg-success);
    stroke-width: 1.5;
  }
  .borders {
    fill: none;
    stroke: var(--pg-card-bg);
    stroke-width: 0.6;
    pointer-events: none;
  }
  .dot {
    cursor: pointer;
    outline: none;
  }
  .dot .core {
    fill: var(--accent-color, #ff9800);
    stroke: var(--pg-card-bg);
    stroke-width: 1.2;
    fill-opacity: 0.85;
  }
  .dot.live .core {
    fill: var(--pg-live);
    fill-opacity: 1;
    filter: drop-shadow(0 0 4px var(--pg-live)) drop-shadow(0 0 8px var(--pg-live));
  }
  .dot:focus-visible .core {
    stroke: var(--pg-text);
    stroke-width: 2.5;
  }
  .pulse {
    fill: var(--pg-live);
    transform-box: fill-box;
    transform-origin: center;
    animation: pulse 2s ease-out infinite;
    pointer-events: none;
  }
  @keyframes pulse {
    from {
      transform: scale(1);
      opacity: 0.6;
    }
    to {
      transform: scale(4);
      opacity: 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .pulse {
      animation: none;
      opacity: 0.25;
      transform: scale(2);
    }
  }
  .tooltip {
    position: absolute;
    pointer-events: none;
    z-index: 2;
    background: var(--pg-card-bg);
    color: var(--pg-text);
    border: 1px solid var(--pg-divider);
    border-radius: 8px;
    padding: 8px 10px;
    font-size: 12px;
    line-height: 1.4;
    box-shadow: 0 4px 12px rgba(0, 0, 0, 0.25);
    width: max-content;
    max-width: min(260px, 70%);
    overflow-wrap: anywhere;
  }
  .tooltip.pinned {
    pointer-events: auto;
    padding-right: 32px;
  }
  .tooltip .open {
  display: block;
  margin-top: 6px;
  min-height: 32px;
  padding: 0 12px;
  border-radius: 8px;
  border: 1px solid var(--pg-divider);
  background: none;
  color: var(--pg-primary);
  font: inherit;
  cursor: pointer;
}
.tooltip .close {
    position: absolute;
    top: 2px;
    right: 2px;
    width: 28px;
    height: 28px;
    border: none;
    background: none;
    color: var(--pg-muted);
    font-size: 18px;
    cursor: pointer;
  }
`;
