// Copies livekit-client's browser build (UMD, global LivekitClient) next to the widget's
// JavaScript: node build.js <output directory>. The source-map reference is dropped (the map is
// not shipped), so that no browser asks for a file that is not there.
const fs = require("fs");
const path = require("path");

const out = process.argv[2];
if (!out) {
  console.error("usage: node build.js <output directory>");
  process.exit(2);
}
const source = path.join(__dirname, "node_modules", "livekit-client", "dist", "livekit-client.umd.js");
const text = fs.readFileSync(source, "utf8").replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, "\n");
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, "livekit-client.js"), text);
