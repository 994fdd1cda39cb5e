'use client';

import { useState } from 'react';

export function LoginForm() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  async function submit() {
    const res = await fetch('/api/login', { method: 'POST', body: JSON.stringify({ email, password }) });
    const { accessToken, refreshToken } = await res.json();
    // expect: secret-exposure
    localStorage.setItem('access_token', accessToken);
    // expect: secret-exposure
    localStorage.setItem('refresh_token', refreshToken);
  }

  return (
    <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <input value={email} onChange={(e) => setEmail(e.target.value)} />
      <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} />
      <button type="submit">Sign in</button>
    </form>
  );
}
