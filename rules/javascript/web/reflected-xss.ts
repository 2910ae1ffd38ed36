import Koa from 'koa';
import Fastify from 'fastify';
import { NextRequest, NextResponse } from 'next/server';
import escapeHtml from 'escape-html';

const koa = new Koa();
koa.use(async (ctx) => {
  const name = ctx.query.name;
  // ruleid: javascript.reflected-xss
  ctx.body = `<h1>Welcome back, ${name}</h1>`;
});

koa.use(async (ctx) => {
  // ok: javascript.reflected-xss
  ctx.body = { greeting: `Welcome back, ${ctx.query.name}` };
});

const fastify = Fastify();
fastify.get('/card', async (request: any, reply) => {
  const title = request.query.title;
  // ruleid: javascript.reflected-xss
  return reply.type('text/html').send(`<div class="card">${title}</div>`);
});

fastify.get('/card-text', async (request: any, reply) => {
  // ok: javascript.reflected-xss
  return reply.send(`Card: ${request.query.title}`);
});

export async function GET(request: NextRequest) {
  const ref = request.nextUrl.searchParams.get('ref') ?? '';
  const page = `<html><body><a href="/">Back</a> referred by ${ref}</body></html>`;
  // ruleid: javascript.reflected-xss
  return new Response(page, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

export async function POST(request: NextRequest) {
  const { ref } = await request.json();
  const page = `<html><body>referred by ${escapeHtml(String(ref))}</body></html>`;
  // ok: javascript.reflected-xss
  return new NextResponse(page, { headers: { 'Content-Type': 'text/html' } });
}
