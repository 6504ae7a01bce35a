// The capabilities Element Web grants its call widget without a prompt
// (StopGapWidgetDriver for the m.call virtual widget; Conclave's protocol.md §3).
const timeline = (roomId) => "org.matrix.msc2762.timeline:" + roomId;
const ev = (dir, kind, type, key) =>
  "org.matrix.msc2762." + dir + "." + kind + ":" + type.replace(/#/g, "\\#") + (key === undefined ? "" : "#" + key);
const td = (dir, type) => "org.matrix.msc3819." + dir + ".to_device:" + type;

export function callWidgetCapabilities(userId, deviceId, roomId) {
  const caps = new Set([
    "m.always_on_screen",
    "town.robin.msc3846.turn_servers",
    "org.matrix.msc4515.rtc_transports",
    timeline(roomId),
    "org.matrix.msc4157.send.delayed_event",
    "org.matrix.msc4157.update_delayed_event",
    "org.matrix.msc4039.download_file",
    "org.matrix.msc4407.send.sticky_event",
    "org.matrix.msc4407.receive.sticky_event",
  ]);
  for (const t of ["m.room.name", "m.room.member", "m.room.create", "m.room.encryption", "org.matrix.msc3401.call",
    "org.matrix.msc4143.rtc.slot", "org.matrix.msc3401.call.member"]) {
    caps.add(ev("receive", "state_event", t));
  }
  for (const key of [userId, `_${userId}_${deviceId}`, `_${userId}_${deviceId}_m.call`, `${userId}_${deviceId}`,
    `${userId}_${deviceId}_m.call`]) {
    caps.add(ev("send", "state_event", "org.matrix.msc3401.call.member", key));
  }
  for (const t of ["org.matrix.msc4075.call.notify", "org.matrix.msc4075.rtc.notification"]) {
    caps.add(ev("send", "event", t));
  }
  for (const t of ["io.element.call.encryption_keys", "org.matrix.rageshake_request", "m.reaction", "m.room.redaction",
    "io.element.call.reaction", "m.rtc.decline", "org.matrix.msc4310.rtc.decline", "m.rtc.member", "org.matrix.msc4143.rtc.member"]) {
    caps.add(ev("send", "event", t));
    caps.add(ev("receive", "event", t));
  }
  for (const t of ["m.call.invite", "m.call.candidates", "m.call.answer", "m.call.hangup", "m.call.reject",
    "m.call.select_answer", "m.call.negotiate", "m.call.sdp_stream_metadata_changed",
    "org.matrix.call.sdp_stream_metadata_changed", "m.call.replaces", "io.element.call.encryption_keys"]) {
    caps.add(td("send", t));
    caps.add(td("receive", t));
  }
  return caps;
}
