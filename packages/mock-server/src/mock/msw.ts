import { HttpResponse, http } from 'msw';
import { RESET_HEADER } from '../http/reset.ts';

const PLATFORM_PATHS = /^\/(api\/v1(\/|$)|__mock\/|healthz$)/;

/**
 * msw handlers that hand every platform request (on any origin) to the fetch-API app — the same
 * app the Node server runs. Other requests fall through to the network untouched.
 */
export function platformHandlers(app: { fetch: (request: Request) => Response | Promise<Response> }) {
  return [
    http.all('*', async ({ request }) => {
      if (!PLATFORM_PATHS.test(new URL(request.url).pathname)) return undefined;
      const response = await app.fetch(request);
      if (response.headers.has(RESET_HEADER)) return HttpResponse.error();
      return response;
    }),
  ];
}
