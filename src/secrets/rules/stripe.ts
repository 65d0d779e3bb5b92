import { isDecoyToken } from '../decoys.js';
import { fake, ALNUM } from '../fake.js';
import type { PatternRule } from '../rule.js';

const key = (kind: 'sk' | 'rk' | 'pk', mode: 'live' | 'test', seed: string) => kind + '_' + mode + '_' + fake(ALNUM, 99, seed);

export const stripeLiveKey: PatternRule = {
  kind: 'pattern',
  id: 'secret.stripe-live-key',
  severity: 'critical',
  label: 'Stripe live secret key',
  summary: 'Stripe live secret or restricted key committed to the repository',
  docs: {
    what: 'Finds Stripe live-mode secret keys (sk_live_) and restricted keys (rk_live_). Test-mode keys (sk_test_) and publishable keys (pk_) are not secrets of the same kind and are ignored.',
    why: 'A live secret key moves real money: refunds, payouts, customer card data through the API.',
    example: 'stripe.api_key = "sk_live_<characters>"',
    fix: 'Roll the key in the Stripe dashboard (Developers → API keys), then read the new one from the environment or a secret manager.',
    references: ['https://docs.stripe.com/keys'],
  },
  keywords: ['sk_live_', 'rk_live_'],
  trigger: '_live_(?<=[sr]k_live_)',
  anchors: ['k_l'],
  pattern: /(?<![A-Za-z0-9_])(?<s>[sr]k_live_[A-Za-z0-9]{20,247})(?![A-Za-z0-9_])/g,
  validate: (v) => !isDecoyToken(v.slice(8)),
  examples: {
    bad: [
      { file: 'billing/settings.py', text: `import stripe\nstripe.api_key = "${key('sk', 'live', 'st-1')}"\n`, line: 2 },
      { file: '.env.production', text: `STRIPE_RESTRICTED_KEY=${key('rk', 'live', 'st-2')}\n` },
    ],
    good: [
      { file: 'billing/tests.py', text: `stripe.api_key = "${key('sk', 'test', 'st-3')}"\n` },
      { file: 'billing/public.py', text: `STRIPE_PUBLISHABLE_KEY = "${key('pk', 'live', 'st-4')}"\n` },
      { file: 'docs/billing.md', text: 'STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\n' },
    ],
  },
};
