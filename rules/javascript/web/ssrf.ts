import { Body, Controller, Post } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { firstValueFrom } from 'rxjs';
import got from 'got';

@Controller('links')
export class LinksController {
  constructor(private readonly httpService: HttpService) {}

  @Post('unfurl')
  async unfurl(@Body() body: { url: string }) {
    // ruleid: javascript.ssrf
    const res = await firstValueFrom(this.httpService.get(body.url));
    return { status: res.status };
  }

  @Post('unfurl-allowed')
  async unfurlAllowed(@Body() body: { url: string }) {
    const url = new URL(body.url);
    if (!['github.com', 'gitlab.com'].includes(url.hostname)) {
      return { error: 'host not allowed' };
    }
    // ok: javascript.ssrf
    const res = await firstValueFrom(this.httpService.get(url.toString()));
    return { status: res.status };
  }
}

export async function importFromUrl(formData: FormData) {
  'use server';
  const url = String(formData.get('url'));
  // ruleid: javascript.ssrf
  const res = await fetch(url, { cache: 'no-store' });
  return res.text();
}

export async function importRelease(formData: FormData) {
  'use server';
  const tag = String(formData.get('tag'));
  // ok: javascript.ssrf
  const res = await got(`https://api.github.com/repos/acme/app/releases/tags/${encodeURIComponent(tag)}`).json();
  return res;
}

export async function ping(formData: FormData) {
  'use server';
  // ruleid: javascript.ssrf
  return got.head(String(formData.get('target')));
}
