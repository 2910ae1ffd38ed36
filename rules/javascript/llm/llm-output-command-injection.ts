import { exec, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Anthropic from '@anthropic-ai/sdk';
import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';

const run = promisify(exec);
const runFile = promisify(execFile);
const anthropic = new Anthropic();

export async function devopsAgent(task: string) {
  const msg = await anthropic.messages.create({
    model: 'claude-3-5-sonnet-latest',
    max_tokens: 512,
    system: 'You are a DevOps assistant. Reply with one shell command.',
    messages: [{ role: 'user', content: task }],
  });
  const block = msg.content[0];
  const command = block.type === 'text' ? block.text.trim() : '';
  // ruleid: javascript.llm-output-command-injection
  const { stdout } = await run(command, { timeout: 10_000 });
  return stdout;
}

export async function gitHelper(question: string) {
  const { text } = await generateText({ model: openai('gpt-4o-mini'), prompt: `Which git branch matches: ${question}? Reply with the name only.` });
  // ruleid: javascript.llm-output-command-injection
  exec(`git checkout ${text}`, (err) => err && console.error(err));
  // ruleid: javascript.llm-output-command-injection
  execFile(text, ['--version']);
}

const ALLOWED = ['status', 'log', 'diff'];

export async function gitReadOnly(question: string) {
  const { text } = await generateText({ model: openai('gpt-4o-mini'), prompt: `Pick one of status, log, diff for: ${question}` });
  const sub = text.trim();
  if (!ALLOWED.includes(sub)) throw new Error('not allowed');
  // ok: javascript.llm-output-command-injection
  const { stdout } = await runFile('git', [sub]);
  return stdout;
}

export async function uptime() {
  // ok: javascript.llm-output-command-injection
  const { stdout } = await run('uptime');
  const { text } = await generateText({ model: openai('gpt-4o-mini'), prompt: `Summarise: ${stdout}` });
  // ok: javascript.llm-output-command-injection
  return text;
}
