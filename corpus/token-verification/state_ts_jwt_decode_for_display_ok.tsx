import { jwtDecode } from 'jwt-decode';

export function Greeting({ idToken }: { idToken: string }) {
  // Display only; the API verifies the token on every request.
  // ok: token-verification
  const { name } = jwtDecode<{ name: string }>(idToken);
  return <span>Hello, {name}</span>;
}
