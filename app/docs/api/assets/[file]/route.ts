// Swagger UI's static files, read from node_modules/swagger-ui-dist (an allow-list, so
// no other file can be fetched through this route), plus the page's init script.
import { readFile } from "node:fs/promises";
import path from "node:path";

export const dynamic = "force-dynamic";

const FILES: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
};

// Kept out of the HTML so a Content-Security-Policy without 'unsafe-inline' still works.
const INIT = `window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true, tryItOutEnabled: false, persistAuthorization: true });\n`;

const cache = new Map<string, Buffer>();

export async function GET(_request: Request, context: { params: Promise<{ file: string }> }) {
  const { file } = await context.params;
  if (file === "init.js") return new Response(INIT, { headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=300" } });
  const type = FILES[file];
  if (!type) return new Response("Not found", { status: 404 });
  let body = cache.get(file);
  if (!body) {
    body = await readFile(path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "swagger-ui-dist", file));
    cache.set(file, body);
  }
  return new Response(new Uint8Array(body), { headers: { "content-type": type, "cache-control": "public, max-age=86400" } });
}
