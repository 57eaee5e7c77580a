// The websocket contract with custom_components/plexgeo/websocket_api.py, as TypeScript types.

export type LocationStatus = "local" | "unknown" | "pending" | "known" | "failed";
export type PlaybackState = "playing" | "paused" | "buffering" | "unknown";
export type AlertKind =
  | "rare_country"
  | "impossible_travel"
  | "concurrent_locations"
  | "concurrent_streams"
  | "new_device"
  | "new_network";

export interface PushHealth {
  connected: boolean;
  since: string | null;
  notifications: number;
  fetches: number;
  garbled: number;
  connects: number;
  last_error: string | null;
}

export interface Attribution {
  text: string;
  url: string;
}

export interface Entry {
  entry_id: string;
  title: string;
  server_id: string;
  push: PushHealth | null;
  attribution: Attribution | null;
}

export interface StreamRow {
  stream_id: number;
  started_at: string;
  last_seen: string;
  ended_at: string | null;
  live: boolean;
  user_id: string;
  user_name: string;
  media_type: string;
  title: string;
  player: string;
  product: string;
  platform: string;
  ip: string | null;
  /** The network's name (the provider's ISP, else its organisation); admins only, like `ip`. */
  provider: string | null;
  local: boolean;
  relayed: boolean;
  network: string | null;
  country_code: string | null;
  country_name: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  location_status: LocationStatus;
  duration_s: number;
  bandwidth_kbps: number | null;
  state: PlaybackState;
  progress_ms: number;
  media_duration_ms: number | null;
  transcode: string | null;
  /** "4K", "1080p", "720p", "576p", "480p", "SD", or null (audio, or Plex said nothing). */
  resolution: string | null;
  bitrate_kbps: number | null;
}

export interface LastLocation {
  country_code: string;
  country_name: string;
  city: string | null;
  latitude: number;
  longitude: number;
}

export interface UserSummary {
  user_id: string;
  user_name: string;
  stream_count: number;
  countries: string[];
  last_seen: string | null;
  last_location: LastLocation | null;
  unacknowledged_alerts: number;
  networks: number;
  devices: number;
  /** The most streams the user had at once. */
  concurrent_peak: number;
}

export interface AlertRow {
  alert_id: number;
  kind: AlertKind;
  stream_id: number;
  user_id: string;
  user_name: string;
  created_at: string;
  country_code: string;
  country_name: string;
  city: string | null;
  latitude: number;
  longitude: number;
  share: number | null;
  session_count: number | null;
  previous_country_code: string | null;
  previous_country_name: string | null;
  previous_city: string | null;
  distance_km: number | null;
  speed_kmh: number | null;
  media_title: string;
  player: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  acknowledged_by_name: string | null;
  trustable: boolean;
  other_stream_id: number | null;
  network_type: string | null;
  seconds_apart: number | null;
  stream_count: number | null;
  device: string | null;
}

export interface DeviceUse {
  first_seen: string;
  last_seen: string;
  count: number;
  country_code: string | null;
  country_name: string | null;
  city: string | null;
  player: string | null;
  product: string | null;
  platform: string | null;
}

export interface NetworkUse {
  first_seen: string;
  last_seen: string;
  count: number;
  country_code: string | null;
  country_name: string | null;
  city: string | null;
  network: string;
  name: string | null;
}

export interface UserHabits {
  devices: DeviceUse[];
  networks: NetworkUse[];
}

export interface CountryCount {
  country_code: string;
  country_name: string;
  count: number;
}

export interface UserLocation {
  country_code: string;
  country_name: string;
  city: string | null;
  latitude: number;
  longitude: number;
  count: number;
}

export interface UserDetail {
  user_id: string;
  user_name: string;
  countries: CountryCount[];
  timeline: { date: string; count: number }[];
  recent_streams: StreamRow[];
  locations: UserLocation[];
  alerts: AlertRow[];
  trusted_countries: string[];
  concurrent_peak: number;
}

export interface Stats {
  per_day: { date: string; country_code: string; count: number }[];
  top_countries: CountryCount[];
  top_users: { user_id: string; user_name: string; count: number }[];
  lan: number;
  wan: number;
  /** Of the WAN streams, those placed in a country. */
  located: number;
}

export interface StreamFilters {
  user_id?: string;
  country?: string;
  network?: "lan" | "wan";
  media_type?: string;
  since?: string;
  until?: string;
  search?: string;
}

export interface StreamPage {
  streams: StreamRow[];
  next_cursor: string | null;
}

export interface StreamCount {
  total: number;
  exact: boolean;
}

export interface ServerState {
  connected: boolean;
  problem: string | null;
  last_poll: string | null;
  last_success: string | null;
  failing_since: string | null;
  poll_interval: number;
  /** Plex's notification socket: null before the entry finished setting up. */
  push: PushHealth | null;
}

export interface LiveEvent {
  live_streams: StreamRow[];
  new_alerts: AlertRow[];
  unacknowledged: number;
}

/** The slice of Home Assistant's `hass.connection` that the panel uses. */
export interface HassConnection {
  sendMessagePromise<T>(message: Record<string, unknown>): Promise<T>;
  subscribeMessage<T>(
    callback: (event: T) => void,
    message: Record<string, unknown>,
  ): Promise<() => Promise<void> | void>;
  addEventListener?(event: string, listener: () => void): void;
  removeEventListener?(event: string, listener: () => void): void;
}

/** The slice of Home Assistant's `hass` object that the panel reads. */
export interface Hass {
  connection: HassConnection;
  language?: string;
  locale?: { language?: string; time_format?: string; time_zone?: string };
  config?: { time_zone?: string };
  themes?: { darkMode?: boolean };
  user?: { name?: string; is_admin?: boolean };
}

/** The last Tautulli import's saved summary (`plexgeo/tautulli_import`); {} when none ran. */
export interface TautulliSummary {
  phase: string;
  rows_read: number;
  rows: number;
  streams: number;
  duplicates: number;
  already_live: number;
  users: string[];
  countries: string[];
  located: number;
  not_located: number;
  skipped: Record<string, number>;
  missing_fields: string[];
}

/** A Tautulli import now (progress while running) and the last one's summary. */
export interface TautulliImport {
  running: boolean;
  percent: number | null;
  phase: string | null;
  rows: number;
  total_rows: number;
  error: string | null;
  summary: Partial<TautulliSummary>;
}
