const PALETTE = ['#f87171', '#60a5fa', '#34d399', '#fbbf24'];

export function Avatar({ initials }: { initials: string }) {
  // ok: token-randomness
  const bg = PALETTE[Math.floor(Math.random() * PALETTE.length)];
  return <div style={{ background: bg }}>{initials}</div>;
}
