import type { Request, Response } from 'express';
import type { z } from 'zod';
import { AppError, msg, textOf, type Text } from '../errors.js';
import type { Actor } from '../policies/index.js';

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Every wrong field gets its own message (the first per field), so a form can show each inline.
    const fields: Record<string, Text> = {};
    for (const i of parsed.error.issues) fields[i.path.join('.') || '_'] ??= textOf(i.message);
    const first = textOf(issue.message);
    throw new AppError('validation_failed', issue.path.length ? msg('errors:fieldMessage', { field: issue.path.join('.'), message: first }) : first, fields);
  }
  return parsed.data;
}

/** The signed-in person of this request (set by the identity middleware), or null. */
export const actorOf = (res: Response): Actor | null => (res.locals.actor as Actor | null | undefined) ?? null;

export const clientIp = (req: Request): string | null => req.ip ?? null;
