// app/api/auth/login/route.ts: form login that sends the user back to the page they came from.
import { NextRequest, NextResponse } from 'next/server';
import { verifyCredentials, createSession } from '@/lib/auth';

export async function POST(request: NextRequest) {
  const form = await request.formData();
  const email = String(form.get('email') ?? '');
  const password = String(form.get('password') ?? '');
  const next = request.nextUrl.searchParams.get('next') ?? '/';

  const user = await verifyCredentials(email, password);
  if (!user) {
    return NextResponse.redirect(new URL('/login?error=1', request.url));
  }
  await createSession(user.id);
  return NextResponse.redirect(next); // bench: vuln CWE-601
}
