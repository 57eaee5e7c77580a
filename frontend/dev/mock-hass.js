// A fake `hass` whose websocket connection answers PlexGeo's contract with realistic data,
// so the panel can be developed and screenshotted without Home Assistant.
// Query parameters of the harness page tune it:
//   fail=<command>   that command rejects with a websocket error (e.g. fail=plexgeo/streams)
//   empty=1          a server with no history at all
//   entries=N        N configured servers (0 shows the "no server" state)
//   latency=MS       delay every answer
//   interval=MS      live update period (default 5000)
//   outage=1         the Plex server stopped answering ten minutes ago

const PLACES = {
  london: ["GB", "United Kingdom", "London", 51.5072, -0.1276, "81.2.69.142"],
  manchester: ["GB", "United Kingdom", "Manchester", 53.4808, -2.2426, "82.14.203.9"],
  paris: ["FR", "France", "Paris", 48.8566, 2.3522, "90.84.12.33"],
  berlin: ["DE", "Germany", "Berlin", 52.52, 13.405, "87.123.45.67"],
  frankfurt: ["DE", "Germany", "Frankfurt am Main", 50.1109, 8.6821, "185.220.101.4"],
  madrid: ["ES", "Spain", "Madrid", 40.4168, -3.7038, "83.44.18.201"],
  new_york: ["US", "United States", "New York", 40.7128, -74.006, "71.190.30.4"],
  chicago: ["US", "United States", "Chicago", 41.8781, -87.6298, "73.44.120.8"],
  sao_paulo: ["BR", "Brazil", "São Paulo", -23.5505, -46.6333, "177.34.12.90"],
  sydney: ["AU", "Australia", "Sydney", -33.8688, 151.2093, "1.120.14.77"],
  melbourne: ["AU", "Australia", "Melbourne", -37.8136, 144.9631, "110.174.3.14"],
  tokyo: ["JP", "Japan", "Tokyo", 35.6762, 139.6503, "2400:4050:2b81:ce00::3"],
  toronto: ["CA", "Canada", "Toronto", 43.6532, -79.3832, "99.229.12.5"],
};

const XSS = "<img src=x onerror=alert(1)>";

// The stream log's filters, as the integration applies them (search: title, player, user,
// city, country, network words; an exact address for admins, which the mock always is).
function filterStreams(streams, msg) {
  let rows = streams;
  if (msg.user_id) rows = rows.filter((s) => s.user_id === msg.user_id);
  if (msg.country) rows = rows.filter((s) => s.country_code === msg.country);
  if (msg.network) rows = rows.filter((s) => (msg.network === "lan") === s.local);
  if (msg.media_type) rows = rows.filter((s) => s.media_type === msg.media_type);
  if (msg.since) rows = rows.filter((s) => s.started_at >= msg.since);
  if (msg.until) rows = rows.filter((s) => s.started_at < msg.until);
  if (msg.search) {
    const q = msg.search.trim().toLowerCase();
    if (q === "relayed" || q === "relay") return rows.filter((s) => s.relayed);
    if (q === "lan" || q === "local") return rows.filter((s) => s.local);
    if (q === "wan" || q === "remote") return rows.filter((s) => !s.local);
    rows = rows.filter(
      (s) =>
        s.ip === q ||
        [s.title, s.user_name, s.player, s.city, s.country_name, s.country_code].some(
          (v) => v && v.toLowerCase().includes(q),
        ),
    );
  }
  return rows;
}

const USERS = [
  { user_id: "1", user_name: "Alice", places: ["lan", "lan", "lan", "london", "paris"] },
  { user_id: "2", user_name: "bob_the_builder", places: ["new_york", "new_york", "chicago", "toronto"] },
  { user_id: "3", user_name: "Carol Nguyen", places: ["sydney", "sydney", "melbourne"] },
  { user_id: "4", user_name: "Dmitri", places: ["berlin", "berlin", "berlin", "frankfurt"] },
  { user_id: "5", user_name: "Émilie", places: ["paris", "paris", "madrid"] },
  { user_id: "6", user_name: '"><svg onload=alert(2)>', places: ["madrid", "madrid", "madrid", "manchester"] },
];

const MEDIA = [
  ["movie", "Blade Runner 2049"],
  ["movie", "Arrival"],
  ["movie", "Spirited Away"],
  ["episode", "The Expanse - S02E05 - Home"],
  ["episode", "Severance - S01E03 - In Perpetuity"],
  ["episode", "Bluey - S03E11 - Sleepytime"],
  ["track", "Daft Punk - Digital Love"],
  ["track", "Radiohead - Weird Fishes/Arpeggi"],
  ["live_tv", "BBC One HD"],
];

const PLAYERS = [
  ["Living Room TV", "Plex for Android (TV)", "Android"],
  ["iPhone", "Plex for iOS", "iOS"],
  ["Chrome", "Plex Web", "Chrome"],
  ["SHIELD", "Plex for Android (TV)", "Android"],
  ["Roku Ultra", "Plex for Roku", "Roku"],
];

function mulberry32(seed) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

function makeStream(id, user, placeKey, started, durationS, live, media, player) {
  const lan = placeKey === "lan";
  const place = lan ? null : PLACES[placeKey];
  const ended = live ? null : new Date(started.getTime() + durationS * 1000);
  return {
    stream_id: id,
    started_at: started.toISOString(),
    last_seen: (ended ?? new Date()).toISOString(),
    ended_at: ended ? ended.toISOString() : null,
    live,
    user_id: user.user_id,
    user_name: user.user_name,
    media_type: media[0],
    title: media[1],
    player: player[0],
    product: player[1],
    platform: player[2],
    ip: lan ? "192.168.1.40" : place[5],
    provider: lan || !place ? null : `${place[2]} Broadband`,
    local: lan,
    relayed: false,
    network: lan ? "lan" : "wan",
    country_code: place ? place[0] : null,
    country_name: place ? place[1] : null,
    city: place ? place[2] : null,
    latitude: place ? place[3] : null,
    longitude: place ? place[4] : null,
    location_status: lan ? "local" : "known",
    duration_s: durationS,
    bandwidth_kbps: media[0] === "track" ? 320 : Math.round(2000 + 18000 * ((id * 7919) % 100) / 100),
    state: "playing",
    progress_ms: Math.min(durationS, 600 + ((id * 37) % 1800)) * 1000,
    media_duration_ms: (durationS + 600 + ((id * 53) % 1200)) * 1000,
    transcode: ["direct play", "copy", "transcode"][id % 3],
    resolution: media[0] === "track" ? null : ["4K", "1080p", "720p", "SD"][id % 4],
    bitrate_kbps: media[0] === "track" ? 320 : Math.round(1500 + 18000 * ((id * 104729) % 100) / 100),
  };
}

// The most of a user's streams playing at once (their spans share a moment).
function concurrentPeak(mine) {
  // Starts (+1) before ends (-1) at the same moment: a span includes its last sighting.
  const events = mine.flatMap((s) => [
    [Date.parse(s.started_at), 1],
    [Date.parse(s.ended_at ?? s.last_seen), -1],
  ]);
  events.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let playing = 0;
  let peak = 0;
  for (const [, step] of events) peak = Math.max(peak, (playing += step));
  return peak;
}

function buildData(now, empty) {
  if (empty) return { streams: [], alerts: [], trusted: {} };
  const rand = mulberry32(42);
  const streams = [];
  let id = 1;
  // A year of history, busier recently, so every range selector shows something.
  for (let i = 0; i < 420; i++) {
    const ageDays = Math.pow(rand(), 2) * 365;
    const started = new Date(now.getTime() - ageDays * 86400000 - 3 * 3600000);
    const user = pick(rand, USERS);
    const media = pick(rand, MEDIA);
    const duration = media[0] === "track" ? 200 + Math.floor(rand() * 200) : 1200 + Math.floor(rand() * 7200);
    streams.push(makeStream(id++, user, pick(rand, user.places), started, duration, false, media, pick(rand, PLAYERS)));
  }
  // One relayed stream and one still being located, for the odd location states.
  const relayed = makeStream(id++, USERS[1], "new_york", new Date(now.getTime() - 5 * 3600000), 3000, false, MEDIA[0], PLAYERS[1]);
  Object.assign(relayed, { ip: null, provider: null, relayed: true, country_code: null, country_name: null, city: null, latitude: null, longitude: null, location_status: "unknown" });
  const pending = makeStream(id++, USERS[2], "sydney", new Date(now.getTime() - 2 * 3600000), 1800, false, MEDIA[4], PLAYERS[2]);
  Object.assign(pending, { country_code: null, country_name: null, city: null, latitude: null, longitude: null, location_status: "pending" });
  streams.push(relayed, pending);
  // Live now: the XSS probe from Tokyo, Bob in Chicago, Alice at home.
  const liveXss = makeStream(id++, USERS[5], "tokyo", new Date(now.getTime() - 25 * 60000), 1500, true, ["movie", XSS], ["<b>Evil</b> TV", "Plex Web", "Firefox"]);
  const liveBob = makeStream(id++, USERS[1], "chicago", new Date(now.getTime() - 50 * 60000), 3000, true, MEDIA[3], PLAYERS[0]);
  const liveAlice = makeStream(id++, USERS[0], "lan", new Date(now.getTime() - 10 * 60000), 600, true, MEDIA[6], PLAYERS[3]);
  liveAlice.state = "paused";
  const liveCarol = makeStream(id++, USERS[2], "sydney", new Date(now.getTime() - 70 * 60000), 4200, true, MEDIA[2], PLAYERS[4]);
  // Bob's account also plays in Toronto at the same time: the live list groups and flags it.
  const liveBobToronto = makeStream(id++, USERS[1], "toronto", new Date(now.getTime() - 5 * 60000), 300, true, MEDIA[1], PLAYERS[2]);
  streams.push(liveXss, liveBob, liveBobToronto, liveAlice, liveCarol);
  streams.sort((a, b) => b.started_at.localeCompare(a.started_at));

  const tokyo = PLACES.tokyo;
  const alerts = [
    alert(1, "rare_country", liveXss, now, 20, { share: 0.012, session_count: 83 }),
    alert(2, "impossible_travel", liveBob, now, 48, {
      previous: PLACES.toronto, distance_km: 703, speed_kmh: 1406,
      place: PLACES.chicago, seconds_apart: 1800, network_type: "residential",
    }),
    alert(3, "concurrent_locations", streams.find((s) => s.user_id === "4" && s.city === "Frankfurt am Main") ?? liveBob, now, 60 * 24 * 3, {
      previous: PLACES.berlin, place: PLACES.frankfurt,
      acknowledged_at: new Date(now.getTime() - 86400000 * 2).toISOString(), acknowledged_by: "Admin",
    }),
  ];
  alerts[0].city = tokyo[2];
  return { streams, alerts, trusted: { 1: ["FR"], 5: ["ES"] } };
}

function alert(alert_id, kind, stream, now, minutesAgo, extra) {
  const place = extra.place ?? [stream.country_code, stream.country_name, stream.city, stream.latitude, stream.longitude];
  return {
    alert_id,
    kind,
    stream_id: stream.stream_id,
    user_id: stream.user_id,
    user_name: stream.user_name,
    created_at: new Date(now.getTime() - minutesAgo * 60000).toISOString(),
    country_code: place[0],
    country_name: place[1],
    city: place[2],
    latitude: place[3],
    longitude: place[4],
    share: extra.share ?? null,
    session_count: extra.session_count ?? null,
    previous_country_code: extra.previous?.[0] ?? null,
    previous_country_name: extra.previous?.[1] ?? null,
    previous_city: extra.previous?.[2] ?? null,
    distance_km: extra.distance_km ?? null,
    speed_kmh: extra.speed_kmh ?? null,
    media_title: stream.title,
    player: stream.player,
    acknowledged_at: extra.acknowledged_at ?? null,
    acknowledged_by: extra.acknowledged_by ?? null,
    acknowledged_by_name: extra.acknowledged_by ? "Admin" : null,
    trustable: kind === "rare_country",
    other_stream_id: extra.other_stream_id ?? null,
    network_type: extra.network_type ?? null,
    seconds_apart: extra.seconds_apart ?? null,
    stream_count: extra.stream_count ?? null,
    device: extra.device ?? null,
  };
}

class WsError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

// home-assistant-js-websocket rejects with a plain {code, message} object, not an Error.
function pushHealth() {
  return {
    connected: true,
    since: new Date().toISOString(),
    notifications: 12,
    fetches: 4,
    garbled: 0,
    connects: 1,
    last_error: null,
  };
}

function wsError(code, message) {
  return { code, message };
}

function userName(data, userId) {
  return USERS.find((u) => u.user_id === userId)?.user_name;
}

function day(iso) {
  return iso.slice(0, 10);
}

function countries(streams) {
  const map = new Map();
  for (const s of streams) {
    if (!s.country_code) continue;
    const entry = map.get(s.country_code) ?? { country_code: s.country_code, country_name: s.country_name, count: 0 };
    entry.count++;
    map.set(s.country_code, entry);
  }
  return [...map.values()].sort((a, b) => b.count - a.count);
}

function lastLocation(streams) {
  const s = streams.find((x) => x.country_code);
  return s ? { country_code: s.country_code, country_name: s.country_name, city: s.city, latitude: s.latitude, longitude: s.longitude } : null;
}

export function createMockHass(options = {}) {
  const params = new URLSearchParams(options.search ?? window.location.search);
  const now = new Date();
  const data = buildData(now, params.get("empty") === "1");
  const fail = params.get("fail");
  const latency = Number(params.get("latency") ?? 120);
  const interval = Number(params.get("interval") ?? 5000);
  const entryCount = Number(params.get("entries") ?? 2);
  const outage = params.get("outage") === "1";
  const entries = [
    {
      entry_id: "entry_home",
      title: "Home Plex",
      server_id: "a1b2c3d4e5f6",
      push: pushHealth(),
      attribution: { text: "IP Geolocation by DB-IP", url: "https://db-ip.com" },
    },
    {
      entry_id: "entry_cabin",
      title: "Cabin NAS",
      server_id: "f6e5d4c3b2a1",
      push: null,
      attribution: null,
    },
  ].slice(0, entryCount);
  const listeners = new Map();
  const stats = { calls: [], subscriptions: 0 };

  const handlers = {
    "plexgeo/entries": () => ({ entries }),
    "plexgeo/streams": (msg) => {
      const limit = msg.limit ?? 50;
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
        throw wsError("invalid_format", "limit must be between 1 and 200");
      }
      let rows = filterStreams(data.streams, msg);
      if (msg.order === "oldest") rows = [...rows].reverse();
      let offset = 0;
      if (msg.cursor) {
        offset = Number(atob(msg.cursor).replace("o:", ""));
        if (!Number.isInteger(offset)) throw wsError("invalid_format", "Invalid cursor");
      }
      const page = rows.slice(offset, offset + limit);
      const next = offset + limit < rows.length ? btoa(`o:${offset + limit}`) : null;
      return { streams: page, next_cursor: next };
    },
    "plexgeo/streams/count": (msg) => ({ total: filterStreams(data.streams, msg).length, exact: true }),
    "plexgeo/users": () => ({
      users: USERS.map((u) => {
        const mine = data.streams.filter((s) => s.user_id === u.user_id);
        return {
          user_id: u.user_id,
          user_name: u.user_name,
          stream_count: mine.length,
          countries: countries(mine).map((c) => c.country_code),
          last_seen: mine[0]?.last_seen ?? null,
          last_location: lastLocation(mine),
          unacknowledged_alerts: data.alerts.filter((a) => a.user_id === u.user_id && !a.acknowledged_at).length,
          networks: new Set(mine.filter((s) => !s.local).map((s) => s.city)).size,
          devices: new Set(mine.map((s) => s.player)).size,
          concurrent_peak: concurrentPeak(mine),
        };
      }).filter((u) => u.stream_count > 0),
    }),
    "plexgeo/user": (msg) => {
      const name = userName(data, msg.user_id);
      if (!name) throw wsError("not_found", `Unknown user ${msg.user_id}`);
      const since = new Date(now.getTime() - (msg.days ?? 90) * 86400000).toISOString();
      const mine = data.streams.filter((s) => s.user_id === msg.user_id && s.started_at >= since);
      const perDay = new Map();
      for (const s of mine) perDay.set(day(s.started_at), (perDay.get(day(s.started_at)) ?? 0) + 1);
      const locations = new Map();
      for (const s of mine) {
        if (s.latitude === null) continue;
        const key = `${s.city}|${s.country_code}`;
        const l = locations.get(key) ?? { country_code: s.country_code, country_name: s.country_name, city: s.city, latitude: s.latitude, longitude: s.longitude, count: 0 };
        l.count++;
        locations.set(key, l);
      }
      return {
        user_id: msg.user_id,
        user_name: name,
        countries: countries(mine),
        timeline: [...perDay.entries()].sort().map(([date, count]) => ({ date, count })),
        recent_streams: mine.slice(0, 20),
        locations: [...locations.values()],
        alerts: data.alerts.filter((a) => a.user_id === msg.user_id),
        trusted_countries: data.trusted[msg.user_id] ?? [],
        concurrent_peak: concurrentPeak(data.streams.filter((s) => s.user_id === msg.user_id)),
      };
    },
    "plexgeo/user/habits": (msg) => {
      const mine = data.streams.filter((s) => s.user_id === msg.user_id);
      const uses = (keyOf, extra) => {
        const found = new Map();
        for (const s of [...mine].reverse()) {
          const key = keyOf(s);
          if (key === null) continue;
          const use = found.get(key) ?? { first_seen: s.started_at, count: 0, ...extra(s) };
          Object.assign(use, {
            last_seen: s.started_at,
            count: use.count + 1,
            country_code: s.country_code,
            country_name: s.country_name,
            city: s.city,
          });
          found.set(key, use);
        }
        return [...found.values()].reverse();
      };
      return {
        devices: uses((s) => s.player, (s) => ({ player: s.player, product: s.product, platform: s.platform })),
        networks: uses(
          (s) => (s.local || !s.country_code ? null : `AS${s.country_code.charCodeAt(0)}`),
          (s) => ({ network: `AS${s.country_code.charCodeAt(0)}`, name: `${s.country_name} Telecom` }),
        ),
      };
    },
    "plexgeo/alerts": (msg) => {
      const rows = data.alerts
        .filter((a) => msg.acknowledged === undefined || Boolean(a.acknowledged_at) === msg.acknowledged)
        .filter((a) => msg.before_id === undefined || a.alert_id < msg.before_id)
        .sort((a, b) => b.alert_id - a.alert_id);
      const limit = msg.limit ?? 50;
      const page = rows.slice(0, limit);
      return {
        alerts: page,
        unacknowledged: data.alerts.filter((a) => !a.acknowledged_at).length,
        next_before_id: rows.length > limit ? page[page.length - 1].alert_id : null,
      };
    },
    "plexgeo/alerts/acknowledge": (msg) => {
      const targets = data.alerts.filter(
        (a) => !a.acknowledged_at && (msg.alert_id === undefined || a.alert_id === msg.alert_id),
      );
      if (msg.alert_id !== undefined && !data.alerts.some((a) => a.alert_id === msg.alert_id)) {
        throw wsError("not_found", `Unknown alert ${msg.alert_id}`);
      }
      for (const a of targets) {
        a.acknowledged_at = new Date().toISOString();
        a.acknowledged_by = "developer-id";
        a.acknowledged_by_name = "Developer";
        if (msg.trust) {
          const list = (data.trusted[a.user_id] ??= []);
          if (!list.includes(a.country_code)) list.push(a.country_code);
        }
      }
      return { acknowledged: targets.map((a) => a.alert_id) };
    },
    "plexgeo/trust": (msg) => {
      const list = (data.trusted[msg.user_id] ??= []);
      const i = list.indexOf(msg.country_code);
      if (msg.trusted && i < 0) list.push(msg.country_code);
      if (!msg.trusted && i >= 0) list.splice(i, 1);
      return { trusted_countries: [...list] };
    },
    "plexgeo/tautulli_import": () => ({
      running: false,
      percent: 100,
      phase: "done",
      rows: 1840,
      total_rows: 1840,
      error: null,
      summary: {
        phase: "done",
        rows_read: 1840,
        rows: 1840,
        streams: 1796,
        duplicates: 0,
        already_live: 31,
        users: ["1", "2", "31550921", "41200387"],
        countries: ["GB", "US", "JP", "AU"],
        located: 57,
        not_located: 2,
        skipped: { not_a_viewing: 13 },
        missing_fields: [],
      },
    }),
    "plexgeo/server": () => {
      const at = new Date();
      const lastGood = new Date(at.getTime() - (outage ? 11 * 60_000 : 0)).toISOString();
      return {
        connected: !outage,
        problem: outage ? "plex_unreachable" : null,
        last_poll: at.toISOString(),
        last_success: lastGood,
        failing_since: outage ? new Date(at.getTime() - 10 * 60_000).toISOString() : null,
        poll_interval: Math.round(interval / 1000),
        push: pushHealth(),
      };
    },
    "plexgeo/stats": (msg) => {
      const rows = data.streams.filter((s) => s.started_at >= msg.since && s.started_at < msg.until);
      const perDay = new Map();
      for (const s of rows) {
        if (!s.country_code) continue;
        const key = `${day(s.started_at)}|${s.country_code}`;
        perDay.set(key, (perDay.get(key) ?? 0) + 1);
      }
      const users = new Map();
      for (const s of rows) {
        const u = users.get(s.user_id) ?? { user_id: s.user_id, user_name: s.user_name, count: 0 };
        u.count++;
        users.set(s.user_id, u);
      }
      return {
        per_day: [...perDay.entries()].map(([key, count]) => {
          const [date, country_code] = key.split("|");
          return { date, country_code, count };
        }),
        top_countries: countries(rows).slice(0, 10),
        top_users: [...users.values()].sort((a, b) => b.count - a.count).slice(0, 10),
        lan: rows.filter((s) => s.local).length,
        wan: rows.filter((s) => !s.local).length,
        located: rows.filter((s) => !s.local && s.country_code).length,
      };
    },
  };

  function liveEvent(newAlerts) {
    return {
      live_streams: data.streams.filter((s) => s.live),
      new_alerts: newAlerts,
      unacknowledged: data.alerts.filter((a) => !a.acknowledged_at).length,
    };
  }

  function respond(msg) {
    stats.calls.push(msg);
    return new Promise((resolve, reject) => {
      setTimeout(() => {
        if (msg.type !== "plexgeo/entries" && !entries.some((e) => e.entry_id === msg.entry_id)) {
          reject(wsError("not_found", "Config entry not found"));
          return;
        }
        if (fail && fail === msg.type) {
          reject(wsError("store_unavailable", "The PlexGeo database is locked; try again shortly"));
          return;
        }
        try {
          resolve(structuredClone(handlers[msg.type](msg)));
        } catch (err) {
          reject(err instanceof WsError || err.code ? err : wsError("unknown_error", String(err)));
        }
      }, latency);
    });
  }

  const connection = {
    sendMessagePromise(msg) {
      if (!handlers[msg.type]) return Promise.reject(wsError("unknown_command", "Unknown command."));
      return respond(msg);
    },
    async subscribeMessage(callback, msg) {
      await new Promise((r) => setTimeout(r, latency));
      if (fail && fail === msg.type) throw wsError("not_found", "Config entry not loaded");
      stats.subscriptions++;
      callback(structuredClone(liveEvent([])));
      const timer = setInterval(() => {
        for (const s of data.streams.filter((x) => x.live)) {
          s.duration_s += interval / 1000;
          s.last_seen = new Date().toISOString();
        }
        callback(structuredClone(liveEvent([])));
      }, interval);
      return async () => {
        clearInterval(timer);
        stats.subscriptions--;
      };
    },
    addEventListener(event, listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(listener);
    },
    removeEventListener(event, listener) {
      listeners.get(event)?.delete(listener);
    },
    /** Dev helper: pretend the socket dropped or came back ("disconnected" / "ready"). */
    fire(event) {
      for (const listener of listeners.get(event) ?? []) listener();
    },
  };

  return {
    hass: {
      connection,
      language: "en",
      locale: { language: "en-GB" },
      themes: { darkMode: params.get("theme") === "dark" },
      user: { name: "Developer", is_admin: true },
    },
    stats,
  };
}
