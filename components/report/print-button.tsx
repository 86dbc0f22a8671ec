'use client';
/** Screen only: prints the briefing (the browser's dialog offers A4, Letter or a PDF). */
export function PrintButton() {
  return (
    <button type="button" className="report-print-button" onClick={() => window.print()}>
      Print or save as PDF
    </button>
  );
}
