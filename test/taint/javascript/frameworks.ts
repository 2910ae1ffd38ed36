import { exec } from 'child_process';
import { NextRequest } from 'next/server';
import { Body, Controller, Post, Query } from '@nestjs/common';

export async function GET(request: NextRequest) {
  const file = request.nextUrl.searchParams.get('file');
  // ruleid: taint.js-remote
  exec(`cat ${file}`);
}

export async function POST(request: Request) {
  const body = await request.json();
  // ruleid: taint.js-remote
  exec(body.cmd);
}

export async function createNote(formData: FormData) {
  'use server';
  const title = formData.get('title');
  // ruleid: taint.js-remote
  exec(`touch ${title}`);
}

@Controller('jobs')
export class JobsController {
  @Post()
  run(@Body() dto: { cmd: string }, @Query('dir') dir: string) {
    // ruleid: taint.js-remote
    exec(dto.cmd);
    // ruleid: taint.js-remote
    exec('ls ' + dir);
    // ok: taint.js-remote
    exec('ls /tmp');
  }
}
