/** GET /api/openapi.json: the OpenAPI 3.1 document of this API (lib/api/openapi.ts). */
import { requireParams, runRoute } from '@/lib/api/route';
import { openApiDocument } from '@/lib/server/openapi-examples';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return runRoute(request, '/api/openapi.json', (params) => {
    requireParams(params, []);
    return openApiDocument();
  });
}
