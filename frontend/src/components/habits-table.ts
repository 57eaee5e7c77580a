// A user's devices and networks (admins): first seen, last seen, count and place.

import { html, type TemplateResult } from "lit";

import { formatDateTime } from "../lib/format.js";
import { deviceDetail, deviceName, habitPlace, networkName } from "../lib/habits.js";
import type { TimeSettings } from "../lib/time.js";
import type { DeviceUse, NetworkUse, UserHabits } from "../types.js";
import { countryTag } from "./country.js";
import { emptyState } from "./state.js";

function usage(use: DeviceUse | NetworkUse, locale?: string, time?: TimeSettings): TemplateResult {
  return html`<td class="nowrap" data-label="First seen"><div>${formatDateTime(use.first_seen, locale, time)}</div></td>
    <td class="nowrap" data-label="Last seen"><div>${formatDateTime(use.last_seen, locale, time)}</div></td>
    <td data-label="Streams"><div>${use.count.toLocaleString(locale)}</div></td>
    <td data-label="Place"><div>${countryTag(use.country_code)} ${habitPlace(use)}</div></td>`;
}

const HEAD = html`<th>First seen</th><th>Last seen</th><th>Streams</th><th>Place (last use)</th>`;

export function habitsTables(habits: UserHabits, locale?: string, time?: TimeSettings): TemplateResult {
  return html`<h3>Devices</h3>
    ${habits.devices.length === 0
      ? emptyState("No devices on record")
      : html`<div class="table-wrap"><table>
          <thead><tr><th>Device</th>${HEAD}</tr></thead>
          <tbody>
            ${habits.devices.map(
              (d) => html`<tr>
                <td data-label="Device"><div>${deviceName(d)} <span class="muted small">${deviceDetail(d)}</span></div></td>
                ${usage(d, locale, time)}
              </tr>`,
            )}
          </tbody>
        </table></div>`}
    <h3>Networks</h3>
    ${habits.networks.length === 0
      ? emptyState("No networks on record", "Streams on the local network or relayed through Plex have none.")
      : html`<div class="table-wrap"><table>
          <thead><tr><th>Network</th>${HEAD}</tr></thead>
          <tbody>
            ${habits.networks.map(
              (n) => html`<tr>
                <td data-label="Network"><div>${networkName(n)}</div></td>
                ${usage(n, locale, time)}
              </tr>`,
            )}
          </tbody>
        </table></div>`}`;
}
