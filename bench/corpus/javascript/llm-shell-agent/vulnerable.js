// Ops assistant: asks the model for a command that answers the operator's question and runs it.
const readline = require('readline/promises');
const { exec } = require('child_process');
const { promisify } = require('util');
const Anthropic = require('@anthropic-ai/sdk');

const run = promisify(exec);
const anthropic = new Anthropic();

async function main() {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const question = await rl.question('What do you want to know about this server? ');
  const msg = await anthropic.messages.create({
    model: 'claude-3-5-haiku-latest',
    max_tokens: 200,
    system: 'Reply with a single read-only Linux shell command that answers the question. No prose.',
    messages: [{ role: 'user', content: question }],
  });
  const command = msg.content[0].text.trim();
  console.log(`$ ${command}`);
  const { stdout } = await run(command, { timeout: 15000 }); // bench: vuln CWE-78
  console.log(stdout);
  rl.close();
}

main();
