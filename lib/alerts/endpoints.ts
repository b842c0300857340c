// The dashboard's alert settings routes: one definition per operation (see lib/http/endpoint.ts).
import { defineEndpoint, defineResource } from "@/lib/http/endpoint";
import {
  createDestinationBody,
  deliveriesQuery,
  deliveriesResponse,
  destinationIdParams,
  destinationResponse,
  destinationsResponse,
  testDeliveryResponse,
  updateDestinationBody,
} from "./schemas";

const destinations = defineResource({ family: "internal", path: "/api/internal/alerts/destinations", params: destinationIdParams, writeRole: "admin" });

export const listDestinationsEndpoint = destinations.list({
  operationId: "listAlertDestinations",
  summary: "List alert destinations (analysts see only each URL's origin)",
  response: { description: "The destinations", schema: destinationsResponse },
});

export const createDestinationEndpoint = destinations.create({
  operationId: "createAlertDestination",
  summary: "Add an alert destination",
  body: createDestinationBody,
  response: { description: "The new destination (with its signing secret, shown once)", schema: destinationResponse },
});

export const updateDestinationEndpoint = destinations.update({
  operationId: "updateAlertDestination",
  summary: "Change an alert destination",
  body: updateDestinationBody,
  response: { description: "The destination", schema: destinationResponse },
});

export const deleteDestinationEndpoint = destinations.remove({ operationId: "deleteAlertDestination", summary: "Remove an alert destination" });

export const testDestinationEndpoint = destinations.action("test", {
  operationId: "testAlertDestination",
  summary: "Send a test message now (throttled per destination and organization)",
  response: { description: "The test message's delivery", schema: testDeliveryResponse },
});

export const listDeliveriesEndpoint = defineEndpoint({
  family: "internal",
  method: "GET",
  path: "/api/internal/alerts/deliveries",
  operationId: "listAlertDeliveries",
  summary: "The delivery log (latest 100), optionally for one destination",
  query: deliveriesQuery,
  response: { description: "The deliveries", schema: deliveriesResponse },
});
