import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { FleetOverviewRow } from '@flux-fleet/backstage-plugin-fleet-common';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import useAsync from 'react-use/esm/useAsync';
import { fleetApiRef } from '../../api/FleetApi';

/** Annotation naming the fleet unit of a catalog entity (`infrastructure/policies/kyverno/prod`). */
export const FLEET_UNIT_ANNOTATION = 'flux-fleet.io/unit';

/**
 * The policy set an entity stands for: the row that lists the entity, else
 * the unit its `flux-fleet.io/unit` or `flux-fleet.io/source-path` names.
 */
export function policyRowOf(
  rows: FleetOverviewRow[],
  entityRef: string,
  annotations: Record<string, string> = {},
): FleetOverviewRow | undefined {
  const policies = rows.filter(r => r.kind === 'policy-set');
  const unit = annotations[FLEET_UNIT_ANNOTATION];
  const source = annotations['flux-fleet.io/source-path'];
  return (
    policies.find(r => r.entityRefs.includes(entityRef)) ??
    policies.find(r => r.id === unit) ??
    policies.find(
      r =>
        source !== undefined &&
        (source === r.id || source.startsWith(`${r.id}/`)),
    )
  );
}

/** The stage of a policy on every cluster: Enforce, Audit, or absent. */
export function PolicyCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const fleetApi = useApi(fleetApiRef);
  const { value, loading, error } = useAsync(
    () => fleetApi.getOverview(),
    [fleetApi],
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
  const row =
    value && policyRowOf(value.rows, entityRef, entity.metadata.annotations);
  if (!value || !row) {
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
    <InfoCard title="Policy stage per cluster" subheader={row.id} noPadding>
      <Table size="small">
        <TableBody>
          {value.clusters.map(c => {
            const placement = row.clusters[c.name];
            const stage = placement
              ? placement.policyStage ?? 'applied'
              : 'absent';
            return (
              <TableRow key={c.name} data-testid={`policy-stage-${c.name}`}>
                <TableCell>{c.name}</TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    label={stage}
                    color={stage === 'Enforce' ? 'primary' : 'default'}
                    variant={stage === 'absent' ? 'outlined' : 'default'}
                  />
                </TableCell>
                <TableCell>{placement?.entry ?? ''}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
