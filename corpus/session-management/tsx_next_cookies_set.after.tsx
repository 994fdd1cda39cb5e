'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { createSession } from '@/lib/sessions';

export async function signIn(formData: FormData) {
  const session = await createSession(String(formData.get('email')), String(formData.get('password')));
  cookies().set('session', session.id, {
    // expect: session-management
    httpOnly: false,
    secure: process.env.NODE_ENV === 'production',
    sameSite: 'lax',
    // expect: session-management
    maxAge: 60 * 60 * 24 * 365,
  });
  // expect: session-management
  cookies().set('session_user', session.userId, { maxAge: 60 * 60 * 24 * 365 });
  redirect('/dashboard');
}
