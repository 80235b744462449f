import { DEFAULT_TEMPLATES } from '../../../../electron/core/channels/templates';
export const x = DEFAULT_TEMPLATES;
