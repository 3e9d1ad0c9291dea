import {
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { PromotionRequest } from '@flux-fleet/backstage-plugin-fleet-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { fleetApiRef } from '../../api/FleetApi';
import { YamlDiff } from '../FleetTab/YamlDiff';

/** The promotion request the form describes, or undefined while app or targets are missing. */
export function requestOf(
  formData: Record<string, unknown> | undefined,
): PromotionRequest | undefined {
  const app = formData?.app;
  const rawTo = formData?.to;
  let to: string[] = [];
  if (Array.isArray(rawTo)) to = rawTo.map(String);
  else if (typeof rawTo === 'string' && rawTo) to = [rawTo];
  if (typeof app !== 'string' || !app || to.length === 0) return undefined;
  const strategy = formData?.strategy;
  return {
    app,
    to,
    ...(typeof formData?.from === 'string' && formData.from
      ? { from: formData.from }
      : {}),
    ...(strategy === 'reference' ||
    strategy === 'overlay' ||
    strategy === 'common'
      ? { strategy }
      : {}),
  };
}

const names = (
  objects: { kind: string; namespace: string | null; name: string }[],
) =>
  objects
    .map(o => `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`)
    .join(', ') || 'nothing';

/**
 * Scaffolder field `FleetPromotionPreview`, for the review step: asks the
 * backend what the promotion in the form would change (`POST
 * /promotions/preview`, nothing is written) and shows the file diffs, what
 * each target cluster gains, changes and loses, the warnings, or the refusal.
 */
export function FleetPromotionPreview(
  props: FieldExtensionComponentProps<unknown>,
) {
  const fleetApi = useApi(fleetApiRef);
  const request = requestOf(props.formContext?.formData);
  const key = JSON.stringify(request ?? null);
  const { value, loading, error } = useAsync(
    async () => (request ? fleetApi.previewPromotion(request) : undefined),
    [fleetApi, key],
  );
  if (!request)
    return (
      <Typography color="textSecondary">
        Choose the app and the target clusters first.
      </Typography>
    );
  if (loading) return <Progress />;
  if (error)
    return (
      <ResponseErrorPanel
        error={error}
        title="The promotion could not be previewed"
      />
    );
  if (!value) return null;
  return (
    <Box data-testid="fleet-promotion-preview">
      <Typography variant="h6">{value.title}</Typography>
      {value.refused && (
        <WarningPanel
          severity="error"
          title="This promotion cannot be done safely"
          message={value.refused}
        />
      )}
      {value.warnings.map(w => (
        <WarningPanel key={w} severity="warning" title={w} />
      ))}
      <Typography variant="body2" gutterBottom>
        Strategy {value.strategy}: {value.strategyReason}
        {value.carried.length > 0
          ? ` · carries ${value.carried.join(', ')}`
          : ''}
      </Typography>
      {value.clusters.map(c => (
        <Typography
          key={c.cluster}
          variant="body2"
          data-testid={`promotion-cluster-${c.cluster}`}
        >
          <b>{c.cluster}</b> gains {names(c.added)}; changes {names(c.changed)};
          loses {names(c.removed)}
        </Typography>
      ))}
      {value.files.map(f => (
        <Box key={f.path} mt={2}>
          <Typography variant="subtitle2">
            {f.action} {f.path}
          </Typography>
          <YamlDiff
            before={f.before}
            after={f.after}
            leftTitle="before"
            rightTitle="after"
          />
        </Box>
      ))}
    </Box>
  );
}
