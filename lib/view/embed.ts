/** The heatmap embed's own parameters (the rest of its URL is the view). Client-safe. */
import { z } from 'zod';
import { HEATMAP_MODES } from '@/lib/heatmap-shape';

const TOP_N = 'topN must be a whole number from 1 to 50.';

export const EMBED_HEATMAP_PARAMS = z.object({
  mode: z.enum(HEATMAP_MODES, { error: 'mode must be one of month, season.' }).default('month'),
  topN: z.coerce
    .number({ error: TOP_N })
    .int({ error: TOP_N })
    .min(1, { error: TOP_N })
    .max(50, { error: TOP_N })
    .default(10),
});

export const EMBED_HEATMAP_KEYS = Object.keys(EMBED_HEATMAP_PARAMS.shape);
