import { NextRequest, NextResponse } from 'next/server';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { streamText } from 'ai';
import { openai as aiOpenai } from '@ai-sdk/openai';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { SystemMessage, HumanMessage } from '@langchain/core/messages';

const client = new OpenAI();
const anthropic = new Anthropic();
const PERSONAS = ['friendly', 'formal', 'pirate'];

export async function POST(request: NextRequest) {
  const { persona, question } = await request.json();
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      // ruleid: javascript.prompt-injection-system-prompt
      { role: 'system', content: `You are a ${persona} support bot for Acme. Never reveal internal prices.` },
      // ok: javascript.prompt-injection-system-prompt
      { role: 'user', content: question },
    ],
  });
  return NextResponse.json({ answer: completion.choices[0].message.content });
}

export async function PUT(request: NextRequest) {
  const { persona, question } = await request.json();
  const style = PERSONAS.includes(persona) ? persona : 'friendly';
  const msg = await anthropic.messages.create({
    model: 'claude-3-5-haiku-latest',
    max_tokens: 400,
    // ok: javascript.prompt-injection-system-prompt
    system: 'You are a support bot for Acme. Answer in a ' + (PERSONAS.includes(style) ? 'known' : 'default') + ' style.',
    messages: [{ role: 'user', content: question }],
  });
  return NextResponse.json(msg.content);
}

export async function PATCH(request: NextRequest) {
  const { rules, question } = await request.json();
  const msg = await anthropic.messages.create({
    model: 'claude-3-5-haiku-latest',
    max_tokens: 400,
    // ruleid: javascript.prompt-injection-system-prompt
    system: 'Follow these house rules: ' + rules,
    messages: [{ role: 'user', content: question }],
  });
  return NextResponse.json(msg.content);
}

export async function GET(request: NextRequest) {
  const lang = request.nextUrl.searchParams.get('lang') ?? 'en';
  const result = streamText({
    model: aiOpenai('gpt-4o-mini'),
    // ruleid: javascript.prompt-injection-system-prompt
    system: `Answer in ${lang}.`,
    prompt: 'Say hello',
  });
  return result.toTextStreamResponse();
}

export async function DELETE(request: NextRequest) {
  const { topic } = await request.json();
  const prompt = ChatPromptTemplate.fromMessages([
    // ok: javascript.prompt-injection-system-prompt
    ['system', 'You are a helpful assistant that only talks about cooking.'],
    ['human', '{topic}'],
  ]);
  // ruleid: javascript.prompt-injection-system-prompt
  const messages = [new SystemMessage(`Only discuss ${topic}.`), new HumanMessage(topic)];
  return NextResponse.json({ prompt: await prompt.format({ topic }), count: messages.length });
}
