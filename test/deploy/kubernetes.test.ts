import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { EXIT } from '../../sim/cli/exit-codes';
import { CLI_ENTRIES, ROOT } from '../../scripts/build-cli';
import { parseShard } from '../../sim/cli/manifest';
import { loadExperimentFile } from '../../sim/experiment/plan';
import { partName, shardRunIds } from '../../sim/experiment/parts';

// The manifests are parsed as Kubernetes would read them and checked for what makes the sweep work:
// an Indexed Job whose shard count, image, volume and failure policy agree with the CLI and each other.
// The fields read here (the tests check their values; a missing one fails them).
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { fieldRef: { fieldPath: string } };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  args: string[];
  env: EnvVar[];
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  volumeMounts: { name: string; mountPath: string }[];
}
interface PodSpec {
  restartPolicy: string;
  securityContext: { runAsNonRoot: boolean; runAsUser: number };
  containers: Container[];
  initContainers: Container[];
  volumes: { name: string; persistentVolumeClaim: { claimName: string } }[];
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    completionMode: string;
    completions: number;
    parallelism: number;
    backoffLimitPerIndex: number;
    maxFailedIndexes: number;
    ttlSecondsAfterFinished: number;
    podFailurePolicy: { rules: { action: string; onExitCodes: { containerName: string; values: number[] } }[] };
    template: { spec: PodSpec };
    accessModes: string[];
  };
}

const dir = join(ROOT, 'deploy', 'kubernetes');
function manifest(file: string): Manifest {
  const docs = parseAllDocuments(readFileSync(join(dir, file), 'utf8'));
  expect(docs).toHaveLength(1);
  expect(docs[0].errors).toEqual([]);
  return docs[0].toJS() as Manifest;
}
const sweep = manifest('sweep-job.yaml');
const merge = manifest('merge-job.yaml');
const claim = manifest('results-pvc.yaml');
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const pod = sweep.spec.template.spec;
const sim = pod.containers.find((c) => c.name === 'sim') as Container;
const args = sim.args;
const argAfter = (flag: string) => args[args.indexOf(flag) + 1];

/** `$(NAME)` as Kubernetes expands it, from the container's env (values and downward-API fields). */
function expand(text: string, container: Container, meta: { name: string; index: number }): string {
  return text.replace(/\$\((\w+)\)/g, (_, name: string) => {
    const env = container.env.find((e) => e.name === name);
    if (env === undefined) throw new Error(`$(${name}) is not in the container's env`);
    if (env.value !== undefined) return String(env.value);
    const field = env.valueFrom?.fieldRef.fieldPath;
    if (field === "metadata.annotations['batch.kubernetes.io/job-completion-index']") return String(meta.index);
    if (field === "metadata.labels['batch.kubernetes.io/job-name']") return meta.name;
    throw new Error(`unexpected field ${field}`);
  });
}

describe('the Kubernetes sweep', () => {
  it('is an Indexed Job with per-index retries, a cap on failed indexes and a time to live', () => {
    expect(sweep.apiVersion).toBe('batch/v1');
    expect(sweep.kind).toBe('Job');
    expect(sweep.spec.completionMode).toBe('Indexed');
    expect(sweep.spec.backoffLimitPerIndex).toBeGreaterThanOrEqual(1);
    expect(sweep.spec.maxFailedIndexes).toBeGreaterThanOrEqual(0);
    expect(sweep.spec.maxFailedIndexes).toBeLessThan(sweep.spec.completions);
    expect(sweep.spec.ttlSecondsAfterFinished).toBeGreaterThan(0);
    expect(pod.restartPolicy).toBe('Never');
    expect(sweep.spec.parallelism).toBeLessThanOrEqual(sweep.spec.completions);
  });

  it("runs the image built from the Dockerfile, at the package's version, with the CLI's own arguments", () => {
    expect(sim.image).toBe(`care-futures:${version}`);
    expect(sim.command).toBeUndefined(); // the image's ENTRYPOINT is the CLI
    expect(Object.keys(CLI_ENTRIES)).toContain(args[0]);
  });

  it('runs a shipped experiment, which the image holds (the Dockerfile copies experiments/)', () => {
    expect(args[0]).toBe('experiment');
    const plan = loadExperimentFile(join(ROOT, args[1]));
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    expect(args[1]).toMatch(/^experiments\//);
  });

  it('splits the experiment into as many shards as the Job has completions, each with runs and its own part, in one folder', () => {
    const plan = loadExperimentFile(join(ROOT, args[1]));
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    const parts = new Set<string>();
    const folders = new Set<string>();
    let runs = 0;
    for (let index = 0; index < sweep.spec.completions; index++) {
      const meta = { name: sweep.metadata.name, index };
      const shard = parseShard(expand(argAfter('--shard'), sim, meta));
      expect(shard).toEqual({ index, count: sweep.spec.completions });
      const { count } = shardRunIds(plan.value, shard);
      expect(count, `shard ${index}`).toBeGreaterThan(0);
      runs += count;
      parts.add(partName(shard));
      folders.add(expand(argAfter('--out'), sim, meta));
    }
    expect(runs).toBe(plan.value.runs.length);
    expect(parts.size).toBe(sweep.spec.completions);
    expect(folders).toEqual(new Set([`/results/${sweep.metadata.name}`]));
  });

  it('writes the parts to the results claim, into a folder its init container makes', () => {
    const volume = pod.volumes.find((v) => v.name === 'results');
    expect(volume?.persistentVolumeClaim.claimName).toBe(claim.metadata.name);
    expect(claim.spec.accessModes).toContain('ReadWriteMany');
    const mount = sim.volumeMounts.find((m) => m.name === 'results');
    const meta = { name: sweep.metadata.name, index: 0 };
    const out = expand(argAfter('--out'), sim, meta);
    expect(mount).toBeDefined();
    expect(out.startsWith(`${mount?.mountPath}/`)).toBe(true);
    const [init] = pod.initContainers;
    expect(init.command?.slice(0, 2)).toEqual(['mkdir', '-p']);
    expect(out).toBe(expand(init.command?.[2] ?? '', init, meta));
  });

  it('asks for resources, runs unprivileged, and does not retry the exit codes of bad input', () => {
    expect(sim.resources.requests.cpu).toBeDefined();
    // Threads: as many as the cores requested, not the node's (which --jobs would default to).
    expect(argAfter('--jobs')).toBe(sim.resources.requests.cpu);
    expect(sim.resources.requests.memory).toBeDefined();
    expect(sim.resources.limits.memory).toBeDefined();
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).not.toBe(0);
    const failIndex = sweep.spec.podFailurePolicy.rules.find((r) => r.action === 'FailIndex');
    expect(failIndex?.onExitCodes.containerName).toBe(sim.name);
    expect([...(failIndex?.onExitCodes.values ?? [])].sort()).toEqual([EXIT.invalidInput, EXIT.badArguments]);
  });
});

describe('the Kubernetes merge step', () => {
  it('merges the experiment the sweep ran, in the same image, in the folder its shards wrote to', () => {
    expect(merge.kind).toBe('Job');
    const [container] = merge.spec.template.spec.containers;
    expect(container.image).toBe(sim.image);
    expect(container.command).toBeUndefined(); // the image's ENTRYPOINT is the CLI
    expect(merge.spec.template.spec.volumes[0].persistentVolumeClaim.claimName).toBe(claim.metadata.name);
    expect(container.env.find((e) => e.name === 'SWEEP')?.value).toBe(sweep.metadata.name);
    const meta = { name: sweep.metadata.name, index: 0 };
    const mergeArgs = container.args.map((a) => expand(a, container, meta));
    expect(mergeArgs).toEqual(['experiment', args[1], '--merge', '--out', expand(argAfter('--out'), sim, meta)]);
  });

  it('is applied by submit.sh after the sweep, with the claim', () => {
    const submit = readFileSync(join(dir, 'submit.sh'), 'utf8');
    const order = ['results-pvc.yaml', 'sweep-job.yaml', 'merge-job.yaml'].map((f) => submit.indexOf(`apply -f ${f}`));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
