// The Kubernetes manifests (deploy/kubernetes), rendered offline with `kubectl kustomize` (no cluster)
// and read as objects: every object is checked against the Kubernetes API schemas
// (kubernetes-models), and the properties a deploy depends on are asserted: probes, resources,
// secrets only by reference, network policies that admit exactly each subgraph's callers (derived
// from the subgraphs' own settings), a migration Job per context, autoscalers and budgets that target
// real Deployments, Service ports that exist.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as core from "kubernetes-models/v1";
import * as apps from "kubernetes-models/apps/v1";
import * as autoscaling from "kubernetes-models/autoscaling/v2";
import * as batch from "kubernetes-models/batch/v1";
import * as networking from "kubernetes-models/networking.k8s.io/v1";
import * as policy from "kubernetes-models/policy/v1";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";

const root = fileURLToPath(new URL("..", import.meta.url));
const subgraphs = ["catalog", "cart", "order", "payment", "pricing", "shipping"];
const processes = ["gateway", ...subgraphs];
const ports: Record<string, number> = { gateway: 4000, catalog: 4001, cart: 4002, order: 4003, payment: 4004, pricing: 4005, shipping: 4006 };
/** Settings that are secrets: they may only ever come from a secretKeyRef. */
const SECRET_KEYS = ["JWT_SECRET", "INTERNAL_SECRET", "DATABASE_URL", "REDIS_URL", "PAYMENT_WEBHOOK_SECRET", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [key: string]: any };
type ModelClass = { apiVersion: string; kind: string; new (data: unknown): { validate(): void } };

const groups: Record<string, Record<string, unknown>> = {
  v1: core,
  "apps/v1": apps,
  "autoscaling/v2": autoscaling,
  "batch/v1": batch,
  "networking.k8s.io/v1": networking,
  "policy/v1": policy,
};

/** The model class of an object's apiVersion and kind; an unknown kind is an error, never skipped. */
function modelFor(object: { apiVersion: string; kind: string }): ModelClass {
  const candidate = groups[object.apiVersion]?.[object.kind] as ModelClass | undefined;
  if (typeof candidate !== "function" || candidate.kind !== object.kind || candidate.apiVersion !== object.apiVersion) {
    throw new Error(`no Kubernetes model for ${object.apiVersion} ${object.kind}`);
  }
  return candidate;
}

const validate = (object: K8sObject) => new (modelFor(object))(object).validate();

const kubectl = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" }).status === 0;
if (!kubectl) console.warn("test/kubernetes.test.ts: skipped, `kubectl` is not on PATH (it renders the kustomizations offline)");

function render(dir: string): K8sObject[] {
  const result = spawnSync("kubectl", ["kustomize", `${root}/deploy/kubernetes/${dir}`], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${result.stderr}`);
  return parseAllDocuments(result.stdout).map((doc) => doc.toJS() as K8sObject).filter(Boolean);
}

const ofKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
const named = (objects: K8sObject[], kind: string, name: string) => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
/** A memory quantity in bytes, a CPU quantity in millicores (the suffixes used here). */
const bytes = (quantity: string) => parseFloat(quantity) * { Mi: 2 ** 20, Gi: 2 ** 30 }[quantity.slice(-2)]!;
const millicores = (quantity: string) => (quantity.endsWith("m") ? parseFloat(quantity) : parseFloat(quantity) * 1000);
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) => Object.entries(selector).every(([k, v]) => labels[k] === v);

/** A container's environment as the pod sees it: its ConfigMaps' values, then its own entries. */
function environment(objects: K8sObject[], container: K8sObject) {
  const env: Record<string, { value?: string; valueFrom?: K8sObject }> = {};
  for (const source of container.envFrom ?? []) {
    const data = named(objects, "ConfigMap", source.configMapRef.name).data ?? {};
    for (const [key, value] of Object.entries(data)) env[key] = { value: value as string };
  }
  for (const entry of container.env ?? []) env[entry.name] = entry;
  return env;
}

/** Which processes each subgraph calls, from the `*_URL` defaults in its config.ts (127.0.0.1:<port>). */
function callsFromSource(): Record<string, string[]> {
  const byPort = Object.fromEntries(Object.entries(ports).map(([name, port]) => [port, name]));
  const calls: Record<string, string[]> = {};
  for (const name of subgraphs) {
    const source = readFileSync(`${root}/subgraphs/${name}/src/config.ts`, "utf8");
    calls[name] = [...source.matchAll(/_URL: z[^\n]*default\("http:\/\/127\.0\.0\.1:(\d+)\//g)].map((m) => byPort[Number(m[1])]).sort();
  }
  return calls;
}

/** Who may call each subgraph's http port: the gateway, and every subgraph that calls it. */
function expectedCallers(): Record<string, string[]> {
  const calls = callsFromSource();
  return Object.fromEntries(subgraphs.map((target) => [target, ["gateway", ...subgraphs.filter((caller) => calls[caller].includes(target))].sort()]));
}

describe("expected callers, from the subgraphs' settings", () => {
  it("are what each config.ts names (cart calls catalog, pricing, shipping; order five; payment order and itself)", () => {
    expect(callsFromSource()).toEqual({
      catalog: [],
      cart: ["catalog", "pricing", "shipping"],
      order: ["cart", "catalog", "payment", "pricing", "shipping"],
      // The test provider delivers its webhooks to PAYMENT_WEBHOOK_URL, the payment Service itself.
      payment: ["order", "payment"],
      pricing: [],
      shipping: [],
    });
  });
});

describe("kubernetes-models", () => {
  it("refuses a broken object and an unknown kind", () => {
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "broken" },
      spec: {
        selector: { matchLabels: { app: "broken" } },
        template: { metadata: { labels: { app: "broken" } }, spec: { containers: [{ name: "x", image: "x", ports: [{ containerPort: "http" }] }] } },
      },
    };
    expect(() => validate(deployment)).toThrow();
    const fixed = structuredClone(deployment);
    fixed.spec.template.spec.containers[0].ports = [{ containerPort: 4000 } as never];
    expect(() => validate(fixed)).not.toThrow();
    const { selector: _, ...withoutSelector } = fixed.spec;
    expect(() => validate({ ...fixed, spec: withoutSelector })).toThrow();
    expect(() => validate({ apiVersion: "apps/v1", kind: "Deploymnet", metadata: { name: "typo" } })).toThrow(/no Kubernetes model/);
  });
});

describe.skipIf(!kubectl)("deploy/kubernetes", () => {
  // Collected even when skipped: render only when kubectl is there.
  const rendered = kubectl
    ? { base: render("base"), dev: render("overlays/dev"), production: render("overlays/production") }
    : { base: [], dev: [], production: [] };

  describe.each(Object.entries(rendered))("%s", (name, objects) => {
    it("renders only objects the Kubernetes schemas accept", () => {
      expect(objects.length).toBeGreaterThan(40);
      for (const object of objects) expect(() => validate(object), `${object.kind} ${object.metadata.name}`).not.toThrow();
      for (const object of objects) expect(object.metadata.namespace ?? (object.kind === "Namespace" ? "trolley" : undefined), `${object.kind} ${object.metadata.name}`).toBe("trolley");
    });

    it("runs each process probed, bounded, non-root and read-only, draining before it stops", () => {
      expect(ofKind(objects, "Deployment").map((d) => d.metadata.name).sort()).toEqual([...processes].sort());
      for (const process of processes) {
        const deployment = named(objects, "Deployment", process);
        // The autoscaler owns the replica count.
        expect(deployment.spec.replicas, process).toBeUndefined();
        const pod = deployment.spec.template.spec;
        expect(pod.securityContext.runAsNonRoot, process).toBe(true);
        expect(pod.securityContext.runAsUser, process).toBeGreaterThan(0);
        const [container] = pod.containers;
        expect(pod.containers, process).toHaveLength(1);
        expect(container.image, process).toMatch(new RegExp(`trolley/${process}(:|$)`));
        expect(container.ports, process).toEqual([
          { name: "http", containerPort: ports[process], protocol: "TCP" },
          { name: "metrics", containerPort: ports[process] + 5400, protocol: "TCP" },
        ]);
        expect(container.readinessProbe.httpGet, process).toEqual({ path: "/health/ready", port: "http" });
        expect(container.livenessProbe.httpGet, process).toEqual({ path: "/health/live", port: "http" });
        for (const kind of ["requests", "limits"]) {
          expect(Object.keys(container.resources[kind]).sort(), `${process} ${kind}`).toEqual(["cpu", "memory"]);
        }
        expect(container.securityContext, process).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
        const env = environment(objects, container);
        expect(env.HOST?.value, process).toBe("0.0.0.0");
        expect(env.PORT?.value, process).toBe(String(ports[process]));
        expect(env.METRICS_PORT?.value, process).toBe(String(ports[process] + 5400));
        // preStop sleep, then the process's drain (runUntilSignal forces an exit after 10 s), within the grace period.
        const [sleep, seconds] = container.lifecycle.preStop.exec.command;
        expect(sleep, process).toBe("sleep");
        expect(Number(seconds), process).toBeGreaterThan(0);
        expect(pod.terminationGracePeriodSeconds, process).toBeGreaterThanOrEqual(Number(seconds) + 10 + 5);
      }
    });

    it("points every *_URL setting at a Service's http port that exists, as the code's defaults do locally", () => {
      const calls = callsFromSource();
      for (const process of processes) {
        const env = environment(objects, named(objects, "Deployment", process).spec.template.spec.containers[0]);
        const targets = Object.entries(env)
          .filter(([key]) => key.endsWith("_URL") && !SECRET_KEYS.includes(key))
          .map(([key, { value }]) => {
            const url = new URL(value!);
            const service = named(objects, "Service", url.hostname);
            expect(service.spec.ports.find((p: K8sObject) => p.name === "http").port, key).toBe(Number(url.port));
            return url.hostname;
          });
        // Every call the code makes is configured here (a missing one would go to 127.0.0.1).
        expect([...new Set(targets)].sort(), process).toEqual(process === "gateway" ? [...subgraphs].sort() : calls[process]);
      }
    });

    it("names only container ports that exist, and targets existing Deployments with autoscalers and budgets", () => {
      const deployments = ofKind(objects, "Deployment");
      for (const service of ofKind(objects, "Service")) {
        const selected = deployments.filter((d) => matches(service.spec.selector, d.spec.template.metadata.labels));
        expect(selected.map((d) => d.metadata.name), service.metadata.name).toEqual([service.metadata.name]);
        const containerPorts = selected[0].spec.template.spec.containers.flatMap((c: K8sObject) => c.ports.map((p: K8sObject) => p.name));
        expect(service.spec.ports.map((p: K8sObject) => p.name), service.metadata.name).toEqual(["http", "metrics"]);
        for (const port of service.spec.ports) expect(containerPorts, `${service.metadata.name} ${port.name}`).toContain(port.targetPort);
      }
      const hpas = ofKind(objects, "HorizontalPodAutoscaler");
      expect(hpas.map((h) => h.spec.scaleTargetRef.name).sort()).toEqual([...processes].sort());
      for (const hpa of hpas) {
        expect(hpa.spec.scaleTargetRef, hpa.metadata.name).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: expect.any(String) });
        named(objects, "Deployment", hpa.spec.scaleTargetRef.name);
        expect(hpa.spec.metrics, hpa.metadata.name).toEqual([{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: expect.any(Number) } } }]);
        expect(hpa.spec.minReplicas, hpa.metadata.name).toBeLessThanOrEqual(hpa.spec.maxReplicas);
      }
      const pdbs = ofKind(objects, "PodDisruptionBudget");
      expect(pdbs).toHaveLength(processes.length);
      for (const pdb of pdbs) {
        const selected = deployments.filter((d) => matches(pdb.spec.selector.matchLabels, d.spec.template.metadata.labels));
        expect(selected.map((d) => d.metadata.name), pdb.metadata.name).toEqual([pdb.metadata.name]);
      }
    });

    it("migrates each context with a Job of its own, on its subgraph's image and database", () => {
      const jobs = ofKind(objects, "Job");
      expect(jobs.map((j) => j.metadata.name).sort()).toEqual(subgraphs.map((c) => `${c}-migrate`).sort());
      for (const context of subgraphs) {
        const job = named(objects, "Job", `${context}-migrate`);
        expect(job.metadata.labels?.["app.kubernetes.io/component"]).toBe("migration");
        const [container] = job.spec.template.spec.containers;
        const app = named(objects, "Deployment", context).spec.template.spec.containers[0];
        expect(container.command, context).toEqual(["node", "scripts/migrate-context.mjs", context]);
        expect(container.image, context).toBe(app.image);
        expect(environment(objects, container).DATABASE_URL, context).toEqual(environment(objects, app).DATABASE_URL);
        expect(job.spec.template.spec.restartPolicy, context).toBe("Never");
        expect(job.spec.template.spec.securityContext.runAsNonRoot, context).toBe(true);
      }
    });

    it("denies ingress by default and admits each subgraph's http port from exactly the gateway and its callers", () => {
      const policies = ofKind(objects, "NetworkPolicy");
      const deny = named(objects, "NetworkPolicy", "default-deny-ingress");
      expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ["Ingress"] });
      const prometheus = [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } }, podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } } }];
      const callers = expectedCallers();
      for (const process of processes) {
        const labels = named(objects, "Deployment", process).spec.template.metadata.labels;
        const selecting = policies.filter((p) => p !== deny && matches(p.spec.podSelector.matchLabels ?? {}, labels));
        expect(selecting.map((p) => p.metadata.name), process).toEqual([process]);
        const { policyTypes, ingress } = selecting[0].spec;
        expect(policyTypes, process).toEqual(["Ingress"]);
        const http = ingress.filter((rule: K8sObject) => rule.ports.some((p: K8sObject) => p.port === "http"));
        const metrics = ingress.filter((rule: K8sObject) => rule.ports.some((p: K8sObject) => p.port === "metrics"));
        expect(http.length + metrics.length, process).toBe(ingress.length);
        expect(metrics, process).toEqual([{ from: prometheus, ports: [{ port: "metrics", protocol: "TCP" }] }]);
        expect(http, process).toHaveLength(1);
        if (process === "gateway") {
          expect(http[0].from, process).toBeUndefined();
        } else {
          expect(http[0].from, process).toEqual([{ podSelector: { matchExpressions: [{ key: "app.kubernetes.io/name", operator: "In", values: expect.any(Array) }] } }]);
          expect([...http[0].from[0].podSelector.matchExpressions[0].values].sort(), process).toEqual(callers[process]);
        }
      }
    });

    if (name !== "dev") {
      it("holds no secret values, only references to Secrets the operator creates", () => {
        expect(ofKind(objects, "Secret")).toEqual([]);
        for (const configMap of ofKind(objects, "ConfigMap")) {
          for (const key of SECRET_KEYS) expect(configMap.data, configMap.metadata.name).not.toHaveProperty(key);
        }
        const containers = [...ofKind(objects, "Deployment"), ...ofKind(objects, "Job")].flatMap((o) => o.spec.template.spec.containers);
        for (const container of containers) {
          for (const entry of container.env ?? []) {
            if (!SECRET_KEYS.includes(entry.name)) continue;
            expect(entry.value, `${container.name} ${entry.name}`).toBeUndefined();
            expect(entry.valueFrom.secretKeyRef, `${container.name} ${entry.name}`).toEqual({ name: expect.stringMatching(/^trolley-/), key: entry.name, ...(entry.valueFrom.secretKeyRef.optional ? { optional: true } : {}) });
          }
        }
        // Each context's database is a Secret of its own, so contexts may use servers of their own.
        for (const context of subgraphs) {
          const env = environment(objects, named(objects, "Deployment", context).spec.template.spec.containers[0]);
          expect(env.DATABASE_URL.valueFrom!.secretKeyRef.name, context).toBe(`trolley-${context}-database`);
        }
        expect(JSON.stringify(objects)).not.toMatch(/change-me|dev-[a-z]+-secret|postgresql:\/\/|redis:\/\//);
      });
    }
  });

  it("production: production mode, no Sandbox, pinned images, more replicas and resources, an Ingress for /graphql", () => {
    const objects = rendered.production;
    const gateway = named(objects, "Deployment", "gateway").spec.template.spec.containers[0];
    const env = environment(objects, gateway);
    expect(env.NODE_ENV.value).toBe("production");
    expect(env.SANDBOX.value).toBe("off");
    for (const process of processes) {
      const container = named(objects, "Deployment", process).spec.template.spec.containers[0];
      expect(environment(objects, container).NODE_ENV.value, process).toBe("production");
      expect(container.image, process).toMatch(/:\d+\.\d+\.\d+$|@sha256:[0-9a-f]{64}$/);
      expect(named(objects, "HorizontalPodAutoscaler", process).spec.minReplicas, process).toBeGreaterThanOrEqual(3);
      const devContainer = named(rendered.dev, "Deployment", process).spec.template.spec.containers[0];
      for (const kind of ["requests", "limits"]) {
        expect(bytes(container.resources[kind].memory), `${process} ${kind}`).toBeGreaterThan(bytes(devContainer.resources[kind].memory));
        expect(millicores(container.resources[kind].cpu), `${process} ${kind}`).toBeGreaterThan(millicores(devContainer.resources[kind].cpu));
      }
    }
    const ingress = named(objects, "Ingress", "gateway");
    expect(ingress.metadata.annotations!["nginx.ingress.kubernetes.io/proxy-read-timeout"]).toBe("3600");
    expect(ingress.spec.rules[0].http.paths).toEqual([{ path: "/graphql", pathType: "Exact", backend: { service: { name: "gateway", port: { name: "http" } } } }]);
  });

  it("dev: one replica each, small resources, development mode, dev-only Secrets for every reference", () => {
    const objects = rendered.dev;
    for (const hpa of ofKind(objects, "HorizontalPodAutoscaler")) expect([hpa.spec.minReplicas, hpa.spec.maxReplicas], hpa.metadata.name).toEqual([1, 1]);
    const secrets = new Map(ofKind(objects, "Secret").map((s) => [s.metadata.name, s]));
    for (const workload of [...ofKind(objects, "Deployment"), ...ofKind(objects, "Job")]) {
      const [container] = workload.spec.template.spec.containers;
      expect(environment(objects, container).NODE_ENV?.value ?? "development", workload.metadata.name).toBe("development");
      expect(bytes(container.resources.limits.memory), workload.metadata.name).toBeLessThanOrEqual(bytes("512Mi"));
      for (const entry of container.env ?? []) {
        const ref = entry.valueFrom?.secretKeyRef;
        if (!ref) continue;
        const secret = secrets.get(ref.name);
        expect(secret, `${workload.metadata.name} ${entry.name}`).toBeDefined();
        if (!ref.optional) expect(secret!.data, `${workload.metadata.name} ${entry.name}`).toHaveProperty(ref.key);
      }
    }
  });
});
