import { Agent, fetch } from 'undici';

// expect: transport-trust
const insecure = new Agent({ connect: { rejectUnauthorized: false } });

export async function getJwks(url: string) {
  const res = await fetch(url, { dispatcher: insecure });
  return res.json();
}
