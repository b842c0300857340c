// Website commands: create and list websites, import hourly metric history from CSV.
import { readFile } from "node:fs/promises";
import { args, CliError, info, printJson, requireOption, type Command } from "../io";
import { HttpError } from "@/lib/http/errors";
import { findOrgBySlug } from "@/lib/org/organizations";
import { createWebsite, importWebMetrics, listWebsiteRecords, parseMetricsCsv, toWebsiteJson } from "@/lib/web/websites";
import { metricImportBody } from "@/lib/web/schemas";
import { db } from "@/lib/db/client";

async function orgFromOption(slug: string | undefined) {
  const org = await findOrgBySlug(requireOption(slug, "org"));
  if (!org) throw new CliError(`no organization with slug '${slug}'`);
  return org;
}

function cliErrorFrom(error: unknown): never {
  if (error instanceof HttpError) throw new CliError(error.message);
  throw error;
}

export const webCommands: Record<string, Command> = {
  "websites create": {
    summary: "add a website: --org slug --domain d [--name n] [--timezone tz] [--json]",
    async run(argv) {
      const { values, json } = args(argv, { org: { type: "string" }, domain: { type: "string" }, name: { type: "string" }, timezone: { type: "string" } });
      const org = await orgFromOption(values.org);
      const website = await createWebsite(org, { domain: requireOption(values.domain, "domain"), name: values.name, timezone: values.timezone }).catch(cliErrorFrom);
      const out = { ...toWebsiteJson(website), org: org.slug };
      if (json) printJson(out);
      else {
        info(`created website ${website.domain} (${website.name}); add to its pages:`);
        process.stdout.write(`${website.id}\n<script defer src="https://YOUR-BANDWATCH-HOST/tracker.js" data-website="${website.id}"></script>\n`);
      }
    },
  },
  "websites list": {
    summary: "list websites: --org slug [--json]",
    async run(argv) {
      const { values, json } = args(argv, { org: { type: "string" } });
      const org = await orgFromOption(values.org);
      const websites = (await listWebsiteRecords(org)).map(toWebsiteJson);
      if (json) printJson(websites);
      else for (const w of websites) process.stdout.write(`${w.id}\t${w.domain}\t${w.name}\t${w.timezone}\n`);
    },
  },
  "metrics import": {
    summary: "import hourly history: --website id <file.csv> (columns hour,metric,value[,denominator])",
    async run(argv) {
      const { values, json, positionals } = args(argv, { website: { type: "string" } });
      const websiteId = requireOption(values.website, "website");
      const file = positionals[0];
      if (!file) throw new CliError("usage: bandwatch metrics import --website <id> <file.csv>");
      const website = await db().website.findUnique({ where: { id: websiteId }, select: { id: true, orgId: true } }).catch(() => null);
      if (!website) throw new CliError(`no website with id '${websiteId}'`);
      const text = await readFile(file, "utf8").catch(() => {
        throw new CliError(`cannot read ${file}`);
      });
      const { rows, errors } = parseMetricsCsv(text);
      if (errors.length) throw new CliError(`${file}: ${errors.slice(0, 5).join("; ")}`);
      if (!rows.length) throw new CliError(`${file}: no rows`);
      let total = { imported: 0, hours: 0, from: null as string | null, to: null as string | null };
      const CHUNK = 10_000;
      for (let i = 0; i < rows.length; i += CHUNK) {
        const parsed = metricImportBody.safeParse(rows.slice(i, i + CHUNK));
        if (!parsed.success) {
          // (lib/http/route's zodDetails is not imported: it pulls next-auth into the CLI.)
          const issue = parsed.error.issues[0];
          const [row, ...field] = issue?.path ?? [];
          const where = typeof row === "number" ? ` data row ${row + i + 1}` : "";
          throw new CliError(`${file}${where}: ${field.join(".")} ${issue?.message ?? "invalid"}`.trim());
        }
        const result = await importWebMetrics({ id: website.orgId }, website.id, parsed.data).catch(cliErrorFrom);
        total = {
          imported: total.imported + result.imported,
          hours: total.hours + result.hours,
          from: total.from && result.from && total.from < result.from ? total.from : (result.from ?? total.from),
          to: total.to && result.to && total.to > result.to ? total.to : (result.to ?? total.to),
        };
      }
      if (json) printJson({ website: website.id, ...total });
      else info(`imported ${total.imported} values (${total.from} .. ${total.to}); run \`bandwatch detect\` to judge them`);
    },
  },
};
