import type { ServerResponse } from 'node:http';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { LoginRequiredError } from '../auth/session.guard.js';

/** No script, no framing, no foreign origins: the pages are plain server-rendered HTML. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

@Catch(LoginRequiredError)
export class RedirectToLogin implements ExceptionFilter {
  catch(_error: LoginRequiredError, host: ArgumentsHost): void {
    redirect(host.switchToHttp().getResponse<ServerResponse>(), '/login');
  }
}

export interface PageOptions {
  /**
   * The page loads same-origin script files that fetch from this origin (the bulk lookup's
   * progress page): adds `script-src 'self'; connect-src 'self'` and nothing else.
   */
  sameOriginScript?: boolean;
}

export function page(response: ServerResponse, status: number, body: string, options: PageOptions = {}): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.setHeader(
    'Content-Security-Policy',
    options.sameOriginScript
      ? `${CONTENT_SECURITY_POLICY}; script-src 'self'; connect-src 'self'`
      : CONTENT_SECURITY_POLICY,
  );
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Cache-Control', 'no-store');
  response.end(body);
}

export function redirect(response: ServerResponse, location: string): void {
  response.statusCode = 303;
  response.setHeader('Location', location);
  response.end();
}
