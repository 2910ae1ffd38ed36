// app/api/support/route.ts: support chat; the widget lets the site owner pick a tone.
import { NextRequest } from 'next/server';
import { streamText } from 'ai';
import { openai } from '@ai-sdk/openai';

const TONES = new Set(['friendly', 'formal', 'concise']);
const PRODUCT_NAME = process.env.PRODUCT_NAME ?? 'Acme';

export async function POST(request: NextRequest) {
  const { messages, tone } = await request.json();
  const style = TONES.has(tone) ? 'the configured' : 'a friendly';
  const result = streamText({
    model: openai('gpt-4o-mini'),
    system: `You are the support assistant for ${PRODUCT_NAME}. Answer in ${style} tone. Never promise refunds.`, // bench: safe CWE-1427
    messages,
  });
  return result.toDataStreamResponse();
}
