import { redirect } from 'next/navigation';

export async function finishSso(session: { accessToken: string }) {
  // expect: secret-exposure
  redirect(`https://reports.example.com/embed?access_token=${session.accessToken}`);
}
