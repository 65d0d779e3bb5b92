import type { SecretRule } from '../rule.js';
import { awsAccessKey, awsSecretKey } from './aws.js';
import { githubToken } from './github.js';
import { gitlabToken } from './gitlab.js';
import { slackToken, slackWebhook } from './slack.js';
import { stripeLiveKey } from './stripe.js';
import { sendgridKey } from './sendgrid.js';
import { twilioApiKey, twilioAuthToken } from './twilio.js';
import { googleApiKey, googleServiceAccount } from './google.js';
import { anthropicKey, huggingfaceToken, openaiKey } from './ai.js';
import { npmToken, pypiToken } from './registries.js';
import { privateKey } from './private-key.js';
import { jsonWebToken } from './jwt.js';
import { connectionUrlPassword } from './connection-url.js';
import { djangoSecretKey } from './django.js';
import { genericCredential } from './generic.js';

/**
 * Every secret rule, most specific first: when two rules claim the same characters of a line, the
 * earlier one wins (a ghp_ token assigned to GITHUB_TOKEN is a GitHub token, not a generic credential).
 */
export const RULES: readonly SecretRule[] = [
  googleServiceAccount,
  privateKey,
  awsAccessKey,
  awsSecretKey,
  githubToken,
  gitlabToken,
  slackToken,
  slackWebhook,
  stripeLiveKey,
  sendgridKey,
  twilioApiKey,
  twilioAuthToken,
  googleApiKey,
  anthropicKey,
  openaiKey,
  huggingfaceToken,
  npmToken,
  pypiToken,
  jsonWebToken,
  connectionUrlPassword,
  djangoSecretKey,
  genericCredential,
];
