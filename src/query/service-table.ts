import type { Dataset } from '../data/model.js';
import type { QueryResult } from './result.js';

export interface ServiceTableRow {
  prefix: string;
  service_name: string;
}

/** `query service-table`: every service's prefix and name, in dataset order. */
export function queryServiceTable(dataset: Dataset): QueryResult<ServiceTableRow[]> {
  return {
    heading: undefined,
    value: dataset.listServices().map((s) => ({ prefix: s.prefix, service_name: s.name })),
  };
}
