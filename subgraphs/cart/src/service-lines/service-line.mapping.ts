// From stored service lines to the GraphQL shape.
import { serviceLineQuantity } from "./service-line.rules.js";
import type { ServiceLineRead } from "./service-line.store.js";
import type { CartServiceLine } from "./service-line.type.js";

export const toCartServiceLine = (row: ServiceLineRead): CartServiceLine => ({
  id: row.id,
  serviceId: row.serviceId,
  service: { id: row.serviceId },
  lineId: row.lineId,
  quantity: serviceLineQuantity(row.lineQuantity),
});
