/*
 * `fleet kustomize <dir>`: one directory built as kustomize-controller
 * builds it (any file inside the repository, nothing outside it, a
 * kustomization generated when the directory has none).
 */
import * as path from 'node:path';
import {
  buildKustomization,
  renderYamlStream,
} from '@flux-fleet/backstage-plugin-fleet-node/engine';
import { InputError } from '../errors';
import type { Io } from '../io';
import { existingDir, formatProblem, gitTopLevel, loadRepo } from '../loadRepo';

/**
 * Prints the YAML stream of `dir`; problems go to stderr. The repository
 * root (what the build may read) is `repo`, else the git work tree holding
 * `dir`, else `dir` itself. Exit 1 when any problem is an error.
 */
export async function kustomizeCommand(
  io: Io,
  args: { dir: string; repo?: string },
): Promise<number> {
  const dir = await existingDir(io.cwd, args.dir, 'directory');
  const root = args.repo
    ? await existingDir(io.cwd, args.repo, 'repository')
    : (await gitTopLevel(dir)) ?? dir;
  const rel = path.relative(root, dir).split(path.sep).join('/');
  if (rel.startsWith('..') || path.isAbsolute(rel))
    throw new InputError(
      `directory ${args.dir} is outside the repository ${root}`,
    );
  const snapshot = await loadRepo(io.cwd, root);
  const result = buildKustomization(snapshot, rel, { generateIfMissing: true });
  const problems = [
    ...snapshot.problems.filter(
      p =>
        p.severity === 'error' && (rel === '' || p.file?.startsWith(`${rel}/`)),
    ),
    ...result.problems,
  ];
  io.stdout(renderYamlStream(result.resources.map(r => r.object)));
  for (const p of problems) io.stderr(`${formatProblem(p)}\n`);
  return problems.some(p => p.severity === 'error') ? 1 : 0;
}
