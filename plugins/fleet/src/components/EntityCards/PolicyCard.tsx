import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { EntityClusterDeployment } from '@flux-fleet/backstage-plugin-fleet-common';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import useAsync from 'react-use/esm/useAsync';
import { FleetApi, fleetApiRef } from '../../api/FleetApi';

/** Annotation the catalog module sets to the file that defines the entity. */
const SOURCE_PATH_ANNOTATION = 'flux-fleet.io/source-path';

/** Annotation naming the fleet unit of a catalog entity (`infrastructure/policies/kyverno/prod`). */
export const FLEET_UNIT_ANNOTATION = 'flux-fleet.io/unit';

/**
 * The units an entity may stand for, most specific first: its
 * `flux-fleet.io/unit` annotation, then each directory above its
 * `flux-fleet.io/source-path` (the catalog module names a policy's file
 * there; the policy set is the directory that holds it, or one above).
 */
export function unitCandidates(annotations: Record<string, string> = {}) {
  const candidates: string[] = [];
  const unit = annotations[FLEET_UNIT_ANNOTATION];
  if (unit) candidates.push(unit);
  const parts = (annotations[SOURCE_PATH_ANNOTATION] ?? '').split('/');
  // at most three levels up: a policy set is a directory near its files
  for (let n = parts.length - 1; n >= Math.max(1, parts.length - 3); n--) {
    candidates.push(parts.slice(0, n).join('/'));
  }
  return [...new Set(candidates)];
}

/**
 * The stage on one cluster of the policy defined in `file` (the entity's
 * own), else of the whole set: Enforce when every policy counted enforces
 * (as the overview counts a set), else Audit; `applied` for objects that
 * carry no stage; `absent` where it does not run.
 */
export function stageOf(row: EntityClusterDeployment, file?: string): string {
  const own = row.objects.filter(o => o.source.file === file);
  const objects = own.length > 0 ? own : row.objects;
  if (!row.present || objects.length === 0) return 'absent';
  const stages = objects.map(o => o.policyStage).filter(Boolean);
  if (stages.length === 0) return 'applied';
  return stages.every(s => s === 'Enforce') ? 'Enforce' : 'Audit';
}

/**
 * The policy set's deployments: the first candidate unit the fleet knows,
 * asked one by one (`GET /deployments?app=<unit>`: one unit's objects per
 * cluster, never the whole fleet); undefined when none is a unit.
 */
async function policyDeployments(api: FleetApi, candidates: string[]) {
  for (const unit of candidates) {
    const answer = await api.getAppDeployments(unit);
    if (answer.unit) return answer;
  }
  return undefined;
}

/**
 * The stage of a policy on every cluster: Enforce, Audit, or absent; of the
 * entity's own policy (the file its `flux-fleet.io/source-path` names) when
 * the set holds it, else of the whole set.
 */
export function PolicyCard() {
  const { entity } = useEntity();
  const fleetApi = useApi(fleetApiRef);
  const candidates = unitCandidates(entity.metadata.annotations);
  const sourcePath = entity.metadata.annotations?.[SOURCE_PATH_ANNOTATION];
  const key = candidates.join('|');
  const { value, loading, error } = useAsync(
    () => policyDeployments(fleetApi, key ? key.split('|') : []),
    [fleetApi, key],
  );

  if (loading) {
    return (
      <InfoCard title="Policy stage per cluster">
        <Progress />
      </InfoCard>
    );
  }
  if (error)
    return (
      <ResponseErrorPanel
        error={error}
        title="Policy stage: the fleet could not be read"
      />
    );
  if (!value) {
    return (
      <InfoCard title="Policy stage per cluster">
        <EmptyState
          missing="data"
          title="No policy set of the fleet matches this entity"
        />
      </InfoCard>
    );
  }
  return (
    <InfoCard title="Policy stage per cluster" subheader={value.unit} noPadding>
      <Table size="small">
        <TableBody>
          {value.clusters.map(row => {
            const stage = stageOf(row, sourcePath);
            return (
              <TableRow
                key={row.cluster}
                data-testid={`policy-stage-${row.cluster}`}
              >
                <TableCell>{row.cluster}</TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    label={stage}
                    color={stage === 'Enforce' ? 'primary' : 'default'}
                    variant={stage === 'absent' ? 'outlined' : 'default'}
                  />
                </TableCell>
                <TableCell>{row.entry ?? ''}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
