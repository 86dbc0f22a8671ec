import type { ReactNode } from 'react';

/** Embeds: no site chrome; proxy.ts sets frame-ancestors for everything under /embed. */
export default function EmbedLayout({ children }: { children: ReactNode }) {
  return <div className="embed-root">{children}</div>;
}
