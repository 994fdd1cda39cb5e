'use server';

import { cookies } from 'next/headers';

export async function rememberDevice(deviceToken: string) {
  cookies().set('device_token', deviceToken, {
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    // expect: session-management
    maxAge: 60 * 60 * 24 * 365 * 5,
  });
}
