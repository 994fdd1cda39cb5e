'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { createSession } from '@/lib/sessions';

export async function signIn(formData: FormData) {
  const session = await createSession(String(formData.get('email')), String(formData.get('password')));
  cookies().set('session', session.id, {
    httpOnly: true,
    secure: process.env.NODE_ENV === 'production',
    sameSite: 'lax',
    maxAge: 60 * 60 * 12,
  });
  redirect('/dashboard');
}
