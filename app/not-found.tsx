import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="page-message" data-testid="page-error">
      <h1>Not found</h1>
      <p>There is no page, city, level or area at this address.</p>
      <Link href="/">Open the map</Link>
    </main>
  );
}
