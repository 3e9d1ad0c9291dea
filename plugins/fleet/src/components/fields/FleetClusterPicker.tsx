import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import type { EntityDeploymentsResponse } from '@flux-fleet/backstage-plugin-fleet-common';
import useAsync from 'react-use/esm/useAsync';
import { fleetApiRef } from '../../api/FleetApi';

/** The clusters an app's deployments list as absent: the promotion targets. */
export function absentClusters(
  deployments: EntityDeploymentsResponse | undefined,
): string[] {
  return (deployments?.clusters ?? [])
    .filter(c => !c.present)
    .map(c => c.cluster);
}

/**
 * Scaffolder field `FleetClusterPicker`: the clusters where the app chosen in
 * the form's `app` field (or `ui:options.appField`) is absent. The value is an
 * array, or a string when the schema's type is `string`. Asks for that one
 * app's deployments (`GET /deployments?app=`), never the whole fleet.
 */
export function FleetClusterPicker(
  props: FieldExtensionComponentProps<string[] | string, { appField?: string }>,
) {
  const {
    formData,
    onChange,
    schema,
    required,
    rawErrors,
    uiSchema,
    formContext,
  } = props;
  const fleetApi = useApi(fleetApiRef);
  const appField = uiSchema?.['ui:options']?.appField ?? 'app';
  const app: string | undefined = formContext?.formData?.[appField];
  const { value, loading, error } = useAsync(
    async () => (app ? fleetApi.getAppDeployments(app) : undefined),
    [fleetApi, app],
  );
  const multiple = schema.type !== 'string';
  let selected: string[] = [];
  if (Array.isArray(formData)) selected = formData;
  else if (formData) selected = [formData];
  if (loading) return <Progress />;
  const options = absentClusters(value);
  const toggle = (cluster: string, on: boolean) => {
    if (!multiple) {
      onChange(on ? cluster : undefined);
      return;
    }
    onChange(
      on
        ? [...selected.filter(c => c !== cluster), cluster]
        : selected.filter(c => c !== cluster),
    );
  };
  let help = schema.description ?? 'Clusters where the app does not run yet';
  if (error) help = `The fleet could not be read: ${error.message}`;
  else if (!app) help = 'Choose the app first';
  else if (options.length === 0) help = `${app} already runs on every cluster`;
  return (
    <FormControl
      margin="normal"
      required={required}
      error={Boolean(error) || (rawErrors?.length ?? 0) > 0}
    >
      <FormLabel>{schema.title ?? 'Clusters'}</FormLabel>
      <FormGroup row>
        {options.map(cluster => (
          <FormControlLabel
            key={cluster}
            label={cluster}
            control={
              <Checkbox
                checked={selected.includes(cluster)}
                onChange={e => toggle(cluster, e.target.checked)}
              />
            }
          />
        ))}
      </FormGroup>
      <FormHelperText>{help}</FormHelperText>
    </FormControl>
  );
}
