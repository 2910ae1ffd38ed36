import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { createReadStream } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { NextRequest, NextResponse } from 'next/server';

const INVOICES = path.resolve(process.cwd(), 'storage/invoices');

@Controller('invoices')
export class InvoicesController {
  @Get(':file')
  download(@Param('file') file: string, @Res() res: Response) {
    // ruleid: javascript.path-traversal
    createReadStream(path.join(INVOICES, file)).pipe(res);
  }

  @Get('safe/:file')
  downloadSafe(@Param('file') file: string, @Res() res: Response) {
    // ok: javascript.path-traversal
    createReadStream(path.join(INVOICES, path.basename(file))).pipe(res);
  }
}

export async function GET(request: NextRequest) {
  const dir = request.nextUrl.searchParams.get('dir') ?? '';
  // ruleid: javascript.path-traversal
  const entries = await readdir(path.join(process.cwd(), 'content', dir));
  return NextResponse.json(entries);
}

export async function POST(request: NextRequest) {
  const form = await request.formData();
  const name = String(form.get('name'));
  const full = path.resolve(INVOICES, name);
  const rel = path.relative(INVOICES, full);
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    return NextResponse.json({ error: 'bad path' }, { status: 400 });
  }
  // ok: javascript.path-traversal
  const text = await readFile(full, 'utf8');
  return NextResponse.json({ text });
}

export async function saveAvatar(formData: FormData) {
  'use server';
  const file = formData.get('avatar') as File;
  const dest = path.join(process.cwd(), 'public/avatars', file.name);
  // ruleid: javascript.path-traversal
  await writeFile(dest, Buffer.from(await file.arrayBuffer()));
}
