// Words for a user's devices and networks in the drill-down.

import type { DeviceUse, NetworkUse } from "../types.js";

/** The device as last seen: its player's name, or why there is none. */
export function deviceName(device: DeviceUse): string {
  return device.player ?? "A device whose streams are no longer on record";
}

/** "Plex for Android (TV) · Android", or "". */
export function deviceDetail(device: DeviceUse): string {
  return [device.product, device.platform].filter((part) => part).join(" · ");
}

/** "Telstra Internet (AS1221)"; an address block without a provider says so. */
export function networkName(network: NetworkUse): string {
  if (network.network === "prefix") return "An address block with no known provider";
  return network.name ? `${network.name} (${network.network})` : network.network;
}

/** Where the device or network was last used, or why no place is known. */
export function habitPlace(use: DeviceUse | NetworkUse): string {
  if (!use.country_name) return "No place (local network, relayed, or not located)";
  return use.city ? `${use.city}, ${use.country_name}` : use.country_name;
}
