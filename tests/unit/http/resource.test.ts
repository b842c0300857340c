// defineResource: the REST shape of a resource (methods, paths, write role, status codes)
// is derived in one place; each operation adds only its own names and schemas. And handle()
// answers a handler that returns nothing with the documented success status and no body.
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { defineEndpoint, defineResource } from "@/lib/http/endpoint";
import { handle } from "@/lib/http/handle";

const params = z.object({ id: z.string() });
const item = z.object({ data: z.object({ name: z.string() }) });
const things = defineResource({ family: "cloudV1", path: "/api/v1/things", params, writeRole: "admin" });

// Checked by tsc: the item path is `{path}/{id}`, so a params schema without `id` is refused.
// @ts-expect-error -- no `id` in these params
defineResource({ family: "internal", path: "/api/internal/things", params: z.object({ thingId: z.string() }), writeRole: "admin" });

describe("defineResource", () => {
  it("puts list and create on the collection, create needing the write role and answering 201", () => {
    const list = things.list({ operationId: "listThings", summary: "List", response: { description: "The things", schema: item } });
    expect(list).toMatchObject({ family: "cloudV1", method: "GET", path: "/api/v1/things", operationId: "listThings" });
    expect(list.role).toBeUndefined();
    expect(list.params).toBeUndefined();
    const create = things.create({ operationId: "createThing", summary: "Add", body: item, response: { description: "The new thing", schema: item } });
    expect(create).toMatchObject({ method: "POST", path: "/api/v1/things", role: "admin", body: item, response: { status: 201, description: "The new thing", schema: item } });
    expect(create.params).toBeUndefined();
  });

  it("puts get, update and remove on {path}/{id} with the resource's params; writes need the write role", () => {
    const get = things.get({ operationId: "getThing", summary: "Get", response: { description: "The thing", schema: item } });
    expect(get).toMatchObject({ method: "GET", path: "/api/v1/things/{id}" });
    expect(get.params).toBe(params);
    expect(get.role).toBeUndefined();
    const update = things.update({ operationId: "updateThing", summary: "Change", body: item, response: { description: "The thing", schema: item } });
    expect(update).toMatchObject({ method: "PATCH", path: "/api/v1/things/{id}", role: "admin", response: { description: "The thing" } });
    expect(update.params).toBe(params);
    expect(update.response.status).toBeUndefined();
    const remove = things.remove({ operationId: "removeThing", summary: "Remove" });
    expect(remove).toMatchObject({ method: "DELETE", path: "/api/v1/things/{id}", role: "admin", response: { status: 204, description: "Removed" } });
  });

  it("lets an operation replace the defaults: its own answer, a read role, a status", () => {
    const revoke = things.remove({ operationId: "revokeThing", summary: "Revoke", response: { description: "The revoked thing", schema: item } });
    expect(revoke.response).toEqual({ description: "The revoked thing", schema: item });
    const list = things.list({ operationId: "listThings", summary: "List", role: "admin", response: { description: "The things" } });
    expect(list.role).toBe("admin");
    const create = things.create({ operationId: "createThing", summary: "Add", response: { status: 200, description: "Added" } });
    expect(create.response.status).toBe(200);
  });

  it("puts actions and `at` operations below the item", () => {
    expect(things.action("dismiss", { operationId: "dismissThing", summary: "Dismiss", response: { description: "Done" } })).toMatchObject({
      method: "POST",
      path: "/api/v1/things/{id}/dismiss",
      role: "admin",
      params,
    });
    expect(things.get({ at: "series", operationId: "thingSeries", summary: "Series", response: { description: "Points" } })).toMatchObject({ method: "GET", path: "/api/v1/things/{id}/series" });
    const settings = things.update({ at: "settings", operationId: "updateThingSettings", summary: "Settings", response: { description: "Settings" } });
    expect(settings).toMatchObject({ method: "PATCH", path: "/api/v1/things/{id}/settings", role: "admin" });
    expect(settings).not.toHaveProperty("at");
  });
});

describe("handle() with a handler that returns nothing", () => {
  it("answers the documented success status with an empty body", async () => {
    const endpoint = defineEndpoint({ family: "meta", method: "DELETE", path: "/api/things", operationId: "clearThings", summary: "Clear", response: { status: 204, description: "Removed" } });
    let called = false;
    const DELETE = handle(endpoint, async () => {
      called = true;
    });
    const response = await DELETE(new Request("http://test/api/things", { method: "DELETE" }));
    expect(called).toBe(true);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
  });
});
