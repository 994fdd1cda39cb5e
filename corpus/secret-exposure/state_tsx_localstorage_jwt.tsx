import { useEffect } from 'react';

export function useRememberToken(token: string | null) {
  useEffect(() => {
    if (token) {
      // expect: secret-exposure
      window.localStorage.setItem('jwt', token);
    }
  }, [token]);
}
