/** `data status`: which dataset is active, where it is, and what it holds. */
import type { DatasetCounts, Provenance } from './model.js';
import type { ActiveDataset, DatasetOrigin } from './load.js';

export interface DatasetStatus {
  active: DatasetOrigin;
  location: string;
  provenance: Provenance;
  counts: DatasetCounts;
}

const ORIGIN_LABELS: Record<DatasetOrigin, string> = {
  bundled: 'bundled',
  updated: 'updated (data update)',
  'data-option': '--data / IAMWRIGHT_DATA',
};

export function datasetStatus({ origin, path, dataset }: ActiveDataset): DatasetStatus {
  return { active: origin, location: path, provenance: dataset.provenance, counts: dataset.counts };
}

/** Aligned `label: value` lines. */
export function formatStatus(status: DatasetStatus): string {
  const rows: [string, string | number][] = [
    ['active', ORIGIN_LABELS[status.active]],
    ['location', status.location],
    ['source', status.provenance.source],
    ['date', status.provenance.date],
    ['version', status.provenance.version],
    ['services', status.counts.services],
    ['actions', status.counts.actions],
    ['resource types', status.counts.resourceTypes],
    ['condition keys', status.counts.conditionKeys],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}\n`).join('');
}
