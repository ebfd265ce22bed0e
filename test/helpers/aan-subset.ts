/**
 * A slice of the real AAN demo data (the papers of some years with the citations among them), parsed by
 * the AAN importer's parser and written through the importer: real collaboration and citation structure,
 * small enough to import in seconds. Tests derive their expectations from the same records.
 */
import { aanFiles } from '../../src/demo-data.js';
import { aanFormat } from '../../src/import/formats/aan.js';
import type { ImportBatch, PaperRecord } from '../../src/import/records.js';
import { fileSource } from '../../src/import/source.js';

export async function aanSubset(yearFrom: number, yearTo: number): Promise<ImportBatch> {
  const papers = new Map<string, PaperRecord>();
  for await (const item of aanFormat.parse(fileSource(aanFiles.metadata), { currentYear: 2026 })) {
    if (item.kind !== 'paper' || item.paper.year == null || item.paper.year < yearFrom || item.paper.year > yearTo) continue;
    papers.set(item.paper.identity.aclId!, { ...item.paper, references: [] });
  }
  for await (const item of aanFormat.parse(fileSource(aanFiles.citations), { currentYear: 2026 })) {
    if (item.kind !== 'citation') continue;
    const citing = papers.get(item.citing.aclId!);
    if (!citing || item.citing.aclId === item.cited.aclId || !papers.has(item.cited.aclId!)) continue;
    // An edge listed twice is one citation.
    if (!citing.references!.some((r) => r.aclId === item.cited.aclId)) citing.references!.push(item.cited);
  }
  return { source: 'aan', papers: [...papers.values()], authors: [] };
}

/** An author's key in the records: the identity the importer matches them on. */
export const authorKey = (a: PaperRecord['authorships'][number]) => a.author.identity.sourceKey!;
