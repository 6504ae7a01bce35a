// Conclave's widget host harness: hosts the widget the way Element Web hosts its call widget,
// with the real matrix-widget-api ClientWidgetApi, and a WidgetDriver over one of two homeservers:
// the in-memory demo room on DemoRelay (shared by every host page through a WebSocket; the
// zero-setup demo), or, with homeserver=<url>, a real homeserver through matrix-js-sdk
// (matrix-backend.js, loaded only then). The driver, the widget's frame and the test hooks are
// the same over both.
//
// Test hooks live on window.harness (never logged: to-device contents are not kept here).
import { ClientWidgetApi, OpenIDRequestState, Widget, WidgetDriver } from "matrix-widget-api";
import { callWidgetCapabilities } from "./policy.js";

const cfg = document.getElementById("harness").dataset;
const userId = cfg.userId;
const deviceId = cfg.deviceId;
const roomId = cfg.roomId;
// Element Web names its call widget per room; here the kind (standalone, embedded, element-call) shows.
const widgetId = (cfg.widgetKind === "element-call" ? "element-call-" : "conclave-") + Math.random().toString(36).slice(2, 10);

const harness = (window.harness = {
  userId,
  deviceId,
  roomId,
  widgetId,
  homeserver: cfg.homeserver || null,
  requestedCapabilities: [],
  capabilityViolations: [],
  approvedCapabilities: [],
  ready: false,
  elementActions: [],
  relayConnected: false,
  messagesFromWidget: [],
  api: null,
  // To-device messages that reached this host, by type and whether they came encrypted; those a
  // test told the host to withhold from the widget (withholdToDevice), and those the host could
  // not encrypt for a device it does not know.
  toDeviceIn: {},
  withholdToDevice: [],
  withheld: 0,
  counters: { unencryptable: 0 },
  error: null,
});

// TURN servers waiting to go to the widget (turn=offered), and the wake-up of the generator.
const turnQueue = [];
let turnWake = null;

// ---- relay connection --------------------------------------------------------------------
class Relay {
  // Like a client's sync connection: when the link drops (offline), requests in flight fail and
  // the relay reconnects with backoff; on reconnect it sends the room's state again ("init") and
  // the to-device messages that waited for this device.
  constructor(onMessage) {
    this.onMessage = onMessage;
    this.pending = new Map();
    this.nextRid = 1;
    this.queue = [];
    this.backoff = 500;
    this.connect();
  }

  connect() {
    const q = new URLSearchParams({ user: userId, device: deviceId, room: roomId, displayName: cfg.displayName, avatar: cfg.avatar || "generated" });
    if (cfg.roomName) q.set("roomName", cfg.roomName);
    const wsUrl = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/demo/relay?" + q;
    this.ws = new WebSocket(wsUrl);
    this.ws.onopen = () => {
      harness.relayConnected = true;
      this.backoff = 500;
      this.queue.splice(0).forEach((m) => this.ws.send(m));
    };
    this.ws.onclose = () => {
      harness.relayConnected = false;
      for (const p of this.pending.values()) p.reject(new Error("connection to the homeserver lost"));
      this.pending.clear();
      setTimeout(() => this.connect(), this.backoff);
      this.backoff = Math.min(this.backoff * 2, 5000);
    };
    this.ws.onmessage = (ev) => {
      const msg = JSON.parse(ev.data);
      if (msg.op === "result") {
        const p = this.pending.get(msg.rid);
        if (!p) return;
        this.pending.delete(msg.rid);
        if (msg.error) p.reject(new Error(msg.error));
        else p.resolve(msg.result);
      } else {
        this.onMessage(msg);
      }
    };
  }

  request(op, payload) {
    const rid = String(this.nextRid++);
    const text = JSON.stringify({ op, rid, ...payload });
    return new Promise((resolve, reject) => {
      this.pending.set(rid, { resolve, reject });
      if (this.ws.readyState === WebSocket.OPEN) this.ws.send(text);
      else if (this.ws.readyState === WebSocket.CONNECTING) this.queue.push(text);
      else {
        this.pending.delete(rid);
        reject(new Error("no connection to the homeserver"));
      }
    });
  }
}

// The driver's view of the relay: the same calls as the real homeserver's backend.
class RelayBackend {
  constructor(relay) {
    this.relay = relay;
  }

  async sendEvent(type, content, stateKey) {
    const r = await this.relay.request("send_event", { type, content, state_key: stateKey ?? null });
    return { roomId: r.room_id, eventId: r.event_id };
  }

  async sendDelayed(delay, type, content, stateKey) {
    const r = await this.relay.request("send_delayed", { delay, type, content, state_key: stateKey ?? null });
    return { roomId: r.room_id, delayId: r.delay_id };
  }

  async updateDelayed(delayId, action) {
    await this.relay.request("update_delayed", { delay_id: delayId, action });
  }

  async sendToDevice(type, encrypted, messages) {
    await this.relay.request("send_to_device", { type, encrypted, messages });
  }

  // The demo's homeserver hands out OpenID tokens it can vouch for (its /openid/userinfo).
  async openId() {
    return this.relay.request("get_openid", {});
  }

  // The demo's homeserver advertises the SFU the server was started with (MSC4515), as a
  // homeserver's /rtc/transports does; none without one.
  async rtcTransports() {
    const r = await this.relay.request("get_rtc_transports", {});
    return r.rtc_transports;
  }

  // The demo homeserver's media: the pictures it generates for its members' avatars.
  async downloadFile(contentUri) {
    const m = /^mxc:\/\/([A-Za-z0-9.:-]+)\/([A-Za-z0-9._=-]+)$/.exec(contentUri);
    if (!m) throw new Error("M_NOT_FOUND: not a media URI");
    const r = await fetch(`/demo/api/media/${m[1]}/${m[2]}`);
    if (!r.ok) throw new Error("M_NOT_FOUND: no such media");
    return { file: await r.blob() };
  }

  // The demo room has no TURN servers (loopback needs none) unless turn=offered (below).
  async *turnServers() {}
}

// ---- the room as this client sees it -----------------------------------------------------
const state = new Map(); // type -> Map(stateKey -> event)
const timeline = [];
function remember(event) {
  timeline.push(event);
  if (timeline.length > 2000) timeline.shift();
  if (typeof event.state_key === "string") {
    if (!state.has(event.type)) state.set(event.type, new Map());
    state.get(event.type).set(event.state_key, event);
  }
}

// ---- the driver ---------------------------------------------------------------------------
class HostDriver extends WidgetDriver {
  constructor(backend) {
    super();
    this.backend = backend;
  }

  // Element Web grants its call widget exactly this list without a prompt; anything else the
  // widget asks for is recorded as a violation (tests fail on it) and not granted.
  async validateCapabilities(requested) {
    const allowed = callWidgetCapabilities(userId, deviceId, roomId);
    harness.requestedCapabilities = [...requested];
    const granted = new Set();
    for (const c of requested) {
      if (allowed.has(c)) granted.add(c);
      else harness.capabilityViolations.push(c);
    }
    harness.approvedCapabilities = [...granted];
    return granted;
  }

  checkRoom(targetRoomId) {
    if (targetRoomId && targetRoomId !== roomId) throw new Error("Unknown room " + targetRoomId);
  }

  async sendEvent(type, content, stateKey, targetRoomId) {
    this.checkRoom(targetRoomId);
    return this.backend.sendEvent(type, content, stateKey);
  }

  async sendDelayedEvent(delay, type, content, stateKey, targetRoomId) {
    this.checkRoom(targetRoomId);
    return this.backend.sendDelayed(delay, type, content, stateKey);
  }

  async cancelScheduledDelayedEvent(delayId) {
    await this.backend.updateDelayed(delayId, "cancel");
  }

  async restartScheduledDelayedEvent(delayId) {
    await this.backend.updateDelayed(delayId, "restart");
  }

  async sendScheduledDelayedEvent(delayId) {
    await this.backend.updateDelayed(delayId, "send");
  }

  async sendToDevice(type, encrypted, contentMap) {
    await this.backend.sendToDevice(type, encrypted, contentMap);
  }

  async readRoomState(targetRoomId, type, stateKey) {
    if (targetRoomId !== roomId) return [];
    const byKey = state.get(type);
    if (!byKey) return [];
    if (stateKey === undefined) return [...byKey.values()];
    const e = byKey.get(stateKey);
    return e ? [e] : [];
  }

  // Neither homeserver the harness knows has sticky events (MSC4407) for widgets: there are none
  // to read, and sending one fails as on a homeserver without them.
  async readStickyEvents(targetRoomId) {
    this.checkRoom(targetRoomId);
    return [];
  }

  // MSC4039: the widget's download of a member's avatar, through the client's media access.
  async downloadFile(contentUri) {
    if (!this.backend.downloadFile) throw new Error("M_UNRECOGNIZED: no media download here");
    return this.backend.downloadFile(contentUri);
  }

  async sendStickyEvent() {
    throw new Error("M_UNRECOGNIZED: this homeserver has no sticky events");
  }

  async readRoomTimeline(targetRoomId, type, msgtype, stateKey, limit) {
    if (targetRoomId !== roomId) return [];
    const out = [];
    for (let i = timeline.length - 1; i >= 0 && out.length < limit; i--) {
      const e = timeline[i];
      if (e.type !== type) continue;
      if (stateKey !== undefined && e.state_key !== stateKey) continue;
      if (msgtype !== undefined && e.content?.msgtype !== msgtype) continue;
      out.push(e);
    }
    return out;
  }

  // OpenID tokens from the user's homeserver without asking, as Element Web gets them for a
  // trusted widget.
  // window.conclaveHostForgesOpenId (a test's init script): the host hands the widget a token
  // its homeserver never issued, as a broken or hostile client would.
  askOpenID(observer) {
    const forged = (token) => (window.conclaveHostForgesOpenId ? { ...token, access_token: "forged" + Date.now().toString(36) } : token);
    this.backend.openId().then(forged).then(
      (token) => observer.update({ state: OpenIDRequestState.Allowed, token }),
      () => observer.update({ state: OpenIDRequestState.Blocked }),
    );
  }

  async getRtcTransports() {
    return { rtc_transports: await this.backend.rtcTransports() };
  }

  getKnownRooms() {
    return [roomId];
  }

  // As Element Web's driver: the homeserver's error goes on to the widget (matrix_api_error), so
  // that it can tell a lost delayed event (M_NOT_FOUND) from a rate limit (M_LIMIT_EXCEEDED, with
  // the delay the homeserver asked for). The relay names its codes in its error messages.
  processError(error) {
    if (typeof error?.asWidgetApiErrorData === "function") return { matrix_api_error: error.asWidgetApiErrorData() };
    const named = /^(M_[A-Z0-9_]+): ?(.*)$/.exec(String(error?.message ?? ""));
    if (!named) return undefined;
    const status = { M_NOT_FOUND: 404, M_LIMIT_EXCEEDED: 429, M_FORBIDDEN: 403, M_UNRECOGNIZED: 404 }[named[1]] ?? 400;
    return { matrix_api_error: { http_status: status, http_headers: {}, url: "", response: { errcode: named[1], error: named[2] } } };
  }

  async *getTurnServers() {
    yield* this.backend.turnServers();
    // turn=offered: each server harness.offerTurnServers({uris, username, password}) gets goes to
    // the widget, as a homeserver's /voip/turnServer answers would.
    if (cfg.turn !== "offered") return;
    for (;;) {
      while (turnQueue.length > 0) yield turnQueue.shift();
      await new Promise((resolve) => (turnWake = resolve));
    }
  }
}

// ---- put the widget on the page, as Element Web does ----------------------------------------
function widgetUrl() {
  const fragment = new URLSearchParams({
    perParticipantE2EE: "true",
    userId,
    deviceId,
    roomId,
    baseUrl: location.origin,
    lang: cfg.lang || "en",
    fontScale: cfg.fontScale || "1",
    theme: cfg.theme,
    intent: cfg.intent,
  });
  if (cfg.skipLobby) fragment.set("skipLobby", cfg.skipLobby);
  if (cfg.frameTransform) fragment.set("frameTransform", cfg.frameTransform);
  // Absolute (the standalone widget on its own origin) or a path on this page's origin (the
  // embedded distribution, where Element Web keeps its call widget).
  const url = new URL(cfg.widgetUrl, location.href);
  url.searchParams.set("widgetId", widgetId);
  url.searchParams.set("parentUrl", location.href.split("#")[0]);
  url.hash = "?" + fragment.toString();
  return url.toString();
}

// The widget is put on the page once the room's state has arrived, as Element Web mounts its call
// widget for a room it has loaded: the widget's first update_state then carries the whole state.
// After a reconnect only what changed is fed, as a client's sync would deliver it.
let api = null;
const sync = {
  // timelineEvents: the room's recent history, as a client's first sync brings it (the widget reads
  // it with read_events; it is not pushed to the widget as new).
  init(stateEvents, timelineEvents) {
    const known = new Set(timeline.map((e) => e.event_id));
    for (const e of timelineEvents ?? []) {
      if (typeof e.state_key !== "string" && !known.has(e.event_id)) timeline.push(e);
    }
    const changed = stateEvents.filter((e) => state.get(e.type)?.get(e.state_key)?.event_id !== e.event_id);
    changed.forEach(remember);
    if (api === null) mountWidget();
    else for (const e of changed) push(api.feedStateUpdate(e));
  },
  event(event) {
    if (api === null) return; // not before the first init
    remember(event);
    push(api.feedEvent(event));
    if (typeof event.state_key === "string") push(api.feedStateUpdate(event));
  },
  toDevice(message, encrypted) {
    const seen = (harness.toDeviceIn[message.type] ??= { encrypted: 0, clear: 0 });
    seen[encrypted ? "encrypted" : "clear"]++;
    if (harness.withholdToDevice.includes(message.type)) {
      harness.withheld++;
      return;
    }
    if (api !== null) push(api.feedToDevice(message, encrypted));
  },
};

// Every push to the widget (events, state, to-device) is a request the widget must answer within
// matrix-widget-api's 10 s: counted here, with the slowest answer, for the tests.
harness.pushes = { sent: 0, answered: 0, failed: 0, slowestMs: 0 };
function push(promise) {
  const started = performance.now();
  harness.pushes.sent++;
  promise.then(
    () => {
      harness.pushes.answered++;
      harness.pushes.slowestMs = Math.max(harness.pushes.slowestMs, performance.now() - started);
    },
    () => harness.pushes.failed++,
  );
}

const iframe = document.createElement("iframe");
function mountWidget() {
  iframe.setAttribute("data-testid", "widget-frame");
  iframe.allow = (cfg.devicesBlocked ? "" : "microphone; camera; ") +
    "encrypted-media; autoplay; display-capture; clipboard-write; clipboard-read;";
  iframe.setAttribute("sandbox",
    "allow-forms allow-popups allow-popups-to-escape-sandbox allow-same-origin allow-scripts allow-presentation allow-downloads");
  const url = widgetUrl();
  iframe.src = url;
  document.getElementById("harness").appendChild(iframe);

  const widget = new Widget({
    id: widgetId,
    creatorUserId: userId,
    type: "m.call",
    url,
    waitForIframeLoad: cfg.waitForIframeLoad === "true",
    data: {},
  });
  api = new ClientWidgetApi(widget, iframe, new HostDriver(backend));
  api.setViewedRoomId(roomId);
  harness.api = api;
  harness.widgetOrigin = widget.origin;
  api.on("ready", () => (harness.ready = true));

  // Element Web's own actions: acknowledge and record them, as Element Web's call view does.
  for (const action of ["io.element.join", "im.vector.hangup", "io.element.close", "io.element.device_mute", "set_always_on_screen"]) {
    api.on("action:" + action, (ev) => {
      ev.preventDefault();
      harness.elementActions.push({ action, data: ev.detail.data });
      api.transport.reply(ev.detail, {});
    });
  }
}

// What the widget posts to this page: envelope metadata only (data may carry keys).
window.addEventListener("message", (ev) => {
  if (ev.source !== iframe.contentWindow) return;
  const d = ev.data;
  const isObject = d !== null && typeof d === "object";
  harness.messagesFromWidget.push({
    origin: ev.origin,
    api: isObject ? d.api : typeof d,
    requestId: isObject ? d.requestId : null,
    action: isObject ? d.action : null,
    hasResponse: isObject && "response" in d,
    error: isObject && d.response && d.response.error ? String(d.response.error.message) : null,
  });
});

harness.postToWidget = (message) => iframe.contentWindow.postMessage(message, harness.widgetOrigin);
harness.setTheme = (name) => api.updateTheme({ name });
harness.setLanguage = (lang) => api.updateLanguage(lang);
harness.hangup = () => api.transport.send("im.vector.hangup", {});
harness.deviceMute = (data) => api.transport.send("io.element.device_mute", data);
// Sends as this page's own device, not through the widget (a participant who is not in the call).
harness.sendToDeviceAsHost = (type, encrypted, messages) => backend.sendToDevice(type, encrypted, messages);
harness.offerTurnServers = (server) => {
  turnQueue.push(server);
  if (turnWake) turnWake();
};

// ---- connect to the homeserver (last: everything above is ready for its first state) ----------
let backend;
if (cfg.homeserver) {
  // The access token comes from whoever opened the page (the test rig, before the page's scripts
  // run), never from the URL.
  const session = window.conclaveHostSession;
  try {
    if (!session?.accessToken) throw new Error("no session: window.conclaveHostSession.accessToken is not set");
    const { connectMatrix } = await import("./matrix-backend.js");
    backend = await connectMatrix(cfg, session, sync, harness.counters);
    harness.matrixClient = backend.client;
    sync.init(backend.start());
  } catch (e) {
    harness.error = String(e?.message ?? e);
    document.getElementById("harness").textContent = "Cannot reach the homeserver: " + harness.error;
    throw e;
  }
} else {
  backend = new RelayBackend(new Relay((msg) => {
    if (msg.op === "init") sync.init(msg.state, msg.timeline);
    else if (msg.op === "event") sync.event(msg.event);
    else if (msg.op === "to_device") sync.toDevice(msg.message, msg.encrypted);
  }));
}
