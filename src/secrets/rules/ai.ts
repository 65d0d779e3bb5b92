import { isDecoyToken } from '../decoys.js';
import { fake, ALNUM, LOWER, UPPER, URLSAFE } from '../fake.js';
import type { PatternRule } from '../rule.js';

const MARK = 'T3Blbk' + 'FJ'; // base64 of "OpenAI", inside every OpenAI key
const openaiLegacy = (seed: string) => 'sk-' + fake(ALNUM, 20, seed) + MARK + fake(ALNUM, 20, seed + 'b');
const openaiProject = (seed: string) => 'sk-' + 'proj-' + fake(URLSAFE, 74, seed) + MARK + fake(URLSAFE, 74, seed + 'b');
const anthropic = (seed: string) => 'sk-' + 'ant-' + 'api03-' + fake(URLSAFE, 93, seed) + 'AA';
const hf = (seed: string) => 'hf' + '_' + fake(UPPER + LOWER, 34, seed);

export const openaiKey: PatternRule = {
  kind: 'pattern',
  id: 'secret.openai-api-key',
  severity: 'high',
  label: 'OpenAI API key',
  summary: 'OpenAI API key committed to the repository',
  docs: {
    what: 'Finds OpenAI API keys: sk-, sk-proj-, sk-svcacct- or sk-admin- keys carrying the T3BlbkFJ marker, and long project keys.',
    why: 'The key is billed per token; leaked keys are drained by resellers within hours, and project keys read files and fine-tunes.',
    example: 'OPENAI_API_KEY = "sk-proj-<characters>"',
    fix: 'Revoke the key at platform.openai.com/api-keys, create a new project-scoped key and read it from the environment.',
    references: ['https://platform.openai.com/docs/api-reference/authentication'],
  },
  keywords: ['t3blbkfj', 'sk-proj-', 'sk-svcacct-', 'sk-admin-'],
  trigger: 'T3BlbkFJ|-(?<=sk-(?:proj|svcacct|admin)-)',
  anchors: ['T3B', 'sk-'],
  pattern:
    /(?<![A-Za-z0-9_-])(?<s>sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{16,200}T3BlbkFJ[A-Za-z0-9_-]{16,200}|sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{80,250})(?![A-Za-z0-9_-])/g,
  validate: (v) => !v.startsWith('sk-ant-') && !isDecoyToken(v.slice(3)),
  examples: {
    bad: [
      { file: 'app/llm.py', text: `from openai import OpenAI\nclient = OpenAI(api_key="${openaiProject('oa-1')}")\n`, line: 2 },
      { file: '.env', text: `OPENAI_API_KEY=${openaiLegacy('oa-2')}\n` },
    ],
    good: [
      { file: 'docs/llm.md', text: 'OPENAI_API_KEY=sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n' },
      { file: 'app/llm.py', text: 'client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n' },
      { file: 'app/llm2.py', text: 'OPENAI_BASE_URL = "https://api.openai.com/v1"  # keys look like sk-proj-…\n' },
    ],
  },
};

export const anthropicKey: PatternRule = {
  kind: 'pattern',
  id: 'secret.anthropic-api-key',
  severity: 'high',
  label: 'Anthropic API key',
  summary: 'Anthropic API key committed to the repository',
  docs: {
    what: 'Finds Anthropic API and admin keys (sk-ant-api03-…, sk-ant-admin01-…).',
    why: 'The key is billed per token and admin keys manage the organisation’s members and keys.',
    example: 'ANTHROPIC_API_KEY = "sk-ant-api03-<characters>"',
    fix: 'Delete the key in the Anthropic console (Settings → API keys), create a new one and read it from the environment.',
    references: ['https://docs.anthropic.com/en/api/getting-started'],
  },
  keywords: ['sk-ant-'],
  trigger: '-(?<=sk-ant-)',
  anchors: ['sk-'],
  pattern: /(?<![A-Za-z0-9_-])(?<s>sk-ant-(?:api|admin|sid|oat)\d{2}-[A-Za-z0-9_-]{40,200})(?![A-Za-z0-9_-])/g,
  validate: (v) => !isDecoyToken(v.slice(14)),
  examples: {
    bad: [{ file: 'app/claude.py', text: `client = anthropic.Anthropic(api_key="${anthropic('an-1')}")\n` }],
    good: [{ file: 'docs/claude.md', text: 'ANTHROPIC_API_KEY=sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n' }],
  },
};

export const huggingfaceToken: PatternRule = {
  kind: 'pattern',
  id: 'secret.huggingface-token',
  severity: 'high',
  label: 'Hugging Face token',
  summary: 'Hugging Face access token committed to the repository',
  docs: {
    what: 'Finds Hugging Face user access tokens (hf_ followed by 34 letters).',
    why: 'A write token pushes to your models and datasets (a poisoned model is a supply-chain attack); a read token opens private and gated repositories.',
    example: 'HF_TOKEN = "hf_<34 letters>"',
    fix: 'Invalidate the token at huggingface.co/settings/tokens, create a fine-grained one and read it from the environment (HF_TOKEN).',
    references: ['https://huggingface.co/docs/hub/security-tokens'],
  },
  keywords: ['hf_'],
  trigger: '_(?<=hf_)',
  anchors: ['hf_'],
  pattern: /(?<![A-Za-z0-9_])(?<s>hf_[A-Za-z]{34})(?![A-Za-z0-9_])/g,
  // 34 letters of a real token mix cases; an identifier like hf_hub_download_... does not match the shape anyway.
  validate: (v) => /[A-Z]/.test(v) && /[a-z]/.test(v.slice(3)) && !isDecoyToken(v.slice(3)),
  examples: {
    bad: [{ file: 'train.py', text: `from huggingface_hub import login\nlogin(token="${hf('hf-1')}")\n`, line: 2 }],
    good: [
      { file: 'train.py', text: 'login(token=os.environ["HF_TOKEN"])\nhf_hub_download(repo_id="gpt2", filename="config.json")\n' },
      { file: 'docs/hf.md', text: 'HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n' },
    ],
  },
};
