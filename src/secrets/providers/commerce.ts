/** Payments, messaging and e-mail delivery. */
import type { SecretSpec } from '../types.js';
import { decodeBase64 } from '../validators.js';
import { ALNUM, contextual, HEX, prefixed, UUID } from './build.js';

const stripeRevoke = 'roll the key in the Stripe Dashboard (Developers > API keys)';

/** A Discord bot token's first part is the bot's numeric id in base64. */
function discordIdPart(token: string): boolean {
  const first = token.split('.')[0];
  const buf = decodeBase64(first);
  return buf !== null && /^\d{17,20}$/.test(buf.toString('latin1'));
}

export const PAYMENTS: SecretSpec[] = [
  prefixed('stripe-secret-key', 'Stripe live secret key', 'payments', 'sk_live_', '[A-Za-z0-9]{24,247}', 'critical', { minEntropy: 3.5, revoke: stripeRevoke }),
  prefixed('stripe-restricted-key', 'Stripe live restricted key', 'payments', 'rk_live_', '[A-Za-z0-9]{24,247}', 'critical', { minEntropy: 3.5, revoke: stripeRevoke }),
  prefixed('stripe-test-secret-key', 'Stripe test secret key', 'payments', ['sk_test_', 'rk_test_'], '[A-Za-z0-9]{24,247}', 'medium', { minEntropy: 3.5, revoke: stripeRevoke }),
  prefixed('stripe-webhook-secret', 'Stripe webhook signing secret', 'payments', 'whsec_', '[A-Za-z0-9+/=]{32,64}', 'high', { minEntropy: 3.5, tail: 'A-Za-z0-9+/=' }),
  prefixed('braintree-access-token', 'Braintree / PayPal access token', 'payments', 'access_token$production$', `[a-z0-9]{16}\\$${HEX(32)}`, 'critical'),
  prefixed('braintree-sandbox-token', 'Braintree sandbox access token', 'payments', 'access_token$sandbox$', `[a-z0-9]{16}\\$${HEX(32)}`, 'medium'),
  contextual('paypal-client-secret', 'PayPal client secret', 'payments', ['paypal'], 'E[A-Za-z0-9_\\-]{79}', 'critical'),
  prefixed('square-access-token', 'Square access token', 'payments', 'EAAA', '[A-Za-z0-9_\\-]{60}', 'critical', { minEntropy: 3.8, revoke: 'revoke it in the Square Developer Dashboard' }),
  prefixed('square-legacy-access-token', 'Square access token (legacy)', 'payments', 'sq0atp-', '[A-Za-z0-9_\\-]{22}', 'critical'),
  prefixed('square-oauth-secret', 'Square OAuth secret', 'payments', 'sq0csp-', '[A-Za-z0-9_\\-]{43}', 'critical'),
  prefixed('adyen-api-key', 'Adyen API key', 'payments', 'AQE', '[A-Za-z0-9+/=._\\-]{100,250}', 'high', { minEntropy: 4.5, boundary: true }),
  contextual('razorpay-key-secret', 'Razorpay key secret', 'payments', ['razorpay'], ALNUM(24), 'high'),
  prefixed('flutterwave-secret-key', 'Flutterwave secret key', 'payments', ['FLWSECK-', 'FLWSECK_TEST-'], `${HEX(32)}-X`, 'high'),
  prefixed('flutterwave-encryption-key', 'Flutterwave encryption key', 'payments', 'FLWSECK_TEST', HEX(12), 'medium'),
  contextual('paystack-secret-key', 'Paystack secret key', 'payments', ['paystack'], `sk_(?:live|test)_${HEX(40)}`, 'critical', { confidence: 'high', priority: 4 }),
  prefixed('plaid-access-token', 'Plaid access token', 'payments', ['access-production-', 'access-development-', 'access-sandbox-'], UUID, 'high'),
  contextual('plaid-secret', 'Plaid secret', 'payments', ['plaid_secret', 'plaid-secret', 'plaidsecret'], HEX(30), 'high'),
  prefixed('shippo-api-token', 'Shippo API token', 'payments', ['shippo_live_', 'shippo_test_'], HEX(40), 'high'),
  prefixed('easypost-api-key', 'EasyPost API key', 'payments', ['EZAK', 'EZTK'], ALNUM(54), 'high'),
  prefixed('duffel-api-token', 'Duffel API token', 'payments', ['duffel_live_', 'duffel_test_'], '[A-Za-z0-9_=\\-]{43}', 'high'),
  contextual('coinbase-api-secret', 'Coinbase API secret', 'payments', ['coinbase'], ALNUM(32), 'high'),
  prefixed('shopify-access-token', 'Shopify Admin API access token', 'payments', ['shpat_', 'shpca_', 'shppa_'], HEX(32), 'critical', { revoke: 'uninstall or rotate the app credentials in the Shopify admin' }),
  prefixed('shopify-shared-secret', 'Shopify app shared secret', 'payments', 'shpss_', HEX(32), 'high'),
  contextual('lemonsqueezy-api-key', 'Lemon Squeezy API key', 'payments', ['lemonsqueezy', 'lemon_squeezy'], 'eyJ[A-Za-z0-9_\\-]{20,600}\\.[A-Za-z0-9_\\-]{20,1200}\\.[A-Za-z0-9_\\-]{20,800}', 'high'),
];

export const MESSAGING: SecretSpec[] = [
  prefixed('slack-bot-token', 'Slack bot token', 'messaging', 'xoxb-', '[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{20,40}', 'high', { revoke: 'revoke it under the Slack app > OAuth & Permissions' }),
  prefixed('slack-user-token', 'Slack user token', 'messaging', ['xoxp-', 'xoxa-', 'xoxs-'], '[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[a-f0-9]{32}', 'high'),
  prefixed('slack-refresh-token', 'Slack refresh token', 'messaging', 'xoxe-1-', '[A-Za-z0-9]{100,200}', 'high'),
  prefixed('slack-config-token', 'Slack configuration token', 'messaging', ['xoxe.xoxp-1-', 'xoxe.xoxb-1-'], '[A-Za-z0-9]{150,200}', 'high'),
  prefixed('slack-legacy-token', 'Slack legacy token', 'messaging', ['xoxo-', 'xoxr-'], '[0-9]{8,14}-[A-Za-z0-9\\-]{20,80}', 'high', { minEntropy: 3 }),
  prefixed('slack-app-token', 'Slack app-level token', 'messaging', 'xapp-1-', '[A-Z0-9]{9,12}-[0-9]{10,14}-[a-f0-9]{64}', 'high'),
  prefixed('slack-webhook-url', 'Slack incoming webhook', 'messaging', 'hooks.slack.com/services/', 'T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/([A-Za-z0-9]{24})', 'high', { boundary: false, revoke: 'regenerate the webhook in the Slack app > Incoming Webhooks' }),
  prefixed('slack-workflow-webhook', 'Slack workflow webhook', 'messaging', ['hooks.slack.com/workflows/', 'hooks.slack.com/triggers/'], 'T[A-Z0-9]{8,12}/A[A-Z0-9]{8,12}/[0-9]{12,20}/([A-Za-z0-9]{32})', 'medium', { boundary: false }),
  prefixed('discord-webhook-url', 'Discord webhook', 'messaging', ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'], '[0-9]{17,20}/([A-Za-z0-9_\\-]{60,68})', 'high', { boundary: false }),
  {
    id: 'discord-bot-token',
    name: 'Discord bot token',
    family: 'messaging',
    keywords: ['discord', 'bot_token', 'bot.run(', 'client.login('],
    regex: /[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}(?![A-Za-z0-9_-])/,
    before: 0,
    after: 200,
    validate: discordIdPart,
    structural: true,
    severity: 'high',
    confidence: 'high',
    revoke: 'reset the token in the Discord Developer Portal (Bot > Reset Token)',
  },
  contextual('discord-client-secret', 'Discord client secret', 'messaging', ['discord_client_secret', 'discord_secret'], '[A-Za-z0-9_\\-]{32}', 'high'),
  {
    id: 'telegram-bot-token',
    name: 'Telegram bot token',
    family: 'messaging',
    keywords: [':aa'],
    regex: /(?<![0-9A-Za-z])[0-9]{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/,
    before: 10,
    after: 40,
    severity: 'high',
    confidence: 'high',
    minEntropy: 3.5,
    revoke: 'revoke it with @BotFather (/revoke)',
  },
  prefixed('teams-webhook-url', 'Microsoft Teams webhook', 'messaging', '.webhook.office.com/webhookb2/', `${UUID}@${UUID}/IncomingWebhook/(${HEX(32)})/${UUID}`, 'medium', { boundary: false }),
  contextual('twilio-auth-token', 'Twilio auth token', 'messaging', ['twilio'], HEX(32), 'high', { revoke: 'rotate the auth token in the Twilio Console' }),
  contextual('twilio-api-key', 'Twilio API key secret', 'messaging', ['twilio'], `SK${HEX(32)}`, 'high', { confidence: 'high' }),
  prefixed('sendgrid-api-key', 'SendGrid API key', 'messaging', 'SG.', '[A-Za-z0-9_\\-]{22}\\.[A-Za-z0-9_\\-]{43}', 'high', { minEntropy: 4, revoke: 'delete the key in SendGrid (Settings > API Keys)' }),
  prefixed('mailgun-api-key', 'Mailgun API key', 'messaging', 'key-', HEX(32), 'high', { revoke: 'rotate the key in Mailgun (API Security)' }),
  contextual('mailgun-private-key', 'Mailgun private API key', 'messaging', ['mailgun'], `${HEX(32)}-${HEX(8)}-${HEX(8)}`, 'high'),
  {
    id: 'mailchimp-api-key',
    name: 'Mailchimp API key',
    family: 'messaging',
    keywords: ['-us'],
    regex: /(?<![0-9a-f])[0-9a-f]{32}-us[0-9]{1,2}(?![A-Za-z0-9])/,
    before: 32,
    after: 8,
    severity: 'high',
    confidence: 'high',
  },
  prefixed('mandrill-api-key', 'Mandrill API key', 'messaging', 'md-', '[A-Za-z0-9_\\-]{22}', 'medium', { minEntropy: 3.8 }),
  contextual('postmark-server-token', 'Postmark server token', 'messaging', ['postmark'], UUID, 'high'),
  prefixed('brevo-api-key', 'Brevo (Sendinblue) API key', 'messaging', ['xkeysib-', 'xsmtpsib-'], `${HEX(64)}-[A-Za-z0-9]{16}`, 'high'),
  contextual('mailjet-secret', 'Mailjet API secret', 'messaging', ['mailjet'], HEX(32), 'high'),
  prefixed('resend-api-key', 'Resend API key', 'messaging', 're_', '[A-Za-z0-9]{8}_[A-Za-z0-9]{24}', 'high', { minEntropy: 3.5 }),
  prefixed('telnyx-api-key', 'Telnyx API key', 'messaging', 'KEY0', '[0-9A-F]{31}_[A-Za-z0-9]{22}', 'high'),
  contextual('vonage-api-secret', 'Vonage (Nexmo) API secret', 'messaging', ['vonage', 'nexmo'], '[A-Za-z0-9]{16}', 'high'),
  contextual('plivo-auth-token', 'Plivo auth token', 'messaging', ['plivo'], '[A-Za-z0-9]{40}', 'high'),
  contextual('messagebird-api-key', 'MessageBird API key', 'messaging', ['messagebird', 'message_bird'], '[A-Za-z0-9]{25}', 'high'),
  prefixed('pushbullet-token', 'Pushbullet access token', 'messaging', 'o.', ALNUM(32), 'medium', { minEntropy: 4 }),
  contextual('pushover-token', 'Pushover token', 'messaging', ['pushover'], '[a-z0-9]{30}', 'medium'),
  contextual('intercom-access-token', 'Intercom access token', 'messaging', ['intercom'], 'dG9rO[A-Za-z0-9+/]{40,80}={0,2}', 'high'),
  contextual('pusher-secret', 'Pusher channels secret', 'messaging', ['pusher_secret', 'pusher_app_secret'], HEX(20), 'high'),
  contextual('line-channel-token', 'LINE channel access token', 'messaging', ['line_channel', 'line_access_token', 'linebot'], '[A-Za-z0-9+/]{170,175}=?', 'high'),
  contextual('zoom-secret', 'Zoom API secret', 'messaging', ['zoom_api_secret', 'zoom_client_secret', 'zoom_secret'], '[A-Za-z0-9]{32,36}', 'high'),
];
