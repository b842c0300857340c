// /docs/api: the interactive API reference (Swagger UI from the swagger-ui-dist package,
// served by ./assets) over /api/openapi.json. A plain HTML answer: Swagger UI manages
// its own DOM, so it does not go through React.
export const dynamic = "force-static";

const HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Bandwatch API reference</title>
  <link rel="icon" href="/docs/api/assets/favicon-32x32.png" />
  <link rel="stylesheet" href="/docs/api/assets/swagger-ui.css" />
  <style>body{margin:0} .topbar{display:none}</style>
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/api/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/api/assets/init.js"></script>
</body>
</html>
`;

export async function GET() {
  return new Response(HTML, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "public, max-age=300" } });
}
