// The dashboard's alert settings routes: one definition per operation (see lib/http/endpoint.ts).
import { defineEndpoint } from "@/lib/http/endpoint";
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

export const listDestinationsEndpoint = defineEndpoint({
  family: "internal",
  method: "GET",
  path: "/api/internal/alerts/destinations",
  operationId: "listAlertDestinations",
  summary: "List alert destinations (analysts see only each URL's origin)",
  response: { description: "The destinations", schema: destinationsResponse },
});

export const createDestinationEndpoint = defineEndpoint({
  family: "internal",
  method: "POST",
  path: "/api/internal/alerts/destinations",
  operationId: "createAlertDestination",
  summary: "Add an alert destination",
  role: "admin",
  body: createDestinationBody,
  response: { status: 201, description: "The new destination (with its signing secret, shown once)", schema: destinationResponse },
});

export const updateDestinationEndpoint = defineEndpoint({
  family: "internal",
  method: "PATCH",
  path: "/api/internal/alerts/destinations/{id}",
  operationId: "updateAlertDestination",
  summary: "Change an alert destination",
  role: "admin",
  params: destinationIdParams,
  body: updateDestinationBody,
  response: { description: "The destination", schema: destinationResponse },
});

export const deleteDestinationEndpoint = defineEndpoint({
  family: "internal",
  method: "DELETE",
  path: "/api/internal/alerts/destinations/{id}",
  operationId: "deleteAlertDestination",
  summary: "Remove an alert destination",
  role: "admin",
  params: destinationIdParams,
  response: { status: 204, description: "Removed" },
});

export const testDestinationEndpoint = defineEndpoint({
  family: "internal",
  method: "POST",
  path: "/api/internal/alerts/destinations/{id}/test",
  operationId: "testAlertDestination",
  summary: "Send a test message now (throttled per destination and organization)",
  role: "admin",
  params: destinationIdParams,
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
