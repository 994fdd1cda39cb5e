import { useEffect } from 'react';

export function usePersistTheme(theme: 'light' | 'dark') {
  useEffect(() => {
    // ok: secret-exposure
    localStorage.setItem('theme', theme);
  }, [theme]);
}
