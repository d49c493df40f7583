export { startCapServer, type CapServer } from "./start-cap-server.js";
export type { Cds, CapService } from "./cds-types.js";
export { generateClient, type GeneratedClient } from "./generate-client.js";
export { SEED_PRODUCTS, SEED_TRANSLATIONS, SEED_EVENT_COUNT } from "./seed-data.js";
export { recordingTransport, type RecordedRequest } from "./recording-transport.js";
