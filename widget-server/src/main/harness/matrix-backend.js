// The harness's homeserver when the host page is opened with homeserver=<url>: a real Matrix
// client (matrix-js-sdk, with its Rust crypto in WebAssembly) logged in as a real device, playing
// the part Element Web's widget driver plays. Room state and timeline come from /sync; to-device
// messages go out Olm-encrypted to real devices and come in decrypted, each marked encrypted or
// not as the crypto stack reports it; delayed events, OpenID tokens and RTC transports are the
// homeserver's own. Loaded only by host pages on a real homeserver (the demo never downloads it).
//
// Nothing here logs event or to-device contents, or the access token.
import { initAsync } from "@matrix-org/matrix-sdk-crypto-wasm";
import { ClientEvent, createClient, SyncState } from "matrix-js-sdk";

// js-sdk and its Rust crypto log at debug level by default: a call's worth of sync and key chatter
// in the host's console. This client's logger says warnings and errors only.
function quietLogger(prefix) {
  const quiet = () => {};
  return {
    trace: quiet,
    debug: quiet,
    info: quiet,
    warn: (...args) => console.warn(prefix, ...args),
    error: (...args) => console.error(prefix, ...args),
    getChild: (name) => quietLogger(prefix + " " + name),
  };
}

/**
 * Logs in as {@code session} ({ accessToken }) on {@code cfg.homeserver} and syncs until the room
 * is loaded. Returns the backend the host's driver calls; its {@code start()} gives the room's
 * state, after which {@code sync.event(event)} gets each event of the room. To-device messages go
 * to {@code sync.toDevice(message, encrypted)} from the start.
 */
export async function connectMatrix(cfg, session, sync, counters) {
  // The wasm sits beside the bundle (build.mjs copies it there).
  await initAsync(new URL("./matrix_sdk_crypto_wasm_bg.wasm", import.meta.url));
  const client = createClient({
    baseUrl: cfg.homeserver,
    userId: cfg.userId,
    deviceId: cfg.deviceId,
    accessToken: session.accessToken,
    logger: quietLogger("[matrix]"),
    // Calls are the widget's: js-sdk's own (legacy) VoIP stays out of the m.call.* to-device traffic.
    disableVoip: true,
  });
  await client.initRustCrypto({ useIndexedDB: false });

  client.on(ClientEvent.ReceivedToDeviceMessage, ({ message, encryptionInfo }) => {
    sync.toDevice({ type: message.type, sender: message.sender, content: message.content }, encryptionInfo !== null);
  });
  // Events of the room as /sync delivers them (state and timeline; not local echoes), decrypted
  // where they were encrypted, as Element Web's driver feeds its widgets.
  let loaded = false;
  client.on(ClientEvent.Event, (event) => {
    if (!loaded || event.getRoomId() !== cfg.roomId) return;
    if (!event.isEncrypted()) {
      sync.event(event.getEffectiveEvent());
      return;
    }
    client.decryptEventIfNeeded(event).then(() => {
      if (!event.isDecryptionFailure()) sync.event(event.getEffectiveEvent());
    });
  });

  const prepared = new Promise((resolve, reject) => {
    const onSync = (state, _previous, data) => {
      if (state === SyncState.Prepared) {
        client.off(ClientEvent.Sync, onSync);
        resolve();
      } else if (state === SyncState.Error && !client.isInitialSyncComplete()) {
        client.off(ClientEvent.Sync, onSync);
        reject(new Error("the first sync with " + cfg.homeserver + " failed: " + (data?.error?.errcode ?? "no answer")));
      }
    };
    client.on(ClientEvent.Sync, onSync);
  });
  await client.startClient({ initialSyncLimit: 20, lazyLoadMembers: false });
  await prepared;
  if (!client.getRoom(cfg.roomId)) throw new Error(cfg.userId + " is not in " + cfg.roomId + " on " + cfg.homeserver);

  return {
    client,

    // The room's state now; from here on every event of the room goes to sync.event.
    start() {
      const stateEvents = [];
      for (const byKey of client.getRoom(cfg.roomId).currentState.events.values()) {
        for (const event of byKey.values()) stateEvents.push(event.getEffectiveEvent());
      }
      loaded = true;
      return stateEvents;
    },

    async sendEvent(type, content, stateKey) {
      const r = typeof stateKey === "string"
        ? await client.sendStateEvent(cfg.roomId, type, content, stateKey)
        : await client.sendEvent(cfg.roomId, type, content);
      return { roomId: cfg.roomId, eventId: r.event_id };
    },

    async sendDelayed(delay, type, content, stateKey) {
      const r = typeof stateKey === "string"
        ? await client._unstable_sendDelayedStateEvent(cfg.roomId, { delay }, type, content, stateKey)
        : await client._unstable_sendDelayedEvent(cfg.roomId, { delay }, null, type, content);
      return { roomId: cfg.roomId, delayId: r.delay_id };
    },

    async updateDelayed(delayId, action) {
      await client._unstable_updateDelayedEvent(delayId, action);
    },

    // As Element Web's driver: Olm-encrypt each distinct payload for its devices (the Rust crypto
    // claims one-time keys and waits for pending device-list queries), then queue the batch. A
    // device the crypto stack does not know gets nothing: counted, and said without contents.
    async sendToDevice(type, encrypted, messages) {
      if (!encrypted) {
        const batch = [];
        for (const [userId, byDevice] of Object.entries(messages)) {
          for (const [deviceId, payload] of Object.entries(byDevice)) batch.push({ userId, deviceId, payload });
        }
        await client.queueToDevice({ eventType: type, batch });
        return;
      }
      const byPayload = new Map();
      for (const [userId, byDevice] of Object.entries(messages)) {
        for (const [deviceId, payload] of Object.entries(byDevice)) {
          const text = JSON.stringify(payload);
          if (!byPayload.has(text)) byPayload.set(text, []);
          byPayload.get(text).push({ userId, deviceId });
        }
      }
      await Promise.all([...byPayload].map(async ([text, devices]) => {
        const batch = await client.getCrypto().encryptToDeviceMessages(type, devices, JSON.parse(text));
        if (batch.batch.length < devices.length) {
          const missing = devices.filter((d) => !batch.batch.some((b) => b.userId === d.userId && b.deviceId === d.deviceId));
          counters.unencryptable += missing.length;
          console.warn("harness: no Olm session possible with " + missing.map((d) => d.userId + ":" + d.deviceId).join(", ")
            + "; " + type + " not sent to them");
        }
        if (batch.batch.length > 0) await client.queueToDevice(batch);
      }));
    },

    async openId() {
      return client.getOpenIdToken();
    },

    // MSC4143: the homeserver's RTC transports; none where it has none or does not know the endpoint.
    async rtcTransports() {
      try {
        return (await client._unstable_getRTCTransports()) ?? [];
      } catch (e) {
        if (e?.httpStatus === 404) return [];
        throw e;
      }
    },

    // The homeserver's TURN servers (its /voip/turnServer), and fresh credentials before these
    // expire, as Element Web's client keeps them; none where it has none.
    async *turnServers() {
      for (;;) {
        let answer;
        try {
          answer = await client.turnServer();
        } catch {
          return;
        }
        if (!answer?.uris?.length) return;
        yield { uris: answer.uris, username: answer.username, password: answer.password };
        const ttl = typeof answer.ttl === "number" && answer.ttl > 0 ? answer.ttl : 86400;
        await new Promise((resolve) => setTimeout(resolve, Math.max(60, ttl * 0.9) * 1000));
      }
    },
  };
}
