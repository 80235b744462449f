import { z } from 'zod';
import { ImportResultSchema } from './dto';
import { PreviewRowReadSchema } from './sources';

/** What one file from a source did (`sources sync`, approving or discarding a held export). */
export const SourceFileResultSchema = z.object({
  sourceId: z.number().int(),
  file: z.string(),
  outcome: z.enum(['imported', 'refused', 'held', 'failed', 'approved', 'discarded', 'superseded']),
  summary: z.string(),
  movedTo: z.string().optional(),
  result: ImportResultSchema.optional(),
});
export type SourceFileResultView = z.infer<typeof SourceFileResultSchema>;

/** The import wizard's look at a file before importing it: the first rows as read, and a dry run of the whole. */
export const ImportPreviewSchema = z.object({
  header: z.array(z.string()),
  rows: z.array(PreviewRowReadSchema),
  result: ImportResultSchema,
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;
