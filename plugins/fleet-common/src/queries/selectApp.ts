/*
 * Which objects are "the app" a catalog component names. Fleets lay apps out
 * in many ways, so a name is matched, in this order, against: a unit id
 * (`apps/podinfo`), the seed's `apps/<name>`, `apps/base/<name>`, any unit
 * named so (apps first), a HelmRelease of that name, a Flux Kustomization
 * of that name (one per app), and finally the `backstage.io/kubernetes-id`
 * label of rendered objects.
 */
import type { FleetObjectSummary } from '../api';
import type { FleetMatrix, FleetUnit } from '../model';
import { indexFleet } from './fleetIndex';

/** How an app name was matched. */
export type AppMatch =
  | 'unit'
  | 'helm-release'
  | 'flux-kustomization'
  | 'kubernetes-id';

/** The objects of one app, on every cluster. */
export interface AppSelection {
  app: string;
  match: AppMatch;
  /** The unit the app is, when it is one. */
  unit: FleetUnit | null;
  objects: FleetObjectSummary[];
}

/** The unit an app name stands for, in the order of this file's header. */
export function findAppUnit(
  matrix: FleetMatrix,
  app: string,
): FleetUnit | undefined {
  const { units } = indexFleet(matrix);
  for (const id of [app, `apps/${app}`, `apps/base/${app}`]) {
    const unit = units.get(id);
    if (unit) return unit;
  }
  const named = matrix.units.filter(u => u.name === app);
  return named.find(u => u.kind === 'app') ?? named[0];
}

/**
 * The objects of the app `app` (a `flux-fleet.io/app` annotation value), or
 * of the workloads labelled `backstage.io/kubernetes-id: <kubernetesId>`;
 * undefined when neither names anything in the fleet.
 */
export function selectApp(
  matrix: FleetMatrix,
  ref: { app?: string | null; kubernetesId?: string | null },
): AppSelection | undefined {
  const index = indexFleet(matrix);
  const app = ref.app ?? undefined;
  if (app) {
    const unit = findAppUnit(matrix, app);
    if (unit) {
      return {
        app,
        match: 'unit',
        unit,
        objects: index.byUnit.get(unit.id) ?? [],
      };
    }
    const releases = index.helmReleases.get(app);
    if (releases) {
      return { app, match: 'helm-release', unit: null, objects: releases };
    }
    const applied = index.byFluxKustomization.get(app);
    if (applied) {
      return { app, match: 'flux-kustomization', unit: null, objects: applied };
    }
  }
  const id = ref.kubernetesId ?? app;
  const labelled = id ? index.byKubernetesId.get(id) : undefined;
  if (id && labelled) {
    return { app: id, match: 'kubernetes-id', unit: null, objects: labelled };
  }
  return undefined;
}

/** The clusters that run `selection`, sorted. */
export function clustersOf(selection: AppSelection): string[] {
  return [...new Set(selection.objects.map(o => o.cluster))].sort();
}
