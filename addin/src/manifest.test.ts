import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { AppManifestUtils } from "@microsoft/app-manifest";
import { describe, expect, it } from "vitest";

// The unified manifest (manifest.json, beside manifest.xml) is validated against the JSON schema that
// Microsoft's own @microsoft/app-manifest package ships for its manifestVersion, with that package's
// validator: no network, no copy of the schema in this repository.
const manifestPath = resolve(__dirname, "../../manifest.json");
const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { $schema: string; manifestVersion: string };
const packageRoot = dirname(createRequire(import.meta.url).resolve("@microsoft/app-manifest/package.json"));

describe("manifest.json", () => {
  it("validates against the schema @microsoft/app-manifest ships for its version", async () => {
    const schemaPath = join(packageRoot, "build", "json-schemas", "teams", `v${manifest.manifestVersion}`, "MicrosoftTeams.schema.json");
    const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as object;

    const errors = await AppManifestUtils.validateAgainstSchema(manifest as never, schema as never);

    expect(errors).toEqual([]);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
  });

  it("fails that validation when a required part is missing", async () => {
    const schemaPath = join(packageRoot, "build", "json-schemas", "teams", `v${manifest.manifestVersion}`, "MicrosoftTeams.schema.json");
    const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as object;
    const broken: Record<string, unknown> = { ...manifest };
    delete broken.id;

    const errors = await AppManifestUtils.validateAgainstSchema(broken as never, schema as never);

    expect(errors.join("\n")).toContain("id");
  });
});
