/*
 * The kustomization Flux writes when a path has none (fluxcd/pkg/kustomize
 * Generator.generateKustomization): every *.yaml / *.yml file found walking
 * the directory in lexical order, each of which must decode as Kubernetes
 * objects, and every subdirectory holding its own kustomization file as one
 * resource, not descended into.
 */
import type { RepoPath } from '../core/types';
import { joinPath } from '../core/paths';
import { byteOrder } from '../core/snapshotIndex';
import type { BuildEnv } from './buildEnv';
import type { Kustomization } from './types';

/**
 * Generates the kustomization of `dir` the way Flux does. Flux fails the
 * whole build when a YAML file does not decode; here the file's problems are
 * reported and it is left out, so the rest still renders.
 */
export function generateKustomization(
  env: BuildEnv,
  dir: RepoPath,
): Kustomization {
  const resources: string[] = [];
  walk(env, dir, '.', resources);
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources,
    components: [],
  };
}

function walk(env: BuildEnv, dir: RepoPath, rel: string, out: string[]): void {
  const { files, dirs } = env.list(dir);
  // as filepath.Walk: files and directories interleaved in lexical order of their names
  const names = [
    ...files.map(name => ({ name, isDir: false })),
    ...dirs.map(name => ({ name, isDir: true })),
  ];
  names.sort((a, b) => byteOrder(a.name, b.name));
  for (const { name, isDir } of names) {
    const path = joinPath(dir, name);
    const ref = `${rel}/${name}`;
    if (isDir) {
      // as Flux: a subdirectory with its own kustomization is one resource
      if (env.kustomizationFiles(path).length > 0) out.push(ref);
      else walk(env, path, ref, out);
      continue;
    }
    if (!name.endsWith('.yaml') && !name.endsWith('.yml')) continue;
    // as Flux: the file must decode as Kubernetes objects (rf.SliceFromBytes)
    if (env.yamlDocs(path, env.read(path) ?? '').problems.length === 0)
      out.push(ref);
  }
}
