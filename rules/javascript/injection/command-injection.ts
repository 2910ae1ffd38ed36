import { Body, Controller, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { exec, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { NextRequest, NextResponse } from 'next/server';
import { execa, execaCommand } from 'execa';

const run = promisify(exec);
const runFile = promisify(execFile);

@Controller('media')
export class MediaController {
  @Post('thumbnail')
  @UseInterceptors(FileInterceptor('file'))
  async thumbnail(@UploadedFile() file: Express.Multer.File) {
    const out = `/tmp/thumbs/${Date.now()}.png`;
    // ruleid: javascript.command-injection
    await run(`convert "${file.originalname}" -resize 128x128 ${out}`, { cwd: '/tmp/uploads' });
    // ok: javascript.command-injection
    await runFile('convert', [file.path, '-resize', '128x128', out]);
    return { out };
  }

  @Post('probe')
  async probe(@Body() dto: { url: string }) {
    // ruleid: javascript.command-injection
    const { stdout } = await execaCommand(`ffprobe -v quiet -print_format json ${dto.url}`);
    return JSON.parse(stdout);
  }

  @Post('probe-safe')
  async probeSafe(@Body() dto: { url: string }) {
    // ok: javascript.command-injection
    const { stdout } = await execa('ffprobe', ['-v', 'quiet', '-print_format', 'json', dto.url]);
    return JSON.parse(stdout);
  }
}

export async function POST(request: NextRequest) {
  const { branch } = await request.json();
  // ruleid: javascript.command-injection
  const { stdout } = await run(`git log --oneline ${branch}`, { cwd: '/srv/app' });
  return NextResponse.json({ log: stdout.split('\n') });
}

export async function GET(request: NextRequest) {
  const tag = request.nextUrl.searchParams.get('tag') ?? 'latest';
  const safe = /^[\w.-]+$/.test(tag) ? tag : 'latest';
  // ok: javascript.command-injection
  const { stdout } = await run(`docker image inspect app:${safe}`);
  return NextResponse.json(JSON.parse(stdout));
}

export async function deploy(formData: FormData) {
  'use server';
  const env = formData.get('env');
  // ruleid: javascript.command-injection
  await execa(`./deploy.sh ${env}`, { shell: true });
}

export async function health() {
  // ok: javascript.command-injection
  const { stdout } = await run('systemctl is-active app');
  return stdout.trim();
}
