import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { FleetAppPicker } from './FleetAppPicker';
import { FleetClusterPicker } from './FleetClusterPicker';
import { FleetPromotionPreview } from './FleetPromotionPreview';

/** `ui:field: FleetAppPicker` for the new frontend system. */
export const fleetAppPickerField = createFormField({
  name: 'FleetAppPicker',
  component: FleetAppPicker,
});

/** `ui:field: FleetClusterPicker` for the new frontend system. */
export const fleetClusterPickerField = createFormField({
  name: 'FleetClusterPicker',
  component: FleetClusterPicker,
});

/** `ui:field: FleetPromotionPreview` for the new frontend system. */
export const fleetPromotionPreviewField = createFormField({
  name: 'FleetPromotionPreview',
  component: FleetPromotionPreview,
});
