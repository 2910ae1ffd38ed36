// Ops assistant: asks the model for a command that answers the operator's question and runs it.
const readline = require('readline/promises');
const { execFile } = require('child_process');
const { promisify } = require('util');
const Anthropic = require('@anthropic-ai/sdk');

const run = promisify(execFile);

const TOOLS = { disk: ['df', ['-h']], memory: ['free', ['-m']], uptime: ['uptime', []], load: ['cat', ['/proc/loadavg']] };
const anthropic = new Anthropic();

async function main() {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const question = await rl.question('What do you want to know about this server? ');
  const msg = await anthropic.messages.create({
    model: 'claude-3-5-haiku-latest',
    max_tokens: 200,
    system: `Reply with one word, the tool that answers the question: ${Object.keys(TOOLS).join(', ')}.`,
    messages: [{ role: 'user', content: question }],
  });
  const tool = msg.content[0].text.trim();
  if (!Object.hasOwn(TOOLS, tool)) throw new Error(`unknown tool: ${tool}`);
  const [program, args] = TOOLS[tool];
  const { stdout } = await run(program, args, { timeout: 15000 }); // bench: safe CWE-78
  console.log(stdout);
  rl.close();
}

main();
