// Validates every object in the given multi-document YAML files against the Kubernetes schemas
// shipped in the npm package kubernetes-models (and @kubernetes-models/prometheus-operator for
// ServiceMonitor and PrometheusRule). Works offline. Prints one line per object and exits 1 if any
// object is invalid or of a kind no schema covers. Usage: node validate.mjs FILE...
// The schemas accept unknown fields; HelmChartTest's strict check catches mistyped field names.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const operatorGroups = new Set(["monitoring.coreos.com"]);

async function modelFor(apiVersion, kind) {
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  const module = operatorGroups.has(group)
    ? `@kubernetes-models/prometheus-operator/${apiVersion}`
    : `kubernetes-models/${apiVersion}`;
  let loaded;
  try {
    loaded = await import(module);
  } catch (e) {
    throw new Error(`no schema for apiVersion ${apiVersion}`);
  }
  if (typeof loaded[kind] !== "function") {
    throw new Error(`no schema for kind ${kind} in ${apiVersion}`);
  }
  return loaded[kind];
}

let failures = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      console.log(`FAIL ${file}: YAML: ${doc.errors[0].message}`);
      failures++;
      continue;
    }
    const obj = doc.toJS();
    if (obj == null) continue;
    const name = `${obj.kind ?? "?"}/${obj.metadata?.name ?? "?"}`;
    try {
      if (!obj.apiVersion || !obj.kind || !obj.metadata?.name) {
        throw new Error("apiVersion, kind and metadata.name are required");
      }
      const Model = await modelFor(obj.apiVersion, obj.kind);
      new Model(obj).validate();
      checked++;
      console.log(`ok   ${file}: ${obj.apiVersion} ${name}`);
    } catch (e) {
      failures++;
      console.log(`FAIL ${file}: ${name}: ${e.message}`);
    }
  }
}
console.log(`schema: ${checked} objects valid, ${failures} invalid`);
process.exit(failures > 0 || checked === 0 ? 1 : 0);
