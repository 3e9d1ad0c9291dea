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
  const parts = (annotations['flux-fleet.io/source-path'] ?? '').split('/');
  // at most three levels up: a policy set is a directory near its files
  for (let n = parts.length - 1; n >= Math.max(1, parts.length - 3); n--) {
    candidates.push(parts.slice(0, n).join('/'));
  }
  return [...new Set(candidates)];
}

/**
 * The stage of a policy set on one cluster: Enforce when every policy in it
 * enforces (as the overview counts it), else Audit; `applied` for objects
 * that carry no stage; `absent` where the set does not run.
 */
export function stageOf(row: EntityClusterDeployment): string {
  if (!row.present) return 'absent';
  const stages = row.objects.map(o => o.policyStage).filter(Boolean);
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

/** The stage of a policy on every cluster: Enforce, Audit, or absent. */
export function PolicyCard() {
  const { entity } = useEntity();
  const fleetApi = useApi(fleetApiRef);
  const candidates = unitCandidates(entity.metadata.annotations);
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
            const stage = stageOf(row);
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
