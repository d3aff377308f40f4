// Webhook routes that need the raw request body. Stripe's route is added by the payments domain.
import type express from 'express';
import type { AppDeps } from '../services/context';

export function mountWebhooks(_app: express.Express, _deps: AppDeps): void {}
