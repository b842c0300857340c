// First-load JS per page from a production build, without a browser: the root main files plus
// each page's entry chunks (its page and layouts) from the client reference manifests, gzipped.
// Matches bench/ui.ts's browser figure within about 1.5 KB. Usage: node bench/first-load.mjs
// [page-substring to list its chunks]; NEXT_DIST_DIR picks the build folder (default .next).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const root = process.env.NEXT_DIST_DIR || ".next";
const manifest = JSON.parse(fs.readFileSync(path.join(root, "build-manifest.json"), "utf8"));
const gzipSize = (file) => zlib.gzipSync(fs.readFileSync(path.join(root, file))).length;

/** @param {string} dir @param {string[]} out */
function findManifests(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findManifests(full, out);
    else if (entry.name === "page_client-reference-manifest.js") out.push(full);
  }
  return out;
}

const detailOf = process.argv[2];
for (const file of findManifests(path.join(root, "server/app"), [])) {
  const match = fs.readFileSync(file, "utf8").match(/"entryJSFiles":(\{.*?\})\s*[,}]/s);
  if (!match) continue;
  const entries = JSON.parse(match[1]);
  const page = path.dirname(file).slice(path.join(root, "server/app").length) || "/";
  const chunks = new Set(manifest.rootMainFiles);
  for (const [key, list] of Object.entries(entries)) if (key.includes("page") || key.includes("layout")) for (const chunk of list) chunks.add(chunk.replace(/^\/_next\//, ""));
  const sizes = [...chunks].map((chunk) => [chunk, gzipSize(chunk)]);
  const total = sizes.reduce((sum, [, size]) => sum + size, 0);
  console.log(`${page.padEnd(40)} ${(total / 1024).toFixed(1)} KB gzip, ${sizes.length} files`);
  if (detailOf && page.includes(detailOf)) for (const [chunk, size] of sizes.sort((a, b) => b[1] - a[1])) console.log(`    ${chunk} ${(size / 1024).toFixed(1)} KB`);
}
