import type { OutputFormat } from './format.js';

/** The canonical record as the JSON API returns it, for views that answer in the API's own shape. */
export const recordJsonFormat: OutputFormat = {
  name: 'json',
  mediaTypes: ['application/json'],
  contentType: 'application/json',
  extension: 'json',
  render: (record) => JSON.stringify(record, null, 2),
};
