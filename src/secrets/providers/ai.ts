/** AI and model APIs: the keys assistants most often paste into notebooks and scripts. */
import type { SecretSpec } from '../types.js';
import { ALNUM, contextual, HEX, prefixed, UUID } from './build.js';

/** "T3BlbkFJ" is base64 for "OpenAI": every OpenAI key carries it. */
const OPENAI_MARK = 'T3BlbkFJ';
const openaiRevoke = 'delete the key at platform.openai.com > API keys and read it from OPENAI_API_KEY';

export const AI: SecretSpec[] = [
  prefixed('openai-project-key', 'OpenAI project API key', 'ai', ['sk-proj-', 'sk-svcacct-', 'sk-admin-'], '[A-Za-z0-9_\\-]{20,250}', 'critical', {
    validate: (s) => s.includes(OPENAI_MARK),
    structural: true,
    revoke: openaiRevoke,
  }),
  prefixed('openai-api-key', 'OpenAI API key', 'ai', 'sk-', `[A-Za-z0-9]{20}${OPENAI_MARK}[A-Za-z0-9]{20}`, 'critical', { structural: true, validate: () => true, revoke: openaiRevoke }),
  prefixed('anthropic-api-key', 'Anthropic API key', 'ai', 'sk-ant-api03-', '[A-Za-z0-9_\\-]{93}AA', 'critical', {
    validate: () => true,
    structural: true,
    revoke: 'delete the key in the Anthropic Console (Settings > API keys) and read it from ANTHROPIC_API_KEY',
  }),
  prefixed('anthropic-admin-key', 'Anthropic admin API key', 'ai', 'sk-ant-admin01-', '[A-Za-z0-9_\\-]{93}AA', 'critical', { validate: () => true, structural: true }),
  prefixed('huggingface-token', 'Hugging Face access token', 'ai', 'hf_', '[A-Za-z]{34}', 'high', {
    minEntropy: 3.5,
    revoke: 'revoke it at huggingface.co > Settings > Access Tokens and read it from HF_TOKEN',
  }),
  prefixed('huggingface-org-token', 'Hugging Face organization token', 'ai', 'api_org_', '[A-Za-z]{34}', 'high', { minEntropy: 3.5 }),
  prefixed('replicate-api-token', 'Replicate API token', 'ai', 'r8_', ALNUM(37), 'high', { minEntropy: 3.5 }),
  contextual('cohere-api-key', 'Cohere API key', 'ai', ['cohere', 'co_api_key'], ALNUM(40), 'high'),
  contextual('mistral-api-key', 'Mistral AI API key', 'ai', ['mistral'], ALNUM(32), 'high'),
  prefixed('groq-api-key', 'Groq API key', 'ai', 'gsk_', ALNUM(52), 'high'),
  prefixed('perplexity-api-key', 'Perplexity API key', 'ai', 'pplx-', ALNUM(48), 'high'),
  prefixed('xai-api-key', 'xAI (Grok) API key', 'ai', 'xai-', ALNUM(80), 'high'),
  prefixed('openrouter-api-key', 'OpenRouter API key', 'ai', 'sk-or-v1-', HEX(64), 'high'),
  contextual('deepseek-api-key', 'DeepSeek API key', 'ai', ['deepseek'], `sk-${HEX(32)}`, 'high'),
  contextual('moonshot-api-key', 'Moonshot (Kimi) API key', 'ai', ['moonshot', 'kimi_api'], `sk-${ALNUM(48)}`, 'high'),
  contextual('together-api-key', 'Together AI API key', 'ai', ['together_api', 'togetherai', 'together_key', 'together_ai'], `(?:tgp_v1_)?(?:${HEX(64)}|[A-Za-z0-9_\\-]{43})`, 'high'),
  prefixed('fireworks-api-key', 'Fireworks AI API key', 'ai', 'fw_', ALNUM(24), 'high', { minEntropy: 3.5 }),
  prefixed('langsmith-api-key', 'LangSmith API key', 'ai', ['lsv2_pt_', 'lsv2_sk_'], `${HEX(32)}_${HEX(10)}`, 'high'),
  prefixed('langfuse-secret-key', 'Langfuse secret key', 'ai', 'sk-lf-', UUID, 'high'),
  prefixed('pinecone-api-key', 'Pinecone API key', 'ai', 'pcsk_', '[A-Za-z0-9]{5,6}_[A-Za-z0-9]{60,70}', 'high'),
  contextual('pinecone-legacy-key', 'Pinecone API key (legacy)', 'ai', ['pinecone'], UUID, 'high'),
  contextual('wandb-api-key', 'Weights & Biases API key', 'ai', ['wandb'], HEX(40), 'high'),
  contextual('elevenlabs-api-key', 'ElevenLabs API key', 'ai', ['elevenlabs', 'eleven_labs', 'xi-api-key', 'xi_api_key'], `sk_${HEX(48)}|${HEX(32)}`, 'high'),
  contextual('assemblyai-api-key', 'AssemblyAI API key', 'ai', ['assemblyai', 'assembly_ai'], HEX(32), 'high'),
  contextual('deepgram-api-key', 'Deepgram API key', 'ai', ['deepgram'], HEX(40), 'high'),
  prefixed('nvidia-api-key', 'NVIDIA API key', 'ai', 'nvapi-', '[A-Za-z0-9_\\-]{64}', 'high'),
  prefixed('databricks-token', 'Databricks personal access token', 'ai', 'dapi', `${HEX(32)}(?:-\\d)?`, 'high'),
  prefixed('tavily-api-key', 'Tavily API key', 'ai', 'tvly-', '(?:dev-|prod-)?[A-Za-z0-9]{32}', 'high'),
  prefixed('firecrawl-api-key', 'Firecrawl API key', 'ai', 'fc-', HEX(32), 'high'),
  prefixed('voyage-api-key', 'Voyage AI API key', 'ai', 'pa-', '[A-Za-z0-9_\\-]{43}', 'medium', { minEntropy: 4 }),
  prefixed('anyscale-api-key', 'Anyscale API key', 'ai', 'esecret_', ALNUM(26), 'high'),
  prefixed('cerebras-api-key', 'Cerebras API key', 'ai', 'csk-', '[a-z0-9]{48}', 'high', { minEntropy: 3.5 }),
  prefixed('llamacloud-api-key', 'LlamaCloud API key', 'ai', 'llx-', ALNUM(48), 'high'),
  prefixed('helicone-api-key', 'Helicone API key', 'ai', ['sk-helicone-', 'pk-helicone-'], '[a-z0-9]{7}-[a-z0-9]{7}-[a-z0-9]{7}-[a-z0-9]{7}', 'medium'),
  contextual('stability-api-key', 'Stability AI API key', 'ai', ['stability'], `sk-${ALNUM(48)}`, 'high'),
  contextual('ai21-api-key', 'AI21 API key', 'ai', ['ai21'], ALNUM(32), 'high'),
  contextual('clarifai-pat', 'Clarifai personal access token', 'ai', ['clarifai'], HEX(32), 'high'),
  contextual('serpapi-key', 'SerpApi key', 'ai', ['serpapi', 'serp_api'], HEX(64), 'medium'),
  contextual('openai-api-key-by-name', 'OpenAI API key', 'ai', ['openai_api_key', 'openai_key', 'openai-api-key'], `sk-[A-Za-z0-9_\\-]{32,200}`, 'high', { minEntropy: 4 }),
  contextual('runpod-api-key', 'RunPod API key', 'ai', ['runpod'], '(?:rpa_)?[A-Z0-9]{32,50}', 'high'),
];
