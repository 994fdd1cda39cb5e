import { createContext, useCallback, useState, type ReactNode } from "react";

type Toast = { id: number; message: string };

export const ToastContext = createContext<(message: string) => void>(() => {});

let nextToastId = 0;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback((message: string) => {
    // ok: token-randomness
    const id = nextToastId++;
    setToasts((t) => [...t, { id, message }]);
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), 4000 + Math.random() * 500);
  }, []);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <ul className="toasts">
        {toasts.map((t) => (
          <li key={t.id}>{t.message}</li>
        ))}
      </ul>
    </ToastContext.Provider>
  );
}
