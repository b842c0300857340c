// normalise() reads which of collectBody's options matched from the parsed output (no second
// parse): each shape must land where a second parse would have put it, including bodies that
// fail one option and pass another.
import { describe, expect, it } from "vitest";
import { normalise } from "@/lib/web/collect";
import { collectBody } from "@/lib/web/schemas";

const SITE = "0b7c8a4e-5d1f-4c3a-9e2b-1f6d7a8b9c0d";
const parsed = (body: unknown) => normalise(collectBody.parse(body));

describe("normalise after collectBody.parse", () => {
  it("a batch: every event, the site by id", () => {
    const out = parsed({ website: SITE, events: [{ type: "pageview", url: "https://a.example/1" }, { type: "event", name: "Signup", url: "https://a.example/2" }] });
    expect(out.siteRef).toEqual({ id: SITE });
    expect(out.events.map((e) => [e.type, e.name ?? null])).toEqual([["pageview", null], ["event", "Signup"]]);
  });

  it("a batch without a site reference takes the first event's host", () => {
    expect(parsed({ events: [{ type: "pageview", url: "https://Shop.Example/x" }] }).siteRef).toEqual({ domain: "shop.example" });
  });

  it("a single native event, with props kept as JSON text", () => {
    const out = parsed({ type: "pageview", url: "https://a.example/x", website_id: SITE, props: { plan: "pro" } });
    expect(out.siteRef).toEqual({ id: SITE });
    expect(out.events).toHaveLength(1);
    expect(out.events[0]).toMatchObject({ type: "pageview", url: "https://a.example/x", propsText: '{"plan":"pro"}' });
  });

  it("a native event whose `events` is not a list is read as the single event (the batch option failed)", () => {
    const out = parsed({ type: "pageview", url: "https://a.example/x", website: SITE, events: "not a list" });
    expect(out.events).toHaveLength(1);
    expect(out.events[0].type).toBe("pageview");
  });

  it("an unknown native type falls through to the Plausible shape, which needs a name", () => {
    expect(() => parsed({ type: "click", url: "https://a.example/x", domain: "a.example" })).toThrow(/Missing event name/);
    expect(parsed({ type: "click", name: "pageview", url: "https://a.example/x", domain: "a.example" }).events[0].type).toBe("pageview");
  });
});
