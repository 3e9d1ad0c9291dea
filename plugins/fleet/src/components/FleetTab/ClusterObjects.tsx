import {
  CodeSnippet,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { FleetObjectBody } from '@flux-fleet/backstage-plugin-fleet-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import useAsync from 'react-use/esm/useAsync';
import { fleetApiRef } from '../../api/FleetApi';
import { formatRef } from '../shared/format';

/**
 * How an object reaches the cluster, outermost first, as the engine records
 * it: the kustomization entries (`clusters/test/apps/kustomization.yaml:6 →
 * apps/foo-app/base`) and then the file that defines it.
 */
export function ProvenanceChain(props: { object: FleetObjectBody }) {
  const { object } = props;
  const source = object.sourceUrl ? (
    <Link to={object.sourceUrl}>{formatRef(object.source)}</Link>
  ) : (
    formatRef(object.source)
  );
  return (
    <Typography variant="body2" data-testid="provenance">
      {object.fluxKustomization} · {object.via.map(formatRef).join(' → ')}
      {object.via.length > 0 ? ' → ' : ''}
      {source}
    </Typography>
  );
}

/** The rendered objects of the entity's app on one cluster, with provenance and YAML. */
export function ClusterObjects(props: { cluster: string; entityRef: string }) {
  const fleetApi = useApi(fleetApiRef);
  const { value, loading, error } = useAsync(
    () =>
      fleetApi.getObjects({
        cluster: props.cluster,
        entityRef: props.entityRef,
      }),
    [fleetApi, props.cluster, props.entityRef],
  );
  if (loading) return <Progress />;
  if (error)
    return (
      <ResponseErrorPanel error={error} title={`Objects on ${props.cluster}`} />
    );
  if (!value || value.length === 0) {
    return (
      <Typography color="textSecondary">
        Nothing of this app runs on {props.cluster}.
      </Typography>
    );
  }
  return (
    <div>
      {value.map(o => (
        <Accordion
          key={`${o.apiVersion}/${o.kind}/${o.namespace}/${o.name}`}
          TransitionProps={{ unmountOnExit: true }}
        >
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <div>
              <Typography variant="subtitle2">
                {o.kind} {o.namespace ? `${o.namespace}/` : ''}
                {o.name}{' '}
                {o.stale && (
                  <Chip size="small" label="stale" color="secondary" />
                )}
                {o.encrypted && <Chip size="small" label="SOPS" />}
              </Typography>
              <ProvenanceChain object={o} />
            </div>
          </AccordionSummary>
          <AccordionDetails>
            <CodeSnippet text={o.yaml} language="yaml" showCopyCodeButton />
          </AccordionDetails>
        </Accordion>
      ))}
    </div>
  );
}
