// app/api/support/route.ts: support chat; the widget lets the site owner pick a tone.
import { NextRequest } from 'next/server';
import { streamText } from 'ai';
import { openai } from '@ai-sdk/openai';

export async function POST(request: NextRequest) {
  const { messages, tone, productName } = await request.json();
  const result = streamText({
    model: openai('gpt-4o-mini'),
    system: `You are the support assistant for ${productName}. Answer in a ${tone} tone. Never promise refunds.`, // bench: vuln CWE-1427
    messages,
  });
  return result.toDataStreamResponse();
}
