// `pnpm persisted-manifest`: writes the storefront's persisted query manifest
// (storefront/persisted-query-manifest.json, see storefront/tools/persisted-manifest.ts), the
// safelist the gateway reads with PERSISTED_QUERIES=safelist; `--check` only compares.
import { readFileSync, writeFileSync } from "node:fs";
import { buildManifest, MANIFEST_PATH, manifestText } from "../storefront/tools/persisted-manifest.ts";

const text = manifestText(buildManifest());
if (process.argv.includes("--check")) {
  if (readFileSync(MANIFEST_PATH, "utf8") !== text) {
    console.error(`${MANIFEST_PATH} is out of date: run pnpm persisted-manifest`);
    process.exit(1);
  }
  console.log(`${MANIFEST_PATH} is current`);
} else {
  writeFileSync(MANIFEST_PATH, text);
  console.log(`wrote ${MANIFEST_PATH}`);
}
