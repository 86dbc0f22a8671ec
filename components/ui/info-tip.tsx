'use client';
/**
 * A figure with its definition: the definition shows on hover and on keyboard focus (the
 * wrapper is focusable and described by it), and Escape hides it again.
 */
import { useId, useState, type ReactNode } from 'react';

export function InfoTip({
  children,
  tip,
  className,
  testId,
}: {
  children: ReactNode;
  tip: ReactNode;
  className?: string;
  testId?: string;
}) {
  const id = useId();
  const [dismissed, setDismissed] = useState(false);
  return (
    <div
      className={`info-tip ${className ?? ''}`}
      tabIndex={0}
      aria-describedby={id}
      data-testid={testId}
      data-dismissed={dismissed || undefined}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setDismissed(true);
      }}
      onBlur={() => setDismissed(false)}
      onMouseLeave={() => setDismissed(false)}
    >
      {children}
      <span role="tooltip" id={id} className="tip">
        {tip}
      </span>
    </div>
  );
}
