import { Router, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { signInBody } from '../../shared/api-schemas.js';
import { authLimits } from '../../shared/limits.js';
import { errorBody, msg, render } from '../errors.js';
import { requestLanguage } from '../i18n.js';
import { sessionCookie, type AuthService } from '../services/auth-service.js';
import { actorOf, clientIp, parseWith } from './parse.js';
import { presentActor } from '../presenters/people.js';

function setSessionCookie(req: Request, res: Response, token: string, maxAgeMs: number) {
  res.cookie(sessionCookie, token, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: maxAgeMs });
}

export function sessionRoutes(auth: AuthService): Router {
  const router = Router();
  const signInLimiter = rateLimit({
    windowMs: authLimits.signInWindowMs,
    limit: authLimits.signInPerWindow,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Its check that a limiter is not made inside a request handler captures a stack trace where it is made: the
    // first one of a start, which makes V8 index the whole compiled bundle's lines (a few ms of every restart). This
    // one is made once, when the routes are set up.
    validate: { creationStack: false },
    handler: (req, res) => res.status(429).json(errorBody('rate_limited', render(requestLanguage(req, res), msg('errors:tooManySignInAttempts')))),
  });

  router.post('/session', signInLimiter, async (req, res) => {
    const { email, password } = parseWith(signInBody, req.body);
    const { token, actor, expiresAt } = await auth.signIn(email, password, clientIp(req));
    setSessionCookie(req, res, token, expiresAt - Date.now());
    res.status(201).json({ user: presentActor(actor) });
  });

  // Asking "am I signed in?" is not an error: answering 200 { user: null } keeps every page load's console free of a 401.
  router.get('/session', (_req, res) => {
    const actor = actorOf(res);
    res.json({ user: actor ? presentActor(actor) : null });
  });

  router.delete('/session', async (req, res) => {
    await auth.signOut(req.headers.cookie, actorOf(res), clientIp(req));
    res.clearCookie(sessionCookie, { path: '/' });
    res.status(204).end();
  });
  return router;
}
