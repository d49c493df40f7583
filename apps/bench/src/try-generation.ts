// temporary driver while main.ts is written
import { benchDocuments } from "./bench-document.js";
import { readMetadataInventory } from "./losses/metadata-inventory.js";
import { measureGeneration } from "./generation/measure-generation.js";
import { toolAdapters } from "./tools/tool-adapters.js";
const only = process.argv[2];
for (const doc of benchDocuments) {
  const inv = readMetadataInventory(doc.file);
  console.log(doc.id, inv.entityTypes.length, inv.navigationProperties.length, inv.boundActions.length, inv.streamProperties.length, inv.enumTypes.length);
  for (const tool of toolAdapters) {
    if (only && tool.id !== only) continue;
    const r = await measureGeneration(tool, doc, inv, 1, await tool.unavailableReason());
    console.log(JSON.stringify(r, null, 1));
  }
}
