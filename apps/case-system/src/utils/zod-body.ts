import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

export interface Problem {
  /** Where, e.g. `sted.lat`; never the value. */
  path: string;
  message: string;
}

/** Every problem at once, as `400 { message, problems: [{ path, message }] }`. */
export function badRequest(message: string, problems: Problem[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message, problems });
}

export function problemsOf(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)',
    message: issue.message,
  }));
}

/** A body pipe over a zod schema (the app validates with zod, not class-validator). */
export class ZodBody<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    const parsed = this.schema.safeParse(value);
    if (!parsed.success) throw badRequest('Invalid request body', problemsOf(parsed.error));
    return parsed.data;
  }
}
