import { NextRequest, NextResponse } from 'next/server';
import { redirect } from 'next/navigation';

const ALLOWED = new Set(['https://docs.example.com', 'https://status.example.com']);

export function GET(request: NextRequest) {
  const callbackUrl = request.nextUrl.searchParams.get('callbackUrl') ?? '/';
  // ruleid: javascript.open-redirect
  return NextResponse.redirect(callbackUrl);
}

export function POST(request: NextRequest) {
  const callbackUrl = request.nextUrl.searchParams.get('callbackUrl') ?? '/';
  const url = new URL(callbackUrl, request.url);
  // ok: javascript.open-redirect
  return NextResponse.redirect(new URL(url.pathname, request.url));
}

export async function continueTo(formData: FormData) {
  'use server';
  const target = String(formData.get('target'));
  // ruleid: javascript.open-redirect
  redirect(target);
}

export async function continueToDocs(formData: FormData) {
  'use server';
  const target = new URL(String(formData.get('target')));
  if (!ALLOWED.has(target.origin)) throw new Error('not allowed');
  // ok: javascript.open-redirect
  redirect(target.toString());
}
