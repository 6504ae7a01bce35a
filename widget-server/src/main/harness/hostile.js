// A frame that is not the widget's host: it finds the widget frame through its parent and posts
// look-alike Widget API messages with the right widget id. Everything that comes back is
// recorded in window.hostile.replies; the browser tests expect none and no effect on the widget.
const hostile = (window.hostile = { replies: [], sent: 0, done: false });
window.addEventListener("message", (ev) => hostile.replies.push({ origin: ev.origin, data: ev.data }));

const params = new URLSearchParams(location.search);
const widgetId = params.get("widgetId");
const target = window.parent.frames[Number(params.get("frame") || "0")];
const base = { api: "toWidget", widgetId };
const messages = [
  { ...base, requestId: "evil-1", action: "capabilities", data: {} },
  { ...base, requestId: "evil-2", action: "theme_change", data: { name: "light" } },
  { ...base, requestId: "evil-3", action: "update_state", data: { state: [
    { type: "m.room.name", state_key: "", content: { name: "Hijacked room" }, room_id: params.get("roomId"),
      sender: "@mallory:evil.example", event_id: "$evil", origin_server_ts: Date.now() } ] } },
  { ...base, requestId: "evil-4", action: "notify_capabilities", data: { requested: [], approved: [] } },
  { ...base, requestId: "evil-5", action: "no_such_action", data: {} },
  { api: "fromWidget", widgetId, requestId: "conclave-guess-1", action: "content_loaded", data: {}, response: {} },
];
for (const m of messages) {
  target.postMessage(m, "*");
  target.postMessage(JSON.stringify(m), "*");
  hostile.sent += 2;
}
hostile.done = true;
